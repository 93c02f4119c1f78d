package io.asyncio4j.reactor;

import io.asyncio4j.Future;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuples;

import java.util.List;

/**
 * {@code zip} of two to eight tasks as a typed {@code Mono<TupleN>}, like {@code Mono.zip}: built
 * on the eager {@link Gather#zip}, so it shares its rules (errors at once, first error cancels
 * the rest). A tuple holds no nulls, so a task returning {@code null} completes the Mono empty,
 * as an empty source does in {@code Mono.zip}.
 */
final class TypedZip {
    private TypedZip() {
    }

    @SuppressWarnings("unchecked")
    static <R> Mono<R> of(Future<?>... futures) {
        return AsyncioReactor.zip(futures).handle((List<Object> values, reactor.core.publisher.SynchronousSink<R> sink) -> {
            if (values.contains(null)) {
                sink.complete();
            } else {
                sink.next((R) Tuples.fromArray(values.toArray()));
            }
        });
    }
}
