package io.asyncio4j.internal.net.tls;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.transports.Protocol;
import io.asyncio4j.transports.Transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link Protocol} that records every call, with futures to await the milestones. */
class RecordingProtocol implements Protocol {
    final List<String> events = new ArrayList<>();
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    final Future<Transport> made;
    final Future<Throwable> lost;
    Transport transport;
    Throwable lostWith;
    /** Completed when {@link #data} holds at least {@link #expected} bytes. */
    Future<byte[]> gotAll;
    int expected = Integer.MAX_VALUE;

    RecordingProtocol(EventLoop loop) {
        made = loop.createFuture();
        lost = loop.createFuture();
        gotAll = loop.createFuture();
    }

    /** {@return this, completing {@link #gotAll} once {@code n} bytes arrived} */
    RecordingProtocol expect(int n) {
        expected = n;
        return this;
    }

    @Override
    public void connectionMade(Transport t) {
        events.add("made");
        transport = t;
        made.setResult(t);
    }

    @Override
    public void dataReceived(ByteBuffer buf) {
        if (events.isEmpty() || !events.get(events.size() - 1).equals("data")) {
            events.add("data");
        }
        byte[] b = new byte[buf.remaining()];
        buf.get(b);
        data.writeBytes(b);
        if (data.size() >= expected && !gotAll.done()) {
            gotAll.setResult(data.toByteArray());
        }
    }

    @Override
    public boolean eofReceived() {
        events.add("eof");
        return false;
    }

    @Override
    public void pauseWriting() {
        events.add("pause");
    }

    @Override
    public void resumeWriting() {
        events.add("resume");
    }

    @Override
    public void connectionLost(Throwable exc) {
        events.add("lost");
        lostWith = exc;
        lost.setResult(exc);
    }

    String text() {
        return data.toString(StandardCharsets.UTF_8);
    }
}
