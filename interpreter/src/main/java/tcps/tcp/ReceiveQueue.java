package tcps.tcp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The receive side's data: bytes delivered in order and not yet read by the application, a
 * record of everything delivered, and text that arrived ahead of RCV.NXT, held for reassembly
 * (RFC 9293 3.10.7.4: "segments with higher beginning sequence numbers ... may be held").
 */
final class ReceiveQueue {
    /** Text that arrived out of order, with the FIN that may follow it. */
    record Held(SeqNum seq, byte[] text, boolean fin) {
        SeqNum end() {
            return seq.plus(text.length);
        }
    }

    /** What became contiguous after RCV.NXT moved: the text and whether the peer's FIN follows. */
    record Reassembled(byte[] text, boolean fin) {}

    private byte[] unread = new byte[0];
    private final ByteArrayOutputStream delivered = new ByteArrayOutputStream();
    private final List<Held> held = new ArrayList<>();

    /** In-order text: the application either reads it at once or it waits as unread. */
    void deliver(byte[] text, boolean readAtOnce) {
        delivered.write(text, 0, text.length);
        if (!readAtOnce) {
            byte[] grown = Arrays.copyOf(unread, unread.length + text.length);
            System.arraycopy(text, 0, grown, unread.length, text.length);
            unread = grown;
        }
    }

    byte[] read(int max) {
        int n = Math.min(Math.max(max, 0), unread.length);
        byte[] out = Arrays.copyOfRange(unread, 0, n);
        unread = Arrays.copyOfRange(unread, n, unread.length);
        return out;
    }

    int unread() {
        return unread.length;
    }

    byte[] delivered() {
        return delivered.toByteArray();
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

    /** Takes the held text that now starts at or before {@code rcvNxt}, in order. */
    Reassembled reassemble(SeqNum rcvNxt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SeqNum next = rcvNxt;
        boolean fin = false;
        while (!fin && !held.isEmpty() && held.get(0).seq().le(next)) {
            Held h = held.remove(0);
            if (h.end().gt(next)) {
                int skip = (int) next.offsetFrom(h.seq());
                out.write(h.text(), skip, h.text().length - skip);
                next = h.end();
            }
            fin = h.fin() && h.end().equals(next);
        }
        if (fin) {
            held.clear();
        }
        return new Reassembled(out.toByteArray(), fin);
    }

    void discardHeld() {
        held.clear();
    }
}
