package io.asyncio4j.reactor;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code gather}: one result per source, in argument order. Every source is subscribed as soon as
 * the Mono is (a merge subscribes eagerly, unlike {@code Mono.zip}), so a failure is signalled at
 * once, without waiting for a request (Reactive Streams rule 1.9), its task's exception counts as
 * retrieved, and the first error cancels the other sources at once. Sources that complete empty
 * (a task returning {@code null}) give {@code null} in the list.
 */
final class Gather {
    private Gather() {
    }

    /** A source's first value (or {@code null}, or its error when settled) and where it goes. */
    private record Slot(int index, Object value) {
    }

    static Mono<List<Object>> zip(List<? extends Publisher<?>> sources, boolean settled) {
        if (sources.isEmpty()) {
            return Mono.fromSupplier(List::of);
        }
        List<Mono<Slot>> slots = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            int index = i;
            Mono<Slot> m = Mono.from(sources.get(i)).map(v -> new Slot(index, v))
                    .defaultIfEmpty(new Slot(index, null));
            if (settled) {
                m = m.onErrorResume(e -> Mono.just(new Slot(index, e)));
            }
            slots.add(m);
        }
        int n = sources.size();
        return all(slots).collectList().map(got -> inOrder(got, n));
    }

    static <T> Flux<T> merge(List<? extends Publisher<? extends T>> sources) {
        return all(sources);
    }

    /**
     * Merges with every source subscribed at once: the array form of {@code Flux.merge} runs all
     * of them concurrently, where the {@code Iterable} form would stop at 256.
     */
    @SuppressWarnings("unchecked")
    private static <T> Flux<T> all(List<? extends Publisher<? extends T>> sources) {
        return Flux.merge(sources.toArray(new Publisher[0]));
    }

    private static List<Object> inOrder(List<Slot> got, int n) {
        Object[] out = new Object[n];
        for (Slot s : got) {
            out[s.index()] = s.value();
        }
        return new ArrayList<>(Arrays.asList(out));
    }
}
