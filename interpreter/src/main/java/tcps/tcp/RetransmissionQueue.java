package tcps.tcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.ListIterator;

/**
 * Segments sent and not yet acknowledged (RFC 9293 3.10.7.4, fifth check: "Any segments on the
 * retransmission queue that are thereby entirely acknowledged are removed"). The timer that
 * resends them (RFC 6298) is not modelled yet; see {@link Tcb#nextDeadline()}.
 */
final class RetransmissionQueue {
    /** One segment in flight and when it was (last) sent. */
    record Entry(Segment segment, long sentAt) {}

    private final List<Entry> entries = new ArrayList<>();

    /** Adds a segment that occupies sequence space; a resend of the same SEG.SEQ replaces it. */
    void add(Segment segment, long now) {
        if (segment.seqLength() == 0) {
            return;
        }
        entries.removeIf(e -> e.segment().seq().equals(segment.seq()));
        entries.add(new Entry(segment, now));
    }

    /** Removes what SEG.ACK covers entirely; a segment covered in part keeps only its new part. */
    void acknowledge(SeqNum ack) {
        for (ListIterator<Entry> it = entries.listIterator(); it.hasNext(); ) {
            Entry e = it.next();
            Segment s = e.segment();
            if (s.seqEnd().le(ack)) {
                it.remove();
            } else if (s.seq().lt(ack)) {
                it.set(new Entry(trimFront(s, ack), e.sentAt()));
            }
        }
    }

    private static Segment trimFront(Segment s, SeqNum ack) {
        int flags = s.flags();
        SeqNum seq = s.seq();
        if (s.has(TcpFlags.SYN)) {
            flags &= ~TcpFlags.SYN;
            seq = seq.plus(1);
        }
        byte[] payload = s.payload();
        int cut = (int) Math.min(payload.length, ack.offsetFrom(seq));
        byte[] rest = Arrays.copyOfRange(payload, cut, payload.length);
        return new Segment(s.src(), s.dst(), seq.plus(cut), s.ack(), flags, s.window(), s.urgent(),
                s.options(), rest);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    void clear() {
        entries.clear();
    }
}
