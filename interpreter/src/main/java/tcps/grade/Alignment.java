package tcps.grade;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tcps.grammar.ScriptParser;
import tcps.syntax.Lexeme;

/**
 * Lines a submission up with the handout it was made from. Comments, blank lines and spacing
 * are free; every other line of the handout must be there, token for token, except that each
 * {@code ?} is the student's answer, and each {@code answer { }} block holds whatever the student
 * wrote. Lines are matched as a diff matches them (longest common subsequence), so one changed,
 * missing or added line is reported as that, not as everything after it.
 */
final class Alignment {
    /**
     * A line of tokens, or (when {@code block} is not null) a whole {@code answer { }} block and
     * the lines inside it.
     */
    record Unit(int line, int lastLine, List<Lexeme> tokens, List<Unit> block) {
        boolean isBlock() {
            return block != null;
        }
    }

    /** The student's answer to one blank, or null text when the blank was left as {@code ?}. */
    record Answer(String text, List<Lexeme> tokens, int line, int column) {}

    /** One handout line that is not in the submission, or one submission line not in the handout. */
    record Mismatch(int handoutLine, int submissionLine, String text) {}

    /**
     * @param matched  handout line (1-based) to submission line, for every matched line
     * @param answers  by handout line and column of the {@code ?}
     * @param blocks   the lines of the student's answer blocks, in order
     */
    record Result(Map<Integer, Integer> matched, Map<Long, Answer> answers, Map<Integer, Unit> blocks,
            List<Mismatch> missing, List<Mismatch> added) {}

    private Alignment() {}

    static long key(int line, int column) {
        return (long) line << 20 | column;
    }

    static Result align(String handout, String submission) {
        return align(units(ScriptParser.lex(handout)), submission);
    }

    /** {@code want}: the handout's units, made once per student ({@link #units}). */
    static Result align(List<Unit> want, String submission) {
        List<Unit> got = units(ScriptParser.lex(submission));
        int n = want.size();
        int m = got.size();
        Map<Long, Map<Long, Answer>> memo = new HashMap<>();
        // Most submissions keep every line: then line i is line i, and no diff is needed.
        if (n == m) {
            Map<Integer, Integer> matched = new HashMap<>();
            Map<Long, Answer> answers = new HashMap<>();
            Map<Integer, Unit> blocks = new HashMap<>();
            boolean all = true;
            for (int i = 0; i < n && all; i++) {
                Map<Long, Answer> a = match(want.get(i), got.get(i), memo, i, i);
                if (a == null) {
                    all = false;
                } else {
                    matched.put(want.get(i).line(), got.get(i).line());
                    answers.putAll(a);
                    if (want.get(i).isBlock()) {
                        blocks.put(want.get(i).line(), got.get(i));
                    }
                }
            }
            if (all) {
                return new Result(matched, answers, blocks, List.of(), List.of());
            }
        }
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            // Too far from the handout to line up in bounded memory: nothing of it matches.
            List<Mismatch> missing = new ArrayList<>();
            want.forEach(w -> missing.add(new Mismatch(w.line(), 0, text(w))));
            List<Mismatch> added = new ArrayList<>();
            got.forEach(g -> added.add(new Mismatch(-1, g.line(), text(g))));
            return new Result(Map.of(), Map.of(), Map.of(), missing, added);
        }
        // Longest common subsequence, from the end, so the walk below goes forward.
        int[][] best = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            tcps.grammar.Cancelled.check();
            for (int j = m - 1; j >= 0; j--) {
                best[i][j] = match(want.get(i), got.get(j), memo, i, j) != null ? best[i + 1][j + 1] + 1
                        : Math.max(best[i + 1][j], best[i][j + 1]);
            }
        }
        Map<Integer, Integer> matched = new HashMap<>();
        Map<Long, Answer> answers = new HashMap<>();
        Map<Integer, Unit> blocks = new HashMap<>();
        List<Mismatch> missing = new ArrayList<>();
        List<Mismatch> added = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m) {
                Map<Long, Answer> a = match(want.get(i), got.get(j), memo, i, j);
                if (a != null && best[i][j] == best[i + 1][j + 1] + 1) {
                    Unit w = want.get(i);
                    Unit g = got.get(j);
                    matched.put(w.line(), g.line());
                    answers.putAll(a);
                    if (w.isBlock()) {
                        blocks.put(w.line(), g);
                    }
                    i++;
                    j++;
                    continue;
                }
            }
            if (j < m && (i == n || best[i][j + 1] >= best[i + 1][j])) {
                Unit g = got.get(j++);
                added.add(new Mismatch(-1, g.line(), text(g)));
            } else {
                Unit w = want.get(i++);
                missing.add(new Mismatch(w.line(), lastMatchedBefore(matched, w.line()), text(w)));
            }
        }
        return new Result(matched, answers, blocks, missing, added);
    }

    private static int lastMatchedBefore(Map<Integer, Integer> matched, int handoutLine) {
        int best = 0;
        int at = 0;
        for (Map.Entry<Integer, Integer> e : matched.entrySet()) {
            if (e.getKey() < handoutLine && e.getKey() > best) {
                best = e.getKey();
                at = e.getValue();
            }
        }
        return at;
    }

    /**
     * The most cells of the line-up's table (4 bytes each): a handout of 60 lines against 64 KiB
     * of one-character lines is 2 million; an exercise of 200 lines against as many is 7 million.
     */
    static final long MAX_CELLS = 8L << 20;

    /**
     * The answers of {@code got} in place of {@code want}, or null. Only lines that match are
     * remembered: most pairs do not, and remembering each of them (n times m) cost 80 MB for a
     * submission of 30,000 junk lines.
     */
    private static Map<Long, Answer> match(Unit want, Unit got, Map<Long, Map<Long, Answer>> memo, int i, int j) {
        long k = key(i, j);
        Map<Long, Answer> known = memo.get(k);
        if (known != null) {
            return known;
        }
        Map<Long, Answer> result = want.isBlock() || got.isBlock() ? (want.isBlock() && got.isBlock() ? Map.of() : null)
                : line(want.tokens(), got.tokens());
        if (result != null) {
            memo.put(k, result);
        }
        return result;
    }

    /** The answers of a line whose other tokens are the handout's, or null when it is another line. */
    private static Map<Long, Answer> line(List<Lexeme> want, List<Lexeme> got) {
        Map<Long, Answer> answers = new HashMap<>();
        int j = 0;
        for (int i = 0; i < want.size(); i++) {
            Lexeme w = want.get(i);
            if (!w.is("HOLE")) {
                if (j >= got.size() || !got.get(j).text().equals(w.text())) {
                    return null;
                }
                j++;
                continue;
            }
            // A blank: the answer runs to the handout's next token (or the line's end).
            Lexeme next = i + 1 < want.size() ? want.get(i + 1) : null;
            int end = j;
            if (next == null) {
                end = got.size();
            } else {
                end = j + 1;
                while (end < got.size() && !got.get(end).text().equals(next.text())) {
                    end++;
                }
                if (end >= got.size()) {
                    return null;
                }
            }
            if (end <= j) {
                return null;
            }
            List<Lexeme> tokens = got.subList(j, end);
            String text = tokens.size() == 1 && tokens.get(0).is("HOLE") ? null : joined(tokens);
            answers.put(key(w.line(), w.column()), new Answer(text, List.copyOf(tokens), tokens.get(0).line(),
                    tokens.get(0).column()));
            j = end;
        }
        return j == got.size() ? answers : null;
    }

    /** Tokens as one line of text: the student's spacing is not kept, their order and text are. */
    private static String joined(List<Lexeme> tokens) {
        StringBuilder sb = new StringBuilder();
        Lexeme prev = null;
        for (Lexeme t : tokens) {
            if (prev != null && t.start() > prev.end()) {
                sb.append(' ');
            }
            sb.append(t.text());
            prev = t;
        }
        return sb.toString();
    }

    private static String text(Unit u) {
        return u.isBlock() ? "answer { ... }" : joined(u.tokens());
    }

    /** Lines of tokens; an {@code answer {} and everything to its closing brace is one unit. */
    static List<Unit> units(List<Lexeme> tokens) {
        List<List<Lexeme>> lines = new ArrayList<>();
        List<Lexeme> current = new ArrayList<>();
        for (Lexeme t : tokens) {
            if (t.is("NEWLINE")) {
                if (!current.isEmpty()) {
                    lines.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(t);
            }
        }
        if (!current.isEmpty()) {
            lines.add(current);
        }
        List<Unit> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            List<Lexeme> line = lines.get(i);
            int first = line.get(0).line();
            if (line.size() >= 2 && line.get(0).is("ANSWER") && line.get(1).is("LBRACE")) {
                int depth = depth(line);
                List<Unit> inside = new ArrayList<>();
                int last = first;
                while (depth > 0 && i + 1 < lines.size()) {
                    List<Lexeme> next = lines.get(++i);
                    last = next.get(0).line();
                    int after = depth + depth(next);
                    if (after <= 0) {
                        break;
                    }
                    inside.add(new Unit(last, last, next, null));
                    depth = after;
                }
                out.add(new Unit(first, last, line, inside));
            } else {
                out.add(new Unit(first, first, line, null));
            }
        }
        return out;
    }

    private static int depth(List<Lexeme> line) {
        int d = 0;
        for (Lexeme t : line) {
            d += t.is("LBRACE") ? 1 : t.is("RBRACE") ? -1 : 0;
        }
        return d;
    }
}
