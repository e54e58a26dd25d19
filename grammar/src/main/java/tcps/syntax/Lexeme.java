package tcps.syntax;

/**
 * A token of a script as the lexer read it (comments and spaces are not tokens): its kind as the
 * grammar names it ({@code IDENT}, {@code INT}, {@code NEWLINE}, {@code HOLE}, or a keyword such as
 * {@code EXPECT}), its text, and where it is: 1-based line and column, and character offsets
 * {@code start} (inclusive) and {@code end} (exclusive) in the source text.
 */
public record Lexeme(String kind, String text, int line, int column, int start, int end) {
    public boolean is(String k) {
        return kind.equals(k);
    }
}
