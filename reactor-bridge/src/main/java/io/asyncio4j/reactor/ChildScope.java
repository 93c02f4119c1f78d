package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.ContextVar;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.ReturnWhen;
import io.asyncio4j.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes the tasks a bridged body creates its children, as kotlinx's {@code mono {}} scope does:
 * the body's task carries a fresh scope in a {@link ContextVar}; every task created inside it
 * copies that context, so its children (and their children) are the loop's tasks whose context
 * holds this scope.
 *
 * <p>Semantics: when the body completes normally, its result waits until every child is done
 * (kotlinx and {@code asyncio.TaskGroup} wait too); a child that failed then fails the body with
 * its error and the other children are cancelled. When the body fails or is cancelled (the
 * subscription was cancelled), its children are cancelled. Children are found by scanning the
 * loop's pending tasks once the body ends, so the bookkeeping costs nothing while the body runs.
 */
final class ChildScope {
    /** The scope of the bridged body the current task belongs to. */
    static final ContextVar<ChildScope> CURRENT = new ContextVar<>("asyncio4j.reactor.scope", null);

    private ChildScope() {
    }

    /** {@return {@code body} run as the root of a new scope} */
    static <T> Coroutine<T> wrap(Coroutine<T> body) {
        return () -> new ChildScope().run(body);
    }

    /** {@return {@code body} run as the root of a new scope} */
    static <T> Generator<T> wrap(Generator<T> body) {
        return out -> new ChildScope().run(() -> {
            body.run(out);
            return null;
        });
    }

    private <T> T run(Coroutine<T> body) throws Exception {
        CURRENT.set(this);
        T result;
        try {
            result = body.call();
        } catch (Throwable e) {
            cancelChildren("parent failed or was cancelled");
            throw e;
        }
        awaitChildren();
        return result;
    }

    private void awaitChildren() throws Exception {
        for (List<Task<?>> children = children(); !children.isEmpty(); children = children()) {
            try {
                Asyncio.wait(asFutures(children), null, ReturnWhen.FIRST_EXCEPTION);
            } catch (CancelledError e) {
                cancelChildren("parent was cancelled");
                throw e;
            }
            for (Task<?> child : children) {
                if (child.done() && !child.cancelled() && child.exception() != null) {
                    cancelChildren("a sibling failed");
                    throw Loops.sneaky(child.exception());
                }
            }
        }
    }

    private void cancelChildren(String why) {
        for (Task<?> child : children()) {
            child.cancel(why);
        }
    }

    /** {@return the pending tasks of the running loop that belong to this scope, but the body's own} */
    private List<Task<?>> children() {
        EventLoop loop = Asyncio.getRunningLoop();
        Task<?> self = Asyncio.currentTask();
        List<Task<?>> out = new ArrayList<>();
        for (Task<?> t : Asyncio.allTasks(loop)) {
            if (t != self && t.getContext().get(CURRENT) == this) {
                out.add(t);
            }
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Future<Object>> asFutures(List<Task<?>> tasks) {
        return (List) tasks;
    }
}
