package io.asyncio4j.internal.loop;

import io.asyncio4j.Context;
import io.asyncio4j.Future;
import io.asyncio4j.ExceptionHandler;
import io.asyncio4j.Handle;
import io.asyncio4j.Task;
import io.asyncio4j.TaskFactory;
import io.asyncio4j.internal.net.LoopNetwork;
import io.asyncio4j.internal.proc.SubprocessSupport;
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
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The event loop's services around its scheduler ({@link BaseLoop}): the task registry, exception
 * handling, I/O readiness callbacks, signal handlers, and the network and child-process methods,
 * whose bodies live in the loop's parts ({@link LoopNetwork}, {@link SubprocessSupport}). Split
 * from the scheduler so that each class has one job; {@link BaseLoop} is the only subclass.
 */
abstract sealed class LoopServices implements LoopRuntime permits BaseLoop {
    final IoSelector io = new IoSelector();
    final TaskRegistry tasks = new TaskRegistry();
    final SignalHandlers signals = new SignalHandlers(this);
    private final LoopExceptions exceptions = new LoopExceptions(this);
    private final LoopNetwork network = new LoopNetwork(this);
    final ExecutorBridge executors = new ExecutorBridge(this);
    TaskFactory taskFactory;

    /**
     * In debug mode: fails unless called from the loop's thread (or one of its strands).
     *
     * @param method the method's name, for the message
     */
    abstract void checkThread(String method);

    /** Makes a virtual-time loop re-evaluate its wait (work it waited for ended); any thread. */
    abstract void nudgeFromAnyThread();

    /** {@return the loop's network part} */
    @Override
    public LoopNetwork network() {
        return network;
    }

    // ---- tasks ----------------------------------------------------------------------------------

    @Override
    public void setTaskFactory(TaskFactory factory) {
        this.taskFactory = factory;
    }

    @Override
    public TaskFactory getTaskFactory() {
        return taskFactory;
    }

    /**
     * Records a new pending task.
     *
     * @param task the task
     * @return its registry node, handed back to {@link #taskDone}
     */
    public TaskRegistry.Node taskCreated(Task<?> task) {
        return tasks.add(task);
    }

    /**
     * A task finished.
     *
     * @param node its registry node
     */
    public void taskDone(TaskRegistry.Node node) {
        tasks.remove(node);
    }

    /** {@return the tasks of this loop that are not done yet, in creation order} */
    public List<Task<?>> pendingTasks() {
        return tasks.snapshot();
    }

    // ---- errors ---------------------------------------------------------------------------------

    @Override
    public void setExceptionHandler(ExceptionHandler handler) {
        exceptions.setHandler(handler);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return exceptions.handler();
    }

    @Override
    public void callExceptionHandler(Map<String, Object> context) {
        exceptions.call(context);
    }

    @Override
    public void defaultExceptionHandler(Map<String, Object> context) {
        LoopExceptions.logDefault(context);
    }

    @Override
    public void reportFromAnyThread(Map<String, Object> context, Context runIn) {
        if (!isClosed()) {
            try {
                callSoonThreadsafe(() -> callExceptionHandler(context), runIn);
                return;
            } catch (IllegalStateException closedMeanwhile) {
                // fall through: report directly
            }
        }
        defaultExceptionHandler(context);
    }

    // ---- executors --------------------------------------------------------------------------

    @Override
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
        checkOpen();
        return executors.submit(executor, Objects.requireNonNull(fn, "fn"));
    }

    @Override
    public void setDefaultExecutor(ExecutorService executor) {
        executors.setDefault(executor);
    }

    @Override
    public Future<Void> shutdownDefaultExecutor() {
        return executors.shutdownDefault();
    }

    // ---- errors -------------------------------------------------------------------------------

    // ---- I/O readiness and signals --------------------------------------------------------------------------------

    @Override
    public void addReader(SelectableChannel channel, Runnable callback) {
        checkOpen();
        checkThread("addReader");
        Objects.requireNonNull(callback, "callback");
        if ((channel.validOps() & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) == 0) {
            throw new IllegalArgumentException("channel cannot be read or accepted from: " + channel);
        }
        io.addReader(channel, new Handle(callback, this, Context.copyCurrent()));
    }

    @Override
    public boolean removeReader(SelectableChannel channel) {
        return !isClosed() && io.removeReader(channel);
    }

    @Override
    public void addWriter(SelectableChannel channel, Runnable callback) {
        checkOpen();
        checkThread("addWriter");
        Objects.requireNonNull(callback, "callback");
        if ((channel.validOps() & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) == 0) {
            throw new IllegalArgumentException("channel cannot be written or connected: " + channel);
        }
        io.addWriter(channel, new Handle(callback, this, Context.copyCurrent()));
    }

    @Override
    public boolean removeWriter(SelectableChannel channel) {
        return !isClosed() && io.removeWriter(channel);
    }

    /**
     * {@return how many readers and writers are registered} For leak checks in tests.
     */
    public int ioRegistrations() {
        return io.registrations();
    }

    /**
     * {@return how many valid selection keys the selector holds}
     * For leak checks in tests.
     */
    public int selectorKeys() {
        return io.keys();
    }

    @Override
    public void addSignalHandler(String signal, Runnable callback) {
        checkOpen();
        signals.add(signal, Objects.requireNonNull(callback, "callback"));
    }

    @Override
    public boolean removeSignalHandler(String signal) {
        return signals.remove(signal);
    }

    // ---- network and child processes (the loop's network part) ------------------------------

    @Override
    public <P extends BaseProtocol<Transport>> Connection<Transport, P> createConnection(
            Supplier<P> protocolFactory, String host, int port, ConnectOptions options) {
        return network.createConnection(protocolFactory, host, port, options);
    }

    @Override
    public <P extends BaseProtocol<Transport>> Connection<Transport, P> connectAcceptedSocket(
            Supplier<P> protocolFactory, SocketChannel channel, ConnectOptions options) {
        return network.connectAcceptedSocket(protocolFactory, channel, options);
    }

    @Override
    public <P extends BaseProtocol<Transport>> Connection<Transport, P> createUnixConnection(
            Supplier<P> protocolFactory, Path path, ConnectOptions options) {
        return network.createUnixConnection(protocolFactory, path, options);
    }

    @Override
    public Server createServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory, String host,
            int port, ServerOptions options) {
        return network.createServer(protocolFactory, host, port, options);
    }

    @Override
    public Server createServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory,
            List<? extends SocketAddress> addresses, ServerOptions options) {
        return network.createServer(protocolFactory, addresses, options);
    }

    @Override
    public Server createUnixServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory, Path path,
            ServerOptions options) {
        return network.createUnixServer(protocolFactory, path, options);
    }

    @Override
    public <P extends DatagramProtocol> Connection<DatagramTransport, P> createDatagramEndpoint(
            Supplier<P> protocolFactory, DatagramOptions options) {
        return network.createDatagramEndpoint(protocolFactory, options);
    }

    @Override
    public long sendfile(Transport transport, java.nio.channels.FileChannel file, long offset, Long count,
            boolean fallback) {
        return network.sendfile(transport, file, offset, count, fallback);
    }

    @Override
    public <P extends io.asyncio4j.transports.ReadPipeProtocol> Connection<io.asyncio4j.transports.ReadTransport, P> connectReadPipe(
            Supplier<P> protocolFactory, java.nio.channels.ReadableByteChannel pipe) {
        return network.connectReadPipe(protocolFactory, pipe);
    }

    @Override
    public <P extends BaseProtocol<io.asyncio4j.transports.WriteTransport>> Connection<io.asyncio4j.transports.WriteTransport, P> connectWritePipe(
            Supplier<P> protocolFactory, java.nio.channels.WritableByteChannel pipe) {
        return network.connectWritePipe(protocolFactory, pipe);
    }

    @Override
    public Transport startTls(Transport transport, BaseProtocol<Transport> protocol, SSLContext context,
            TlsOptions options) {
        return network.startTls(transport, protocol, context, options);
    }

    @Override
    public <P extends SubprocessProtocol> Connection<SubprocessTransport, P> subprocessExec(
            Supplier<P> protocolFactory, List<String> args, SubprocessOptions options) {
        return SubprocessSupport.subprocessExec(this, protocolFactory, args, options);
    }

    @Override
    public <P extends SubprocessProtocol> Connection<SubprocessTransport, P> subprocessShell(
            Supplier<P> protocolFactory, String command, SubprocessOptions options) {
        return SubprocessSupport.subprocessExec(this, protocolFactory, List.of("/bin/sh", "-c", command), options);
    }

    @Override
    public void sockConnect(SocketChannel channel, SocketAddress address) {
        network.sockConnect(channel, address);
    }

    @Override
    public SocketChannel sockAccept(ServerSocketChannel channel) {
        return network.sockAccept(channel);
    }

    @Override
    public ByteBuffer sockRecv(SocketChannel channel, int n) {
        return network.sockRecv(channel, n);
    }

    @Override
    public int sockRecvInto(SocketChannel channel, ByteBuffer buffer) {
        return network.sockRecvInto(channel, buffer);
    }

    @Override
    public void sockSendall(SocketChannel channel, ByteBuffer data) {
        network.sockSendall(channel, data);
    }

    @Override
    public List<InetSocketAddress> getaddrinfo(String host, int port) {
        return network.getaddrinfo(host, port);
    }

    @Override
    public String getnameinfo(InetSocketAddress address) {
        return network.getnameinfo(address);
    }
}
