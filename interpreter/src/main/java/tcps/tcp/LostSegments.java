package tcps.tcp;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * Segments loss detection found lost that wait for room in cwnd to go again, by SEG.SEQ in the
 * order found (Linux: marked lost, then sent by tcp_xmit_retransmit_queue while
 * tcp_packets_in_flight < cwnd). Only with RACK and PRR; other profiles resend at once. A
 * segment the peer acknowledged or SACKed meanwhile is no longer lost and leaves on the next
 * question. Free of allocation once the set has grown.
 */
final class LostSegments {
    private final RetransmissionQueue queue;
    private final LinkedHashSet<SeqNum> waiting = new LinkedHashSet<>();

    LostSegments(RetransmissionQueue queue) {
        this.queue = queue;
    }

    /** The segment starting at {@code seq} was found lost. */
    void add(SeqNum seq) {
        waiting.add(seq);
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** A timeout resends from SND.UNA: what waited is forgotten. */
    void clear() {
        waiting.clear();
    }

    /** The bytes of segments found lost and not yet sent again (still unacknowledged, unSACKed): Linux lost_out. */
    long bytes() {
        if (waiting.isEmpty()) {
            return 0;
        }
        long n = 0;
        for (Iterator<SeqNum> it = waiting.iterator(); it.hasNext(); ) {
            RetransmissionQueue.Entry e = queue.find(it.next());
            if (e == null || e.sacked()) {
                it.remove();
            } else {
                n += e.segment().seqLength();
            }
        }
        return n;
    }

    /** The oldest-found segment still lost, or null; it stays until {@link #resent}. */
    RetransmissionQueue.Entry next() {
        while (!waiting.isEmpty()) {
            SeqNum seq = waiting.iterator().next();
            RetransmissionQueue.Entry e = queue.find(seq);
            if (e != null && !e.sacked()) {
                return e;
            }
            waiting.remove(seq);
        }
        return null;
    }

    /** {@code e} went out again. */
    void resent(RetransmissionQueue.Entry e) {
        waiting.remove(e.segment().seq());
    }
}
