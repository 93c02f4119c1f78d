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
    /**
     * Ciphertext received, in write mode: [netInRead, position) is not yet decrypted. Consumed
     * records are skipped by moving {@code netInRead}, not by compacting after every unwrap; the
     * undecrypted tail (at most one partial record) moves to the front only when a read needs the room.
     */
    private ByteBuffer netIn;
    private int netInRead;
    private int netInStart;
    /** Plaintext from unwrap, in write mode: [0, position) is not yet delivered. */
    private ByteBuffer appIn;
    /** Ciphertext from wrap, in write mode: empty except while corked. */
    private ByteBuffer netOut;
    private int corks;
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
            compactInput();
            if (netIn.remaining() < want) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(netIn.capacity() * 2, netIn.position() + want));
                netIn.flip();
                netIn = bigger.put(netIn);
            }
        }
        netInStart = netIn.position();
        return netIn;
    }

    /** Moves the undecrypted bytes to the front of {@link #netIn} (usually a partial record, or nothing). */
    private void compactInput() {
        if (netInRead > 0) {
            netIn.limit(netIn.position()).position(netInRead);
            netIn.compact();
            netInRead = 0;
        }
    }

    /** {@code n} bytes were read into {@link #inputBuffer}; works whether or not the reader advanced its position. */
    void inputAdded(int n) {
        netIn.position(netInStart + n);
    }

    /** Drops undecrypted input (the connection is gone). */
    void dropInput() {
        netIn.clear();
        netInRead = 0;
    }

    /** {@return the plaintext buffer, in write mode} */
    ByteBuffer plaintext() {
        return appIn;
    }

    /** One unwrap of the buffered ciphertext into {@link #plaintext()}; grows buffers as needed. */
    SSLEngineResult unwrap() throws SSLException {
        int end = netIn.position();
        netIn.limit(end).position(netInRead);
        SSLEngineResult r;
        try {
            r = engine.unwrap(netIn, appIn);
        } finally {
            netInRead = netIn.position();
            netIn.limit(netIn.capacity()).position(end);
            if (netInRead == end) {
                // Everything decrypted: start the next read at the front, no copy needed.
                netIn.clear();
                netInRead = 0;
            }
        }
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            // Keep what is already there: during the handshake it waits for connectionMade.
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(appIn.capacity() * 2,
                    appIn.position() + engine.getSession().getApplicationBufferSize()));
            appIn.flip();
            appIn = bigger.put(appIn);
        } else if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
            int packet = engine.getSession().getPacketBufferSize();
            if (netIn.capacity() - netInRead < packet) {
                // The rest of the record must fit behind what is already buffered.
                compactInput();
                if (netIn.capacity() < packet) {
                    ByteBuffer bigger = ByteBuffer.allocate(packet * 2);
                    netIn.flip();
                    netIn = bigger.put(netIn);
                }
            }
        }
        return r;
    }

    /**
     * Holds the records {@link #wrapAll} makes back until the matching {@link #uncork}, so that the
     * replies written while one read is processed leave in as few raw writes as {@link #netOut}
     * allows (asyncio's sslproto likewise flushes its outgoing BIO once per processed read).
     * Nests; loop thread only.
     */
    void cork() {
        corks++;
    }

    /** Ends a {@link #cork()}; the outermost one writes what was held to {@code out}. */
    void uncork(Transport out) {
        if (--corks == 0) {
            send(out);
        }
    }

    /** {@return ciphertext made while corked and not yet handed to the raw transport} */
    int heldBytes() {
        return netOut.position();
    }

    /** Wraps a handshake or close message (no application data) and sends it to {@code out}. */
    SSLEngineResult wrapControl(Transport out) throws SSLException {
        send(out); // records held by cork() go first
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

    /**
     * Encrypts all of {@code src}, several records per raw write where they fit; while corked the
     * last records stay in {@link #netOut} for {@link #uncork}.
     */
    void wrapAll(ByteBuffer src, Transport out) throws SSLException {
        while (src.hasRemaining()) {
            if (failed(out)) {
                // The raw transport failed (a reset during this write): nobody will read the rest.
                src.position(src.limit());
                netOut.clear();
                return;
            }
            if (netOut.remaining() < packetSize) {
                if (netOut.position() == 0) {
                    netOut = ByteBuffer.allocate(packetSize * 4);
                } else {
                    send(out);
                    continue;
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
        if (corks == 0) {
            send(out);
        }
    }

    private void send(Transport out) {
        netOut.flip();
        if (netOut.hasRemaining() && out != null && !failed(out)) {
            out.write(netOut);
        }
        netOut.clear();
    }

    /**
     * {@return whether the raw transport is closing} The TLS layer closes it only after its last
     * record, so a closing raw transport here has failed (reset, broken pipe): records written to
     * it would only be dropped, each one logged once past asyncio's
     * {@code LOG_THRESHOLD_FOR_CONNLOST_WRITES}.
     */
    private static boolean failed(Transport out) {
        return out != null && out.isClosing();
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
