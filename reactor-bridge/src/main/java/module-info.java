/**
 * asyncio4j's bridge to Project Reactor: adapters between asyncio4j futures, tasks, streams and
 * queues and Reactor's {@code Mono} and {@code Flux}. Its API speaks Reactor's types, so a module
 * that reads this one reads {@code reactor.core} (and through it Reactive Streams) as well.
 */
module io.asyncio4j.reactor {
    requires transitive io.asyncio4j;
    requires transitive reactor.core;
    // Publisher and Subscriber appear in the bridge's API.
    requires transitive org.reactivestreams;

    exports io.asyncio4j.reactor;
}
