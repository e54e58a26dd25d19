package tcps.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tcps.report.JsonWriter;
import tcps.syntax.Exercise.Visibility;

/**
 * The formats {@code tcps grade} writes. Each renders the same grades: a readable report per
 * student, a class summary, and the result files that Gradescope, PrairieLearn and CI systems
 * read. The schemas followed are the platforms' documented ones (docs/teaching.md cites them).
 */
public enum GradeFormat {
    /** A report per student: score, each check, what went wrong, feedback, the transcript. */
    TEXT(false),
    /** One line per student: student, score, max, then each check's score. */
    CSV(false),
    /** Gradescope's results.json (autograder specification): one submission. */
    GRADESCOPE(true),
    /** PrairieLearn's external grader results.json: one submission. */
    PRAIRIELEARN(true),
    /** JUnit XML: a test suite per student, a test case per check. */
    JUNIT(false),
    /** TAP version 13: a test point per check of each student. */
    TAP(false);

    /** True for formats that hold one submission (a platform grades one at a time). */
    public final boolean single;

    GradeFormat(boolean single) {
        this.single = single;
    }

    /**
     * Renders grades. {@code afterDue}: the due date has passed, so checks shown "after due" are
     * shown; hidden checks are never detailed to students (their score counts).
     */
    public String render(List<Grade> grades, boolean afterDue) {
        return switch (this) {
            case TEXT -> text(grades, afterDue);
            case CSV -> csv(grades);
            case GRADESCOPE -> gradescope(grades.get(0));
            case PRAIRIELEARN -> prairieLearn(grades.get(0), afterDue);
            case JUNIT -> junit(grades, afterDue);
            case TAP -> tap(grades, afterDue);
        };
    }

    private static boolean shown(Grade.CheckResult c, boolean afterDue) {
        return c.visibility() == Visibility.VISIBLE || afterDue && c.visibility() == Visibility.AFTER_DUE;
    }

    /** What a student reads about one check: tcps's lines, then the teacher's feedback. */
    private static String body(Grade.CheckResult c, boolean afterDue) {
        if (!shown(c, afterDue)) {
            return c.passed() ? "" : "(this check is hidden" + (c.visibility() == Visibility.AFTER_DUE
                    ? " until the due date" : "") + ")" + (c.feedback() != null ? "\nfeedback: " + c.feedback() : "");
        }
        List<String> parts = new ArrayList<>(c.lines());
        if (c.feedback() != null) {
            parts.add("feedback: " + c.feedback());
        }
        return String.join("\n", parts);
    }

    // ---- text -----------------------------------------------------------------------------------

    private static String text(List<Grade> grades, boolean afterDue) {
        StringBuilder sb = new StringBuilder();
        for (Grade g : grades) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append("== ").append(g.student()).append(" (").append(g.file()).append("): ")
                    .append(Grade.points(g.score())).append(" / ").append(Grade.points(g.max())).append('\n');
            for (String p : g.problems()) {
                sb.append(indent(p, "  ! ")).append('\n');
            }
            for (Grade.CheckResult c : g.checks()) {
                String mark = c.passed() ? "pass" : c.score() > 0 ? "part" : "FAIL";
                sb.append("  [").append(mark).append("] ").append(Grade.points(c.score())).append('/')
                        .append(Grade.points(c.max())).append("  ").append(c.name());
                if (c.visibility() != Visibility.VISIBLE) {
                    sb.append(c.visibility() == Visibility.HIDDEN ? "  (hidden)" : "  (after due)");
                }
                sb.append('\n');
                String body = body(c, afterDue);
                if (!body.isEmpty() && !c.passed()) {
                    sb.append(indent(body, "      ")).append('\n');
                }
            }
            if (g.transcript() != null) {
                sb.append("  the run:\n").append(indent(g.transcript(), "    ")).append('\n');
            }
        }
        return sb.toString();
    }

    private static String indent(String text, String prefix) {
        StringBuilder sb = new StringBuilder();
        String pad = " ".repeat(prefix.length());
        boolean first = true;
        for (String line : text.split("\n", -1)) {
            if (!first) {
                sb.append('\n');
            }
            sb.append(first ? prefix : pad).append(line);
            first = false;
        }
        return sb.toString();
    }

    // ---- CSV (RFC 4180) -------------------------------------------------------------------------

    private static String csv(List<Grade> grades) {
        StringBuilder sb = new StringBuilder("student,score,max");
        if (!grades.isEmpty()) {
            for (Grade.CheckResult c : grades.get(0).checks()) {
                sb.append(',').append(csvField(c.name()));
            }
        }
        sb.append("\r\n");
        for (Grade g : grades) {
            sb.append(csvField(g.student())).append(',').append(Grade.points(g.score())).append(',')
                    .append(Grade.points(g.max()));
            for (Grade.CheckResult c : g.checks()) {
                sb.append(',').append(Grade.points(c.score()));
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    private static String csvField(String s) {
        boolean quote = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                || s.startsWith("=") || s.startsWith("+") || s.startsWith("-") || s.startsWith("@");
        // A leading = + - @ would be a formula to a spreadsheet: quoted and prefixed with '.
        String t = s.startsWith("=") || s.startsWith("+") || s.startsWith("-") || s.startsWith("@") ? "'" + s : s;
        return quote ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
    }

    // ---- Gradescope -----------------------------------------------------------------------------

    private static String gradescope(Grade g) {
        Json j = new Json();
        j.open();
        j.field("score").number(g.score());
        j.field("output").string(overall(g));
        j.field("stdout_visibility").string("hidden");
        j.field("tests").openArray();
        int number = 1;
        for (Grade.CheckResult c : g.checks()) {
            j.open();
            j.field("name").string(c.name());
            j.field("number").string(Integer.toString(number++));
            j.field("score").number(c.score());
            j.field("max_score").number(c.max());
            j.field("status").string(c.passed() ? "passed" : "failed");
            j.field("visibility").string(switch (c.visibility()) {
                case VISIBLE -> "visible";
                case HIDDEN -> "hidden";
                case AFTER_DUE -> "after_due_date";
            });
            // Gradescope itself hides a test's output until its visibility allows; so its
            // output is the full story, never shown earlier than the test.
            j.field("output").string(body(c, true));
            j.close();
        }
        j.closeArray();
        j.close();
        return j.toString() + "\n";
    }

    private static String overall(Grade g) {
        List<String> parts = new ArrayList<>(g.problems());
        if (g.transcript() != null) {
            parts.add("The run:\n" + g.transcript());
        }
        return String.join("\n\n", parts);
    }

    // ---- PrairieLearn ---------------------------------------------------------------------------

    private static String prairieLearn(Grade g, boolean afterDue) {
        Json j = new Json();
        j.open();
        j.field("gradable").bool(true);
        j.field("score").number(g.max() == 0 ? 0 : g.score() / g.max());
        j.field("message").string(g.problems().isEmpty() ? Grade.points(g.score()) + " / " + Grade.points(g.max())
                : String.join("\n", g.problems()));
        j.field("output").string(g.transcript() == null ? "" : g.transcript());
        j.field("tests").openArray();
        for (Grade.CheckResult c : g.checks()) {
            j.open();
            j.field("name").string(c.name());
            j.field("description").string(c.visibility() == Visibility.VISIBLE ? "" : "hidden check");
            j.field("points").number(c.score());
            j.field("max_points").number(c.max());
            j.field("message").string(c.passed() ? "" : c.feedback() != null && !shown(c, afterDue) ? c.feedback() : "");
            j.field("output").string(shown(c, afterDue) ? body(c, afterDue) : "");
            j.close();
        }
        j.closeArray();
        j.close();
        return j.toString() + "\n";
    }

    // ---- JUnit XML ------------------------------------------------------------------------------

    private static String junit(List<Grade> grades, boolean afterDue) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        int tests = 0;
        int failures = 0;
        for (Grade g : grades) {
            tests += g.checks().size();
            failures += (int) g.checks().stream().filter(c -> !c.passed()).count();
        }
        sb.append("<testsuites name=\"tcps grade\" tests=\"").append(tests).append("\" failures=\"").append(failures)
                .append("\">\n");
        for (Grade g : grades) {
            long failed = g.checks().stream().filter(c -> !c.passed()).count();
            sb.append("  <testsuite name=\"").append(xml(g.student())).append("\" tests=\"").append(g.checks().size())
                    .append("\" failures=\"").append(failed).append("\" errors=\"0\" skipped=\"0\">\n");
            sb.append("    <properties>\n");
            sb.append("      <property name=\"file\" value=\"").append(xml(g.file())).append("\"/>\n");
            sb.append("      <property name=\"score\" value=\"").append(Grade.points(g.score())).append("\"/>\n");
            sb.append("      <property name=\"max\" value=\"").append(Grade.points(g.max())).append("\"/>\n");
            sb.append("    </properties>\n");
            for (Grade.CheckResult c : g.checks()) {
                sb.append("    <testcase classname=\"").append(xml(g.student())).append("\" name=\"").append(xml(c.name()))
                        .append("\"");
                if (c.passed()) {
                    sb.append("/>\n");
                    continue;
                }
                sb.append(">\n      <failure message=\"").append(Grade.points(c.score())).append(" of ")
                        .append(Grade.points(c.max())).append(" points\">").append(xml(body(c, afterDue)))
                        .append("</failure>\n    </testcase>\n");
            }
            if (!g.problems().isEmpty()) {
                sb.append("    <system-out>").append(xml(String.join("\n", g.problems()))).append("</system-out>\n");
            }
            sb.append("  </testsuite>\n");
        }
        return sb.append("</testsuites>\n").toString();
    }

    private static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (ch >= 0x20 || ch == '\n' || ch == '\t' || ch == '\r') {
                        sb.append(ch);
                    } else {
                        sb.append('?'); // not allowed in XML 1.0 at all
                    }
                }
            }
        }
        return sb.toString();
    }

    // ---- TAP ------------------------------------------------------------------------------------

    private static String tap(List<Grade> grades, boolean afterDue) {
        int total = grades.stream().mapToInt(g -> g.checks().size()).sum();
        StringBuilder sb = new StringBuilder("TAP version 13\n1..").append(total).append('\n');
        int n = 1;
        for (Grade g : grades) {
            sb.append("# ").append(oneLine(g.student())).append(": ").append(Grade.points(g.score())).append(" / ")
                    .append(Grade.points(g.max())).append('\n');
            // what is wrong with the submission as a whole (a changed line, a syntax error), as diagnostics
            for (String p : g.problems()) {
                for (String line : p.split("\n", -1)) {
                    sb.append("#   ").append(line.replace('\r', ' ')).append('\n');
                }
            }
            for (Grade.CheckResult c : g.checks()) {
                sb.append(c.passed() ? "ok " : "not ok ").append(n++).append(" - ").append(oneLine(g.student()))
                        .append(": ").append(oneLine(c.name())).append('\n');
                sb.append("  ---\n");
                sb.append("  points: ").append(Grade.points(c.score())).append('\n');
                sb.append("  max: ").append(Grade.points(c.max())).append('\n');
                String body = c.passed() ? "" : body(c, afterDue);
                if (!body.isEmpty()) {
                    sb.append("  message: |\n").append(indent(body, "    ")).append('\n');
                }
                sb.append("  ...\n");
            }
        }
        return sb.toString();
    }

    /** A TAP description must not hold a # (a directive) or a line break. */
    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ').replace("#", "\\#");
    }

    public static GradeFormat parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** A small JSON writer: objects, arrays, strings, numbers, booleans. */
    static final class Json {
        private final StringBuilder sb = new StringBuilder();
        private boolean first = true;

        void open() {
            comma();
            sb.append('{');
            first = true;
        }

        void close() {
            sb.append('}');
            first = false;
        }

        void openArray() {
            sb.append('[');
            first = true;
        }

        void closeArray() {
            sb.append(']');
            first = false;
        }

        Json field(String name) {
            comma();
            appendString(name);
            sb.append(':');
            first = true;
            return this;
        }

        void string(String s) {
            comma();
            appendString(s);
            first = false;
        }

        void number(double d) {
            comma();
            sb.append(Grade.points(d));
            first = false;
        }

        void bool(boolean b) {
            comma();
            sb.append(b);
            first = false;
        }

        private void comma() {
            if (!first) {
                sb.append(',');
            }
            first = true;
        }

        private void appendString(String s) {
            sb.append(JsonWriter.quote(s));
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
