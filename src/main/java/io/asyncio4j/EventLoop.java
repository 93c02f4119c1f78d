package io.asyncio4j;

import io.asyncio4j.internal.Delays;
import io.asyncio4j.internal.loop.LoopRuntime;
import io.asyncio4j.subprocess.SubprocessOptions;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.ConnectOptions;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.DatagramOptions;
import io.asyncio4j.transports.DatagramProtocol;
import io.asyncio4j.transports.DatagramTransport;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;
import io.asyncio4j.transports.SubprocessProtocol;
import io.asyncio4j.transports.SubprocessTransport;
import io.asyncio4j.transports.TlsOptions;
import io.asyncio4j.transports.Transport;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * A single-threaded event loop: asyncio's {@code AbstractEventLoop}, implemented over a
 * {@link java.nio.channels.Selector}.
 *
 * <p>One thread runs the loop ({@link #runForever}, {@link #runUntilComplete}); callbacks,
 * timers, I/O readiness and task steps all run on it, one at a time. Every method is meant to be
 * called on that thread (or before the loop runs), except {@link #callSoonThreadsafe},
 * {@link #stop()} after being scheduled threadsafe, and {@link #isRunning()}/{@link #isClosed()}.
 * In {@linkplain #setDebug debug mode} calling them from another thread fails fast.
 *
 * <p>States: {@code created -> (running <-> stopped)* -> closed}.
 *
 * <p>Create one with {@link Asyncio#newEventLoop()}, or let {@link Asyncio#run} manage it.
 *
 * <p>The interface is sealed: every event loop is asyncio4j's own implementation, so futures,
 * tasks and runners can rely on it (a second implementation would need the runtime hooks that
 * they use, which are not part of the public API).
 */
public sealed interface EventLoop extends AutoCloseable permits LoopRuntime {

    // ---- running and stopping ------------------------------------------------------------

    /**
     * Runs until {@code future} is done and returns its result (or throws its exception):
     * asyncio's {@code loop.run_until_complete}.
     *
     * @param future the future to wait for
     * @param <T> its result type
     * @return the result
     * @throws IllegalStateException if the loop is closed or already running (on any thread)
     */
    <T> T runUntilComplete(Future<T> future);

    /**
     * Wraps {@code coro} in a task and runs until it is done: {@code run_until_complete(coro)}.
     *
     * @param coro the coroutine
     * @param <T> its result type
     * @return the result
     */
    <T> T runUntilComplete(Coroutine<T> coro);

    /** Runs until {@link #stop()} is called: asyncio's {@code loop.run_forever}. */
    void runForever();

    /**
     * Stops the loop after the current iteration (callbacks already scheduled for this
     * iteration still run): asyncio's {@code loop.stop}. If the loop is not running, the next
     * {@link #runForever()} runs one iteration and returns.
     */
    void stop();

    /** {@return whether the loop is running} */
    boolean isRunning();

    /** {@return whether the loop was closed} */
    boolean isClosed();

    /**
     * {@return whether the caller may use this loop's non-thread-safe methods and touch its
     * futures directly}: true on the thread running the loop and inside its tasks (whose
     * strands may run on other carrier threads), and, while the loop is not running, on the
     * thread that created or last ran it. Code called from arbitrary threads (a Reactor
     * subscriber, a library callback) uses it to choose between acting now and
     * {@link #callSoonThreadsafe}. Any thread; cheap, never throws.
     *
     * {@snippet :
     * if (loop.inEventLoop()) {
     *     future.setResult(value);
     * } else {
     *     loop.callSoonThreadsafe(() -> future.setResult(value));
     * }
     * }
     *
     * <p><b>Differences from asyncio.</b> asyncio has no public equivalent: its code compares
     * {@code asyncio.get_running_loop()} (which raises outside a loop) with the loop, or
     * {@code loop._thread_id} with {@code threading.get_ident()} as {@code _check_thread} does.
     * The name is Netty's {@code EventExecutor.inEventLoop()}.
     */
    boolean inEventLoop();

    /**
     * Closes the loop: asyncio's {@code loop.close}. Pending callbacks are dropped, the default
     * executor is shut down without waiting, the selector is closed.
     *
     * <p><b>Differences from asyncio.</b> Tasks still pending are cancelled and their strands
     * unwound (finally blocks run; an {@code await} during the unwinding throws
     * {@link CancelledError} at once), so no strand outlives the loop. In debug mode each is
     * reported as "Task was destroyed but it is pending!".
     *
     * @throws IllegalStateException if the loop is running
     */
    @Override
    void close();

    // ---- callbacks and time -----------------------------------------------------------------

    /** {@return the loop's clock in seconds: monotonic, asyncio's {@code loop.time()}} */
    double time();

    /** {@return the loop's clock in nanoseconds (same origin as {@link #time()})} */
    long nanoTime();

    /**
     * Schedules {@code callback} for the next iteration, in FIFO order, in a copy of the current
     * context: asyncio's {@code loop.call_soon}. Not thread-safe: while the loop runs, only its
     * thread and its tasks may call it (and {@code callLater}, {@code callAt}, {@code createTask},
     * {@code addReader}, {@code addWriter}); other threads get an {@link IllegalStateException}
     * and use {@link #callSoonThreadsafe}. A loop that is not running accepts it from any thread.
     *
     * @param callback what to run
     * @return a handle to cancel it
     * @throws IllegalStateException if called from another thread while the loop runs
     */
    Handle callSoon(Runnable callback);

    /**
     * Like {@link #callSoon(Runnable)}, in the given context.
     *
     * @param callback what to run
     * @param context the context to run it in ({@code null}: a copy of the current one)
     * @return a handle to cancel it
     */
    Handle callSoon(Runnable callback, Context context);

    /**
     * Schedules {@code callback} from any thread and wakes the loop if it is waiting for I/O:
     * asyncio's {@code loop.call_soon_threadsafe}. Callbacks sent by one thread run in the order
     * it sent them, and share one FIFO with {@link #callSoon}: what another thread sent before a
     * {@code callSoon} (in happens-before order) runs before it.
     *
     * @param callback what to run
     * @return a handle to cancel it
     */
    Handle callSoonThreadsafe(Runnable callback);

    /**
     * Like {@link #callSoonThreadsafe(Runnable)}, in the given context.
     *
     * @param callback what to run
     * @param context the context to run it in ({@code null}: a copy of the current one)
     * @return a handle to cancel it
     */
    Handle callSoonThreadsafe(Runnable callback, Context context);

    /**
     * Schedules {@code callback} to run after {@code delay} seconds: asyncio's
     * {@code loop.call_later}. Timers due at the same time run in scheduling order.
     *
     * @param delay seconds from now; a negative delay schedules in the past, so it runs in the
     *              next iteration, before timers with later deadlines (as in asyncio)
     * @param callback what to run
     * @return a handle to cancel it
     * @throws IllegalArgumentException if {@code delay} is NaN
     */
    TimerHandle callLater(double delay, Runnable callback);

    /**
     * Like {@link #callLater(double, Runnable)} with a {@link Duration}. Any length is accepted:
     * about 73 years or more means "never", as an infinite delay does.
     *
     * @param delay the delay
     * @param callback what to run
     * @return a handle to cancel it
     */
    default TimerHandle callLater(Duration delay, Runnable callback) {
        return callAtNanos(nanoTime() + Delays.nanos(delay), callback, null);
    }

    /**
     * Schedules {@code callback} at {@code when}, in seconds on {@link #time()}'s clock:
     * asyncio's {@code loop.call_at}.
     *
     * @param when the loop time to run at
     * @param callback what to run
     * @return a handle to cancel it
     * @throws IllegalArgumentException if {@code when} is NaN
     */
    TimerHandle callAt(double when, Runnable callback);

    /**
     * Schedules {@code callback} at a deadline in nanoseconds on {@link #nanoTime()}'s clock.
     *
     * @param deadlineNanos when to run
     * @param callback what to run
     * @param context the context to run it in ({@code null}: a copy of the current one)
     * @return a handle to cancel it
     */
    TimerHandle callAtNanos(long deadlineNanos, Runnable callback, Context context);

    // ---- futures and tasks ------------------------------------------------------------------

    /**
     * {@return a new pending future attached to this loop}: asyncio's {@code loop.create_future}.
     *
     * @param <T> the result type
     */
    <T> Future<T> createFuture();

    /**
     * Wraps {@code coro} in a task scheduled to start on this loop: asyncio's
     * {@code loop.create_task}.
     *
     * @param coro the body
     * @param <T> its result type
     * @return the task
     */
    default <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, TaskOptions.DEFAULT);
    }

    /**
     * Like {@link #createTask(Coroutine)} with a name.
     *
     * @param coro the body
     * @param name the task's name
     * @param <T> its result type
     * @return the task
     */
    default <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return createTask(coro, TaskOptions.named(name));
    }

    /**
     * Like {@link #createTask(Coroutine)} with asyncio's keyword arguments (name, context,
     * eager start). Goes through the {@linkplain #setTaskFactory task factory} if one is set.
     *
     * @param coro the body
     * @param options name, context, eager start
     * @param <T> its result type
     * @return the task
     */
    <T> Task<T> createTask(Coroutine<T> coro, TaskOptions options);

    /**
     * Sets the factory {@link #createTask} uses, or {@code null} for the default:
     * asyncio's {@code loop.set_task_factory}.
     *
     * @param factory the factory
     */
    void setTaskFactory(TaskFactory factory);

    /** {@return the task factory, or {@code null} for the default} */
    TaskFactory getTaskFactory();

    // ---- threads ----------------------------------------------------------------------------

    /**
     * Runs {@code fn} on {@code executor} (the loop's default executor if {@code null}) and
     * returns a future of its result: asyncio's {@code loop.run_in_executor}.
     *
     * @param executor where to run it, or {@code null} for the default executor
     * @param fn what to run
     * @param <T> the result type
     * @return a future completed on the loop when {@code fn} finishes
     */
    <T> Future<T> runInExecutor(Executor executor, Callable<T> fn);

    /**
     * Replaces the default executor for {@link #runInExecutor}: asyncio's
     * {@code loop.set_default_executor}. The loop shuts it down when closed.
     *
     * @param executor the new default executor
     */
    void setDefaultExecutor(ExecutorService executor);

    /**
     * Shuts the default executor down and completes when all its threads finished:
     * asyncio's {@code loop.shutdown_default_executor}.
     *
     * @return a future completed when the executor has terminated
     */
    Future<Void> shutdownDefaultExecutor();

    // ---- errors and debugging ----------------------------------------------------------------

    /**
     * Sets the handler for errors the loop catches, or {@code null} for the default, which logs:
     * asyncio's {@code loop.set_exception_handler}.
     *
     * @param handler the handler
     */
    void setExceptionHandler(ExceptionHandler handler);

    /** {@return the exception handler, or {@code null} when the default is in use} */
    ExceptionHandler getExceptionHandler();

    /**
     * Reports an error to the exception handler: asyncio's {@code loop.call_exception_handler}.
     *
     * @param context asyncio's context dict: {@code "message"} and optionally {@code "exception"},
     *                {@code "future"}, {@code "task"}, {@code "handle"}, ...
     */
    void callExceptionHandler(Map<String, Object> context);

    /**
     * The default handler: logs the context through {@link System.Logger} at ERROR:
     * asyncio's {@code loop.default_exception_handler}.
     *
     * @param context what happened
     */
    void defaultExceptionHandler(Map<String, Object> context);

    /**
     * Turns debug mode on or off: asyncio's {@code loop.set_debug}. In debug mode the loop logs
     * callbacks slower than {@link #getSlowCallbackDuration()} with the stack of what blocked
     * it, reports tasks still pending at close, and fails fast when its methods are called from
     * another thread. Also on with {@code -Dasyncio4j.debug=true} or {@code PYTHONASYNCIODEBUG=1}.
     *
     * @param enabled on or off
     */
    void setDebug(boolean enabled);

    /** {@return whether debug mode is on} */
    boolean getDebug();

    /**
     * Sets how long a callback may run before debug mode reports it (seconds; default 0.1).
     *
     * @param seconds the threshold
     */
    void setSlowCallbackDuration(double seconds);

    /** {@return the slow-callback threshold in seconds} */
    double getSlowCallbackDuration();

    // ---- I/O readiness ------------------------------------------------------------------------

    /**
     * Calls {@code callback} whenever {@code channel} is readable (or, for a server channel,
     * acceptable): asyncio's {@code loop.add_reader}. The channel is made non-blocking.
     * Replaces a previous reader of the same channel.
     *
     * @param channel the channel
     * @param callback what to call
     * @throws IllegalArgumentException if the channel is closed or cannot be read from (a pipe's sink)
     * @throws IllegalStateException if the loop is closed
     */
    void addReader(SelectableChannel channel, Runnable callback);

    /**
     * Stops watching {@code channel} for reading: asyncio's {@code loop.remove_reader}.
     *
     * @param channel the channel
     * @return whether a reader was registered
     */
    boolean removeReader(SelectableChannel channel);

    /**
     * Calls {@code callback} whenever {@code channel} is writable (or its connect finished):
     * asyncio's {@code loop.add_writer}.
     *
     * @param channel the channel
     * @param callback what to call
     * @throws IllegalArgumentException if the channel is closed or cannot be written (a pipe's source)
     * @throws IllegalStateException if the loop is closed
     */
    void addWriter(SelectableChannel channel, Runnable callback);

    /**
     * Stops watching {@code channel} for writing: asyncio's {@code loop.remove_writer}.
     *
     * @param channel the channel
     * @return whether a writer was registered
     */
    boolean removeWriter(SelectableChannel channel);

    // ---- signals ------------------------------------------------------------------------------

    /**
     * Runs {@code callback} on the loop whenever the process receives signal {@code signal}
     * ({@code "INT"}, {@code "TERM"}, {@code "HUP"}, ...): asyncio's
     * {@code loop.add_signal_handler}. Replaces the JVM's own handling of that signal until
     * {@link #removeSignalHandler} or {@link #close()}.
     *
     * @param signal the signal's name, with or without the {@code SIG} prefix
     * @param callback what to run on the loop
     * @throws IllegalArgumentException if the JVM does not let the signal be handled
     */
    void addSignalHandler(String signal, Runnable callback);

    /**
     * Removes a handler set by {@link #addSignalHandler}, restoring the JVM's handling:
     * asyncio's {@code loop.remove_signal_handler}.
     *
     * @param signal the signal's name
     * @return whether a handler was removed
     */
    boolean removeSignalHandler(String signal);

    // ---- connections (coroutines: they suspend the calling task) -----------------------------

    /**
     * Opens a TCP connection and attaches a new protocol to it: asyncio's
     * {@code loop.create_connection}. Suspends the current task until connected (and, with TLS,
     * until the handshake is done).
     *
     * @param protocolFactory makes the protocol ({@link io.asyncio4j.transports.Protocol} or
     *                        {@link io.asyncio4j.transports.BufferedProtocol})
     * @param host the host name or address
     * @param port the port
     * @param <P> the protocol type
     * @return the transport and the protocol
     */
    default <P extends BaseProtocol<Transport>> Connection<Transport, P> createConnection(
            Supplier<P> protocolFactory, String host, int port) {
        return createConnection(protocolFactory, host, port, ConnectOptions.DEFAULT);
    }

    /**
     * Like {@link #createConnection(Supplier, String, int)} with asyncio's keyword arguments
     * (TLS, server_hostname, local_addr, timeouts).
     *
     * <p>A name is resolved off the loop's thread and each of its addresses tried in turn; a
     * literal address is used as is. Failures are the JDK's {@link java.io.IOException}s, thrown
     * undeclared (as an {@code await} re-raises): {@link java.net.ConnectException} naming the
     * address (refused, unreachable), {@link java.net.UnknownHostException},
     * {@link java.net.BindException} for a local address in use. Catch {@code Exception} and
     * test with {@code instanceof}; rethrow {@link CancelledError}.
     *
     * @param protocolFactory makes the protocol
     * @param host the host name or address
     * @param port the port
     * @param options TLS and the rest
     * @param <P> the protocol type
     * @return the transport and the protocol
     */
    <P extends BaseProtocol<Transport>> Connection<Transport, P> createConnection(
            Supplier<P> protocolFactory, String host, int port, ConnectOptions options);

    /**
     * Wraps an already connected channel in a transport: asyncio's
     * {@code loop.connect_accepted_socket}.
     *
     * @param protocolFactory makes the protocol
     * @param channel the connected channel
     * @param options TLS (server side) and the rest
     * @param <P> the protocol type
     * @return the transport and the protocol
     */
    <P extends BaseProtocol<Transport>> Connection<Transport, P> connectAcceptedSocket(
            Supplier<P> protocolFactory, SocketChannel channel, ConnectOptions options);

    /**
     * Opens a Unix domain socket connection: asyncio's {@code loop.create_unix_connection}.
     *
     * @param protocolFactory makes the protocol
     * @param path the socket's path
     * @param options TLS and the rest
     * @param <P> the protocol type
     * @return the transport and the protocol
     */
    <P extends BaseProtocol<Transport>> Connection<Transport, P> createUnixConnection(
            Supplier<P> protocolFactory, Path path, ConnectOptions options);

    /**
     * Listens on {@code host:port} (every interface if {@code host} is null; an ephemeral port if
     * {@code port} is 0) and attaches a new protocol to each connection: asyncio's
     * {@code loop.create_server}.
     *
     * @param protocolFactory makes a protocol per connection
     * @param host the host, or {@code null}
     * @param port the port, or 0
     * @return the server
     */
    default Server createServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory, String host, int port) {
        return createServer(protocolFactory, host, port, ServerOptions.DEFAULT);
    }

    /**
     * Like {@link #createServer(Supplier, String, int)} with asyncio's keyword arguments.
     *
     * @param protocolFactory makes a protocol per connection
     * @param host the host, or {@code null} for every interface
     * @param port the port, or 0
     * @param options backlog, TLS, SO_REUSEPORT, ...
     * @return the server
     */
    Server createServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory, String host, int port,
                                ServerOptions options);

    /**
     * Listens on several addresses with one server, as asyncio's {@code loop.create_server} does
     * when {@code host} is a sequence. Unresolved addresses
     * ({@link InetSocketAddress#createUnresolved}) are looked up, each name giving a socket per
     * address it resolves to; port 0 picks a separate ephemeral port per socket.
     *
     * @param protocolFactory makes a protocol per connection
     * @param addresses where to listen (TCP or {@link UnixDomainSocketAddress})
     * @param options backlog, TLS, SO_REUSEPORT, ...
     * @return the server
     */
    Server createServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory,
                                List<? extends SocketAddress> addresses, ServerOptions options);

    /**
     * Listens on a Unix domain socket: asyncio's {@code loop.create_unix_server}.
     *
     * @param protocolFactory makes a protocol per connection
     * @param path the socket's path
     * @param options backlog, TLS, ...
     * @return the server
     */
    Server createUnixServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory, Path path,
                                    ServerOptions options);

    /**
     * Opens a UDP endpoint: asyncio's {@code loop.create_datagram_endpoint}.
     *
     * @param protocolFactory makes the protocol
     * @param options local and/or remote address, SO_REUSEPORT, SO_BROADCAST
     * @param <P> the protocol type
     * @return the transport and the protocol
     */
    <P extends DatagramProtocol> Connection<DatagramTransport, P> createDatagramEndpoint(
            Supplier<P> protocolFactory, DatagramOptions options);

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset} (all of it to the end when
     * {@code count} is null) over {@code transport}: asyncio's {@code loop.sendfile}. On a plain
     * TCP or Unix socket transport it waits for the write buffer to empty, pauses reading, and
     * sends with {@link java.nio.channels.FileChannel#transferTo} (zero-copy where the OS
     * allows); meanwhile {@code transport.write} raises. On a TLS transport, which cannot send
     * natively, it reads the file in 16 KiB blocks on a worker thread and writes them through the
     * transport, respecting its flow control, if {@code fallback} is true. Either way the
     * transport's protocol sees no data while it runs, and the file's position ends just past what
     * was sent, also when it fails midway.
     *
     * @param transport a stream transport of this loop
     * @param file the file to send
     * @param offset where to start, not negative
     * @param count how many bytes, positive, or null for all to the end of the file
     * @param fallback whether a transport that cannot send natively may read and write instead
     * @return the bytes sent
     * @throws IllegalArgumentException for a bad offset or count, or a transport that cannot send
     *         files (one not made by this library)
     * @throws IllegalStateException if the transport is closing
     * @throws io.asyncio4j.transports.SendfileNotAvailableError if {@code fallback} is false and the
     *         transport cannot send natively
     */
    long sendfile(Transport transport, java.nio.channels.FileChannel file, long offset, Long count, boolean fallback);

    /**
     * {@return the bytes sent} Sends all of {@code file} over {@code transport}, falling back to
     * reading and writing where needed: {@code sendfile(transport, file, 0, null, true)},
     * asyncio's {@code loop.sendfile(transport, file)}.
     *
     * @param transport a stream transport of this loop
     * @param file the file to send
     */
    default long sendfile(Transport transport, java.nio.channels.FileChannel file) {
        return sendfile(transport, file, 0, null, true);
    }

    /**
     * Wraps the readable end of a pipe in a read transport: asyncio's
     * {@code loop.connect_read_pipe}. Any {@link java.nio.channels.ReadableByteChannel} works: a
     * {@link java.nio.channels.Pipe.SourceChannel}, a FIFO or character device opened with
     * {@link java.nio.channels.FileChannel#open}, a socket channel. A helper thread reads it with
     * blocking reads (so a selectable channel is switched to blocking mode); the transport owns
     * the channel and closes it when it is lost. The protocol hears {@code connectionMade}, then
     * {@code dataReceived} per chunk, and at end of file {@code eofReceived} then
     * {@code connectionLost(null)}. Suspends until {@code connectionMade} has run.
     *
     * @param protocolFactory makes the protocol
     * @param pipe the readable end
     * @param <P> the protocol type
     * @return the transport and the protocol
     * @throws IllegalArgumentException if the channel is closed or registered with a selector
     */
    <P extends io.asyncio4j.transports.ReadPipeProtocol> Connection<io.asyncio4j.transports.ReadTransport, P> connectReadPipe(
            Supplier<P> protocolFactory, java.nio.channels.ReadableByteChannel pipe);

    /**
     * Wraps the writable end of a pipe in a write transport: asyncio's
     * {@code loop.connect_write_pipe}. Any {@link java.nio.channels.WritableByteChannel} works: a
     * {@link java.nio.channels.Pipe.SinkChannel}, a FIFO opened with
     * {@link java.nio.channels.FileChannel#open}, a socket channel. Writes are buffered and a
     * helper thread writes them with blocking writes, with asyncio's water marks and
     * {@code pauseWriting}/{@code resumeWriting}; the transport owns the channel and closes it
     * when it is lost. Suspends until {@code connectionMade} has run.
     *
     * @param protocolFactory makes the protocol
     * @param pipe the writable end
     * @param <P> the protocol type
     * @return the transport and the protocol
     * @throws IllegalArgumentException if the channel is closed or registered with a selector
     */
    <P extends BaseProtocol<io.asyncio4j.transports.WriteTransport>> Connection<io.asyncio4j.transports.WriteTransport, P> connectWritePipe(
            Supplier<P> protocolFactory, java.nio.channels.WritableByteChannel pipe);

    /**
     * Upgrades an open connection to TLS: asyncio's {@code loop.start_tls}. Suspends until the
     * handshake is done; the old transport must not be used afterwards.
     *
     * @param transport the plain transport
     * @param protocol its protocol, which keeps receiving (now decrypted) data
     * @param context the TLS context
     * @param options client/server side, SNI, timeouts
     * @return the TLS transport
     */
    Transport startTls(Transport transport, BaseProtocol<Transport> protocol, SSLContext context,
                               TlsOptions options);

    /**
     * Starts a child process with a low-level protocol: asyncio's
     * {@code loop.subprocess_exec}.
     *
     * @param protocolFactory makes the protocol
     * @param args the program and its arguments
     * @param options pipes, cwd, env
     * @param <P> the protocol type
     * @return the transport and the protocol
     */
    <P extends SubprocessProtocol> Connection<SubprocessTransport, P> subprocessExec(
            Supplier<P> protocolFactory, List<String> args, SubprocessOptions options);

    /**
     * Runs {@code command} with {@code /bin/sh -c}: asyncio's {@code loop.subprocess_shell}.
     *
     * @param protocolFactory makes the protocol
     * @param command the shell command
     * @param options pipes, cwd, env
     * @param <P> the protocol type
     * @return the transport and the protocol
     */
    <P extends SubprocessProtocol> Connection<SubprocessTransport, P> subprocessShell(
            Supplier<P> protocolFactory, String command, SubprocessOptions options);

    // ---- low-level sockets (coroutines) --------------------------------------------------------

    /**
     * Connects {@code channel}: asyncio's {@code loop.sock_connect}.
     *
     * @param channel the channel
     * @param address where to
     */
    void sockConnect(SocketChannel channel, SocketAddress address);

    /**
     * {@return the next connection accepted on {@code channel}} asyncio's {@code loop.sock_accept}.
     *
     * @param channel the listening channel
     */
    SocketChannel sockAccept(ServerSocketChannel channel);

    /**
     * {@return up to {@code n} bytes received (empty at EOF)} asyncio's {@code loop.sock_recv}.
     *
     * @param channel the channel
     * @param n the most bytes to read
     */
    ByteBuffer sockRecv(SocketChannel channel, int n);

    /**
     * {@return the bytes received into {@code buffer} (0 at EOF)} asyncio's {@code loop.sock_recv_into}.
     *
     * @param channel the channel
     * @param buffer where to
     */
    int sockRecvInto(SocketChannel channel, ByteBuffer buffer);

    /**
     * Sends all of {@code data}: asyncio's {@code loop.sock_sendall}.
     *
     * @param channel the channel
     * @param data the bytes
     */
    void sockSendall(SocketChannel channel, ByteBuffer data);

    /**
     * {@return the bytes sent} Sends {@code file} from {@code offset}, {@code count} bytes or to
     * its end, with {@link java.nio.channels.FileChannel#transferTo}: asyncio's
     * {@code loop.sock_sendfile}. The file's position ends just past what was sent.
     *
     * @param channel a non-blocking socket channel
     * @param file the file
     * @param offset where to start, {@code >= 0}
     * @param count how many bytes ({@code > 0}), or {@code null} for all to the end
     * @throws IllegalArgumentException for a negative offset, a count that is not positive, or a
     *     blocking channel
     */
    default long sockSendfile(SocketChannel channel, java.nio.channels.FileChannel file, long offset, Long count) {
        return io.asyncio4j.internal.net.SockSendfile.send(this, channel, file, offset, count);
    }

    /**
     * {@return the bytes sent} Sends all of {@code file}: {@code sockSendfile(channel, file, 0, null)}.
     *
     * @param channel a non-blocking socket channel
     * @param file the file
     */
    default long sockSendfile(SocketChannel channel, java.nio.channels.FileChannel file) {
        return sockSendfile(channel, file, 0, null);
    }

    /**
     * {@return the next datagram, truncated to {@code bufsize} bytes, and its sender} asyncio's
     * {@code loop.sock_recvfrom}.
     *
     * @param channel a non-blocking datagram channel
     * @param bufsize the most bytes to keep
     */
    default io.asyncio4j.transports.Datagram sockRecvfrom(java.nio.channels.DatagramChannel channel, int bufsize) {
        return io.asyncio4j.internal.net.DatagramSockOps.sockRecvfrom(this, channel, bufsize);
    }

    /**
     * {@return how many bytes of the next datagram went into {@code buffer}, and its sender}
     * asyncio's {@code loop.sock_recvfrom_into}; {@code buffer}'s position advances.
     *
     * @param channel a non-blocking datagram channel
     * @param buffer where to
     * @param nbytes the most bytes to receive, or 0 for all of {@code buffer}'s remaining space
     */
    default io.asyncio4j.transports.DatagramReceipt sockRecvfromInto(java.nio.channels.DatagramChannel channel,
            ByteBuffer buffer, int nbytes) {
        return io.asyncio4j.internal.net.DatagramSockOps.sockRecvfromInto(this, channel, buffer, nbytes);
    }

    /**
     * {@return the bytes sent} Sends {@code data} as one datagram to {@code address}: asyncio's
     * {@code loop.sock_sendto}.
     *
     * @param channel a non-blocking datagram channel
     * @param data the bytes (its remaining ones)
     * @param address where to
     */
    default int sockSendto(java.nio.channels.DatagramChannel channel, ByteBuffer data, java.net.SocketAddress address) {
        return io.asyncio4j.internal.net.DatagramSockOps.sockSendto(this, channel, data, address);
    }

    /**
     * {@return the addresses of {@code host}, resolved off the loop's thread} asyncio's
     * {@code loop.getaddrinfo}.
     *
     * @param host the host
     * @param port the port
     */
    List<InetSocketAddress> getaddrinfo(String host, int port);

    /**
     * {@return the host name of {@code address}, resolved off the loop's thread} asyncio's
     * {@code loop.getnameinfo}.
     *
     * @param address the address
     */
    String getnameinfo(InetSocketAddress address);
}
