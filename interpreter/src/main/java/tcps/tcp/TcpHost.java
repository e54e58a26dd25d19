package tcps.tcp;

import java.util.List;

/**
 * The TCP of one IP host: its sockets, its timers, and the segments it wants to send.
 * No threads, no clock: every entry point takes {@code now} (microseconds of virtual time),
 * {@link #nextDeadline} says when to call {@link #advanceTo} next, and segments to transmit are
 * collected with {@link #takeOutgoing}.
 */
public final class TcpHost {
    private final Ipv4 address;
    private final Profile profile;
    private final IsnGenerator isns;
    private final TcpObserver observer;

    /**
     * @param profile the behaviour for segments that reach no socket (RST to a closed port)
     */
    public TcpHost(Ipv4 address, Profile profile, IsnGenerator isns, TcpObserver observer) {
        this.address = address;
        this.profile = profile;
        this.isns = isns;
        this.observer = observer;
    }

    public Ipv4 address() {
        return address;
    }

    /** Passive OPEN (RFC 9293 3.10.1). */
    public Listener listen(int port, SocketConfig config) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Active OPEN (3.10.1): chooses the ISN and queues the SYN at {@code now}. */
    public Connection connect(int localPort, TcpAddress remote, SocketConfig config, long now) {
        throw new UnsupportedOperationException("not yet");
    }

    /** SEGMENT ARRIVES (3.10.7) for a segment addressed to this host. */
    public void segmentArrives(Segment segment, long now) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Fires every timer due at or before {@code now} (3.10.8), in deadline order. */
    public void advanceTo(long now) {
        throw new UnsupportedOperationException("not yet");
    }

    /** When the earliest pending timer is due, or {@link Long#MAX_VALUE} when none is. */
    public long nextDeadline() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Segments produced since the last call, in the order they were produced. */
    public List<Segment> takeOutgoing() {
        throw new UnsupportedOperationException("not yet");
    }
}
