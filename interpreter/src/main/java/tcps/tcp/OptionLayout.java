package tcps.tcp;

/**
 * How a stack lays its options out on the wire. The set of options comes from negotiation;
 * the order and the NOP padding are the stack's habit, and tcpdump shows them.
 */
public enum OptionLayout {
    /**
     * Linux (tcp_options_write in net/ipv4/tcp_output.c). SYN and SYN-ACK:
     * {@code mss,sackOK,TS,nop,wscale}; without SACK {@code mss,nop,nop,TS,nop,wscale}; without TS
     * {@code mss,nop,nop,sackOK,nop,wscale}. Other segments: {@code nop,nop,TS}.
     */
    LINUX,
    /** No options at all: the textbook stack of RFC 9293 figures. */
    NONE
}
