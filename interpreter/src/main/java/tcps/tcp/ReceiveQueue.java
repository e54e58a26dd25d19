package tcps.tcp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The receive side's data: bytes delivered in order and not yet read by the application, and
 * text that arrived ahead of RCV.NXT, held for reassembly (RFC 9293 3.10.7.4: "segments with
 * higher beginning sequence numbers ... may be held"). Bytes the application has read are gone:
 * whoever wants to see everything delivered listens with {@link TcpObserver#delivered}.
 */
final class ReceiveQueue {
    /** Text that arrived out of order, with the FIN that may follow it. */
    record Held(SeqNum seq, byte[] text, boolean fin) {
        SeqNum end() {
            return seq.plus(text.length);
        }
    }

    /**
     * What became contiguous after RCV.NXT moved: the text, how many held segments it was, and
     * whether the peer's FIN follows.
     */
    record Reassembled(byte[] text, int segments, boolean fin) {}

    /** Unread text as it arrived, oldest first; the first may be partly read. */
    private final ArrayDeque<byte[]> unread = new ArrayDeque<>();
    /** How many arrived segments each unread array was (each costs its own memory). */
    private final ArrayDeque<Integer> unreadSegments = new ArrayDeque<>();
    /** How much of the first unread array has been read. */
    private int readOfFirst;
    private int unreadBytes;
    /** The sum of {@link #unreadSegments}. */
    private long unreadSegmentCount;
    private final List<Held> held = new ArrayList<>();

    /**
     * In-order text: the application either reads it at once or it waits as unread. The queue
     * keeps {@code text} itself, so the caller must not change it afterwards.
     */
    void deliver(byte[] text, boolean readAtOnce) {
        deliver(text, 1, readAtOnce);
    }

    /** The same for text that arrived as {@code segments} segments. */
    void deliver(byte[] text, int segments, boolean readAtOnce) {
        if (!readAtOnce && text.length > 0) {
            unread.addLast(text);
            unreadSegments.addLast(Math.max(1, segments));
            unreadSegmentCount += Math.max(1, segments);
            unreadBytes += text.length;
        }
    }

    /**
     * The receive-buffer memory the waiting text takes when each segment costs its text plus
     * {@code overhead} bytes (Linux sk_rmem_alloc, the sum of the skbs' truesize): a segment
     * partly read keeps all of it until it is read to the end, and held segments count too.
     */
    long memory(int overhead) {
        long n = unreadBytes + readOfFirst + unreadSegmentCount * overhead;
        for (Held h : held) {
            n += h.text().length + overhead;
        }
        return n;
    }

    byte[] read(int max) {
        int n = Math.min(Math.max(max, 0), unreadBytes);
        byte[] out = new byte[n];
        int filled = 0;
        while (filled < n) {
            byte[] first = unread.peekFirst();
            int run = Math.min(n - filled, first.length - readOfFirst);
            System.arraycopy(first, readOfFirst, out, filled, run);
            filled += run;
            readOfFirst += run;
            if (readOfFirst == first.length) {
                unread.removeFirst();
                unreadSegmentCount -= unreadSegments.removeFirst();
                readOfFirst = 0;
            }
        }
        unreadBytes -= n;
        return out;
    }

    int unread() {
        return unreadBytes;
    }

    /** How many pieces of text are held: what {@link #keptBytes} looks at. */
    int keptItems() {
        return held.size();
    }

    /** About how many bytes of memory the unread and the out-of-order text hold. */
    long keptBytes() {
        long n = unreadBytes + 24L * unread.size();
        for (Held h : held) {
            n += 64 + h.text().length;
        }
        return n;
    }

    /** Keeps out-of-order text (and a FIN after it) until the gap before it is filled. */
    void hold(SeqNum seq, byte[] text, boolean fin) {
        int i = 0;
        while (i < held.size() && held.get(i).seq().le(seq)) {
            i++;
        }
        held.add(i, new Held(seq, text.clone(), fin));
    }

    int heldSegments() {
        return held.size();
    }

    /** Bytes held out of order (overlaps counted once): they take receive buffer space too. */
    long heldBytes() {
        long n = 0;
        SeqNum covered = null;
        for (Held h : held) {
            SeqNum from = covered == null ? h.seq() : SeqNum.max(h.seq(), covered);
            if (h.end().gt(from)) {
                n += h.end().distanceFrom(from);
                covered = h.end();
            }
        }
        return n;
    }

    /** The contiguous run of held text that contains {@code seq}, as a SACK block. */
    TcpOption.SackBlock heldBlockAround(SeqNum seq) {
        SeqNum left = seq;
        SeqNum right = seq;
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Held h : held) {
                // The FIN takes a sequence number, so a block ending in it covers it (Linux reports
                // end_seq, FIN included).
                SeqNum end = h.end().plus(h.fin() ? 1 : 0);
                boolean touches = h.seq().le(right) && end.ge(left);
                if (touches && (h.seq().lt(left) || end.gt(right))) {
                    left = h.seq().lt(left) ? h.seq() : left;
                    right = end.gt(right) ? end : right;
                    grew = true;
                }
            }
        }
        return new TcpOption.SackBlock(left, right);
    }

    /**
     * The first held text that in-order text up to {@code end} repeats, as a block cut at
     * {@code end}, or null: what Linux's tcp_ofo_queue reports as a D-SACK when the gap fills.
     */
    TcpOption.SackBlock firstHeldBefore(SeqNum end) {
        SeqNum left = null;
        SeqNum right = null;
        for (Held h : held) {
            if (left == null) {
                if (h.seq().lt(end) && h.text().length > 0) {
                    left = h.seq();
                    right = h.end();
                }
            } else if (h.seq().le(right) && h.seq().lt(end)) {
                // held text that touches the block: Linux keeps it coalesced in one buffer
                right = h.end().gt(right) ? h.end() : right;
            } else {
                break;
            }
        }
        return left == null ? null : new TcpOption.SackBlock(left, right.lt(end) ? right : end);
    }

    /** Takes the held text that now starts at or before {@code rcvNxt}, in order. */
    Reassembled reassemble(SeqNum rcvNxt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SeqNum next = rcvNxt;
        boolean fin = false;
        int segments = 0;
        while (!fin && !held.isEmpty() && held.get(0).seq().le(next)) {
            Held h = held.remove(0);
            if (h.end().gt(next)) {
                segments++;
                int skip = (int) next.offsetFrom(h.seq());
                out.write(h.text(), skip, h.text().length - skip);
                next = h.end();
            }
            fin = h.fin() && h.end().equals(next);
        }
        if (fin) {
            held.clear();
        }
        return new Reassembled(out.toByteArray(), segments, fin);
    }

    void discardHeld() {
        held.clear();
    }
}
