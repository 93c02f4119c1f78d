package io.asyncio4j.internal.net.tls;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * (the work is CPU-bound), and its daemon threads exit after a minute without work.
 *
 * <p>Threading: any thread may submit.
 */
final class DelegatedTaskExecutor {
    private static final long KEEP_ALIVE_SECONDS = 60;

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
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "asyncio4j-tls-task-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}
