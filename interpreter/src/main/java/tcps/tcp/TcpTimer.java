package tcps.tcp;

/**
 * The timers of one connection (RFC 9293 3.10.8 and the RFCs it leaves them to), in the order
 * they fire when several are due at the same instant.
 */
public enum TcpTimer {
    /** TIME-WAIT's 2 MSL (RFC 9293 3.10.7.4): the connection is deleted when it expires. */
    TIME_WAIT,
    /** FIN-WAIT-2 of a socket the application closed (Linux tcp_fin_timeout). */
    FIN_WAIT_2,
    /** The retransmission timer (RFC 6298 section 5); SYN, SYN-ACK and FIN use it too. */
    RETRANSMISSION,
    /**
     * The tail loss probe (RFC 8985 7.2), which Linux runs on the retransmission timer: while it
     * is armed the retransmission timer is not, and the other way round.
     */
    LOSS_PROBE,
    /** RACK's reordering timer (RFC 8985 6.3). */
    REORDERING,
    /** The persist timer of a zero window (RFC 9293 3.8.6.1). */
    PERSIST,
    /** The delayed ACK (RFC 9293 3.8.6.3, RFC 1122 4.2.3.2). */
    DELAYED_ACK;

    /** How reports name it: "retransmission", "loss probe", "TIME-WAIT". */
    public String label() {
        return switch (this) {
            case TIME_WAIT -> "TIME-WAIT";
            case FIN_WAIT_2 -> "FIN-WAIT-2";
            default -> name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }
}
