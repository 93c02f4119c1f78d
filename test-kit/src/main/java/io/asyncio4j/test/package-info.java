/**
 * JUnit 5 support for testing code written with asyncio4j (artifact {@code asyncio4j-test}):
 * {@link io.asyncio4j.test.LoopExtension} gives each test a fresh event loop on a virtual clock
 * (or a real one, chosen with {@link io.asyncio4j.test.LoopConfig}), fails the test on exceptions
 * the loop reported and nobody took ({@link io.asyncio4j.test.LoopErrors}), and can check that a
 * test class closed every loop, transport, process, socket and thread it opened
 * ({@link io.asyncio4j.test.LeakCheck}). The Java counterpart of asyncio's
 * {@code IsolatedAsyncioTestCase} and kotlinx-coroutines-test's {@code runTest}.
 */
package io.asyncio4j.test;
