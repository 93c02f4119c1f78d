package io.asyncio4j.subprocess;

import io.asyncio4j.test.LeakCheck;

import io.asyncio4j.Asyncio;
import io.asyncio4j.test.LoopConfig;
import io.asyncio4j.Task;
import io.asyncio4j.internal.loop.BaseLoop;
import io.asyncio4j.internal.OpenResources;
import io.asyncio4j.internal.proc.PipeThreads;
import io.asyncio4j.subprocess.Subprocess;
import io.asyncio4j.subprocess.SubprocessOptions;
import io.asyncio4j.subprocess.SubprocessOptions.Redirect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createSubprocessExec;
import static io.asyncio4j.Asyncio.createSubprocessShell;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Spawn and reap many child processes of every shape (pipes, shell, DEVNULL, stderr into stdout,
 * killed mid-run, dying mid-write): file descriptors, selector keys, pipe pump threads, child
 * processes, tasks (strands) and open subprocess transports all return to where they started.
 * The count defaults to a CI-sized run; {@code -Dasyncio4j.leaks.processes=10000} gives the full
 * figure (see the README).
 */
@Timeout(1200)
@LoopConfig(checkLeaks = true)
class SubprocessLeakTest {
    private static final int N = Integer.getInteger("asyncio4j.leaks.processes", 1000);
    /** Children alive at once: enough to overlap spawns, exits and pipe pumps. */
    private static final int CONCURRENCY = 8;
    private static final SubprocessOptions PIPES = SubprocessOptions.PIPES;
    private static final String REAPER = "process reaper";

    @Test
    void subprocessesSpawnedAndReaped() {
        int fdsBefore = fds();
        int transportsBefore = OpenResources.subprocessTransports();
        int childrenBefore = children();
        int threadsBefore = ourThreads();
        long t0 = System.nanoTime();
        int[] leftOver = Asyncio.run(() -> {
            BaseLoop loop = (BaseLoop) Asyncio.getRunningLoop();
            int keysBefore = loop.selectorKeys();
            int tasksBefore = Asyncio.allTasks().size();
            for (int base = 0; base < N; base += CONCURRENCY) {
                List<Task<Void>> batch = new ArrayList<>(CONCURRENCY);
                for (int i = base; i < Math.min(N, base + CONCURRENCY); i++) {
                    int n = i;
                    batch.add(Asyncio.createTask(() -> {
                        oneChild(n);
                        return null;
                    }));
                }
                Asyncio.gather(batch).await();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            // A pump thread ends right after it posts its pipe's end; give the last ones (bounded) time.
            Asyncio.timeout(20.0, () -> {
                while (PipeThreads.live() > 0) {
                    Asyncio.sleep(0.01);
                }
                return null;
            });
            System.out.printf("SubprocessLeakTest: %d children in %.1f s%n", N, seconds);
            return new int[]{loop.selectorKeys() - keysBefore, Asyncio.allTasks().size() - tasksBefore};
        });
        System.out.printf("SubprocessLeakTest: fds %d -> %d, threads %d -> %d, reapers %d, children %d -> %d%n",
                fdsBefore, fds(), threadsBefore, ourThreads(), reapers(), childrenBefore, children());
        assertEquals(0, leftOver[0], "selector keys left registered");
        assertEquals(0, leftOver[1], "tasks (strands) left pending");
        assertEquals(0, PipeThreads.live(), "pipe pump threads still running");
        assertEquals(childrenBefore, children(), "child processes not reaped");
        assertEquals(transportsBefore, OpenResources.subprocessTransports(), "subprocess transports left open");
        assertTrue(fds() <= fdsBefore + 2, "fds grew from " + fdsBefore + " to " + fds());
        assertTrue(ourThreads() <= threadsBefore, "platform threads grew from " + threadsBefore + " to " + ourThreads()
                + ": " + Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList());
        // The JDK's reaper pool keeps idle threads for a while: bounded by the children alive at
        // once, not by how many were spawned.
        assertTrue(reapers() <= CONCURRENCY + 2, "process reaper threads: " + reapers());
    }

    /** One child of kind {@code n % 6}, run to its end with its output checked. */
    private static void oneChild(int n) {
        switch (n % 6) {
            case 0 -> { // exec, every stream a pipe
                Subprocess p = createSubprocessExec(List.of("cat"), PIPES);
                Subprocess.Output o = p.communicate(("hello " + n).getBytes(StandardCharsets.UTF_8));
                assertEquals("hello " + n, s(o.stdout()));
                assertEquals("", s(o.stderr()));
                assertEquals(0, p.returncode());
            }
            case 1 -> { // shell, a non-zero exit
                Subprocess p = createSubprocessShell("printf out; printf err 1>&2; exit 3", PIPES);
                Subprocess.Output o = p.communicate();
                assertEquals("out", s(o.stdout()));
                assertEquals("err", s(o.stderr()));
                assertEquals(3, p.returncode());
            }
            case 2 -> { // killed mid-run, its pipes never read
                Subprocess p = createSubprocessExec(List.of("sleep", "100"), PIPES);
                p.stdin().write("unread");
                p.kill();
                assertEquals(-9, p.waitFor());
            }
            case 3 -> { // DEVNULL stdin, stderr into stdout
                Subprocess p = createSubprocessShell("echo out; echo err 1>&2",
                        PIPES.withStdin(Redirect.DEVNULL).withStderr(Redirect.STDOUT));
                Subprocess.Output o = p.communicate();
                assertEquals("out\nerr\n", s(o.stdout()));
                assertNull(o.stderr());
                assertEquals(0, p.returncode());
            }
            case 4 -> { // exits before reading its input: communicate ignores the broken pipe
                Subprocess p = createSubprocessExec(List.of("head", "-c", "1"),
                        PIPES.withStdout(Redirect.DEVNULL).withStderr(Redirect.DEVNULL));
                Subprocess.Output o = p.communicate(new byte[256 * 1024]);
                assertNull(o.stdout());
                assertEquals(0, p.returncode());
            }
            default -> { // killed while we write more than the pipe holds: drain raises
                Subprocess p = createSubprocessExec(List.of("sleep", "100"),
                        SubprocessOptions.DEFAULT.withStdin(Redirect.PIPE));
                p.stdin().write(new byte[512 * 1024]);
                p.kill();
                Exception e = assertThrows(Exception.class, () -> p.stdin().drain());
                assertInstanceOf(IOException.class, e);
                assertEquals(-9, p.waitFor());
            }
        }
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int children() {
        return (int) ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
    }

    /**
     * Live platform threads other than those the JDK starts lazily and keeps (process reapers, see
     * the test; virtual-thread carriers; pollers), which include the pipe pump threads.
     */
    private static int ourThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !LeakCheck.jdkThread(t.getName())) {
                n++;
            }
        }
        return n;
    }

    private static int reapers() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().equals(REAPER)) {
                n++;
            }
        }
        return n;
    }

    private static int fds() {
        return io.asyncio4j.test.LeakCheck.openFds();
    }
}
