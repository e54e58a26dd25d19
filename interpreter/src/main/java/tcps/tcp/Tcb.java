package tcps.tcp;

import java.util.List;
import java.util.Optional;

/**
 * One connection's Transmission Control Block (RFC 9293 3.3.1): its variables, the user calls
 * on it (3.10.1 to 3.10.5), its timeouts (3.10.8) and how it forms the segments it sends.
 * What happens when a segment arrives is {@link SegmentArrives} (3.10.7), which reads and sets
 * these variables; the two files are meant to be read side by side with the RFC.
 */
final class Tcb implements Connection {
    static final long NEVER = Long.MAX_VALUE;
    static final byte[] NO_TEXT = new byte[0];
    private static final int MAX_WINDOW_FIELD = 0xffff;

    private final TcpHost host;
    private final TcpObserver observer;
    private final TcpAddress local;
    private final TcpAddress remote;
    private final SocketConfig config;
    final Profile profile;
    /** The listener whose SYN created this TCB (a passive OPEN), or null after an active OPEN. */
    final ListenSocket listener;

    TcpState state = TcpState.CLOSED;

    // Send sequence variables (RFC 9293 3.3.1).
    final SeqNum iss;
    SeqNum sndUna;
    SeqNum sndNxt;
    /** SND.WND in bytes, already shifted by the peer's window scale. */
    long sndWnd;
    SeqNum sndWl1;
    SeqNum sndWl2;
    /** MAX.SND.WND of RFC 5961 5.2: the largest window the peer has offered. */
    long maxSndWnd;

    // Receive sequence variables. IRS and RCV.NXT are null until the peer's SYN arrives.
    SeqNum irs;
    SeqNum rcvNxt;
    /**
     * RCV.NXT + RCV.WND as last advertised. It only moves right: the window we offered is never
     * taken back (RFC 9293 3.8.6.2.2, RFC 7323 2.4; Linux tcp_select_window does the same).
     */
    SeqNum rcvEdge;
    /** RCV.BUFF: the initial receive window; unread data is subtracted from it. */
    final long rcvBuff;

    // Options (RFC 7323, RFC 2018).
    /** What our SYN offers; our SYN-ACK offers only what the peer's SYN offered too. */
    final SynOptions ourSyn;
    /** What the peer's SYN or SYN-ACK carried, null until it arrives. */
    SynOptions peerSyn;
    OptionsInUse inUse = OptionsInUse.UNKNOWN;
    /** TS.Recent and Last.ACK.sent of RFC 7323 4.3. */
    long tsRecent;
    SeqNum lastAckSent;

    final SendQueue sendQueue = new SendQueue();
    final RetransmissionQueue retransmissionQueue = new RetransmissionQueue();
    final ReceiveQueue receiveQueue = new ReceiveQueue();
    private boolean autoRead = true;

    // Closing.
    /** CLOSE or shutdown was called: a FIN follows the data queued before it. */
    boolean finQueued;
    /** The sequence number of our FIN once it has been sent, else null. */
    SeqNum finSeq;
    /** CLOSE (not only shutdown) was called: the application reads no more. */
    boolean applicationClosed;
    boolean aborted;
    boolean peerFinReceived;
    /** Text has arrived on this connection (Linux delays the ACK of a later FIN). */
    boolean textReceived;

    // Acknowledgments owed and timers (absolute virtual times, NEVER when off).
    /** An ACK is due at the end of the current event; a segment sent before then carries it. */
    boolean ackNow;
    long delayedAckAt = NEVER;
    long timeWaitEndsAt = NEVER;

    private TcpError failure;
    private TcpError lastCallError;

    private Tcb(TcpHost host, TcpObserver observer, TcpAddress local, TcpAddress remote,
            SocketConfig config, ListenSocket listener, SeqNum iss, long rcvBuff) {
        this.host = host;
        this.observer = observer;
        this.local = local;
        this.remote = remote;
        this.config = config;
        this.profile = config.profile();
        this.listener = listener;
        this.iss = iss;
        this.sndUna = iss;
        this.sndNxt = iss;
        this.rcvBuff = rcvBuff;
        this.ourSyn = SynOptions.offeredBy(profile);
    }

    // ---------------------------------------------------------------------------------------
    // 3.10.1 OPEN

    /** Active OPEN: "An initial send sequence number (ISS) is selected. A SYN segment ... is sent". */
    static Tcb activeOpen(TcpHost host, TcpObserver observer, TcpAddress local, TcpAddress remote,
            SocketConfig config, SeqNum iss, long now) {
        Profile p = config.profile();
        Tcb tcb = new Tcb(host, observer, local, remote, config, null, iss, initialWindow(p, p.mss()));
        host.register(tcb);
        tcb.enter(TcpState.SYN_SENT, now);
        tcb.transmit(TcpFlags.SYN, iss, NO_TEXT, now);
        tcb.sndNxt = iss.plus(1);
        return tcb;
    }

    /**
     * The TCB a listener creates for an acceptable SYN (3.10.7.2, third check): RCV.NXT and IRS
     * from the SYN, a new ISS, the SYN-ACK sent, SYN-RECEIVED. It starts in LISTEN, the state it
     * is cloned from, so its first reported change is LISTEN to SYN-RECEIVED.
     */
    static Tcb passiveOpen(TcpHost host, TcpObserver observer, ListenSocket listener, Segment syn,
            SeqNum iss, long now) {
        Profile p = listener.config().profile();
        SynOptions peer = SynOptions.carriedBy(syn);
        OptionsInUse inUse = SynOptions.agree(SynOptions.offeredBy(p), peer);
        // Linux tcp_openreq_init_rwin: the passive side rounds its window to the MSS it will
        // actually receive, which is 12 bytes less when every segment carries timestamps.
        int m = p.mss() - (inUse.timestamps() ? OptionsInUse.TIMESTAMPS_LENGTH : 0);
        Tcb tcb = new Tcb(host, observer, listener.local(), syn.src(), listener.config(), listener,
                iss, initialWindow(p, m));
        tcb.state = TcpState.LISTEN;
        tcb.peerSynArrived(syn);
        tcb.sndWnd = syn.window(); // RFC 7323 2.2: the window of a SYN is never scaled
        tcb.maxSndWnd = tcb.sndWnd;
        tcb.sndWl1 = syn.seq();
        tcb.sndWl2 = iss;
        host.register(tcb);
        listener.spawned(tcb);
        tcb.enter(TcpState.SYN_RECEIVED, now);
        tcb.transmit(TcpFlags.SYN | TcpFlags.ACK, iss, NO_TEXT, now);
        tcb.sndNxt = iss.plus(1);
        return tcb;
    }

    /**
     * The initial receive window (Linux tcp_select_initial_window): the receive space, at most
     * 65535 without scaling in the SYN, rounded down to a multiple of the MSS {@code m}.
     */
    static long initialWindow(Profile p, int m) {
        long space = Math.min(p.rcvSpace(), MAX_WINDOW_FIELD);
        return m > 0 && space > m ? space / m * m : space;
    }

    /** Records the peer's SYN: IRS, RCV.NXT, the options both sides will use, TS.Recent. */
    void peerSynArrived(Segment syn) {
        irs = syn.seq();
        rcvNxt = syn.seq().plus(1);
        peerSyn = SynOptions.carriedBy(syn);
        inUse = SynOptions.agree(ourSyn, peerSyn);
        if (inUse.timestamps()) {
            syn.option(TcpOption.Timestamps.class).ifPresent(ts -> tsRecent = ts.val());
        }
    }

    // ---------------------------------------------------------------------------------------
    // 3.10.2 SEND

    @Override
    public Optional<TcpError> send(byte[] data, long now) {
        host.sawTime(now);
        if (state == TcpState.CLOSED) {
            // "error: connection does not exist"; after a reset POSIX says EPIPE.
            return callError(failure != null ? TcpError.EPIPE
                    : finQueued ? TcpError.ECONNCLOSING : TcpError.ENOTCONN, now);
        }
        if (finQueued) {
            // FIN-WAIT-1, FIN-WAIT-2, CLOSING, LAST-ACK, TIME-WAIT: "error: connection closing".
            return callError(TcpError.ECONNCLOSING, now);
        }
        // SYN-SENT, SYN-RECEIVED: "queue the data for transmission after entering ESTABLISHED".
        // ESTABLISHED, CLOSE-WAIT: "Segmentize the buffer and send it". output() knows which.
        sendQueue.write(data);
        output(now);
        return Optional.empty();
    }

    // ---------------------------------------------------------------------------------------
    // 3.10.3 RECEIVE

    @Override
    public byte[] receive(int max) {
        return receive(max, host.latestTime());
    }

    /**
     * RECEIVE at {@code now}: takes unread bytes, and tells the peer about the space this frees
     * once the window can grow by min(RCV.BUFF / 2, Eff.snd.MSS) (receiver SWS avoidance,
     * RFC 9293 3.8.6.2.2).
     */
    public byte[] receive(int max, long now) {
        host.sawTime(now);
        byte[] out = receiveQueue.read(max);
        if (out.length > 0 && peerMaySend()) {
            long free = rcvBuff - receiveQueue.unread();
            long threshold = Math.min(rcvBuff / 2, peerSendMss());
            if (free - rcvWnd() >= threshold) {
                sendAck(now);
            }
        }
        return out;
    }

    private boolean peerMaySend() {
        return state == TcpState.ESTABLISHED || state == TcpState.FIN_WAIT_1
                || state == TcpState.FIN_WAIT_2;
    }

    /** The largest segment the peer sends us: our MSS option (536 without one), less TS. */
    private int peerSendMss() {
        int mss = ourSyn.mss() != SynOptions.ABSENT ? ourSyn.mss() : SynOptions.DEFAULT_MSS;
        return mss - (inUse.timestamps() ? OptionsInUse.TIMESTAMPS_LENGTH : 0);
    }

    @Override
    public int unread() {
        return receiveQueue.unread();
    }

    @Override
    public void setAutoRead(boolean autoRead) {
        this.autoRead = autoRead;
        if (autoRead) {
            receiveQueue.read(Integer.MAX_VALUE);
        }
    }

    /** Every byte delivered in order to the application so far, read or not. */
    @Override
    public byte[] received() {
        return receiveQueue.delivered();
    }

    @Override
    public boolean finReceived() {
        return peerFinReceived;
    }

    /** In-order text reaches the application: read at once, or left unread (shrinking RCV.WND). */
    void deliver(byte[] text) {
        if (text.length > 0) {
            textReceived = true;
            receiveQueue.deliver(text, autoRead || applicationClosed);
        }
    }

    // ---------------------------------------------------------------------------------------
    // 3.10.4 CLOSE, and shutdown(SHUT_WR), which is CLOSE for the sending half only

    @Override
    public Optional<TcpError> close(long now) {
        host.sawTime(now);
        if (applicationClosed) {
            return callError(TcpError.ECONNCLOSING, now);
        }
        applicationClosed = true;
        receiveQueue.read(Integer.MAX_VALUE); // nobody will read what is waiting
        if (finQueued) {
            // CLOSE after shutdown: RFC 9293 3.10.4 allows "ok" "as long as a second FIN is not emitted".
            return Optional.empty();
        }
        return sendFin(now);
    }

    @Override
    public Optional<TcpError> shutdown(long now) {
        host.sawTime(now);
        if (finQueued) {
            return callError(TcpError.ECONNCLOSING, now);
        }
        return sendFin(now);
    }

    private Optional<TcpError> sendFin(long now) {
        switch (state) {
            case CLOSED:
                // "error: connection does not exist"
                return callError(finQueued ? TcpError.ECONNCLOSING : TcpError.ENOTCONN, now);
            case SYN_SENT:
                // "Delete the TCB and return 'error: closing' responses to any queued SENDs".
                finQueued = true;
                delete(now);
                return Optional.empty();
            case SYN_RECEIVED:
                // "If no SENDs have been issued and there is no pending data to send, then form a
                // FIN segment and send it, and enter FIN-WAIT-1 state; otherwise, queue for
                // processing after entering ESTABLISHED state."
                finQueued = true;
                if (sendQueue.isEmpty()) {
                    enter(TcpState.FIN_WAIT_1, now);
                    output(now);
                }
                return Optional.empty();
            case ESTABLISHED:
                // "Queue this until all preceding SENDs have been segmentized, then form a FIN
                // segment and send it. In any case, enter FIN-WAIT-1 state."
                finQueued = true;
                enter(TcpState.FIN_WAIT_1, now);
                output(now);
                return Optional.empty();
            case CLOSE_WAIT:
                // "Queue this request until all preceding SENDs have been segmentized; then send a
                // FIN segment, enter LAST-ACK state."
                finQueued = true;
                enter(TcpState.LAST_ACK, now);
                output(now);
                return Optional.empty();
            default:
                // FIN-WAIT-1, FIN-WAIT-2, CLOSING, LAST-ACK, TIME-WAIT: "error: connection closing".
                return callError(TcpError.ECONNCLOSING, now);
        }
    }

    // ---------------------------------------------------------------------------------------
    // 3.10.5 ABORT

    @Override
    public Optional<TcpError> abort(long now) {
        host.sawTime(now);
        switch (state) {
            case CLOSED:
                return callError(TcpError.ENOTCONN, now);
            case SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT:
                // "Send a reset segment: <SEQ=SND.NXT><CTL=RST>". Linux (tcp_send_active_reset)
                // sets ACK too and acknowledges RCV.NXT.
                if (profile.rstAckOnAbort()) {
                    transmit(TcpFlags.RST | TcpFlags.ACK, sndNxt, NO_TEXT, now);
                } else {
                    transmit(TcpFlags.RST, sndNxt, NO_TEXT, now);
                }
                break;
            default:
                // SYN-SENT: delete without a segment. CLOSING, LAST-ACK, TIME-WAIT: "Respond with
                // 'ok' and delete the TCB".
                break;
        }
        aborted = true;
        delete(now);
        return Optional.empty();
    }

    // ---------------------------------------------------------------------------------------
    // 3.10.8 Timeouts

    /** When this TCB next needs {@link #timersDue}, or NEVER. */
    long nextDeadline() {
        // RETRANSMISSION TIMEOUT (3.10.8, RFC 6298) is not modelled yet. When it is, its deadline
        // joins these two and timersDue resends the oldest entry of retransmissionQueue.
        return Math.min(delayedAckAt, timeWaitEndsAt);
    }

    void timersDue(long now) {
        if (timeWaitEndsAt <= now) {
            // TIME-WAIT TIMEOUT: "If the time-wait timeout expires on a connection, delete the TCB,
            // enter the CLOSED state, and return."
            delete(now);
            return;
        }
        if (delayedAckAt <= now) {
            // The delayed ACK (RFC 9293 3.8.6.3) nothing else carried in time.
            delayedAckAt = NEVER;
            sendAck(now);
        }
        // RETRANSMISSION TIMEOUT: to come (see nextDeadline). USER TIMEOUT: not modelled.
    }

    void startTimeWait(long now) {
        timeWaitEndsAt = now + profile.timeWait();
    }

    // ---------------------------------------------------------------------------------------
    // State, errors, deletion

    void enter(TcpState to, long now) {
        TcpState from = state;
        if (from == to) {
            return;
        }
        state = to;
        if (to == TcpState.TIME_WAIT) {
            // "start the time-wait timer, turn off the other timers"
            delayedAckAt = NEVER;
            startTimeWait(now);
        }
        observer.stateChanged(this, from, to, now);
    }

    /** "Delete the TCB, enter the CLOSED state": no longer demultiplexed, queues flushed. */
    void delete(long now) {
        retransmissionQueue.clear();
        sendQueue.clear();
        receiveQueue.discardHeld();
        ackNow = false;
        delayedAckAt = NEVER;
        timeWaitEndsAt = NEVER;
        host.forget(this);
        enter(TcpState.CLOSED, now);
    }

    /** The connection failed: the application sees {@code error} (e.g. "connection reset"). */
    void fail(TcpError error, long now) {
        failure = error;
        observer.error(this, error, now);
    }

    private Optional<TcpError> callError(TcpError error, long now) {
        lastCallError = error;
        observer.error(this, error, now);
        return Optional.of(error);
    }

    void discarded(Segment segment, String reason, String rfcSection, long now) {
        observer.discarded(this, segment, new Discard(reason, rfcSection), now);
    }

    // ---------------------------------------------------------------------------------------
    // Output: forming segments

    /**
     * Sends what may go now: queued data and a queued FIN within the send window, then the ACK
     * still owed, if no segment carried it.
     */
    void output(long now) {
        if (state == TcpState.CLOSED) {
            return;
        }
        if (finSeq == null && maySendData()) {
            transmitQueued(now);
        }
        if (ackNow) {
            sendAck(now);
        }
    }

    /** Data goes out once ESTABLISHED, and until the FIN in the closing states that send one. */
    private boolean maySendData() {
        return switch (state) {
            case ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, CLOSING, LAST_ACK -> true;
            default -> false;
        };
    }

    /**
     * Segmentizes the send queue (3.10.2): segments of at most Eff.snd.MSS, only within
     * SND.UNA + SND.WND, PSH on the one that ends a write; then the FIN once no data is left,
     * on the last data segment if it is going out now. A FIN takes a sequence number, so it
     * needs room in the window too.
     */
    private void transmitQueued(long now) {
        int mss = Math.max(1, inUse.sendMss(profile.mss()));
        while (finSeq == null) {
            long usable = Math.max(0, sndUna.plus(sndWnd).distanceFrom(sndNxt));
            int n = (int) Math.min(Math.min(sendQueue.size(), mss), usable);
            boolean fin = finQueued && n == sendQueue.size() && usable > n;
            if (n == 0 && !fin) {
                return;
            }
            SendQueue.Chunk chunk = sendQueue.take(n);
            int flags = TcpFlags.ACK | (chunk.push() ? TcpFlags.PSH : 0) | (fin ? TcpFlags.FIN : 0);
            transmit(flags, sndNxt, chunk.bytes(), now);
            if (fin) {
                finSeq = sndNxt.plus(n);
            }
            sndNxt = sndNxt.plus(n + (fin ? 1 : 0));
        }
    }

    /** {@code <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>}: the RFC's acknowledgment, challenge ACK too. */
    void sendAck(long now) {
        transmit(TcpFlags.ACK, sndNxt, NO_TEXT, now);
    }

    /**
     * Forms a segment of this connection and queues it on the host. SYNs carry the SYN options
     * and the unscaled initial window (RFC 7323 2.2); other segments carry the timestamps in use
     * and the advertised window. Any segment with ACK carries RCV.NXT and settles the ACK owed.
     */
    void transmit(int flags, SeqNum seq, byte[] text, long now) {
        boolean syn = (flags & TcpFlags.SYN) != 0;
        boolean ack = (flags & TcpFlags.ACK) != 0;
        long tsVal = config.tsVal(now);
        int window;
        List<TcpOption> options;
        if (syn) {
            window = synWindow();
            SynOptions offer = ack ? ourSyn.answering(peerSyn) : ourSyn;
            // RFC 7323 3.2: TSecr is zero in a SYN, TS.Recent (the peer's SYN's TSval) in a SYN-ACK.
            options = WireOptions.forSyn(profile.optionLayout(), offer, tsVal, ack ? tsRecent : 0);
            if (ack) {
                rcvEdge = rcvNxt.plus(window);
            }
        } else {
            window = advertiseWindow();
            options = WireOptions.forOthers(profile.optionLayout(), inUse, tsVal, tsRecent);
        }
        Segment s = new Segment(local, remote, seq, ack ? rcvNxt : SeqNum.of(0), flags, window, 0,
                options, text);
        if (ack) {
            lastAckSent = rcvNxt;
            ackNow = false;
            delayedAckAt = NEVER;
        }
        retransmissionQueue.add(s, now);
        host.emit(s);
    }

    /** The window field of our SYN or SYN-ACK, which is never scaled (RFC 7323 2.2). */
    int synWindow() {
        return (int) Math.min(rcvBuff, MAX_WINDOW_FIELD);
    }

    /** Queues a segment formed elsewhere (a RST answering a segment). */
    void emitReply(Segment segment) {
        host.emit(segment);
    }

    /**
     * The window field of a non-SYN segment: the free receive space (RCV.BUFF less unread data),
     * rounded up to the scale's granularity when the profile does (Linux __tcp_select_window),
     * never less than the window already offered, shifted by our scale, at most 65535.
     */
    private int advertiseWindow() {
        int shift = inUse.rcvShift();
        long granule = 1L << shift;
        long free = Math.max(0, rcvBuff - receiveQueue.unread());
        long bytes = profile.roundWindowUp() ? roundUp(free, granule) : free;
        long offered = rcvWnd();
        if (bytes < offered) {
            bytes = roundUp(offered, granule);
        }
        long field = Math.min(bytes >> shift, MAX_WINDOW_FIELD);
        rcvEdge = rcvNxt.plus(field << shift);
        return (int) field;
    }

    private static long roundUp(long n, long granule) {
        return (n + granule - 1) / granule * granule;
    }

    /**
     * RFC 7323 4.3: "If SEG.TSval >= TS.Recent and SEG.SEQ =< Last.ACK.sent then SEG.TSval is
     * copied to TS.Recent". Called for segments that passed the sequence number check.
     */
    void recordTimestamp(Segment seg) {
        if (!inUse.timestamps() || lastAckSent == null) {
            return;
        }
        seg.option(TcpOption.Timestamps.class).ifPresent(ts -> {
            if ((int) (ts.val() - tsRecent) >= 0 && seg.seq().le(lastAckSent)) {
                tsRecent = ts.val();
            }
        });
    }

    // ---------------------------------------------------------------------------------------
    // Connection: the TCB variables

    @Override
    public TcpAddress local() {
        return local;
    }

    @Override
    public TcpAddress remote() {
        return remote;
    }

    @Override
    public SocketConfig config() {
        return config;
    }

    @Override
    public TcpState state() {
        return state;
    }

    @Override
    public SeqNum iss() {
        return iss;
    }

    @Override
    public Optional<SeqNum> irs() {
        return Optional.ofNullable(irs);
    }

    @Override
    public SeqNum sndUna() {
        return sndUna;
    }

    @Override
    public SeqNum sndNxt() {
        return sndNxt;
    }

    /** RCV.NXT; before the peer's SYN arrived there is none, and this is zero. */
    @Override
    public SeqNum rcvNxt() {
        return rcvNxt != null ? rcvNxt : SeqNum.of(0);
    }

    @Override
    public long sndWnd() {
        return sndWnd;
    }

    /** RCV.WND: what the peer may still send beyond RCV.NXT, as we last told it. */
    @Override
    public long rcvWnd() {
        if (rcvEdge == null || rcvNxt == null) {
            return Math.min(rcvBuff, MAX_WINDOW_FIELD);
        }
        return Math.max(0, rcvEdge.distanceFrom(rcvNxt));
    }

    /** The connection's failure if it failed (refused, reset), else the last call's error. */
    @Override
    public Optional<TcpError> error() {
        return Optional.ofNullable(failure != null ? failure : lastCallError);
    }

    @Override
    public String toString() {
        return local + " > " + remote + " " + state;
    }
}
