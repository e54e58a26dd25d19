package tcps.tcp;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Data the application has written (SEND, RFC 9293 3.10.2) that has not been segmentized yet,
 * and where each write ended, so the segment carrying the end of a write gets PSH.
 */
final class SendQueue {
    /** A run of bytes taken from the front, and whether a write ends inside it. */
    record Chunk(byte[] bytes, boolean push) {}

    private byte[] bytes = new byte[0];
    /** Stream offsets (bytes written since the start) at which a write ended. */
    private final Deque<Long> writeEnds = new ArrayDeque<>();
    private long taken;

    void write(byte[] data) {
        if (data.length == 0) {
            return;
        }
        byte[] grown = Arrays.copyOf(bytes, bytes.length + data.length);
        System.arraycopy(data, 0, grown, bytes.length, data.length);
        bytes = grown;
        writeEnds.addLast(taken + bytes.length);
    }

    int size() {
        return bytes.length;
    }

    boolean isEmpty() {
        return bytes.length == 0;
    }

    /** Takes the first {@code n} bytes; PSH when the end of a write lies within them. */
    Chunk take(int n) {
        byte[] out = Arrays.copyOfRange(bytes, 0, n);
        bytes = Arrays.copyOfRange(bytes, n, bytes.length);
        taken += n;
        boolean push = false;
        while (!writeEnds.isEmpty() && writeEnds.peekFirst() <= taken) {
            writeEnds.removeFirst();
            push = true;
        }
        return new Chunk(out, push && n > 0);
    }

    void clear() {
        taken += bytes.length;
        bytes = new byte[0];
        writeEnds.clear();
    }
}
