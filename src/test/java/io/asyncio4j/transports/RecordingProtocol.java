package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A protocol that records what happens to it (asyncio's test_utils MyProto): the call sequence,
 * the bytes received, and futures to await each event. Must be created on the loop's thread.
 */
class RecordingProtocol implements Protocol {
    final EventLoop loop = Asyncio.getRunningLoop();
    final List<String> events = new ArrayList<>();
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final Future<Transport> made = loop.createFuture();
    final Future<Void> eof = loop.createFuture();
    final Future<Throwable> lost = loop.createFuture();
    Transport transport;
    boolean keepOpenOnEof;
    int lostCalls;
    int pauseCalls;
    int resumeCalls;
    Throwable lostWith;
    private Future<Void> bytesWaiter;
    private int bytesWanted;
    private Future<Void> pausedWaiter;
    private Future<Void> resumedWaiter;

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        events.add("made");
        made.setResult(transport);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (events.isEmpty() || !events.get(events.size() - 1).equals("data")) {
            events.add("data");
        }
        byte[] b = new byte[data.remaining()];
        data.get(b);
        received.writeBytes(b);
        if (bytesWaiter != null && received.size() >= bytesWanted && !bytesWaiter.done()) {
            bytesWaiter.setResult(null);
        }
    }

    @Override
    public boolean eofReceived() {
        events.add("eof");
        eof.setResult(null);
        return keepOpenOnEof;
    }

    @Override
    public void connectionLost(Throwable exc) {
        events.add("lost");
        lostCalls++;
        lostWith = exc;
        if (!lost.done()) {
            lost.setResult(exc);
        }
    }

    @Override
    public void pauseWriting() {
        pauseCalls++;
        if (pausedWaiter != null && !pausedWaiter.done()) {
            pausedWaiter.setResult(null);
        }
    }

    @Override
    public void resumeWriting() {
        resumeCalls++;
        if (resumedWaiter != null && !resumedWaiter.done()) {
            resumedWaiter.setResult(null);
        }
    }

    /** Suspends until at least {@code n} bytes arrived in total. */
    void awaitBytes(int n) {
        if (received.size() >= n) {
            return;
        }
        bytesWanted = n;
        bytesWaiter = loop.createFuture();
        bytesWaiter.await();
    }

    /** Suspends until {@code pauseWriting} was called (returns at once if it already was). */
    void awaitPaused() {
        if (pauseCalls > resumeCalls) {
            return;
        }
        pausedWaiter = loop.createFuture();
        pausedWaiter.await();
    }

    /** Suspends until {@code resumeWriting} is called. */
    void awaitResumed() {
        if (resumeCalls >= pauseCalls) {
            return;
        }
        resumedWaiter = loop.createFuture();
        resumedWaiter.await();
    }

    String text() {
        return received.toString(StandardCharsets.UTF_8);
    }
}
