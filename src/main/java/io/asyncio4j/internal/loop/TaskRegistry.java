package io.asyncio4j.internal.loop;

import io.asyncio4j.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * The loop's pending tasks, as an intrusive doubly-linked list: O(1) insert and removal with no
 * hashing, in creation order. asyncio keeps a weak set; asyncio4j keeps pending tasks strongly so
 * that {@code close()} can unwind every strand (see {@link io.asyncio4j.EventLoop#close()}).
 */
public final class TaskRegistry {
    /** One pending task's place in the list. */
    public static final class Node {
        final Task<?> task;
        Node prev;
        Node next;
        boolean linked;

        Node(Task<?> task) {
            this.task = task;
        }
    }

    private final Node head = new Node(null);
    private int size;

    TaskRegistry() {
        head.prev = head;
        head.next = head;
    }

    Node add(Task<?> task) {
        Node n = new Node(task);
        n.prev = head.prev;
        n.next = head;
        head.prev.next = n;
        head.prev = n;
        n.linked = true;
        size++;
        return n;
    }

    void remove(Node n) {
        if (!n.linked) {
            return;
        }
        n.prev.next = n.next;
        n.next.prev = n.prev;
        n.prev = null;
        n.next = null;
        n.linked = false;
        size--;
    }

    int size() {
        return size;
    }

    List<Task<?>> snapshot() {
        List<Task<?>> out = new ArrayList<>(size);
        for (Node n = head.next; n != head; n = n.next) {
            out.add(n.task);
        }
        return out;
    }
}
