package io.asyncio4j.internal.proc;

import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.OpenResources;
import io.asyncio4j.subprocess.SubprocessOptions;
import io.asyncio4j.subprocess.SubprocessOptions.Redirect;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.BaseTransport;
import io.asyncio4j.transports.SubprocessProtocol;
import io.asyncio4j.transports.SubprocessTransport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A child process and its pipes (asyncio's {@code BaseSubprocessTransport}), over
 * {@link ProcessBuilder}: pipes are pumped by small daemon threads ({@link PipeReader},
 * {@link PipeWriter}) and the exit is reported by {@link Process#onExit()}; everything reaches
 * the protocol on the loop's thread.
 *
 * <p>States: {@code running -> exited (processExited) -> finished (every pipe closed:
 * connectionLost, wait() returns)}. Closing the transport closes the pipes and kills a child that
 * still runs, as asyncio does.
 */
public final class ChildProcessTransport implements SubprocessTransport, PipeOwner {

    private final EventLoop loop;
    private SubprocessProtocol protocol;
    private final Process process;
    private final PipeWriter stdin;
    private final PipeReader stdout;
    private final PipeReader stderr;
    private final boolean[] pipeOpen = new boolean[3];
    private Integer returncode;
    private int signalSent;
    private boolean closed;
    private boolean finished;

    private ChildProcessTransport(EventLoop loop, SubprocessProtocol protocol, Process process, SubprocessOptions o) {
        this.loop = loop;
        this.protocol = protocol;
        this.process = process;
        this.stdin = o.stdin() == Redirect.PIPE ? new PipeWriter(loop, this, process.getOutputStream()) : null;
        this.stdout = o.stdout() == Redirect.PIPE ? new PipeReader(loop, this, 1, process.getInputStream()) : null;
        this.stderr = o.stderr() == Redirect.PIPE ? new PipeReader(loop, this, 2, process.getErrorStream()) : null;
        pipeOpen[0] = stdin != null;
        pipeOpen[1] = stdout != null;
        pipeOpen[2] = stderr != null;
    }

    /**
     * Starts {@code args} and connects {@code protocol}: asyncio's {@code loop.subprocess_exec}.
     * Runs on the loop's thread; starting a process does not wait for it.
     *
     * @param loop the loop
     * @param protocol the protocol
     * @param args the program and its arguments
     * @param options the redirections, working directory and environment
     * @return the transport, already connected
     * @throws UncheckedIOException if the program cannot be started (e.g. not found)
     */
    public static ChildProcessTransport spawn(EventLoop loop, SubprocessProtocol protocol, List<String> args,
                                              SubprocessOptions options) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("args must name a program");
        }
        if (options.stdin() == Redirect.STDOUT || options.stdout() == Redirect.STDOUT) {
            throw new IllegalArgumentException("Redirect.STDOUT is only valid for stderr");
        }
        if (options.stderr() == Redirect.STDOUT && options.stdout() != Redirect.PIPE) {
            throw new IllegalArgumentException("stderr=STDOUT needs stdout=PIPE");
        }
        ProcessBuilder pb = new ProcessBuilder(args);
        pb.redirectInput(input(options.stdin()));
        pb.redirectOutput(output(options.stdout()));
        if (options.stderr() == Redirect.STDOUT) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(output(options.stderr()));
        }
        if (options.cwd() != null) {
            pb.directory(options.cwd().toFile());
        }
        if (options.env() != null) {
            Map<String, String> env = pb.environment();
            env.clear();
            env.putAll(options.env());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + args.get(0) + ": " + e.getMessage(), e);
        }
        ChildProcessTransport t = new ChildProcessTransport(loop, protocol, p, options);
        OpenResources.subprocessTransportOpened();
        long pid = p.pid();
        protocol.connectionMade(t);
        if (t.stdin != null) {
            t.stdin.start("asyncio4j-pipe-" + pid + "-stdin");
        }
        if (t.stdout != null) {
            t.stdout.start("asyncio4j-pipe-" + pid + "-stdout");
        }
        if (t.stderr != null) {
            t.stderr.start("asyncio4j-pipe-" + pid + "-stderr");
        }
        p.onExit().thenRun(() -> {
            try {
                loop.callSoonThreadsafe(t::exited);
            } catch (RuntimeException loopClosed) {
                // The loop is gone; nobody is left to tell.
            }
        });
        return t;
    }

    private static ProcessBuilder.Redirect input(Redirect r) {
        return switch (r) {
            case PIPE -> ProcessBuilder.Redirect.PIPE;
            case DEVNULL -> ProcessBuilder.Redirect.from(new File("/dev/null"));
            case INHERIT -> ProcessBuilder.Redirect.INHERIT;
            case STDOUT -> throw new IllegalArgumentException("Redirect.STDOUT is only valid for stderr");
        };
    }

    private static ProcessBuilder.Redirect output(Redirect r) {
        return switch (r) {
            case PIPE -> ProcessBuilder.Redirect.PIPE;
            case DEVNULL -> ProcessBuilder.Redirect.DISCARD;
            case INHERIT -> ProcessBuilder.Redirect.INHERIT;
            case STDOUT -> throw new IllegalArgumentException("Redirect.STDOUT is only valid for stderr");
        };
    }

    // ---- events, on the loop thread ----------------------------------------------------------

    @Override
    public void pipeData(int fd, ByteBuffer data) {
        if (!finished) {
            protocol.pipeDataReceived(fd, data);
        }
    }

    @Override
    public void pipeLost(int fd, Throwable exc) {
        if (!pipeOpen[fd]) {
            return;
        }
        pipeOpen[fd] = false;
        protocol.pipeConnectionLost(fd, exc);
        tryFinish();
    }

    @Override
    public void writerPauseWriting() {
        protocol.pauseWriting();
    }

    @Override
    public void writerResumeWriting() {
        protocol.resumeWriting();
    }

    private void exited() {
        int code = process.exitValue();
        // Java reports death by signal N as 128+N; asyncio reports -N. We can only tell the two
        // apart for signals we sent ourselves.
        if (signalSent > 0 && code == 128 + signalSent) {
            code = -signalSent;
        }
        returncode = code;
        if (stdin != null) {
            stdin.childExited();
        }
        protocol.processExited();
        tryFinish();
    }

    private void tryFinish() {
        if (finished || returncode == null || pipeOpen[0] || pipeOpen[1] || pipeOpen[2]) {
            return;
        }
        finished = true;
        loop.callSoon(() -> protocol.connectionLost(null));
    }

    // ---- SubprocessTransport -----------------------------------------------------------------

    @Override
    public long getPid() {
        return process.pid();
    }

    @Override
    public Integer getReturncode() {
        return returncode;
    }

    @Override
    public BaseTransport getPipeTransport(int fd) {
        return switch (fd) {
            case 0 -> stdin;
            case 1 -> stdout;
            case 2 -> stderr;
            default -> null;
        };
    }

    @Override
    public void sendSignal(String signal) {
        String name = signal.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        int num = Signals.number(name);
        if (returncode != null || !process.isAlive()) {
            // asyncio raises ProcessLookupError once the child is gone; so do we.
            throw new IllegalStateException("ProcessLookupError: process " + process.pid() + " has exited");
        }
        signalSent = num;
        // Through the ProcessHandle: Process.destroy() would also close the pipes, losing output
        // the child already wrote and that the reader has not consumed yet.
        if (num == 15) {
            process.toHandle().destroy();
        } else if (num == 9) {
            process.toHandle().destroyForcibly();
        } else {
            // Sent off the loop; a child that exits (and is reaped) before the kill runs is
            // ignored there, as asyncio's Popen.send_signal ignores that ProcessLookupError.
            Signals.kill(process.pid(), num);
        }
    }

    @Override
    public void terminate() {
        sendSignal("TERM");
    }

    @Override
    public void kill() {
        sendSignal("KILL");
    }

    @Override
    public Object getExtraInfo(String name) {
        return "subprocess".equals(name) ? process : null;
    }

    @Override
    public boolean isClosing() {
        return closed;
    }

    /** Closes the pipes and kills the child if it still runs: asyncio's {@code close()}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        OpenResources.subprocessTransportClosed();
        if (stdin != null) {
            stdin.close();
        }
        if (stdout != null) {
            stdout.close();
        }
        if (stderr != null) {
            stderr.close();
        }
        if (returncode == null && process.isAlive()) {
            signalSent = 9;
            process.toHandle().destroyForcibly();
        }
    }

    @Override
    public void setProtocol(BaseProtocol<?> p) {
        protocol = (SubprocessProtocol) p;
    }

    @Override
    public BaseProtocol<?> getProtocol() {
        return protocol;
    }

    @Override
    public String toString() {
        return "ChildProcessTransport pid=" + process.pid() + (returncode != null ? " returncode=" + returncode : " running")
                + (closed ? " closed" : "");
    }
}
