package io.asyncio4j.conformance.ported;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.subprocess.Subprocess;
import io.asyncio4j.subprocess.SubprocessOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static io.asyncio4j.Asyncio.createSubprocessExec;
import static io.asyncio4j.Asyncio.getRunningLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ports of CPython 3.13 {@code test_events.py} signal cases, on a real loop (the signal comes
 * from the kill command). SIGHUP stands for the SIGINT/SIGALRM of the CPython tests: the JVM
 * keeps SIGALRM, and a stray SIGINT would end the test JVM.
 */
@Timeout(60)
class SignalsPortTest {
    private static final long PID = ProcessHandle.current().pid();

    private static void killSelf(String sig) {
        Subprocess k = createSubprocessExec(List.of("kill", "-" + sig, Long.toString(PID)), SubprocessOptions.DEFAULT);
        assertEquals(0, k.waitFor());
    }

    /**
     * Ports test_events.py EventLoopTestsMixin.test_add_signal_handler: bad signals are refused,
     * a handled signal runs the callback, removing says true once and then false.
     */
    @Test
    void addHandleAndRemoveASignalHandler() {
        Asyncio.run(() -> {
            EventLoop loop = getRunningLoop();
            int[] caught = {0};
            Runnable myHandler = () -> caught[0]++;
            assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler("boom", myHandler));
            assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler("SIGKILL", myHandler));
            assertFalse(loop.removeSignalHandler("SIGKILL"));
            Future<Void> handled = loop.createFuture();
            loop.addSignalHandler("SIGHUP", () -> {
                myHandler.run();
                if (!handled.done()) {
                    handled.setResult(null);
                }
            });
            try {
                killSelf("HUP");
                handled.await();
                assertEquals(1, caught[0]);
            } finally {
                assertTrue(loop.removeSignalHandler("SIGHUP"));
            }
            assertFalse(loop.removeSignalHandler("SIGHUP"));
            return null;
        });
    }

    /**
     * Ports test_events.py EventLoopTestsMixin.test_signal_handling_while_selecting: a signal
     * arriving while the loop waits in its selector runs the handler, which stops the loop.
     */
    @Test
    void signalWakesTheLoopWhileItSelects() {
        try (EventLoop loop = Asyncio.newEventLoop()) {
            int[] caught = {0};
            loop.addSignalHandler("SIGHUP", () -> {
                caught[0]++;
                loop.stop();
            });
            try {
                loop.createTask(() -> {
                    killSelf("HUP");
                    return null;
                });
                loop.callLater(60, loop::stop);
                loop.runForever();
                assertEquals(1, caught[0]);
            } finally {
                loop.removeSignalHandler("SIGHUP");
            }
        }
    }
}
