package io.asyncio4j.sync;

/**
 * {@link Queue#putNowait(Object)} found the queue full: asyncio's {@code asyncio.QueueFull}. Unchecked.
 */
public class QueueFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the error. */
    public QueueFull() {
        super("queue is full");
    }
}
