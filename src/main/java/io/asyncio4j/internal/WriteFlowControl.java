package io.asyncio4j.internal;

/**
 * A write transport's flow control: the high and low water marks and whether the protocol is
 * paused (asyncio's {@code _FlowControlMixin}). The transport reports its buffer size after each
 * change; this part says when to call the protocol's {@code pauseWriting} (the buffer grew above
 * the high mark) and {@code resumeWriting} (it drained to the low mark or below), once each.
 * Loop thread only.
 */
public final class WriteFlowControl {
    /** asyncio's default high-water mark, 64 KiB; the low mark defaults to a quarter of it. */
    public static final int DEFAULT_HIGH = 64 * 1024;

    private int high = DEFAULT_HIGH;
    private int low = DEFAULT_HIGH / 4;
    private boolean paused;

    /**
     * Sets the marks: asyncio's {@code _set_write_buffer_limits}. A missing high mark is four
     * times the low one (or the default); a missing low mark is a quarter of the high one.
     *
     * @param highMark the high mark, or null
     * @param lowMark the low mark, or null
     * @throws IllegalArgumentException unless {@code high >= low >= 0}
     */
    public void setLimits(Integer highMark, Integer lowMark) {
        int h = highMark != null ? highMark : (lowMark != null ? 4 * lowMark : DEFAULT_HIGH);
        int l = lowMark != null ? lowMark : h / 4;
        if (!(h >= l && l >= 0)) {
            throw new IllegalArgumentException("high (" + h + ") must be >= low (" + l + ") must be >= 0");
        }
        high = h;
        low = l;
    }

    /** {@return the high-water mark} */
    public int high() {
        return high;
    }

    /** {@return the low-water mark} */
    public int low() {
        return low;
    }

    /**
     * {@return whether to pause the protocol now}: the buffer is above the high mark and the
     * protocol is not paused yet (it counts as paused from here on).
     *
     * @param buffered the transport's buffer size
     */
    public boolean shouldPause(int buffered) {
        if (paused || buffered <= high) {
            return false;
        }
        paused = true;
        return true;
    }

    /**
     * {@return whether to resume the protocol now}: it is paused and the buffer drained to the
     * low mark (it counts as resumed from here on).
     *
     * @param buffered the transport's buffer size
     */
    public boolean shouldResume(int buffered) {
        if (!paused || buffered > low) {
            return false;
        }
        paused = false;
        return true;
    }
}
