package io.asyncio4j;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Done;
import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionGroup;
import io.asyncio4j.Future;
import io.asyncio4j.ReturnWhen;
import io.asyncio4j.Task;
import io.asyncio4j.TaskFactory;
import io.asyncio4j.TaskGroup;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.streams.IncompleteReadError;
import io.asyncio4j.streams.LimitOverrunError;
import io.asyncio4j.streams.StreamReader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.Py.repr;
import static io.asyncio4j.Py.str;

/**
 * The Java twins of {@code src/test/resources/differential/scenarios.py}: same names, same
 * events, same order. Each runs as the main coroutine of a fresh virtual-time loop.
 */
final class Scenarios {
    /** A scenario: the main coroutine's body, given the trace logger. */
    interface Scenario {
        void run(Consumer<String> log) throws Exception;
    }

    /** Python's {@code class Boom(Exception)}. */
    static final class Boom extends RuntimeException {
        Boom(String message) {
            super(message);
        }
    }

    static final Map<String, Scenario> ALL = new LinkedHashMap<>();

    private Scenarios() {
    }

    private static void add(String name, Scenario s) {
        ALL.put(name, s);
    }

    static String name(Throwable e) {
        return e instanceof IllegalArgumentException ? "ValueError" : e.getClass().getSimpleName();
    }

    static {
        add("cancel_at_await", log -> {
            Task<Void> t = createTask(() -> {
                try {
                    sleep(1);
                    log.accept("child not cancelled");
                } catch (CancelledError e) {
                    log.accept("child cancelled msg=" + e.getMessage());
                    throw e;
                }
                return null;
            });
            sleep(0.01);
            log.accept("cancel returned " + str(t.cancel("stop")));
            try {
                t.await();
            } catch (CancelledError e) {
                log.accept("awaiter got CancelledError msg=" + e.getMessage());
            }
            log.accept("cancelled=" + str(t.cancelled()) + " cancelling=" + t.cancelling());
        });

        add("cancel_swallowed", log -> {
            Task<Integer> t = createTask(() -> {
                try {
                    sleep(1);
                } catch (CancelledError e) {
                    log.accept("child swallows");
                }
                sleep(0.01);
                log.accept("child goes on");
                return 42;
            });
            sleep(0.01);
            t.cancel();
            log.accept("result=" + t.await() + " cancelled=" + str(t.cancelled()) + " cancelling=" + t.cancelling());
        });

        add("cancel_before_start", log -> {
            Task<Void> t = createTask(() -> {
                log.accept("child body ran");
                return null;
            });
            t.cancel();
            try {
                t.await();
            } catch (CancelledError e) {
                log.accept("awaiter got CancelledError");
            }
            log.accept("cancelled=" + str(t.cancelled()));
        });

        add("sleep_zero_interleaving", log -> {
            List<Task<Void>> workers = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                int w = n;
                workers.add(createTask(() -> {
                    for (int i = 0; i < 3; i++) {
                        log.accept("w" + w + " step " + i);
                        sleep(0);
                    }
                    return null;
                }));
            }
            gather(workers).await();
        });

        add("gather_order_and_error", log -> {
            List<Task<Integer>> tasks = List.of(job(log, 1, 0.03, false), job(log, 2, 0.01, true), job(log, 3, 0.02, false));
            try {
                gather(tasks).await();
            } catch (Boom e) {
                log.accept("gather raised " + name(e) + " " + e.getMessage());
            }
            log.accept("done states " + repr(tasks.stream().map(Future::done).toList()));
            sleep(0.05);
            List<Object> later = new ArrayList<>();
            for (Task<Integer> t : tasks) {
                later.add(t.exception() == null ? t.result() : name(t.exception()));
            }
            log.accept("later " + repr(later));
        });

        add("gather_return_exceptions", log -> {
            Task<String> ok = createTask(() -> {
                sleep(0.01);
                return "ok";
            });
            Task<String> bad = createTask(() -> {
                throw new Boom("bad");
            });
            Task<Void> slow = createTask(() -> {
                sleep(1);
                return null;
            });
            getRunningLoop().callLater(0.02, slow::cancel);
            List<Object> res = gatherSettled(ok, bad, slow).await();
            log.accept("results " + repr(res.stream().map(r -> r instanceof String s ? s : name((Throwable) r)).toList()));
        });

        add("gather_cancel_outer", log -> {
            List<Task<Void>> children = new ArrayList<>();
            for (int n = 1; n <= 2; n++) {
                int c = n;
                children.add(createTask(() -> {
                    try {
                        sleep(1);
                    } catch (CancelledError e) {
                        log.accept("child " + c + " cancelled");
                        throw e;
                    }
                    return null;
                }));
            }
            Future<List<Void>> g = gather(children);
            sleep(0.01);
            log.accept("cancel returned " + str(g.cancel()));
            try {
                g.await();
            } catch (CancelledError e) {
                log.accept("gather raised CancelledError");
            }
            log.accept("gather cancelled=" + str(g.cancelled()));
        });

        add("wait_first_completed", log -> {
            List<Task<Integer>> tasks = List.of(named(1, 0.2), named(2, 0.02), named(3, 0.06));
            Done<Integer> d = io.asyncio4j.Asyncio.wait(tasks, ReturnWhen.FIRST_COMPLETED);
            log.accept("done " + names(d.done()) + " pending " + names(d.pending()));
            d = io.asyncio4j.Asyncio.wait(tasks, 0.08, ReturnWhen.ALL_COMPLETED);
            log.accept("after timeout done " + names(d.done()) + " pending " + names(d.pending()));
            log.accept("pending cancelled? " + repr(d.pending().stream().map(Future::cancelled).toList()));
            io.asyncio4j.Asyncio.wait(tasks);
        });

        add("wait_first_exception", log -> {
            List<Task<Integer>> tasks = List.of(job(null, 1, 0.01, false), job(null, 2, 0.02, true), job(null, 3, 0.03, false));
            Done<Integer> d = io.asyncio4j.Asyncio.wait(tasks, ReturnWhen.FIRST_EXCEPTION);
            log.accept("done " + d.done().size() + " pending " + d.pending().size());
            tasks.forEach(Task::cancel);
            io.asyncio4j.Asyncio.wait(tasks);
        });

        add("as_completed_order", log -> {
            List<Task<Integer>> tasks = List.of(job(null, 1, 0.03, false), job(null, 2, 0.01, false), job(null, 3, 0.02, false));
            for (Future<Integer> f : asCompleted(tasks)) {
                log.accept("got " + f.await());
            }
        });

        add("as_completed_timeout", log -> {
            List<Task<Integer>> tasks = List.of(job(null, 1, 0.01, false), job(null, 2, 1, false), job(null, 3, 1, false));
            try {
                for (Future<Integer> f : asCompleted(tasks, 0.05)) {
                    log.accept("got " + f.await());
                }
            } catch (TimeoutError e) {
                log.accept("as_completed timed out");
            }
            tasks.forEach(Task::cancel);
            gatherSettled(tasks).await();
        });

        add("wait_for_timeout", log -> {
            Task<Void> t = createTask(() -> {
                try {
                    sleep(1);
                } catch (CancelledError e) {
                    log.accept("inner cancelled");
                    throw e;
                }
                return null;
            });
            try {
                waitFor(t, 0.01);
            } catch (TimeoutError e) {
                log.accept("wait_for raised TimeoutError");
            }
            log.accept("inner cancelled=" + str(t.cancelled()));
        });

        add("wait_for_swallowed", log -> {
            Task<String> t = createTask(() -> {
                try {
                    sleep(1);
                } catch (CancelledError e) {
                    log.accept("inner swallows the cancel");
                }
                return "value";
            });
            log.accept("wait_for returned " + waitFor(t, 0.01));
        });

        add("timeout_reschedule", log -> {
            EventLoop loop = getRunningLoop();
            io.asyncio4j.Timeout[] cm = new io.asyncio4j.Timeout[1];
            try {
                timeout(0.01, scope -> {
                    cm[0] = scope;
                    scope.reschedule(loop.time() + 0.05);
                    sleep(0.03);
                    log.accept("survived the first deadline, expired=" + str(scope.expired()));
                    sleep(1);
                    return null;
                });
            } catch (TimeoutError e) {
                log.accept("timed out, expired=" + str(cm[0].expired()));
            }
        });

        add("nested_timeouts", log -> {
            io.asyncio4j.Timeout[] outer = new io.asyncio4j.Timeout[1];
            io.asyncio4j.Timeout[] inner = new io.asyncio4j.Timeout[1];
            try {
                timeout(0.01, o -> {
                    outer[0] = o;
                    try {
                        timeout(1.0, i -> {
                            inner[0] = i;
                            sleep(2);
                            return null;
                        });
                    } catch (TimeoutError e) {
                        log.accept("inner raised TimeoutError (wrong)");
                    } finally {
                        log.accept("inner expired=" + str(inner[0].expired()));
                    }
                    return null;
                });
            } catch (TimeoutError e) {
                log.accept("outer raised TimeoutError, outer expired=" + str(outer[0].expired()));
            }
            log.accept("task cancelling=" + currentTask().cancelling());
        });

        add("foreign_cancel_in_timeout", log -> {
            Task<Void> t = createTask(() -> {
                try {
                    timeout(1.0, () -> {
                        sleep(2);
                        return null;
                    });
                } catch (TimeoutError e) {
                    log.accept("TimeoutError (wrong)");
                }
                return null;
            });
            sleep(0.01);
            t.cancel();
            try {
                t.await();
            } catch (CancelledError e) {
                log.accept("foreign cancel passed through as CancelledError");
            }
        });

        add("taskgroup_one_fails", log -> {
            List<Integer> cancelled = new ArrayList<>();
            try {
                TaskGroup.run(tg -> {
                    tg.createTask(() -> sibling(cancelled, 1));
                    tg.createTask(() -> {
                        sleep(0.01);
                        throw new Boom("child failed");
                    });
                    tg.createTask(() -> sibling(cancelled, 2));
                    sleep(1);
                    log.accept("body not cancelled (wrong)");
                    return null;
                });
            } catch (ExceptionGroup eg) {
                log.accept("ExceptionGroup of " + eg.exceptions().size() + ": "
                        + repr(eg.exceptions().stream().map(Throwable::getMessage).toList()));
            }
            log.accept("siblings cancelled " + repr(cancelled.stream().sorted().toList()));
            log.accept("cancelling=" + currentTask().cancelling());
        });

        add("taskgroup_two_fail", log -> {
            try {
                TaskGroup.run(tg -> {
                    tg.createTask(() -> {
                        sleep(0.01);
                        throw new Boom("child 1");
                    });
                    tg.createTask(() -> {
                        try {
                            sleep(1);
                        } catch (CancelledError e) {
                            throw new Boom("failed while cancelled");
                        }
                        return null;
                    });
                    return null;
                });
            } catch (ExceptionGroup eg) {
                log.accept("ExceptionGroup of " + eg.exceptions().size() + ": "
                        + repr(eg.exceptions().stream().map(Throwable::getMessage).sorted().toList()));
            }
        });

        add("shield_outer_cancel", log -> {
            Task<Integer> innerTask = createTask(() -> {
                sleep(0.02);
                log.accept("inner finished");
                return 7;
            });
            Future<Integer> outer = shield(innerTask);
            sleep(0.01);
            outer.cancel();
            try {
                outer.await();
            } catch (CancelledError e) {
                log.accept("outer cancelled");
            }
            log.accept("inner result " + innerTask.await());
        });

        add("callbacks_order", log -> {
            EventLoop loop = getRunningLoop();
            Future<Void> done = loop.createFuture();
            loop.callLater(0.025, () -> log.accept("later 0.025"));
            loop.callSoon(() -> log.accept("soon 1"));
            loop.callLater(0.01, () -> log.accept("later 0.01"));
            loop.callLater(0.02, () -> log.accept("later 0.02"));
            loop.callSoon(() -> log.accept("soon 2"));
            loop.callLater(0.03, () -> done.setResult(null));
            done.await();
        });

        add("eager_tasks", log -> {
            EventLoop loop = getRunningLoop();
            loop.setTaskFactory(TaskFactory.eager());
            Task<Integer> t1 = createTask(() -> {
                log.accept("quick runs eagerly");
                return 1;
            });
            log.accept("after create quick: done=" + str(t1.done()));
            Task<Integer> t2 = createTask(() -> {
                log.accept("slow starts eagerly");
                sleep(0.01);
                log.accept("slow resumes");
                return 2;
            });
            log.accept("after create slow: done=" + str(t2.done()));
            log.accept("results " + t1.await() + " " + t2.await());
            loop.setTaskFactory(null);
        });

        add("streams_limits", log -> {
            StreamReader r = new StreamReader(8);
            r.feedData(bytes("0123456789abc\nrest"));
            try {
                r.readline();
            } catch (RuntimeException e) {
                log.accept("readline: " + name(e));
            }
            log.accept("after readline buffered " + r.buffered());
            StreamReader r2 = new StreamReader(8);
            r2.feedData(bytes("0123456789"));
            try {
                r2.readuntil(bytes("\n"));
            } catch (LimitOverrunError e) {
                log.accept("readuntil: LimitOverrunError consumed=" + e.consumed());
            }
            log.accept("buffer kept " + r2.buffered());
            StreamReader r3 = new StreamReader();
            r3.feedData(bytes("abc"));
            r3.feedEof();
            try {
                r3.readexactly(5);
            } catch (IncompleteReadError e) {
                log.accept("readexactly: IncompleteReadError partial=" + new String(e.partial(), StandardCharsets.UTF_8)
                        + " expected=" + e.expected());
            }
            StreamReader r4 = new StreamReader();
            r4.feedData(bytes("a;b;;c"));
            log.accept("readuntil parts " + new String(r4.readuntil(bytes(";")), StandardCharsets.UTF_8) + " "
                    + new String(r4.readuntil(bytes(";;")), StandardCharsets.UTF_8));
        });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Task<Integer> job(Consumer<String> log, int n, double delay, boolean fail) {
        return createTask(() -> {
            sleep(delay);
            if (log != null) {
                log.accept("job " + n + " done");
            }
            if (fail) {
                throw new Boom(log != null ? "job " + n : String.valueOf(n));
            }
            return n;
        });
    }

    private static Task<Integer> named(int n, double delay) {
        return createTask(() -> {
            sleep(delay);
            return n;
        }, "job" + n);
    }

    private static String names(java.util.Set<Future<Integer>> fs) {
        return repr(fs.stream().map(f -> ((Task<?>) f).getName()).sorted().toList());
    }

    private static Void sibling(List<Integer> cancelled, int n) {
        try {
            sleep(1);
        } catch (CancelledError e) {
            cancelled.add(n);
            throw e;
        }
        return null;
    }
}
