/**
 * Child processes driven by the event loop: asyncio's {@code asyncio.subprocess}.
 *
 * <p>{@link io.asyncio4j.subprocess.Subprocesses} mirrors {@code create_subprocess_exec} and
 * {@code create_subprocess_shell}; the {@link io.asyncio4j.subprocess.Subprocess} it returns
 * mirrors asyncio's {@code Process} ({@code communicate}, {@code wait} (here {@code waitFor}, as {@code Object.wait} is taken), {@code sendSignal},
 * {@code terminate}, {@code kill}, and stream access to the child's stdin, stdout and stderr).
 * {@link io.asyncio4j.subprocess.SubprocessOptions} carries asyncio's keyword arguments.
 */
package io.asyncio4j.subprocess;
