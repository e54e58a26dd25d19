package tcps.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * The profile parameters: one table, read by the checker (names, kinds, ranges), by the
 * documentation ({@code tcps profiles}, docs/profiles.md) and by the model
 * ({@code profile.get(SYN_RETRIES)}). Each row is name, kind, range, unit, description and the
 * value the RFCs give; a profile without {@code extends} starts from those values. The built-in
 * stacks themselves are written only in {@code stdlib/profiles/*.tcps}.
 *
 * <p>Adding a parameter: one row here (its javadoc names the Linux knob and the RFC rule it
 * changes), its use in the model, and a line in each stdlib profile whose value differs from
 * the RFC default. The order of the rows is the order of the documentation.
 */
public final class Parameters {
    private static final long MS = 1_000;
    private static final long S = 1_000_000;
    private static final long HOUR = 3_600 * S;
    private static final List<Parameter> TABLE = new ArrayList<>();

    private Parameters() {}

    /** Which options are offered and in what order. */
    public static final Parameter.Choice<OptionLayout> OPTION_LAYOUT = choice("option_layout",
            "which options SYNs offer and how every segment lays them out", OptionLayout.class, OptionLayout.NONE);

    /** The MSS option value this stack advertises (RFC 9293 3.7.1: 536 when none is sent). */
    public static final Parameter.Count MSS = count("mss", "bytes",
            "the MSS option this stack advertises (bytes)", 88, 65535, 536);

    /**
     * The receive buffer (RCV.BUFF): the window offered once the handshake is done, unread data
     * aside. A SYN's window is never scaled (RFC 7323 2.2), so a SYN offers at most 65535 of it;
     * the windows after the handshake offer it all, if window scaling is in use (seed 000's macOS
     * listing: SYNs offer 65535, then 6379 at scale 6, 408256 bytes and more).
     */
    public static final Parameter.Count RCV_SPACE = count("rcv_space", "bytes",
            "receive buffer space: the window once the handshake is done (a SYN offers at most 65535)",
            1, 1L << 30, 65535);

    /**
     * Linux tcp_select_initial_window: "Quantize space offering to a multiple of mss if possible",
     * so the receive space (65535 on loopback) becomes 65483, 1303 segments of 65495 - 12 bytes
     * (seed 000: SYN-ACK window 65483). macOS does not: its SYNs offer 65535 (seed 000).
     */
    public static final Parameter.Flag ROUND_RCV_SPACE_TO_MSS = flag("round_rcv_space_to_mss",
            "round the receive space down to a multiple of the MSS (Linux)", false);

    /** The window scale shift offered in SYN/SYN-ACK, or -1 to offer none. */
    public static final Parameter.Count WINDOW_SCALE = count("window_scale", "shift",
            "window scale shift offered in SYNs, -1 to offer none", -1, 14, -1);

    /** Offers SACK-permitted; when both SYNs carry it, duplicate ACKs carry SACK blocks. */
    public static final Parameter.Flag SACK = flag("sack",
            "offer SACK-permitted and send SACK blocks (RFC 2018)", false);

    /** Offers RFC 7323 timestamps. */
    public static final Parameter.Flag TIMESTAMPS = flag("timestamps", "offer RFC 7323 timestamps", false);

    /** Rate of the timestamp clock (Linux: 1000 Hz). */
    public static final Parameter.Count TIMESTAMP_HZ = count("timestamp_hz", "Hz",
            "rate of the timestamp clock (ticks per second)", 1, 1_000_000, 1000);

    /**
     * How the host chooses ISNs (RFC 9293 3.4.1): RFC 6528's clock plus a keyed hash of the
     * 4-tuple, which the RFC recommends (SHLD-1) and Linux and macOS use, or the global counter
     * of 4.xBSD ({@link BsdIsnCounter}), which made the ISNs of the 1980s predictable. A host
     * (one address of a scenario) has one generator, chosen by the profile of its first socket.
     */
    public static final Parameter.Choice<IsnGenerator.Kind> ISN_GENERATOR = choice("isn_generator",
            "how ISNs are chosen: rfc6528 (clock plus keyed hash) or bsd (one counter per host)",
            IsnGenerator.Kind.class, IsnGenerator.Kind.RFC6528);

    /**
     * Linux rounds a scaled window up to the scale's granularity (__tcp_select_window), so 65483
     * bytes at scale 7 advertise 512; it also advertises no window smaller than the receive MSS
     * once less than half the buffer is free (receiver SWS avoidance).
     */
    public static final Parameter.Flag ROUND_WINDOW_UP = flag("round_window_up",
            "round a scaled window up to the scale's granularity (Linux)", false);

    /**
     * BSD's tcp_output ("Calculate receive window. Don't shrink window, but avoid silly window
     * syndrome"): every segment offers all the free receive space, never less than already
     * offered, none when less than a quarter of the buffer and less than a segment are free; the
     * edge is kept in bytes (rcv_adv), and only the window field is shifted down. Receiver SWS
     * avoidance then decides only when a window update goes alone. Without it (the RFC's rule,
     * RFC 9293 3.8.6.2.2) the right edge moves only in steps of min(RCV.BUFF / 2, Eff.snd.MSS),
     * which the scaled field shows one unit smaller after each small segment; seed 000's macOS
     * listing keeps 6379 after 7 bytes.
     */
    public static final Parameter.Flag ADVERTISE_FREE_SPACE = flag("advertise_free_space",
            "every segment offers all the free receive space, unscaled edge kept (BSD)", false);

    /**
     * Linux tcp_bound_to_half_wnd: once the peer has offered more than 536 bytes, no segment is
     * larger than half the largest window it offered (capture zero-window: 2048-byte segments
     * into a 4096-byte window), so a receiver gets two per window and ACKs at once.
     */
    public static final Parameter.Flag HALF_WINDOW_SEGMENTS = flag("half_window_segments",
            "segments at most half the largest window the peer offered (Linux)", false);

    /**
     * Nagle's algorithm (RFC 9293 3.7.4, SHLD-7; RFC 896): {@code classic} holds a segment
     * shorter than the MSS while any data is unacknowledged (4.xBSD tcp_output); {@code minshall}
     * only while a segment shorter than the MSS is (Linux tcp_nagle_check, capture small-writes:
     * the 13 writes made while the 17th segment waited for its ACK went as one); {@code none}
     * sends at once. A segment that carries or precedes the FIN is never held; TCP_NODELAY turns
     * it off per socket (RFC 9293 MUST-17).
     */
    public static final Parameter.Choice<SendPolicy.Nagle> NAGLE = choice("nagle",
            "Nagle's algorithm: classic (RFC 9293 3.7.4), minshall (Linux: only while a small segment is unACKed) or none",
            SendPolicy.Nagle.class, SendPolicy.Nagle.CLASSIC);

    /**
     * Sender silly-window-syndrome avoidance (RFC 9293 3.8.6.2.1, MUST-38): {@code rfc} sends a
     * segment that is full-sized, carries all queued data, or fills half the largest window
     * offered (Fs = 1/2); {@code linux} sends the next segment only whole (tcp_snd_wnd_test;
     * packetdrill tcp-info-rwnd-limited: 1000 bytes wait at a 10-byte window); {@code none} sends
     * whatever fits. Held data goes when the window grows, or when the persist timer fires (the
     * RFC's override timeout; Linux tcp_write_wakeup), as much as the window takes, with PSH.
     */
    public static final Parameter.Choice<SendPolicy.SenderSws> SENDER_SWS = choice("sender_sws",
            "sender SWS avoidance: rfc (RFC 9293 3.8.6.2.1), linux (a segment goes only whole) or none",
            SendPolicy.SenderSws.class, SendPolicy.SenderSws.RFC);

    /**
     * Linux forced_push (tcp_sendmsg): a full segment of a write whose end lies more than half
     * the largest window offered beyond the last push (a write's end, or the last forced push)
     * gets PSH (capture forced-push: win 16384, PSH at 9000, 18000, 27000... of a 60000-byte
     * write). Without it, only the segment that ends a write has PSH.
     */
    public static final Parameter.Flag FORCED_PUSH = flag("forced_push",
            "PSH on the full segment that takes the unpushed data past half the peer's largest window (Linux)",
            false);

    /** RFC 2883 (Linux tcp_dsack 1): an ACK of text received twice reports it in a first SACK block. */
    public static final Parameter.Flag DUPLICATE_SACK = flag("duplicate_sack",
            "report text received twice in a D-SACK block (RFC 2883)", false);

    /**
     * Linux tcp_cleanup_rbuf: when the application reads everything and the text was pushed (PSH,
     * or a short segment), the ACK owed goes at once instead of after the delayed-ACK timeout,
     * unless in pingpong mode (then only a second pushed segment forces it).
     */
    public static final Parameter.Flag ACK_PUSHED_ON_READ = flag("ack_pushed_on_read",
            "ACK pushed text at once when the application reads it all (Linux)", false);

    /**
     * XNU tcp_cc_delay_ack: an ACK is delayed only if the segment has no PSH, "If TH_PUSH is set,
     * take this as a clue that we need to ACK with no delay" (radar 3649245). Seed 000's macOS
     * listing: the server ACKs "foobar\n" [P.] at once (packet 7). Newer XNU (tcp_ack_strategy
     * "modern") instead ACKs the first segments of a connection at once; packet 7 fits both.
     */
    public static final Parameter.Flag ACK_PUSHED_AT_ONCE = flag("ack_pushed_at_once",
            "text that carries PSH is ACKed at once, never delayed (macOS)", false);

    /**
     * A quirk of macOS, seed 000's packet 4: when the handshake's ACK arrives, the passive side
     * sends an ACK of its own at once, acknowledging nothing new (ack 1, like its SYN-ACK's) but
     * offering its full window (6379 at scale 6) instead of the 65535 its SYN-ACK could. BSD's
     * tcp_input calls tcp_output after taking the peer's first scaled window, and tcp_output sends
     * a window update when the window it can offer exceeds the one offered by two segments or by
     * half the buffer. The active side needs none: its handshake ACK already offers the full
     * window (packet 3). So: on entering ESTABLISHED from a passive open, an ACK goes when the
     * free space exceeds RCV.WND by at least two segments or half the buffer.
     */
    public static final Parameter.Flag ACK_AFTER_HANDSHAKE = flag("ack_after_handshake",
            "the passive side ACKs the handshake's ACK when its window grew past the SYN-ACK's (macOS)", false);

    /** ABORT sends RST+ACK (Linux tcp_send_active_reset) rather than the RFC's bare RST. */
    public static final Parameter.Flag RST_ACK_ON_ABORT = flag("rst_ack_on_abort",
            "ABORT sends RST+ACK rather than a bare RST", false);

    /** How long TIME-WAIT lasts (RFC 9293 3.4.2: 2 MSL = 240 s; Linux: 60 s). */
    public static final Parameter.Time TIME_WAIT = time("time_wait",
            "how long TIME-WAIT lasts (RFC: 2 MSL)", 0, HOUR, 240 * S);

    /**
     * The delayed-ACK timeout (Linux TCP_ATO_MIN 40 ms; RFC 1122 4.2.3.2: at most 500 ms); 0
     * acknowledges every segment at once, as the textbook's figures do.
     */
    public static final Parameter.Time DELAYED_ACK = time("delayed_ack",
            "longest delay of an ACK, 0 to acknowledge every segment at once", 0, 500 * MS, 0);

    /**
     * Linux: a FIN arriving in ESTABLISHED after data was received is ACKed after the delayed-ACK
     * timeout (pingpong mode), so an application that closes in time sends its FIN with that ACK.
     */
    public static final Parameter.Flag DELAY_FIN_ACK_AFTER_DATA = flag("delay_fin_ack_after_data",
            "a FIN after received data is ACKed by the delayed-ACK timer", false);

    /**
     * Linux: a FIN arriving in ESTABLISHED with no data before it is ACKed by the delayed-ACK
     * timer too, but with no ACK timeout learnt yet the timer fires at the next tick (HZ=250:
     * within 4 ms; captures/fin-no-data: 0.1 to 7 ms). An application that closes at once sends
     * its FIN with the ACK (captures/synack-lost.txt, lines 8-10). 0 ACKs at once.
     */
    public static final Parameter.Time FIN_ACK_DELAY = time("fin_ack_delay",
            "delay of the ACK of a FIN when no data came before it, 0 for at once", 0, 500 * MS, 0);

    /**
     * Linux quick-ACK mode (tcp_incr_quickack): at most this many in-order segments at the start
     * of a connection are ACKed at once, however small (TCP_MAX_QUICKACKS = 16); fewer when the
     * window holds fewer than two segments per quick ACK.
     */
    public static final Parameter.Count QUICK_ACKS = count("quick_acks", "segments",
            "most segments ACKed at once at the start of a connection", 0, 255, 0);

    /**
     * Linux pingpong (interactive) mode (tcp_event_data_sent): once the application sends data
     * within the delayed-ACK time of receiving some, ACKs of text are delayed (no quick ACKs), so
     * they ride on the answer; the delayed-ACK timer firing ends the mode.
     */
    public static final Parameter.Flag PINGPONG = flag("pingpong",
            "once the application answers within delayed_ack, ACKs wait for its data", false);

    /** RTO before the first RTT sample, and of SYN and SYN-ACK (RFC 6298 2.1; Linux TCP_TIMEOUT_INIT). */
    public static final Parameter.Time INITIAL_RTO = time("initial_rto",
            "retransmission timeout before any RTT sample (RFC 6298 2.1)", 1, HOUR, S);

    /** Lower bound of the RTO (RFC 6298 2.4: 1 s; Linux tcp_rto_min_us: 200 ms). */
    public static final Parameter.Time MIN_RTO = time("min_rto",
            "smallest retransmission timeout (RFC 6298 2.4)", 1, HOUR, S);

    /** Upper bound of the RTO, back-off included (RFC 6298 2.5: at least 60 s; Linux TCP_RTO_MAX 120 s). */
    public static final Parameter.Time MAX_RTO = time("max_rto",
            "largest retransmission timeout, back-off included (RFC 6298 2.5)", 1, HOUR, 60 * S);

    /** G of RFC 6298 2.2 and 2.3: RTO = SRTT + max(G, K*RTTVAR). */
    public static final Parameter.Time CLOCK_GRANULARITY = time("clock_granularity",
            "G of RFC 6298: the least variance term of the RTO", 0, 10 * S, MS);

    /**
     * Linux (tcp_rtt_estimator, tcp_set_rto): the variance term is at least min_rto, so RTO =
     * SRTT + max(min_rto, 4*RTTVAR); RFC 6298 instead clamps the sum to min_rto.
     */
    public static final Parameter.Flag RTO_MIN_ON_VARIANCE = flag("rto_min_on_variance",
            "RTO = SRTT + max(min_rto, 4*RTTVAR), as Linux computes it", false);

    /**
     * RFC 8985 section 7 (Linux tcp_early_retrans 3): with SACK in use and no loss recovery under
     * way, the timer first waits a probe timeout (2 SRTT, plus min_rto when one segment is in
     * flight, else 2 ms, never later than the RTO) and then resends the last segment, without
     * back-off; the RTO proper runs from that probe.
     */
    public static final Parameter.Flag TAIL_LOSS_PROBE = flag("tail_loss_probe",
            "resend the last segment 2 SRTT after the tail of a flight (RFC 8985 TLP)", false);

    /**
     * RACK loss detection (RFC 8985 section 6; Linux tcp_recovery 1): with SACK in use, a segment
     * is lost once a segment sent after it has been delivered and that delivery's RTT plus a
     * reordering window (min_RTT / 4, 0 in recovery or with dupack_threshold segments SACKed)
     * has passed since it was sent. Captures out-of-order and out-of-order-burst.
     */
    public static final Parameter.Flag RACK = flag("rack",
            "with SACK, a segment is lost once a later one is delivered and its RTT has passed (RFC 8985)", false);

    /**
     * RFC 5681 3.2: fast retransmit on this many duplicate ACKs, when RACK is not in use (no
     * SACK); 0 leaves losses to the RTO.
     */
    public static final Parameter.Count DUPACK_THRESHOLD = count("dupack_threshold", "ACKs",
            "duplicate ACKs that trigger fast retransmit, 0 for none (RFC 5681: 3)", 0, 255, 3);

    /**
     * R2 of RFC 9293 3.8.3 for data and FIN, as Linux's tcp_retries2 (15): the connection times
     * out when the time since the segment was first sent reaches what this many back-offs from
     * min_rto would take (tcp_model_timeout; 924.6 s for 15 with 200 ms and a 120 s cap).
     */
    public static final Parameter.Count RETRIES2 = count("retries2", "retransmissions",
            "retransmissions of data before the connection times out (R2)", 0, 255, 15);

    /** retries2 once the application has closed the socket (Linux tcp_orphan_retries: 0 means 8). */
    public static final Parameter.Count ORPHAN_RETRIES = count("orphan_retries", "retransmissions",
            "retries2 for a connection the application has closed", 0, 255, 15);

    /**
     * SYN retransmissions (Linux tcp_syn_retries): connect gives up when the retransmissions
     * reach syn_retries + syn_linear_timeouts, or the time since the first SYN reaches
     * (2^(syn_retries+1) - 1) initial RTOs, whichever comes first, checked when the timer fires.
     * RFC 9293 3.8.3: at least 3 minutes, 7 from 1 s.
     */
    public static final Parameter.Count SYN_RETRIES = count("syn_retries", "retransmissions",
            "retransmissions of a SYN before connect times out", 0, 127, 7);

    /** The first SYN retransmissions go one initial RTO apart (Linux tcp_syn_linear_timeouts). */
    public static final Parameter.Count SYN_LINEAR_TIMEOUTS = count("syn_linear_timeouts", "retransmissions",
            "SYN retransmissions 1 RTO apart before back-off starts", 0, 16, 0);

    /** SYN-ACK retransmissions of a passive open before it is dropped (Linux tcp_synack_retries). */
    public static final Parameter.Count SYNACK_RETRIES = count("synack_retries", "retransmissions",
            "retransmissions of a SYN-ACK before the half-open connection goes", 0, 255, 5);

    /** FIN-WAIT-2 of a closed (orphaned) socket ends after this (Linux tcp_fin_timeout); 0: never. */
    public static final Parameter.Time FIN_TIMEOUT = time("fin_timeout",
            "how long FIN-WAIT-2 waits after close(), 0 for ever", 0, HOUR, 0);

    /**
     * Linux tcp_invalid_ratelimit (500 ms): an ACK answering an out-of-window segment without data
     * (a probe, a challenge, a duplicate SYN) goes at most once per this time per connection
     * (tcp_oow_rate_limited; capture zero-window, whose second probe got no answer). 0: always.
     */
    public static final Parameter.Time INVALID_RATELIMIT = time("invalid_ratelimit",
            "least time between ACKs to out-of-window segments without data, 0 for none", 0, 10 * S, 0);

    /**
     * The zero-window probe (RFC 9293 3.8.6.1) carries "at least one octet of new data"; Linux
     * (tcp_xmit_probe_skb) sends an ACK with SEQ = SND.UNA - 1 and no data instead, which the
     * receiver, finding it old, answers with an ACK that carries its window.
     */
    public static final Parameter.Flag PROBE_WITH_DATA = flag("probe_with_data",
            "a zero-window probe carries one octet of new data (else SEQ=SND.UNA-1, no data)", true);

    /** Linux tcp_close: unread received data is lost, so RST+ACK goes instead of a FIN (RFC 2525 2.17). */
    public static final Parameter.Flag RST_ON_CLOSE_WITH_UNREAD = flag("rst_on_close_with_unread",
            "close() with unread data sends RST+ACK instead of a FIN", false);

    /**
     * Linux: new data arriving after close() (FIN-WAIT-1, FIN-WAIT-2) resets the connection, as
     * RFC 1122 4.2.2.13 allows ("data after close" in tcp_rcv_state_process).
     */
    public static final Parameter.Flag RST_ON_DATA_AFTER_CLOSE = flag("rst_on_data_after_close",
            "data arriving after close() is answered with RST (RFC 1122 4.2.2.13)", false);

    /**
     * Linux tcp_tw_reuse 2: an active open from the ports of a TIME-WAIT connection takes it over
     * when both ends are loopback addresses and timestamps were in use; the new ISS is the old
     * SND.NXT + 65537 and the SYN echoes the old TS.Recent (capture time-wait-reuse). Otherwise
     * the connection still exists and connect fails.
     */
    public static final Parameter.Flag TIME_WAIT_REUSE = flag("time_wait_reuse",
            "connect may take over its own TIME-WAIT connection on loopback (Linux tcp_tw_reuse 2)", false);

    /** Linux tcp_timewait_state_process: an acceptable new SYN in TIME-WAIT starts a new connection. */
    public static final Parameter.Flag SYN_IN_TIME_WAIT = flag("syn_in_time_wait",
            "a new SYN in TIME-WAIT may reopen the connection (RFC 6191)", false);

    /**
     * The congestion control algorithm (RFC 5681 and RFC 9293 3.8.2 MUST-19: slow start and
     * congestion avoidance): {@code reno} (RFC 5681, Linux tcp_reno), {@code cubic} (RFC 9438,
     * Linux's default, tcp_cubic) or {@code none}, no congestion window at all.
     */
    public static final Parameter.Choice<CongestionControl.Kind> CONGESTION_CONTROL = choice("congestion_control",
            "congestion control: reno (RFC 5681), cubic (RFC 9438, Linux's default) or none",
            CongestionControl.Kind.class, CongestionControl.Kind.RENO);

    /**
     * The initial congestion window in segments (RFC 6928: 10, Linux TCP_INIT_CWND; 4.3BSD-Reno:
     * 1); 0 takes RFC 5681 3.1's rule, min(4 SMSS, max(2 SMSS, 4380 bytes)).
     */
    public static final Parameter.Count INITIAL_WINDOW = count("initial_window", "segments",
            "initial congestion window, 0 for RFC 5681's (2 to 4 segments by the MSS)", 0, 100, 0);

    /**
     * RFC 6937 Proportional Rate Reduction in fast recovery (Linux tcp_cwnd_reduction), rather
     * than RFC 5681 3.2's inflation of cwnd by one SMSS per duplicate ACK.
     */
    public static final Parameter.Flag PROPORTIONAL_RATE_REDUCTION = flag("proportional_rate_reduction",
            "fast recovery sends in proportion to what is delivered (RFC 6937 PRR), not RFC 5681's inflation", false);

    /**
     * RFC 5681 4.1: after an idle period longer than the RTO, cwnd goes back to the initial
     * window (Linux tcp_slow_start_after_idle 1, tcp_cwnd_restart: halved per idle RTO).
     */
    public static final Parameter.Flag SLOW_START_AFTER_IDLE = flag("slow_start_after_idle",
            "cwnd restarts from the initial window after an idle RTO (RFC 5681 4.1)", true);

    /**
     * Linux counts cwnd in segments (tp->snd_cwnd): growth by a fraction of a segment waits
     * until it makes a whole one (tcp_cong_avoid_ai's snd_cwnd_cnt). After fast recovery
     * packetdrill's prr-ss-10pkt-lost-1 expects 7 segments where a window in bytes has grown to
     * 7755. RFC 5681 counts bytes.
     */
    public static final Parameter.Flag CWND_WHOLE_SEGMENTS = flag("cwnd_whole_segments",
            "cwnd counts whole segments: growth by a fraction of one waits until it makes a segment (Linux)", false);

    /**
     * Linux grows cwnd only while the sender uses it (tcp_is_cwnd_limited, tcp_cwnd_validate):
     * in slow start while cwnd is below twice the most segments in flight in the last window, in
     * congestion avoidance only when in flight reached cwnd. One segment in flight and ACKed
     * leaves cwnd at 10 (packetdrill cubic-rto-ss-ca-cwnd-bump); RFC 5681 grows it on every ACK.
     */
    public static final Parameter.Flag CWND_GROWS_WHEN_USED = flag("cwnd_grows_when_used",
            "cwnd grows only while the sender fills it (Linux tcp_is_cwnd_limited)", false);

    /**
     * Linux tcp_sequence and tcp_data_queue: a segment that starts inside the window and ends
     * beyond its right edge (or starts before RCV.NXT and ends beyond the edge) is dropped with a
     * duplicate ACK while data waits unread, and taken whole, its ACK delayed, when none does
     * (packetdrill tcp_rcv_big_endseq, tcp_rcv_neg_window). The RFC trims it to the window and
     * ACKs at once, or drops it when neither end is inside.
     */
    public static final Parameter.Flag OVERRUN_TAKEN_WHOLE = flag("overrun_taken_whole",
            "a segment overrunning the window is taken whole when nothing waits unread, else dropped (Linux)",
            false);

    /**
     * Whether text held out of order takes receive space and so shrinks the advertised window
     * (RFC 9293 leaves it open). Linux offers min(free space, rcv_ssthresh), so with buffers as
     * large as its windows held text does not shrink the window (packetdrill tcp_ooo_rcv_mss).
     */
    public static final Parameter.Flag HELD_TEXT_SHRINKS_WINDOW = flag("held_text_shrinks_window",
            "text held out of order is subtracted from the advertised window", true);

    /**
     * Linux charges each arriving segment's memory (skb truesize: its text plus a fixed overhead,
     * 832 bytes on loopback) to a receive buffer twice the receive space, and offers the free
     * memory scaled by the text-to-memory ratio of the segments it has seen (tcp_win_from_space,
     * tp->scaling_ratio: 576 * 256 / 1408 = 104 for 576-byte segments). A partly read segment
     * keeps all its memory. So a 1 KiB SO_RCVBUF (1152 bytes of space) reopens to 576, not
     * 1152, and one 576-byte segment closes it (captures/small-buffer-reopen). 0: the buffer
     * counts text only, as RFC 9293's RCV.BUFF does.
     */
    public static final Parameter.Count RCV_SEGMENT_OVERHEAD = count("rcv_segment_overhead", "bytes",
            "receive-buffer memory each arriving segment costs beyond its text (Linux skb truesize), 0 to count text only",
            0, 65535, 0);

    /**
     * Linux tcp_ack with FLAG_UPDATE_TS_RECENT: TS.Recent is updated only from a segment whose ACK
     * is acceptable (packetdrill tcp_ts_recent_invalid_ack); RFC 7323 4.3 records it as soon as
     * the sequence number is, before the ACK is checked.
     */
    public static final Parameter.Flag TS_RECENT_AFTER_ACK = flag("ts_recent_after_ack",
            "TS.Recent is taken only from a segment whose ACK is acceptable (Linux)", false);

    /**
     * Calls fail as POSIX sockets do, not with RFC 9293's abstract errors: a write after shutdown
     * or close gets EPIPE, a second shutdown and a close after a reset return 0, and a reset in
     * CLOSE-WAIT is reported as EPIPE (captures write-after-shutdown, rst-in-close-wait,
     * close-after-reset; Linux tcp_reset, BSD tcp_input alike).
     */
    public static final Parameter.Flag POSIX_ERRORS = flag("posix_errors",
            "calls fail as POSIX sockets do (EPIPE after shutdown; close after a reset returns 0)", false);

    /**
     * Linux tcp_cleanup_rbuf: after a read, a window update goes only if the window that can be
     * offered is at least twice the one the peer has; RFC 9293 3.8.6.2.2 sends one as soon as the
     * window can grow by min(RCV.BUFF / 2, Eff.snd.MSS).
     */
    public static final Parameter.Flag READ_UPDATE_DOUBLES_WINDOW = flag("read_update_doubles_window",
            "a read sends a window update only if the window at least doubles (Linux tcp_cleanup_rbuf)", false);

    /**
     * Linux's timer wheel (kernel/time/timer.c): timers count jiffies of 1/HZ s, and a timer
     * expires at the end of the bucket its level rounds it up to: one jiffy at level 0 (under
     * 63 jiffies), 8 at level 1 (under 504), 64 at level 2 (under 4032), 512 at level 3, and
     * 8 times more per level (LVL_CLK_SHIFT 3, LVL_SIZE 64; calc_index always rounds up, so a
     * 200 ms RTO of 50 jiffies fires after 51). Virtual time 0 is a jiffy boundary. 0 fires
     * every timer at its exact instant. Capture syn-retries-default: the 32 s and 64 s SYN
     * timeouts fire 1.5 s late.
     */
    public static final Parameter.Count TIMER_WHEEL_HZ = count("timer_wheel_hz", "Hz",
            "timers on Linux's timer wheel at this HZ (250: 4 ms jiffies, coarser for long timeouts); 0 for exact",
            0, 1000, 0);

    /** Every parameter, in the table's order. */
    public static final List<Parameter> ALL = List.copyOf(TABLE);

    // ---------------------------------------------------------------------------------------

    private static Parameter.Count count(String name, String unit, String description, long min, long max,
            long rfcDefault) {
        return add(new Parameter.Count(TABLE.size(), name, unit, description, min, max, rfcDefault));
    }

    private static Parameter.Time time(String name, String description, long min, long max, long rfcDefault) {
        return add(new Parameter.Time(TABLE.size(), name, description, min, max, rfcDefault));
    }

    private static Parameter.Flag flag(String name, String description, boolean rfcDefault) {
        return add(new Parameter.Flag(TABLE.size(), name, description, rfcDefault));
    }

    private static <E extends Enum<E>> Parameter.Choice<E> choice(String name, String description, Class<E> type,
            E rfcDefault) {
        return add(new Parameter.Choice<>(TABLE.size(), name, description, type, rfcDefault));
    }

    private static <P extends Parameter> P add(P p) {
        TABLE.add(p);
        return p;
    }
}
