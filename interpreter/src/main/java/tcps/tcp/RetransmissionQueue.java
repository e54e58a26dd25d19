package tcps.tcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.ListIterator;

/**
 * Segments sent and not yet acknowledged (RFC 9293 3.10.7.4, fifth check: "Any segments on the
 * retransmission queue that are thereby entirely acknowledged are removed"), with when each was
 * sent and whether the peer SACKed it: the retransmission timer resends the first it has not
 * SACKed (RFC 6298 5.4, RFC 6675), an acknowledgment of a segment sent only once is an RTT
 * sample (Karn's rule), and send times order segments for RACK (RFC 8985).
 */
final class RetransmissionQueue {
    /**
     * One segment in flight.
     *
     * @param sentAt        when it was last sent
     * @param firstSentAt   when it was first sent
     * @param retransmitted it has been sent more than once, so an ACK of it is ambiguous
     * @param sacked        the peer reported it in a SACK block (RFC 2018): it need not go again
     * @param order         when it was last sent, as a count of transmissions: orders segments sent
     *                      at the same virtual instant (RFC 8985's RACK compares send times)
     */
    record Entry(Segment segment, long sentAt, long firstSentAt, boolean retransmitted, boolean sacked, long order) {}

    /**
     * What an acknowledgment removed.
     *
     * @param segments        how many segments it acknowledged entirely
     * @param oldestSentAt    when the oldest of them was sent, for an RTT sample
     * @param retransmitted   one of them (or the part of one it acknowledged) was sent twice
     * @param newestSentAt    when the most recently sent of them was sent (RACK, RFC 8985)
     * @param newestOrder     its place in the order of transmissions
     */
    record Acknowledged(int segments, long oldestSentAt, boolean retransmitted, long newestSentAt,
            long newestOrder) {
        static final Acknowledged NOTHING = new Acknowledged(0, 0, false, 0, -1);
    }

    private final List<Entry> entries = new ArrayList<>();
    /** Transmissions so far, for {@link Entry#order}. */
    private long transmissions;
    /** Sequence space in the queue the peer has SACKed. */
    private long sackedBytes;

    /** How many segments are in flight: what {@link #keptBytes} looks at. */
    int keptItems() {
        return entries.size();
    }

    /** About how many bytes of memory the segments in flight hold. */
    long keptBytes() {
        long n = 0;
        for (Entry e : entries) {
            n += 56 + e.segment().keptBytes();
        }
        return n;
    }

    /**
     * Records a segment that occupies sequence space. Sending the same SEG.SEQ again is a
     * retransmission: the entry keeps its first time and is marked.
     */
    void add(Segment segment, long now) {
        if (segment.seqLength() == 0) {
            return;
        }
        for (ListIterator<Entry> it = entries.listIterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.segment().seq().equals(segment.seq())) {
                if (e.sacked()) {
                    sackedBytes -= e.segment().seqLength();
                }
                it.set(new Entry(segment, now, e.firstSentAt(), true, false, transmissions++));
                return;
            }
        }
        entries.add(new Entry(segment, now, now, false, false, transmissions++));
    }

    /** Removes what SEG.ACK covers entirely; a segment covered in part keeps only its new part. */
    Acknowledged acknowledge(SeqNum ack) {
        int count = 0;
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        long newestOrder = -1;
        boolean retransmitted = false;
        for (ListIterator<Entry> it = entries.listIterator(); it.hasNext(); ) {
            Entry e = it.next();
            Segment s = e.segment();
            if (s.seqEnd().le(ack)) {
                it.remove();
                if (e.sacked()) {
                    sackedBytes -= s.seqLength();
                }
                count++;
                oldest = Math.min(oldest, e.sentAt());
                if (e.order() > newestOrder) {
                    newest = e.sentAt();
                    newestOrder = e.order();
                }
                retransmitted |= e.retransmitted();
            } else if (s.seq().lt(ack)) {
                Segment rest = trimFront(s, ack);
                if (e.sacked()) {
                    sackedBytes -= s.seqLength() - rest.seqLength();
                }
                it.set(new Entry(rest, e.sentAt(), e.firstSentAt(), e.retransmitted(), e.sacked(), e.order()));
                retransmitted |= e.retransmitted();
            }
        }
        return count == 0 && !retransmitted ? Acknowledged.NOTHING
                : new Acknowledged(count, count == 0 ? 0 : oldest, retransmitted, newest, newestOrder);
    }

    /**
     * Marks the segments that SACK blocks cover entirely (blocks at or below SND.UNA are D-SACKs
     * and are skipped) and returns those newly marked.
     */
    List<Entry> markSacked(List<TcpOption.SackBlock> blocks, SeqNum sndUna) {
        List<Entry> marked = new ArrayList<>();
        for (ListIterator<Entry> it = entries.listIterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.sacked()) {
                continue;
            }
            for (TcpOption.SackBlock b : blocks) {
                if (b.right().gt(sndUna) && b.left().le(e.segment().seq()) && e.segment().seqEnd().le(b.right())) {
                    Entry sacked = new Entry(e.segment(), e.sentAt(), e.firstSentAt(), e.retransmitted(), true, e.order());
                    sackedBytes += e.segment().seqLength();
                    it.set(sacked);
                    marked.add(sacked);
                    break;
                }
            }
        }
        return marked;
    }

    /** Bytes of sequence space the peer has SACKed and not yet acknowledged cumulatively. */
    long sackedBytes() {
        return sackedBytes;
    }

    int sackedCount() {
        return (int) entries.stream().filter(Entry::sacked).count();
    }

    /** The entry whose segment starts at {@code seq}, or null. */
    Entry find(SeqNum seq) {
        for (Entry e : entries) {
            if (e.segment().seq().equals(seq)) {
                return e;
            }
        }
        return null;
    }

    /** The earliest segment the peer has not SACKed: what a retransmission resends (RFC 6675). */
    Entry firstUnsacked() {
        for (Entry e : entries) {
            if (!e.sacked()) {
                return e;
            }
        }
        return entries.get(0);
    }

    private static Segment trimFront(Segment s, SeqNum ack) {
        int flags = s.flags();
        SeqNum seq = s.seq();
        if (s.has(TcpFlags.SYN)) {
            flags &= ~TcpFlags.SYN;
            seq = seq.plus(1);
        }
        byte[] payload = s.sharedPayload();
        int cut = (int) Math.min(payload.length, ack.offsetFrom(seq));
        byte[] rest = Arrays.copyOfRange(payload, cut, payload.length);
        return Segment.owning(s.src(), s.dst(), seq.plus(cut), s.ack(), flags, s.window(), s.urgent(),
                s.options(), rest);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The earliest segment not yet acknowledged (RFC 6298 5.4 resends it). */
    Entry first() {
        return entries.get(0);
    }

    List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    void clear() {
        entries.clear();
        sackedBytes = 0;
    }
}
