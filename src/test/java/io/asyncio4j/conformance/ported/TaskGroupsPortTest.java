package io.asyncio4j.conformance.ported;

import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionGroup;
import io.asyncio4j.test.LoopExtension;
import io.asyncio4j.Task;
import io.asyncio4j.TaskGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashSet;
import java.util.Set;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Ports of CPython 3.13 {@code test_taskgroups.py} TestTaskGroup cases not covered elsewhere. */
@ExtendWith(LoopExtension.class)
class TaskGroupsPortTest {
    /** Python's {@code class MyExc(Exception)}. */
    static final class MyExc extends RuntimeException {
    }

    private static Set<Class<?>> errorTypes(ExceptionGroup eg) {
        Set<Class<?>> out = new HashSet<>();
        for (Throwable t : eg.exceptions()) {
            out.add(t.getClass());
        }
        return out;
    }

    private static Void divideByZero() {
        throw new ArithmeticException("division by zero");
    }

    /**
     * Ports test_taskgroups.py TestTaskGroup.test_taskgroup_12: cancelling the outer task while a
     * nested group's children fail in their cleanup gives a group holding the nested group.
     */
    @Test
    void cancelledOuterGroupReportsTheNestedGroupsFailures(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<Void> r = createTask(() -> TaskGroup.run(g1 -> {
                g1.createTask(() -> sleep(10, null));
                return TaskGroup.run(g2 -> {
                    for (int i = 0; i < 5; i++) {
                        g2.createTask(() -> {
                            try {
                                sleep(10);
                            } catch (Throwable cancelled) { // Python's finally: 1 / 0
                                divideByZero();
                            }
                            return null;
                        });
                    }
                    sleep(10);
                    return null;
                });
            }));
            sleep(0.1);
            assertFalse(r.done());
            r.cancel();
            ExceptionGroup outer = assertThrows(ExceptionGroup.class, r::await);
            assertEquals(Set.of(ExceptionGroup.class), errorTypes(outer));
            assertEquals(Set.of(ArithmeticException.class), errorTypes((ExceptionGroup) outer.exceptions().get(0)));
            return null;
        });
    }

    /**
     * Ports test_taskgroups.py TestTaskGroup.test_taskgroup_18: a body that turns the cancellation
     * into its own error reports that error in the group.
     */
    @Test
    void bodyReplacingTheCancellationWithAnErrorReportsIt(EventLoop loop) {
        loop.runUntilComplete(() -> {
            int[] num = {0};
            Task<Void> r = createTask(() -> TaskGroup.run(g -> {
                try {
                    sleep(10);
                } catch (io.asyncio4j.CancelledError e) {
                    num[0] += 10;
                    throw new MyExc();
                }
                return null;
            }));
            sleep(0.1);
            assertFalse(r.done());
            r.cancel();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, r::await);
            assertEquals(Set.of(MyExc.class), errorTypes(eg));
            assertEquals(10, num[0]);
            return null;
        });
    }

    /**
     * Ports test_taskgroups.py TestTaskGroup.test_taskgroup_19: a child's crash cancels the body,
     * whose cleanup raises; both errors are in the group.
     */
    @Test
    void childCrashAndBodyCleanupErrorAreBothReported(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<Void> r = createTask(() -> TaskGroup.run(g -> {
                g.createTask(() -> {
                    sleep(0.1);
                    return divideByZero();
                });
                try {
                    sleep(10);
                } catch (Throwable cancelled) { // Python's finally: raise MyExc
                    throw new MyExc();
                }
                return null;
            }));
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, r::await);
            assertEquals(Set.of(MyExc.class, ArithmeticException.class), errorTypes(eg));
            return null;
        });
    }

    /** Python's {@code class CustomException(Exception)}. */
    static final class CustomException extends RuntimeException {
    }

    /**
     * Ports test_taskgroups.py TestTaskGroup.test_taskgroup_context_manager_exit_raises: a cleanup
     * that raises while the group cancels its body is reported next to the child's error, and the
     * enclosing task is not left cancelling.
     */
    @Test
    void cleanupErrorDuringTheGroupsCancellationIsReported(EventLoop loop) {
        loop.runUntilComplete(() -> createTask(() -> {
            Task<?> task = io.asyncio4j.Asyncio.currentTask();
            ExceptionGroup err = assertThrows(ExceptionGroup.class, () -> TaskGroup.run(tg -> {
                try { // Python's async with database(): its finally raises CustomException
                    tg.createTask(() -> {
                        throw new CustomException();
                    });
                    sleep(1);
                } catch (Throwable any) {
                    throw new CustomException();
                }
                return null;
            }));
            assertEquals(0, task.cancelling());
            assertEquals(2, err.exceptions().size());
            assertEquals(Set.of(CustomException.class), errorTypes(err));
            return null;
        }).await());
    }
}
