package tcps.run;

import java.util.ArrayList;
import java.util.List;
import tcps.tcp.TcpOption;

/** How failure reports spell payloads and option lists. */
final class Text {
    private static final int MAX_QUOTED = 40;

    private Text() {}

    /** A payload as a string literal a script could contain, cut after 40 bytes. */
    static String quote(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < bytes.length && i < MAX_QUOTED; i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
            }
        }
        sb.append('"');
        if (bytes.length > MAX_QUOTED) {
            sb.append("... (").append(bytes.length).append(" bytes)");
        }
        return sb.toString();
    }

    /** Options as tcpdump lists them (absolute numbers): {@code mss 65495,sackOK,TS val 1 ecr 0}. */
    static String options(List<TcpOption> options) {
        List<String> parts = new ArrayList<>();
        for (TcpOption o : options) {
            if (o instanceof TcpOption.Mss m) {
                parts.add("mss " + m.value());
            } else if (o instanceof TcpOption.WindowScale w) {
                parts.add("wscale " + w.shift());
            } else if (o instanceof TcpOption.SackPermitted) {
                parts.add("sackOK");
            } else if (o instanceof TcpOption.Timestamps t) {
                parts.add("TS val " + t.val() + " ecr " + t.ecr());
            } else if (o instanceof TcpOption.Nop) {
                parts.add("nop");
            } else if (o instanceof TcpOption.Eol) {
                parts.add("eol");
            } else if (o instanceof TcpOption.Sack s) {
                StringBuilder sb = new StringBuilder("sack " + s.blocks().size() + " ");
                s.blocks().forEach(b -> sb.append('{').append(b.left()).append(':').append(b.right()).append('}'));
                parts.add(sb.toString());
            }
        }
        return String.join(",", parts);
    }
}
