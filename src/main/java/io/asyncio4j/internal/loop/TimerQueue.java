package io.asyncio4j.internal.loop;

import io.asyncio4j.TimerHandle;

import java.util.Arrays;

/**
 * The loop's timers: a binary min-heap ordered by (deadline, sequence), so equal deadlines run
 * in scheduling order. Cancelled timers stay in the heap until they surface or until they make
 * up more than half of it, as in asyncio's {@code BaseEventLoop._run_once}.
 */
final class TimerQueue {
    private static final int MIN_SIZE_FOR_CLEANUP = 100;
    private static final TimerSlots.Access SLOTS = TimerSlots.get();

    private TimerHandle[] heap = new TimerHandle[64];
    private int size;
    private int cancelledCount;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    TimerHandle peek() {
        return size == 0 ? null : heap[0];
    }

    void add(TimerHandle t) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = t;
        SLOTS.setHeapIndex(t, size);
        siftUp(size++);
    }

    TimerHandle poll() {
        if (size == 0) {
            return null;
        }
        TimerHandle top = heap[0];
        removeAt(0);
        if (top.cancelled()) {
            cancelledCount--;
        }
        return top;
    }

    /** A timer in the heap was cancelled: drop them all in one sweep once they are the majority. */
    void onCancelled(TimerHandle t) {
        if (SLOTS.heapIndex(t) < 0) {
            return;
        }
        cancelledCount++;
        if (size > MIN_SIZE_FOR_CLEANUP && cancelledCount * 2 > size) {
            sweepCancelled();
        }
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            SLOTS.setHeapIndex(heap[i], -1);
            heap[i] = null;
        }
        size = 0;
        cancelledCount = 0;
    }

    private void sweepCancelled() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            TimerHandle t = heap[i];
            if (t.cancelled()) {
                SLOTS.setHeapIndex(t, -1);
            } else {
                heap[kept++] = t;
            }
        }
        Arrays.fill(heap, kept, size, null);
        size = kept;
        cancelledCount = 0;
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDown(i);
        }
        for (int i = 0; i < size; i++) {
            SLOTS.setHeapIndex(heap[i], i);
        }
    }

    private void removeAt(int i) {
        TimerHandle removed = heap[i];
        SLOTS.setHeapIndex(removed, -1);
        int last = --size;
        if (i != last) {
            heap[i] = heap[last];
            SLOTS.setHeapIndex(heap[i], i);
            heap[last] = null;
            siftDown(i);
            siftUp(i);
        } else {
            heap[last] = null;
        }
    }

    private static boolean less(TimerHandle a, TimerHandle b) {
        long da = a.deadlineNanos();
        long db = b.deadlineNanos();
        return da < db || (da == db && a.sequence() < b.sequence());
    }

    private void siftUp(int i) {
        TimerHandle t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            TimerHandle p = heap[parent];
            if (!less(t, p)) {
                break;
            }
            heap[i] = p;
            SLOTS.setHeapIndex(p, i);
            i = parent;
        }
        heap[i] = t;
        SLOTS.setHeapIndex(t, i);
    }

    private void siftDown(int i) {
        TimerHandle t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            TimerHandle c = heap[child];
            int right = child + 1;
            if (right < size && less(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!less(c, t)) {
                break;
            }
            heap[i] = c;
            SLOTS.setHeapIndex(c, i);
            i = child;
        }
        heap[i] = t;
        SLOTS.setHeapIndex(t, i);
    }
}
