package io.asyncio4j.internal.net.tls;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.TimerHandle;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.BufferedProtocol;
import io.asyncio4j.transports.Protocol;
import io.asyncio4j.transports.TlsOptions;
import io.asyncio4j.transports.Transport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The raw side of a TLS connection: asyncio's {@code sslproto.SSLProtocol}, over an
 * {@link SSLEngine} instead of OpenSSL memory BIOs. It is installed as the
 * {@link BufferedProtocol} of a plain {@link Transport}; ciphertext is read straight into its
 * network buffer, decrypted and handed to the application protocol through an
 * {@link SslAppTransport}.
 *
 * <p>States ({@link TlsState}): {@code UNWRAPPED -> DO_HANDSHAKE -> WRAPPED -> FLUSHING ->
 * SHUTDOWN -> UNWRAPPED}. The handshake starts in {@link #connectionMade}; when it completes the
 * application's {@code connectionMade} is called (unless this is {@code start_tls}) and the
 * waiter completes with the application transport, or with the handshake's error
 * ({@link SSLHandshakeException} for a bad certificate, {@link TimeoutError} when it takes longer
 * than the handshake timeout).
 *
 * <p>Flow control passes through: the raw transport's {@code pauseWriting}/{@code resumeWriting}
 * reach the application protocol, and the application's {@code pauseReading} pauses the raw
 * transport. Encrypted records go to the raw transport at once (it buffers what the socket does
 * not take), so the application transport's write buffer is the raw transport's.
 *
 * <p>Delegated tasks ({@link SSLEngine#getDelegatedTask()}: certificate checks, key agreement,
 * seeding {@code SecureRandom} from {@code /dev/urandom}) run off the loop, on
 * {@link DelegatedTaskExecutor}, as Netty's {@code SslHandler} does with a delegated-task
 * executor; the engine asks for them only during a handshake, so a connection pays a few thread
 * hops per handshake and none per record. While a batch runs the engine is left alone: bytes
 * received are only buffered, application writes queue in the backlog, and closing or EOF only
 * records the new state. When the batch is done the state
 * machine resumes on the loop from wherever it stands; if the connection was aborted or lost
 * meanwhile (a handshake timeout, {@code abort()}), the late result is dropped. Differences from
 * asyncio: OpenSSL does this work inside {@code do_handshake} on the loop's thread.
 *
 * <p>Threading: loop thread only, like every protocol.
 */
public final class SslProtocol implements BufferedProtocol {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j");
    /** asyncio's {@code constants.SSL_HANDSHAKE_TIMEOUT}. */
    static final double DEFAULT_HANDSHAKE_TIMEOUT = 60.0;
    /** asyncio's {@code constants.SSL_SHUTDOWN_TIMEOUT}. */
    static final double DEFAULT_SHUTDOWN_TIMEOUT = 30.0;
    /** asyncio's {@code constants.LOG_THRESHOLD_FOR_CONNLOST_WRITES}. */
    private static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

    private enum AppState { INIT, CON_MADE, EOF, CON_LOST }

    private final EventLoop loop;
    private final SSLContext context;
    private final SSLEngine engine;
    private final boolean serverSide;
    private final String serverHostname;
    private final double handshakeTimeout;
    private final double shutdownTimeout;
    private final boolean callConnectionMade;
    private Future<Transport> waiter;

    private BaseProtocol<Transport> app;
    private BufferedProtocol appBuffered;
    private Protocol appPlain;
    private SslAppTransport appTransport;
    private Transport transport;

    private TlsState state = TlsState.UNWRAPPED;
    private AppState appState = AppState.INIT;
    private boolean eofReceived;
    private boolean appReadingPaused;
    private boolean rawWritingPaused;
    private boolean closeNotifySent;
    /** A batch of delegated tasks is running on another thread: the engine must not be used. */
    private boolean taskPending;
    /**
     * True while the application reads the plaintext buffer: a close or resumeReading from
     * inside dataReceived must not read again, or it would hand the same buffer over twice.
     */
    private boolean delivering;
    /** A shutdown began inside dataReceived; it flushes once the delivering doRead is done. */
    private boolean flushAfterDelivery;
    /** The session as of the last look at the engine, for {@code getExtraInfo} during a task. */
    private SSLSession lastSession;
    private int connLost;
    private Throwable closeError;
    private TimerHandle handshakeTimeoutHandle;
    private TimerHandle shutdownTimeoutHandle;

    private final EngineIo io;
    /** Application writes made before the handshake finished (asyncio's {@code _write_backlog}). */
    private final ArrayDeque<ByteBuffer> backlog = new ArrayDeque<>();
    private int backlogBytes;

    /**
     * Creates the protocol; the handshake starts when it is connected to a raw transport.
     *
     * @param loop the loop
     * @param app the application's protocol ({@link Protocol} or {@link BufferedProtocol})
     * @param context the TLS context
     * @param options side, server name, timeouts
     * @param waiter completed with the application transport when the handshake is done, or
     *               with its error; may be {@code null}
     * @param callConnectionMade whether to call {@code app.connectionMade} after the handshake
     *                           ({@code false} for start_tls, whose protocol is already connected)
     * @throws IllegalArgumentException on a non-positive timeout, an unsupported protocol type,
     *                                  or a client without a server name
     */
    public SslProtocol(EventLoop loop, BaseProtocol<Transport> app, SSLContext context, TlsOptions options,
                       Future<Transport> waiter, boolean callConnectionMade) {
        this.loop = java.util.Objects.requireNonNull(loop, "loop");
        this.handshakeTimeout = checkTimeout("handshakeTimeout", options == null ? null : options.handshakeTimeout(),
                DEFAULT_HANDSHAKE_TIMEOUT);
        this.shutdownTimeout = checkTimeout("shutdownTimeout", options == null ? null : options.shutdownTimeout(),
                DEFAULT_SHUTDOWN_TIMEOUT);
        this.engine = TlsEngines.create(context, options);
        this.lastSession = engine.getSession();
        this.context = context;
        this.serverSide = options.serverSide();
        this.serverHostname = options.serverHostname();
        this.waiter = waiter;
        this.callConnectionMade = callConnectionMade;
        setAppProtocol(app);
        this.appTransport = new SslAppTransport(this);
        this.io = new EngineIo(engine);
    }

    private static double checkTimeout(String name, Double value, double dflt) {
        if (value == null) {
            return dflt;
        }
        if (!(value > 0)) {
            // asyncio: "ssl_handshake_timeout should be a positive number, got {x}"
            throw new IllegalArgumentException(name + " should be a positive number, got " + value);
        }
        return value;
    }

    void setAppProtocol(BaseProtocol<?> protocol) {
        java.util.Objects.requireNonNull(protocol, "protocol");
        // A protocol that is both (StreamReaderProtocol) gets dataReceived: the plaintext is
        // already in memory here, and copying it into getBuffer() first would cost a copy more.
        if (protocol instanceof Protocol p) {
            appPlain = p;
            appBuffered = null;
        } else if (protocol instanceof BufferedProtocol b) {
            appBuffered = b;
            appPlain = null;
        } else {
            throw new IllegalArgumentException("a TLS transport's protocol must be a Protocol or a BufferedProtocol, got "
                    + protocol.getClass().getName());
        }
        @SuppressWarnings("unchecked")
        BaseProtocol<Transport> p = (BaseProtocol<Transport>) protocol;
        app = p;
    }

    BaseProtocol<Transport> appProtocol() {
        return app;
    }

    /** {@return the application-side transport} */
    public SslAppTransport appTransport() {
        return appTransport;
    }

    /** {@return the engine of this connection} */
    public SSLEngine engine() {
        return engine;
    }

    // ---- raw side: the BufferedProtocol ---------------------------------------------------------

    @Override
    public void connectionMade(Transport raw) {
        this.transport = raw;
        startHandshake();
    }

    @Override
    public void connectionLost(Throwable exc) {
        Throwable err = exc != null ? exc : closeError;
        backlog.clear();
        backlogBytes = 0;
        connLost++;
        if (appTransport != null) {
            appTransport.markClosed();
        }
        // Differences from asyncio: after start_tls the application protocol was connected
        // before the handshake began, so it hears connectionLost even when the upgrade fails
        // (asyncio leaves it without one).
        boolean appConnected = appState == AppState.CON_MADE || appState == AppState.EOF
                || (!callConnectionMade && appState == AppState.INIT);
        if (appConnected) {
            appState = AppState.CON_LOST;
            BaseProtocol<Transport> target = app;
            loop.callSoon(() -> target.connectionLost(err));
        }
        state = TlsState.UNWRAPPED;
        transport = null;
        // Differences from asyncio: a connection lost before the handshake completed fails the
        // waiter even without an error (asyncio completes it with None and hands out a dead
        // transport). After the handshake the waiter is already gone.
        wakeupWaiter(err != null ? err : new SocketException("connection lost before the TLS handshake completed"));
        cancelTimers();
    }

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
        return io.inputBuffer(sizeHint);
    }

    @Override
    public void bufferUpdated(int nbytes) {
        io.inputAdded(nbytes);
        switch (state) {
            case DO_HANDSHAKE -> doHandshake();
            case WRAPPED -> doRead();
            case FLUSHING -> doFlush();
            case SHUTDOWN -> doShutdown();
            case UNWRAPPED -> io.dropInput();
        }
    }

    @Override
    public boolean eofReceived() {
        eofReceived = true;
        try {
            switch (state) {
                case DO_HANDSHAKE -> onHandshakeComplete(
                        new SocketException("connection reset by peer during the TLS handshake"));
                case WRAPPED -> {
                    state = TlsState.FLUSHING;
                    if (appReadingPaused) {
                        return true;
                    }
                    doFlush();
                }
                case FLUSHING -> {
                    state = TlsState.SHUTDOWN;
                    doShutdown();
                }
                case SHUTDOWN -> doShutdown();
                case UNWRAPPED -> { }
            }
        } catch (RuntimeException e) {
            if (transport != null) {
                transport.close();
            }
            throw e;
        }
        return false;
    }

    @Override
    public void pauseWriting() {
        rawWritingPaused = true;
        if (appState == AppState.CON_MADE || appState == AppState.EOF) {
            app.pauseWriting();
        }
    }

    @Override
    public void resumeWriting() {
        rawWritingPaused = false;
        if (appState == AppState.CON_MADE || appState == AppState.EOF) {
            app.resumeWriting();
        }
    }

    // ---- handshake --------------------------------------------------------------------------------

    private void startHandshake() {
        state = TlsState.DO_HANDSHAKE;
        handshakeTimeoutHandle = loop.callLater(handshakeTimeout, this::checkHandshakeTimeout);
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            onHandshakeComplete(e);
            return;
        }
        doHandshake();
    }

    private void checkHandshakeTimeout() {
        if (state == TlsState.DO_HANDSHAKE) {
            // asyncio raises ConnectionAbortedError with this message; we use asyncio4j's TimeoutError.
            fatalError(new TimeoutError("SSL handshake is taking longer than " + handshakeTimeout
                    + " seconds: aborting the connection"), null);
        }
    }

    private void doHandshake() {
        try {
            while (state == TlsState.DO_HANDSHAKE && !taskPending) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_TASK -> startDelegatedTasks();
                    case NEED_WRAP -> {
                        if (io.wrapControl(transport).getStatus() == SSLEngineResult.Status.CLOSED) {
                            throw new SSLHandshakeException("the TLS engine closed during the handshake");
                        }
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        if (!unwrapHandshake()) {
                            return;
                        }
                    }
                    case FINISHED, NOT_HANDSHAKING -> {
                        onHandshakeComplete(null);
                        return;
                    }
                }
            }
        } catch (SSLException e) {
            onHandshakeComplete(e);
        }
    }

    /** One unwrap during the handshake; {@code false} when more ciphertext is needed. */
    private boolean unwrapHandshake() throws SSLException {
        SSLEngineResult r = io.unwrap();
        return switch (r.getStatus()) {
            case BUFFER_UNDERFLOW -> false;
            case BUFFER_OVERFLOW -> true;
            case CLOSED -> throw new SSLHandshakeException("the peer closed the connection during the TLS handshake");
            case OK -> true;
        };
    }

    private void onHandshakeComplete(Throwable exc) {
        if (handshakeTimeoutHandle != null) {
            handshakeTimeoutHandle.cancel();
            handshakeTimeoutHandle = null;
        }
        if (exc != null) {
            sendPendingAlert();
            fatalError(exc, exc instanceof SSLHandshakeException
                    ? "SSL handshake failed on verifying the certificate" : "SSL handshake failed");
            return;
        }
        if (LOG.isLoggable(System.Logger.Level.DEBUG) && loop.getDebug()) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: TLS handshake done ({1}, {2})", this,
                    engine.getSession().getProtocol(), engine.getSession().getCipherSuite());
        }
        io.sessionReady();
        lastSession = engine.getSession();
        state = TlsState.WRAPPED;
        appState = AppState.CON_MADE;
        try {
            if (callConnectionMade) {
                app.connectionMade(appTransport);
            }
            if (rawWritingPaused) {
                app.pauseWriting();
            }
        } catch (RuntimeException e) {
            CancelledError.rethrowIfCancelled(e);
            fatalError(e, "Error in connectionMade() of the TLS application protocol");
            return;
        }
        wakeupWaiter(null);
        // Writes queued before the handshake ended, then records that came with the last flight
        // (TLS 1.3 servers may send application data right after Finished).
        flushBacklog();
        doRead();
    }

    /** After a failed handshake the engine holds an alert for the peer: send it if we can. */
    private void sendPendingAlert() {
        if (transport == null || taskPending) {
            return;
        }
        try {
            engine.closeOutbound();
            while (!engine.isOutboundDone()) {
                if (io.wrapControl(transport).bytesProduced() == 0) {
                    break;
                }
            }
        } catch (SSLException | RuntimeException ignored) {
            // Best effort: the connection is being aborted anyway.
        }
    }

    private void wakeupWaiter(Throwable exc) {
        Future<Transport> w = waiter;
        if (w == null) {
            return;
        }
        waiter = null;
        if (!w.done()) {
            if (exc != null) {
                w.setException(exc);
            } else {
                w.setResult(appTransport);
            }
        }
    }

    // ---- reading --------------------------------------------------------------------------------

    /** Decrypts what has arrived and delivers it, asyncio's {@code _do_read}. */
    private void doRead() {
        if (delivering) {
            return; // the delivering doRead goes on once the application returns
        }
        // Replies the application writes from dataReceived leave in one raw write at the end.
        io.cork();
        try {
            while ((state == TlsState.WRAPPED || state == TlsState.FLUSHING) && !appReadingPaused && !taskPending) {
                SSLEngineResult r = io.unwrap();
                if (io.plaintext().position() > 0) {
                    deliver();
                }
                switch (r.getStatus()) {
                    case BUFFER_UNDERFLOW:
                        return;
                    case BUFFER_OVERFLOW:
                        continue;
                    case CLOSED:
                        onCloseNotify();
                        return;
                    case OK:
                        break;
                }
                boolean progress = r.bytesConsumed() > 0 || r.bytesProduced() > 0;
                if (serviceHandshake() || progress) {
                    continue;
                }
                return;
            }
        } catch (SSLException | RuntimeException e) {
            CancelledError.rethrowIfCancelled(e);
            fatalError(e, "Fatal error on SSL protocol");
        } finally {
            // After an abort the held records are dropped with the rest of the connection.
            io.uncork(state == TlsState.UNWRAPPED ? null : transport);
            if (flushAfterDelivery) {
                flushAfterDelivery = false;
                doFlush();
            }
        }
    }

    /** Post-handshake messages (TLS 1.3 key update, TLS 1.2 renegotiation) may need work. */
    private boolean serviceHandshake() throws SSLException {
        switch (engine.getHandshakeStatus()) {
            case NEED_TASK:
                startDelegatedTasks();
                return false;
            case NEED_WRAP:
                return io.wrapControl(transport).bytesProduced() > 0;
            default:
                return false;
        }
    }

    private void deliver() {
        ByteBuffer plain = io.plaintext();
        plain.flip();
        delivering = true;
        try {
            if (appState != AppState.CON_MADE || state == TlsState.SHUTDOWN) {
                return;
            }
            if (appPlain != null) {
                appPlain.dataReceived(plain);
            } else {
                while (plain.hasRemaining() && appBuffered != null) {
                    BufferedProtocol target = appBuffered;
                    ByteBuffer buf = target.getBuffer(plain.remaining());
                    int n = Math.min(buf.remaining(), plain.remaining());
                    if (n == 0) {
                        throw new IllegalStateException("getBuffer() returned an empty buffer");
                    }
                    buf.put(plain.slice(plain.position(), n));
                    plain.position(plain.position() + n);
                    target.bufferUpdated(n);
                }
            }
        } finally {
            delivering = false;
            plain.clear();
        }
    }

    /** The peer sent close_notify: tell the application, then answer it. */
    private void onCloseNotify() {
        if (state != TlsState.WRAPPED) {
            return;
        }
        callEofReceived();
        startShutdown();
    }

    private void callEofReceived() {
        if (appState != AppState.CON_MADE) {
            return;
        }
        appState = AppState.EOF;
        try {
            boolean keepOpen = app instanceof Protocol p ? p.eofReceived() : ((BufferedProtocol) app).eofReceived();
            if (keepOpen) {
                LOG.log(System.Logger.Level.WARNING, "returning true from eofReceived() has no effect when using TLS");
            }
        } catch (RuntimeException e) {
            CancelledError.rethrowIfCancelled(e);
            fatalError(e, "Error calling eofReceived()");
        }
    }

    // ---- writing --------------------------------------------------------------------------------

    /** The application wrote {@code data}: asyncio's {@code _write_appdata}. */
    void writeAppData(ByteBuffer data) {
        if (state == TlsState.DO_HANDSHAKE || (taskPending && state == TlsState.WRAPPED)) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
            backlog.add(copy);
            backlogBytes += copy.remaining();
            return;
        }
        if (state != TlsState.WRAPPED) {
            if (connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                LOG.log(System.Logger.Level.WARNING, "TLS write() after the connection was closed: data dropped");
            }
            connLost++;
            return;
        }
        try {
            io.wrapAll(data, transport);
        } catch (SSLException | RuntimeException e) {
            CancelledError.rethrowIfCancelled(e);
            fatalError(e, "Fatal error on SSL protocol");
        }
    }

    /** Sends the writes queued during the handshake or a delegated task, in order. */
    private void flushBacklog() {
        while (!backlog.isEmpty() && (state == TlsState.WRAPPED || state == TlsState.FLUSHING) && !taskPending) {
            ByteBuffer b = backlog.poll();
            backlogBytes -= b.remaining();
            try {
                io.wrapAll(b, transport);
            } catch (SSLException | RuntimeException e) {
                CancelledError.rethrowIfCancelled(e);
                fatalError(e, "Fatal error on SSL protocol");
            }
        }
    }

    // ---- delegated tasks ------------------------------------------------------------------------

    /**
     * NEED_TASK: hands the engine's delegated tasks to {@link DelegatedTaskExecutor} and stops
     * the state machine until they are done ({@link #delegatedTasksDone}). Reading goes on:
     * input is only buffered meanwhile (a few milliseconds, during a handshake).
     */
    private void startDelegatedTasks() throws SSLException {
        Runnable batch = io.takeDelegatedTasks();
        if (batch == null) {
            throw new SSLException("the TLS engine needs a delegated task but has none");
        }
        Future<Void> done;
        try {
            // Through runInExecutor: the result comes back on the loop, and a virtual clock does
            // not jump past work in flight.
            done = loop.runInExecutor(DelegatedTaskExecutor.shared(), () -> {
                batch.run();
                return null;
            });
        } catch (RuntimeException e) {
            throw new SSLException("cannot run the TLS engine's delegated tasks", e);
        }
        // The completion is queued on the loop, so it cannot run before this line.
        taskPending = true;
        done.addDoneCallback(this::delegatedTasksDone);
    }

    /** {@return whether a batch of delegated tasks is running} For tests. */
    boolean delegatedTaskPending() {
        return taskPending;
    }

    /** Back on the loop after a batch of delegated tasks: resume where the state machine stands. */
    private void delegatedTasksDone(Future<Void> done) {
        taskPending = false;
        Throwable failed = done.cancelled() ? new SSLException("the TLS engine's delegated tasks were cancelled")
                : done.exception();
        if (state == TlsState.UNWRAPPED) {
            // Aborted, timed out or lost while the tasks ran: that error already went out; the
            // engine is discarded with the connection.
            if (failed != null && loop.getDebug()) {
                LOG.log(System.Logger.Level.DEBUG, this + ": delegated task failed after the connection closed", failed);
            }
            return;
        }
        if (failed != null) {
            SSLException e = failed instanceof SSLException s ? s
                    : new SSLException("a delegated task of the TLS engine failed: " + failed, failed);
            if (state == TlsState.DO_HANDSHAKE) {
                onHandshakeComplete(e);
            } else {
                fatalError(e, "Fatal error on SSL protocol");
            }
            return;
        }
        switch (state) {
            case DO_HANDSHAKE -> doHandshake();
            case WRAPPED -> {
                flushBacklog();
                doRead();
            }
            case FLUSHING -> {
                flushBacklog();
                doFlush();
            }
            case SHUTDOWN -> doShutdown();
            case UNWRAPPED -> { }
        }
    }

    // ---- shutdown -------------------------------------------------------------------------------

    /** asyncio's {@code _start_shutdown}: the application closed its transport. */
    void startShutdown() {
        if (state == TlsState.FLUSHING || state == TlsState.SHUTDOWN || state == TlsState.UNWRAPPED) {
            return;
        }
        appTransport.markClosed();
        if (state == TlsState.DO_HANDSHAKE) {
            abort(null);
            return;
        }
        state = TlsState.FLUSHING;
        shutdownTimeoutHandle = loop.callLater(shutdownTimeout, this::checkShutdownTimeout);
        if (appReadingPaused && transport != null) {
            // The peer's close_notify must be read even though the application stopped reading.
            appReadingPaused = false;
            transport.resumeReading();
        }
        doFlush();
    }

    private void checkShutdownTimeout() {
        if (state == TlsState.FLUSHING || state == TlsState.SHUTDOWN) {
            closeError = new TimeoutError("SSL shutdown timed out");
            abort(closeError);
        }
    }

    private void doFlush() {
        if (delivering) {
            flushAfterDelivery = true;
            return;
        }
        if (taskPending) {
            // Resumed when the tasks are done: the backlog and the buffered input go first.
            return;
        }
        doRead();
        if (state == TlsState.FLUSHING) {
            state = TlsState.SHUTDOWN;
            doShutdown();
        }
    }

    /** Sends close_notify once, then waits for the peer's (or for EOF): asyncio's {@code _do_shutdown}. */
    private void doShutdown() {
        if (state != TlsState.SHUTDOWN || taskPending) {
            return;
        }
        try {
            if (!closeNotifySent) {
                closeNotifySent = true;
                engine.closeOutbound();
                while (!engine.isOutboundDone()) {
                    if (io.wrapControl(transport).bytesProduced() == 0) {
                        break;
                    }
                }
            }
            if (!eofReceived) {
                discardUntilCloseNotify();
                if (taskPending || !engine.isInboundDone()) {
                    return;
                }
            }
            callEofReceived();
            onShutdownComplete(null);
        } catch (SSLException | RuntimeException e) {
            CancelledError.rethrowIfCancelled(e);
            onShutdownComplete(e);
        }
    }

    private void discardUntilCloseNotify() throws SSLException {
        while (!taskPending && !engine.isInboundDone()) {
            SSLEngineResult r = io.unwrap();
            io.plaintext().clear();
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW, CLOSED:
                    return;
                case BUFFER_OVERFLOW:
                    break;
                case OK:
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0 && !serviceHandshake()) {
                        return;
                    }
                    break;
            }
        }
    }

    private void onShutdownComplete(Throwable exc) {
        if (shutdownTimeoutHandle != null) {
            shutdownTimeoutHandle.cancel();
            shutdownTimeoutHandle = null;
        }
        if (exc != null) {
            fatalError(exc, null);
        } else if (transport != null) {
            Transport raw = transport;
            loop.callSoon(raw::close);
        }
    }

    /** asyncio's {@code _abort}: close the raw transport at once. */
    void abort(Throwable exc) {
        state = TlsState.UNWRAPPED;
        if (exc != null && closeError == null) {
            closeError = exc;
        }
        if (transport != null) {
            transport.abort();
        } else {
            wakeupWaiter(exc != null ? exc : new SocketException("TLS connection aborted"));
        }
    }

    /**
     * asyncio's {@code _fatal_error}: reports (unless it is an I/O error, as asyncio skips OSError)
     * and aborts; the error reaches the waiter and the application's {@code connectionLost}.
     */
    private void fatalError(Throwable exc, String message) {
        closeError = exc;
        if (!(exc instanceof IOException) && !(exc instanceof TimeoutError)) {
            Map<String, Object> ctx = new HashMap<>();
            ctx.put("message", message != null ? message : "Fatal error on transport");
            ctx.put("exception", exc);
            ctx.put("protocol", this);
            if (transport != null) {
                ctx.put("transport", transport);
            }
            loop.callExceptionHandler(ctx);
        } else if (loop.getDebug()) {
            LOG.log(System.Logger.Level.DEBUG, (message != null ? message : "Fatal error on transport") + ": " + this, exc);
        }
        wakeupWaiter(exc);
        TlsState was = state;
        state = TlsState.UNWRAPPED;
        if (transport != null) {
            transport.abort();
        } else if (was != TlsState.UNWRAPPED) {
            cancelTimers();
        }
    }

    private void cancelTimers() {
        if (handshakeTimeoutHandle != null) {
            handshakeTimeoutHandle.cancel();
            handshakeTimeoutHandle = null;
        }
        if (shutdownTimeoutHandle != null) {
            shutdownTimeoutHandle.cancel();
            shutdownTimeoutHandle = null;
        }
    }

    // ---- for the application transport ------------------------------------------------------------

    void pauseAppReading() {
        if (appReadingPaused) {
            return;
        }
        appReadingPaused = true;
        if (transport != null) {
            transport.pauseReading();
        }
    }

    void resumeAppReading() {
        if (!appReadingPaused) {
            return;
        }
        appReadingPaused = false;
        if (transport != null) {
            transport.resumeReading();
        }
        // asyncio's resume_reading schedules the processing of what is already buffered.
        loop.callSoon(() -> {
            switch (state) {
                case WRAPPED -> doRead();
                case FLUSHING -> doFlush();
                case SHUTDOWN -> doShutdown();
                default -> { }
            }
        });
    }

    boolean isAppReading() {
        return !appReadingPaused && state != TlsState.UNWRAPPED;
    }

    int writeBufferSize() {
        return backlogBytes + io.heldBytes() + (transport != null ? transport.getWriteBufferSize() : 0);
    }

    Transport rawTransport() {
        return transport;
    }

    /**
     * The engine's current session; while delegated tasks run (they hold the engine's lock) the
     * one last seen, so that {@code getExtraInfo} never waits for them.
     */
    private SSLSession session() {
        if (!taskPending) {
            lastSession = engine.getSession();
        }
        return lastSession;
    }

    /** asyncio's {@code _get_extra_info}. */
    Object extraInfo(String name) {
        switch (name) {
            case "sslcontext":
                return context;
            case "ssl_object":
                return engine;
            case "peercert":
                return TlsEngines.peerCertificate(session());
            case "cipher":
                return appState == AppState.INIT ? null : session().getCipherSuite();
            case "compression":
                return null;
            case "server_hostname":
                return serverSide ? TlsEngines.requestedServerName(session()) : serverHostname;
            default:
                return transport != null ? transport.getExtraInfo(name) : null;
        }
    }

    @Override
    public String toString() {
        return "SslProtocol[" + (serverSide ? "server" : "client") + ", " + state + "]";
    }
}
