package io.asyncio4j.test;

import io.asyncio4j.internal.OpenResources;
import io.asyncio4j.internal.proc.PipeThreads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The leak check of {@link LoopExtension} ({@link LoopConfig#checkLeaks()}): counts the open event
 * loops, socket transports, servers and subprocess transports (core's counters), the subprocess
 * pipe pump threads, the live child processes, the process's sockets, selectors and pipes
 * ({@code /proc/self/fd}) and its live platform threads, and compares two counts.
 *
 * <p>Threads the JDK starts lazily and keeps (virtual-thread carriers, pollers, the process
 * reaper, the common pool) are not leaks. Where {@code /proc} is missing only the counters and
 * threads are checked. {@code -Dasyncio4j.leakcheck.perTest=true} makes the extension check after
 * every test too, to find the leaking one.
 */
public final class LeakCheck {
    static final boolean PER_TEST = Boolean.getBoolean("asyncio4j.leakcheck.perTest");
    private static final long SETTLE_NANOS = 10_000_000_000L;
    private static final Path FDS = Path.of("/proc/self/fd");

    private LeakCheck() {
    }

    /** What was open at one moment; compare two with {@link #leaksSince(Snapshot)}. */
    public record Snapshot(int loops, int transports, int servers, int subprocesses, int pumps, Set<Long> children,
                           Map<String, Integer> fds, Set<Long> threads) {
    }

    /**
     * {@return what is open now} The first call warms up the JDK's lazily created, kept
     * descriptors, so they are not blamed on the code under test.
     */
    public static Snapshot take() {
        WarmUp.once();
        return snapshot();
    }

    /**
     * {@return what is open now and was not at {@code before}, one line per kind; empty if nothing}
     *
     * @param before an earlier snapshot
     */
    public static List<String> leaksSince(Snapshot before) {
        return compare(before, snapshot());
    }

    /**
     * {@return the leaks since {@code before}, after waiting (up to 10 s) for asynchronous closes
     * to land; empty if nothing leaked}
     *
     * @param before an earlier snapshot
     * @throws InterruptedException if interrupted while waiting
     */
    public static List<String> settledLeaksSince(Snapshot before) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (true) {
            List<String> leaks = leaksSince(before);
            if (leaks.isEmpty() || System.nanoTime() > deadline) {
                return leaks;
            }
            Thread.sleep(20); // closes complete on other threads (executor shutdown, reapers)
        }
    }

    static Snapshot snapshot() {
        Set<Long> threads = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !jdkThread(t.getName())) {
                threads.add(t.threadId());
            }
        }
        Set<Long> children = new HashSet<>();
        ProcessHandle.current().children().filter(ProcessHandle::isAlive).forEach(c -> children.add(c.pid()));
        return new Snapshot(OpenResources.loops(), OpenResources.transports(), OpenResources.servers(),
                OpenResources.subprocessTransports(), PipeThreads.live(), children, fdKinds(), threads);
    }

    static List<String> compare(Snapshot before, Snapshot after) {
        List<String> leaks = new ArrayList<>();
        if (after.loops() > before.loops()) {
            leaks.add((after.loops() - before.loops()) + " event loop(s) not closed");
        }
        if (after.transports() > before.transports()) {
            leaks.add((after.transports() - before.transports()) + " transport(s) not closed");
        }
        if (after.servers() > before.servers()) {
            leaks.add((after.servers() - before.servers()) + " server(s) not closed");
        }
        if (after.subprocesses() > before.subprocesses()) {
            leaks.add((after.subprocesses() - before.subprocesses()) + " subprocess transport(s) not closed");
        }
        if (after.pumps() > before.pumps()) {
            leaks.add((after.pumps() - before.pumps()) + " subprocess pipe pump thread(s) still running");
        }
        List<Long> children = new ArrayList<>();
        for (long pid : after.children()) {
            if (!before.children().contains(pid)) {
                children.add(pid);
            }
        }
        if (!children.isEmpty()) {
            leaks.add("child processes still running: " + children);
        }
        for (Map.Entry<String, Integer> e : after.fds().entrySet()) {
            int was = before.fds().getOrDefault(e.getKey(), 0);
            if (e.getValue() > was) {
                leaks.add((e.getValue() - was) + " more " + e.getKey() + " fd(s)");
            }
        }
        List<String> threads = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (after.threads().contains(t.threadId()) && !before.threads().contains(t.threadId()) && t.isAlive()) {
                threads.add(t.getName());
            }
        }
        if (!threads.isEmpty()) {
            leaks.add("threads still running: " + threads);
        }
        return leaks;
    }

    /** {@return how many file descriptors the process has open, or 0 where /proc/self/fd is missing} */
    public static int openFds() {
        if (!Files.isDirectory(FDS)) {
            return 0;
        }
        try (Stream<Path> fds = Files.list(FDS)) {
            return (int) fds.count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** Sockets, selectors (eventpoll) and pipes by kind; files are the JDK's business (jars). */
    private static Map<String, Integer> fdKinds() {
        Map<String, Integer> kinds = new HashMap<>();
        if (!Files.isDirectory(FDS)) {
            return kinds;
        }
        try (Stream<Path> fds = Files.list(FDS)) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed while listing (the listing's own fd, for one)
                }
                String kind = target.startsWith("socket:") ? "socket"
                        : target.startsWith("pipe:") ? "pipe"
                        : target.contains("eventpoll") ? "selector"
                        : null;
                if (kind != null) {
                    if (PER_TEST && kind.equals("socket")) {
                        kinds.merge(kind + " " + target, 1, Integer::sum);
                    }
                    kinds.merge(kind, 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            return kinds;
        }
        return kinds;
    }

    /** Runs {@link JdkWarmUp} once per JVM, on first use. */
    private static final class WarmUp {
        static {
            JdkWarmUp.run();
        }

        static void once() {
            // loading this class ran the warm-up
        }
    }

    /**
     * Not in LeakCheck's own static initialiser: the virtual thread below runs a lambda of
     * this class, which must not be waiting for another class's initialisation to finish.
     */
    private static final class JdkWarmUp {
        /**
         * The JDK creates one socket pair, lazily and for good, the first time a channel registered
         * with a selector is closed (the "pre-close" descriptor it dup2s over closing fds): create it
         * now, so the class that happens to trigger it is not blamed for a leaked socket.
         */
        static void run() {
            try (java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
                java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open();
                ch.configureBlocking(false);
                ch.register(selector, java.nio.channels.SelectionKey.OP_CONNECT);
                ch.close();
                selector.selectNow();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot warm up NIO for the leak check", e);
            }
            // Likewise the pollers (epoll fds) that park virtual threads blocked in socket I/O.
            try (java.nio.channels.ServerSocketChannel listener = java.nio.channels.ServerSocketChannel.open()) {
                listener.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
                java.net.SocketAddress address = listener.getLocalAddress();
                Thread reader = Thread.ofVirtual().start(() -> {
                    try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(address)) {
                        ch.read(java.nio.ByteBuffer.allocate(1));
                    } catch (IOException ignored) {
                        // only the poller's creation matters
                    }
                });
                try (java.nio.channels.SocketChannel accepted = listener.accept()) {
                    // Wait for the reader to block in read (the poller is created then): a parked
                    // virtual thread reports WAITING. Bounded, in case the JDK changes how it waits.
                    long deadline = System.nanoTime() + 5_000_000_000L;
                    while (reader.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                }
                reader.join();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot warm up NIO for the leak check", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * {@return whether a thread of this name is one the JDK (or the test harness, or core's one
     * Cleaner) starts once and keeps} Such threads are not leaks.
     *
     * @param name the thread's name
     */
    public static boolean jdkThread(String name) {
        return name.startsWith("ForkJoinPool") || name.contains("Poller") || name.equals("process reaper")
                || name.startsWith("surefire") || name.equals("Attach Listener") || name.equals("Common-Cleaner")
                || name.startsWith("InnocuousThread") || name.equals("Signal Dispatcher")
                || name.equals("Reference Handler") || name.equals("Finalizer") || name.equals("main")
                || name.startsWith("Notification Thread") || name.startsWith("JFR")
                || name.equals("VirtualThread-unblocker")
                || name.equals("VirtualThread-unparker") || name.equals("junit-jupiter-timeout-watcher")
                // core's one Cleaner thread (unretrieved-exception reports), started once, kept.
                || name.equals("asyncio4j-unretrieved-exceptions")
                // core's shared pools: TLS delegated tasks and the signal sender (daemon threads
                // that exit when idle, like the common ForkJoinPool's).
                || name.startsWith("asyncio4j-tls-task-") || name.equals("asyncio4j-signals");
    }
}
