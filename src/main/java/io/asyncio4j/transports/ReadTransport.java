package io.asyncio4j.transports;

/** A transport that receives: asyncio's {@code asyncio.ReadTransport}. */
public interface ReadTransport extends BaseTransport {
    /** {@return whether the transport is receiving} */
    boolean isReading();

    /** Stops delivering data to the protocol until {@link #resumeReading()}; no-op if paused. */
    void pauseReading();

    /** Resumes delivering data; no-op if not paused. */
    void resumeReading();
}
