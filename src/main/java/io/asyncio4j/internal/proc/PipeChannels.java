package io.asyncio4j.internal.proc;

import io.asyncio4j.internal.Sneaky;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.SelectableChannel;

/** Checks and prepares the channel given to {@code connectReadPipe}/{@code connectWritePipe}. */
final class PipeChannels {
    private PipeChannels() {
    }

    /**
     * Makes {@code channel} blocking, since a pump thread reads or writes it with blocking calls.
     *
     * @throws IllegalArgumentException if it is closed or registered with a selector
     */
    static void prepare(Channel channel) {
        if (!channel.isOpen()) {
            throw new IllegalArgumentException("the pipe channel is closed: " + channel);
        }
        if (channel instanceof SelectableChannel sc) {
            try {
                sc.configureBlocking(true);
            } catch (IllegalBlockingModeException e) {
                throw new IllegalArgumentException(
                        "the pipe channel is registered with a selector; a pipe transport needs it to itself: " + channel, e);
            } catch (IOException e) {
                throw Sneaky.rethrow(e);
            }
        }
    }

    static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The transport is ending; there is nobody left to tell.
        }
    }
}
