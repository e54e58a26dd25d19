package tcps.tcp;

import static tcps.tcp.Parameters.ACK_AFTER_HANDSHAKE;
import static tcps.tcp.Parameters.DELAYED_ACK;
import static tcps.tcp.Parameters.DELAY_FIN_ACK_AFTER_DATA;
import static tcps.tcp.Parameters.FIN_ACK_DELAY;
import static tcps.tcp.Parameters.OVERRUN_TAKEN_WHOLE;
import static tcps.tcp.Parameters.TS_RECENT_AFTER_ACK;
import static tcps.tcp.Parameters.RST_ON_DATA_AFTER_CLOSE;
import static tcps.tcp.Parameters.SYN_IN_TIME_WAIT;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * SEGMENT ARRIVES, RFC 9293 section 3.10.7, in the RFC's order: a closed port (3.10.7.1),
 * LISTEN (3.10.7.2), SYN-SENT (3.10.7.3), then every other state (3.10.7.4) as eight checks,
 * each a method that returns false when the segment has been dealt with. Quoted text is the
 * RFC's. Every dropped segment is reported with the rule that dropped it.
 *
 * <p>Sequence numbers in discard reasons are relative, as tcpdump prints them: ours from ISS,
 * the peer's from IRS.
 */
final class SegmentArrives {
    private static final String CLOSED = "RFC 9293 3.10.7.1";
    private static final String LISTEN = "RFC 9293 3.10.7.2";
    private static final String SYN_SENT = "RFC 9293 3.10.7.3";
    private static final String OTHER = "RFC 9293 3.10.7.4";
    /** How a discard reads when the answer it would get is rate-limited (Linux tcp_oow_rate_limited). */
    private static final String RATE_LIMITED =
            ": not answered, an ACK to an out-of-window segment went less than invalid_ratelimit ago";

    private final Tcb tcb;
    private final Segment seg;
    private final long now;

    // What is still to be processed of the segment: the checks trim it to "the idealized segment
    // that begins at RCV.NXT and does not exceed the window" (3.10.7.4, first check).
    /** The sequence number of the first thing left: the SYN if {@code syn}, else text or FIN. */
    private SeqNum seq;
    private boolean syn;
    private byte[] text;
    private boolean fin;
    /** Linux took the segment whole although it ends beyond the window (overrun_taken_whole). */
    private boolean beyondWindow;

    private SegmentArrives(Tcb tcb, Segment seg, long now) {
        this.tcb = tcb;
        this.seg = seg;
        this.now = now;
        this.seq = seg.seq();
        this.syn = seg.has(TcpFlags.SYN);
        this.text = seg.sharedPayload();
        this.fin = seg.has(TcpFlags.FIN);
    }

    // =========================================================================================
    // 3.10.7.1 CLOSED: no connection and no listener owns the segment.

    static void toClosedPort(TcpHost host, TcpObserver observer, Segment seg, long now) {
        if (seg.has(TcpFlags.RST)) {
            // "An incoming segment containing a RST is discarded."
            observer.discarded(null, seg, new Discard("RST to a closed port is ignored", CLOSED), now);
            return;
        }
        // "An incoming segment not containing a RST causes a RST to be sent in response."
        if (!seg.has(TcpFlags.ACK)) {
            // "If the ACK bit is off, sequence number zero is used, <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>"
            host.emit(reset(seg, SeqNum.of(0), seg.seqEnd(), TcpFlags.RST | TcpFlags.ACK));
        } else {
            // "If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>"
            host.emit(reset(seg, seg.ack(), SeqNum.of(0), TcpFlags.RST));
        }
        observer.discarded(null, seg, new Discard(
                "no socket on port " + seg.dst().port() + ": answered with RST", CLOSED), now);
    }

    /** A RST answering {@code to}: window zero and no options, as stacks send them. */
    static Segment reset(Segment to, SeqNum seq, SeqNum ack, int flags) {
        return new Segment(to.dst(), to.src(), seq, ack, flags, 0, 0, List.of(), Tcb.NO_TEXT);
    }

    // =========================================================================================
    // 3.10.7.2 LISTEN

    /**
     * {@code iss} is the ISS to use for a new connection, or null to choose one (a SYN that
     * reopens a TIME-WAIT connection comes with its ISS).
     */
    static void toListener(TcpHost host, TcpObserver observer, ListenSocket listener, Segment seg,
            SeqNum iss, long now) {
        // First, check for a RST: "An incoming RST segment could not be valid since it could not
        // have been sent in response to anything sent by this incarnation of the connection. An
        // incoming RST should be ignored."
        if (seg.has(TcpFlags.RST)) {
            observer.discarded(null, seg, new Discard("RST in LISTEN is ignored", LISTEN + " first check"), now);
            return;
        }
        // Second, check for an ACK: "Any acknowledgment is bad if it arrives on a connection still
        // in the LISTEN state. An acceptable reset segment should be formed for any arriving
        // ACK-bearing segment. The RST should be formatted as follows: <SEQ=SEG.ACK><CTL=RST>"
        if (seg.has(TcpFlags.ACK)) {
            host.emit(reset(seg, seg.ack(), SeqNum.of(0), TcpFlags.RST));
            observer.discarded(null, seg, new Discard(
                    "ACK in LISTEN acknowledges nothing we sent: RST sent", LISTEN + " second check"), now);
            return;
        }
        // Third, check for a SYN. (The security check is skipped: tcps models no IP security
        // compartments.) A new TCB answers it with a SYN-ACK and enters SYN-RECEIVED; the listener
        // itself stays in LISTEN, as a real stack's listening socket does. Text on the SYN is not
        // accepted (Linux without TCP Fast Open does the same): the SYN-ACK acknowledges only the
        // SYN, and the peer sends the text again.
        if (seg.has(TcpFlags.SYN)) {
            if (listener.acceptQueueFull()) {
                // Linux tcp_conn_request: "Accept backlog is full. If we have already queued
                // enough of warm entries in syn queue, drop request." Silently; the peer's SYN
                // timer tries again (LINUX_MIB_LISTENOVERFLOWS).
                observer.discarded(null, seg, new Discard("accept queue full (backlog " + listener.backlog()
                        + "): SYN dropped", LISTEN + " third check"), now);
                return;
            }
            SeqNum chosen = iss != null ? iss : host.chooseIss(listener.config(), listener.local(), seg.src(), now);
            Tcb.passiveOpen(host, observer, listener, seg, chosen, now);
            return;
        }
        // Fourth, other data or control: "drop the segment, and return."
        observer.discarded(null, seg, new Discard(
                "segment without SYN, ACK or RST in LISTEN is dropped", LISTEN + " fourth check"), now);
    }

    /**
     * A SYN in TIME-WAIT that may start a new incarnation of the connection (RFC 9293 3.10.7.4,
     * fourth check: "For the TIME-WAIT state, new connections can be accepted if the Timestamp
     * Option is used and meets expectations", per RFC 6191). As Linux decides it
     * (tcp_timewait_state_process): a SYN without ACK or RST whose timestamp is not older than
     * TS.Recent (PAWS), and whose SEG.SEQ is above RCV.NXT or whose TSval is newer than TS.Recent.
     */
    static boolean reopensTimeWait(Tcb tcb, Segment seg) {
        if (tcb.state != TcpState.TIME_WAIT || !tcb.profile.get(SYN_IN_TIME_WAIT) || !seg.has(TcpFlags.SYN)
                || seg.has(TcpFlags.ACK) || seg.has(TcpFlags.RST)) {
            return false;
        }
        Optional<TcpOption.Timestamps> ts = tcb.inUse.timestamps()
                ? seg.option(TcpOption.Timestamps.class) : Optional.empty();
        if (ts.isPresent() && (int) (tcb.tsRecent - ts.get().val()) > 0) {
            return false; // PAWS: an old duplicate
        }
        boolean newerTimestamp = ts.isPresent() && (int) (ts.get().val() - tcb.tsRecent) > 0;
        return seg.seq().gt(tcb.rcvNxt) || newerTimestamp;
    }

    // =========================================================================================
    // A segment for a connection: SYN-SENT, or any state after it.

    static void toConnection(Tcb tcb, Segment seg, long now) {
        SegmentArrives arrival = new SegmentArrives(tcb, seg, now);
        if (tcb.state == TcpState.SYN_SENT) {
            arrival.synSent();
        } else {
            arrival.otherwise();
        }
        // Data or a FIN the ACK let through, then the ACK still owed.
        tcb.output(now);
    }

    // =========================================================================================
    // 3.10.7.3 SYN-SENT

    private void synSent() {
        // First, check the ACK bit.
        boolean ackAcceptable = false;
        if (seg.has(TcpFlags.ACK)) {
            SeqNum ack = seg.ack();
            if (ack.le(tcb.iss) || ack.gt(tcb.sndNxt)) {
                // "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset (unless the RST bit is
                // set, if so drop the segment and return) <SEQ=SEG.ACK><CTL=RST>"
                String why = "ACK in SYN-SENT does not acknowledge our SYN: SEG.ACK "
                        + sent(ack) + " is not SND.NXT " + sent(tcb.sndNxt);
                if (seg.has(TcpFlags.RST)) {
                    discard(why + "; a RST is dropped", SYN_SENT + " first check");
                } else {
                    tcb.emitReply(reset(seg, ack, SeqNum.of(0), TcpFlags.RST));
                    discard(why + ": RST sent", SYN_SENT + " first check");
                }
                return;
            }
            // "If SND.UNA < SEG.ACK =< SND.NXT, then the ACK is acceptable."
            ackAcceptable = ack.gt(tcb.sndUna) && ack.le(tcb.sndNxt);
        }

        // Second, check the RST bit.
        if (seg.has(TcpFlags.RST)) {
            if (ackAcceptable) {
                // "If the ACK was acceptable, then signal to the user 'error: connection reset',
                // drop the segment, enter CLOSED state, delete TCB, and return."
                tcb.fail(TcpError.ECONNREFUSED, now);
                tcb.delete(now);
            } else {
                // "Otherwise (no ACK), drop the segment and return." A RST is believed only if it
                // acknowledges our SYN (RFC 5961 3.2 blind reset protection).
                discard("RST without an ACK of our SYN is ignored in SYN-SENT", SYN_SENT + " second check");
            }
            return;
        }

        // Third, check the security: skipped (no IP security compartments in tcps).

        // Fourth, check the SYN bit.
        if (seg.has(TcpFlags.SYN)) {
            // "RCV.NXT is set to SEG.SEQ+1, IRS is set to SEG.SEQ. SND.UNA should be advanced to
            // equal SEG.ACK (if there is an ACK), and any segments on the retransmission queue
            // that are thereby acknowledged should be removed."
            tcb.peerSynArrived(seg);
            if (ackAcceptable) {
                tcb.acknowledge(seg, now);
                tcb.ackArrived(now);
            }
            // The window of a SYN is never scaled (RFC 7323 2.2).
            tcb.takeSendWindow(seg.window(), seg.seq(), ackAcceptable ? seg.ack() : tcb.iss);
            if (tcb.sndUna.gt(tcb.iss)) {
                // "If SND.UNA > ISS (our SYN has been ACKed), change the connection state to
                // ESTABLISHED, form an ACK segment <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and send
                // it." RCV.WND is what our SYN offered.
                tcb.synWindowOffered();
                tcb.enter(TcpState.ESTABLISHED, now);
                tcb.ackAtOnce();
                // "If there are other controls or text in the segment, then continue processing
                // at the sixth step below where the URG bit is checked; otherwise, return."
                syn = false;
                seq = seg.seq().plus(1);
                trimToWindow();
                sixthCheckUrg();
                if (seventhProcessText()) {
                    eighthCheckFin();
                }
            } else {
                // Simultaneous open: "Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment
                // <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and send it." Text on the SYN is not kept
                // (see LISTEN).
                tcb.enter(TcpState.SYN_RECEIVED, now);
                tcb.transmit(TcpFlags.SYN | TcpFlags.ACK, tcb.iss, Tcb.NO_TEXT, now);
            }
            return;
        }

        // Fifth, "if neither of the SYN or RST bits is set, then drop the segment and return."
        discard("segment without SYN or RST in SYN-SENT is dropped", SYN_SENT + " fifth check");
    }

    // =========================================================================================
    // 3.10.7.4 Other states: SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT,
    // CLOSING, LAST-ACK, TIME-WAIT

    private void otherwise() {
        if (synReceivedSeesPeerSynAgain()) {
            return;
        }
        if (!firstCheckSequenceNumber()) {
            return;
        }
        if (!secondCheckRst()) {
            return;
        }
        // Third, check security: skipped (no IP security compartments in tcps).
        if (!fourthCheckSyn()) {
            return;
        }
        if (!fifthCheckAck()) {
            return;
        }
        sixthCheckUrg();
        if (!seventhProcessText()) {
            return;
        }
        eighthCheckFin();
    }

    /**
     * Before the first check: in SYN-RECEIVED the peer's SYN (SEG.SEQ = IRS) can come again.
     * Returns true when the segment has been dealt with.
     */
    private boolean synReceivedSeesPeerSynAgain() {
        if (tcb.state != TcpState.SYN_RECEIVED || !syn || !seg.seq().equals(tcb.irs)
                || seg.has(TcpFlags.RST)) {
            return false;
        }
        if (!seg.has(TcpFlags.ACK)) {
            // A duplicate of the peer's SYN: our SYN-ACK was lost or is late. The first check
            // would answer it with a bare ACK; Linux (tcp_check_req) sends the SYN-ACK again,
            // which is what a peer still in SYN-SENT can use, and restarts the SYN-ACK's timer
            // ("similar to the idea of fast retransmit"; capture synack-lost-all).
            if (!tcb.mayAnswerOutOfWindow(seg, now)) {
                discard("duplicate SYN in SYN-RECEIVED" + RATE_LIMITED, OTHER + " first check");
                return true;
            }
            tcb.transmit(TcpFlags.SYN | TcpFlags.ACK, tcb.iss, Tcb.NO_TEXT, now);
            tcb.restartRetransmissionTimer(now, "duplicate SYN: SYN-ACK sent again (as Linux does)");
            discard("duplicate SYN in SYN-RECEIVED: SYN-ACK sent again, its timer restarted (as Linux does)",
                    OTHER + " first check");
            return true;
        }
        // Simultaneous open: the peer's SYN-ACK repeats the SYN we already have. Only its new
        // part, the ACK, is processed, "trimming off any portions that lie outside the window
        // (including SYN and FIN)" (first check); the SYN is not a new connection attempt.
        // Linux answers the duplicate SYN octet with an ACK and a D-SACK of it.
        tcb.duplicateSynOctet(seg.seq());
        syn = false;
        seq = seq.plus(1);
        return false;
    }

    // First, check sequence number --------------------------------------------------------------

    private boolean firstCheckSequenceNumber() {
        SeqNum nxt = tcb.rcvNxt;
        long wnd = tcb.rcvWnd();
        SeqNum edge = nxt.plus(wnd);
        int len = length();
        // The four cases of the acceptability test:
        //   SEG.LEN 0, RCV.WND 0:   SEG.SEQ = RCV.NXT
        //   SEG.LEN 0, RCV.WND >0:  RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
        //   SEG.LEN >0, RCV.WND 0:  not acceptable
        //   SEG.LEN >0, RCV.WND >0: RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
        //                        or RCV.NXT =< SEG.SEQ+SEG.LEN-1 < RCV.NXT+RCV.WND
        boolean acceptable;
        if (len == 0) {
            acceptable = wnd == 0 ? seq.equals(nxt) : seq.inWindow(nxt, edge);
        } else {
            acceptable = wnd > 0
                    && (seq.inWindow(nxt, edge) || seq.plus(len - 1).inWindow(nxt, edge));
        }
        String overrun = null;
        if (tcb.profile.get(OVERRUN_TAKEN_WHOLE) && len > 0 && wnd > 0 && seq.lt(edge)
                && seq.plus(len).gt(edge) && seq.plus(len).gt(nxt)) {
            // Linux tcp_sequence: a segment that ends beyond the window (wherever it starts, as
            // long as it starts inside or before it) is taken whole if nothing waits unread, and
            // dropped with a duplicate ACK otherwise (packetdrill tcp_rcv_big_endseq).
            if (tcb.unread() == 0) {
                acceptable = true;
                beyondWindow = true;
            } else {
                acceptable = false;
                overrun = "segment ends beyond the window (SEG.SEQ+SEG.LEN " + rcvd(seq.plus(len))
                        + " > RCV.NXT+RCV.WND " + rcvd(edge) + ") while " + tcb.unread()
                        + " bytes wait unread (Linux tcp_sequence)";
            }
        }
        if (!acceptable && wnd == 0 && seq.equals(nxt)) {
            // "If the RCV.WND is zero, no segments will be acceptable, but special allowance
            // should be made to accept valid ACKs, URGs, and RSTs." The text goes; the rest is
            // processed, and the ACK we owe tells the peer the window is still closed.
            discard("zero receive window: text at RCV.NXT " + rcvd(nxt)
                    + " is not accepted (its ACK is processed)", OTHER + " first check");
            syn = false;
            text = Tcb.NO_TEXT;
            fin = false;
            tcb.ackAtOnce();
            acceptable = true;
        }
        if (!acceptable) {
            String why = overrun != null ? "segment not acceptable: " + overrun
                    : "segment not acceptable: " + describeOutside(len, nxt, wnd);
            if (seg.has(TcpFlags.RST)) {
                // "If an incoming segment is not acceptable, an acknowledgment should be sent in
                // reply (unless the RST bit is set, if so drop the segment and return)"
                discard(why + "; a RST outside the window is dropped", OTHER + " first check");
                return false;
            }
            if (tcb.state == TcpState.TIME_WAIT && fin && seg.seqEnd().equals(nxt)) {
                // TIME-WAIT: "The only thing that can arrive in this state is a retransmission of
                // the remote FIN. Acknowledge it, and restart the 2 MSL timeout." (fifth and
                // eighth checks). That FIN lies just below RCV.NXT, so it is caught here.
                tcb.startTimeWait(now);
                tcb.sendAck(now);
                discard("retransmitted FIN in TIME-WAIT: ACK sent, TIME-WAIT timer restarted",
                        OTHER + " eighth check");
                return false;
            }
            // "<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> After sending the acknowledgment, drop the
            // unacceptable segment and return."
            if (text.length > 0) {
                tcb.unexpectedText(textStart(), text.length);
            }
            boolean probe = len == 0 && seq.equals(nxt.minus(1)) && seg.has(TcpFlags.ACK);
            String what = probe ? " (a window probe or keep-alive: SEG.SEQ = RCV.NXT - 1)" : "";
            if (!tcb.mayAnswerOutOfWindow(seg, now)) {
                discard(why + what + RATE_LIMITED, OTHER + " first check");
                return false;
            }
            tcb.sendAck(now);
            discard(why + ": ACK sent" + what, OTHER + " first check");
            return false;
        }
        if (!tcb.profile.get(TS_RECENT_AFTER_ACK)) {
            // RFC 7323 4.3: TS.Recent follows acceptable segments (PAWS is not modelled yet).
            tcb.recordTimestamp(seg);
        }
        trimToWindow();
        return true;
    }

    private String describeOutside(int len, SeqNum nxt, long wnd) {
        if (len > 0 && wnd == 0) {
            return "SEG.LEN " + len + " but RCV.WND 0";
        }
        String span = len <= 1 ? "SEG.SEQ " + rcvd(seq)
                : "SEG.SEQ " + rcvd(seq) + " .. " + rcvd(seq.plus(len - 1));
        return span + " outside RCV.NXT " + rcvd(nxt) + " .. RCV.NXT+RCV.WND " + rcvd(nxt.plus(wnd));
    }

    /**
     * "In the following it is assumed that the segment is the idealized segment that begins at
     * RCV.NXT and does not exceed the window. One could tailor actual segments to fit this
     * assumption by trimming off any portions that lie outside the window (including SYN and
     * FIN)". Text that starts beyond RCV.NXT stays where it is (the seventh check holds it).
     */
    private void trimToWindow() {
        SeqNum nxt = tcb.rcvNxt;
        SeqNum edge = nxt.plus(tcb.rcvWnd());
        if (syn && seq.lt(nxt)) {
            syn = false;
            seq = seq.plus(1);
        }
        if (!syn && seq.lt(nxt)) {
            int old = (int) Math.min(text.length, nxt.offsetFrom(seq));
            text = Arrays.copyOfRange(text, old, text.length);
            seq = seq.plus(old);
        }
        SeqNum textEnd = textStart().plus(text.length);
        if (beyondWindow) {
            return; // taken whole: nothing beyond the edge is cut
        }
        if (textEnd.gt(edge)) {
            text = Arrays.copyOf(text, Math.max(0, edge.distanceFrom(textStart())));
            fin = false;
        } else if (fin && textEnd.equals(edge)) {
            fin = false; // the FIN's sequence number is just outside the window
        }
    }

    // Second, check the RST bit --------------------------------------------------------------

    private boolean secondCheckRst() {
        if (!seg.has(TcpFlags.RST)) {
            return true;
        }
        if (!seg.seq().equals(tcb.rcvNxt)) {
            // RFC 5961 3.2, adopted by RFC 9293: "If the RST bit is set and the sequence number
            // does not exactly match the next expected sequence value, yet is within the current
            // receive window, TCP MUST send an acknowledgment (challenge ACK)".
            String why = "RST in the window but SEG.SEQ " + rcvd(seg.seq()) + " is not RCV.NXT " + rcvd(tcb.rcvNxt);
            if (!tcb.mayAnswerOutOfWindow(seg, now)) {
                discard(why + RATE_LIMITED, OTHER + " second check, RFC 5961 3.2");
                return false;
            }
            tcb.sendAck(now);
            discard(why + ": challenge ACK sent", OTHER + " second check, RFC 5961 3.2");
            return false;
        }
        switch (tcb.state) {
            case SYN_RECEIVED:
                if (tcb.listener != null) {
                    // "If this connection was initiated with a passive OPEN (i.e., came from the
                    // LISTEN state), then return this connection to LISTEN state and return. The
                    // user need not be informed." The listener is still in LISTEN; this TCB goes.
                    tcb.delete(now);
                } else {
                    // "If this connection was initiated with an active OPEN (i.e., came from
                    // SYN-SENT state), then the connection was refused; signal the user
                    // 'connection refused'."
                    tcb.fail(TcpError.ECONNREFUSED, now);
                    tcb.delete(now);
                }
                break;
            case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT:
                // "any outstanding RECEIVEs and SEND should receive 'reset' responses. All segment
                // queues should be flushed. Users should also receive an unsolicited general
                // 'connection reset' signal. Enter the CLOSED state, delete the TCB, and return."
                tcb.fail(TcpError.ECONNRESET, now);
                tcb.delete(now);
                break;
            default:
                // CLOSING, LAST-ACK, TIME-WAIT: "enter the CLOSED state, delete the TCB, and return."
                tcb.delete(now);
                break;
        }
        return false;
    }

    // Fourth, check the SYN bit ----------------------------------------------------------------

    private boolean fourthCheckSyn() {
        if (!syn) {
            return true;
        }
        if (tcb.state == TcpState.SYN_RECEIVED && tcb.listener != null) {
            // "If the connection was initiated with a passive OPEN, then return this connection to
            // the LISTEN state and return."
            tcb.delete(now);
            discard("SYN in SYN-RECEIVED of a passive open: connection returned to LISTEN",
                    OTHER + " fourth check");
            return false;
        }
        // RFC 5961 4.2, adopted by RFC 9293: a SYN in a synchronized state gets a challenge ACK
        // "<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>"; "After sending the acknowledgment, TCP MUST drop
        // the unacceptable segment and stop processing further."
        if (!tcb.mayAnswerOutOfWindow(seg, now)) {
            discard("SYN in a synchronized state" + RATE_LIMITED, OTHER + " fourth check, RFC 5961 4.2");
            return false;
        }
        tcb.sendAck(now);
        discard("SYN in a synchronized state: challenge ACK sent", OTHER + " fourth check, RFC 5961 4.2");
        return false;
    }

    // Fifth, check the ACK field ---------------------------------------------------------------

    private boolean fifthCheckAck() {
        if (!seg.has(TcpFlags.ACK)) {
            // "if the ACK bit is off, drop the segment and return"
            discard("segment without ACK is dropped", OTHER + " fifth check");
            return false;
        }
        SeqNum ack = seg.ack();
        if (tcb.state == TcpState.SYN_RECEIVED) {
            if (ack.gt(tcb.sndUna) && ack.le(tcb.sndNxt) && tcb.listener != null && tcb.listener.acceptQueueFull()) {
                // Linux tcp_v4_syn_recv_sock: no room in the accept queue for the new connection,
                // so the ACK is dropped and the half-open connection waits; its SYN-ACK timer
                // sends the SYN-ACK again (tcp_abort_on_overflow 0).
                discard("accept queue full (backlog " + tcb.listener.backlog() + "): the ACK completing the "
                        + "handshake is dropped", OTHER + " fifth check");
                return false;
            }
            if (ack.gt(tcb.sndUna) && ack.le(tcb.sndNxt)) {
                // "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED state and continue
                // processing with the variables below set to: SND.WND <- SEG.WND, SND.WL1 <-
                // SEG.SEQ, SND.WL2 <- SEG.ACK"
                tcb.enter(TcpState.ESTABLISHED, now);
                updateSendWindow();
                if (tcb.profile.get(ACK_AFTER_HANDSHAKE) && tcb.listener != null && tcb.windowUpdateDue()) {
                    // macOS (seed 000, packet 4): the SYN-ACK could offer at most 65535; now the
                    // whole buffer can be offered, and BSD's tcp_output sends that window update
                    // at once, an ACK of nothing new (Profile.ackAfterHandshake).
                    tcb.ackAtOnce();
                }
                if (tcb.finQueued) {
                    // CLOSE in SYN-RECEIVED was queued "for processing after entering ESTABLISHED".
                    tcb.enter(TcpState.FIN_WAIT_1, now);
                }
            } else {
                // "If the segment acknowledgment is not acceptable, form a reset segment
                // <SEQ=SEG.ACK><CTL=RST> and send it."
                tcb.emitReply(reset(seg, ack, SeqNum.of(0), TcpFlags.RST));
                discard("ACK in SYN-RECEIVED does not acknowledge our SYN-ACK: SEG.ACK " + sent(ack)
                        + " is not SND.NXT " + sent(tcb.sndNxt) + ": RST sent", OTHER + " fifth check");
                return false;
            }
        }

        // ESTABLISHED processing; the other states add to it below.
        if (ack.gt(tcb.sndNxt)) {
            // "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an ACK, drop
            // the segment, and return."
            String why = "ACK of data not yet sent: SEG.ACK " + sent(ack) + " > SND.NXT " + sent(tcb.sndNxt);
            if (!tcb.mayAnswerOutOfWindow(seg, now)) {
                discard(why + RATE_LIMITED, OTHER + " fifth check");
                return false;
            }
            tcb.sendAck(now);
            discard(why + ": ACK sent", OTHER + " fifth check");
            return false;
        }
        if (ack.lt(tcb.sndUna.minus(tcb.maxSndWnd))) {
            // RFC 5961 5.2: the ACK is acceptable only if "(SND.UNA - MAX.SND.WND) =< SEG.ACK =<
            // SND.NXT"; other segments "MUST be discarded and an ACK sent back".
            String why = "ACK too old: SEG.ACK " + sent(ack) + " < SND.UNA " + sent(tcb.sndUna)
                    + " - MAX.SND.WND " + tcb.maxSndWnd;
            if (!tcb.mayAnswerOutOfWindow(seg, now)) {
                discard(why + RATE_LIMITED, OTHER + " fifth check, RFC 5961 5.2");
                return false;
            }
            tcb.sendAck(now);
            discard(why + ": ACK sent", OTHER + " fifth check, RFC 5961 5.2");
            return false;
        }
        if (tcb.profile.get(TS_RECENT_AFTER_ACK)) {
            // Linux tcp_ack (FLAG_UPDATE_TS_RECENT): TS.Recent is taken only now that the ACK is
            // known to be acceptable (packetdrill tcp_ts_recent_invalid_ack).
            tcb.recordTimestamp(seg);
        }
        tcb.ackArrived(now);
        boolean advanced = ack.gt(tcb.sndUna);
        if (advanced) {
            // "If SND.UNA < SEG.ACK =< SND.NXT, then set SND.UNA <- SEG.ACK. Any segments on the
            // retransmission queue that are thereby entirely acknowledged are removed." The RTT
            // is sampled and the retransmission timer restarted or stopped (RFC 6298 5.2, 5.3).
            tcb.acknowledge(seg, now);
        }
        // "If the ACK is a duplicate (SEG.ACK =< SND.UNA), it can be ignored": not by a sender
        // that counts duplicates or reads SACK blocks to find losses (RFC 5681 3.2, RFC 8985).
        tcb.detectLosses(seg, advanced, now);
        // "If SND.UNA =< SEG.ACK =< SND.NXT, the send window should be updated. If (SND.WL1 <
        // SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK)), set SND.WND <- SEG.WND, set
        // SND.WL1 <- SEG.SEQ, and set SND.WL2 <- SEG.ACK."
        if (ack.ge(tcb.sndUna) && (tcb.sndWl1.lt(seg.seq())
                || (tcb.sndWl1.equals(seg.seq()) && tcb.sndWl2.le(ack)))) {
            updateSendWindow();
        }

        switch (tcb.state) {
            case FIN_WAIT_1:
                // "In addition to the processing for the ESTABLISHED state, if the FIN segment is
                // now acknowledged, then enter FIN-WAIT-2 and continue processing in that state."
                if (ourFinAcknowledged()) {
                    tcb.enter(TcpState.FIN_WAIT_2, now);
                }
                return true;
            case FIN_WAIT_2:
                // "if the retransmission queue is empty, the user's CLOSE can be acknowledged
                // ("ok") but do not delete the TCB." Nothing to do: CLOSE already returned.
                return true;
            case CLOSING:
                // "if the ACK acknowledges our FIN, then enter the TIME-WAIT state; otherwise,
                // ignore the segment."
                if (ourFinAcknowledged()) {
                    tcb.enter(TcpState.TIME_WAIT, now);
                    return true;
                }
                discard("ACK in CLOSING does not acknowledge our FIN: segment ignored", OTHER + " fifth check");
                return false;
            case LAST_ACK:
                // "The only thing that can arrive in this state is an acknowledgment of our FIN.
                // If our FIN is now acknowledged, delete the TCB, enter the CLOSED state, and
                // return."
                if (ourFinAcknowledged()) {
                    tcb.delete(now);
                    return false;
                }
                return true;
            default:
                // TIME-WAIT: "The only thing that can arrive in this state is a retransmission of
                // the remote FIN"; the first check answers it.
                return true;
        }
    }

    /** SND.WND <- SEG.WND (scaled unless it is a SYN's, RFC 7323 2.2), SND.WL1, SND.WL2. */
    private void updateSendWindow() {
        int shift = seg.has(TcpFlags.SYN) ? 0 : tcb.inUse.sndShift();
        tcb.takeSendWindow((long) seg.window() << shift, seg.seq(), seg.ack());
    }

    private boolean ourFinAcknowledged() {
        return tcb.finSeq != null && tcb.sndUna.gt(tcb.finSeq);
    }

    // Sixth, check the URG bit -----------------------------------------------------------------

    private void sixthCheckUrg() {
        // Urgent data is not modelled: the urgent pointer is not signalled to the application
        // (RFC 6093 advises new applications not to use it), and urgent octets are ordinary text.
    }

    // Seventh, process the segment text --------------------------------------------------------

    /** Returns false when the eighth check must not run (a FIN after a gap waits). */
    private boolean seventhProcessText() {
        if (text.length == 0 && !fin) {
            return true;
        }
        switch (tcb.state) {
            case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2:
                boolean nobodyReads = tcb.applicationClosed || tcb.readShut && tcb.state != TcpState.ESTABLISHED;
                if (text.length > 0 && nobodyReads && tcb.profile.get(RST_ON_DATA_AFTER_CLOSE)) {
                    // RFC 1122 4.2.2.13: the application closed (or shut down both halves), so
                    // nobody can read this text; Linux (tcp_rcv_state_process) resets the
                    // connection, answering <SEQ=SEG.ACK><CTL=RST>.
                    tcb.emitReply(reset(seg, seg.ack(), SeqNum.of(0), TcpFlags.RST));
                    tcb.delete(now);
                    discard("text after the application closed: nobody will read it; RST sent (as Linux does)",
                            OTHER + " seventh check, RFC 1122 4.2.2.13");
                    return false;
                }
                SeqNum start = textStart();
                if (start.gt(tcb.rcvNxt)) {
                    // Text beyond RCV.NXT: "segments with higher beginning sequence numbers may be
                    // held for later processing" (first check). It waits, with any FIN after it,
                    // and an ACK of RCV.NXT goes at once: the duplicate ACK of RFC 5681 4.2, with
                    // the held block first among its SACK blocks (RFC 2018 4).
                    tcb.receiveQueue.hold(start, text, fin);
                    tcb.heldForSack(start);
                    tcb.ackAtOnce();
                    tcb.sendAck(now);
                    return false;
                }
                if (text.length > 0) {
                    // "Once the TCP takes responsibility for the data, it advances RCV.NXT over the
                    // data accepted ... Send an acknowledgment of the form:
                    // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>". When it goes is textAccepted's rule
                    // (3.8.6.3: at once, or delayed); it rides on data sent before then.
                    tcb.acceptInOrder(text);
                    tcb.heldTextRepeated(tcb.receiveQueue.firstHeldBefore(tcb.rcvNxt));
                    ReceiveQueue.Reassembled more = tcb.receiveQueue.reassemble(tcb.rcvNxt);
                    tcb.acceptInOrder(more.text(), more.segments());
                    tcb.forgetAcknowledgedSackBlocks();
                    fin |= more.fin();
                    if (beyondWindow) {
                        tcb.textAcceptedBeyondWindow(now);
                    } else {
                        tcb.textAccepted(text.length, seg.has(TcpFlags.PSH), more.text().length > 0 || more.fin(),
                                now);
                    }
                }
                return true;
            default:
                // CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT: "This should not occur since a FIN has
                // been received from the remote side. Ignore the segment text."
                if (text.length > 0) {
                    discard("text after the peer's FIN is ignored", OTHER + " seventh check");
                    return false;
                }
                return true;
        }
    }

    // Eighth, check the FIN bit ----------------------------------------------------------------

    private void eighthCheckFin() {
        if (!fin) {
            return;
        }
        // "If the FIN bit is set, signal the user 'connection closing' and return any pending
        // RECEIVEs with same message, advance RCV.NXT over the FIN, and send an acknowledgment for
        // the FIN."
        tcb.acceptFin();
        switch (tcb.state) {
            case SYN_RECEIVED, ESTABLISHED:
                // "Enter the CLOSE-WAIT state."
                tcb.enter(TcpState.CLOSE_WAIT, now);
                acknowledgeFinInEstablished();
                break;
            case FIN_WAIT_1:
                // "If our FIN has been ACKed (perhaps in this segment), then enter TIME-WAIT, start
                // the time-wait timer, turn off the other timers; otherwise, enter the CLOSING
                // state." An ACK of our FIN has already moved us to FIN-WAIT-2 (fifth check).
                tcb.enter(TcpState.CLOSING, now);
                tcb.ackAtOnce();
                break;
            case FIN_WAIT_2:
                // "Enter the TIME-WAIT state. Start the time-wait timer, turn off the other timers."
                tcb.enter(TcpState.TIME_WAIT, now);
                tcb.ackAtOnce();
                break;
            case TIME_WAIT:
                // "Remain in the TIME-WAIT state. Restart the 2 MSL time-wait timeout."
                tcb.startTimeWait(now);
                tcb.ackAtOnce();
                break;
            default:
                // CLOSE-WAIT, CLOSING, LAST-ACK: "Remain in the ... state."
                tcb.ackAtOnce();
                break;
        }
    }

    /**
     * The ACK of a FIN that arrives in ESTABLISHED. Linux (tcp_fin) puts the connection in
     * delayed-ACK ("pingpong") mode: the ACK waits for the delayed-ACK timer, and an application
     * that closes (or writes) in time sends its FIN (or data) with it. Once text has arrived the
     * timer runs the delayed-ACK time; before any, it fires at the next tick (fin_ack_delay).
     * With the RFC's profile the ACK goes at once.
     */
    private void acknowledgeFinInEstablished() {
        Profile p = tcb.profile;
        tcb.delayedAcks.finArrived();
        if (!tcb.ackNow && p.get(DELAY_FIN_ACK_AFTER_DATA) && tcb.textReceived && p.get(DELAYED_ACK) > 0) {
            tcb.delayAck(now);
        } else if (!tcb.ackNow && !tcb.textReceived && p.get(FIN_ACK_DELAY) > 0) {
            tcb.delayAckFor(p.get(FIN_ACK_DELAY), now);
        } else {
            tcb.ackAtOnce();
        }
    }

    // -----------------------------------------------------------------------------------------

    /** SEG.LEN of what is left: text, plus one for a SYN and one for a FIN. */
    private int length() {
        return text.length + (syn ? 1 : 0) + (fin ? 1 : 0);
    }

    private SeqNum textStart() {
        return syn ? seq.plus(1) : seq;
    }

    private void discard(String reason, String section) {
        tcb.discarded(seg, reason, section, now);
    }

    /** A sequence number of the peer's, relative to IRS. */
    private String rcvd(SeqNum n) {
        return Long.toString(n.offsetFrom(tcb.irs));
    }

    /** A sequence number of ours, relative to ISS. */
    private String sent(SeqNum n) {
        return Long.toString(n.offsetFrom(tcb.iss));
    }
}
