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
    /** For a macro's expansion: the text it was made from (the macro's file), else null. */
    private final Source origin;
    /**
     * For an expansion: each argument put in place of a parameter, four numbers each: where the
     * argument starts and ends in this text, and where the parameter starts and ends in the origin.
     * In order; the text keeps the origin's lines, so only columns move.
     */
    private final int[] substitutions;

    public Source(String name, String text) {
        this(name, text, null, new int[0]);
    }

    private Source(String name, String text, Source origin, int[] substitutions) {
        this.name = Objects.requireNonNull(name);
        this.text = Objects.requireNonNull(text);
        this.origin = origin;
        this.substitutions = substitutions;
    }

    /**
     * A macro's expansion: {@code text} is {@code origin}'s text with arguments in place of
     * parameters, as {@code substitutions} says (four offsets per argument, in order: its start
     * and end here, the parameter's start and end in {@code origin}). Errors in it are shown in
     * the origin, at the columns of the macro as written ({@link #toOrigin}).
     */
    public static Source expansion(Source origin, String text, int[] substitutions) {
        if (substitutions.length % 4 != 0) {
            throw new IllegalArgumentException("four offsets per substitution: " + substitutions.length);
        }
        return new Source(origin.name, text, origin, substitutions.clone());
    }

    /** The text positions are shown in: the macro's file for an expansion, else this source itself. */
    public Source origin() {
        return origin == null ? this : origin;
    }

    /**
     * Where a span of this text was written in {@link #origin()}: the same line, its columns
     * counted in the macro as written. A span inside an argument points at the parameter it
     * replaced.
     */
    public Span toOrigin(Span span) {
        if (origin == null) {
            return span;
        }
        int[] starts = lineStarts();
        if (span.line() < 1 || span.line() > starts.length) {
            return span;
        }
        int lineStart = starts[span.line() - 1];
        int from = lineStart + span.column() - 1;
        int last = from + Math.max(1, span.length()) - 1;
        int start = originOffset(from, true);
        int end = originOffset(last, false);
        int column = start - (lineStart - shiftBefore(lineStart)) + 1;
        return new Span(span.line(), column, Math.max(1, end - start));
    }

    /** The origin offset of {@code at}: its start, or (start false) the end of the character there. */
    private int originOffset(int at, boolean start) {
        for (int i = 0; i < substitutions.length; i += 4) {
            if (at < substitutions[i]) {
                break;
            }
            if (at < substitutions[i + 1]) {
                return start ? substitutions[i + 2] : substitutions[i + 3];
            }
        }
        int o = at - shiftBefore(at);
        return start ? o : o + 1;
    }

    /** How much longer this text is than the origin before offset {@code at} (the arguments' growth). */
    private int shiftBefore(int at) {
        int shift = 0;
        for (int i = 0; i < substitutions.length && substitutions[i + 1] <= at; i += 4) {
            shift += (substitutions[i + 1] - substitutions[i]) - (substitutions[i + 3] - substitutions[i + 2]);
        }
        return shift;
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
