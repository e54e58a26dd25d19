package tcps.grade;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tcps.grammar.ScriptParser;
import tcps.syntax.Lexeme;

/**
 * One student's values of an exercise's draws ({@code draw isn from 1000 to 99999}): each is a
 * hash of the exercise's name, the student's ID and the draw's name, so a student gets the same
 * numbers every time, neighbours get different ones, and adding a draw never changes the others.
 */
final class Variant {
    private Variant() {}

    /** A draw as the teacher wrote it, read from the raw text before anything is parsed. */
    record Draw(String name, long low, long high, List<String> values) {}

    /** The student's value of each draw, by name, as text to put where the name stands. */
    static Map<String, String> values(String exercise, String student, List<Draw> draws) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Draw d : draws) {
            long h = hash(exercise + "\u0000" + student + "\u0000" + d.name());
            if (d.values().isEmpty()) {
                long span = d.high() - d.low() + 1;
                out.put(d.name(), Long.toString(d.low() + Math.floorMod(h, span)));
            } else {
                out.put(d.name(), d.values().get((int) Math.floorMod(h, (long) d.values().size())));
            }
        }
        return out;
    }

    /**
     * The draws of an exercise's text, read from its tokens ({@code draw NAME from LOW to HIGH} and
     * {@code draw NAME from {a, b}}), so that the text can be filled in before it is parsed: a
     * drawn port then parses where the grammar takes only a number. The parse that follows
     * reports anything malformed here.
     */
    static List<Draw> draws(List<Lexeme> tokens) {
        List<Draw> out = new java.util.ArrayList<>();
        for (int i = 0; i + 3 < tokens.size(); i++) {
            if (!tokens.get(i).is("DRAW") || !tokens.get(i + 2).is("FROM")) {
                continue;
            }
            String name = tokens.get(i + 1).text();
            Lexeme first = tokens.get(i + 3);
            if (first.is("INT") && i + 5 < tokens.size() && tokens.get(i + 4).is("TO") && tokens.get(i + 5).is("INT")) {
                try {
                    long low = Long.parseLong(first.text());
                    long high = Long.parseLong(tokens.get(i + 5).text());
                    if (low <= high) {
                        out.add(new Draw(name, low, high, List.of()));
                    }
                } catch (NumberFormatException e) {
                    // too wide: the parse reports it
                }
            } else if (first.is("LBRACE")) {
                List<String> values = new java.util.ArrayList<>();
                for (int j = i + 4; j < tokens.size() && !tokens.get(j).is("RBRACE") && !tokens.get(j).is("NEWLINE");
                        j++) {
                    if (!tokens.get(j).is("COMMA")) {
                        values.add(tokens.get(j).text());
                    }
                }
                if (!values.isEmpty()) {
                    out.add(new Draw(name, 0, 0, values));
                }
            }
        }
        return out;
    }

    /**
     * The text with every use of a drawn name replaced by the student's value. A draw's own line
     * is left as written; so are comments and strings, which are not tokens of the name.
     */
    static String fill(String text, List<Lexeme> tokens, Map<String, String> values) {
        if (values.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        int copied = 0;
        boolean inDraw = false;
        for (int i = 0; i < tokens.size(); i++) {
            Lexeme t = tokens.get(i);
            if (t.is("DRAW")) {
                inDraw = true;
            } else if (t.is("NEWLINE") || t.is("SEMI")) {
                inDraw = false;
            }
            boolean field = i + 1 < tokens.size() && tokens.get(i + 1).is("DOT")
                    || i > 0 && tokens.get(i - 1).is("DOT");
            if (!inDraw && !field && t.is("IDENT") && values.containsKey(t.text())) {
                out.append(text, copied, t.start()).append(values.get(t.text()));
                copied = t.end();
            }
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static long hash(String s) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return ByteBuffer.wrap(sha.digest(s.getBytes(StandardCharsets.UTF_8))).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static List<Lexeme> lex(String text) {
        return ScriptParser.lex(text);
    }
}
