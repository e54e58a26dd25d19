package tcps.report;

import java.util.List;
import java.util.OptionalInt;
import tcps.tcp.Segment;
import tcps.tcp.TcpOption;

/**
 * One IPv4 datagram carrying one segment, exactly as a capture holds it. The pcap writer stores
 * {@link #bytes()}; the {@code -v} printer shows the same IP id, TTL, DF bit and TCP checksum, so
 * the two always agree on a packet.
 *
 * <p>The IP header is the plain one every tcps host sends: IHL 5 (no IP options), TOS 0, fragment
 * offset 0, MF clear, protocol 6, correct header checksum (RFC 791 section 3.1). The TCP header
 * follows RFC 9293 section 3.1; options are padded with zero octets (End of Option List) to a
 * multiple of four, as the data offset requires. Byte 12's low bits (NS/AE) are always zero,
 * because tcpdump 4.99.3 ignores them and later releases print them.
 *
 * @param segment the TCP segment; {@code flags} beyond the eight bits of byte 13 are not sent
 * @param id the IP identification field
 * @param ttl the IP time to live (tcpdump omits it under {@code -v} when it is 0)
 * @param dontFragment the DF bit
 * @param tcpChecksum the TCP checksum field to store, or empty for the correct one
 */
public record Ipv4Packet(Segment segment, int id, int ttl, boolean dontFragment, OptionalInt tcpChecksum) {
    /** Linux's default TTL (net.ipv4.ip_default_ttl). */
    public static final int DEFAULT_TTL = 64;

    static final int IP_HEADER_LENGTH = 20;
    private static final int TCP_BASE_HEADER = 20;
    /** The data offset is 4 bits of 32-bit words: at most 60 octets of header, 40 of options. */
    private static final int MAX_OPTION_BYTES = 40;
    private static final int PROTO_TCP = 6;

    public Ipv4Packet {
        check(id, 0xffff, "IP id");
        check(ttl, 0xff, "TTL");
        tcpChecksum.ifPresent(c -> check(c, 0xffff, "TCP checksum"));
        check(segment.urgent(), 0xffff, "urgent pointer");
        segment.options().forEach(Ipv4Packet::checkFits);
        if (TcpOption.paddedLength(segment.options()) > MAX_OPTION_BYTES) {
            throw new IllegalArgumentException("TCP options take more than 40 octets: " + segment.options());
        }
        int total = IP_HEADER_LENGTH + TCP_BASE_HEADER + TcpOption.paddedLength(segment.options()) + segment.length();
        if (total > 0xffff) {
            throw new IllegalArgumentException("IPv4 total length over 65535: " + total);
        }
    }

    /** The packet every tcps host sends: TTL 64, DF set, correct checksums. */
    public static Ipv4Packet of(Segment segment, int id) {
        return new Ipv4Packet(segment, id, DEFAULT_TTL, true, OptionalInt.empty());
    }

    /** The same packet with {@code checksum} in the TCP checksum field, right or wrong. */
    public Ipv4Packet withTcpChecksum(int checksum) {
        return new Ipv4Packet(segment, id, ttl, dontFragment, OptionalInt.of(checksum));
    }

    /**
     * The same packet with a wrong TCP checksum: the right one with its lowest bit flipped. A flip
     * is always wrong: the only value with two valid spellings is 0x0000 (also 0xffff), and it
     * flips to 0x0001.
     */
    public Ipv4Packet withCorruptTcpChecksum() {
        return withTcpChecksum(correctTcpChecksum() ^ 1);
    }

    public int tcpHeaderLength() {
        return TCP_BASE_HEADER + TcpOption.paddedLength(segment.options());
    }

    /** The IP total length field: both headers and the payload. */
    public int totalLength() {
        return IP_HEADER_LENGTH + tcpHeaderLength() + segment.length();
    }

    /** The TCP checksum field as this packet carries it. */
    public int storedTcpChecksum() {
        return tcpChecksum.isPresent() ? tcpChecksum.getAsInt() : correctTcpChecksum();
    }

    /** The checksum RFC 9293 section 3.1 asks for, over the pseudo-header and the segment. */
    public int correctTcpChecksum() {
        byte[] b = encode(0);
        return ~tcpSum(b) & 0xffff;
    }

    /**
     * The one's complement sum over the pseudo-header and the segment as carried (stored checksum
     * included). It is 0xffff exactly when the checksum verifies.
     */
    int tcpSumAsCarried() {
        return tcpSum(bytes());
    }

    /** The whole datagram: IP header, TCP header with options and padding, payload. */
    public byte[] bytes() {
        return encode(storedTcpChecksum());
    }

    private byte[] encode(int checksum) {
        byte[] b = new byte[totalLength()];
        int dataOffsetWords = tcpHeaderLength() / 4;
        // IPv4 header (RFC 791 section 3.1).
        b[0] = 0x45;
        b[1] = 0;
        put16(b, 2, totalLength());
        put16(b, 4, id);
        put16(b, 6, dontFragment ? 0x4000 : 0);
        b[8] = (byte) ttl;
        b[9] = PROTO_TCP;
        System.arraycopy(segment.src().ip().octets(), 0, b, 12, 4);
        System.arraycopy(segment.dst().ip().octets(), 0, b, 16, 4);
        put16(b, 10, ~InternetChecksum.onesSum(b, 0, IP_HEADER_LENGTH) & 0xffff);
        // TCP header (RFC 9293 section 3.1).
        int t = IP_HEADER_LENGTH;
        put16(b, t, segment.src().port());
        put16(b, t + 2, segment.dst().port());
        put32(b, t + 4, segment.seq().bits());
        put32(b, t + 8, segment.ack().bits());
        b[t + 12] = (byte) (dataOffsetWords << 4);
        b[t + 13] = (byte) segment.flags();
        put16(b, t + 14, segment.window());
        put16(b, t + 16, checksum);
        put16(b, t + 18, segment.urgent());
        // Padding after the last option stays zero: EOL octets (RFC 9293 section 3.2).
        putOptions(b, t + TCP_BASE_HEADER, segment.options());
        byte[] payload = segment.payload();
        System.arraycopy(payload, 0, b, t + tcpHeaderLength(), payload.length);
        return b;
    }

    private static void putOptions(byte[] b, int at, List<TcpOption> options) {
        for (TcpOption o : options) {
            if (o instanceof TcpOption.Eol) {
                b[at] = 0;
            } else if (o instanceof TcpOption.Nop) {
                b[at] = 1;
            } else if (o instanceof TcpOption.Mss mss) {
                b[at] = 2;
                b[at + 1] = 4;
                put16(b, at + 2, mss.value());
            } else if (o instanceof TcpOption.WindowScale ws) {
                b[at] = 3;
                b[at + 1] = 3;
                b[at + 2] = (byte) ws.shift();
            } else if (o instanceof TcpOption.SackPermitted) {
                b[at] = 4;
                b[at + 1] = 2;
            } else if (o instanceof TcpOption.Sack sack) {
                b[at] = 5;
                b[at + 1] = (byte) sack.wireLength();
                int p = at + 2;
                for (TcpOption.SackBlock block : sack.blocks()) {
                    put32(b, p, block.left().bits());
                    put32(b, p + 4, block.right().bits());
                    p += 8;
                }
            } else if (o instanceof TcpOption.Timestamps ts) {
                b[at] = 8;
                b[at + 1] = 10;
                put32(b, at + 2, (int) ts.val());
                put32(b, at + 6, (int) ts.ecr());
            }
            at += o.wireLength();
        }
    }

    /** Pseudo-header (source, destination, zero, protocol, TCP length) plus the TCP segment. */
    private static int tcpSum(byte[] packet) {
        int tcpLength = packet.length - IP_HEADER_LENGTH;
        byte[] pseudo = new byte[12];
        System.arraycopy(packet, 12, pseudo, 0, 8);
        pseudo[9] = PROTO_TCP;
        put16(pseudo, 10, tcpLength);
        return InternetChecksum.add(
                InternetChecksum.onesSum(pseudo, 0, pseudo.length),
                InternetChecksum.onesSum(packet, IP_HEADER_LENGTH, packet.length));
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private static void put32(byte[] b, int at, int v) {
        put16(b, at, v >>> 16);
        put16(b, at + 2, v);
    }

    /** Option values must fit their fields, or the printed value would differ from the stored one. */
    private static void checkFits(TcpOption o) {
        if (o instanceof TcpOption.Mss mss) {
            check(mss.value(), 0xffff, "MSS");
        } else if (o instanceof TcpOption.WindowScale ws) {
            check(ws.shift(), 0xff, "window scale shift");
        } else if (o instanceof TcpOption.Timestamps ts) {
            checkUnsigned32(ts.val(), "TSval");
            checkUnsigned32(ts.ecr(), "TSecr");
        }
    }

    private static void checkUnsigned32(long value, String what) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException(what + " is not an unsigned 32-bit value: " + value);
        }
    }

    private static void check(int value, int max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " out of range 0.." + max + ": " + value);
        }
    }
}
