package tcps.report;

import java.util.List;
import tcps.tcp.Ipv4;
import tcps.tcp.Segment;
import tcps.tcp.TcpAddress;
import tcps.tcp.TcpFlags;
import tcps.tcp.TcpOption;

/**
 * Prints segments the way tcpdump 4.99.3 prints them when it reads a capture of them
 * ({@code TZ=UTC tcpdump -n -r file}; the rules are in TCPDUMP.md, sections 1 to 9).
 * One printer per capture, that is per simulated network: relative sequence numbers depend on
 * every earlier segment of the capture (see {@link RelativeNumbering}).
 *
 * <p>Times are virtual microseconds since 0, which is read as 1970-01-01T00:00:00Z. tcpdump prints
 * local time; tcps prints UTC, so compare with {@code TZ=UTC tcpdump}.
 *
 * <p>IP identification: every segment given without an explicit {@link Ipv4Packet} takes the next
 * id of a 16-bit counter that starts at {@code firstIpId} (1 unless told) and wraps. A
 * {@link PcapWriter} numbers its records the same way, so a printer and a writer fed the same
 * segments in the same order show the same ids under {@code -v}. The id only appears under
 * {@code -v}, but it is counted in every mode.
 *
 * <p>Not imitated, because tcps never produces them: IPv6, IP options, fragments, bad IP header
 * checksums, truncated captures and malformed TCP headers or options, {@code -vv}, and tcpdump's
 * payload decoders. tcpdump hands the payload of a segment to a protocol printer chosen by
 * either port (HTTP on 80 and 8080, FTP on 21, RESP on 6379, and so on; TCPDUMP.md section 10),
 * which adds text after {@code length n}. This printer prints every segment as a port without a
 * decoder would, so scenarios must keep payload off those ports (5001 and 9000 are safe).
 * Without {@code -n}, tcpdump would also name well-known ports from /etc/services
 * ({@code localhost.ssh}); tcps prints them as numbers.
 */
public final class TcpdumpPrinter {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;
    /** tcpdump shows at most this many octets of text carried by an RST (print-tcp.c). */
    private static final int MAX_RST_TEXT = 30;

    private final TcpdumpOptions options;
    private final RelativeNumbering relative = new RelativeNumbering();
    private int nextIpId;

    public TcpdumpPrinter(TcpdumpOptions options) {
        this(options, 1);
    }

    public TcpdumpPrinter(TcpdumpOptions options, int firstIpId) {
        if (firstIpId < 0 || firstIpId > 0xffff) {
            throw new IllegalArgumentException("IP id is 16 bits: " + firstIpId);
        }
        this.options = options;
        this.nextIpId = firstIpId;
    }

    public TcpdumpOptions options() {
        return options;
    }

    /** The line for {@code segment} seen at {@code timeMicros}, carried with the next IP id. */
    public String line(Segment segment, long timeMicros) {
        return line(segment, timeMicros, false);
    }

    /**
     * As {@link #line(Segment, long)}; with {@code corruptChecksum} the packet carries a wrong TCP
     * checksum ({@link Ipv4Packet#withCorruptTcpChecksum()}), which only {@code -v} shows.
     */
    public String line(Segment segment, long timeMicros, boolean corruptChecksum) {
        Ipv4Packet packet = Ipv4Packet.of(segment, takeIpId());
        return line(corruptChecksum ? packet.withCorruptTcpChecksum() : packet, timeMicros);
    }

    /**
     * The text tcpdump prints for {@code packet} captured at {@code timeMicros}, without the final
     * newline. Under {@code -v} it is two physical lines, the second indented by four blanks.
     * Does not take an IP id from the counter.
     */
    public String line(Ipv4Packet packet, long timeMicros) {
        Segment s = packet.segment();
        StringBuilder out = new StringBuilder(160);
        appendTimestamp(out, timeMicros);
        out.append("IP ");
        if (options.verbose()) {
            appendIpHeader(out, packet);
            out.append("\n    ");
        }
        appendEnd(out, s.src());
        out.append(" > ");
        appendEnd(out, s.dst());
        out.append(": Flags [").append(TcpFlags.tcpdump(s.flags() & 0xff)).append(']');

        // The table is updated for every segment, whatever is printed (print-tcp.c does it first).
        RelativeNumbering.Shown shown = options.absolute() ? RelativeNumbering.absolute(s) : relative.show(s);
        if (options.verbose()) {
            appendChecksum(out, packet);
        }
        int length = s.length();
        if (length > 0 || s.has(TcpFlags.SYN) || s.has(TcpFlags.FIN) || s.has(TcpFlags.RST)) {
            out.append(", seq ").append(shown.seq().value());
            if (length > 0) {
                out.append(':').append(shown.seq().plus(length).value());
            }
        }
        if (s.has(TcpFlags.ACK)) {
            out.append(", ack ").append(shown.ack().value());
        }
        out.append(", win ").append(s.window());
        if (s.has(TcpFlags.URG)) {
            out.append(", urg ").append(s.urgent());
        }
        if (!s.options().isEmpty()) {
            appendOptions(out, s.options(), shown);
        }
        out.append(", length ").append(length);
        if (options.verbose() && s.has(TcpFlags.RST) && length > 0) {
            appendRstText(out, s.payload());
        }
        return out.toString();
    }

    private int takeIpId() {
        int id = nextIpId;
        nextIpId = (nextIpId + 1) & 0xffff;
        return id;
    }

    private void appendTimestamp(StringBuilder out, long timeMicros) {
        if (timeMicros < 0 || timeMicros / MICROS_PER_SECOND > Integer.MAX_VALUE) {
            // tcpdump 4.99.3 prints "[Error converting time]" from 2^31 s on; tcps never gets there.
            throw new IllegalArgumentException("virtual time outside 0 .. 2^31 s: " + timeMicros + " us");
        }
        long seconds = timeMicros / MICROS_PER_SECOND;
        int micros = (int) (timeMicros % MICROS_PER_SECOND);
        switch (options.timestamps()) {
            case NONE -> {
                return;
            }
            case EPOCH -> out.append(seconds);
            case DEFAULT -> {
                long ofDay = seconds % SECONDS_PER_DAY;
                pad(out, ofDay / 3600, 2).append(':');
                pad(out, ofDay / 60 % 60, 2).append(':');
                pad(out, ofDay % 60, 2);
            }
        }
        out.append('.');
        pad(out, micros, 6).append(' ');
    }

    /** {@code (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 60)} (print-ip.c). */
    private static void appendIpHeader(StringBuilder out, Ipv4Packet p) {
        out.append("(tos 0x0");
        if (p.ttl() != 0) {
            out.append(", ttl ").append(p.ttl());
        }
        out.append(", id ").append(p.id())
                .append(", offset 0, flags [").append(p.dontFragment() ? "DF" : "none")
                .append("], proto TCP (6), length ").append(p.totalLength()).append(')');
    }

    private void appendEnd(StringBuilder out, TcpAddress end) {
        out.append(hostName(end.ip())).append('.').append(end.port());
    }

    /** Without -n, tcpdump asks the resolver; 127.0.0.1 is "localhost" in every /etc/hosts. */
    private String hostName(Ipv4 ip) {
        return !options.numeric() && ip.equals(Ipv4.LOOPBACK) ? "localhost" : ip.toString();
    }

    /**
     * tcpdump's verdict on the TCP checksum. Its "should be" value is the stored field plus the
     * complement of the sum as carried, so a correct checksum of 0x0000 shows as 0xffff.
     */
    private static void appendChecksum(StringBuilder out, Ipv4Packet p) {
        int stored = p.storedTcpChecksum();
        int sum = p.tcpSumAsCarried();
        out.append(", cksum 0x");
        hex4(out, stored);
        if (sum == 0xffff) {
            out.append(" (correct)");
        } else {
            out.append(" (incorrect -> 0x");
            hex4(out, InternetChecksum.add(stored, ~sum & 0xffff));
            out.append(')');
        }
    }

    /**
     * {@code , options [mss 1460,sackOK,...]}. Like tcpdump, stop after the first EOL; the zero
     * padding up to a multiple of four octets is itself read as one EOL.
     */
    private static void appendOptions(StringBuilder out, List<TcpOption> list, RelativeNumbering.Shown shown) {
        out.append(", options [");
        int octets = 0;
        boolean first = true;
        boolean ended = false;
        for (TcpOption o : list) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendOption(out, o, shown);
            octets += o.wireLength();
            if (o instanceof TcpOption.Eol) {
                ended = true;
                break;
            }
        }
        if (!ended && octets < TcpOption.paddedLength(list)) {
            out.append(",eol");
        }
        out.append(']');
    }

    private static void appendOption(StringBuilder out, TcpOption o, RelativeNumbering.Shown shown) {
        // SACK edges are in the receiver's sequence space: relative to its base (RFC 2018 section 3).
        out.append(o instanceof TcpOption.Sack sack ? sack.text(shown.sackBase()) : o.text());
    }

    /**
     * Under -v, text carried by an RST (RFC 9293 section 3.5.3 allows it) is shown in brackets:
     * at most 30 octets, {@code +} if cut, control characters as {@code ^M}, octets above 127 as
     * {@code M-} and their low seven bits.
     */
    private static void appendRstText(StringBuilder out, byte[] text) {
        out.append(" [RST");
        int n = text.length;
        if (n > MAX_RST_TEXT) {
            n = MAX_RST_TEXT;
            out.append('+');
        }
        out.append(' ');
        for (int i = 0; i < n; i++) {
            int c = text[i] & 0xff;
            if (c > 0x7f) {
                c &= 0x7f;
                out.append("M-");
            }
            if (c < 0x20 || c == 0x7f) {
                c ^= 0x40;
                out.append('^');
            }
            out.append((char) c);
        }
        out.append(']');
    }

    private static StringBuilder pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }

    private static void hex4(StringBuilder out, int value) {
        String digits = Integer.toHexString(value);
        for (int i = digits.length(); i < 4; i++) {
            out.append('0');
        }
        out.append(digits);
    }
}
