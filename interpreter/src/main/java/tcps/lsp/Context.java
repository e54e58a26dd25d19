package tcps.lsp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tcps.grammar.Lexemes;
import tcps.grammar.Lexemes.Kind;
import tcps.grammar.Lexemes.Lexeme;
import tcps.syntax.Span;

/**
 * Where the cursor is, in the words of the language, read from the lexemes alone so that it works
 * on text that does not parse (which is most text while it is being typed): inside a comment or
 * a string, inside a profile block, and the words of the statement before the cursor.
 *
 * @param word      the name under or just before the cursor ({@code TIME-WAIT}, {@code bsd-1990}
 *                  joined whole), or null
 * @param before    the lexemes of the current statement before {@link #word}
 * @param inProfile inside the braces of a {@code profile} block
 * @param quiet     inside a comment or a string, where nothing is completed
 */
record Context(Name word, List<Lexeme> before, boolean inProfile, boolean quiet, List<Lexeme> all) {
    /** A name as written, hyphenated parts joined, and where it is. */
    record Name(String text, Span span) {}

    /** The context at 1-based {@code line} and code-point {@code column} (the cursor is before it). */
    static Context at(String text, int line, int column) {
        List<Lexeme> all = Lexemes.of(text);
        List<Lexeme> before = new ArrayList<>();
        boolean inProfile = false;
        boolean profileHeader = false;
        boolean quiet = false;
        for (Lexeme l : all) {
            Span s = l.span();
            boolean startsBefore = s.line() < line || s.line() == line && s.column() < column;
            if (!startsBefore) {
                break;
            }
            boolean endsAfter = s.line() == line && s.column() + s.length() > column;
            if (endsAfter && (l.kind() == Kind.COMMENT || l.kind() == Kind.STRING || l.kind() == Kind.INVALID
                    && l.text().startsWith("\""))) {
                quiet = true;
            }
            if (l.kind() == Kind.COMMENT) {
                continue;
            }
            if (l.kind() == Kind.KEYWORD && l.text().equals("profile")) {
                profileHeader = true;
            } else if (l.text().equals("{") && profileHeader) {
                inProfile = true;
                profileHeader = false;
            } else if (l.text().equals("{")) {
                profileHeader = false;
            } else if (l.text().equals("}")) {
                inProfile = false;
            }
            // A statement is what follows the last `;`, `{` or `}` on the cursor's line.
            if (s.line() != line || l.text().equals(";") || l.text().equals("{") || l.text().equals("}")) {
                before.clear();
                continue;
            }
            before.add(l);
        }
        Name word = trailingName(before, line, column);
        if (word != null) {
            // the word being typed is not context
            while (!before.isEmpty() && before.get(before.size() - 1).span().column() >= word.span().column()) {
                before.remove(before.size() - 1);
            }
        }
        return new Context(word, List.copyOf(before), inProfile, quiet, all);
    }

    /** The name that ends at the cursor (joined across hyphens), or null when the cursor follows a blank. */
    private static Name trailingName(List<Lexeme> before, int line, int column) {
        int end = before.size();
        if (end == 0) {
            return null;
        }
        Lexeme last = before.get(end - 1);
        if (last.span().line() != line || last.span().column() + last.span().length() < column
                || !isNamePart(last)) {
            return null;
        }
        int start = end - 1;
        while (start >= 2 && before.get(start - 1).text().equals("-") && isNamePart(before.get(start - 2))
                && adjacent(before.get(start - 2), before.get(start - 1)) && adjacent(before.get(start - 1),
                        before.get(start))) {
            start -= 2;
        }
        return join(before.subList(start, end));
    }

    /** The whole name under the cursor, looking both ways, or null. */
    static Name nameAt(List<Lexeme> all, int line, int column) {
        for (int i = 0; i < all.size(); i++) {
            Span s = all.get(i).span();
            if (s.line() == line && s.column() <= column && column <= s.column() + s.length()
                    && isNamePart(all.get(i))) {
                int from = i;
                while (from >= 2 && all.get(from - 1).text().equals("-") && isNamePart(all.get(from - 2))
                        && adjacent(all.get(from - 2), all.get(from - 1)) && adjacent(all.get(from - 1), all.get(from))) {
                    from -= 2;
                }
                int to = i;
                while (to + 2 < all.size() && all.get(to + 1).text().equals("-") && isNamePart(all.get(to + 2))
                        && adjacent(all.get(to), all.get(to + 1)) && adjacent(all.get(to + 1), all.get(to + 2))) {
                    to += 2;
                }
                return join(all.subList(from, to + 1));
            }
        }
        return null;
    }

    /** The lexeme just before {@code name} on its line, or null. */
    static Lexeme before(List<Lexeme> all, Name name) {
        Lexeme previous = null;
        for (Lexeme l : all) {
            if (l.span().line() == name.span().line() && l.span().column() >= name.span().column()) {
                return previous;
            }
            previous = l.span().line() == name.span().line() && l.kind() != Kind.COMMENT ? l : null;
        }
        return null;
    }

    /** The endpoints a script can name: client, server and every {@code host NAME} in it. */
    Set<String> endpoints() {
        Set<String> names = new LinkedHashSet<>(List.of("client", "server"));
        for (int i = 0; i + 1 < all.size(); i++) {
            if (all.get(i).kind() == Kind.KEYWORD && all.get(i).text().equals("host")
                    && all.get(i + 1).kind() == Kind.IDENTIFIER) {
                names.add(all.get(i + 1).text());
            }
        }
        return names;
    }

    /** The profiles this text defines, each with where its name is. */
    List<Name> profileDefinitions() {
        return profileDefinitions(all);
    }

    static List<Name> profileDefinitions(List<Lexeme> all) {
        List<Name> out = new ArrayList<>();
        for (int i = 0; i + 1 < all.size(); i++) {
            if (all.get(i).kind() == Kind.KEYWORD && all.get(i).text().equals("profile")) {
                Lexeme first = all.get(i + 1);
                Name n = nameAt(all, first.span().line(), first.span().column());
                if (n != null && n.span().column() == first.span().column()) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** The text of the i-th word before the cursor in this statement, or "". */
    String word(int i) {
        return i < before.size() ? before.get(i).text() : "";
    }

    String last() {
        return before.isEmpty() ? "" : before.get(before.size() - 1).text();
    }

    boolean contains(String text) {
        return before.stream().anyMatch(l -> l.text().equals(text));
    }

    /** Inside an option list: a `<` after a flag or field, not yet closed. */
    boolean inOptions() {
        int open = -1;
        for (int i = 0; i < before.size(); i++) {
            String t = before.get(i).text();
            if (t.equals("<")) {
                open = i;
            } else if (t.equals(">") && open >= 0) {
                open = -1;
            }
        }
        return open >= 0 && (before.get(0).text().equals("expect") || contains("send"));
    }

    private static boolean isNamePart(Lexeme l) {
        return l.kind() == Kind.IDENTIFIER || l.kind() == Kind.KEYWORD || l.kind() == Kind.NUMBER;
    }

    private static boolean adjacent(Lexeme a, Lexeme b) {
        return a.span().line() == b.span().line() && a.span().column() + a.span().length() == b.span().column();
    }

    private static Name join(List<Lexeme> parts) {
        StringBuilder sb = new StringBuilder();
        parts.forEach(p -> sb.append(p.text()));
        Span first = parts.get(0).span();
        Span last = parts.get(parts.size() - 1).span();
        return new Name(sb.toString(), new Span(first.line(), first.column(),
                last.column() + last.length() - first.column()));
    }
}
