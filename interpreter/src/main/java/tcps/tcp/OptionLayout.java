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
    /**
     * macOS (XNU's tcp_output, in the order 4.4BSD wrote them): SYN and SYN-ACK
     * {@code mss,nop,wscale,nop,nop,TS,sackOK}, SACK-permitted "last", then EOL octets up to a
     * multiple of four ("Pad TCP options to a 4 byte boundary"), which tcpdump prints as one
     * {@code eol} (seed 000's macOS listing). Other segments: {@code nop,nop,TS}.
     */
    MACOS,
    /**
     * 4.3BSD-Reno (1990): an MSS option on SYN and SYN-ACK, and nothing else; window scale and
     * timestamps came with RFC 1323 (1992) and 4.4BSD, SACK with RFC 2018 (1996).
     */
    BSD,
    /** No options at all: the textbook stack of RFC 9293 figures. */
    NONE
}
