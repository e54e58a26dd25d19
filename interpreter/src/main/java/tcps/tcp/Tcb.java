package tcps.tcp;

import static tcps.tcp.Parameters.ACK_PUSHED_AT_ONCE;
import static tcps.tcp.Parameters.CONGESTION_CONTROL;
import static tcps.tcp.Parameters.INITIAL_WINDOW;
import static tcps.tcp.Parameters.PROPORTIONAL_RATE_REDUCTION;
import static tcps.tcp.Parameters.SLOW_START_AFTER_IDLE;
import static tcps.tcp.Parameters.ACK_PUSHED_ON_READ;
import static tcps.tcp.Parameters.DUPLICATE_SACK;
import static tcps.tcp.Parameters.FIN_TIMEOUT;
import static tcps.tcp.Parameters.HALF_WINDOW_SEGMENTS;
import static tcps.tcp.Parameters.POSIX_ERRORS;
import static tcps.tcp.Parameters.READ_UPDATE_DOUBLES_WINDOW;
import static tcps.tcp.Parameters.INITIAL_RTO;
import static tcps.tcp.Parameters.INVALID_RATELIMIT;
import static tcps.tcp.Parameters.MAX_RTO;
import static tcps.tcp.Parameters.MIN_RTO;
import static tcps.tcp.Parameters.MSS;
import static tcps.tcp.Parameters.OPTION_LAYOUT;
import static tcps.tcp.Parameters.ORPHAN_RETRIES;
import static tcps.tcp.Parameters.PROBE_WITH_DATA;
import static tcps.tcp.Parameters.RACK;
import static tcps.tcp.Parameters.RCV_SPACE;
import static tcps.tcp.Parameters.RETRIES2;
import static tcps.tcp.Parameters.ROUND_RCV_SPACE_TO_MSS;
import static tcps.tcp.Parameters.RST_ACK_ON_ABORT;
import static tcps.tcp.Parameters.RST_ON_CLOSE_WITH_UNREAD;
import static tcps.tcp.Parameters.SYNACK_RETRIES;
import static tcps.tcp.Parameters.SYN_LINEAR_TIMEOUTS;
import static tcps.tcp.Parameters.SYN_RETRIES;
import static tcps.tcp.Parameters.TAIL_LOSS_PROBE;
import static tcps.tcp.Parameters.TIMESTAMP_HZ;
import static tcps.tcp.Parameters.TIME_WAIT;
import static tcps.tcp.Parameters.TIMER_WHEEL_HZ;
import java.util.List;
import java.util.Optional;

/**
 * One connection's Transmission Control Block (RFC 9293 3.3.1): its variables, the user calls
 * on it (3.10.1 to 3.10.5), its timeouts (3.10.8) and how it forms the segments it sends.
 * What happens when a segment arrives is {@link SegmentArrives} (3.10.7), which reads and sets
 * these variables; the two files are meant to be read side by side with the RFC.
 *
 * <p>The timers: retransmission (RFC 6298, with {@link RetransmissionTimeout}; SYN, SYN-ACK and
 * FIN use it too), Linux's tail loss probe before it (RFC 8985 7), the persist timer of a zero
 * window (RFC 9293 3.8.6.1), the delayed ACK ({@link DelayedAcks}), the reordering timer of
 * {@link LossDetection}, FIN-WAIT-2 of a closed socket and TIME-WAIT, all in {@link Timers},
 * which arms and cancels them and reports each change with its cause to the observer;
 * {@link #nextDeadline} is the earliest and {@link #timersDue} fires those due.
 *
 * <p>Policies and bookkeeping that are not RFC 9293's own variables live in classes of their
 * own, which Tcb asks by name: on the send side {@link SendDecisions} (sender SWS avoidance,
 * Nagle, PSH), {@link BlockedWrites} (SO_SNDBUF), {@link CongestionControl} (cwnd),
 * {@link CwndUsage} (whether an ACK may grow it), {@link LossDetection} and
 * {@link LostSegments} (what is lost and waits for cwnd), {@link ZeroWindowProbes}; on the
 * receive side {@link ReceiveWindow} (the window offered), {@link ReceiveMemory} (the space it
 * is offered from), {@link DelayedAcks} and {@link SackReport} (the blocks an ACK reports).
 */
final class Tcb implements Connection {
    static final long NEVER = Long.MAX_VALUE;
    static final byte[] NO_TEXT = new byte[0];
    private static final int MAX_WINDOW_FIELD = 0xffff;
    /** Linux TCP_TIMEOUT_MIN_US: the least PTO added to 2 SRTT with several segments in flight. */
    private static final long TLP_MIN_PTO = 2_000;

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

    /** About how many bytes of memory a TCB holds with nothing buffered (measured; docs/limits.md). */
    static final long KEPT_BYTES = 2048;

    final SendQueue sendQueue = new SendQueue();
    final RetransmissionQueue retransmissionQueue = new RetransmissionQueue();
    final ReceiveQueue receiveQueue = new ReceiveQueue();
    private boolean autoRead = true;
    /** shutdown(SHUT_RD) was called: reads no longer wait. */
    boolean readShut;

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

    // Acknowledgments owed (RFC 9293 3.8.6.3) and SACK blocks to report (RFC 2018).
    /** An ACK is due at the end of the current event; a segment sent before then carries it. */
    boolean ackNow;
    final DelayedAcks delayedAcks;
    /** How the window we advertise is chosen (receiver SWS avoidance). */
    private final ReceiveWindow receiveWindow;
    /** The free receive space the window is offered from, and Linux's memory accounting of it. */
    private final ReceiveMemory receiveMemory;
    /** How much may be in flight (cwnd), and how losses and ACKs change it. */
    final CongestionControl congestion;
    /** What the next segment takes, whether a small one waits and whether it pushes (SWS, Nagle, PSH). */
    private final SendDecisions sendDecisions;
    /** RCV.NXT when our last window went out (Linux rcv_wup): the text an ACK now would cover. */
    SeqNum rcvWup;
    /** The SACK blocks to report: held text, and a duplicate to report once (D-SACK). */
    private final SackReport sackReport = new SackReport();

    /** The timers (3.10.8): retransmission, loss probe, reordering, persist, delayed ACK, FIN-WAIT-2, TIME-WAIT. */
    final Timers timers;

    // Retransmission state.
    final RetransmissionTimeout rto;
    final LossDetection lossDetection;
    /** Timeouts since SND.UNA last advanced (Linux icsk_retransmits). */
    int retransmits;
    /** Segments sent again over the connection's life (timeouts, loss probes, lost segments). */
    private int resent;
    /** When the earliest unacknowledged segment was first sent: the give-up clock's origin. */
    long retransmittingSince;
    /** SND.NXT when the timer last expired: later ACKs below it are partial (RFC 6582 3.2). */
    SeqNum recoveryPoint;
    /** The recovery under way began with a loss found before the RTO (fast recovery), not a timeout. */
    private boolean fastRecovery;
    /** SND.NXT when a loss probe went out, until an ACK reaches it (RFC 8985 7.4 TLPRxtOut). */
    SeqNum tlpHighSeq;
    /** When an ACK last answered an out-of-window segment (Linux last_oow_ack_time), or NEVER. */
    long lastOutOfWindowAckAt = NEVER;
    /** When data last went out (Linux lsndtime), NEVER before any. */
    private long lastDataSentAt = NEVER;
    /** Zero-window probes: how many the peer has not answered, and since when (TCP_USER_TIMEOUT). */
    private final ZeroWindowProbes probing = new ZeroWindowProbes();
    /** When an acceptable ACK last arrived. */
    long lastAckAt;

    // Socket options (setsockopt) that act on an established connection.
    private SocketOptions options;
    /** Written bytes a full send buffer (SO_SNDBUF) keeps out of the send queue, with their write ends. */
    private final BlockedWrites blockedWrites = new BlockedWrites();

    private TcpError failure;
    /**
     * The failure no call has reported yet (Linux sk_err): the next read or write reports it,
     * once; after that writes fail with EPIPE and reads see end of file (capture rst-established).
     */
    private TcpError pendingError;
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
        this.rto = new RetransmissionTimeout(profile);
        this.lossDetection = new LossDetection(this);
        this.delayedAcks = new DelayedAcks(profile);
        this.timers = new Timers(this, observer, profile.get(TIMER_WHEEL_HZ));
        this.receiveWindow = ReceiveWindow.of(profile);
        this.receiveMemory = new ReceiveMemory(profile, receiveQueue, rcvBuff);
        CongestionControl.Kind cc = profile.get(CONGESTION_CONTROL);
        this.congestion = cc == CongestionControl.Kind.NONE ? CongestionControl.NONE
                : new CongestionWindow(CongestionAvoidance.of(cc), profile.get(INITIAL_WINDOW),
                        profile.get(PROPORTIONAL_RATE_REDUCTION), profile.get(SLOW_START_AFTER_IDLE),
                        profile.get(Parameters.CWND_WHOLE_SEGMENTS));
        this.sendDecisions = new SendDecisions(profile);
        this.cwndUsage = new CwndUsage(profile);
        this.options = config.options();
    }

    // ---------------------------------------------------------------------------------------
    // 3.10.1 OPEN

    /** Active OPEN: "An initial send sequence number (ISS) is selected. A SYN segment ... is sent". */
    static Tcb activeOpen(TcpHost host, TcpObserver observer, TcpAddress local, TcpAddress remote,
            SocketConfig config, SeqNum iss, long now, Tcb timeWait) {
        Profile p = config.profile();
        // A connection that takes over a TIME-WAIT one (timeWait, else null) knows the peer uses
        // timestamps: Linux (tcp_connect_init) rounds its window to the MSS less their 12 bytes,
        // as a passive open does, and its SYN echoes the TS.Recent it inherits.
        int m = p.get(MSS) - (timeWait != null ? OptionsInUse.TIMESTAMPS_LENGTH : 0);
        Tcb tcb = new Tcb(host, observer, local, remote, config, null, iss, receiveBuffer(p, m));
        if (timeWait != null) {
            tcb.tsRecent = timeWait.tsRecent;
        }
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
        int m = p.get(MSS) - (inUse.timestamps() ? OptionsInUse.TIMESTAMPS_LENGTH : 0);
        Tcb tcb = new Tcb(host, observer, listener.local(), syn.src(), listener.config(), listener,
                iss, receiveBuffer(p, m));
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
     * RCV.BUFF: the profile's receive space, rounded down to a multiple of the MSS {@code m} when
     * the profile does (Linux tcp_select_initial_window: "Quantize space offering to a multiple
     * of mss if possible").
     */
    static long receiveBuffer(Profile p, int m) {
        long space = p.get(RCV_SPACE);
        return p.get(ROUND_RCV_SPACE_TO_MSS) && m > 0 && space > m ? space / m * m : space;
    }

    /** The window of our SYN or SYN-ACK: the receive buffer, at most 65535 (RFC 7323 2.2). */
    static long initialWindow(Profile p, int m) {
        return Math.min(receiveBuffer(p, m), MAX_WINDOW_FIELD);
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
    public Optional<TcpError> send(SendData data, long now) {
        host.sawTime(now);
        if (state == TcpState.CLOSED) {
            if (pendingError != null) {
                // The first call after the connection failed reports why (Linux: sock_error in
                // tcp_sendmsg; capture rst-established-write: ECONNRESET, then EPIPE).
                TcpError e = pendingError;
                pendingError = null;
                return callError(e, now);
            }
            // "error: connection does not exist"; after a failure POSIX says EPIPE.
            return callError(failure != null || finQueued && profile.get(POSIX_ERRORS) ? TcpError.EPIPE
                    : finQueued ? TcpError.ECONNCLOSING : TcpError.ENOTCONN, now);
        }
        if (finQueued) {
            // FIN-WAIT-1, FIN-WAIT-2, CLOSING, LAST-ACK, TIME-WAIT: "error: connection closing".
            // A socket whose sending side is shut down answers EPIPE (POSIX send(); Linux
            // sk_stream_error; captures/write-after-shutdown).
            return callError(profile.get(POSIX_ERRORS) ? TcpError.EPIPE : TcpError.ECONNCLOSING, now);
        }
        // SYN-SENT, SYN-RECEIVED: "queue the data for transmission after entering ESTABLISHED".
        // ESTABLISHED, CLOSE-WAIT: "Segmentize the buffer and send it". output() knows which.
        if (data.length() > 0) {
            blockedWrites.add(data);
        }
        output(now);
        return Optional.empty();
    }

    /** Moves written bytes into the send queue while the send buffer (SO_SNDBUF) has room. */
    private void admitWrites() {
        blockedWrites.admitInto(sendQueue, options.sndBuf(), sndNxt.distanceFrom(sndUna));
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
        if (out.length == 0 && receiveQueue.unread() == 0) {
            // A read with nothing left reports the failure (Linux tcp_recvmsg: sock_error).
            pendingError = null;
        }
        if (out.length > 0 && peerMaySend() && readOpensWindow()) {
            sendAck(now);
        }
        return out;
    }

    /**
     * Whether a read freed enough space for a window update of its own. Linux
     * (read_update_doubles_window, tcp_cleanup_rbuf): only when the window it can offer now is
     * at least twice the one the peer has (packetdrill tcp_blocking_blocking-read: reads from a
     * large buffer send nothing; captures/zero-window: a read that reopens a zero window does);
     * the window clamp is the most the window field can say at our scale. Otherwise receiver SWS
     * avoidance (RFC 9293 3.8.6.2.2): once the window can grow by min(RCV.BUFF / 2, Eff.snd.MSS).
     */
    private boolean readOpensWindow() {
        if (profile.get(READ_UPDATE_DOUBLES_WINDOW)) {
            long offered = rcvWnd();
            long clamp = Math.min(rcvBuff, (long) MAX_WINDOW_FIELD << inUse.rcvShift());
            if (2 * offered <= clamp) {
                long could = Math.min(clamp, receiveWindow.offer(windowSpace()));
                return could > 0 && could >= 2 * offered;
            }
            return false;
        }
        long free = rcvBuff - receiveQueue.unread();
        long threshold = Math.min(rcvBuff / 2, peerSendMss());
        return free - rcvWnd() >= threshold;
    }

    /**
     * read(2) as Linux's tcp_recvmsg answers it: waiting bytes first; else end of file once the
     * peer's FIN arrived (without touching a pending error: captures/rst-in-close-wait-read);
     * else the pending error, once; else end of file when reading was shut down or the
     * connection is gone; else nothing yet.
     */
    @Override
    public ReadResult read(int max, long now) {
        if (receiveQueue.unread() > 0) {
            return new ReadResult.Data(receive(max, now));
        }
        host.sawTime(now);
        if (peerFinReceived) {
            return new ReadResult.EndOfFile();
        }
        if (pendingError != null) {
            TcpError e = pendingError;
            pendingError = null;
            return new ReadResult.Failed(e);
        }
        if (readShut || state == TcpState.CLOSED) {
            return new ReadResult.EndOfFile();
        }
        return new ReadResult.WouldBlock();
    }

    /**
     * shutdown(SHUT_RD): nothing on the wire; reads return what waits and then end of file
     * instead of waiting, and the application reads no more, so arriving data stays unread and
     * closes the window. After our FIN too (SHUT_RDWR), data that still arrives resets the
     * connection (Linux tcp_rcv_state_process, LINUX_MIB_TCPABORTONDATA).
     */
    @Override
    public Optional<TcpError> shutdownRead(long now) {
        host.sawTime(now);
        if (state == TcpState.CLOSED && failure == null) {
            return callError(TcpError.ENOTCONN, now);
        }
        readShut = true;
        autoRead = false;
        return Optional.empty();
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

    @Override
    public boolean finReceived() {
        return peerFinReceived;
    }

    /** In-order text at RCV.NXT is taken: delivered to the application, RCV.NXT advanced over it. */
    void acceptInOrder(byte[] text) {
        acceptInOrder(text, 1);
    }

    /** The same for text that arrived as {@code segments} segments (held text reassembled). */
    void acceptInOrder(byte[] text, int segments) {
        deliver(text, segments);
        rcvNxt = rcvNxt.plus(text.length);
    }

    /**
     * The peer's FIN at RCV.NXT is taken (3.10.7.4, eighth check): RCV.NXT advances over it, the
     * application will see end of file, and text held beyond it can never be delivered.
     */
    void acceptFin() {
        rcvNxt = rcvNxt.plus(1);
        peerFinReceived = true;
        receiveQueue.discardHeld();
    }

    /**
     * In-order text, arrived as {@code segments} segments, reaches the application: read at once,
     * or left unread (shrinking RCV.WND).
     */
    private void deliver(byte[] text, int segments) {
        if (text.length > 0) {
            textReceived = true;
            receiveQueue.deliver(text, segments, autoRead || applicationClosed);
            observer.delivered(this, text, host.latestTime());
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
        if (options.linger() == 0) {
            // SO_LINGER {1, 0}: Linux tcp_close disconnects, sending RST+ACK where a connection
            // exists, as ABORT does, and close() itself returns 0 (captures/abort).
            applicationClosed = true;
            receiveQueue.read(Integer.MAX_VALUE);
            if (state != TcpState.CLOSED) {
                abort(now);
            }
            return Optional.empty();
        }
        applicationClosed = true;
        if (profile.get(RST_ON_CLOSE_WITH_UNREAD) && receiveQueue.unread() > 0 && holdsUnreadText()) {
            // Linux tcp_close, after RFC 2525 2.17: "Unread data was tossed, zap the connection":
            // RST+ACK <SEQ=SND.NXT><ACK=RCV.NXT> instead of a FIN, and the TCB is gone.
            receiveQueue.read(Integer.MAX_VALUE);
            transmit(TcpFlags.RST | TcpFlags.ACK, sndNxt, NO_TEXT, now);
            delete(now);
            return Optional.empty();
        }
        receiveQueue.read(Integer.MAX_VALUE); // nobody will read what is waiting
        if (finQueued) {
            // CLOSE after shutdown: RFC 9293 3.10.4 allows "ok" "as long as a second FIN is not emitted".
            if (state == TcpState.FIN_WAIT_2) {
                startFinWait2Timer(now);
            }
            return Optional.empty();
        }
        return sendFin(now);
    }

    /** States where received text can wait unread when the application closes. */
    private boolean holdsUnreadText() {
        return switch (state) {
            case ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, FIN_WAIT_2, CLOSING, LAST_ACK -> true;
            default -> false;
        };
    }

    @Override
    public Optional<TcpError> shutdown(long now) {
        host.sawTime(now);
        if (finQueued) {
            if (profile.get(POSIX_ERRORS) && state != TcpState.CLOSED) {
                return Optional.empty(); // shutdown(SHUT_WR) again: 0 (captures/write-after-shutdown)
            }
            return callError(TcpError.ECONNCLOSING, now);
        }
        return sendFin(now);
    }

    private Optional<TcpError> sendFin(long now) {
        switch (state) {
            case CLOSED:
                if (failure != null && applicationClosed && profile.get(POSIX_ERRORS)) {
                    // close(2) on a connection that was reset or timed out returns 0: the error
                    // went to the calls before it, or nowhere (captures/close-after-reset).
                    return Optional.empty();
                }
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
                if (sendQueue.isEmpty() && blockedWrites.isEmpty()) {
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
                if (profile.get(RST_ACK_ON_ABORT)) {
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
        return timers.next();
    }

    /** Fires the timers due at {@code now}. */
    void timersDue(long now) {
        if (timers.fire(TcpTimer.TIME_WAIT, now)) {
            // TIME-WAIT TIMEOUT: "If the time-wait timeout expires on a connection, delete the TCB,
            // enter the CLOSED state, and return."
            delete(now);
            return;
        }
        if (timers.fire(TcpTimer.FIN_WAIT_2, now)) {
            // Linux tcp_fin_timeout: the application closed and the peer never sent its FIN; the
            // connection goes without a segment (RFC 9293 leaves FIN-WAIT-2 open-ended).
            delete(now);
            return;
        }
        boolean probe = timers.fire(TcpTimer.LOSS_PROBE, now);
        if (probe || timers.fire(TcpTimer.RETRANSMISSION, now)) {
            if (probe) {
                lossProbeTimeout(now);
            } else {
                retransmissionTimeout(now);
            }
            if (state == TcpState.CLOSED) {
                return;
            }
        }
        if (timers.fire(TcpTimer.REORDERING, now)) {
            lossDetection.reorderTimeout(now);
        }
        if (timers.fire(TcpTimer.PERSIST, now)) {
            persistTimeout(now);
            if (state == TcpState.CLOSED) {
                return;
            }
        }
        if (timers.fire(TcpTimer.DELAYED_ACK, now)) {
            // The delayed ACK (RFC 9293 3.8.6.3) nothing else carried in time.
            delayedAcks.timerFired();
            sendAck(now);
        }
        // USER TIMEOUT: not modelled (Linux has none unless TCP_USER_TIMEOUT is set).
    }

    /**
     * RETRANSMISSION TIMEOUT (3.10.8, RFC 6298 5.4 to 5.6): "retransmit the earliest segment that
     * has not been acknowledged", back off, restart the timer; or give up (RFC 9293 3.8.3, R2).
     */
    private void retransmissionTimeout(long now) {
        if (retransmissionQueue.isEmpty()) {
            return;
        }
        switch (state) {
            case SYN_SENT:
                if (synGivesUp(profile.get(SYN_RETRIES) + profile.get(SYN_LINEAR_TIMEOUTS), now)) {
                    timedOut(now);
                    return;
                }
                break;
            case SYN_RECEIVED:
                if (listener == null) {
                    // Simultaneous open: the SYN of an active open, without linear timeouts.
                    if (synGivesUp(profile.get(SYN_RETRIES), now)) {
                        timedOut(now);
                        return;
                    }
                } else if (retransmits >= profile.get(SYNACK_RETRIES)) {
                    // Linux reqsk_timer_handler: the half-open connection is dropped, silently;
                    // "The user need not be informed" (RFC 9293 3.10.7.4, second check, likewise).
                    delete(now);
                    return;
                }
                break;
            default:
                if (sndWnd == 0 && !applicationClosed) {
                    // The peer closed its window on data in flight: the retransmissions are window
                    // probes, which never give up while the peer answers (RFC 1122 4.2.2.17;
                    // Linux gives up after TCP_RTO_MAX without any ACK).
                    long silence = options.userTimeout() > 0 ? options.userTimeout() : profile.get(MAX_RTO);
                    if (now - lastAckAt > silence) {
                        timedOut(now);
                        return;
                    }
                    rto.backOff();
                    timers.arm(TcpTimer.RETRANSMISSION, now + rto.current(),
                            "window probe retransmitted, RTO backed off", now);
                    retransmitFirst(now);
                    return;
                }
                int limit = applicationClosed ? profile.get(ORPHAN_RETRIES) : profile.get(RETRIES2);
                long giveUpAfter = options.userTimeout() > 0 ? options.userTimeout()
                        : modelTimeout(limit, profile.get(MIN_RTO));
                if (retransmits > 0 && now - retransmittingSince >= giveUpAfter) {
                    timedOut(now);
                    return;
                }
                break;
        }
        if (retransmits == 0) {
            retransmittingSince = retransmissionQueue.first().firstSentAt();
        }
        retransmits++;
        if (state.synchronizedState()) {
            congestion.timedOut(sndNxt.distanceFrom(sndUna), now);
        }
        recoveryPoint = sndNxt;
        fastRecovery = false;
        lostWaiting.clear();
        tlpHighSeq = null;
        // (5.5) back off; Linux keeps the first tcp_syn_linear_timeouts SYN timeouts at 1 RTO.
        boolean linear = state == TcpState.SYN_SENT && retransmits <= profile.get(SYN_LINEAR_TIMEOUTS);
        if (!linear) {
            rto.backOff();
        }
        // (5.6) "Start the retransmission timer, such that it expires after RTO seconds"
        long at = now + rto.current();
        if (options.userTimeout() > 0) {
            // Linux tcp_clamp_rto_to_user_timeout: the last timeout fires when the user timeout ends.
            at = Math.min(at, Math.max(now + 1, retransmittingSince + options.userTimeout()));
        }
        timers.arm(TcpTimer.RETRANSMISSION, at, linear ? "retransmitted, linear SYN timeout (Linux)"
                : "retransmitted, RTO backed off (RFC 6298 5.5, 5.6)", now);
        // (5.4) "Retransmit the earliest segment that has not been acknowledged by the TCP receiver."
        retransmitFirst(now);
    }

    /**
     * Linux tcp_oow_rate_limited: a zero-length segment (or a SYN) outside the window gets an ACK
     * at most once per invalid_ratelimit, so that two stacks cannot ACK each other's ACKs for
     * ever; segments with data or a FIN are always answered (RFC 5961 section 7 suggests limiting
     * challenge ACKs).
     */
    boolean mayAnswerOutOfWindow(Segment seg, long now) {
        long limit = profile.get(INVALID_RATELIMIT);
        if (limit == 0 || (seg.seqLength() > 0 && !seg.has(TcpFlags.SYN))) {
            return true; // "Data packets without SYNs are not likely part of an ACK loop."
        }
        if (lastOutOfWindowAckAt != NEVER && now - lastOutOfWindowAckAt < limit) {
            return false;
        }
        lastOutOfWindowAckAt = now;
        return true;
    }

    /** The retransmission timer starts again from now, with the RTO as it stands (back-off kept). */
    void restartRetransmissionTimer(long now, String cause) {
        timers.arm(TcpTimer.RETRANSMISSION, now + rto.current(), cause, now);
    }

    /**
     * Linux tcp_write_timeout for SYN-SENT and SYN-RECEIVED: it gives up when the retransmissions
     * reach {@code maxRetransmits}, or when the time since the first SYN reaches what syn_retries
     * exponential back-offs from the initial RTO would take, whichever comes first.
     */
    private boolean synGivesUp(int maxRetransmits, long now) {
        long giveUpAfter = options.userTimeout() > 0 ? options.userTimeout()
                : modelTimeout(profile.get(SYN_RETRIES), profile.get(INITIAL_RTO));
        return (retransmits >= maxRetransmits && options.userTimeout() == 0)
                || (retransmits > 0 && now - retransmittingSince >= giveUpAfter);
    }

    /**
     * How long {@code boundary} retransmissions take when the RTO starts at {@code base} and
     * doubles up to max_rto (Linux tcp_model_timeout): (2^(boundary+1) - 1) * base while the
     * doubling stays under max_rto, then max_rto per retransmission. 15 from 200 ms: 924.6 s.
     */
    long modelTimeout(int boundary, long base) {
        int threshold = 0;
        while ((base << (threshold + 1)) <= profile.get(MAX_RTO) && threshold < 62) {
            threshold++;
        }
        if (boundary <= threshold) {
            return ((2L << boundary) - 1) * base;
        }
        return ((2L << threshold) - 1) * base + (long) (boundary - threshold) * profile.get(MAX_RTO);
    }

    /**
     * Arms the tail loss probe instead of the RTO (RFC 8985 7.2; Linux tcp_schedule_loss_probe),
     * after new data went out or an ACK of new data came in, if SACK is in use and no loss
     * recovery is under way. PTO = 2 SRTT, plus min_rto when a single segment is in flight (its
     * ACK may be delayed) or 2 ms otherwise; 1 s before an RTT sample; never later than the RTO
     * would fire. Returns false when no probe is armed.
     */
    private boolean scheduleLossProbe(boolean ackArrived, long now) {
        if (!profile.get(TAIL_LOSS_PROBE) || !inUse.sack() || retransmissionQueue.isEmpty()
                || inRecovery() || !state.synchronizedState()) {
            return false;
        }
        long pto;
        if (rto.sampled()) {
            pto = 2 * rto.srtt() + (retransmissionQueue.entries().size() == 1 ? profile.get(MIN_RTO) : TLP_MIN_PTO);
        } else {
            pto = profile.get(INITIAL_RTO);
        }
        long untilRto = ackArrived ? rto.current()
                : retransmissionQueue.first().sentAt() + rto.current() - now;
        if (untilRto > 0) {
            pto = Math.min(pto, untilRto);
        }
        timers.arm(TcpTimer.LOSS_PROBE, now + pto, ackArrived ? "ACK of new data (RFC 8985 7.2)"
                : "data sent (RFC 8985 7.2)", now);
        return true;
    }

    /**
     * PTO expired (RFC 8985 7.3): at most one probe is outstanding; it resends the last segment
     * sent, "so that the ACK of the probe reveals a tail loss"; then the RTO runs from now,
     * without back-off (Linux tcp_send_loss_probe).
     */
    private void lossProbeTimeout(long now) {
        if (retransmissionQueue.isEmpty()) {
            return;
        }
        if (tlpHighSeq == null) {
            List<RetransmissionQueue.Entry> inFlight = retransmissionQueue.entries();
            Segment last = inFlight.get(inFlight.size() - 1).segment();
            timers.arm(TcpTimer.RETRANSMISSION, now + rto.current(), "loss probe sent (RFC 8985 7.3)", now);
            resent++;
            transmit(last.flags(), last.seq(), last.sharedPayload(), now);
            tlpHighSeq = sndNxt;
        } else {
            timers.arm(TcpTimer.RETRANSMISSION, Math.max(now + 1, retransmissionQueue.first().sentAt() + rto.current()),
                    "a loss probe is already out: the RTO of the first segment (RFC 8985 7.3)", now);
        }
    }

    /** Retransmissions gave up: the application sees "connection timed out" (RFC 9293 3.8.3). */
    private void timedOut(long now) {
        fail(TcpError.ETIMEDOUT, now);
        delete(now);
    }

    /**
     * Sends the earliest unacknowledged segment again (the earliest the peer has not SACKed, RFC
     * 6675 4), with the current ACK, window and options.
     */
    private void retransmitFirst(long now) {
        Segment first = retransmissionQueue.firstUnsacked().segment();
        resent++;
        transmit(first.flags(), first.seq(), first.sharedPayload(), now);
    }

    /**
     * A segment found lost before its RTO (LossDetection) goes again at once; when it is the
     * first in flight the retransmission timer restarts from it (RFC 6298 5.3, as Linux does).
     */
    void retransmitLost(RetransmissionQueue.Entry lost, long now) {
        Segment s = lost.segment();
        resent++;
        transmit(s.flags(), s.seq(), s.sharedPayload(), now);
        if (s.seq().equals(sndUna)) {
            timers.arm(TcpTimer.RETRANSMISSION, now + rto.current(), "first segment resent as lost (RFC 6298 5.3)", now);
        } else if (timers.armed(TcpTimer.LOSS_PROBE)) {
            // In recovery there is no loss probe: the timer keeps its time and runs as the RTO.
            timers.move(TcpTimer.LOSS_PROBE, TcpTimer.RETRANSMISSION, "loss recovery started", now);
        }
    }

    /**
     * PERSIST TIMEOUT (RFC 9293 3.8.6.1): the peer's window is zero and data waits. "The sending
     * TCP peer must regularly transmit at least one octet of new data (if available), or
     * retransmit to the receiving TCP peer even if the send window is zero"; the interval starts
     * at the RTO and doubles (SHLD-29, SHLD-30). A probe the peer answers resets the count, so
     * probing never gives up while the peer answers (RFC 1122 4.2.2.17).
     */
    private void persistTimeout(long now) {
        if (!blockedByWindow()) {
            return;
        }
        if (usableWindow() > 0 && !sendQueue.isEmpty()) {
            // The window is open but too small for the next segment (sender SWS avoidance held
            // it): the override timeout of RFC 9293 3.8.6.2.1 sends what the window allows, with
            // PSH, as Linux's tcp_write_wakeup does; that data is in flight now, so probing ends
            // and the retransmission timer takes over (Linux tcp_send_probe0).
            probing.stop();
            rto.clearBackoff();
            transmitQueued(now, true);
            return;
        }
        if (probing.userTimeoutPassed(now, options.userTimeout())) {
            // TCP_USER_TIMEOUT (Linux tcp_probe_timer): the window stayed shut that long since
            // the first probe, answered or not; the connection goes silently (captures/user-timeout).
            timedOut(now);
            return;
        }
        int limit = applicationClosed ? profile.get(ORPHAN_RETRIES) : profile.get(RETRIES2);
        if (probing.unanswered() >= limit && options.userTimeout() == 0) {
            timedOut(now);
            return;
        }
        probing.sent();
        rto.backOff();
        if (profile.get(PROBE_WITH_DATA) && !sendQueue.isEmpty()) {
            // One octet of new data beyond the window; it is in flight now, and the retransmission
            // timer takes over.
            SendQueue.Chunk octet = sendQueue.take(1);
            transmit(TcpFlags.ACK | (octet.push() ? TcpFlags.PSH : 0), sndNxt, octet.bytes(), now);
            sndNxt = sndNxt.plus(1);
            return;
        }
        // Linux tcp_xmit_probe_skb: <SEQ=SND.UNA-1><ACK=RCV.NXT><CTL=ACK>, an old sequence number
        // the receiver answers with an ACK carrying its window (3.10.7.4, first check).
        transmit(TcpFlags.ACK, sndUna.minus(1), NO_TEXT, now);
        timers.arm(TcpTimer.PERSIST, probeAt(now + rto.current()), "window probe sent, backed off (RFC 9293 3.8.6.1)",
                now);
    }

    /** Data (or a FIN) waits for the peer's window and nothing is in flight to elicit an ACK. */
    private boolean blockedByWindow() {
        return maySendData() && finSeq == null && (!sendQueue.isEmpty() || !blockedWrites.isEmpty() || finQueued)
                && retransmissionQueue.isEmpty();
    }

    /** Arms the persist timer when the window blocks everything, and disarms it otherwise. */
    private void updatePersistTimer(long now) {
        if (blockedByWindow()) {
            if (!timers.armed(TcpTimer.PERSIST)) {
                timers.arm(TcpTimer.PERSIST, now + rto.current(), "zero window, nothing in flight (RFC 9293 3.8.6.1)",
                        now);
            }
        } else if (timers.armed(TcpTimer.PERSIST)) {
            stopProbing(now);
        }
    }

    /**
     * When the next zero-window probe is due: {@code at}, or earlier, when the user timeout
     * (TCP_USER_TIMEOUT) ends before it (Linux tcp_clamp_probe0_to_user_timeout), so that the
     * connection gives up on time (captures/user-timeout).
     */
    private long probeAt(long at) {
        return probing.dueAt(at, options.userTimeout());
    }

    /** The window opened: no more probes (Linux tcp_ack_probe also clears their back-off). */
    private void stopProbing(long now) {
        timers.cancel(TcpTimer.PERSIST, "the window opened", now);
        probing.stop();
        rto.clearBackoff();
    }

    void startTimeWait(long now) {
        timers.arm(TcpTimer.TIME_WAIT, now + profile.get(TIME_WAIT), "2 MSL (RFC 9293 3.10.7.4)", now);
    }

    /** A socket the application closed waits in FIN-WAIT-2 at most fin_timeout (0: for ever). */
    private void startFinWait2Timer(long now) {
        if (applicationClosed && profile.get(FIN_TIMEOUT) > 0 && !timers.armed(TcpTimer.FIN_WAIT_2)) {
            timers.arm(TcpTimer.FIN_WAIT_2, now + profile.get(FIN_TIMEOUT), "closed socket in FIN-WAIT-2 (fin_timeout)",
                    now);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Acknowledgments received (RFC 9293 3.10.7.4, fifth check; RFC 6298)

    /** SND.UNA <- SEG.ACK for an acceptable ACK of new data (3.10.7.4, fifth check). */
    void acknowledge(Segment seg, long now) {
        SeqNum oldUna = sndUna;
        sndUna = seg.ack();
        newDataAcknowledged(oldUna, seg, now);
    }

    /**
     * SND.WND <- the window (already scaled), SND.WL1 <- SEG.SEQ, SND.WL2 <- SEG.ACK; MAX.SND.WND
     * (RFC 5961 5.2) keeps the largest.
     */
    void takeSendWindow(long window, SeqNum wl1, SeqNum wl2) {
        sndWnd = window;
        maxSndWnd = Math.max(maxSndWnd, sndWnd);
        sndWl1 = wl1;
        sndWl2 = wl2;
    }

    /** Loss recovery is under way: SND.UNA has not yet reached what was sent when it began. */
    boolean inRecovery() {
        return recoveryPoint != null;
    }

    /** A loss was detected before the RTO (fast retransmit, RACK): recovery lasts until SND.NXT is ACKed. */
    void enterRecovery(long now) {
        recoveryPoint = sndNxt;
        fastRecovery = true;
        congestion.lossDetected(sndNxt.distanceFrom(sndUna), now);
    }

    /** SND.UNA reached the recovery point: recovery, fast or after a timeout, is over. */
    private void endRecovery(long now) {
        recoveryPoint = null;
        if (fastRecovery) {
            fastRecovery = false;
            congestion.recoveryEnded(now);
        }
    }

    /**
     * SND.UNA advanced from {@code oldUna}: the queue drops what is acknowledged, the RTT is
     * sampled (Karn's rule: only from segments sent once; with timestamps, TSecr times a
     * retransmission too, RFC 7323 4.1), and the timer restarts or stops (RFC 6298 5.2, 5.3).
     */
    void newDataAcknowledged(SeqNum oldUna, Segment seg, long now) {
        RetransmissionQueue.Acknowledged acked = retransmissionQueue.acknowledge(sndUna);
        lastAcknowledged = acked;
        if (acked.segments() > 0 && !acked.retransmitted()) {
            rto.sample(now - acked.oldestSentAt());
            lossDetection.rttSample(now - acked.oldestSentAt());
        } else if (acked.retransmitted()) {
            timestampSample(seg, now);
        }
        if (oldUna.equals(iss) && !rto.sampled()) {
            // (5.7) the SYN timed out and its ACK gave no sample: RTO 3 s once data may flow.
            rto.fallBackIfUnsampled();
        }
        retransmits = 0;
        // Congestion control counts acknowledged data, not the SYN (RFC 5681 3.1).
        ackedBytes = oldUna.equals(iss) ? 0 : sndUna.distanceFrom(oldUna);
        if (tlpHighSeq != null && sndUna.ge(tlpHighSeq)) {
            tlpHighSeq = null; // the probe's episode is over (RFC 8985 7.4)
        }
        if (retransmissionQueue.isEmpty()) {
            // (5.2) "When all outstanding data has been acknowledged, turn off the retransmission timer."
            timers.cancel(TcpTimer.RETRANSMISSION, "everything acknowledged (RFC 6298 5.2)", now);
            timers.cancel(TcpTimer.LOSS_PROBE, "everything acknowledged (RFC 6298 5.2)", now);
            endRecovery(now);
            return;
        }
        boolean partial = recoveryPoint != null && sndUna.lt(recoveryPoint);
        if (!partial) {
            endRecovery(now);
        }
        // (5.3) "When an ACK is received that acknowledges new data, restart the retransmission
        // timer so that it will expire after RTO seconds (for the current value of RTO)", or the
        // loss probe before it.
        if (!scheduleLossProbe(true, now)) {
            timers.arm(TcpTimer.RETRANSMISSION, now + rto.current(), "ACK of new data (RFC 6298 5.3)", now);
        }
        if (partial && !(profile.get(RACK) && inUse.sack())) {
            // After a timeout or a fast retransmit, an ACK that does not reach the data sent
            // before it shows the next segment was lost as well: it goes at once (RFC 6582 3.2,
            // step 5, partial ACK). With SACK, RACK decides which (LossDetection).
            retransmitFirst(now);
        }
    }

    /** Segments found lost that wait for room in cwnd (RACK with PRR). */
    private final LostSegments lostWaiting = new LostSegments(retransmissionQueue);
    /** How much of cwnd the sender used, which decides whether an ACK grows it. */
    private final CwndUsage cwndUsage;

    /** What the last ACK removed from the retransmission queue, for loss detection. */
    private RetransmissionQueue.Acknowledged lastAcknowledged = RetransmissionQueue.Acknowledged.NOTHING;

    /** Data the ACK being processed acknowledged cumulatively (not the SYN), for congestion control. */
    private long ackedBytes;

    /**
     * Duplicate ACKs and SACK blocks may show a loss (RFC 5681 3.2, RFC 8985 6); then congestion
     * control learns what the ACK delivered: cwnd grows outside recovery (RFC 5681 3.1), and in
     * fast recovery follows what is delivered (RFC 6937, or RFC 5681's inflation).
     */
    void detectLosses(Segment seg, boolean advanced, long now) {
        long sacked = lossDetection.ackArrived(seg, advanced,
                advanced ? lastAcknowledged : RetransmissionQueue.Acknowledged.NOTHING, now);
        lastAcknowledged = RetransmissionQueue.Acknowledged.NOTHING;
        long acked = advanced ? ackedBytes : 0;
        ackedBytes = 0;
        if (fastRecovery) {
            congestion.recoveryAck(acked, sacked, lossDetection.lastAckDuplicate(), pipe(), now);
        } else if (acked > 0 && cwndUsage.mayGrow(congestion)) {
            congestion.acked(acked, rto.srtt(), now);
        }
    }

    /**
     * What the network still holds, as RFC 6675's pipe: SND.NXT - SND.UNA less what the peer
     * SACKed; without SACK, one segment less per duplicate ACK (as Linux counts them, tcp_add_reno_sack).
     */
    long pipe() {
        long flight = sndNxt.distanceFrom(sndUna) - retransmissionQueue.sackedBytes() - lostWaiting.bytes();
        if (!inUse.sack()) {
            flight -= (long) lossDetection.duplicateAcks() * Math.max(1, inUse.sendMss(profile.get(MSS)));
        }
        return Math.max(0, flight);
    }

    /**
     * Loss detection found {@code lost} lost (RFC 8985 6.2, RFC 5681 3.2): with RACK and PRR it
     * waits for room in cwnd, which the ACK's rate reduction sets ({@link #retransmitLostWaiting}),
     * and is no longer counted in flight (RFC 6675 pipe, Linux lost_out); otherwise it goes now.
     */
    void lost(RetransmissionQueue.Entry lost, long now) {
        if (profile.get(PROPORTIONAL_RATE_REDUCTION) && profile.get(RACK) && inUse.sack()) {
            lostWaiting.add(lost.segment().seq());
        } else {
            retransmitLost(lost, now);
        }
    }

    /**
     * Sends segments found lost again, oldest first, while they fit in cwnd (Linux
     * tcp_xmit_retransmit_queue: while tcp_packets_in_flight < cwnd); new data follows only
     * when all have gone.
     */
    private void retransmitLostWaiting(long now) {
        for (RetransmissionQueue.Entry e = lostWaiting.next(); e != null; e = lostWaiting.next()) {
            if (pipe() + e.segment().seqLength() > congestion.window()) {
                return;
            }
            lostWaiting.resent(e);
            retransmitLost(e, now);
        }
    }

    /**
     * The reordering timer found segments lost: entering recovery this way, the window is reduced
     * as if one segment had been delivered, which lets the first go at once (Linux
     * tcp_rack_reo_timeout, tcp_cwnd_reduction(sk, 1, ...)); then they go as cwnd allows.
     */
    void lostOnTimeout(boolean enteredRecovery, long now) {
        if (enteredRecovery) {
            congestion.recoveryAck(0, Math.max(1, inUse.sendMss(profile.get(MSS))), false, pipe(), now);
        }
        retransmitLostWaiting(now);
    }

    /** An RTT sample from TSecr: our timestamp clock's ticks since the echoed TSval, at least one. */
    private void timestampSample(Segment seg, long now) {
        if (!inUse.timestamps()) {
            return;
        }
        seg.option(TcpOption.Timestamps.class).filter(ts -> ts.ecr() != 0).ifPresent(ts -> {
            long ticks = (int) (config.tsVal(now) - ts.ecr());
            if (ticks >= 0) {
                rto.sample(Math.max(1, ticks) * 1_000_000L / profile.get(TIMESTAMP_HZ));
            }
        });
    }

    /**
     * An acceptable ACK arrived (SND.UNA =< SEG.ACK =< SND.NXT): the peer is alive, so unanswered
     * probes start again from zero, and a running persist timer restarts (Linux tcp_ack_probe).
     */
    void ackArrived(long now) {
        probing.answered();
        lastAckAt = now;
        if (timers.armed(TcpTimer.PERSIST)) {
            timers.arm(TcpTimer.PERSIST, probeAt(now + rto.current()), "the peer answered (Linux tcp_ack_probe)", now);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Acknowledgments owed (RFC 9293 3.8.6.3, RFC 1122 4.2.3.2)

    /**
     * In-order text arrived, {@code segmentLength} bytes of it in this segment: the ACK goes at
     * once in quick-ACK mode, on PSH where the profile says so (macOS), after a second full-sized
     * segment, or when it fills a gap (RFC 5681 4.2); otherwise it waits for the delayed-ACK
     * timer, or for data to ride on.
     */
    void textAccepted(int segmentLength, boolean psh, boolean gapFilled, long now) {
        textReceived = true;
        if (!delayedAcks.enabled() || gapFilled) {
            ackNow = true;
            return;
        }
        // Linux sizes the quick-ACK budget from the window last advertised (tp->rcv_wnd).
        long advertised = lastAdvertisedWindow();
        receiveMemory.measure(segmentLength, delayedAcks.rcvMss());
        delayedAcks.textArrived(segmentLength, peerSendMss(), advertised, rto.current(), now);
        long sinceLastWindow = rcvNxt.distanceFrom(rcvWup != null ? rcvWup : rcvNxt);
        if (delayedAcks.quickMode() || (psh && profile.get(ACK_PUSHED_AT_ONCE))
                || (delayedAcks.moreThanOneSegment(sinceLastWindow) && freeSpace() >= rcvWnd())
                || readAndPushed(psh, segmentLength)) {
            ackNow = true;
        } else {
            delayAck(now);
        }
    }

    /**
     * Owes an ACK that may wait: at most the delay the profile allows, and no later than a timer
     * already running; one about to fire (within a quarter of the delay) goes at once (Linux
     * tcp_send_delayed_ack).
     */
    void delayAck(long now) {
        delayAckFor(delayedAcks.delay(), now);
    }

    /** Owes an ACK that waits at most {@code delay}; anything sent before then carries it. */
    void delayAckFor(long delay, long now) {
        if (delay == 0) {
            ackNow = true;
        } else if (!timers.armed(TcpTimer.DELAYED_ACK)) {
            timers.arm(TcpTimer.DELAYED_ACK, now + delay, "ACK owed (RFC 9293 3.8.6.3)", now);
        } else if (timers.at(TcpTimer.DELAYED_ACK) - now <= delay / 4) {
            ackNow = true;
        }
    }

    /**
     * Text that was not expected arrived (a duplicate, or beyond the window): ACK at once. Text
     * below RCV.NXT was received twice: with SACK in use the ACK reports it in a D-SACK block
     * (RFC 2883 4.1: "the first SACK block should specify the contiguous block of data that
     * triggered the D-SACK option"; Linux tcp_dsack_set).
     */
    void unexpectedText(SeqNum seq, int length) {
        delayedAcks.unexpectedText(rcvWnd());
        ackNow = true;
        if (profile.get(DUPLICATE_SACK) && inUse.sack() && seq.lt(rcvNxt)) {
            SeqNum end = seq.plus(length);
            sackReport.duplicate(new TcpOption.SackBlock(seq, end.gt(rcvNxt) ? rcvNxt : end));
        }
    }

    /**
     * The application read what arrived, emptying the queue (Linux tcp_cleanup_rbuf): if the text
     * was pushed (PSH, or a segment shorter than the receive MSS), the ACK owed goes at once,
     * unless in pingpong mode where only a second pushed segment forces it.
     */
    private boolean readAndPushed(boolean psh, int segmentLength) {
        return profile.get(ACK_PUSHED_ON_READ) && autoRead && receiveQueue.unread() == 0
                && delayedAcks.pushed(psh, segmentLength);
    }

    /** An ACK must go at the end of this event, on a segment sent before then or on its own. */
    void ackAtOnce() {
        ackNow = true;
    }

    /**
     * In-order text repeated text held out of order ({@code block}, or null when it did not):
     * with D-SACK, the ACK reports the repeat first (RFC 2883 4.1; Linux tcp_ofo_queue,
     * packetdrill tcp_dsack_mult).
     */
    void heldTextRepeated(TcpOption.SackBlock block) {
        if (block != null && profile.get(DUPLICATE_SACK) && inUse.sack()) {
            sackReport.duplicate(block);
        }
    }

    /**
     * The peer's SYN octet came again (its SYN-ACK crossing ours in a simultaneous open): a
     * duplicate, ACKed at once with a D-SACK block naming it, as Linux's tcp_data_queue does
     * for any segment wholly below RCV.NXT (captures/self-connect: {@code sack 1 {0:1}}).
     */
    void duplicateSynOctet(SeqNum synSeq) {
        if (!profile.get(DUPLICATE_SACK)) {
            return;
        }
        ackNow = true;
        if (inUse.sack()) {
            sackReport.duplicate(new TcpOption.SackBlock(synSeq, synSeq.plus(1)));
        }
    }

    /**
     * In-order text accepted beyond the advertised window (Linux takes an overrunning segment
     * whole when nothing waits unread): its ACK is not sent at once but by the delayed-ACK timer
     * (packetdrill tcp_rcv_neg_window: "It does not trigger an immediate ACK").
     */
    void textAcceptedBeyondWindow(long now) {
        textReceived = true;
        delayAckFor(profile.get(Parameters.DELAYED_ACK), now);
    }

    /** An ACK is owed now or by the timer. */
    private boolean ackOwed() {
        return ackNow || timers.armed(TcpTimer.DELAYED_ACK);
    }

    /**
     * Text beyond RCV.NXT was held: the block of held text around it becomes the first SACK
     * block, and blocks it now covers go (RFC 2018 section 4: "The first SACK block ... MUST
     * specify the contiguous block of data containing the segment which triggered this ACK").
     */
    void heldForSack(SeqNum start) {
        sackReport.held(receiveQueue.heldBlockAround(start));
    }

    /** RCV.NXT moved: blocks it reached are acknowledged cumulatively now (Linux tcp_sack_remove). */
    void forgetAcknowledgedSackBlocks() {
        sackReport.acknowledgedTo(rcvNxt);
    }

    // ---------------------------------------------------------------------------------------
    // State, errors, deletion

    void enter(TcpState to, long now) {
        TcpState from = state;
        if (from == to) {
            return;
        }
        state = to;
        if (from == TcpState.SYN_RECEIVED && to == TcpState.ESTABLISHED && listener != null) {
            listener.established(this);
        }
        if (to == TcpState.ESTABLISHED) {
            rcvWup = rcvNxt;
            congestion.start(inUse.sendMss(profile.get(MSS)));
            delayedAcks.start(peerSendMss(), rcvWnd());
        } else if (to == TcpState.FIN_WAIT_2) {
            startFinWait2Timer(now);
        } else if (to == TcpState.TIME_WAIT) {
            // "start the time-wait timer, turn off the other timers"
            timers.cancelAllBut(TcpTimer.TIME_WAIT, "TIME-WAIT turns off the other timers", now);
            lossDetection.reset();
            startTimeWait(now);
        }
        observer.stateChanged(this, from, to, now);
    }

    /** "Delete the TCB, enter the CLOSED state": no longer demultiplexed, queues flushed. */
    void delete(long now) {
        retransmissionQueue.clear();
        sendQueue.clear();
        blockedWrites.clear();
        receiveQueue.discardHeld();
        sackReport.clear();
        ackNow = false;
        timers.cancelAllBut(null, "connection deleted", now);
        lossDetection.reset();
        host.forget(this);
        enter(TcpState.CLOSED, now);
    }

    /** The connection failed: the application sees {@code error} (e.g. "connection reset"). */
    void fail(TcpError error, long now) {
        if (error == TcpError.ECONNRESET && state == TcpState.CLOSE_WAIT && profile.get(POSIX_ERRORS)) {
            // Linux tcp_reset, BSD tcp_input: a reset after the peer's FIN is reported as EPIPE
            // (captures/rst-in-close-wait).
            error = TcpError.EPIPE;
        }
        failure = error;
        pendingError = error;
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
        admitWrites();
        if (timers.armed(TcpTimer.PERSIST) && windowAdmitsNext()) {
            stopProbing(now);
        }
        if (maySendData()) {
            retransmitLostWaiting(now);
        }
        if (finSeq == null && maySendData() && lostWaiting.isEmpty()) {
            transmitQueued(now, false);
        }
        if (ackNow) {
            sendAck(now);
        }
        updatePersistTimer(now);
    }

    /** Data goes out once ESTABLISHED, and until the FIN in the closing states that send one. */
    private boolean maySendData() {
        return switch (state) {
            case ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, CLOSING, LAST_ACK -> true;
            default -> false;
        };
    }

    /**
     * Eff.snd.MSS for data: the MSS in use less options, and with half_window_segments at most
     * half the largest window the peer offered (Linux tcp_bound_to_half_wnd in tcp_sync_mss), at
     * least 68 bytes less the header.
     */
    private int sendMss() {
        int mss = Math.max(1, inUse.sendMss(profile.get(MSS)));
        if (profile.get(HALF_WINDOW_SEGMENTS) && maxSndWnd > SynOptions.DEFAULT_MSS) {
            int headers = inUse.timestamps() ? OptionsInUse.TIMESTAMPS_LENGTH : 0;
            mss = (int) Math.min(mss, Math.max(maxSndWnd / 2, 68 - 20 - headers));
        }
        return mss;
    }

    /** SND.UNA + SND.WND - SND.NXT: what the peer's window still takes, at least 0. */
    private long usableWindow() {
        return Math.max(0, sndUna.plus(sndWnd).distanceFrom(sndNxt));
    }

    /**
     * Whether the peer's window lets the next segment go now under the profile's sender SWS
     * avoidance (a FIN needs one octet of window), so that probing can stop.
     */
    private boolean windowAdmitsNext() {
        long usable = usableWindow();
        if (usable <= 0) {
            return false;
        }
        return sendQueue.isEmpty()
                || sendDecisions.windowAllows(sendQueue.size(), usable, sendMss(), maxSndWnd) > 0;
    }

    /**
     * Segmentizes the send queue (3.10.2): segments of at most Eff.snd.MSS, only within
     * SND.UNA + SND.WND, and within cwnd; a segment shorter than a full one only as the profile's
     * sender SWS avoidance and Nagle's algorithm allow ({@link SendDecisions}); PSH on a segment
     * that ends a write, and with forced_push on a full one that takes the unpushed data past
     * half the peer's largest window; then the FIN once no data is left, on the last data
     * segment if it is going out now. A FIN takes a sequence number, so it needs room in the
     * window too. {@code override}: the persist timer fired with a window too small for the
     * next segment; the first segment takes what the window allows, with PSH (RFC 9293
     * 3.8.6.2.1's override timeout; Linux tcp_write_wakeup).
     */
    private void transmitQueued(long now, boolean override) {
        int mss = sendMss();
        if (sndNxt.equals(sndUna) && !sendQueue.isEmpty() && lastDataSentAt != NEVER) {
            // RFC 5681 4.1: nothing in flight; after an idle RTO, cwnd restarts.
            congestion.sendingAfterIdle(now - lastDataSentAt, rto.current(), now);
        }
        boolean sent = false;
        while (finSeq == null) {
            // The usable window (RFC 9293 3.8.6.2.1): the peer's window less what is in flight.
            long inFlight = sndNxt.distanceFrom(sndUna);
            long usable = usableWindow();
            long queued = sendQueue.size();
            int n = override ? (int) Math.min(Math.min(queued, mss), usable)
                    : sendDecisions.windowAllows(queued, usable, mss, maxSndWnd);
            boolean fin = finQueued && n == queued && blockedWrites.isEmpty() && usable > n;
            if (n == 0 && !fin) {
                break;
            }
            if (inFlight > 0 && pipe() + Math.max(n, 1) > congestion.window()) {
                // cwnd (RFC 5681 2): what the network holds may not exceed it; a segment goes
                // whole or waits for an ACK (Linux tcp_cwnd_test counts whole segments).
                break;
            }
            if (n > 0 && n < mss && !override && !(finQueued && n == queued)
                    && sendDecisions.holdsSmall(options.noDelay(), inFlight, sndUna, sndNxt)) {
                // Nagle: a small segment waits for the ACK of what is in flight; the one that
                // carries or precedes the FIN does not (Linux tcp_nagle_test, BSD tcp_output).
                break;
            }
            sent = true;
            SendQueue.Chunk chunk = sendQueue.take(n);
            boolean psh = override || sendDecisions.pushes(chunk, n, mss, maxSndWnd);
            int flags = TcpFlags.ACK | (psh ? TcpFlags.PSH : 0) | (fin ? TcpFlags.FIN : 0);
            transmit(flags, sndNxt, chunk.bytes(), now);
            sendDecisions.sent(sndNxt, n, mss);
            if (fin) {
                finSeq = sndNxt.plus(n);
            }
            sndNxt = sndNxt.plus(n + (fin ? 1 : 0));
            override = false;
        }
        boolean limited = sndNxt.distanceFrom(sndUna) > 0 && pipe() + mss > congestion.window();
        if (sent || limited) {
            cwndUsage.afterSending(limited, sndUna, sndNxt);
        }
        if (sent) {
            scheduleLossProbe(false, now);
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
            // A SYN that reuses a TIME-WAIT connection echoes the TS.Recent it inherited (Linux).
            options = WireOptions.forSyn(profile.get(OPTION_LAYOUT), offer, tsVal, tsRecent);
            if (ack) {
                rcvEdge = rcvNxt.plus(window);
            }
        } else {
            window = advertiseWindow();
            options = WireOptions.forOthers(profile.get(OPTION_LAYOUT), inUse, tsVal, tsRecent, blocksToReport(ack));
        }
        Segment s = Segment.owning(local, remote, seq, ack ? rcvNxt : SeqNum.of(0), flags, window, 0,
                options, text);
        if (ack) {
            if (ackOwed()) {
                delayedAcks.ackSent();
            }
            delayedAcks.clearPushed();
            lastAckSent = rcvNxt;
            rcvWup = rcvNxt;
            ackNow = false;
            timers.cancel(TcpTimer.DELAYED_ACK, "an ACK went out", now);
        }
        if (text.length > 0) {
            delayedAcks.dataSent(now);
            congestion.sent(text.length, now);
            lastDataSentAt = now;
        }
        retransmissionQueue.add(s, now);
        if (s.seqLength() > 0 && timers.retransmission() == NEVER) {
            // (5.1) "Every time a packet containing data is sent (including a retransmission), if
            // the timer is not running, start it running so that it will expire after RTO seconds"
            timers.arm(TcpTimer.RETRANSMISSION, now + rto.current(), "sent with the timer off (RFC 6298 5.1)", now);
        }
        host.emit(s);
    }

    /** The SACK blocks a segment carries: a pending D-SACK block first (sent once), then the rest. */
    private List<TcpOption.SackBlock> blocksToReport(boolean ack) {
        if (!inUse.sack()) {
            return List.of();
        }
        return sackReport.toReport(ack);
    }

    /** Our SYN's window was accepted by the SYN-ACK: RCV.WND is what it offered. */
    void synWindowOffered() {
        rcvEdge = rcvNxt.plus(synWindow());
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
     * The window field of a non-SYN segment: what the profile's {@link ReceiveWindow} offers of
     * the free receive space (RCV.BUFF less unread and held data), shifted by our scale, at most
     * 65535; the right edge moves to match.
     */
    private int advertiseWindow() {
        int shift = inUse.rcvShift();
        long bytes = receiveWindow.offer(windowSpace());
        long field = Math.min(bytes >> shift, MAX_WINDOW_FIELD);
        rcvEdge = rcvNxt.plus(receiveWindow.edgeInBytes() ? bytes : field << shift);
        return (int) field;
    }

    /**
     * Whether a window update is worth a segment of its own (BSD tcp_output: "If the difference is
     * at least two max size segments, or at least 50% of the maximum possible window, then want
     * to send a window update to peer"): the window we could offer now exceeds RCV.WND by that.
     */
    boolean windowUpdateDue() {
        long could = Math.min(freeSpace(), (long) MAX_WINDOW_FIELD << inUse.rcvShift());
        long more = could - rcvWnd();
        return more >= 2L * inUse.sendMss(profile.get(MSS)) || 2 * more >= rcvBuff;
    }

    /** RCV.WND as our last window put it (Linux tp->rcv_wnd): the right edge less RCV.NXT then. */
    private long lastAdvertisedWindow() {
        return rcvEdge != null && rcvWup != null ? rcvEdge.distanceFrom(rcvWup) : rcvWnd();
    }

    /**
     * What the receive window policy decides from: the free and whole space of
     * {@link ReceiveMemory} (in text, or Linux's memory accounting), and the windows and MSSs.
     */
    private ReceiveWindow.Space windowSpace() {
        long advertised = lastAdvertisedWindow();
        return new ReceiveWindow.Space(receiveMemory.windowFree(), rcvWnd(), advertised, receiveMemory.windowAllowed(),
                rcvBuff, inUse.rcvShift(), delayedAcks.rcvMss(), peerSendMss(), inUse.sendMss(profile.get(MSS)));
    }

    /** RCV.BUFF less what waits unread and what is held out of order. */
    long freeSpace() {
        return receiveMemory.free();
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

    @Override
    public long rto() {
        return rto.current();
    }

    @Override
    public long cwnd() {
        return congestion.window();
    }

    @Override
    public long ssthresh() {
        return congestion.slowStartThreshold();
    }

    @Override
    public RttEstimate rttEstimate() {
        return new RttEstimate(rto.sampled(), rto.srtt(), rto.rttvar(), rto.base(), rto.backoffs(), rto.current());
    }

    @Override
    public int retransmissions() {
        return resent;
    }

    /** RCV.WND: what the peer may still send beyond RCV.NXT, as we last told it. */
    @Override
    public long rcvWnd() {
        if (rcvEdge == null || rcvNxt == null) {
            return Math.min(rcvBuff, MAX_WINDOW_FIELD);
        }
        return Math.max(0, rcvEdge.distanceFrom(rcvNxt));
    }

    @Override
    public SocketOptions options() {
        return options;
    }

    @Override
    public void setOptions(SocketOptions options, long now) {
        host.sawTime(now);
        this.options = options;
        output(now); // a larger send buffer may admit waiting bytes
    }

    @Override
    public Optional<TcpError> pendingError() {
        return Optional.ofNullable(pendingError);
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

    /** How many things {@link #keptBytes} looks at, for spacing the counts (tcps.sim.Network). */
    int keptItems() {
        return 1 + sendQueue.keptItems() + retransmissionQueue.keptItems() + receiveQueue.keptItems();
    }

    /** About how many bytes of memory this connection holds: the TCB and what it buffers. */
    long keptBytes() {
        return KEPT_BYTES + sendQueue.keptBytes() + retransmissionQueue.keptBytes() + receiveQueue.keptBytes();
    }
}
