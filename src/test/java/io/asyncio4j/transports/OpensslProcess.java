package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.internal.net.tls.TestCerts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An {@code openssl s_server} or {@code s_client} from the system, started by a test. Its output
 * is read by a daemon thread; the test awaits lines through {@link Asyncio#toThread} so the loop
 * never blocks. Every other blocking step (starting the process, writing to its stdin, waiting
 * for its exit) also moves to another thread when called from a task, so the suite passes under
 * BlockHound ({@code -Pblockhound}). Tests skip (JUnit assumption) when {@code openssl} is not
 * installed.
 */
final class OpensslProcess implements AutoCloseable {
    private static Boolean available;
    private static Path bothPem;

    final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** Completed with the port from s_server's "ACCEPT host:port" line. */
    final CompletableFuture<Integer> port = new CompletableFuture<>();

    private OpensslProcess(List<String> cmd) throws IOException {
        process = offLoop(() -> new ProcessBuilder(cmd).redirectErrorStream(true).start());
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.startsWith("ACCEPT ") && !port.isDone()) {
                        port.complete(Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim()));
                    }
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // The process ended.
            } finally {
                port.completeExceptionally(new IllegalStateException("openssl exited without listening:\n" + output));
            }
        }, "openssl-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * {@return {@code fn}'s result} Runs it through {@link Asyncio#toThread} when called from a
     * task or loop callback, directly otherwise.
     */
    private static <T> T offLoop(java.util.concurrent.Callable<T> fn) throws IOException {
        if (io.asyncio4j.internal.loop.LoopRuntime.runningOnThisThread() != null) {
            return Asyncio.toThread(fn);
        }
        try {
            return fn.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Skips the calling test unless {@code openssl} runs. */
    static synchronized void assumeAvailable() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        assumeTrue(available, "openssl is not installed (apt-get install openssl): skipping the real-peer TLS test");
    }

    /** {@return the test key and certificate in one PEM file, for s_server} */
    static synchronized Path bothPem() throws IOException, InterruptedException {
        if (bothPem == null) {
            Path out = TestCerts.dir().resolve("both.pem");
            Process p = new ProcessBuilder("openssl", "pkcs12", "-in", TestCerts.dir().resolve("server.p12").toString(),
                    "-nodes", "-passin", "pass:" + TestCerts.PASSWORD, "-out", out.toString())
                    .redirectErrorStream(true).start();
            String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("openssl pkcs12 failed: " + msg);
            }
            out.toFile().deleteOnExit();
            bothPem = out;
        }
        return bothPem;
    }

    /**
     * Starts {@code openssl s_server} on a free loopback port for one connection, answering with
     * the test certificate for {@code localhost} (also as the SNI "secondary context", so that it
     * logs the SNI name it received).
     *
     * @param extra more options, e.g. {@code -tls1_3}, {@code -rev}
     */
    static OpensslProcess server(String... extra) throws IOException, InterruptedException {
        String pem = bothPem().toString();
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0", "-naccept", "1",
                "-cert", pem, "-servername", "localhost", "-cert2", pem));
        cmd.addAll(List.of(extra));
        return new OpensslProcess(cmd);
    }

    /**
     * Starts {@code openssl s_client} against {@code port}, verifying the server's certificate and
     * name and failing on a verification error. Its stdin stays open until {@link #closeInput()}.
     *
     * @param extra more options, e.g. {@code -tls1_2}
     */
    static OpensslProcess client(int port, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-CAfile", TestCerts.certPem().toString(), "-verify_return_error", "-verify_hostname", "localhost",
                "-quiet", "-no_ign_eof"));
        cmd.addAll(List.of(extra));
        return new OpensslProcess(cmd);
    }

    /** {@return s_server's port} Suspends the current task until it listens. */
    int awaitPort() {
        return Asyncio.await(port);
    }

    /**
     * {@return the next output line equal to {@code want}, skipping others} Suspends the task
     * (the wait runs on another thread).
     *
     * @param want the line
     */
    String awaitLine(String want) {
        return Asyncio.toThread(() -> {
            while (true) {
                String line = lines.poll((long) NetTesting.TIMEOUT, TimeUnit.SECONDS);
                if (line == null) {
                    throw new AssertionError("openssl did not print \"" + want + "\"; output so far:\n" + output);
                }
                if (line.equals(want)) {
                    return line;
                }
            }
        });
    }

    /** Sends {@code text} to the process's stdin. */
    void send(String text) throws IOException {
        offLoop(() -> {
            OutputStream in = process.getOutputStream();
            in.write(text.getBytes(StandardCharsets.UTF_8));
            in.flush();
            return null;
        });
    }

    /** Closes stdin: s_client then sends close_notify and exits. */
    void closeInput() throws IOException {
        offLoop(() -> {
            process.getOutputStream().close();
            return null;
        });
    }

    /** {@return the exit code} Suspends the task until the process ends. */
    int awaitExit() {
        return Asyncio.await(process.onExit()).exitValue();
    }

    /**
     * {@return everything printed so far} Once the process has exited, waits for the reader
     * thread to drain the pipe first: the exit can be seen before its last lines are read.
     */
    String output() {
        if (!process.isAlive()) {
            try {
                offLoop(() -> {
                    reader.join(TimeUnit.SECONDS.toMillis(10));
                    return null;
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return output.toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            offLoop(() -> {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                return null;
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
