package io.asyncio4j.sync;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Object's final monitor methods cannot be hidden, so {@code cond.notify()}, {@code cond.notifyAll()}
 * and {@code cond.wait()} compile; the condition never holds its own monitor, so each of them is
 * loud (IllegalMonitorStateException) and wakes nobody. asyncio's {@code notify()} is
 * {@link Condition#notifyOne()}.
 */
class ConditionMonitorTrapTest {

    @Test
    void objectMonitorMethodsFailLoudlyAndWakeNobody() {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            List<String> woken = new ArrayList<>();
            Task<Boolean> waiter = createTask(() -> {
                cond.acquire();
                try {
                    cond.await();
                    woken.add("w");
                } finally {
                    cond.release();
                }
                return true;
            });
            sleep(0);
            cond.acquire();
            assertThrows(IllegalMonitorStateException.class, cond::notify);
            assertThrows(IllegalMonitorStateException.class, cond::notifyAll);
            assertThrows(IllegalMonitorStateException.class, () -> objectWait(cond));
            cond.release();
            sleep(0);
            assertEquals(List.of(), woken, "the monitor calls must not wake the asyncio waiter");

            cond.acquire();
            cond.notifyOne();
            cond.release();
            assertTrue(waiter.await());
            assertEquals(List.of("w"), woken);
            return null;
        });
    }

    /** {@code Object.wait()} on the condition, named so the BlockHound pass can allow this one call. */
    private static void objectWait(Condition cond) throws InterruptedException {
        cond.wait();
    }
}
