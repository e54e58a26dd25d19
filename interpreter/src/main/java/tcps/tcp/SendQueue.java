package tcps.tcp;

import java.util.ArrayDeque;

/**
 * Data the application has written (SEND, RFC 9293 3.10.2) that has not been segmentized yet,
 * and where each write ended, so the segment carrying the end of a write gets PSH.
 *
 * <p>The queue is the writes themselves, not a copy of their bytes: taking a segment copies out
 * only that segment's bytes, so queueing and sending cost time in proportion to what is sent
 * and memory in proportion to the number of writes waiting, whatever their sizes.
 */
final class SendQueue {
    /**
     * A run of bytes taken from the front: whether a write ends inside it ({@code push}), and
     * how many of its bytes follow the last write end in it (all of them when none ends there).
     */
    record Chunk(byte[] bytes, boolean push, int afterLastEnd) {
        /** The run ends exactly where a write ends (Linux marks PSH on that segment only). */
        boolean endsWrite() {
            return push && afterLastEnd == 0;
        }
    }

    private static final byte[] NONE = new byte[0];

    /** Writes not wholly taken yet, oldest first; the first may be partly taken. */
    private final ArrayDeque<SendData> writes = new ArrayDeque<>();
    /** How much of the first write has been taken. */
    private long takenOfFirst;
    private long size;

    void write(SendData data) {
        if (data.length() == 0) {
            return;
        }
        writes.addLast(data);
        size += data.length();
    }

    /** About how many bytes of memory the writes waiting here hold (not their lengths: a write is lazy). */
    long keptBytes() {
        long n = 0;
        for (SendData w : writes) {
            n += w.keptBytes();
        }
        return n;
    }

    /** How many writes wait here: what {@link #keptBytes} looks at. */
    int keptItems() {
        return writes.size();
    }

    /** Bytes written and not taken yet. */
    long size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Takes the first {@code n} bytes; PSH when the end of a write lies within them. */
    Chunk take(int n) {
        if (n <= 0) {
            return new Chunk(NONE, false, 0);
        }
        if (n > size) {
            throw new IllegalArgumentException("take " + n + " of " + size + " queued bytes");
        }
        byte[] out = new byte[n];
        int filled = 0;
        boolean push = false;
        int lastEnd = 0;
        while (filled < n) {
            SendData first = writes.peekFirst();
            int run = (int) Math.min(n - filled, first.length() - takenOfFirst);
            first.copy(takenOfFirst, out, filled, run);
            filled += run;
            takenOfFirst += run;
            if (takenOfFirst == first.length()) {
                writes.removeFirst();
                takenOfFirst = 0;
                push = true;
                lastEnd = filled;
            }
        }
        size -= n;
        return new Chunk(out, push, n - lastEnd);
    }

    void clear() {
        writes.clear();
        takenOfFirst = 0;
        size = 0;
    }
}
