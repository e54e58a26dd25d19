package tcps.grammar;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import tcps.syntax.Span;

/**
 * The words of a script as the lexer sees them, in plain kinds, for tools that colour or complete
 * text without parsing it (the language server, the tests that keep the editor grammars equal to
 * this one). The keyword list is read from the generated lexer, so a keyword added to Tcps.g4 is
 * here at once.
 */
public final class Lexemes {
    /** What a piece of text is, as far as highlighting cares. */
    public enum Kind {
        KEYWORD, IDENTIFIER, NUMBER, DURATION, ADDRESS, STRING, FLAGS, PUNCTUATION, COMMENT,
        /** Text the lexer keeps only to report it: an unterminated string, a stray character. */
        INVALID
    }

    /** One lexeme: its kind, its text, and where it is (one line; a newline is not a lexeme). */
    public record Lexeme(Kind kind, String text, Span span) {}

    private static final List<String> KEYWORDS = keywordsOf(TcpsLexer.VOCABULARY);

    private Lexemes() {}

    /** Every reserved word of the language ({@code scenario}, {@code expect}, ...), in grammar order. */
    public static List<String> keywords() {
        return KEYWORDS;
    }

    /**
     * The lexemes of {@code text}, comments included (the lexer skips them; they are found here in
     * the gaps between tokens, where only comments and blanks can be).
     */
    public static List<Lexeme> of(String text) {
        String normalized = text.replaceAll("\r(?!\n)", "\n"); // as ScriptParser counts lines
        TcpsLexer lexer = new TcpsLexer(CharStreams.fromString(normalized));
        lexer.removeErrorListeners();
        List<Lexeme> out = new ArrayList<>();
        int[] codePoints = normalized.codePoints().toArray();
        int at = 0; // code point index: ANTLR's char indexes count code points
        int line = 1;
        int column = 0;
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            int end = t.getType() == Token.EOF ? codePoints.length : t.getStartIndex();
            // The gap before this token: blanks, newlines and comments.
            while (at < end) {
                int c = codePoints[at];
                if (c == '\n') {
                    line++;
                    column = 0;
                    at++;
                } else if (c == '#' || c == '/' && at + 1 < end && codePoints[at + 1] == '/') {
                    int from = at;
                    while (at < end && codePoints[at] != '\n' && codePoints[at] != '\r') {
                        at++;
                    }
                    String comment = new String(codePoints, from, at - from);
                    out.add(new Lexeme(Kind.COMMENT, comment, new Span(line, column + 1, at - from)));
                    column += at - from;
                } else {
                    at++;
                    column++;
                }
            }
            if (t.getType() == Token.EOF) {
                return List.copyOf(out);
            }
            if (t.getType() != TcpsLexer.NEWLINE) {
                out.add(new Lexeme(kindOf(t.getType()), t.getText(), Spans.of(t)));
            }
            // Tokens never span lines except NEWLINE itself.
            int length = t.getStopIndex() - t.getStartIndex() + 1;
            at = t.getStopIndex() + 1;
            if (t.getType() == TcpsLexer.NEWLINE) {
                line++;
                column = 0;
            } else {
                column += length;
            }
        }
    }

    private static Kind kindOf(int type) {
        switch (type) {
            case TcpsLexer.IDENT:
                return Kind.IDENTIFIER;
            case TcpsLexer.INT:
                return Kind.NUMBER;
            case TcpsLexer.DURATION:
                return Kind.DURATION;
            case TcpsLexer.DOTTED:
            case TcpsLexer.IPV6:
                return Kind.ADDRESS;
            case TcpsLexer.STRING:
                return Kind.STRING;
            case TcpsLexer.BRACKET_FLAGS:
                return Kind.FLAGS;
            case TcpsLexer.UNTERMINATED_STRING:
            case TcpsLexer.UNCLOSED_BRACKET:
            case TcpsLexer.STRAY:
                return Kind.INVALID;
            default:
                return KEYWORDS.contains(literal(TcpsLexer.VOCABULARY, type)) ? Kind.KEYWORD : Kind.PUNCTUATION;
        }
    }

    /** Tokens whose literal is a lowercase word: {@code 'scenario'}, {@code 'expect'}. */
    private static List<String> keywordsOf(Vocabulary v) {
        List<String> words = new ArrayList<>();
        for (int type = 1; type <= v.getMaxTokenType(); type++) {
            String word = literal(v, type);
            if (word != null && word.matches("[a-z_][a-z_0-9]*")) {
                words.add(word);
            }
        }
        return List.copyOf(words);
    }

    /** A token's literal without its quotes ({@code expect}, {@code ;}), or null for a token like INT. */
    private static String literal(Vocabulary v, int type) {
        String quoted = v.getLiteralName(type);
        return quoted == null ? null : quoted.substring(1, quoted.length() - 1);
    }
}
