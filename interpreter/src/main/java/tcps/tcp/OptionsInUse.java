package tcps.tcp;

/**
 * What a connection uses after the handshake (RFC 7323, RFC 2018).
 *
 * @param peerMss    the peer's MSS option, or 536 without one (RFC 9293 3.7.1)
 * @param sack       both SYNs carried SACK-permitted
 * @param timestamps both SYNs carried timestamps: every later segment carries them
 * @param sndShift   the peer's window scale: SND.WND = SEG.WND << sndShift (0 without scaling)
 * @param rcvShift   our window scale: the window field is RCV.WND >> rcvShift
 */
record OptionsInUse(int peerMss, boolean sack, boolean timestamps, int sndShift, int rcvShift) {
    /** Bytes a timestamps option takes in every segment (nop,nop,TS). */
    static final int TIMESTAMPS_LENGTH = 12;

    /** Before the peer's SYN is known: nothing negotiated yet. */
    static final OptionsInUse UNKNOWN = new OptionsInUse(SynOptions.DEFAULT_MSS, false, false, 0, 0);

    /**
     * Eff.snd.MSS (RFC 9293 3.7.1): the smaller of the peer's MSS and ours, less the option bytes
     * every segment carries (Linux tcp_current_mss does the same with the 12 timestamp bytes).
     */
    int sendMss(int ourMss) {
        return Math.min(peerMss, ourMss) - (timestamps ? TIMESTAMPS_LENGTH : 0);
    }
}
