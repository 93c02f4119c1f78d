package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.ContextVar;
import io.asyncio4j.Coroutine;
import io.asyncio4j.Future;
import io.asyncio4j.ReturnWhen;
import io.asyncio4j.Task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Makes the tasks a bridged body creates its children, as kotlinx's {@code mono {}} scope does:
 * the body's task carries a fresh scope in a {@link ContextVar}; every task created inside it
 * copies that context, and the loop's {@link ScopeTaskFactory} hands each task whose context
 * holds a scope to that scope. So children, and their children, are known as they are created.
 *
 * <p>Semantics: when the body completes normally, its result waits until every child is done
 * (kotlinx and {@code asyncio.TaskGroup} wait too); a child that failed then fails the body with
 * its error and the other children are cancelled. When the body fails or is cancelled (the
 * subscription was cancelled), its children are cancelled.
 *
 * <p>Only the loop touches a scope.
 */
final class ChildScope {
    /** The scope of the bridged body the current task belongs to. */
    static final ContextVar<ChildScope> CURRENT = new ContextVar<>("asyncio4j.reactor.scope", null);

    /** The children not known to be done (each leaves when it finishes); made on the first child. */
    private Set<Task<?>> children;
    /** The error of the first child that failed, even before the body returned. */
    private Throwable firstFailure;

    private ChildScope() {
    }

    /** On the loop: {@code task} was created inside this scope. */
    void adopt(Task<?> task) {
        if (!task.done()) {
            if (children == null) {
                children = Collections.newSetFromMap(new IdentityHashMap<>());
            }
            children.add(task);
            task.addDoneCallback(this::childDone);
        }
    }

    private void childDone(io.asyncio4j.Future<?> child) {
        children.remove(child);
        if (firstFailure == null && !child.cancelled() && child.exception() != null) {
            firstFailure = child.exception();
        }
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
        ScopeTaskFactory.installOn(Asyncio.getRunningLoop());
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
        while (true) {
            if (children == null || (children.isEmpty() && firstFailure == null)) {
                return;
            }
            List<Task<?>> pending = new ArrayList<>(children.size());
            for (Task<?> child : new ArrayList<>(children)) {
                if (!child.done()) {
                    pending.add(child);
                } else if (firstFailure == null && !child.cancelled() && child.exception() != null) {
                    firstFailure = child.exception();
                }
            }
            if (firstFailure != null) {
                cancelChildren("a sibling failed");
                throw Loops.sneaky(firstFailure);
            }
            if (pending.isEmpty()) {
                return;
            }
            try {
                Asyncio.wait(asFutures(pending), ReturnWhen.FIRST_EXCEPTION);
            } catch (CancelledError e) {
                cancelChildren("parent was cancelled");
                throw e;
            }
        }
    }

    private void cancelChildren(String why) {
        for (Task<?> child : children()) {
            child.cancel(why);
        }
    }

    /** {@return the children that are not done yet} */
    private List<Task<?>> children() {
        if (children == null) {
            return List.of();
        }
        List<Task<?>> out = new ArrayList<>(children.size());
        for (Task<?> t : children) {
            if (!t.done()) {
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
