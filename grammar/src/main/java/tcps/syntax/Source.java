package tcps.syntax;

import java.util.List;

/** A script's text and the name it is reported under (the path as the user typed it). */
public record Source(String name, String text) {
    public Source {
        java.util.Objects.requireNonNull(name);
        java.util.Objects.requireNonNull(text);
    }

    /** The text of 1-based line {@code n} without its line terminator, or "" past the end. */
    public String line(int n) {
        List<String> lines = text.lines().toList();
        return n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
    }

    /** The characters a span covers (for showing an expression as the user wrote it). */
    public String text(Span span) {
        String line = line(span.line());
        int from = Math.min(line.length(), span.column() - 1);
        int to = Math.min(line.length(), from + span.length());
        return line.substring(from, to);
    }
}
