/**
 * asyncio4j core: Python's asyncio for the JVM.
 *
 * <p>Exports the public API only; the event loop's implementation ({@code io.asyncio4j.internal.*})
 * stays inside the module. Fast strand mode needs {@code java.lang} opened to this module:
 * {@code --add-opens java.base/java.lang=io.asyncio4j} on the module path
 * ({@code =ALL-UNNAMED} on the class path).
 */
module io.asyncio4j {
    // sun.misc.Signal, for EventLoop.addSignalHandler.
    requires jdk.unsupported;
    // The optional BlockHound integration: present only when the user puts BlockHound on the path.
    requires static reactor.blockhound;

    exports io.asyncio4j;
    exports io.asyncio4j.streams;
    exports io.asyncio4j.transports;
    exports io.asyncio4j.sync;
    exports io.asyncio4j.subprocess;
    exports io.asyncio4j.testing;
    // Hooks the Reactor bridge needs and asyncio has no public API for (a queue item given back
    // when a subscription is cancelled before delivery); no other module can read them.
    exports io.asyncio4j.internal.bridge to io.asyncio4j.reactor;

    provides reactor.blockhound.integration.BlockHoundIntegration
            with io.asyncio4j.internal.blockhound.AsyncioBlockHoundIntegration;
}
