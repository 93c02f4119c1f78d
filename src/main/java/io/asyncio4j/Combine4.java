package io.asyncio4j;

/**
 * Combines the results of four gathered futures into one value. See
 * {@link Asyncio#gather(Future, Future, Future, Future, Combine4)}.
 *
 * @param <A> the first result type
 * @param <B> the second result type
 * @param <C> the third result type
 * @param <D> the fourth result type
 * @param <R> the combined type
 */
@FunctionalInterface
public interface Combine4<A, B, C, D, R> {
    /**
     * Combines the results.
     *
     * @param a the first result
     * @param b the second result
     * @param c the third result
     * @param d the fourth result
     * @return the combined value
     * @throws Exception which becomes the gathered future's exception
     */
    R apply(A a, B b, C c, D d) throws Exception;
}
