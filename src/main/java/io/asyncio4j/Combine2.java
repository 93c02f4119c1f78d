package io.asyncio4j;

/**
 * Combines the results of two gathered futures into one value: the typed form of
 * {@code a, b = await asyncio.gather(fa, fb)}. See {@link Asyncio#gather(Future, Future, Combine2)}.
 * A record's constructor fits: {@code gather(fa, fb, Page::new)}.
 *
 * @param <A> the first result type
 * @param <B> the second result type
 * @param <R> the combined type
 */
@FunctionalInterface
public interface Combine2<A, B, R> {
    /**
     * Combines the results.
     *
     * @param a the first result
     * @param b the second result
     * @return the combined value
     * @throws Exception which becomes the gathered future's exception
     */
    R apply(A a, B b) throws Exception;
}
