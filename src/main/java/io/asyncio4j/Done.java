package io.asyncio4j;

import java.util.Set;

/**
 * What {@link Asyncio#wait} returns: the futures that are done and those still pending, asyncio's
 * {@code (done, pending)} tuple. Both sets keep the order the futures were passed in.
 *
 * @param done the futures that are done
 * @param pending the futures that are not
 * @param <T> the futures' result type
 */
public record Done<T>(Set<Future<T>> done, Set<Future<T>> pending) {
}
