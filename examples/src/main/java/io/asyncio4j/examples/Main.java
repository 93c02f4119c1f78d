package io.asyncio4j.examples;

import java.util.Arrays;
import java.util.List;

/**
 * The launcher behind {@code examples/run}: lists the examples, or runs one by name.
 */
public final class Main {
    /** Every example, in the tutorial's order, then the demos. */
    public static final List<Example> EXAMPLES = List.of(
            new Example("get-html-generator", "基础使用 §1", "get_html with sleep, generator style",
                    GetHtmlGeneratorStyle::main),
            new Example("get-html-native", "基础使用 §1", "get_html with sleep, native style, timed",
                    GetHtmlNativeStyle::main),
            new Example("wait-many", "基础使用 §2", "nine tasks sleeping 1..9 s awaited with wait()",
                    WaitManyTasks::main),
            new Example("wait-same-url", "基础使用 §2", "ten 2-second tasks finish in about 2 s",
                    WaitSameUrl::main),
            new Example("task-result-callback", "基础使用 §3", "create_task, add_done_callback, result()",
                    TaskResultCallback::main),
            new Example("gather-list", "基础使用 §4", "gather of one list of tasks", GatherList::main),
            new Example("gather-groups", "基础使用 §4", "gather of two gathered groups", GatherGroups::main),
            new Example("cancel-ctrl-c", "基础使用 §5", "SIGINT handler cancels one gathered group",
                    CancelOnCtrlC::main),
            new Example("cancel-all-tasks", "基础使用 §5", "SIGINT handler cancels every task",
                    CancelAllTasks::main),
            new Example("stop-vs-close", "基础使用 §6", "stop() vs close() on a running loop", StopVsClose::main),
            new Example("call-soon-stop", "call_soon §1", "call_soon and stopping the loop", CallSoonStop::main),
            new Example("call-later", "call_soon §2", "call_later runs callbacks by deadline", CallLater::main),
            new Example("call-at", "call_soon §3", "call_at with loop.time()", CallAt::main),
            new Example("call-soon-threadsafe", "call_soon §4", "other threads hand work to the loop",
                    CallSoonThreadsafe::main),
            new Example("run-in-executor", "线程池+asyncio", "blocking calls in a thread pool",
                    RunInExecutor::main),
            new Example("http-get-all", "http请求 §1", "ten GETs over open_connection, all results at once",
                    HttpGetAll::main),
            new Example("http-as-completed", "http请求 §2", "ten GETs printed as they complete (as_completed)",
                    HttpAsCompleted::main),
            new Example("concurrent-fetch", "demo", "N requests finish in about the time of one [N] [URL]",
                    ConcurrentFetch::main),
            new Example("flux-fetch", "demo", "Reactor pipeline: URLs -> Mono tasks, merged in completion order [N]",
                    FluxFetch::main),
            new Example("flux-fetch-retry", "demo", "flatMap(url -> mono(...), n) with timeout and Retry.backoff [N]",
                    FluxFetchRetry::main),
            new Example("loop-lag", "demo", "heavy work downstream of the loop: lag without and with publishOn",
                    LoopLag::main),
            new Example("echo-server", "demo", "line echo server and three clients [--serve PORT]", EchoServer::main),
            new Example("echo-client", "demo", "line echo client [HOST PORT MESSAGE...]", EchoClient::main),
            new Example("chat-server", "demo", "chat with broadcast, clean shutdown on SIGINT [--serve PORT]",
                    ChatServer::main),
            new Example("subprocess-pipeline", "demo", "seq | grep 7 | wc -l from three child processes [N]",
                    SubprocessPipeline::main));

    private Main() {
    }

    /**
     * Lists the examples, or runs the one named by {@code args[0]} with the rest as its arguments.
     *
     * @param args the example's name and arguments
     */
    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--list") || args[0].equals("-h") || args[0].equals("--help")) {
            list();
            return;
        }
        Example example = EXAMPLES.stream().filter(e -> e.name().equals(args[0])).findFirst().orElse(null);
        if (example == null) {
            System.err.println("no example named '" + args[0] + "'; run examples/run without arguments for the list");
            System.exit(2);
            return;
        }
        try {
            example.main().run(Arrays.copyOfRange(args, 1, args.length));
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void list() {
        System.out.println("usage: examples/run NAME [ARGS]\n");
        String section = null;
        for (Example e : EXAMPLES) {
            if (!e.section().equals(section)) {
                section = e.section();
                System.out.println(section.equals("demo") ? "demos:" : "tutorial " + section + ":");
            }
            System.out.printf("  %-22s %s%n", e.name(), e.description());
        }
    }
}
