package io.asyncio4j.sync;

/**
 * A put to, or a get from, a queue that was {@linkplain Queue#shutdown(boolean) shut down}:
 * asyncio's {@code asyncio.QueueShutDown} (Python 3.13). Unchecked.
 */
public class QueueShutDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the error. */
    public QueueShutDown() {
        super("queue is shut down");
    }
}
