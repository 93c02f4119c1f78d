package io.asyncio4j;

import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

class SmokeTest {
    @Test
    void runSleepGather() {
        EventLoop loop = VirtualTimeLoop.create();
        try {
            List<Object> r = loop.runUntilComplete(() -> {
                Task<Integer> a = createTask(() -> { sleep(2); return 1; });
                Task<Integer> b = createTask(() -> { sleep(1); return 2; });
                return gather(a, b).await();
            });
            assertEquals(List.of(1, 2), r);
            assertEquals(2.0, loop.time(), 1e-9);
        } finally {
            loop.close();
        }
    }

    @Test
    void pingPong() {
        int n = VirtualTimeLoop.run(() -> {
            EventLoop loop = getRunningLoop();
            int[] count = {0};
            Future<?>[] box = {loop.createFuture()};
            Task<Void> other = createTask(() -> {
                for (int i = 0; i < 1000; i++) {
                    @SuppressWarnings("unchecked") Future<Object> f = (Future<Object>) box[0];
                    box[0] = loop.createFuture();
                    f.setResult(null);
                    sleep(0);
                    count[0]++;
                }
                return null;
            });
            other.await();
            return count[0];
        });
        assertEquals(1000, n);
    }

    @Test
    void cancellationAtAwait() {
        List<String> log = new ArrayList<>();
        VirtualTimeLoop.run(() -> {
            Task<Void> t = createTask(() -> {
                try {
                    sleep(10);
                    log.add("not cancelled");
                } catch (CancelledError e) {
                    log.add("cancelled: " + e.getMessage());
                    throw e;
                }
                return null;
            });
            sleep(1);
            t.cancel("stop");
            try {
                t.await();
            } catch (CancelledError e) {
                log.add("awaiter saw " + e.getMessage());
            }
            assertTrue(t.cancelled());
            return null;
        });
        assertEquals(List.of("cancelled: stop", "awaiter saw stop"), log);
    }

    @Test
    void modeIsAsRequested() {
        String asked = System.getProperty("asyncio4j.strands", "auto");
        if (!asked.equals("auto")) {
            assertEquals(asked, strandMode().propertyValue());
        }
    }
}
