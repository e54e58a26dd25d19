package tcps.grade;

import java.util.ArrayList;
import java.util.List;
import tcps.syntax.Exercise;
import tcps.syntax.Exercise.Role;

/**
 * What a student gets: the exercise with their numbers, without what is the teacher's alone.
 * Left out: the draws, notes in {@code ##} comments, the feedback texts, the goals of checks
 * that are not visible, and the statements and comments of hidden checks (unless a statement
 * has a blank to fill in). The
 * blanks stay blanks: an exercise holds no answers, and a handout holds nothing an exercise does
 * not (the run decides what is right).
 *
 * @param lines   the handout's lines
 * @param origin  for each handout line (0-based), the exercise line it shows (1-based), or 0
 */
public record Handout(String student, List<String> lines, List<Integer> origin, List<Alignment.Unit> units) {
    public Handout {
        lines = List.copyOf(lines);
        origin = List.copyOf(origin);
        units = List.copyOf(units);
    }

    private Handout(String student, List<String> lines, List<Integer> origin) {
        this(student, lines, origin, Alignment.units(tcps.grammar.ScriptParser.lex(String.join("\n", lines) + "\n")));
    }

    static Handout of(Exercise e, String student) {
        List<String> out = new ArrayList<>();
        List<Integer> origin = new ArrayList<>();
        String who = student.isEmpty() ? "the sample variant (no student ID given)" : "student " + student;
        add(out, origin, "# Exercise " + e.name() + " (" + e.source().name() + "), for " + who + ".", 0);
        add(out, origin, "# Replace each ? with your answer and write your own statements inside the answer { }", 0);
        // Said to the student, who has no exercise file to grade with (its hidden parts are the teacher's).
        add(out, origin, "# blocks; leave every other line as it is, and hand this file in.", 0);
        int lineCount = (int) Math.min(e.lines().size() - 1, e.source().text().lines().count());
        for (int n = 1; n <= lineCount; n++) {
            Exercise.Line line = e.lines().get(n);
            String text = e.source().line(n);
            Exercise.Check check = line.check() >= 0 ? e.checks().get(line.check()) : null;
            // A hidden check's statements are secret (a blank aside); the goals of any check not
            // visible are too. A check shown after the due date shows its statements: its
            // results are what waits for the date.
            boolean shown = check == null || check.visibility() == Exercise.Visibility.VISIBLE;
            boolean secret = check != null && check.visibility() == Exercise.Visibility.HIDDEN;
            switch (line.role()) {
                case DRAW -> { }
                case BLANK -> {
                    if (insideUnseenCheck(e, n)) {
                        continue;
                    }
                    String stripped = withoutNotes(text);
                    if (!stripped.isBlank() || text.isBlank()) {
                        add(out, origin, stripped, n);
                    }
                }
                case FRAME -> add(out, origin, check != null && n == check.firstLine() ? header(text, check)
                        : withoutNotes(text), n);
                case GOAL -> {
                    if (shown) {
                        add(out, origin, withoutNotes(text), n);
                    }
                }
                case GIVEN -> {
                    if (!secret || hasBlank(e, n)) {
                        add(out, origin, withoutNotes(text), n);
                    }
                }
                case RULE, ANSWER_FRAME, ANSWER -> add(out, origin, withoutNotes(text), n);
            }
        }
        return new Handout(student, out, origin);
    }

    private static void add(List<String> out, List<Integer> origin, String line, int from) {
        out.add(line);
        origin.add(from);
    }

    /** A check's header as the student sees it: its name, points and visibility, no feedback. */
    private static String header(String text, Exercise.Check c) {
        String indent = text.substring(0, text.length() - text.stripLeading().length());
        String when = switch (c.visibility()) {
            case VISIBLE -> "";
            case HIDDEN -> " hidden";
            case AFTER_DUE -> " after due";
        };
        return indent + "check " + quote(c.name()) + " points " + c.points() + when + " {";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A comment inside a hidden check is the teacher's too. */
    private static boolean insideUnseenCheck(Exercise e, int line) {
        return e.checks().stream().anyMatch(c -> c.visibility() == Exercise.Visibility.HIDDEN
                && line > c.firstLine() && line < c.lastLine());
    }

    private static boolean hasBlank(Exercise e, int line) {
        return e.holes().stream().anyMatch(h -> h.span().line() == line);
    }

    /** The line without a {@code ##} note (the teacher's), outside strings. */
    static String withoutNotes(String line) {
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && c == '#' && i + 1 < line.length() && line.charAt(i + 1) == '#') {
                return line.substring(0, i).stripTrailing();
            }
        }
        return line;
    }

    public String text() {
        return String.join("\n", lines) + "\n";
    }
}
