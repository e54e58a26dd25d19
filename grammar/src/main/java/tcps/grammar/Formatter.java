package tcps.grammar;

import java.util.ArrayList;
import java.util.List;

/**
 * The canonical layout of a script ({@code tcps fmt}): two spaces of indentation per open brace,
 * one space between words, no trailing spaces, at most one blank line in a row and none at the
 * start or the end, one new line at the end. Text in quotes is left as written, and so are
 * comments and the space before a comment at the end of a line (so that aligned comments stay
 * aligned); a comment alone on its line that continues the comment ending the line above stays
 * in that comment's column. Formatting formatted text changes nothing.
 */
public final class Formatter {
    private static final String INDENT = "  ";

    private Formatter() {}

    /** The canonical layout of {@code text}. */
    public static String format(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean blank = false;
        int commentColumn = -1; // where the comment ending the previous line starts, or -1
        for (String raw : text.split("\r\n|\r|\n", -1)) {
            Line line = Line.of(raw);
            if (line.code.isEmpty() && line.comment.isEmpty()) {
                blank = !out.isEmpty();
                commentColumn = -1;
                continue;
            }
            if (blank) {
                out.add("");
                blank = false;
            }
            int indent = line.code.startsWith("}") ? Math.max(0, depth - 1) : depth;
            StringBuilder b = new StringBuilder(INDENT.repeat(indent)).append(line.code);
            boolean continues = line.code.isEmpty() && commentColumn > b.length()
                    && raw.indexOf(line.comment) == commentColumn && raw.substring(0, commentColumn).isBlank();
            if (continues) {
                b.setLength(0);
                b.append(" ".repeat(commentColumn));
            }
            if (!line.comment.isEmpty()) {
                b.append(line.code.isEmpty() ? "" : line.gap).append(line.comment);
            }
            commentColumn = line.comment.isEmpty() || line.code.isEmpty() && !continues ? -1
                    : b.length() - line.comment.length();
            out.add(b.toString());
            depth = Math.max(0, depth + line.braces);
        }
        return out.isEmpty() ? "" : String.join("\n", out) + "\n";
    }

    /** One line: its code with spaces collapsed, the space before its comment, the comment, and its net braces. */
    private record Line(String code, String gap, String comment, int braces) {
        static Line of(String raw) {
            StringBuilder code = new StringBuilder();
            int braces = 0;
            boolean space = false;
            int i = 0;
            int n = raw.length();
            while (i < n) {
                char c = raw.charAt(i);
                if (c == '#' || c == '/' && i + 1 < n && raw.charAt(i + 1) == '/') {
                    break;
                }
                if (c == ' ' || c == '\t' || c == '\f' || c == '\uFEFF') {
                    space = true;
                    i++;
                    continue;
                }
                if (space && code.length() > 0) {
                    code.append(' ');
                }
                space = false;
                if (c == '"') {
                    int end = stringEnd(raw, i);
                    code.append(raw, i, end);
                    i = end;
                    continue;
                }
                if (c == '{') {
                    braces++;
                } else if (c == '}') {
                    braces--;
                }
                code.append(c);
                i++;
            }
            String comment = i < n ? raw.substring(i).stripTrailing() : "";
            int gapStart = i;
            while (gapStart > 0 && Character.isWhitespace(raw.charAt(gapStart - 1))) {
                gapStart--;
            }
            String gap = comment.isEmpty() ? "" : raw.substring(gapStart, i).replace('\t', ' ');
            return new Line(code.toString(), gap.isEmpty() ? " " : gap, comment, braces);
        }

        /** Just past the closing quote of the string that starts at {@code start}, or the line's end. */
        private static int stringEnd(String raw, int start) {
            int i = start + 1;
            while (i < raw.length()) {
                char c = raw.charAt(i);
                if (c == '\\') {
                    i += 2;
                } else if (c == '"') {
                    return i + 1;
                } else {
                    i++;
                }
            }
            return raw.length();
        }
    }
}
