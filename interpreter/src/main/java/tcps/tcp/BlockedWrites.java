package tcps.tcp;

import java.util.ArrayDeque;

/**
 * Written bytes a full send buffer (SO_SNDBUF) keeps out of the send queue, with their write
 * ends, oldest first. They move into the queue as the buffer has room: all of them without
 * SO_SNDBUF; with it, at most that many bytes written and not yet acknowledged, so a large write
 * goes into the queue as ACKs free room, each part ending with PSH as when Linux pushes what it
 * has before a writer waits for memory (tcp_sendmsg, wait_for_space).
 */
final class BlockedWrites {
    private final ArrayDeque<SendData> writes = new ArrayDeque<>();

    /** A SEND call's bytes, behind those already waiting. */
    void add(SendData data) {
        writes.addLast(data);
    }

    boolean isEmpty() {
        return writes.isEmpty();
    }

    /** The connection is deleted: what waits is dropped. */
    void clear() {
        writes.clear();
    }

    /**
     * Moves what the send buffer has room for into {@code queue}: {@code sndBuf} bytes (0: no
     * limit) less what is queued and the {@code inFlight} bytes not yet acknowledged.
     */
    void admitInto(SendQueue queue, int sndBuf, long inFlight) {
        while (!writes.isEmpty()) {
            SendData next = writes.peekFirst();
            long room = sndBuf <= 0 ? Long.MAX_VALUE : sndBuf - queue.size() - Math.max(0, inFlight);
            if (room <= 0) {
                return;
            }
            if (next.length() <= room) {
                queue.write(writes.removeFirst());
            } else {
                queue.write(next.part(0, room));
                writes.removeFirst();
                writes.addFirst(next.part(room, next.length() - room));
                return;
            }
        }
    }
}
