package io.asyncio4j.subprocess;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamReaderProtocol;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.transports.BaseTransport;
import io.asyncio4j.transports.ReadTransport;
import io.asyncio4j.transports.SubprocessProtocol;
import io.asyncio4j.transports.SubprocessTransport;
import io.asyncio4j.transports.WriteTransport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects a child's pipes to streams (asyncio's {@code SubprocessStreamProtocol}): stdout and
 * stderr feed {@link StreamReader}s, stdin is a {@link StreamWriter} whose flow control and close
 * waiting come from an inner {@link StreamReaderProtocol}. Closes the transport once the child
 * exited and its output pipes are closed.
 */
final class SubprocessStreamProtocol implements SubprocessProtocol {
    private final int limit;
    private final StreamReaderProtocol stdinFlow;
    private final EventLoop loop;
    private final List<Integer> pipeFds = new ArrayList<>(2);
    private SubprocessTransport transport;
    /** The transport for good (the field above is cleared once closed). */
    private SubprocessTransport process;
    private boolean processExited;
    /** The transport told us it is done: the child exited and every pipe is closed. */
    private boolean lost;
    private final List<Future<Integer>> exitWaiters = new ArrayList<>(1);
    StreamWriter stdin;
    StreamReader stdout;
    StreamReader stderr;

    SubprocessStreamProtocol(int limit, EventLoop loop) {
        this.limit = limit;
        this.loop = loop;
        this.stdinFlow = new StreamReaderProtocol(null, loop);
    }

    @Override
    public void connectionMade(SubprocessTransport t) {
        transport = t;
        process = t;
        BaseTransport out = t.getPipeTransport(1);
        if (out != null) {
            stdout = new StreamReader(limit);
            stdout.setTransport((ReadTransport) out);
            pipeFds.add(1);
        }
        BaseTransport err = t.getPipeTransport(2);
        if (err != null) {
            stderr = new StreamReader(limit);
            stderr.setTransport((ReadTransport) err);
            pipeFds.add(2);
        }
        BaseTransport in = t.getPipeTransport(0);
        if (in != null) {
            stdin = new StreamWriter((WriteTransport) in, stdinFlow, null, loop);
        }
    }

    @Override
    public void pipeDataReceived(int fd, ByteBuffer data) {
        StreamReader r = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (r != null) {
            r.feedData(data);
        }
    }

    @Override
    public void pipeConnectionLost(int fd, Throwable exc) {
        if (fd == 0) {
            if (stdin != null) {
                stdin.close();
            }
            stdinFlow.connectionLost(exc);
            return;
        }
        StreamReader r = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (r != null) {
            if (exc == null) {
                r.feedEof();
            } else {
                r.setException(exc);
            }
        }
        pipeFds.remove((Integer) fd);
        maybeCloseTransport();
    }

    @Override
    public void pauseWriting() {
        stdinFlow.pauseWriting();
    }

    @Override
    public void resumeWriting() {
        stdinFlow.resumeWriting();
    }

    @Override
    public void processExited() {
        processExited = true;
        maybeCloseTransport();
    }

    /** The child exited and its pipes are closed: {@link #waitExit} returns from now on. */
    @Override
    public void connectionLost(Throwable exc) {
        lost = true;
        Integer code = exitCode();
        for (Future<Integer> w : exitWaiters) {
            if (!w.cancelled()) {
                w.setResult(code);
            }
        }
        exitWaiters.clear();
    }

    /**
     * Suspends the current task until the child exited and its pipes are closed: asyncio's
     * {@code transport._wait()}, one waiter per call so that cancelling one caller cancels only it.
     *
     * @return the exit code
     */
    int waitExit() {
        if (lost) {
            return exitCode();
        }
        Future<Integer> w = loop.createFuture();
        exitWaiters.add(w);
        try {
            return w.await();
        } finally {
            exitWaiters.remove(w);
        }
    }

    private Integer exitCode() {
        return process.getReturncode();
    }

    private void maybeCloseTransport() {
        if (pipeFds.isEmpty() && processExited && transport != null) {
            transport.close();
            transport = null;
        }
    }
}
