package tcps.tcp;

/**
 * Everything that makes one TCP implementation behave differently from another, as data.
 * Times are in microseconds of virtual time.
 *
 * @param name              the name scripts select it by ({@code stack linux})
 * @param optionLayout      which options are offered and in what order
 * @param mss               the MSS option value this stack advertises
 * @param rcvSpace          receive buffer space the initial window is chosen from
 * @param windowScale       the window scale shift offered in SYN/SYN-ACK, or -1 to offer none
 * @param sack              offers SACK-permitted
 * @param timestamps        offers RFC 7323 timestamps
 * @param timestampHz       rate of the timestamp clock (Linux: 1000 Hz)
 * @param roundWindowUp     Linux rounds a scaled window up to the scale's granularity
 *                          (__tcp_select_window), so 65483 bytes at scale 7 advertise 512
 * @param rstAckOnAbort     ABORT sends RST+ACK (Linux) rather than the RFC's bare RST
 * @param timeWait          how long TIME-WAIT lasts (RFC: 2 MSL = 240 s; Linux: 60 s)
 * @param delayedAck        the delayed-ACK timeout (Linux: 40 ms, RFC 1122: at most 500 ms)
 * @param delayFinAckAfterData Linux: a FIN arriving in ESTABLISHED after data was received is
 *                          ACKed after the delayed-ACK timeout (pingpong mode), so an application
 *                          that closes in time sends its FIN with that ACK
 */
public record Profile(
        String name,
        OptionLayout optionLayout,
        int mss,
        int rcvSpace,
        int windowScale,
        boolean sack,
        boolean timestamps,
        long timestampHz,
        boolean roundWindowUp,
        boolean rstAckOnAbort,
        long timeWait,
        long delayedAck,
        boolean delayFinAckAfterData) {

    private static final long MS = 1_000;
    private static final long S = 1_000_000;

    /**
     * Linux on the loopback interface (seed 000): MSS 65495 (MTU 65536), window scale 7,
     * SACK and timestamps, TIME-WAIT 60 s (TCP_TIMEWAIT_LEN), delayed ACK 40 ms (TCP_DELACK_MIN).
     */
    public static final Profile LINUX = new Profile(
            "linux", OptionLayout.LINUX, 65495, 65535, 7, true, true, 1000,
            true, true, 60 * S, 40 * MS, true);

    /**
     * The textbook stack of RFC 9293: no options, a fixed window, TIME-WAIT of 2 MSL with the
     * RFC's MSL of 2 minutes, the ACK of every segment sent at once.
     */
    public static final Profile RFC9293 = new Profile(
            "rfc9293", OptionLayout.NONE, 536, 65535, -1, false, false, 1000,
            false, false, 240 * S, 0, false);

    public boolean offersWindowScale() {
        return windowScale >= 0;
    }
}
