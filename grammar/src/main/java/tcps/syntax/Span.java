package tcps.syntax;

/**
 * Where a piece of syntax sits in its source: 1-based line and column of its first character,
 * and how many characters it covers on that line (at least 1, so a caret can always be drawn).
 */
public record Span(int line, int column, int length) {
    public Span {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
        length = Math.max(1, length);
    }

    /** The span from the start of {@code this} to the end of {@code other}, clipped to this line. */
    public Span to(Span other) {
        if (other.line != line) {
            return this;
        }
        int end = Math.max(column + length, other.column + other.length);
        return new Span(line, column, end - column);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
