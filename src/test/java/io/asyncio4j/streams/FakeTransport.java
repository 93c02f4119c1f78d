package io.asyncio4j.streams;

import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.Transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory {@link Transport} for stream tests: it records what is written and how reading is
 * paused, and "sends" only when the test calls {@link #flush}, so water marks can be driven by hand.
 */
final class FakeTransport implements Transport {
    final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    final List<String> events = new ArrayList<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private BaseProtocol<?> protocol;
    private boolean reading = true;
    private boolean closing;
    private boolean eofWritten;
    private int high = 64 * 1024;
    private int low = 16 * 1024;
    private boolean writingPaused;
    boolean canPause = true;

    FakeTransport(BaseProtocol<?> protocol) {
        this.protocol = protocol;
    }

    @SuppressWarnings("unchecked")
    private BaseProtocol<Transport> proto() {
        return (BaseProtocol<Transport>) protocol;
    }

    /** Moves {@code n} buffered bytes to {@link #sent}, resuming the writer at the low mark. */
    void flush(int n) {
        byte[] all = pending.toByteArray();
        int k = Math.min(n, all.length);
        sent.write(all, 0, k);
        pending.reset();
        pending.write(all, k, all.length - k);
        if (writingPaused && pending.size() <= low) {
            writingPaused = false;
            proto().resumeWriting();
        }
    }

    /** Ends the connection as the loop's transport would. */
    void lose(Throwable exc) {
        closing = true;
        proto().connectionLost(exc);
    }

    @Override
    public Object getExtraInfo(String name) {
        return "peername".equals(name) ? "fake-peer" : null;
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void close() {
        if (!closing) {
            closing = true;
            events.add("close");
        }
    }

    @Override
    public void setProtocol(BaseProtocol<?> p) {
        protocol = p;
    }

    @Override
    public BaseProtocol<?> getProtocol() {
        return protocol;
    }

    @Override
    public boolean isReading() {
        return reading;
    }

    @Override
    public void pauseReading() {
        if (!canPause) {
            throw new UnsupportedOperationException("cannot pause");
        }
        reading = false;
        events.add("pause");
    }

    @Override
    public void resumeReading() {
        reading = true;
        events.add("resume");
    }

    @Override
    public void setWriteBufferLimits(Integer h, Integer l) {
        high = h;
        low = l;
    }

    @Override
    public int getWriteBufferSize() {
        return pending.size();
    }

    @Override
    public int getWriteBufferLowLimit() {
        return low;
    }

    @Override
    public int getWriteBufferHighLimit() {
        return high;
    }

    @Override
    public void write(ByteBuffer data) {
        if (eofWritten) {
            throw new IllegalStateException("write after writeEof");
        }
        byte[] b = new byte[data.remaining()];
        data.get(b);
        pending.writeBytes(b);
        if (!writingPaused && pending.size() > high) {
            writingPaused = true;
            proto().pauseWriting();
        }
    }

    @Override
    public void writeEof() {
        eofWritten = true;
        events.add("writeEof");
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void abort() {
        closing = true;
        events.add("abort");
    }
}
