package tcps.lsp;

import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import tcps.syntax.Span;

/**
 * The lines of one document, to turn tcps's places (1-based lines, columns counted in code points)
 * into LSP's (0-based lines, characters counted in UTF-16 units, as LSP's default encoding says)
 * and back. The two differ only on lines with characters outside the Basic Multilingual Plane.
 */
final class Lines {
    private final List<String> lines;

    Lines(String text) {
        this.lines = List.of(text.split("\r\n|\n|\r", -1));
    }

    /** How many lines (a text ending in a new line has an empty last one). */
    int count() {
        return lines.size();
    }

    /** Line {@code n} (0-based), or "" past the end. */
    String line(int n) {
        return n >= 0 && n < lines.size() ? lines.get(n) : "";
    }

    Range range(Span span) {
        String line = line(span.line() - 1);
        int start = utf16(line, span.column() - 1);
        int end = utf16(line, span.column() - 1 + span.length());
        return new Range(new Position(span.line() - 1, start), new Position(span.line() - 1, Math.max(start, end)));
    }

    /** The 1-based code-point column of an LSP position. */
    int column(Position p) {
        String line = line(p.getLine());
        int ch = Math.min(Math.max(0, p.getCharacter()), line.length());
        return line.codePointCount(0, ch) + 1;
    }

    /** Where code point {@code cp} of the line starts, in UTF-16 units (clamped to the line's end). */
    private static int utf16(String line, int cp) {
        int count = line.codePointCount(0, line.length());
        return cp >= count ? line.length() : line.offsetByCodePoints(0, cp);
    }
}
