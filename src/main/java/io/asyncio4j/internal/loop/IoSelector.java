package io.asyncio4j.internal.loop;

import io.asyncio4j.Handle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Set;

/**
 * The loop's I/O half: a {@link Selector} and the reader/writer handles registered on it
 * (asyncio's {@code add_reader}/{@code add_writer} over a selector). Readiness is level-triggered,
 * as with asyncio's selectors: a handle is queued every iteration its channel stays ready.
 */
final class IoSelector {
    private static final int READ_OPS = SelectionKey.OP_READ | SelectionKey.OP_ACCEPT;
    private static final int WRITE_OPS = SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT;

    private final Selector selector;
    private int registered;
    /** A key was cancelled: its channel's fd is only closed once a select flushes the key. */
    private boolean flushPending;

    IoSelector() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    /** The handles for one channel. */
    private static final class Registration {
        Handle reader;
        Handle writer;
    }

    /** {@return whether a select is worth doing: channels are watched, or cancelled keys await a flush} */
    boolean hasChannels() {
        return registered > 0 || flushPending;
    }

    int registrations() {
        return registered;
    }

    /** Valid keys only: cancelled ones leave the key set at the next select. */
    int keys() {
        int n = 0;
        for (SelectionKey k : selector.keys()) {
            if (k.isValid()) {
                n++;
            }
        }
        return n;
    }

    void addReader(SelectableChannel ch, Handle h) {
        Registration r = registration(ch);
        if (r.reader == null) {
            registered++;
        } else {
            r.reader.cancel();
        }
        r.reader = h;
        updateInterest(ch, r);
    }

    void addWriter(SelectableChannel ch, Handle h) {
        Registration r = registration(ch);
        if (r.writer == null) {
            registered++;
        } else {
            r.writer.cancel();
        }
        r.writer = h;
        updateInterest(ch, r);
    }

    boolean removeReader(SelectableChannel ch) {
        SelectionKey key = ch.keyFor(selector);
        if (key == null || !(key.attachment() instanceof Registration r) || r.reader == null) {
            return false;
        }
        r.reader.cancel();
        r.reader = null;
        registered--;
        updateInterest(ch, r);
        return true;
    }

    boolean removeWriter(SelectableChannel ch) {
        SelectionKey key = ch.keyFor(selector);
        if (key == null || !(key.attachment() instanceof Registration r) || r.writer == null) {
            return false;
        }
        r.writer.cancel();
        r.writer = null;
        registered--;
        updateInterest(ch, r);
        return true;
    }

    private Registration registration(SelectableChannel ch) {
        SelectionKey key = ch.keyFor(selector);
        if (key != null && key.isValid()) {
            return (Registration) key.attachment();
        }
        try {
            if (ch.isBlocking()) {
                ch.configureBlocking(false);
            }
            Registration r = new Registration();
            try {
                ch.register(selector, 0, r);
            } catch (CancelledKeyException stale) {
                // The channel's previous key was cancelled and not yet flushed by a select.
                selector.selectNow();
                ch.register(selector, 0, r);
            }
            return r;
        } catch (ClosedChannelException e) {
            throw new IllegalArgumentException("channel is closed: " + ch, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register " + ch, e);
        }
    }

    private void updateInterest(SelectableChannel ch, Registration r) {
        SelectionKey key = ch.keyFor(selector);
        if (key == null || !key.isValid()) {
            return;
        }
        int valid = ch.validOps();
        int ops = (r.reader != null ? READ_OPS & valid : 0) | (r.writer != null ? WRITE_OPS & valid : 0);
        if (ops == 0 && r.reader == null && r.writer == null) {
            key.cancel();
            flushPending = true;
        } else {
            key.interestOps(ops);
        }
    }

    /**
     * Waits for readiness and queues the ready handles.
     *
     * @param timeoutNanos 0 to poll, negative to wait until woken
     * @param ready where ready handles go
     */
    void select(long timeoutNanos, ArrayDeque<Object> ready) {
        try {
            int n;
            flushPending = false;
            if (timeoutNanos == 0) {
                n = selector.selectNow();
            } else if (timeoutNanos < 0) {
                n = selector.select();
            } else {
                // Round up to whole milliseconds so a timer is never polled for before it is due.
                long millis = (timeoutNanos + 999_999) / 1_000_000;
                n = selector.select(millis);
            }
            // Not only when n > 0: a selectNow() in registration() may have left keys in the
            // selected set, and a key already there is not counted again by later selects.
            if (n > 0 || !selector.selectedKeys().isEmpty()) {
                collect(ready);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("selector failed", e);
        }
    }

    private void collect(ArrayDeque<Object> ready) {
        Set<SelectionKey> keys = selector.selectedKeys();
        Iterator<SelectionKey> it = keys.iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            if (!key.isValid()) {
                continue;
            }
            int ops = key.readyOps();
            Registration r = (Registration) key.attachment();
            if ((ops & READ_OPS) != 0 && r.reader != null && !r.reader.cancelled()) {
                ready.add(r.reader);
            }
            if ((ops & WRITE_OPS) != 0 && r.writer != null && !r.writer.cancelled()) {
                ready.add(r.writer);
            }
        }
    }

    void wakeup() {
        selector.wakeup();
    }

    void close() {
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the selector", e);
        }
    }
}
