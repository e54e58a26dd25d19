package tcps.tcp;

import static tcps.tcp.Parameters.TIME_WAIT_REUSE;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * The TCP of one IP host: its sockets, its timers, and the segments it wants to send.
 * No threads, no clock: every entry point takes {@code now} (microseconds of virtual time),
 * {@link #nextDeadline} says when to call {@link #advanceTo} next, and segments to transmit are
 * collected with {@link #takeOutgoing}. A host may send to itself (client and server both on
 * 127.0.0.1): the network hands those segments back to {@link #segmentArrives}.
 */
public final class TcpHost {
    /** Demultiplexing key of a connection: (local, remote) as seen from this host. */
    private record Ends(TcpAddress local, TcpAddress remote) {
        // Written out (the values a record's own give): those are linked on first use, at a cost
        // a run of a few milliseconds notices.
        @Override
        public boolean equals(Object o) {
            return o instanceof Ends e && local.equals(e.local) && remote.equals(e.remote);
        }

        @Override
        public int hashCode() {
            return local.hashCode() * 31 + remote.hashCode();
        }
    }

    private final Ipv4 address;
    private final Profile profile;
    private final IsnGenerator isns;
    private final TcpObserver observer;

    private final Map<Ends, Tcb> connections = new LinkedHashMap<>();
    private final Map<Integer, ListenSocket> listeners = new LinkedHashMap<>();
    private final List<Segment> outgoing = new ArrayList<>();
    private long latestTime;

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

    /** The profile used for segments that reach no socket. */
    public Profile profile() {
        return profile;
    }

    /**
     * Passive OPEN (RFC 9293 3.10.1).
     *
     * @throws IllegalStateException if the port already has a listener
     */
    public Listener listen(int port, SocketConfig config) {
        if (listeners.containsKey(port)) {
            throw new IllegalStateException("port " + port + " on " + address + " is already in LISTEN");
        }
        ListenSocket listener = new ListenSocket(this, new TcpAddress(address, port), config);
        listeners.put(port, listener);
        return listener;
    }

    /**
     * Active OPEN (3.10.1): chooses the ISN and queues the SYN at {@code now}.
     *
     * @throws IllegalStateException if a connection with these two ends already exists
     */
    public Connection connect(int localPort, TcpAddress remote, SocketConfig config, long now) {
        advanceTo(now);
        TcpAddress local = new TcpAddress(address, localPort);
        Tcb old = connections.get(new Ends(local, remote));
        if (old != null) {
            if (!reusesTimeWait(old, config)) {
                throw new IllegalStateException("connection " + local + " > " + remote + " already exists");
            }
            // Linux tcp_twsk_unique: the TIME-WAIT connection gives way; the new one starts above
            // anything the old one sent and keeps its TS.Recent, which the SYN echoes.
            SeqNum iss = old.sndNxt.plus(65535 + 2);
            old.delete(now);
            return Tcb.activeOpen(this, observer, local, remote, config,
                    iss.equals(SeqNum.of(0)) ? SeqNum.of(1) : iss, now, old);
        }
        return Tcb.activeOpen(this, observer, local, remote, config, chooseIss(config, local, remote, now), now, null);
    }

    /**
     * What {@link #connect} would fail with at once, as connect(2) would: EADDRNOTAVAIL while an
     * earlier connection holds these two ends and may not be taken over.
     */
    public Optional<TcpError> connectError(int localPort, TcpAddress remote, SocketConfig config) {
        Tcb old = connections.get(new Ends(new TcpAddress(address, localPort), remote));
        return old == null || reusesTimeWait(old, config) ? Optional.empty() : Optional.of(TcpError.EADDRNOTAVAIL);
    }

    /**
     * Linux tcp_tw_reuse 2 (capture time-wait-reuse): an active open may take over its own
     * TIME-WAIT connection on loopback when timestamps were in use, which protect the new
     * connection from old duplicates (RFC 6191); without them connect fails (time-wait-reuse-nots:
     * EADDRNOTAVAIL).
     */
    private static boolean reusesTimeWait(Tcb old, SocketConfig config) {
        return old.state == TcpState.TIME_WAIT && config.profile().get(TIME_WAIT_REUSE)
                && old.inUse.timestamps() && old.local().ip().isLoopback() && old.remote().ip().isLoopback();
    }

    /**
     * SEGMENT ARRIVES (3.10.7) for a segment addressed to this host: to the connection with
     * these two ends, else to a listener on the destination, else to a closed port. Timers due
     * at or before {@code now} fire first, as in a kernel whose timers of a tick run before the
     * packets that tick delivers (capture synack-lost-all: the SYN-ACK timer fired before the
     * duplicate SYN that arrived in the same tick), so the order does not depend on the caller.
     */
    public void segmentArrives(Segment segment, long now) {
        advanceTo(now);
        Tcb tcb = connections.get(new Ends(segment.dst(), segment.src()));
        ListenSocket listener = listeners.get(segment.dst().port());
        if (listener != null && !listener.local().equals(segment.dst())) {
            listener = null;
        }
        if (tcb != null && listener != null && SegmentArrives.reopensTimeWait(tcb, segment)) {
            // RFC 6191 (RFC 9293 3.10.7.4, fourth check): the TIME-WAIT connection gives way to a
            // new one. Linux (tcp_timewait_state_process) picks the new ISS above anything the
            // old connection sent: SND.NXT + 65535 + 2.
            SeqNum iss = tcb.sndNxt.plus(65535 + 2);
            tcb.delete(now);
            SegmentArrives.toListener(this, observer, listener, segment,
                    iss.equals(SeqNum.of(0)) ? SeqNum.of(1) : iss, now);
            return;
        }
        if (tcb != null) {
            SegmentArrives.toConnection(tcb, segment, now);
            return;
        }
        if (listener != null) {
            SegmentArrives.toListener(this, observer, listener, segment, null, now);
            return;
        }
        SegmentArrives.toClosedPort(this, observer, segment, now);
    }

    /**
     * Fires every timer due at or before {@code now} (3.10.8), in deadline order; each fires at
     * its own deadline, so what it sends carries that time.
     */
    public void advanceTo(long now) {
        while (true) {
            Tcb due = null;
            long at = Long.MAX_VALUE;
            for (Tcb tcb : connections.values()) {
                long d = tcb.nextDeadline();
                if (d < at) {
                    at = d;
                    due = tcb;
                }
            }
            if (due == null || at > now) {
                break;
            }
            sawTime(at);
            due.timersDue(at);
        }
        sawTime(now);
    }

    /** When the earliest pending timer is due, or {@link Long#MAX_VALUE} when none is. */
    public long nextDeadline() {
        long at = Long.MAX_VALUE;
        for (Tcb tcb : connections.values()) {
            at = Math.min(at, tcb.nextDeadline());
        }
        return at;
    }

    /** Segments produced since the last call, in the order they were produced. */
    public List<Segment> takeOutgoing() {
        List<Segment> out = List.copyOf(outgoing);
        outgoing.clear();
        return out;
    }

    /**
     * About how many bytes of memory this host's connections hold: each TCB (its variables,
     * timers, estimators: {@link Tcb#KEPT_BYTES}) and what it buffers (writes waiting, segments in
     * flight, text unread or out of order), the listeners, and the segments not yet on the wire.
     */
    public long keptBytes() {
        long n = 256L * listeners.size();
        for (Tcb tcb : connections.values()) {
            n += tcb.keptBytes();
        }
        for (Segment s : outgoing) {
            n += s.keptBytes();
        }
        return n;
    }

    /** How many things {@link #keptBytes} looks at: the work of counting this host. */
    public long keptItems() {
        long n = 1 + listeners.size() + outgoing.size();
        for (Tcb tcb : connections.values()) {
            n += tcb.keptItems();
        }
        return n;
    }

    /** Connections this host still demultiplexes to (not yet CLOSED), oldest first. */
    public List<Connection> connections() {
        return List.copyOf(connections.values());
    }

    // ---- for the package

    void emit(Segment segment) {
        outgoing.add(segment);
    }

    void register(Tcb tcb) {
        connections.put(new Ends(tcb.local(), tcb.remote()), tcb);
    }

    /** A TCB that reached CLOSED: segments for its two ends now find a closed port (or a listener). */
    void forget(Tcb tcb) {
        connections.remove(new Ends(tcb.local(), tcb.remote()), tcb);
    }

    void stopListening(ListenSocket listener) {
        listeners.remove(listener.local().port(), listener);
    }

    /** The socket's fixed ISN if the scenario gave one, else the host's generator's. */
    SeqNum chooseIss(SocketConfig config, TcpAddress local, TcpAddress remote, long now) {
        return config.fixedIsn() != null ? config.fixedIsn() : isns.next(local, remote, now);
    }

    /** The latest time any entry point was given (for calls that take no time). */
    long latestTime() {
        return latestTime;
    }

    void sawTime(long now) {
        latestTime = Math.max(latestTime, now);
    }
}
