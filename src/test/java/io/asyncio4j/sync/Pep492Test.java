package io.asyncio4j.sync;

import io.asyncio4j.EventLoop;
import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Ports the lock parts of CPython 3.13 Lib/test/test_asyncio/test_pep492.py (class LockTests):
 * {@code async with} on Lock, Condition, Semaphore and BoundedSemaphore, which is
 * {@code try (var held = x.acquireScope())} here.
 *
 * <p>Not ported: test_context_manager_with_await ({@code with await lock} is a TypeError of
 * Python's await protocol, no Java equivalent). The file's StreamReaderTests and CoroutineTests
 * are not about locks.
 */
class Pep492Test {
    private record Primitive(String name, BooleanSupplier locked, Supplier<Acquired> scope) {
    }

    private static List<Primitive> primitives() {
        Lock lock = new Lock();
        Condition cond = new Condition();
        Semaphore sem = new Semaphore();
        BoundedSemaphore bsem = new BoundedSemaphore();
        return List.of(
                new Primitive("Lock", lock::locked, lock::acquireScope),
                new Primitive("Condition", cond::locked, cond::acquireScope),
                new Primitive("Semaphore", sem::locked, sem::acquireScope),
                new Primitive("BoundedSemaphore", bsem::locked, bsem::acquireScope));
    }

    /** Ports test_pep492.py LockTests.test_context_manager_async_with. */
    @Test
    void testContextManagerAsyncWith() {
        EventLoop loop = VirtualTimeLoop.create();
        try {
            for (Primitive primitive : primitives()) {
                loop.runUntilComplete(() -> timeout(SyncTesting.DEADLINE, () -> {
                    sleep(0.01);
                    assertFalse(primitive.locked().getAsBoolean(), primitive.name());
                    try (Acquired held = primitive.scope().get()) {
                        // Python binds None to "as _lock"; the Java scope is the releasing handle.
                        assertNotNull(held);
                        assertTrue(primitive.locked().getAsBoolean(), primitive.name());
                        sleep(0.01);
                        assertTrue(primitive.locked().getAsBoolean(), primitive.name());
                    }
                    assertFalse(primitive.locked().getAsBoolean(), primitive.name());
                    return null;
                }));
                assertFalse(primitive.locked().getAsBoolean(), primitive.name());
            }
        } finally {
            loop.close();
        }
    }
}
