package io.asyncio4j.internal.net.tls;

import io.asyncio4j.transports.Transport;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import java.nio.ByteBuffer;
import java.util.ArrayList;

/**
 * The buffers around one {@link SSLEngine} (what asyncio's {@code sslproto} keeps in its
 * incoming/outgoing memory BIOs): ciphertext in, plaintext out of {@code unwrap}, and ciphertext
 * out of {@code wrap} handed to the raw transport.
 *
 * <p>Buffers are heap buffers reused for the life of the connection; the raw transport copies
 * what it cannot send at once, so {@link #netOut} is cleared after each write. Delegated engine
 * tasks are handed out by {@link #takeDelegatedTasks()} to run on another thread. Loop thread
 * only.
 */
final class EngineIo {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    /** Ciphertext received, in write mode: [0, position) is not yet decrypted. */
    private ByteBuffer netIn;
    private int netInStart;
    /** Plaintext from unwrap, in write mode: [0, position) is not yet delivered. */
    private ByteBuffer appIn;
    /** Ciphertext from wrap, in write mode. */
    private ByteBuffer netOut;
    private int packetSize;

    EngineIo(SSLEngine engine) {
        this.engine = engine;
        packetSize = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(packetSize * 2);
        appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        netOut = ByteBuffer.allocate(packetSize * 4);
    }

    /** Re-reads the record size once the session is negotiated. */
    void sessionReady() {
        packetSize = engine.getSession().getPacketBufferSize();
    }

    /** {@return the buffer the raw transport reads ciphertext into} */
    ByteBuffer inputBuffer(int sizeHint) {
        int want = Math.max(sizeHint, 1024);
        if (netIn.remaining() < want) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(netIn.capacity() * 2, netIn.position() + want));
            netIn.flip();
            netIn = bigger.put(netIn);
        }
        netInStart = netIn.position();
        return netIn;
    }

    /** {@code n} bytes were read into {@link #inputBuffer}; works whether or not the reader advanced its position. */
    void inputAdded(int n) {
        netIn.position(netInStart + n);
    }

    /** Drops undecrypted input (the connection is gone). */
    void dropInput() {
        netIn.clear();
    }

    /** {@return the plaintext buffer, in write mode} */
    ByteBuffer plaintext() {
        return appIn;
    }

    /** One unwrap of the buffered ciphertext into {@link #plaintext()}; grows buffers as needed. */
    SSLEngineResult unwrap() throws SSLException {
        netIn.flip();
        SSLEngineResult r;
        try {
            r = engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            // Keep what is already there: during the handshake it waits for connectionMade.
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(appIn.capacity() * 2,
                    appIn.position() + engine.getSession().getApplicationBufferSize()));
            appIn.flip();
            appIn = bigger.put(appIn);
        } else if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
            int packet = engine.getSession().getPacketBufferSize();
            if (netIn.capacity() < packet) {
                ByteBuffer bigger = ByteBuffer.allocate(packet * 2);
                netIn.flip();
                netIn = bigger.put(netIn);
            }
        }
        return r;
    }

    /** Wraps a handshake or close message (no application data) and sends it to {@code out}. */
    SSLEngineResult wrapControl(Transport out) throws SSLException {
        while (true) {
            netOut.clear();
            SSLEngineResult r = engine.wrap(EMPTY, netOut);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                continue;
            }
            send(out);
            return r;
        }
    }

    /** Encrypts all of {@code src}, several records per raw write where they fit. */
    void wrapAll(ByteBuffer src, Transport out) throws SSLException {
        netOut.clear();
        while (src.hasRemaining()) {
            if (netOut.remaining() < packetSize) {
                if (netOut.position() == 0) {
                    netOut = ByteBuffer.allocate(packetSize * 4);
                } else {
                    send(out);
                }
            }
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("the TLS engine is closed: cannot send application data");
            }
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                if (netOut.position() > 0) {
                    send(out);
                } else {
                    netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                }
            }
        }
        send(out);
    }

    private void send(Transport out) {
        netOut.flip();
        if (netOut.hasRemaining() && out != null) {
            out.write(netOut);
        }
        netOut.clear();
    }

    /**
     * Takes the engine's pending delegated tasks (certificate checks, key agreement) as one batch
     * for another thread; the engine must not be used until the batch has run.
     *
     * @return the batch, or {@code null} when the engine has none
     */
    Runnable takeDelegatedTasks() {
        Runnable first = engine.getDelegatedTask();
        if (first == null) {
            return null;
        }
        Runnable second = engine.getDelegatedTask();
        if (second == null) {
            return first;
        }
        ArrayList<Runnable> tasks = new ArrayList<>(4);
        tasks.add(first);
        for (Runnable t = second; t != null; t = engine.getDelegatedTask()) {
            tasks.add(t);
        }
        return () -> {
            for (Runnable t : tasks) {
                t.run();
            }
        };
    }
}
