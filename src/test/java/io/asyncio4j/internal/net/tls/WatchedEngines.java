package io.asyncio4j.internal.net.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.security.KeyManagementException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link SSLContext} whose engines watch their delegated tasks: which thread runs each, whether
 * the engine is used while one of them is outstanding (handed out and not finished), and, when
 * {@link #hold()} was called, a gate that keeps the tasks from running until {@link #release()}.
 * Wraps a real context; every engine call is forwarded.
 */
final class WatchedEngines {
    /** Threads that ran a delegated task. */
    final List<Thread> taskThreads = new CopyOnWriteArrayList<>();
    /** Engine methods called while a task was outstanding: must stay empty. */
    final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    /** A task to hand out on the next look at the handshake status (a post-handshake task). */
    private volatile Runnable injected;
    private volatile CountDownLatch taskWaiting = new CountDownLatch(1);
    final SSLContext context;

    WatchedEngines(SSLContext real) {
        context = new SSLContext(new Spi(real), real.getProvider(), real.getProtocol()) { };
    }

    /** Makes tasks handed out from now on wait for {@link #release()}. */
    WatchedEngines hold() {
        taskWaiting = new CountDownLatch(1);
        gate = new CountDownLatch(1);
        return this;
    }

    /**
     * Makes the engines report NEED_TASK once more, as if a post-handshake message (a TLS 1.3
     * key update, a TLS 1.2 renegotiation) needed one: the JDK has no way to provoke that on demand.
     */
    WatchedEngines injectTask() {
        injected = () -> { };
        return this;
    }

    /** Lets held tasks run. */
    void release() {
        gate.countDown();
    }

    /** Blocks (call it off the loop) until a task handed out since {@link #hold()} is at the gate. */
    void awaitTaskHeld() throws InterruptedException {
        if (!taskWaiting.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no delegated task reached the gate");
        }
    }

    private void check(String method) {
        if (outstanding.get() > 0) {
            violations.add(method + " on " + Thread.currentThread().getName());
        }
    }

    private Runnable watch(Runnable task) {
        if (task == null) {
            return null;
        }
        outstanding.incrementAndGet();
        CountDownLatch g = gate;
        CountDownLatch waiting = taskWaiting;
        return () -> {
            taskThreads.add(Thread.currentThread());
            try {
                waiting.countDown();
                if (!g.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the gate was never released");
                }
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                outstanding.decrementAndGet();
            }
        };
    }

    private final class Spi extends SSLContextSpi {
        private final SSLContext real;

        Spi(SSLContext real) {
            this.real = real;
        }

        @Override
        protected void engineInit(javax.net.ssl.KeyManager[] km, javax.net.ssl.TrustManager[] tm, SecureRandom sr)
                throws KeyManagementException {
            real.init(km, tm, sr);
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return real.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return real.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return new Engine(real.createSSLEngine());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return new Engine(real.createSSLEngine(host, port));
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return real.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return real.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return real.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return real.getSupportedSSLParameters();
        }
    }

    /** Forwards to the real engine, recording calls made while a task is outstanding. */
    private final class Engine extends SSLEngine {
        private final SSLEngine e;

        Engine(SSLEngine e) {
            super(e.getPeerHost(), e.getPeerPort());
            this.e = e;
        }

        @Override
        public SSLEngineResult wrap(ByteBuffer[] srcs, int off, int len, ByteBuffer dst) throws SSLException {
            check("wrap");
            return e.wrap(srcs, off, len, dst);
        }

        @Override
        public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int off, int len) throws SSLException {
            check("unwrap");
            return e.unwrap(src, dsts, off, len);
        }

        @Override
        public Runnable getDelegatedTask() {
            Runnable extra = injected;
            if (extra != null) {
                injected = null;
                return watch(extra);
            }
            // Asking again while one is outstanding is fine: the engine answers null.
            return watch(e.getDelegatedTask());
        }

        @Override
        public void closeInbound() throws SSLException {
            check("closeInbound");
            e.closeInbound();
        }

        @Override
        public boolean isInboundDone() {
            check("isInboundDone");
            return e.isInboundDone();
        }

        @Override
        public void closeOutbound() {
            check("closeOutbound");
            e.closeOutbound();
        }

        @Override
        public boolean isOutboundDone() {
            check("isOutboundDone");
            return e.isOutboundDone();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return e.getSupportedCipherSuites();
        }

        @Override
        public String[] getEnabledCipherSuites() {
            return e.getEnabledCipherSuites();
        }

        @Override
        public void setEnabledCipherSuites(String[] suites) {
            e.setEnabledCipherSuites(suites);
        }

        @Override
        public String[] getSupportedProtocols() {
            return e.getSupportedProtocols();
        }

        @Override
        public String[] getEnabledProtocols() {
            return e.getEnabledProtocols();
        }

        @Override
        public void setEnabledProtocols(String[] protocols) {
            e.setEnabledProtocols(protocols);
        }

        @Override
        public SSLSession getSession() {
            check("getSession");
            return e.getSession();
        }

        @Override
        public SSLSession getHandshakeSession() {
            check("getHandshakeSession");
            return e.getHandshakeSession();
        }

        @Override
        public void beginHandshake() throws SSLException {
            e.beginHandshake();
        }

        @Override
        public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
            check("getHandshakeStatus");
            return injected != null ? SSLEngineResult.HandshakeStatus.NEED_TASK : e.getHandshakeStatus();
        }

        @Override
        public void setUseClientMode(boolean mode) {
            e.setUseClientMode(mode);
        }

        @Override
        public boolean getUseClientMode() {
            return e.getUseClientMode();
        }

        @Override
        public void setNeedClientAuth(boolean need) {
            e.setNeedClientAuth(need);
        }

        @Override
        public boolean getNeedClientAuth() {
            return e.getNeedClientAuth();
        }

        @Override
        public void setWantClientAuth(boolean want) {
            e.setWantClientAuth(want);
        }

        @Override
        public boolean getWantClientAuth() {
            return e.getWantClientAuth();
        }

        @Override
        public void setEnableSessionCreation(boolean flag) {
            e.setEnableSessionCreation(flag);
        }

        @Override
        public boolean getEnableSessionCreation() {
            return e.getEnableSessionCreation();
        }

        @Override
        public SSLParameters getSSLParameters() {
            return e.getSSLParameters();
        }

        @Override
        public void setSSLParameters(SSLParameters params) {
            e.setSSLParameters(params);
        }

        @Override
        public String getApplicationProtocol() {
            return e.getApplicationProtocol();
        }

        @Override
        public String getHandshakeApplicationProtocol() {
            return e.getHandshakeApplicationProtocol();
        }
    }
}
