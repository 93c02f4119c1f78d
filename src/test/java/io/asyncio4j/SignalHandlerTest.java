package io.asyncio4j;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.subprocess.Subprocess;
import io.asyncio4j.subprocess.SubprocessOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * loop.addSignalHandler / removeSignalHandler with real signals sent to this JVM (ports the
 * signal-handler cases of CPython's test_unix_events.py SelectorEventLoopSignalTests). A signal is
 * only ever sent while a handler is installed, so the test JVM's own handling is never triggered.
 */
@Timeout(60)
class SignalHandlerTest {
    private static final long PID = ProcessHandle.current().pid();

    /** Sends {@code sig} to this JVM with the kill command, run through our own subprocess API. */
    private static void killSelf(String sig) {
        Subprocess k = createSubprocessExec(List.of("kill", "-" + sig, Long.toString(PID)), SubprocessOptions.DEFAULT);
        assertEquals(0, k.waitFor());
    }

    /** test_add_signal_handler: the callback runs on the loop's thread when the signal arrives. */
    @Test
    void addSignalHandlerRunsOnLoop() {
        Asyncio.run(() -> {
            EventLoop loop = getRunningLoop();
            Thread[] loopThread = {null};
            loop.callSoon(() -> loopThread[0] = Thread.currentThread());
            sleep(0);
            Future<Thread> got = loop.createFuture();
            loop.addSignalHandler("SIGHUP", () -> {
                if (!got.done()) {
                    got.setResult(Thread.currentThread());
                }
            });
            try {
                killSelf("HUP");
                assertSame(loopThread[0], got.await());
            } finally {
                assertTrue(loop.removeSignalHandler("SIGHUP"));
            }
            return null;
        });
    }

    /** Re-adding replaces the callback; names work with or without the SIG prefix. */
    @Test
    void replaceHandler() {
        Asyncio.run(() -> {
            EventLoop loop = getRunningLoop();
            Future<String> got = loop.createFuture();
            loop.addSignalHandler("HUP", () -> got.setResult("first"));
            loop.addSignalHandler("SIGHUP", () -> {
                if (!got.done()) {
                    got.setResult("second");
                }
            });
            try {
                killSelf("HUP");
                assertEquals("second", got.await());
            } finally {
                assertTrue(loop.removeSignalHandler("hup"));
            }
            return null;
        });
    }

    /** Two signals, two handlers; each signal runs its own. */
    @Test
    void twoSignals() {
        Asyncio.run(() -> {
            EventLoop loop = getRunningLoop();
            Future<String> hup = loop.createFuture();
            Future<String> term = loop.createFuture();
            loop.addSignalHandler("HUP", () -> { if (!hup.done()) { hup.setResult("hup"); } });
            loop.addSignalHandler("TERM", () -> { if (!term.done()) { term.setResult("term"); } });
            try {
                killSelf("TERM");
                assertEquals("term", term.await());
                assertFalse(hup.done());
                killSelf("HUP");
                assertEquals("hup", hup.await());
            } finally {
                assertTrue(loop.removeSignalHandler("HUP"));
                assertTrue(loop.removeSignalHandler("TERM"));
            }
            return null;
        });
    }

    /** test_remove_signal_handler_2 / _error: removing what was never added says false. */
    @Test
    void removeUnknownHandler() {
        Asyncio.run(() -> {
            assertFalse(getRunningLoop().removeSignalHandler("SIGHUP"));
            return null;
        });
    }

    /** test_add_signal_handler_install_error: a signal the JVM reserves is refused clearly. */
    @Test
    void unhandleableSignalRefused() {
        Asyncio.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> getRunningLoop().addSignalHandler("SIGKILL", () -> { }));
            assertTrue(e.getMessage().contains("KILL"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> getRunningLoop().addSignalHandler("NOSUCHSIG", () -> { }));
            return null;
        });
    }

    /** SelectorEventLoopSignalTests.test_close: closing the loop removes its handlers (restoring the JVM's). */
    @Test
    void closeRemovesHandlers() {
        EventLoop loop = Asyncio.newEventLoop();
        loop.addSignalHandler("HUP", () -> { });
        loop.close();
        EventLoop other = Asyncio.newEventLoop();
        try {
            assertFalse(other.removeSignalHandler("HUP"));
        } finally {
            other.close();
        }
    }
}
