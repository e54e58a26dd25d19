package tcps.syntax;

import java.util.Arrays;
import java.util.Objects;

/**
 * A script's text and the name it is reported under (the path as the user typed it). Immutable;
 * where each line starts is worked out once, the first time a line is asked for, so showing an
 * excerpt costs the same in a script of ten lines or of a million.
 */
public final class Source {
    private final String name;
    private final String text;
    /** Offsets at which lines 1, 2, ... start; computed on first use (racing threads compute the same). */
    private int[] lineStarts;

    public Source(String name, String text) {
        this.name = Objects.requireNonNull(name);
        this.text = Objects.requireNonNull(text);
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /**
     * The text of 1-based line {@code n} without its line terminator, or "" past the end. Lines
     * end as {@link String#lines()} ends them: at {@code \n}, {@code \r} or {@code \r\n}.
     */
    public String line(int n) {
        int[] starts = lineStarts();
        if (n < 1 || n > starts.length) {
            return "";
        }
        int from = starts[n - 1];
        int to = from;
        while (to < text.length() && text.charAt(to) != '\n' && text.charAt(to) != '\r') {
            to++;
        }
        return text.substring(from, to);
    }

    /** The characters a span covers (for showing an expression as the user wrote it). */
    public String text(Span span) {
        String line = line(span.line());
        int from = Math.min(line.length(), span.column() - 1);
        int to = Math.min(line.length(), from + span.length());
        return line.substring(from, to);
    }

    private int[] lineStarts() {
        int[] starts = lineStarts;
        if (starts == null) {
            starts = new int[16];
            int count = 0;
            int i = 0;
            int length = text.length();
            while (i < length) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i;
                while (i < length && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
                if (i < length && text.charAt(i) == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                i++;
            }
            starts = Arrays.copyOf(starts, count);
            lineStarts = starts;
        }
        return starts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Source s && name.equals(s.name) && text.equals(s.text);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + text.hashCode();
    }

    @Override
    public String toString() {
        return "Source[name=" + name + ", text=" + text.length() + " chars]";
    }
}
