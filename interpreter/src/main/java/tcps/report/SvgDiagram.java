package tcps.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tcps.run.RunEvent;
import tcps.run.Text;

/**
 * The ladder diagram of one scenario as an SVG document that needs nothing else to be viewed (no
 * script, no font, no network): one lifeline per endpoint, each segment an arrow from the instant
 * it was sent to the instant it arrived, so arrows slant by the link delay; a lost segment's
 * arrow ends in a cross half-way. States, timers and errors are written beside their endpoint.
 * Hovering over an arrow shows its tcpdump line and the TCB variables of both ends before and
 * after it (an SVG {@code <title>}); each arrow is a group {@code <g class="segment"
 * data-index="N">} that the HTML report makes clickable.
 *
 * <p>Vertical space follows virtual time on a logarithmic scale, so 10 µs of link delay and a
 * minute of TIME-WAIT both fit: each step between two instants takes 24 to 84 pixels.
 */
final class SvgDiagram {
    private static final int TOP = 64;
    private static final int LEFT = 120;
    private static final int GAP = 380;
    private static final int SIDE = 170;
    private static final int LINE = 16;

    private SvgDiagram() {}

    static String render(Exchange x) {
        int n = Math.max(1, x.endpoints.size());
        int width = LEFT + SIDE + GAP * (n - 1) + SIDE;
        int[] at = new int[n];
        for (int i = 0; i < n; i++) {
            at[i] = LEFT + SIDE + GAP * i;
        }
        Map<Long, Integer> y = instants(x);
        int height = y.values().stream().mapToInt(Integer::intValue).max().orElse(TOP) + 60;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tcps-ladder\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" "
                        + "font-size=\"12\">\n");
        svg.append("<style>\n"
                + ".life{stroke:#555;stroke-width:1.5}\n"
                + ".arrow{stroke:#1f4e9c;stroke-width:1.6;fill:none}\n"
                + ".head{fill:#1f4e9c}\n"
                + ".lost .arrow,.rst .arrow,.corrupt .arrow{stroke:#c62828}\n"
                + ".lost .head,.rst .head,.corrupt .head{fill:#c62828}\n"
                + ".fault .arrow{stroke-dasharray:6 3}\n"
                + ".cross{stroke:#c62828;stroke-width:2.5}\n"
                + ".label{fill:#111}\n"
                + ".state{fill:#00695c;font-weight:bold}\n"
                + ".timer{fill:#8e24aa;font-style:italic}\n"
                + ".error{fill:#c62828}\n"
                + ".time{fill:#777}\n"
                + ".segment:hover .arrow{stroke-width:3.5}\n"
                + ".segment.selected .arrow{stroke:#ef6c00;stroke-width:3.5}\n"
                + ".hit{stroke:transparent;stroke-width:12;fill:none}\n"
                + "</style>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (int i = 0; i < n; i++) {
            String name = x.endpoints.isEmpty() ? "" : x.endpoints.get(i);
            svg.append(text(at[i], 24, "middle", "name", name, "font-size=\"15\" font-weight=\"bold\""));
            svg.append("<line class=\"life\" x1=\"").append(at[i]).append("\" y1=\"34\" x2=\"").append(at[i])
                    .append("\" y2=\"").append(height - 20).append("\"/>\n");
        }
        java.util.Set<Long> timesShown = new java.util.HashSet<>();
        for (Exchange.Arrow a : x.arrows) {
            int from = x.endpoints.indexOf(a.from());
            int to = x.endpoints.indexOf(a.to());
            if (from < 0 || to < 0) {
                continue;
            }
            int y1 = y.get(a.sent()) + slot(x, a);
            if (timesShown.add(a.sent())) {
                svg.append(text(8, y1 + 4, "start", "time", Ladder.seconds(a.sent()) + " s", ""));
            }
            svg.append(arrow(a, at[from], y1, at[to], a.lost() ? -1 : y.get(a.arrival()) + slot(x, a)));
        }
        for (Exchange.Note note : x.notes) {
            int col = x.endpoints.indexOf(note.endpoint());
            if (col < 0) {
                continue;
            }
            boolean left = col == 0 && n > 1;
            int nx = left ? at[col] - 8 : at[col] + 8;
            String cls = switch (note.kind()) {
                case STATE -> "state";
                case TIMER -> "timer";
                case ERROR, CALL -> "error";
            };
            svg.append(text(nx, y.get(note.time()) + noteSlot(x, note) + 4, left ? "end" : "start", cls, note.text(),
                    ""));
            if (timesShown.add(note.time())) {
                svg.append(text(8, y.get(note.time()) + 4, "start", "time", Ladder.seconds(note.time()) + " s", ""));
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /**
     * The y of each instant at which something is drawn, log-spaced in virtual time, with room
     * for the segments sent at one instant, one under the other, and for the notes of one end.
     */
    private static Map<Long, Integer> instants(Exchange x) {
        TreeMap<Long, Integer> rows = new TreeMap<>();
        Map<String, Integer> perEnd = new java.util.HashMap<>();
        for (Exchange.Arrow a : x.arrows) {
            rows.merge(a.sent(), 1, Integer::sum);
            if (!a.lost()) {
                rows.merge(a.arrival(), 0, Integer::sum);
            }
        }
        for (Exchange.Note note : x.notes) {
            int k = perEnd.merge(note.time() + "/" + note.endpoint(), 1, Integer::sum);
            rows.merge(note.time(), k, Math::max);
        }
        Map<Long, Integer> y = new TreeMap<>();
        int at = TOP;
        long last = -1;
        int lastRows = 1;
        for (Map.Entry<Long, Integer> e : rows.entrySet()) {
            if (last >= 0) {
                long gap = e.getKey() - last;
                int step = (int) Math.round(24 + 12 * Math.log10(1 + gap / 10.0));
                at += Math.min(84, step) + LINE * Math.max(0, lastRows - 1);
            }
            y.put(e.getKey(), at);
            last = e.getKey();
            lastRows = Math.max(1, e.getValue());
        }
        return y;
    }

    /** Segments sent at one instant are drawn one under the other. */
    private static int slot(Exchange x, Exchange.Arrow a) {
        int k = 0;
        for (Exchange.Arrow b : x.arrows) {
            if (b == a) {
                break;
            }
            if (b.sent() == a.sent()) {
                k++;
            }
        }
        return k * LINE;
    }

    /** Notes of one end at one instant are written one under the other. */
    private static int noteSlot(Exchange x, Exchange.Note note) {
        int k = 0;
        for (Exchange.Note o : x.notes) {
            if (o == note) {
                break;
            }
            if (o.time() == note.time() && o.endpoint().equals(note.endpoint())) {
                k++;
            }
        }
        return k * LINE;
    }

    /** One segment: its line, its head (or a cross half-way if lost), its label and its tooltip. */
    private static String arrow(Exchange.Arrow a, int x1, int y1, int x2, int y2) {
        List<String> classes = new ArrayList<>(List.of("segment"));
        if (a.lost()) {
            classes.add("lost");
        }
        if (a.segment().has(tcps.tcp.TcpFlags.RST)) {
            classes.add("rst");
        }
        if (a.corruptedOnArrival()) {
            classes.add("corrupt");
        }
        if (a.fault() != null && !a.lost()) {
            classes.add("fault");
        }
        StringBuilder g = new StringBuilder();
        g.append("<g class=\"").append(String.join(" ", classes)).append("\" data-index=\"").append(a.index())
                .append("\">\n");
        g.append("<title>").append(escape(tooltip(a))).append("</title>\n");
        int ex = x2;
        int ey = y2;
        if (a.lost()) {
            ex = (x1 + x2) / 2;
            ey = y1 + 11;
        }
        g.append(line("arrow", x1, y1, ex, ey));
        g.append(line("hit", x1, y1, ex, ey));
        double angle = Math.atan2(ey - y1, ex - x1);
        if (a.lost()) {
            g.append(line("cross", ex - 7, ey - 7, ex + 7, ey + 7)).append(line("cross", ex - 7, ey + 7, ex + 7, ey - 7));
        } else {
            g.append(head(ex, ey, angle));
            if (a.fault() != null && a.fault().effect() == RunEvent.Effect.DUPLICATED) {
                g.append(head((int) Math.round(ex - 9 * Math.cos(angle)), (int) Math.round(ey - 9 * Math.sin(angle)),
                        angle));
            }
        }
        double mx = (x1 + (a.lost() ? ex + x1 : x2)) / 2.0;
        double my = (y1 + (a.lost() ? y1 + (ey - y1) * 2 : y2)) / 2.0;
        if (a.lost()) {
            mx = x1 + (ex - x1) * 0.55;
            my = y1 + (ey - y1) * 0.55;
        }
        double deg = Math.toDegrees(angle);
        if (deg > 90 || deg < -90) {
            deg += 180;
        }
        g.append(String.format(Locale.ROOT,
                "<text class=\"label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(%.2f %.1f %.1f)\">%s</text>%n",
                mx, my - 5, deg, mx, my, escape(label(a))));
        g.append("</g>\n");
        return g.toString();
    }

    private static String label(Exchange.Arrow a) {
        if (a.fault() == null) {
            return a.label();
        }
        return a.label() + switch (a.fault().effect()) {
            case LOST -> " (lost)";
            case DUPLICATED -> " (duplicated)";
            case REORDERED -> " (reordered)";
            case DELAYED -> " (delayed " + Text.spoken(a.fault().extraDelay()) + ")";
            case CORRUPTED -> " (corrupted)";
        };
    }

    /** The tcpdump line, what a fault did, and the TCB of both ends before and after. */
    static String tooltip(Exchange.Arrow a) {
        StringBuilder sb = new StringBuilder(a.tcpdump());
        if (a.fault() != null) {
            sb.append("\n").append(label(a).substring(a.label().length()).trim()).append(": ")
                    .append(a.fault().origin());
        }
        sb.append("\nTCB before:");
        a.before().values().forEach(t -> sb.append("\n  ").append(tcbLine(t)));
        sb.append("\nTCB after:");
        a.after().values().forEach(t -> sb.append("\n  ").append(tcbLine(t)));
        return sb.toString();
    }

    /** One end's TCB in RFC 9293's names, numbers relative to the ISNs. */
    static String tcbLine(RunEvent.TcbSnapshot t) {
        return t.endpoint() + " " + t.state() + " SND.UNA=" + t.sndUna().offsetFrom(t.iss()) + " SND.NXT="
                + t.sndNxt().offsetFrom(t.iss()) + " SND.WND=" + t.sndWnd() + " RCV.NXT="
                + (t.rcvNxt() == null || t.irs() == null ? "-" : Long.toString(t.rcvNxt().offsetFrom(t.irs())))
                + " RCV.WND=" + t.rcvWnd() + " RTO=" + Text.spoken(t.rto()).replace(" ", "");
    }

    private static String head(int x, int y, double angle) {
        double len = 10;
        double w = 4.5;
        double bx = x - len * Math.cos(angle);
        double by = y - len * Math.sin(angle);
        return String.format(Locale.ROOT, "<polygon class=\"head\" points=\"%d,%d %.1f,%.1f %.1f,%.1f\"/>%n", x, y,
                bx + w * Math.sin(angle), by - w * Math.cos(angle), bx - w * Math.sin(angle), by + w * Math.cos(angle));
    }

    private static String line(String cls, int x1, int y1, int x2, int y2) {
        return "<line class=\"" + cls + "\" x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2
                + "\"/>\n";
    }

    private static String text(int x, int y, String anchor, String cls, String body, String extra) {
        return "<text class=\"" + cls + "\" x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\""
                + (extra.isEmpty() ? "" : " " + extra) + ">" + escape(body) + "</text>\n";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
