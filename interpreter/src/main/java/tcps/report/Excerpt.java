package tcps.report;

import java.util.List;
import tcps.syntax.Source;
import tcps.syntax.Span;

/**
 * A message tied to a place in a script, as compilers print them:
 * <pre>
 * file.tcps:14:28: failed: segment 5 (server &gt; client [.]) differs in ack
 *    14 | expect server &gt; client ACK ack=9
 *       |                            ^^^^^
 *       = ack: expected 9 (absolute 934227085), got 8 (absolute 934227084)
 * </pre>
 */
public final class Excerpt {
    /** The most characters of a source line shown; a longer line is clipped around the column. */
    static final int WIDEST = 100;
    /** The most characters of a message or note shown. */
    static final int LONGEST_MESSAGE = 400;
    /** How many characters before the column a clipped line keeps. */
    private static final int BEFORE = 40;

    private Excerpt() {}

    /** @param kind "error" (the script cannot run) or "failed" (an assertion did not hold) */
    public static String render(Source source, Span span, String kind, String message, List<String> notes) {
        String number = Integer.toString(span.line());
        String gutter = " ".repeat(number.length() + 2);
        String line = source.line(span.line());
        StringBuilder sb = new StringBuilder();
        sb.append(source.name()).append(':').append(span.line()).append(':').append(span.column()).append(": ")
                .append(kind).append(": ").append(clipped(message)).append('\n');
        int pad = Math.min(span.column() - 1, line.length());
        int width = Math.max(1, Math.min(span.length(), line.length() - pad));
        if (line.length() > WIDEST) {
            // A long line is shown around the column only, so one error is one screen, not megabytes.
            int from = Math.max(0, Math.min(pad - BEFORE, line.length() - WIDEST));
            int to = Math.min(line.length(), from + WIDEST);
            String before = from > 0 ? "..." : "";
            String shown = before + line.substring(from, to) + (to < line.length() ? "..." : "");
            width = Math.max(1, Math.min(width, to - pad));
            line = shown;
            pad = before.length() + pad - from;
        }
        sb.append(' ').append(number).append(" | ").append(printable(line)).append('\n');
        sb.append(gutter).append("| ").append(leading(line, pad)).append("^".repeat(width)).append('\n');
        for (String note : notes) {
            sb.append(gutter).append("= ").append(clipped(note)).append('\n');
        }
        return sb.toString();
    }

    /** A message quoting a megabyte of the script is cut: its start says what is wrong. */
    private static String clipped(String text) {
        return text.length() <= LONGEST_MESSAGE ? text : text.substring(0, LONGEST_MESSAGE) + "...";
    }

    /** Blanks under the text before the caret, keeping tabs so the caret lines up in a terminal. */
    private static String leading(String line, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        return sb.toString();
    }

    /** Control characters (from a garbled file) must not garble the terminal. */
    private static String printable(String line) {
        StringBuilder sb = new StringBuilder(line.length());
        for (char c : line.toCharArray()) {
            sb.append(c == '\t' || c >= 0x20 && c != 0x7f ? c : '?');
        }
        return sb.toString();
    }
}
