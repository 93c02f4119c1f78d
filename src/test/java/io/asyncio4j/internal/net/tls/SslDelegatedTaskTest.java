package io.asyncio4j.internal.net.tls;

import io.asyncio4j.Asyncio;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.transports.TlsOptions;
import io.asyncio4j.transports.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SSLEngine delegated tasks run off the loop ({@link DelegatedTaskExecutor}) and the state
 * machine resumes on the loop when they are done; the engine is never used while a task is
 * outstanding ({@link WatchedEngines} records any call), and closing, aborting or timing out
 * while one runs ends the connection once, with the late result dropped. No CPython counterpart:
 * OpenSSL does this work inside {@code do_handshake} on asyncio's loop.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SslDelegatedTaskTest {

    private static WatchedEngines watch(javax.net.ssl.SSLContext ctx) {
        return new WatchedEngines(ctx);
    }

    @Test
    void delegatedTasksRunOffTheLoopTls13() {
        runsOffTheLoop("TLSv1.3");
    }

    @Test
    void delegatedTasksRunOffTheLoopTls12() {
        runsOffTheLoop("TLSv1.2");
    }

    private void runsOffTheLoop(String version) {
        WatchedEngines client = watch(TestCerts.clientContext(version));
        WatchedEngines server = watch(TestCerts.serverContext());
        TlsPair.run(() -> {
            Thread loopThread = Thread.currentThread();
            RecordingProtocol clientApp = new RecordingProtocol(Asyncio.getRunningLoop()).expect(4);
            RecordingProtocol serverApp = new RecordingProtocol(Asyncio.getRunningLoop()).expect(4);
            TlsPair p = TlsPair.create(clientApp, client.context, TlsOptions.client("localhost"),
                    serverApp, server.context, TlsOptions.server()).connect();
            Transport ct = p.clientReady.await();
            Transport st = p.serverReady.await();
            ct.write("ping");
            assertEquals("ping", new String(serverApp.gotAll.await(), StandardCharsets.UTF_8));
            st.write("pong");
            assertEquals("pong", new String(clientApp.gotAll.await(), StandardCharsets.UTF_8));
            assertEquals(version, ((javax.net.ssl.SSLEngine) ct.getExtraInfo("ssl_object")).getSession().getProtocol());
            ct.close();
            assertNull(clientApp.lost.await());
            assertNull(serverApp.lost.await());
            for (WatchedEngines w : List.of(client, server)) {
                assertFalse(w.taskThreads.isEmpty(), "the handshake had no delegated task");
                for (Thread t : w.taskThreads) {
                    assertNotSame(loopThread, t);
                    assertTrue(t.getName().startsWith("asyncio4j-tls-task-"), t.getName());
                }
            }
            return null;
        });
        assertEquals(List.of(), client.violations, "client engine used while a task ran");
        assertEquals(List.of(), server.violations, "server engine used while a task ran");
    }

    /** The peer's records that arrive while a task is held stay buffered and are used afterwards. */
    @Test
    void inputArrivingWhileATaskRunsIsKept() {
        WatchedEngines client = watch(TestCerts.clientContext()).hold();
        TlsPair.run(() -> {
            RecordingProtocol clientApp = new RecordingProtocol(Asyncio.getRunningLoop()).expect(2);
            RecordingProtocol serverApp = new RecordingProtocol(Asyncio.getRunningLoop()).expect(2);
            TlsPair p = TlsPair.create(clientApp, client.context, TlsOptions.client("localhost"),
                    serverApp, TestCerts.serverContext(), TlsOptions.server()).connect();
            Asyncio.toThread(() -> {
                client.awaitTaskHeld();
                return null;
            });
            for (int i = 0; i < 5; i++) {
                Asyncio.sleep(0);
            }
            assertTrue(p.client.delegatedTaskPending());
            assertFalse(p.clientReady.done(), "the handshake cannot finish while its task is held");
            assertTrue(p.clientRaw.isReading(), "input is buffered while a task runs");
            client.release();
            Transport st = p.serverReady.await();
            p.clientReady.await();
            st.write("hi");
            assertEquals("hi", new String(clientApp.gotAll.await(), StandardCharsets.UTF_8));
            return null;
        });
        assertEquals(List.of(), client.violations);
    }

    /**
     * A task after the handshake (post-handshake message): application writes made while it runs
     * are queued and sent in order once it is done, and a close made meanwhile waits for them,
     * then sends close_notify (asyncio's FLUSHING state).
     */
    @Test
    void writesAndCloseDuringAPostHandshakeTaskKeepTheirOrder() {
        WatchedEngines client = watch(TestCerts.clientContext());
        TlsPair.run(() -> {
            RecordingProtocol clientApp = new RecordingProtocol(Asyncio.getRunningLoop()).expect(1);
            RecordingProtocol serverApp = new RecordingProtocol(Asyncio.getRunningLoop()).expect(6);
            TlsPair p = TlsPair.create(clientApp, client.context, TlsOptions.client("localhost"),
                    serverApp, TestCerts.serverContext(), TlsOptions.server()).connect();
            Transport ct = p.clientReady.await();
            Transport st = p.serverReady.await();
            client.hold().injectTask();
            try {
                return afterTheHandshake(p, ct, st, client, clientApp, serverApp);
            } finally {
                client.release();
            }
        });
        assertEquals(List.of(), client.violations, "the engine was used while its task ran");
    }

    private static Void afterTheHandshake(TlsPair p, Transport ct, Transport st, WatchedEngines client,
                                          RecordingProtocol clientApp, RecordingProtocol serverApp) throws Exception {
        {
            st.write("a");                       // a record makes the client look at the handshake status
            Asyncio.toThread(() -> {
                client.awaitTaskHeld();
                return null;
            });
            assertTrue(p.client.delegatedTaskPending());
            // "a" (or the session ticket before it) made the client look: what follows stays
            // buffered until the task is done.
            ct.write("one");
            ct.write("two");
            assertEquals(6, ct.getWriteBufferSize(), "queued while the task runs");
            ct.close();
            for (int i = 0; i < 5; i++) {
                Asyncio.sleep(0);
            }
            assertEquals(List.of("made"), serverApp.events, "nothing may leave while the task runs");
            client.release();
            assertEquals("a", new String(clientApp.gotAll.await(), StandardCharsets.UTF_8), "delivered while flushing");
            assertEquals("onetwo", new String(serverApp.gotAll.await(), StandardCharsets.UTF_8));
            assertNull(serverApp.lost.await());
            assertNull(clientApp.lost.await());
            assertEquals(List.of("made", "data", "eof", "lost"), serverApp.events);
            return null;
        }
    }

    /** Ports the idea of test_sslproto.py test_close_during_handshake with a delegated task pending. */
    @Test
    void closeWhileATaskIsPending() {
        endsWhileATaskIsPending(p -> p.server.appTransport().close());
    }

    @Test
    void abortWhileATaskIsPending() {
        endsWhileATaskIsPending(p -> p.server.appTransport().abort());
    }

    private interface Ending {
        void apply(TlsPair p);
    }

    private void endsWhileATaskIsPending(Ending ending) {
        WatchedEngines server = watch(TestCerts.serverContext()).hold();
        TlsPair.run(() -> {
            RecordingProtocol clientApp = new RecordingProtocol(Asyncio.getRunningLoop());
            RecordingProtocol serverApp = new RecordingProtocol(Asyncio.getRunningLoop());
            TlsPair p = TlsPair.create(clientApp, TestCerts.clientContext(), TlsOptions.client("localhost"),
                    serverApp, server.context, TlsOptions.server()).connect();
            Asyncio.toThread(() -> {
                server.awaitTaskHeld();
                return null;
            });
            ending.apply(p);
            assertTrue(p.serverRaw.aborted, "closing during the handshake aborts the raw transport");
            assertThrows(SocketException.class, p.serverReady::await);
            assertThrows(SocketException.class, p.clientReady::await);
            server.release();
            settle(p.server);
            assertEquals(List.of(), serverApp.events, "the application never saw the connection");
            assertEquals(List.of(), clientApp.events);
            return null;
        });
        assertEquals(List.of(), server.violations, "the engine was used while its task ran");
    }

    /** The handshake timeout fires while a task runs: the waiter fails once, the late result is dropped. */
    @Test
    void handshakeTimeoutWhileATaskIsPending() {
        WatchedEngines server = watch(TestCerts.serverContext()).hold();
        // A real clock: a virtual one does not move while executor work is in flight.
        List<Map<String, Object>> reported = new ArrayList<>();
        Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> reported.add(ctx));
            RecordingProtocol clientApp = new RecordingProtocol(Asyncio.getRunningLoop());
            RecordingProtocol serverApp = new RecordingProtocol(Asyncio.getRunningLoop());
            TlsPair p = TlsPair.create(clientApp, TestCerts.clientContext(), TlsOptions.client("localhost"),
                    serverApp, server.context, new TlsOptions(true, null, 0.1, null)).connect();
            TimeoutError e = assertThrows(TimeoutError.class, p.serverReady::await);
            assertTrue(e.getMessage().contains("SSL handshake is taking longer than 0.1 seconds"), e.getMessage());
            assertTrue(p.server.delegatedTaskPending(), "the task was still held when the timeout fired");
            assertTrue(p.serverRaw.aborted);
            assertThrows(SocketException.class, p.clientReady::await);
            server.release();
            settle(p.server);
            assertEquals(List.of(), serverApp.events);
            return null;
        });
        assertEquals(List.of(), reported, "a timeout is not reported to the exception handler");
        assertEquals(List.of(), server.violations);
    }

    /** Runs the loop until the protocol has taken back its task's (late) result. */
    private static void settle(SslProtocol ssl) {
        while (ssl.delegatedTaskPending()) {
            Asyncio.sleep(0.001);
        }
        Asyncio.sleep(0);
    }
}
