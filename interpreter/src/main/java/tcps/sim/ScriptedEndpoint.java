package tcps.sim;

import tcps.tcp.SeqNum;
import tcps.tcp.Segment;
import tcps.tcp.TcpAddress;
import tcps.tcp.TcpFlags;

/**
 * A puppet: an endpoint with no TCP behind it. Nothing answers automatically; it keeps only the
 * bookkeeping a person does by hand, so crafted segments carry sensible numbers by default:
 * the next sequence number to send and the highest in-order sequence number received.
 */
public final class ScriptedEndpoint {
    private final TcpAddress address;
    private final SeqNum isn;
    private SeqNum sndNxt;
    private SeqNum irs;
    private SeqNum rcvNxt;
    private int window;

    public ScriptedEndpoint(TcpAddress address, SeqNum isn, int window) {
        this.address = address;
        this.isn = isn;
        this.sndNxt = isn;
        this.window = window;
    }

    public TcpAddress address() {
        return address;
    }

    public SeqNum isn() {
        return isn;
    }

    /** The next sequence number this endpoint would send. */
    public SeqNum sndNxt() {
        return sndNxt;
    }

    /** The peer's ISN once a SYN arrived, else null. */
    public SeqNum irs() {
        return irs;
    }

    /** The ack a person would give now: the end of in-order data received; null before any SYN. */
    public SeqNum rcvNxt() {
        return rcvNxt;
    }

    public int window() {
        return window;
    }

    /** Records that {@code s} was sent: SND.NXT moves past it unless it was behind (a retransmission). */
    void sent(Segment s) {
        SeqNum end = s.seqEnd();
        if (end.gt(sndNxt)) {
            sndNxt = end;
        }
    }

    /** Updates the receive bookkeeping from an arriving segment, as a careful person would. */
    void received(Segment s) {
        if (s.has(TcpFlags.RST)) {
            return;
        }
        if (s.has(TcpFlags.SYN)) {
            irs = s.seq();
            rcvNxt = s.seqEnd();
            return;
        }
        if (rcvNxt != null && s.seq().le(rcvNxt) && s.seqEnd().gt(rcvNxt)) {
            rcvNxt = s.seqEnd();
        }
    }
}
