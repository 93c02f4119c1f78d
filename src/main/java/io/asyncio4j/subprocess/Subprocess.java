package io.asyncio4j.subprocess;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.transports.BaseTransport;
import io.asyncio4j.transports.SubprocessTransport;

import java.io.IOException;

/**
 * A child process started by {@link Subprocesses#createSubprocessExec} or
 * {@link Subprocesses#createSubprocessShell}: asyncio's {@code asyncio.subprocess.Process}.
 *
 * {@snippet :
 * Subprocess p = Asyncio.createSubprocessExec(List.of("sort"), SubprocessOptions.PIPES);
 * Subprocess.Output out = p.communicate("b\na\n".getBytes());
 * // out.stdout() is "a\nb\n", p.returncode() is 0
 * }
 *
 * <p>Threading: use it on its loop's thread; {@link #waitFor()} and {@link #communicate} suspend
 * the current task. No native code: the pipes are pumped by small daemon threads named
 * {@code asyncio4j-pipe-<pid>-<stream>}, which end when the pipes close. Wait for the child (or
 * close {@link #transport()}, which kills it) before the loop closes: a child still running then
 * keeps its (daemon) pump threads until it exits.
 *
 * <p><b>Differences from asyncio.</b> {@code wait()} is {@link #waitFor()} ({@code wait()} is
 * final in {@link Object}). A child killed by a signal this process sent reports {@code -N} as in
 * asyncio; killed by a signal from elsewhere, the JDK reports {@code 128+N}.
 */
public class Subprocess {
    private final SubprocessTransport transport;
    private final SubprocessStreamProtocol protocol;
    private final EventLoop loop;

    Subprocess(SubprocessTransport transport, SubprocessStreamProtocol protocol, EventLoop loop) {
        this.transport = transport;
        this.protocol = protocol;
        this.loop = loop;
    }

    /** What {@link #communicate} returns: the child's whole stdout and stderr.
     * @param stdout the stdout bytes, or {@code null} if stdout was not a pipe
     * @param stderr the stderr bytes, or {@code null} if stderr was not a pipe */
    public record Output(byte[] stdout, byte[] stderr) {
    }

    /** {@return the writer to the child's stdin, or {@code null} unless stdin is a pipe} */
    public StreamWriter stdin() {
        return protocol.stdin;
    }

    /** {@return the reader of the child's stdout, or {@code null} unless stdout is a pipe} */
    public StreamReader stdout() {
        return protocol.stdout;
    }

    /** {@return the reader of the child's stderr, or {@code null} unless stderr is a pipe} */
    public StreamReader stderr() {
        return protocol.stderr;
    }

    /** {@return the child's process id} */
    public long pid() {
        return transport.getPid();
    }

    /** {@return the exit code, or {@code null} while the child runs} asyncio's {@code returncode}. */
    public Integer returncode() {
        return transport.getReturncode();
    }

    /** {@return the low-level transport} */
    public SubprocessTransport transport() {
        return transport;
    }

    /**
     * Suspends the current task until the child exited and its pipes are closed: asyncio's
     * {@code wait()}. Beware: with {@code stdout=PIPE} and nobody reading, a chatty child blocks
     * on the full pipe and never exits; use {@link #communicate} then.
     *
     * @return the exit code
     */
    public int waitFor() {
        return protocol.waitExit();
    }

    /**
     * Sends {@code input} to stdin (then closes it), reads stdout and stderr to the end and waits
     * for the exit: asyncio's {@code communicate(input)}. A child that exits without reading its
     * input is not an error (the broken pipe is ignored, as in asyncio).
     *
     * @param input the bytes for stdin, or {@code null}
     * @return the output
     */
    public Output communicate(byte[] input) {
        Future<Void> in = protocol.stdin != null ? Asyncio.createTask(() -> feedStdin(input)) : null;
        Future<byte[]> out = protocol.stdout != null ? Asyncio.createTask(() -> readStream(1)) : null;
        Future<byte[]> err = protocol.stderr != null ? Asyncio.createTask(() -> readStream(2)) : null;
        java.util.List<Future<?>> all = new java.util.ArrayList<>(3);
        for (Future<?> f : new Future<?>[]{in, out, err}) {
            if (f != null) {
                all.add(f);
            }
        }
        Asyncio.gather(all.toArray(Future<?>[]::new)).await();
        waitFor();
        return new Output(out != null ? out.result() : null, err != null ? err.result() : null);
    }

    /** {@return the output} Like {@link #communicate(byte[])} with no input. */
    public Output communicate() {
        return communicate(null);
    }

    private Void feedStdin(byte[] input) {
        StreamWriter w = protocol.stdin;
        try {
            if (input != null) {
                w.write(input);
            }
            w.drain();
        } catch (CancelledError e) {
            throw e;
        } catch (Exception e) {
            if (!(e instanceof IOException)) {
                throw e;
            }
            // asyncio's communicate ignores BrokenPipeError/ConnectionResetError: the child
            // simply did not want (all of) its input.
        }
        w.close();
        return null;
    }

    private byte[] readStream(int fd) {
        StreamReader r = fd == 1 ? protocol.stdout : protocol.stderr;
        byte[] data = r.read();
        BaseTransport pipe = transport.getPipeTransport(fd);
        if (pipe != null) {
            pipe.close();
        }
        return data;
    }

    /**
     * Sends a signal: asyncio's {@code send_signal}.
     *
     * @param signal "TERM", "KILL", "INT", "HUP", "USR1", ... (with or without "SIG") or a number
     * @throws IllegalStateException if the child has exited (asyncio's ProcessLookupError)
     */
    public void sendSignal(String signal) {
        transport.sendSignal(signal);
    }

    /** Sends SIGTERM: asyncio's {@code terminate}. */
    public void terminate() {
        transport.terminate();
    }

    /** Sends SIGKILL: asyncio's {@code kill}. */
    public void kill() {
        transport.kill();
    }

    @Override
    public String toString() {
        return "Subprocess " + pid();
    }
}
