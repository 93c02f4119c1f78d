package io.asyncio4j.reactor;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code gather} as {@code Mono.zip}: one result per source, in argument order. Sources that
 * complete empty (a task returning {@code null}) give {@code null} in the list instead of
 * emptying the whole result as a bare {@code Mono.zip} would.
 */
final class Gather {
    /** Stands for "completed empty" inside Reactor, which carries no nulls. */
    private static final Object EMPTY = new Object();

    private Gather() {
    }

    static Mono<List<Object>> zip(List<? extends Publisher<?>> sources, boolean settled) {
        if (sources.isEmpty()) {
            return Mono.fromSupplier(List::of);
        }
        List<Mono<Object>> monos = new ArrayList<>(sources.size());
        for (Publisher<?> p : sources) {
            Mono<Object> m = Mono.<Object>from(p).defaultIfEmpty(EMPTY);
            if (settled) {
                m = m.onErrorResume(e -> Mono.just(e));
            }
            monos.add(m);
        }
        return Mono.zip(monos, Gather::toList);
    }

    static <T> Flux<T> merge(List<? extends Publisher<? extends T>> sources) {
        return Flux.merge(sources);
    }

    private static List<Object> toList(Object[] values) {
        List<Object> out = new ArrayList<>(Arrays.asList(values));
        out.replaceAll(v -> v == EMPTY ? null : v);
        return out;
    }
}
