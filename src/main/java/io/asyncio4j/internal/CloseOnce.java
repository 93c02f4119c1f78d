package io.asyncio4j.internal;

/**
 * A transport's closing state, shared by the socket-less transports (pipes, datagrams): closing
 * starts once, and the loss that ends the transport is reported once (asyncio's
 * {@code _closing} flag and its {@code _call_connection_lost} guard). A lost transport counts as
 * closing. {@link #isClosing()} may be read from another thread (a pipe's pump); the rest is
 * loop-thread only.
 */
public final class CloseOnce {
    private volatile boolean closing;
    private boolean lost;

    /** {@return whether close started or the transport was lost} */
    public boolean isClosing() {
        return closing;
    }

    /** {@return true the first time: the caller starts closing; false if it already has} */
    public boolean beginClosing() {
        if (closing) {
            return false;
        }
        closing = true;
        return true;
    }

    /**
     * {@return true the first time: the caller reports the loss; false if it was reported} The
     * transport is closing from here on.
     */
    public boolean markLost() {
        if (lost) {
            return false;
        }
        lost = true;
        closing = true;
        return true;
    }

    /** {@return whether the loss was reported} */
    public boolean isLost() {
        return lost;
    }
}
