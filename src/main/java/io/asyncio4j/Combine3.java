package io.asyncio4j;

/**
 * Combines the results of three gathered futures into one value: the typed form of
 * {@code a, b, c = await asyncio.gather(fa, fb, fc)}. See {@link Asyncio#gather(Future, Future, Future, Combine3)}.
 *
 * @param <A> the first result type
 * @param <B> the second result type
 * @param <C> the third result type
 * @param <R> the combined type
 */
@FunctionalInterface
public interface Combine3<A, B, C, R> {
    /**
     * Combines the results.
     *
     * @param a the first result
     * @param b the second result
     * @param c the third result
     * @return the combined value
     * @throws Exception which becomes the gathered future's exception
     */
    R apply(A a, B b, C c) throws Exception;
}
