package io.asyncio4j.internal.net.tls;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run {@link javax.net.ssl.SSLEngine#getDelegatedTask() SSLEngine delegated
 * tasks} for every loop: certificate-chain validation, key agreement, reading the
 * {@code SecureRandom} seed from {@code /dev/urandom}. None of that may run on a loop's thread
 * (it can block on I/O and costs milliseconds of CPU), so {@link SslProtocol} hands it here, the
 * way Netty's {@code SslHandler} takes a {@code delegatedTaskExecutor}.
 *
 * <p>A dedicated pool rather than the loop's default executor: that one belongs to the
 * application, may be shut down ({@code shutdownDefaultExecutor}) while connections still close,
 * or be a small pool busy with the application's own blocking work, which would stall every
 * handshake behind it. The pool is shared by all loops, bounded to the number of processors
 * (the work is CPU-bound), and its daemon threads exit when idle.
 *
 * <p>Threading: any thread may submit.
 */
final class DelegatedTaskExecutor {
    private DelegatedTaskExecutor() {
    }

    /** {@return the shared pool, created on first use} */
    static Executor shared() {
        return Holder.POOL;
    }

    private static final class Holder {
        static final Executor POOL = create();

        private static Executor create() {
            int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
            AtomicInteger n = new AtomicInteger();
            // A ForkJoinPool: submitting from the loop never parks (a ThreadPoolExecutor's queue
            // takes a lock the workers also take), and idle workers exit on their own.
            return new ForkJoinPool(threads, pool -> {
                ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setName("asyncio4j-tls-task-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }, null, true);
        }
    }
}
