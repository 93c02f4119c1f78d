package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/** {@link TaskGroup}: ports of CPython 3.13 {@code test_taskgroups.py}. */
@ExtendWith(LoopExtension.class)
class TaskGroupTest {

    private static Set<Class<?>> errorTypes(ExceptionGroup eg) {
        Set<Class<?>> out = new HashSet<>();
        for (Throwable t : eg.exceptions()) {
            out.add(t.getClass());
        }
        return out;
    }

    private static int zero() {
        return 0;
    }

    private static Void crashAfter(double t) {
        sleep(t);
        throw new IllegalArgumentException(String.valueOf(t));
    }

    /** Ports test_taskgroups.py test_taskgroup_01: the group waits for every task. */
    @Test
    void taskgroup01(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<?>[] t = new Task<?>[2];
            TaskGroup.run(g -> {
                t[0] = g.createTask(() -> sleep(0.1, 42));
                t[1] = g.createTask(() -> sleep(0.2, 11));
                return null;
            });
            assertEquals(42, t[0].result());
            assertEquals(11, t[1].result());
            assertEquals(0.2, getRunningLoop().time(), 1e-9);
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_02: tasks may be added while the body runs. */
    @Test
    void taskgroup02(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<?>[] t = new Task<?>[2];
            TaskGroup.run(g -> {
                t[0] = g.createTask(() -> sleep(0.1, 42));
                sleep(0.15);
                t[1] = g.createTask(() -> sleep(0.2, 11));
                return null;
            });
            assertEquals(42, t[0].result());
            assertEquals(11, t[1].result());
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_03: cancelling one task explicitly does not abort the group. */
    @Test
    void taskgroup03(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<?>[] t = new Task<?>[2];
            TaskGroup.run(g -> {
                t[0] = g.createTask(() -> sleep(1, 42));
                sleep(0.15);
                t[0].cancel();
                t[1] = g.createTask(() -> sleep(0.2, 11));
                return null;
            });
            assertTrue(t[0].cancelled());
            assertEquals(11, t[1].result());
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_04: a failing child cancels its sibling; errors in an ExceptionGroup. */
    @Test
    void taskgroup04(EventLoop loop) {
        loop.runUntilComplete(() -> {
            int[] num = {0};
            boolean[] t2Cancel = {false};
            Task<?>[] t2 = new Task<?>[1];
            Task<Void> runner = createTask(() -> {
                TaskGroup.run(g -> {
                    g.createTask(() -> {
                        sleep(0.1);
                        return 1 / zero();
                    });
                    t2[0] = g.createTask(() -> {
                        try {
                            sleep(1);
                        } catch (CancelledError e) {
                            t2Cancel[0] = true;
                            throw e;
                        }
                        num[0] += 1;
                        return null;
                    });
                    return null;
                });
                num[0] += 10;
                return null;
            });
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, runner::await);
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertEquals(0, num[0]);
            assertTrue(t2Cancel[0]);
            assertTrue(t2[0].cancelled());
            assertFalse(runner.cancelled(), "the group's own cancel of its parent is taken back");
            return null;
        });
    }

    /** Ports test_taskgroups.py test_cancel_children_on_child_error: siblings and the body are cancelled. */
    @Test
    void cancelChildrenOnChildError(EventLoop loop) {
        loop.runUntilComplete(() -> {
            int[] num = {0};
            boolean[] t2Cancel = {false};
            boolean[] runnerCancel = {false};
            Coroutine<Integer> foo1 = () -> {
                sleep(0.1);
                return 1 / zero();
            };
            Task<Void> runner = createTask(() -> {
                TaskGroup.run(g -> {
                    g.createTask(foo1);
                    g.createTask(foo1);
                    g.createTask(foo1);
                    g.createTask(() -> {
                        try {
                            sleep(5);
                        } catch (CancelledError e) {
                            t2Cancel[0] = true;
                            throw e;
                        }
                        num[0] += 1;
                        return null;
                    });
                    try {
                        sleep(10);
                    } catch (CancelledError e) {
                        runnerCancel[0] = true;
                        throw e;
                    }
                    return null;
                });
                num[0] += 10;
                return null;
            });
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, runner::await);
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertEquals(3, eg.exceptions().size(), "the three foo1 fail in the same iteration");
            assertEquals(0, num[0]);
            assertTrue(t2Cancel[0]);
            assertTrue(runnerCancel[0]);
            return null;
        });
    }

    /** Ports test_taskgroups.py test_cancellation: the parent cancelled from outside cancels every task. */
    @Test
    void cancellationFromOutside(EventLoop loop) {
        loop.runUntilComplete(() -> {
            int[] num = {0};
            Task<Void> r = createTask(() -> TaskGroup.run(g -> {
                for (int i = 0; i < 5; i++) {
                    g.createTask(() -> {
                        try {
                            sleep(5);
                        } catch (CancelledError e) {
                            num[0] += 1;
                            throw e;
                        }
                        return null;
                    });
                }
                return null;
            }));
            sleep(0.1);
            assertFalse(r.done());
            r.cancel();
            assertThrows(CancelledError.class, r::await);
            assertTrue(r.cancelled());
            assertEquals(5, num[0]);
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_07: the body's await is cancelled too. */
    @Test
    void taskgroup07(EventLoop loop) {
        loop.runUntilComplete(() -> {
            int[] num = {0};
            Task<Void> r = createTask(() -> TaskGroup.run(g -> {
                for (int i = 0; i < 5; i++) {
                    g.createTask(() -> {
                        try {
                            sleep(5);
                        } catch (CancelledError e) {
                            num[0] += 1;
                            throw e;
                        }
                        return null;
                    });
                }
                try {
                    sleep(10);
                } catch (CancelledError e) {
                    num[0] += 10;
                    throw e;
                }
                return null;
            }));
            sleep(0.1);
            r.cancel();
            assertThrows(CancelledError.class, r::await);
            assertEquals(15, num[0]);
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_08: errors raised while cancelling win over the cancellation. */
    @Test
    void taskgroup08(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<Void> r = createTask(() -> TaskGroup.run(g -> {
                for (int i = 0; i < 5; i++) {
                    g.createTask(() -> {
                        try {
                            sleep(10);
                        } finally {
                            int x = 1 / zero();
                        }
                        return null;
                    });
                }
                sleep(10);
                return null;
            }));
            sleep(0.1);
            r.cancel();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, r::await);
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertEquals(5, eg.exceptions().size());
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_09 and test_taskgroup_10: the body's error cancels the tasks. */
    @Test
    void bodyErrorCancelsTasks(EventLoop loop) {
        for (double pause : new double[] {0.1, 0}) {
            loop.runUntilComplete(() -> {
                Task<?>[] t = new Task<?>[2];
                ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> TaskGroup.run(g -> {
                    t[0] = g.createTask(() -> sleep(1, 42));
                    t[1] = g.createTask(() -> sleep(2, 11));
                    if (pause > 0) {
                        sleep(pause);
                    }
                    return 1 / zero();
                }));
                assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
                assertTrue(t[0].cancelled());
                assertTrue(t[1].cancelled());
                assertEquals(0, currentTask().cancelling());
                return null;
            });
        }
    }

    /** Ports test_taskgroups.py test_taskgroup_11: nested groups, the inner group's errors nest. */
    @Test
    void taskgroup11(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<Void> r = createTask(() -> TaskGroup.run(g1 -> TaskGroup.run(g2 -> {
                for (int i = 0; i < 5; i++) {
                    g2.createTask(() -> {
                        try {
                            sleep(10);
                        } finally {
                            int x = 1 / zero();
                        }
                        return null;
                    });
                }
                sleep(10);
                return null;
            })));
            sleep(0.1);
            r.cancel();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, r::await);
            assertEquals(Set.of(ExceptionGroup.class), errorTypes(eg));
            assertEquals(Set.of(ArithmeticException.class), errorTypes((ExceptionGroup) eg.exceptions().get(0)));
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_13: the outer group's failure cancels the inner group. */
    @Test
    void taskgroup13(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<Void> r = createTask(() -> TaskGroup.run(g1 -> {
                g1.createTask(() -> crashAfter(0.1));
                TaskGroup.run(g2 -> g2.createTask(() -> crashAfter(10)));
                return null;
            }));
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, r::await);
            assertEquals(Set.of(IllegalArgumentException.class), errorTypes(eg));
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_14: the inner group's failure reaches the outer one nested. */
    @Test
    void taskgroup14(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<Void> r = createTask(() -> TaskGroup.run(g1 -> {
                g1.createTask(() -> crashAfter(10));
                TaskGroup.run(g2 -> g2.createTask(() -> crashAfter(0.1)));
                return null;
            }));
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, r::await);
            assertEquals(Set.of(ExceptionGroup.class), errorTypes(eg));
            assertEquals(Set.of(IllegalArgumentException.class), errorTypes((ExceptionGroup) eg.exceptions().get(0)));
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_15: a child failing while the parent handles its cancel wins. */
    @Test
    void taskgroup15(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<Void> r = createTask(() -> TaskGroup.run(g1 -> {
                g1.createTask(() -> {
                    sleep(0.3);
                    return 1 / zero();
                });
                try {
                    sleep(10);
                } catch (CancelledError e) {
                    sleep(0.5);
                    throw e;
                }
                return null;
            }));
            sleep(0.1);
            r.cancel();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, r::await);
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_task_name: createTask gives the name. */
    @Test
    void taskgroupTaskName(EventLoop loop) {
        loop.runUntilComplete(() -> {
            TaskGroup.run(g -> {
                Task<Void> t = g.createTask(() -> null, "yolo");
                assertEquals("yolo", t.getName());
                return null;
            });
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_task_context: createTask runs the task in the given context. */
    @Test
    void taskgroupTaskContext(EventLoop loop) {
        ContextVar<String> cvar = new ContextVar<>("cvar");
        loop.runUntilComplete(() -> {
            Context ctx = Context.copyCurrent();
            ctx.run(() -> cvar.set("value"));
            TaskGroup.run(g -> {
                Task<String> t = g.createTask(cvar::get, TaskOptions.DEFAULT.withContext(ctx));
                t.await();
                assertEquals("value", t.result());
                return null;
            });
            assertNull(cvar.get(null));
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_no_create_task_after_failure: a shutting-down group refuses tasks. */
    @Test
    void noCreateTaskAfterFailure(EventLoop loop) {
        loop.runUntilComplete(() -> {
            boolean[] refused = {false};
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> TaskGroup.run(g -> {
                g.createTask(() -> {
                    sleep(0.001);
                    return 1 / zero();
                });
                g.createTask(() -> {
                    try {
                        sleep(1);
                    } catch (CancelledError e) {
                        IllegalStateException ise = assertThrows(IllegalStateException.class, () -> g.createTask(() -> null));
                        refused[0] = ise.getMessage().contains("shutting down");
                    }
                    return null;
                });
                return null;
            }));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertTrue(refused[0]);
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_finished and test_coro_closed_when_tg_closed. */
    @Test
    void taskgroupFinished(EventLoop loop) {
        loop.runUntilComplete(() -> {
            TaskGroup[] box = new TaskGroup[1];
            TaskGroup.run(g -> {
                box[0] = g;
                return null;
            });
            int before = allTasks().size();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> box[0].createTask(() -> null));
            assertTrue(e.getMessage().contains("is finished"), e.getMessage());
            assertEquals(before, allTasks().size(), "no task was started");
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_without_parent_task: outside a task the group cannot run. */
    @Test
    void taskgroupWithoutParentTask() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TaskGroup.run(g -> null));
        assertTrue(e.getMessage().contains("TaskGroup.run"), e.getMessage());
        assertTrue(e.getMessage().contains("inside a Task"), e.getMessage());
    }

    /** Ports test_taskgroups.py test_cancelling_level_preserved: the group's own cancel is taken back. */
    @Test
    void cancellingLevelPreserved(EventLoop loop) {
        loop.runUntilComplete(() -> {
            assertThrows(ExceptionGroup.class, () -> TaskGroup.run(tg -> tg.createTask(() -> {
                sleep(0.0);
                throw new RuntimeException();
            })));
            assertEquals(0, currentTask().cancelling());
            return null;
        });
    }

    /** Ports test_taskgroups.py test_nested_groups_both_cancelled. */
    @Test
    void nestedGroupsBothCancelled(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Coroutine<Void> raiseRuntime = () -> {
                sleep(0);
                throw new RuntimeException();
            };
            Coroutine<Void> raiseValue = () -> {
                sleep(0);
                throw new IllegalArgumentException();
            };
            ExceptionGroup outer = assertThrows(ExceptionGroup.class, () -> TaskGroup.run(outerTg -> {
                ExceptionGroup inner = assertThrows(ExceptionGroup.class, () -> TaskGroup.run(innerTg -> {
                    innerTg.createTask(raiseRuntime);
                    outerTg.createTask(raiseValue);
                    return null;
                }));
                assertEquals(Set.of(RuntimeException.class), errorTypes(inner));
                assertEquals(1, currentTask().cancelling());
                return null;
            }));
            assertEquals(Set.of(IllegalArgumentException.class), errorTypes(outer));
            assertEquals(0, currentTask().cancelling());
            return null;
        });
    }

    /** Ports test_taskgroups.py test_error_and_cancel: an outside cancel survives the group's errors. */
    @Test
    void errorAndCancel(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Future<Void> event = getRunningLoop().createFuture();
            List<String> log = new java.util.ArrayList<>();
            Task<Void> t = createTask(() -> {
                try {
                    TaskGroup.run(tg -> {
                        tg.createTask(() -> {
                            event.setResult(null);
                            sleep(0);
                            throw new RuntimeException();
                        });
                        sleep(1);
                        log.add("sleep in group not cancelled");
                        return null;
                    });
                } catch (ExceptionGroup e) {
                    assertEquals(1, currentTask().cancelling());
                }
                assertEquals(1, currentTask().cancelling());
                sleep(1);
                log.add("sleep after group not cancelled");
                return null;
            });
            event.await();
            assertEquals(0, t.cancelling());
            t.cancel();
            assertEquals(1, t.cancelling());
            assertThrows(CancelledError.class, t::await);
            assertTrue(t.cancelled());
            assertEquals(List.of(), log);
            return null;
        });
    }

    /** A task that finishes eagerly inside createTask is accounted for at once (3.12 optimisation). */
    @Test
    void eagerTaskInGroup(EventLoop loop) {
        loop.runUntilComplete(() -> {
            String r = TaskGroup.run(tg -> {
                Task<String> t = tg.createTask(() -> "now", TaskOptions.DEFAULT.withEagerStart(true));
                assertTrue(t.done());
                return t.result();
            });
            assertEquals("now", r);
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_16: like 15, with the group one task further down. */
    @Test
    void taskgroup16(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<Object> r = createTask(() -> createTask(() -> TaskGroup.<Object>run(g1 -> {
                g1.createTask(() -> {
                    sleep(0.3);
                    return 1 / zero();
                });
                try {
                    sleep(10);
                } catch (CancelledError e) {
                    sleep(0.5);
                    throw e;
                }
                return null;
            })).await());
            sleep(0.1);
            assertFalse(r.done());
            r.cancel();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, r::await);
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_17: an empty group's body cancelled from outside. */
    @Test
    void taskgroup17(EventLoop loop) {
        loop.runUntilComplete(() -> {
            int[] num = {0};
            Task<Void> r = createTask(() -> TaskGroup.run(g -> {
                try {
                    sleep(10);
                } catch (CancelledError e) {
                    num[0] += 10;
                    throw e;
                }
                return null;
            }));
            sleep(0.1);
            r.cancel();
            assertThrows(CancelledError.class, r::await);
            assertEquals(10, num[0]);
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_22: cancelled while waiting for its tasks at the exit. */
    @Test
    void taskgroup22(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<?>[] t = new Task<?>[2];
            Task<Void> r = createTask(() -> TaskGroup.run(g -> {
                t[0] = g.createTask(() -> sleep(1, 42));
                t[1] = g.createTask(() -> sleep(2, 11));
                return null;
            }));
            sleep(0.05);
            r.cancel();
            assertThrows(CancelledError.class, r::await);
            assertTrue(t[0].cancelled());
            assertTrue(t[1].cancelled());
            assertEquals(0.05, getRunningLoop().time(), 1e-9);
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_24: a task of the group adds tasks to it. */
    @Test
    void taskgroup24(EventLoop loop) {
        loop.runUntilComplete(() -> {
            TaskGroup.run(g -> g.createTask(() -> {
                sleep(0.1);
                g.createTask(() -> sleep(0.1, null));
                g.createTask(() -> sleep(0.2, null));
                return null;
            }));
            assertEquals(0.3, getRunningLoop().time(), 1e-9);
            return null;
        });
    }

    /** Ports test_taskgroups.py test_taskgroup_25: an ever-growing group is stopped by one failure. */
    @Test
    void taskgroup25(EventLoop loop) {
        loop.runUntilComplete(() -> {
            int[] nhydras = {0};
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> TaskGroup.run(g -> {
                g.createTask(hydra(g, nhydras));
                g.createTask(() -> {
                    while (nhydras[0] < 10) {
                        sleep(0.015);
                    }
                    return 1 / zero();
                });
                return null;
            }));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertTrue(nhydras[0] >= 10);
            return null;
        });
    }

    private static Coroutine<Void> hydra(TaskGroup g, int[] nhydras) {
        return () -> {
            nhydras[0]++;
            sleep(0.01);
            g.createTask(hydra(g, nhydras));
            g.createTask(hydra(g, nhydras));
            return null;
        };
    }

    /** A failure's cancellation of siblings and body interleaves exactly as in real asyncio 3.13 (trace below). */
    @Test
    void failureTraceMatchesAsyncio(EventLoop loop) {
        List<String> log = new java.util.ArrayList<>();
        loop.runUntilComplete(() -> {
            double t0 = loop.time();
            try {
                TaskGroup.run(tg -> {
                    tg.createTask(child(log, "a", 1, false));
                    tg.createTask(child(log, "b", 2, true));
                    tg.createTask(child(log, "c", 3, false));
                    loop.callLater(2, () -> log.add("timer@2"));
                    try {
                        sleep(5);
                    } catch (CancelledError e) {
                        log.add("body cancelled");
                        throw e;
                    }
                    return null;
                });
            } catch (ExceptionGroup eg) {
                log.add("eg " + eg.exceptions().stream().map(Throwable::getMessage).toList() + " t=" + (loop.time() - t0)
                        + " cancelling=" + currentTask().cancelling());
            }
            return null;
        });
        // python3.13: ['a done', 'timer@2', 'b fails', 'c cancelled', 'body cancelled', 'c unwound',
        //              "eg ['b'] t=2.0 cancelling=0"]
        assertEquals(List.of("a done", "timer@2", "b fails", "c cancelled", "body cancelled", "c unwound",
                "eg [b] t=2.0 cancelling=0"), log);
    }

    private static Coroutine<String> child(List<String> log, String n, double d, boolean fail) {
        return () -> {
            try {
                sleep(d);
                if (fail) {
                    log.add(n + " fails");
                    throw new IllegalArgumentException(n);
                }
                log.add(n + " done");
                return n;
            } catch (CancelledError e) {
                log.add(n + " cancelled");
                sleep(0);
                log.add(n + " unwound");
                throw e;
            }
        };
    }
}
