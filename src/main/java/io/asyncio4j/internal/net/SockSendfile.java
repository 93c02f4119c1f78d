package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.internal.Sneaky;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * asyncio's {@code loop.sock_sendfile}: sends part of a file over a non-blocking socket with
 * {@link FileChannel#transferTo} (zero-copy where the OS allows), waiting for the socket to
 * become writable whenever it is full. As in asyncio the file's position is left just past what
 * was sent, also when the task is cancelled or the send fails midway.
 *
 * <p>Differences from asyncio: no {@code fallback} argument, because {@code transferTo} is always
 * available (the JDK copies through a buffer itself where the OS has no zero-copy path).
 */
public final class SockSendfile {
    private SockSendfile() {
    }

    /**
     * Sends {@code count} bytes (all to the end of the file when null) of {@code file} from
     * {@code offset}.
     *
     * @return how many bytes were sent; 0 for an empty range
     * @throws IllegalArgumentException for a negative offset, a count that is not positive, or
     *         a blocking channel
     */
    public static long send(EventLoop loop, SocketChannel ch, FileChannel file, long offset, Long count) {
        Objects.requireNonNull(ch, "channel");
        Objects.requireNonNull(file, "file");
        if (ch.isBlocking()) {
            throw new IllegalArgumentException("the socket must be non-blocking: call configureBlocking(false) first");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be a non-negative integer (got " + offset + ")");
        }
        if (count != null && count <= 0) {
            throw new IllegalArgumentException("count must be a positive integer (got " + count + ")");
        }
        long total = 0;
        try {
            long size = file.size();
            long blocksize = Math.max(0, size - offset);
            if (count != null) {
                blocksize = Math.min(count, blocksize);
            }
            while (total < blocksize) {
                long n = file.transferTo(offset + total, blocksize - total, ch);
                if (n > 0) {
                    total += n;
                } else {
                    waitWritable(loop, ch);
                }
            }
            return total;
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        } finally {
            if (total > 0) {
                try {
                    file.position(offset + total);
                } catch (IOException ignored) {
                    // The file was closed meanwhile: there is no position to keep.
                }
            }
        }
    }

    private static void waitWritable(EventLoop loop, SocketChannel ch) {
        Future<Void> f = loop.createFuture();
        loop.addWriter(ch, () -> {
            if (!f.done()) {
                f.setResult(null);
            }
        });
        try {
            f.await();
        } finally {
            loop.removeWriter(ch);
        }
    }
}
