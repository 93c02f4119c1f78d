package io.asyncio4j.sync;

/**
 * {@link Queue#getNowait()} found the queue empty: asyncio's {@code asyncio.QueueEmpty}. Unchecked.
 */
public class QueueEmpty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the error. */
    public QueueEmpty() {
        super("queue is empty");
    }
}
