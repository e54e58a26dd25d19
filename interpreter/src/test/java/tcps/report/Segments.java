package tcps.report;

import java.nio.charset.StandardCharsets;
import java.util.List;
import tcps.tcp.Ipv4;
import tcps.tcp.Segment;
import tcps.tcp.SeqNum;
import tcps.tcp.TcpAddress;
import tcps.tcp.TcpOption;

/** Short ways to write the segments of TCPDUMP.md's examples in tests. */
final class Segments {
    /** 2023-11-14T00:00:00Z: the day of the probe's captures (its packets start at 1700000000.123456). */
    static final long PROBE_DAY_SECONDS = 1_699_920_000L;

    private Segments() {}

    /** {@code from}/{@code to} are "address:port"; the payload is {@code length} zero octets. */
    static Segment seg(String from, String to, int flags, long seq, long ack, int window, int length,
            TcpOption... options) {
        return seg(from, to, flags, seq, ack, window, new byte[length], options);
    }

    static Segment seg(String from, String to, int flags, long seq, long ack, int window, byte[] payload,
            TcpOption... options) {
        return new Segment(end(from), end(to), SeqNum.of(seq), SeqNum.of(ack), flags, window, 0,
                List.of(options), payload);
    }

    static Segment withUrgent(Segment s, int urgent) {
        return new Segment(s.src(), s.dst(), s.seq(), s.ack(), s.flags(), s.window(), urgent, s.options(),
                s.payload());
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static TcpAddress end(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        Ipv4 ip = Ipv4.parse(hostPort.substring(0, colon)).orElseThrow();
        return new TcpAddress(ip, Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** Linux's SYN and SYN-ACK options: {@code mss,sackOK,TS,nop,wscale}. */
    static TcpOption[] linuxSyn(int mss, long tsVal, long tsEcr) {
        return new TcpOption[] {
            new TcpOption.Mss(mss), TcpOption.SACK_PERMITTED, new TcpOption.Timestamps(tsVal, tsEcr),
            TcpOption.NOP, new TcpOption.WindowScale(7)
        };
    }

    /** Linux's options on every later segment: {@code nop,nop,TS}. */
    static TcpOption[] linuxTs(long tsVal, long tsEcr) {
        return new TcpOption[] {TcpOption.NOP, TcpOption.NOP, new TcpOption.Timestamps(tsVal, tsEcr)};
    }

    static TcpOption sack(long... edges) {
        TcpOption.SackBlock[] blocks = new TcpOption.SackBlock[edges.length / 2];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new TcpOption.SackBlock(SeqNum.of(edges[2 * i]), SeqNum.of(edges[2 * i + 1]));
        }
        return new TcpOption.Sack(List.of(blocks));
    }

    /** Virtual microseconds of a line's {@code HH:MM:SS.ffffff} prefix, on the probe's day. */
    static long timeOf(String line) {
        long h = Long.parseLong(line.substring(0, 2));
        long m = Long.parseLong(line.substring(3, 5));
        long s = Long.parseLong(line.substring(6, 8));
        long micros = Long.parseLong(line.substring(9, 15));
        return (PROBE_DAY_SECONDS + h * 3600 + m * 60 + s) * 1_000_000L + micros;
    }
}
