package io.asyncio4j.subprocess;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.internal.proc.PipeThreads;
import io.asyncio4j.subprocess.SubprocessOptions.Redirect;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.ReadTransport;
import io.asyncio4j.transports.SubprocessProtocol;
import io.asyncio4j.transports.SubprocessTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/** Ports CPython's test_subprocess.py SubprocessMixin cases, over real child processes. */
@Timeout(60)
@io.asyncio4j.test.LoopConfig(checkLeaks = true)
class SubprocessTest {
    private static final SubprocessOptions PIPES = SubprocessOptions.PIPES;

    static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static Subprocess sh(String cmd, SubprocessOptions o) {
        return createSubprocessShell(cmd, o);
    }

    /** Waits (on the loop, safety-netted by @Timeout) until the pump threads are gone. */
    static void awaitNoPumps() {
        Asyncio.timeout(20.0, () -> {
            while (PipeThreads.live() > 0) {
                sleep(0.01);
            }
            return null;
        });
    }

    @AfterEach
    void noPumpThreadLeftBehind() {
        Asyncio.run(() -> {
            awaitNoPumps();
            return null;
        });
        assertEquals(0, PipeThreads.live());
    }

    /** test_stdin_stdout. */
    @Test
    void stdinStdout() {
        Asyncio.run(() -> {
            Subprocess p = createSubprocessExec(List.of("cat"), PIPES);
            p.stdin().write("Python The Winner");
            p.stdin().drain();
            p.stdin().close();
            assertEquals("Python The Winner", s(p.stdout().read()));
            assertEquals(0, p.waitFor());
            assertEquals(0, p.returncode());
            return null;
        });
    }

    /** test_communicate. */
    @Test
    void communicate() {
        Asyncio.run(() -> {
            Subprocess p = createSubprocessExec(List.of("cat"), PIPES);
            Subprocess.Output out = p.communicate("Python The Winner".getBytes());
            assertEquals("Python The Winner", s(out.stdout()));
            assertEquals("", s(out.stderr()));
            assertEquals(0, p.returncode());
            return null;
        });
    }

    /** test_communicate_none_input. */
    @Test
    void communicateNoneInput() {
        Asyncio.run(() -> {
            Subprocess p = createSubprocessExec(List.of("cat"), PIPES);
            assertEquals("", s(p.communicate().stdout()));
            assertEquals(0, p.returncode());
            return null;
        });
    }

    /** test_shell. */
    @Test
    void shell() {
        Asyncio.run(() -> {
            Subprocess p = sh("exit 7", SubprocessOptions.DEFAULT);
            assertNull(p.stdin());
            assertNull(p.stdout());
            assertNull(p.stderr());
            assertEquals(7, p.waitFor());
            return null;
        });
    }

    /** test_kill. */
    @Test
    void kill() {
        Asyncio.run(() -> {
            Subprocess p = createSubprocessExec(List.of("sleep", "100"), SubprocessOptions.DEFAULT);
            assertNull(p.returncode());
            p.kill();
            assertEquals(-9, p.waitFor());
            return null;
        });
    }

    /** test_terminate. */
    @Test
    void terminate() {
        Asyncio.run(() -> {
            Subprocess p = createSubprocessExec(List.of("sleep", "100"), SubprocessOptions.DEFAULT);
            p.terminate();
            assertEquals(-15, p.waitFor());
            return null;
        });
    }

    /** Signalling a child keeps what it already wrote readable (the pipes stay open until EOF). */
    @Test
    void terminateKeepsBufferedOutput() {
        Asyncio.run(() -> {
            Subprocess p = sh("printf out; exec sleep 100", PIPES.withStdin(Redirect.DEVNULL));
            assertEquals("o", s(p.stdout().readexactly(1)));
            p.terminate();
            Subprocess.Output o = p.communicate();
            assertEquals("ut", s(o.stdout()));
            assertEquals("", s(o.stderr()));
            assertEquals(-15, p.returncode());
            return null;
        });
    }

    /** test_streams.py test_read_all_from_pipe_reader: a reader limit far below the output still reads it all. */
    @Test
    void readAllWithTinyLimit() {
        Asyncio.run(() -> {
            Subprocess p = sh("i=0; while [ $i -lt 1000 ]; do printf data; i=$((i+1)); done",
                    PIPES.withStdin(Redirect.DEVNULL).withLimit(1));
            assertEquals("data".repeat(1000), s(p.stdout().read()));
            assertEquals(0, p.waitFor());
            return null;
        });
    }

    /** stdin's StreamWriter: close() then waitClosed() returns once the pipe is closed; the child sees EOF. */
    @Test
    void stdinWaitClosed() {
        Asyncio.run(() -> {
            Subprocess p = createSubprocessExec(List.of("wc", "-c"), PIPES);
            p.stdin().write("12345");
            assertTrue(p.stdin().canWriteEof());
            p.stdin().close();
            assertTrue(p.stdin().isClosing());
            p.stdin().waitClosed();
            assertEquals("5", s(p.stdout().read()).strip());
            assertEquals(0, p.waitFor());
            return null;
        });
    }

    /** test_subprocess_communicate_stdout: only stdout is a pipe. */
    @Test
    void communicateStdoutOnly() {
        Asyncio.run(() -> {
            Subprocess p = sh("echo hi", SubprocessOptions.DEFAULT.withStdin(Redirect.DEVNULL).withStdout(Redirect.PIPE));
            Subprocess.Output o = p.communicate();
            assertEquals("hi\n", s(o.stdout()));
            assertNull(o.stderr());
            assertEquals(0, p.returncode());
            return null;
        });
    }

    /** stdin flow control: a child that reads slowly makes drain() wait, and everything arrives. */
    @Test
    void stdinFlowControl() {
        Asyncio.run(() -> {
            Subprocess p = createSubprocessExec(List.of("wc", "-c"), PIPES);
            byte[] chunk = new byte[64 * 1024];
            int maxBuffered = 0;
            for (int i = 0; i < 64; i++) {
                p.stdin().write(chunk);
                maxBuffered = Math.max(maxBuffered, p.stdin().transport().getWriteBufferSize());
                p.stdin().drain();
            }
            p.stdin().close();
            assertEquals(String.valueOf(64 * 64 * 1024), s(p.stdout().read()).strip());
            assertTrue(maxBuffered <= p.stdin().transport().getWriteBufferHighLimit() + chunk.length, "buffered " + maxBuffered);
            assertEquals(0, p.waitFor());
            return null;
        });
    }

    /** test_send_signal: the child says it is ready, then gets SIGHUP. */
    @Test
    void sendSignal() {
        Asyncio.run(() -> {
            Subprocess p = sh("echo ready; exec sleep 100", PIPES.withStdin(Redirect.DEVNULL));
            assertEquals("ready\n", s(p.stdout().readline()));
            p.sendSignal("SIGHUP");
            assertEquals(-1, p.waitFor());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.sendSignal("HUP"));
            assertTrue(e.getMessage().contains("ProcessLookupError"));
            assertThrows(IllegalArgumentException.class, () -> p.transport().sendSignal("NOPE"));
            return null;
        });
    }

    /** test_stdin_broken_pipe: the child exits while we write; drain() raises a broken-pipe IOException. */
    @Test
    void stdinBrokenPipe() {
        Asyncio.run(() -> {
            Subprocess p = createSubprocessExec(List.of("head", "-c", "1"), PIPES.withStdout(Redirect.DEVNULL));
            p.stdin().write(new byte[4 << 20]);
            Exception e = assertThrows(Exception.class, () -> p.stdin().drain());
            assertInstanceOf(IOException.class, e);
            // Later writes fail with the same clear error instead of vanishing.
            assertSame(e, assertThrows(Exception.class, () -> p.stdin().write("more")));
            assertEquals(0, p.waitFor());
            return null;
        });
    }

    /** test_communicate_ignore_broken_pipe. */
    @Test
    void communicateIgnoresBrokenPipe() {
        Asyncio.run(() -> {
            Subprocess p = createSubprocessExec(List.of("true"), PIPES.withStdout(Redirect.DEVNULL).withStderr(Redirect.DEVNULL));
            Subprocess.Output out = p.communicate(new byte[4 << 20]);
            assertNull(out.stdout());
            assertEquals(0, p.returncode());
            return null;
        });
    }

    /** Writing to the stdin of a child that already exited raises a broken-pipe IOException, not a state error. */
    @Test
    void writeAfterChildExited() {
        Asyncio.run(() -> {
            Subprocess p = createSubprocessExec(List.of("true"), PIPES);
            assertEquals(0, p.waitFor());
            Exception e = assertThrows(Exception.class, () -> p.stdin().write("late"));
            assertInstanceOf(IOException.class, e);
            assertTrue(e.getMessage().contains("Broken pipe"), e.getMessage());
            return null;
        });
    }

    /** test_pause_reading: a full reader (over 2 x limit) stops the pump; reading resumes it. */
    @Test
    void pauseReading() {
        Asyncio.run(() -> {
            int limit = 10;
            Subprocess p = createSubprocessExec(List.of("head", "-c", "100000", "/dev/zero"),
                    PIPES.withStdin(Redirect.DEVNULL).withLimit(limit));
            ReadTransport pipe = (ReadTransport) p.transport().getPipeTransport(1);
            while (p.stdout().buffered() <= 2 * limit) {
                sleep(0.005);
            }
            assertFalse(pipe.isReading());
            int before = p.stdout().buffered();
            assertTrue(before < 100000, "the pump stopped reading: " + before);
            assertEquals(100000, p.stdout().read().length);
            assertEquals(0, p.waitFor());
            return null;
        });
    }

    /** test_empty_input. */
    @Test
    void emptyInput() {
        Asyncio.run(() -> {
            Subprocess p = createSubprocessExec(List.of("cat"), PIPES);
            assertEquals("", s(p.communicate(new byte[0]).stdout()));
            assertEquals(0, p.returncode());
            return null;
        });
    }

    /** test_devnull_input. */
    @Test
    void devnullInput() {
        Asyncio.run(() -> {
            Subprocess p = createSubprocessExec(List.of("cat"), PIPES.withStdin(Redirect.DEVNULL));
            assertNull(p.stdin());
            assertEquals("", s(p.communicate().stdout()));
            assertEquals(0, p.returncode());
            return null;
        });
    }

    /** test_devnull_output. */
    @Test
    void devnullOutput() {
        Asyncio.run(() -> {
            Subprocess p = createSubprocessExec(List.of("cat"), PIPES.withStdout(Redirect.DEVNULL));
            Subprocess.Output out = p.communicate("abc".getBytes());
            assertNull(out.stdout());
            assertEquals(0, p.returncode());
            return null;
        });
    }

    /** test_devnull_error. */
    @Test
    void devnullError() {
        Asyncio.run(() -> {
            Subprocess p = sh("echo oops 1>&2; echo fine", PIPES.withStderr(Redirect.DEVNULL));
            Subprocess.Output out = p.communicate();
            assertEquals("fine\n", s(out.stdout()));
            assertNull(out.stderr());
            return null;
        });
    }

    /** stderr=STDOUT merges the child's stderr into its stdout pipe. */
    @Test
    void stderrIntoStdout() {
        Asyncio.run(() -> {
            Subprocess p = sh("echo out; echo err 1>&2", PIPES.withStderr(Redirect.STDOUT));
            assertNull(p.stderr());
            assertEquals("out\nerr\n", s(p.communicate().stdout()));
            return null;
        });
    }

    /** Invalid redirections are refused with a clear message. */
    @Test
    void invalidRedirections() {
        Asyncio.run(() -> {
            assertThrows(IllegalArgumentException.class, () -> createSubprocessExec(List.of("true"), PIPES.withStdout(Redirect.STDOUT)));
            assertThrows(IllegalArgumentException.class,
                    () -> createSubprocessExec(List.of("true"), SubprocessOptions.DEFAULT.withStderr(Redirect.STDOUT)));
            assertThrows(IllegalArgumentException.class, () -> createSubprocessExec(List.of(), PIPES));
            assertThrows(IllegalArgumentException.class, () -> createSubprocessExec(List.of("true"), PIPES.withLimit(0)));
            return null;
        });
    }

    /** test_cancel_process_wait: cancelling wait() leaves the child running; it can still be killed. */
    @Test
    void cancelProcessWait() {
        Asyncio.run(() -> {
            Subprocess p = createSubprocessExec(List.of("sleep", "100"), SubprocessOptions.DEFAULT);
            Task<Integer> t = createTask(p::waitFor);
            sleep(0.01);
            t.cancel();
            assertThrows(io.asyncio4j.CancelledError.class, t::await);
            assertNull(p.returncode());
            p.kill();
            assertEquals(-9, p.waitFor());
            return null;
        });
    }

    /** test_close_kill_running: closing the transport kills a running child. */
    @Test
    void closeKillsRunning() {
        Asyncio.run(() -> {
            Subprocess p = createSubprocessExec(List.of("sleep", "100"), SubprocessOptions.DEFAULT);
            p.transport().close();
            assertEquals(-9, p.waitFor());
            return null;
        });
    }

    /** test_close_dont_kill_finished. */
    @Test
    void closeDoesNotKillFinished() {
        Asyncio.run(() -> {
            Subprocess p = createSubprocessExec(List.of("true"), SubprocessOptions.DEFAULT);
            assertEquals(0, p.waitFor());
            p.transport().close();
            assertEquals(0, p.returncode());
            return null;
        });
    }

    /** test_popen_error. */
    @Test
    void popenError() {
        Asyncio.run(() -> {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> createSubprocessExec(List.of("/nonexistent/program"), PIPES));
            assertTrue(e.getMessage().contains("/nonexistent/program"));
            return null;
        });
    }

    /** test_read_stdout_after_process_exit. */
    @Test
    void readStdoutAfterProcessExit() {
        Asyncio.run(() -> {
            Subprocess p = sh("echo hello", PIPES);
            assertEquals(0, p.waitFor());
            assertEquals("hello\n", s(p.stdout().read()));
            return null;
        });
    }

    /** test_create_subprocess_env_shell / test_create_subprocess_env_exec, and cwd. */
    @Test
    void envAndCwd() {
        Asyncio.run(() -> {
            Subprocess p = sh("echo \"$FOO\"; pwd", PIPES.withEnv(Map.of("FOO", "bar", "PATH", "/usr/bin:/bin"))
                    .withCwd(Path.of("/tmp")));
            assertEquals("bar\n/tmp\n", s(p.communicate().stdout()));
            Subprocess q = createSubprocessExec(List.of("env"), PIPES.withEnv(Map.of("ONLY", "me")));
            assertEquals("ONLY=me\n", s(q.communicate().stdout()));
            return null;
        });
    }

    /** test_subprocess_concurrent_wait. */
    @Test
    void concurrentWait() {
        Asyncio.run(() -> {
            Subprocess p = sh("exit 3", SubprocessOptions.DEFAULT);
            Task<Integer> a = createTask(p::waitFor);
            Task<Integer> b = createTask(p::waitFor);
            assertEquals(List.of(3, 3), gather(a, b).await());
            return null;
        });
    }

    /** test_subprocess_protocol_events: every low-level protocol method is called, per-fd in order. */
    @Test
    void protocolEvents() {
        List<String> events = new ArrayList<>();
        Asyncio.run(() -> {
            EventLoop loop = getRunningLoop();
            Future<Void> done = loop.createFuture();
            SubprocessProtocol proto = new SubprocessProtocol() {
                @Override
                public void pipeDataReceived(int fd, ByteBuffer data) {
                    events.add("data " + fd + " " + StandardCharsets.UTF_8.decode(data));
                }

                @Override
                public void pipeConnectionLost(int fd, Throwable exc) {
                    events.add("lost " + fd + " " + exc);
                }

                @Override
                public void processExited() {
                    events.add("exited");
                }

                @Override
                public void connectionLost(Throwable exc) {
                    events.add("connectionLost");
                    done.setResult(null);
                }
            };
            Connection<SubprocessTransport, SubprocessProtocol> c = loop.subprocessShell(() -> proto,
                    "printf stdout; printf stderr 1>&2", PIPES.withStdin(Redirect.DEVNULL));
            assertTrue(c.transport().getPid() > 0);
            done.await();
            assertEquals(0, c.transport().getReturncode());
            c.transport().close();
            return null;
        });
        Set<String> expected = Set.of("data 1 stdout", "data 2 stderr", "lost 1 null", "lost 2 null", "exited", "connectionLost");
        assertEquals(expected, new HashSet<>(events));
        assertTrue(events.indexOf("data 1 stdout") < events.indexOf("lost 1 null"));
        assertTrue(events.indexOf("data 2 stderr") < events.indexOf("lost 2 null"));
        assertEquals("connectionLost", events.get(events.size() - 1));
    }

    /**
     * test_stdin_not_inheritable: the parent's end of one child's stdin must not leak into a
     * second child, or the first would never see EOF and communicate() would hang.
     */
    @Test
    void stdinNotInheritable() {
        Asyncio.run(() -> {
            Subprocess first = createSubprocessExec(List.of("wc", "-c"), PIPES);
            Subprocess second = createSubprocessExec(List.of("sleep", "100"), SubprocessOptions.DEFAULT);
            Subprocess.Output out = first.communicate("abc".getBytes());
            assertEquals("3", s(out.stdout()).strip());
            assertEquals(0, first.returncode());
            second.kill();
            assertEquals(-9, second.waitFor());
            return null;
        });
    }

    /**
     * test_kill_issue43884: killing a shell whose own child still holds the stdout pipe reports
     * the shell's SIGKILL once that pipe closes too.
     */
    @Test
    void killIssue43884() {
        Asyncio.run(() -> {
            Subprocess p = sh("echo started; sleep 1; sleep 1", PIPES.withStdin(Redirect.DEVNULL));
            assertEquals("started\n", s(p.stdout().readline()));
            p.kill();
            assertEquals(-9, p.waitFor());
            return null;
        });
    }

    /**
     * test_subprocess_send_signal_race: signalling a child that may just have exited either
     * reaches it or raises ProcessLookupError; the status is never a bogus 255.
     */
    @Test
    void sendSignalRace() {
        Asyncio.run(() -> {
            for (int i = 0; i < 10; i++) {
                Subprocess p = createSubprocessExec(List.of("sleep", "0.1"), SubprocessOptions.DEFAULT);
                sleep(0.1);
                try {
                    p.sendSignal("SIGUSR1");
                } catch (IllegalStateException processLookupError) {
                    assertTrue(processLookupError.getMessage().contains("ProcessLookupError"));
                }
                int rc = p.waitFor();
                assertNotEquals(255, rc);
                assertTrue(rc == 0 || rc == -10, "returncode " + rc);
            }
            return null;
        });
    }

    /**
     * test_popen_error_with_stdin_pipe: a child that cannot be started leaves no pipe, pump
     * thread or transport behind.
     */
    @Test
    void popenErrorWithStdinPipe() {
        int transports = io.asyncio4j.internal.OpenResources.subprocessTransports();
        long fds = fdCount();
        Asyncio.run(() -> {
            assertThrows(UncheckedIOException.class, () -> createSubprocessExec(List.of("/nonexistent/program"), PIPES));
            return null;
        });
        assertEquals(0, PipeThreads.live());
        assertEquals(transports, io.asyncio4j.internal.OpenResources.subprocessTransports());
        assertEquals(fds, fdCount());
    }

    private static long fdCount() {
        try (var s = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** No pump thread survives many short-lived children, including ones whose stdin was never closed. */
    @Test
    void noThreadPerProcessLeftBehind() {
        Asyncio.run(() -> {
            List<Subprocess> ps = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ps.add(sh("echo " + i, PIPES));
            }
            assertTrue(PipeThreads.live() > 0);
            for (int i = 0; i < ps.size(); i++) {
                assertEquals(i + "\n", s(ps.get(i).stdout().read()));
                assertEquals(0, ps.get(i).waitFor());
            }
            awaitNoPumps();
            return null;
        });
    }
}
