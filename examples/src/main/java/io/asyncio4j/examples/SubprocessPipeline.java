package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.subprocess.Subprocess;
import io.asyncio4j.subprocess.SubprocessOptions;
import io.asyncio4j.subprocess.SubprocessOptions.Redirect;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Demo: the shell pipeline {@code seq 1 N | grep 7 | wc -l} built from three child processes
 * ({@code create_subprocess_exec}) whose pipes are joined by two tasks that copy with
 * back-pressure ({@code drain()}). The loop's thread never blocks on a pipe.
 */
public final class SubprocessPipeline {
    private SubprocessPipeline() {
    }

    private static Void pump(StreamReader from, StreamWriter to) {
        try {
            byte[] chunk;
            while ((chunk = from.read(64 * 1024)).length > 0) {
                to.write(chunk);
                to.drain();
            }
        } finally {
            to.close();
        }
        return null;
    }

    /**
     * Runs the demo.
     *
     * @param args {@code [N]}, the last number to count to (default 100000)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        SubprocessOptions out = new SubprocessOptions(Redirect.DEVNULL, Redirect.PIPE, Redirect.INHERIT, null, null, 64 * 1024);
        SubprocessOptions inOut = new SubprocessOptions(Redirect.PIPE, Redirect.PIPE, Redirect.INHERIT, null, null, 64 * 1024);
        String counted = Asyncio.run(() -> {
            Subprocess seq = Asyncio.createSubprocessExec(List.of("seq", "1", Integer.toString(n)), out);
            Subprocess grep = Asyncio.createSubprocessExec(List.of("grep", "7"), inOut);
            Subprocess wc = Asyncio.createSubprocessExec(List.of("wc", "-l"), inOut);
            System.out.printf("started seq (pid %d) | grep (pid %d) | wc (pid %d)%n", seq.pid(), grep.pid(), wc.pid());
            Task<Void> first = Asyncio.createTask(() -> pump(seq.stdout(), grep.stdin()));
            Task<Void> second = Asyncio.createTask(() -> pump(grep.stdout(), wc.stdin()));
            byte[] result = wc.stdout().read();
            first.await();
            second.await();
            System.out.printf("exit codes: seq=%d grep=%d wc=%d%n", seq.waitFor(), grep.waitFor(), wc.waitFor());
            return new String(result, StandardCharsets.UTF_8).trim();
        });
        long expected = IntStream.rangeClosed(1, n).filter(i -> Integer.toString(i).contains("7")).count();
        System.out.println("pipeline counted " + counted + " lines containing 7; Java counts " + expected);
    }
}
