import io.asyncio4j.Asyncio;
import io.asyncio4j.transports.Server;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Soak: an asyncio4j echo server (streams, one task per client) under a constant ping-pong load
 * from plain blocking-socket client threads. Every interval it prints the requests per second
 * of that interval and the heap used after a full GC, so drift (throughput falling, heap
 * climbing) shows. Not a CI test: see benchmarks/soak/run.
 */
public final class Soak {
    public static void main(String[] args) throws Exception {
        double minutes = 10;
        int clients = 32;
        int interval = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--minutes" -> minutes = Double.parseDouble(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--interval" -> interval = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--minutes N, --clients N, --interval SECONDS)");
            }
        }
        int[] port = {0};
        Object ready = new Object();
        Thread server = Thread.ofPlatform().name("soak-server").start(() -> Asyncio.run(() -> {
            try (Server srv = Asyncio.startServer((r, w) -> {
                while (true) {
                    byte[] line = r.readline();
                    if (line.length == 0) {
                        break;
                    }
                    w.write(line);
                    w.drain();
                }
                w.close();
            }, "127.0.0.1", 0)) {
                synchronized (ready) {
                    port[0] = ((java.net.InetSocketAddress) srv.sockets().get(0).getLocalAddress()).getPort();
                    ready.notifyAll();
                }
                srv.serveForever();
            }
            return null;
        }));
        synchronized (ready) {
            while (port[0] == 0) {
                ready.wait();
            }
        }
        LongAdder requests = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> load = new ArrayList<>();
        byte[] request = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\n".getBytes();
        for (int c = 0; c < clients; c++) {
            load.add(Thread.ofPlatform().name("soak-client-" + c).start(() -> {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port[0])) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    byte[] reply = new byte[request.length];
                    while (running.get()) {
                        out.write(request);
                        in.readFully(reply);
                        requests.increment();
                    }
                } catch (Exception e) {
                    if (running.get()) {
                        System.err.println("client failed: " + e);
                    }
                }
            }));
        }
        var memory = ManagementFactory.getMemoryMXBean();
        long end = System.nanoTime() + (long) (minutes * 60e9);
        System.out.printf("soak: %d clients, %.1f min, report every %d s%n", clients, minutes, interval);
        System.out.println("interval  req/s      heap-after-gc(MB)");
        for (int n = 1; System.nanoTime() < end; n++) {
            long t0 = System.nanoTime();
            long r0 = requests.sum();
            Thread.sleep(Math.min(interval * 1000L, Math.max(1, (end - t0) / 1_000_000)));
            double secs = (System.nanoTime() - t0) / 1e9;
            double rate = (requests.sum() - r0) / secs;
            System.gc();
            double heap = memory.getHeapMemoryUsage().getUsed() / 1048576.0;
            System.out.printf("%8d  %9.0f  %8.1f%n", n, rate, heap);
        }
        running.set(false);
        for (Thread t : load) {
            t.join();
        }
        System.out.println("total requests: " + requests.sum());
        System.exit(0);
    }
}
