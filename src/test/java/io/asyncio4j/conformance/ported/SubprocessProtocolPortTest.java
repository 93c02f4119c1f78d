package io.asyncio4j.conformance.ported;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.LoopExtension;
import io.asyncio4j.subprocess.SubprocessOptions;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.SubprocessProtocol;
import io.asyncio4j.transports.SubprocessTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Ports of CPython 3.13 {@code test_events.py} SubprocessTestsMixin cases: the protocol-level
 * subprocess API ({@code loop.subprocess_exec/shell}). {@code cat} stands for CPython's
 * {@code echo.py} (it echoes stdin until killed).
 */
@ExtendWith(LoopExtension.class)
class SubprocessProtocolPortTest {
    /** test_events.py's MySubprocessProtocol, reduced to what these cases look at. */
    static final class MySubprocessProtocol implements SubprocessProtocol {
        final Future<Void> connected;
        final Future<Void> completed;
        SubprocessTransport transport;
        Integer returncode;

        MySubprocessProtocol(EventLoop loop) {
            connected = loop.createFuture();
            completed = loop.createFuture();
        }

        @Override
        public void connectionMade(SubprocessTransport transport) {
            this.transport = transport;
            connected.setResult(null);
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
}
