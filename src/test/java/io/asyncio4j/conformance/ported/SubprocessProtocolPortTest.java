package io.asyncio4j.conformance.ported;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.test.LoopExtension;
import io.asyncio4j.subprocess.SubprocessOptions;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.SubprocessProtocol;
import io.asyncio4j.transports.SubprocessTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ports of CPython 3.13 {@code test_events.py} SubprocessTestsMixin cases: the protocol-level
 * subprocess API ({@code loop.subprocess_exec/shell}). {@code cat} stands for CPython's
 * {@code echo.py} (it echoes stdin until killed), a shell one-liner for {@code echo2.py}.
 */
@ExtendWith(LoopExtension.class)
class SubprocessProtocolPortTest {
    /** test_events.py's MySubprocessProtocol, reduced to what these cases look at. */
    static final class MySubprocessProtocol implements SubprocessProtocol {
        final Future<Void> connected;
        final Future<Void> completed;
        final java.util.Set<Integer> disconnected = new java.util.TreeSet<>();
        Future<Void> gotStdout;
        final StringBuilder[] data = {null, new StringBuilder(), new StringBuilder()};
        SubprocessTransport transport;
        Integer returncode;

        MySubprocessProtocol(EventLoop loop) {
            connected = loop.createFuture();
            completed = loop.createFuture();
            gotStdout = loop.createFuture();
        }

        @Override
        public void pipeDataReceived(int fd, ByteBuffer bytes) {
            data[fd].append(StandardCharsets.US_ASCII.decode(bytes));
            if (fd == 1 && !gotStdout.done()) {
                gotStdout.setResult(null);
            }
        }

        @Override
        public void connectionMade(SubprocessTransport transport) {
            this.transport = transport;
            connected.setResult(null);
        }

        @Override
        public void pipeConnectionLost(int fd, Throwable exc) {
            disconnected.add(fd);
        }

        @Override
        public void processExited() {
            returncode = transport.getReturncode();
        }

        @Override
        public void connectionLost(Throwable exc) {
            completed.setResult(null);
        }
    }

    private static Connection<SubprocessTransport, MySubprocessProtocol> exec(EventLoop loop, List<String> args,
                                                                             SubprocessOptions options) {
        return loop.runUntilComplete(() -> loop.subprocessExec(() -> new MySubprocessProtocol(loop), args, options));
    }

    /** Ports test_events.py SubprocessTestsMixin.test_subprocess_exitcode: the exit status reaches the protocol. */
    @Test
    void exitStatusReachesTheProtocol(EventLoop loop) {
        Connection<SubprocessTransport, MySubprocessProtocol> c = loop.runUntilComplete(() -> loop.subprocessShell(
                () -> new MySubprocessProtocol(loop), "exit 7", SubprocessOptions.DEFAULT));
        loop.runUntilComplete(c.protocol().completed);
        assertEquals(7, c.protocol().returncode);
        c.transport().close();
    }

    /** Ports test_events.py SubprocessTestsMixin.test_subprocess_kill: a killed child exits with -SIGKILL. */
    @Test
    void killedChildExitsWithMinusSigkill(EventLoop loop) {
        Connection<SubprocessTransport, MySubprocessProtocol> c = exec(loop, List.of("cat"), SubprocessOptions.PIPES);
        loop.runUntilComplete(c.protocol().connected);
        c.transport().kill();
        loop.runUntilComplete(c.protocol().completed);
        assertEquals(-9, c.protocol().returncode);
        c.transport().close();
    }

    /** Ports test_events.py SubprocessTestsMixin.test_subprocess_terminate: a terminated child exits with -SIGTERM. */
    @Test
    void terminatedChildExitsWithMinusSigterm(EventLoop loop) {
        Connection<SubprocessTransport, MySubprocessProtocol> c = exec(loop, List.of("cat"), SubprocessOptions.PIPES);
        loop.runUntilComplete(c.protocol().connected);
        c.transport().terminate();
        loop.runUntilComplete(c.protocol().completed);
        assertEquals(-15, c.protocol().returncode);
        c.transport().close();
    }

    /** Ports test_events.py SubprocessTestsMixin.test_subprocess_send_signal: a child ended by SIGHUP exits with -SIGHUP. */
    @Test
    void signalledChildExitsWithMinusTheSignal(EventLoop loop) {
        Connection<SubprocessTransport, MySubprocessProtocol> c = exec(loop, List.of("cat"), SubprocessOptions.PIPES);
        loop.runUntilComplete(c.protocol().connected);
        c.transport().sendSignal("HUP");
        loop.runUntilComplete(c.protocol().completed);
        assertEquals(-1, c.protocol().returncode);
        c.transport().close();
    }

    /** CPython's echo2.py: reads one chunk, writes it to stdout and stderr with OUT:/ERR: prefixes. */
    private static final List<String> ECHO2 = List.of("sh", "-c",
            "d=$(head -c 4); printf 'OUT:%s' \"$d\"; printf 'ERR:%s' \"$d\" >&2");

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Ports test_events.py SubprocessTestsMixin.test_subprocess_exec: what is written to the child's
     * stdin pipe comes back on its stdout; closing the transport kills the child.
     */
    @Test
    void pipesCarryDataAndCloseKillsTheChild(EventLoop loop) {
        // After its stdin closes the child keeps running (exec sleep, same pid), so only the kill ends it.
        Connection<SubprocessTransport, MySubprocessProtocol> c = exec(loop,
                List.of("sh", "-c", "cat; exec sleep 3600"), SubprocessOptions.PIPES);
        MySubprocessProtocol proto = c.protocol();
        loop.runUntilComplete(proto.connected);
        ((io.asyncio4j.transports.WriteTransport) c.transport().getPipeTransport(0)).write(ascii("Python The Winner"));
        loop.runUntilComplete(proto.gotStdout);
        c.transport().close();
        loop.runUntilComplete(proto.completed);
        assertEquals(-9, proto.returncode);
        assertEquals("Python The Winner", proto.data[1].toString());
    }

    /**
     * Ports test_events.py SubprocessTestsMixin.test_subprocess_close_after_finish: without pipes
     * there are no pipe transports, and closing after the exit keeps the exit status.
     */
    @Test
    void closeAfterTheChildFinished(EventLoop loop) {
        Connection<SubprocessTransport, MySubprocessProtocol> c = loop.runUntilComplete(() -> loop.subprocessShell(
                () -> new MySubprocessProtocol(loop), "exit 7", SubprocessOptions.DEFAULT));
        for (int fd = 0; fd < 3; fd++) {
            assertNull(c.transport().getPipeTransport(fd));
        }
        loop.runUntilComplete(c.protocol().completed);
        assertEquals(7, c.protocol().returncode);
        c.transport().close();
        assertEquals(7, c.transport().getReturncode());
    }

    /** Ports test_events.py SubprocessTestsMixin.test_subprocess_stderr: stdout and stderr arrive on their own pipes. */
    @Test
    void stdoutAndStderrArriveSeparately(EventLoop loop) {
        Connection<SubprocessTransport, MySubprocessProtocol> c = exec(loop, ECHO2, SubprocessOptions.PIPES);
        MySubprocessProtocol proto = c.protocol();
        loop.runUntilComplete(proto.connected);
        ((io.asyncio4j.transports.WriteTransport) c.transport().getPipeTransport(0)).write(ascii("test"));
        loop.runUntilComplete(proto.completed);
        c.transport().close();
        assertEquals("OUT:test", proto.data[1].toString());
        assertTrue(proto.data[2].toString().startsWith("ERR:test"), proto.data[2].toString());
        assertEquals(0, proto.returncode);
    }

    /**
     * Ports test_events.py SubprocessTestsMixin.test_subprocess_stderr_redirect_to_stdout: with
     * stderr merged into stdout there is no stderr pipe and both outputs arrive on stdout.
     */
    @Test
    void stderrRedirectedToStdout(EventLoop loop) {
        Connection<SubprocessTransport, MySubprocessProtocol> c = exec(loop, ECHO2,
                SubprocessOptions.PIPES.withStderr(SubprocessOptions.Redirect.STDOUT));
        MySubprocessProtocol proto = c.protocol();
        loop.runUntilComplete(proto.connected);
        assertNotNull(c.transport().getPipeTransport(1));
        assertNull(c.transport().getPipeTransport(2));
        ((io.asyncio4j.transports.WriteTransport) c.transport().getPipeTransport(0)).write(ascii("test"));
        loop.runUntilComplete(proto.completed);
        assertTrue(proto.data[1].toString().startsWith("OUT:testERR:test"), proto.data[1].toString());
        assertEquals("", proto.data[2].toString());
        c.transport().close();
        assertEquals(0, proto.returncode);
    }

    /**
     * Ports test_events.py SubprocessTestsMixin.test_subprocess_interactive: two writes, two
     * echoes, then closing the transport kills the child.
     */
    @Test
    void interactiveEchoThenKill(EventLoop loop) {
        Connection<SubprocessTransport, MySubprocessProtocol> c = exec(loop,
                List.of("sh", "-c", "cat; exec sleep 3600"), SubprocessOptions.PIPES);
        MySubprocessProtocol proto = c.protocol();
        loop.runUntilComplete(proto.connected);
        io.asyncio4j.transports.WriteTransport stdin =
                (io.asyncio4j.transports.WriteTransport) c.transport().getPipeTransport(0);
        stdin.write(ascii("Python "));
        loop.runUntilComplete(proto.gotStdout);
        assertEquals("Python ", proto.data[1].toString());
        proto.gotStdout = loop.createFuture();
        stdin.write(ascii("The Winner"));
        loop.runUntilComplete(proto.gotStdout);
        assertEquals("Python The Winner", proto.data[1].toString());
        c.transport().close();
        loop.runUntilComplete(proto.completed);
        assertEquals(-9, proto.returncode);
    }

    /**
     * Ports test_events.py SubprocessTestsMixin.test_subprocess_shell: a shell command's output
     * arrives on stdout, every pipe is disconnected at the end, and the exit status is 0.
     */
    @Test
    void shellCommandOutput(EventLoop loop) {
        Connection<SubprocessTransport, MySubprocessProtocol> c = loop.runUntilComplete(() -> loop.subprocessShell(
                () -> new MySubprocessProtocol(loop), "echo Python", SubprocessOptions.PIPES));
        MySubprocessProtocol proto = c.protocol();
        loop.runUntilComplete(proto.connected);
        c.transport().getPipeTransport(0).close();
        loop.runUntilComplete(proto.completed);
        assertEquals(0, proto.returncode);
        assertEquals(java.util.Set.of(0, 1, 2), proto.disconnected);
        assertEquals("Python", proto.data[1].toString().strip());
        assertEquals("", proto.data[2].toString());
        c.transport().close();
    }
}
