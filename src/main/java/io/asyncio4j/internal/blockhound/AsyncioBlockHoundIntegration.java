package io.asyncio4j.internal.blockhound;

import io.asyncio4j.internal.loop.LoopRuntime;
import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound integration: marks every thread that runs an asyncio4j event loop, and every strand
 * (task) of a running loop, as non-blocking, so that a blocking call there ({@code Thread.sleep},
 * a blocking socket read, {@code Object.wait}, a contended park...) raises
 * {@code reactor.blockhound.BlockingOperationError} instead of silently stalling the loop.
 *
 * <p>Discovered by BlockHound through {@code META-INF/services}; core is compiled against
 * BlockHound with {@code provided}/{@code optional} scope, so it stays free of runtime
 * dependencies and this class is only loaded when BlockHound itself is installed (as
 * {@code -javaagent:blockhound.jar} or by {@code BlockHound.install()}).
 *
 * <p>The loop's own blocking is allowed, each for a reason:
 * <ul>
 *   <li>{@code IoSelector.select}: waiting in the selector is how the loop sleeps when it has
 *       nothing to do (asyncio's {@code selector.select(timeout)}).</li>
 *   <li>{@code FastStrand.suspend}/{@code yieldNow}: a fast-mode strand hands the carrier back to
 *       the loop with {@code LockSupport.park} or {@code Thread.yield}; that is the await itself,
 *       not a block.</li>
 *   <li>{@code PortableStrand.run}/{@code suspend}/{@code yieldNow}/{@code awaitTurn}: a
 *       portable-mode handoff parks one side while the other runs; only one of them ever runs.</li>
 *   <li>{@code sun.net.NetProperties.loadDefaultProperties}: the JDK reads
 *       {@code conf/net.properties} once, lazily, when the first Unix-domain socket is opened.</li>
 *   <li>{@code ChildProcessTransport.spawn}: starting a child forks on the loop, as asyncio's
 *       {@code subprocess_exec} does.</li>
 *   <li>The JDK {@code SSLEngine}'s {@code beginHandshake}/{@code wrap}/{@code unwrap}: the
 *       engine is built to run on the I/O thread, with all slow work split out as delegated
 *       tasks, which asyncio4j runs off the loop and which stay checked. Inline, the engine only
 *       draws a few bytes from {@code SecureRandom} (a handshake's random and key share), which
 *       now and then tops up its small buffer from {@code /dev/urandom}, a read that does not
 *       block; and it takes its own lock, which no other thread holds because the engine is not
 *       used while its tasks run. Netty's integration allows the same calls.</li>
 * </ul>
 *
 * <p>Not part of the public API. Differences from asyncio: asyncio has no equivalent; its debug
 * mode only reports slow callbacks after the fact.
 */
public final class AsyncioBlockHoundIntegration implements BlockHoundIntegration {

    /** Creates the integration; BlockHound instantiates it through the service loader. */
    public AsyncioBlockHoundIntegration() {
    }

    /** {@return whether the calling thread is a running loop's thread or one of its strands} */
    public static boolean onLoopThread() {
        LoopRuntime loop = LoopRuntime.runningOnThisThread();
        return loop != null && loop.isRunning();
    }

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // Any thread may start running a loop (runForever on the caller's thread), so no thread's
        // nature can be cached on its first blocking call: every thread is "dynamic" and the
        // predicate is evaluated at each blocking call, on the calling thread. The loop is found
        // through the loop's thread-local, which is also set on its strands (virtual threads).
        builder.addDynamicThreadPredicate(t -> true);
        builder.nonBlockingThreadPredicate(current -> current.or(t -> t == Thread.currentThread() && onLoopThread()));
        // BlockHound's own list misses JDK 21+ paths: Thread.sleep no longer reaches the native
        // sleep on every thread, and a virtual thread (a strand, or the loop in portable mode)
        // blocks by parking its continuation rather than in Unsafe.park.
        builder.markAsBlocking(Thread.class, "sleep", "(J)V");
        builder.markAsBlocking(Thread.class, "sleep", "(JI)V");
        builder.markAsBlocking(Thread.class, "sleep", "(Ljava/time/Duration;)V");
        builder.markAsBlocking("java.lang.VirtualThread", "park", "()V");
        builder.markAsBlocking("java.lang.VirtualThread", "parkNanos", "(J)V");

        builder.allowBlockingCallsInside("io.asyncio4j.internal.loop.IoSelector", "select");
        builder.allowBlockingCallsInside("io.asyncio4j.internal.strand.FastStrand", "suspend");
        builder.allowBlockingCallsInside("io.asyncio4j.internal.strand.FastStrand", "yieldNow");
        builder.allowBlockingCallsInside("io.asyncio4j.internal.strand.PortableStrand", "run");
        builder.allowBlockingCallsInside("io.asyncio4j.internal.strand.PortableStrand", "suspend");
        builder.allowBlockingCallsInside("io.asyncio4j.internal.strand.PortableStrand", "yieldNow");
        builder.allowBlockingCallsInside("io.asyncio4j.internal.strand.PortableStrand", "awaitTurn");
        // One-time JDK lazy initialisation reached from the loop: the first Unix-domain socket
        // reads $JAVA_HOME/conf/net.properties.
        builder.allowBlockingCallsInside("sun.net.NetProperties", "loadDefaultProperties");
        // Starting a child process forks on the loop's thread, as asyncio's subprocess_exec does
        // (subprocess.Popen is synchronous there too); the wait for the child is not.
        builder.allowBlockingCallsInside("io.asyncio4j.internal.proc.ChildProcessTransport", "spawn");
        // The JDK TLS engine's inline work (see the class comment); its delegated tasks
        // (SSLEngineImpl$DelegatedTask.run) are not covered and must stay off the loop.
        for (String m : new String[] {"beginHandshake", "wrap", "unwrap"}) {
            builder.allowBlockingCallsInside("sun.security.ssl.SSLEngineImpl", m);
        }
    }
}
