package tcps.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tcps.run.Failure;
import tcps.run.RunEvent;

/**
 * {@code tcps run --ladder}: each scenario as a ladder (sequence) diagram in the terminal, the
 * picture textbooks draw. One column per endpoint; one arrow per segment, labelled with
 * tcpdump's flags and sequence numbers counted from each side's ISN; the time it was sent at the
 * left; each end's state changes, timers that fired and errors beside its own column. A lost
 * segment's arrow ends in an X mid-way; duplicated, reordered, delayed and corrupted ones say so.
 * It fits {@value #WIDTH} columns; plain ASCII unless asked for Unicode box drawing and colour.
 */
public final class Ladder implements Reporter {
    static final int WIDTH = 80;
    /** Room for the time: 131.000000 s. */
    private static final int TIME = 10;
    /** Room for a note beside the outer columns: SYN-RECEIVED, ESTABLISHED, RTO 1.5 s. */
    private static final int SLOT = 13;

    /** The characters a diagram is drawn with. */
    public enum Glyphs {
        ASCII('|', '-', '>', '<', 'X'),
        UNICODE('│', '─', '▶', '◀', '✕');

        final char life;
        final char line;
        final char right;
        final char left;
        final char lost;

        Glyphs(char life, char line, char right, char left, char lost) {
            this.life = life;
            this.line = line;
            this.right = right;
            this.left = left;
            this.lost = lost;
        }
    }

    private static final String RESET = "\u001b[0m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";
    private static final String MAGENTA = "\u001b[35m";
    private static final String DIM = "\u001b[2m";

    private final PrintWriter out;
    private final TcpdumpOptions tcpdump;
    private final Glyphs glyphs;
    private final boolean colour;
    private final Tally tally = new Tally();

    /**
     * @param tcpdump how numbers read ({@code -S}: absolute)
     * @param colour  colour with ANSI escapes (a terminal that has them, NO_COLOR unset)
     */
    public Ladder(PrintWriter out, TcpdumpOptions tcpdump, Glyphs glyphs, boolean colour) {
        this.out = out;
        this.tcpdump = tcpdump;
        this.glyphs = glyphs;
        this.colour = colour;
    }

    @Override
    public void scenario(ScenarioReport report) {
        tally.begin(out, report, "");
        Exchange x = Exchange.of(report.result(), tcpdump.absolute(), tcpdump);
        draw(x).forEach(out::println);
        for (Failure f : report.result().failures()) {
            String text = Excerpt.render(report.source(), f.span(), "failed", f.summary(), f.details());
            out.print(text);
        }
        tally.add(report.result());
        out.flush();
    }

    @Override
    public void finish() {
        tally.close(out);
    }

    /** One row of the diagram being laid out: an arrow, or notes only, at a time. */
    private final class Row {
        final long time;
        final Exchange.Arrow arrow;
        final String[] notes;
        final Exchange.Note.Kind[] kinds;
        /** A note too long for the slot beside the column, written inside the diagram. */
        String inside;
        int insideColumn = -1;
        Exchange.Note.Kind insideKind;

        Row(long time, Exchange.Arrow arrow, int columns) {
            this.time = time;
            this.arrow = arrow;
            this.notes = new String[columns];
            this.kinds = new Exchange.Note.Kind[columns];
        }
    }

    /** The diagram of one scenario, line by line. */
    List<String> draw(Exchange x) {
        int n = Math.max(1, x.endpoints.size());
        int[] at = lifelines(n);
        List<Row> rows = layout(x, n);
        List<String> lines = new ArrayList<>();
        lines.add(header(x, at));
        lines.add(initialStates(x, at));
        long shown = -1;
        for (Row r : rows) {
            String time = r.time == shown ? "" : seconds(r.time);
            shown = r.time;
            if (r.arrow != null && !fits(r.arrow, at, x)) {
                lines.add(labelAbove(r.arrow, at, x));
            }
            lines.add(row(r, time, at, x));
        }
        return lines;
    }

    /**
     * Rows in time order: one per segment, and the notes of the ends beside the segment whose
     * arrival or sending they belong to (a state entered when a segment arrived, the timer that
     * sent it), or on rows of their own. Notes never move before or after another row.
     */
    private List<Row> layout(Exchange x, int n) {
        List<Row> rows = new ArrayList<>();
        int next = 0;
        Row last = null;
        for (Exchange.Arrow a : x.arrows) {
            List<Exchange.Note> group = new ArrayList<>();
            while (next < x.notes.size() && x.notes.get(next).afterSegments() <= a.index()) {
                group.add(x.notes.get(next++));
            }
            Row row = new Row(a.sent(), a, n);
            int k = 0;
            // beside the previous arrow, for as long as they belong to it
            while (k < group.size() && besideLast(last, group.get(k), x, n)) {
                attach(last, group.get(k++), x);
            }
            // the rest: beside this arrow if all of them can be, else rows of their own first
            int firstBeside = group.size();
            while (firstBeside > k && besideNext(row, group.subList(firstBeside - 1, group.size()), a, x, n)) {
                firstBeside--;
            }
            for (; k < firstBeside; k++) {
                Exchange.Note note = group.get(k);
                rows.add(noteRow(note, x.endpoints.indexOf(note.endpoint()), n));
                last = null;
            }
            for (; k < group.size(); k++) {
                attach(row, group.get(k), x);
            }
            rows.add(row);
            last = row;
        }
        while (next < x.notes.size()) {
            Exchange.Note note = x.notes.get(next++);
            if (besideLast(last, note, x, n)) {
                attach(last, note, x);
            } else {
                rows.add(noteRow(note, x.endpoints.indexOf(note.endpoint()), n));
                last = null;
            }
        }
        return rows;
    }

    /** Whether {@code note} belongs beside the arrow of {@code last}: its sending or its arrival. */
    private static boolean besideLast(Row last, Exchange.Note note, Exchange x, int n) {
        if (last == null || last.arrow == null) {
            return false;
        }
        int col = x.endpoints.indexOf(note.endpoint());
        return col >= 0 && note.afterSegments() == last.arrow.index() + 1 && last.notes[col] == null
                && fitsSlot(note, col, n) && (note.time() == last.time
                        || (note.endpoint().equals(last.arrow.to()) && note.time() == last.arrow.arrival()));
    }

    /** Whether the notes all belong beside arrow {@code a}: its sender acting at its instant. */
    private static boolean besideNext(Row row, List<Exchange.Note> notes, Exchange.Arrow a, Exchange x, int n) {
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (Exchange.Note note : notes) {
            int col = x.endpoints.indexOf(note.endpoint());
            if (col < 0 || note.afterSegments() != a.index() || note.time() != a.sent()
                    || !note.endpoint().equals(a.from()) || !fitsSlot(note, col, n) || !used.add(col)) {
                return false;
            }
        }
        return true;
    }

    private static void attach(Row row, Exchange.Note note, Exchange x) {
        int col = x.endpoints.indexOf(note.endpoint());
        row.notes[col] = note.text();
        row.kinds[col] = note.kind();
    }

    private Row noteRow(Exchange.Note note, int col, int n) {
        Row r = new Row(note.time(), null, n);
        if (fitsSlot(note, col, n)) {
            r.notes[col] = note.text();
            r.kinds[col] = note.kind();
        } else {
            r.inside = note.text();
            r.insideColumn = col;
            r.insideKind = note.kind();
        }
        return r;
    }

    /** Notes go beside the outer columns; the columns between have no room beside them. */
    private static boolean fitsSlot(Exchange.Note note, int col, int n) {
        return (col == 0 || col == n - 1) && note.text().length() <= SLOT;
    }

    /** Where each endpoint's line is. */
    private static int[] lifelines(int n) {
        int first = TIME + 1 + SLOT + 1;
        int lastAt = WIDTH - 1 - SLOT - 1;
        int[] at = new int[n];
        for (int i = 0; i < n; i++) {
            at[i] = n == 1 ? first : first + (lastAt - first) * i / (n - 1);
        }
        return at;
    }

    private String header(Exchange x, int[] at) {
        char[] line = blank();
        for (int i = 0; i < x.endpoints.size(); i++) {
            String name = x.endpoints.get(i);
            put(line, Math.max(0, Math.min(WIDTH - name.length(), at[i] - name.length() / 2)), name);
        }
        return strip(line);
    }

    private String initialStates(Exchange x, int[] at) {
        char[] line = blank();
        int n = x.endpoints.size();
        for (int i = 0; i < n; i++) {
            line[at[i]] = glyphs.life;
        }
        for (int i = 0; i < n; i++) {
            String name = x.endpoints.get(i);
            String first = null;
            for (RunEvent.StateChanged s : x.result.events(RunEvent.StateChanged.class)) {
                if (s.endpoint().equals(name)) {
                    first = s.from().toString();
                    break;
                }
            }
            if (first == null) {
                boolean listens = x.result.events(RunEvent.SocketCall.class).stream()
                        .anyMatch(c -> c.endpoint().equals(name) && c.call().equals("listen"));
                first = listens ? "LISTEN" : "CLOSED";
            }
            if (x.result.endpoints().get(i).scripted()) {
                first = "(scripted)";
            }
            if (first != null && (i == 0 || i == n - 1)) {
                slot(line, i, n, at, first);
            }
        }
        return paint(strip(line), null);
    }

    private String row(Row r, String time, int[] at, Exchange x) {
        char[] line = blank();
        put(line, TIME - time.length(), time);
        int n = at.length;
        for (int i = 0; i < n; i++) {
            line[at[i]] = glyphs.life;
        }
        String colourOfArrow = null;
        if (r.arrow != null) {
            colourOfArrow = arrow(line, r.arrow, at, x);
        }
        List<int[]> noteSpans = new ArrayList<>();
        List<Exchange.Note.Kind> noteKinds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (r.notes[i] != null) {
                noteSpans.add(slot(line, i, n, at, r.notes[i]));
                noteKinds.add(r.kinds[i]);
            }
        }
        if (r.inside != null) {
            int col = r.insideColumn;
            String text = r.inside;
            int start = col == n - 1 && n > 1 ? at[col] - 2 - text.length() : at[col] + 2;
            start = Math.max(TIME + 1, Math.min(WIDTH - text.length(), start));
            put(line, start, text);
            noteSpans.add(new int[] {start, start + text.length()});
            noteKinds.add(r.insideKind);
        }
        String s = strip(line);
        if (!colour) {
            return s;
        }
        return colourise(s, r, at, colourOfArrow, noteSpans, noteKinds);
    }

    /** Draws the arrow into {@code line}; returns its colour. */
    private String arrow(char[] line, Exchange.Arrow a, int[] at, Exchange x) {
        int from = x.endpoints.indexOf(a.from());
        int to = x.endpoints.indexOf(a.to());
        if (from < 0 || to < 0 || from == to) {
            put(line, at[Math.max(0, from)] + 2, a.label());
            return null;
        }
        boolean rightwards = from < to;
        int lo = Math.min(at[from], at[to]) + 1;
        int hi = Math.max(at[from], at[to]) - 1;
        String label = label(a, hi - lo + 1 - (a.lost() ? 6 : 0));
        boolean inline = label.length() + 4 <= hi - lo + 1 - (a.lost() ? 6 : 0);
        int end = hi;
        int start = lo;
        if (a.lost()) {
            // ends in an X mid-way, after the label
            int mid = (lo + hi) / 2;
            int needed = inline ? label.length() + 4 : 2;
            if (rightwards) {
                end = Math.max(mid, lo + needed);
            } else {
                start = Math.min(mid, hi - needed);
            }
        }
        for (int i = start; i <= end; i++) {
            line[i] = glyphs.line;
        }
        if (a.lost()) {
            line[rightwards ? end : start] = glyphs.lost;
        } else if (rightwards) {
            line[hi] = glyphs.right;
            if (a.fault() != null && a.fault().effect() == RunEvent.Effect.DUPLICATED) {
                line[hi - 1] = glyphs.right;
            }
        } else {
            line[lo] = glyphs.left;
            if (a.fault() != null && a.fault().effect() == RunEvent.Effect.DUPLICATED) {
                line[lo + 1] = glyphs.left;
            }
        }
        if (inline) {
            String padded = " " + label + " ";
            put(line, rightwards ? start + 2 : end - 1 - padded.length(), padded);
        }
        if (a.lost() || a.corruptedOnArrival() || a.segment().has(tcps.tcp.TcpFlags.RST)) {
            return RED;
        }
        return a.fault() != null ? YELLOW : null;
    }

    private boolean fits(Exchange.Arrow a, int[] at, Exchange x) {
        int from = x.endpoints.indexOf(a.from());
        int to = x.endpoints.indexOf(a.to());
        if (from < 0 || to < 0 || from == to) {
            return true;
        }
        int room = Math.abs(at[from] - at[to]) - 1 - (a.lost() ? 6 : 0);
        return label(a, room).length() + 4 <= room;
    }

    /** The label on its own line over an arrow too short for it. */
    private String labelAbove(Exchange.Arrow a, int[] at, Exchange x) {
        char[] line = blank();
        for (int p : at) {
            line[p] = glyphs.life;
        }
        int from = x.endpoints.indexOf(a.from());
        int to = x.endpoints.indexOf(a.to());
        int lo = Math.min(at[from], at[to]) + 2;
        String label = label(a, Math.abs(at[from] - at[to]) - 1 - (a.lost() ? 6 : 0));
        int start = Math.max(TIME + 1, Math.min(WIDTH - label.length(), lo));
        put(line, start, label);
        return strip(line);
    }

    /**
     * The arrow's label and what a fault did, [P.] seq 1:14 ack 1 len 13 (dup), without the
     * length (which seq a:b shows too) when the arrow is too short for all of it.
     */
    private static String label(Exchange.Arrow a, int room) {
        String full = label(a);
        return full.length() + 4 <= room ? full : full.replaceFirst(" len \\d+", "");
    }

    private static String label(Exchange.Arrow a) {
        String mark = "";
        if (a.fault() != null) {
            mark = switch (a.fault().effect()) {
                case LOST -> "";
                case DUPLICATED -> " (dup)";
                case REORDERED -> " (reordered)";
                case DELAYED -> " (+" + tcps.run.Text.spoken(a.fault().extraDelay()).replace(" ", "") + ")";
                case CORRUPTED -> " (corrupt)";
            };
        }
        return a.label() + mark;
    }

    /** Writes a note beside column {@code i}: left of the first, right of the last. */
    private int[] slot(char[] line, int i, int n, int[] at, String text) {
        int start = i == 0 ? at[0] - 1 - text.length() : at[i] + 2;
        if (i != 0 && i != n - 1) {
            start = at[i] + 2;
        }
        start = Math.max(TIME + 1, Math.min(WIDTH - text.length(), start));
        put(line, start, text);
        return new int[] {start, start + text.length()};
    }

    private String colourise(String s, Row r, int[] at, String arrowColour, List<int[]> notes,
            List<Exchange.Note.Kind> kinds) {
        String[] colourAt = new String[s.length()];
        if (r.arrow != null && arrowColour != null) {
            for (int i = at[0] + 1; i < at[at.length - 1] && i < s.length(); i++) {
                colourAt[i] = arrowColour;
            }
        }
        for (int k = 0; k < notes.size(); k++) {
            String c = switch (kinds.get(k)) {
                case STATE -> CYAN;
                case TIMER -> MAGENTA;
                case ERROR, CALL -> RED;
            };
            for (int i = notes.get(k)[0]; i < notes.get(k)[1] && i < s.length(); i++) {
                colourAt[i] = c;
            }
        }
        for (int i = 0; i < TIME && i < s.length(); i++) {
            colourAt[i] = DIM;
        }
        StringBuilder sb = new StringBuilder();
        String current = null;
        for (int i = 0; i < s.length(); i++) {
            String c = s.charAt(i) == glyphs.life && isLifeline(i, at) ? null : colourAt[i];
            if (!java.util.Objects.equals(c, current)) {
                if (current != null) {
                    sb.append(RESET);
                }
                if (c != null) {
                    sb.append(c);
                }
                current = c;
            }
            sb.append(s.charAt(i));
        }
        if (current != null) {
            sb.append(RESET);
        }
        return sb.toString();
    }

    private static boolean isLifeline(int i, int[] at) {
        for (int p : at) {
            if (p == i) {
                return true;
            }
        }
        return false;
    }

    private String paint(String s, String c) {
        return colour && c != null ? c + s + RESET : s;
    }

    private static char[] blank() {
        char[] line = new char[WIDTH];
        Arrays.fill(line, ' ');
        return line;
    }

    private static void put(char[] line, int at, String text) {
        for (int i = 0; i < text.length() && at + i < line.length; i++) {
            if (at + i >= 0) {
                line[at + i] = text.charAt(i);
            }
        }
    }

    private static String strip(char[] line) {
        int end = line.length;
        while (end > 0 && line[end - 1] == ' ') {
            end--;
        }
        return new String(line, 0, end);
    }

    /** Seconds since the start, to the microsecond: 0.000010, 131.000000. */
    static String seconds(long micros) {
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }
}
