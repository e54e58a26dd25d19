package tcps.grade;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tcps.check.Checker;
import tcps.check.FlagSyntax;
import tcps.grammar.ScriptParser;
import tcps.report.ScenarioReport;
import tcps.report.TcpdumpOptions;
import tcps.report.TimestampMode;
import tcps.report.Transcript;
import tcps.run.Failure;
import tcps.run.Interpreter;
import tcps.run.RunEvent;
import tcps.run.RunOptions;
import tcps.run.ScenarioResult;
import tcps.sim.Captured;
import tcps.syntax.Diagnostic;
import tcps.syntax.Duration;
import tcps.syntax.Exercise;
import tcps.syntax.Exercise.Goal;
import tcps.syntax.Exercise.HoleKind;
import tcps.syntax.Exercise.Role;
import tcps.syntax.Expr;
import tcps.syntax.Field;
import tcps.syntax.Lexeme;
import tcps.syntax.ProfileDef;
import tcps.syntax.Script;
import tcps.syntax.Source;
import tcps.syntax.Span;
import tcps.syntax.Statement;
import tcps.tcp.TcpAddress;
import tcps.tcp.TcpFlags;
import tcps.tcp.TcpState;

/**
 * Grades one submission against one student's variant of an exercise.
 *
 * <p>What runs is always the exercise: its given lines as the teacher wrote them, the student's
 * answers put in its blanks, and the statements the student wrote in its answer blocks. Nothing
 * else of the submission runs, so changing the given part changes nothing but the score (that
 * part scores zero, and the student is told which line). A blank is right when the run agrees
 * with it: each blank sits in an assertion, and tcps's own comparison decides, field by field.
 */
public final class Grader {
    private static final Set<String> SETUP_WORDS = Set.of("stack", "host", "scripted", "numbers", "at", "isn", "ts",
            "link", "loss", "profile");
    private static final List<String> FIELDS = List.of("flags", "seq end", "seq", "ack", "win", "urg", "length", "data",
            "options", "time");

    private final Assignment assignment;
    private final GradeLimits limits;

    /** What the run says when it reaches a limit (a failure with one of these is a limit, not an answer). */
    private final Set<String> limitMessages;

    public Grader(Assignment assignment, GradeLimits limits) {
        this.assignment = assignment;
        this.limits = limits;
        tcps.run.Limits l = limits.run();
        this.limitMessages = Set.of(l.virtualTimeReached(), l.eventsReached(), l.bytesWrittenReached(),
                l.memoryReached());
    }

    /** A graded line: its text, where it comes from, and what of it the student wrote. */
    private record GradedLine(String text, int submissionLine, int exerciseLine, int check, boolean student) {}

    /** A blank as it ended up in the graded script. */
    private static final class Blank {
        final Exercise.Hole hole;
        final Alignment.Answer answer;
        String problem;
        /** The submission's line that holds this blank, or 0 when it has none. */
        int submissionLine;
        int gradedLine;
        int column;
        int length;
        boolean wrong;

        Blank(Exercise.Hole hole, Alignment.Answer answer) {
            this.hole = hole;
            this.answer = answer;
        }

        boolean answered() {
            return answer != null && answer.text() != null && problem == null;
        }
    }

    public Grade grade(String student, String file, String text) {
        Exercise e = assignment.variant(student).exercise();
        List<String> problems = new ArrayList<>();
        if (text.length() > limits.run().sourceBytes()) {
            problems.add(file + " is " + text.length() + " characters long; the limit is "
                    + tcps.run.Limits.bytes(limits.run().sourceBytes()));
            return zero(e, student, file, problems);
        }
        Handout handout = assignment.variant(student).handout();
        Alignment.Result aligned = Alignment.align(handout.units(), text);
        if (aligned.matched().isEmpty() && aligned.added().isEmpty()) {
            problems.add(file + " is empty (or holds only comments): hand in your handout with your answers in it");
            return zero(e, student, file, problems);
        }
        if (!aligned.missing().isEmpty()) {
            String other = otherExercise(text, e.name());
            if (other != null) {
                problems.add(file + " is the handout of another exercise, " + other + ", not of \"" + e.name()
                        + "\"; hand in the file `tcps handout` gave you for this one, with your answers in it");
                return zero(e, student, file, problems);
            }
        }
        Map<Integer, Integer> toHandout = new HashMap<>();
        for (int h = 0; h < handout.origin().size(); h++) {
            if (handout.origin().get(h) > 0) {
                toHandout.put(handout.origin().get(h), h + 1);
            }
        }
        boolean[] zeroed = new boolean[e.checks().size()];
        boolean givenChanged = changes(e, handout, aligned, file, problems, zeroed);

        // ---- the graded script ---------------------------------------------------------------
        List<Blank> blanks = new ArrayList<>();
        Map<Integer, List<Blank>> blanksByLine = new HashMap<>();
        for (Exercise.Hole hole : e.holes()) {
            Integer h = toHandout.get(hole.span().line());
            Alignment.Answer a = h == null || !aligned.matched().containsKey(h) ? null
                    : aligned.answers().get(Alignment.key(h, hole.span().column()));
            Blank b = new Blank(hole, a);
            b.submissionLine = h == null ? 0 : aligned.matched().getOrDefault(h, 0);
            if (a != null && a.text() != null) {
                b.problem = invalid(hole, a, e);
            }
            blanks.add(b);
            blanksByLine.computeIfAbsent(hole.span().line(), k -> new ArrayList<>()).add(b);
        }
        String[] submissionLines = text.split("\r\n|\r|\n", -1);
        List<GradedLine> graded = null;
        Source source = null;
        Script parsed = null;
        Checker.Result checked = null;
        List<Diagnostic> errors = List.of();
        // Twice at most: an answer that does not stand in its blank (a name where a number goes,
        // a sequence number multiplied) is the blank's failure, not the whole submission's.
        for (int pass = 0; pass < 2; pass++) {
            graded = gradedLines(e, toHandout, aligned, blanksByLine, submissionLines);
            StringBuilder script = new StringBuilder();
            for (int g = 1; g < graded.size(); g++) {
                script.append(graded.get(g).text()).append('\n');
            }
            source = new Source(file, script.toString());
            parsed = null;
            checked = null;
            ScriptParser.Result p = ScriptParser.parse(source, limits.run().expressionDepth());
            errors = p.errors();
            if (p.ok()) {
                parsed = p.script();
                errors = rules(e, parsed, graded, source);
                if (errors.isEmpty()) {
                    errors = limitsBeforeRunning(parsed);
                }
            }
            if (errors.isEmpty()) {
                checked = Checker.check(parsed);
                errors = checked.errors();
            }
            boolean blamedOnBlanks = false;
            for (Diagnostic d : errors) {
                for (Blank b : blanks) {
                    if (b.answered() && b.gradedLine == d.span().line() && d.span().column() >= b.column
                            && d.span().column() < b.column + b.length) {
                        b.problem = "line " + b.answer.line() + ":" + b.answer.column() + ": `"
                                + brief(b.answer.text()) + "` cannot stand here: " + d.message();
                        blamedOnBlanks = true;
                    }
                }
            }
            if (!blamedOnBlanks) {
                break;
            }
        }
        if (!errors.isEmpty()) {
            for (Diagnostic d : errors) {
                GradedLine gl = d.span().line() < graded.size() ? graded.get(d.span().line()) : null;
                if (gl != null && !gl.student() && gl.exerciseLine() > 0
                        && blanksByLine.getOrDefault(gl.exerciseLine(), List.of()).stream().noneMatch(Blank::answered)) {
                    throw new Assignment.ExerciseBroken(List.of(new Diagnostic(e.source(),
                            new Span(gl.exerciseLine(), d.span().column(), d.span().length()), d.message())));
                }
                problems.add(excerpt(source, graded, d.span(), "error", d.message(), List.of()));
            }
            problems.add("your submission cannot run, so every check scores zero");
            return zero(e, student, file, problems);
        }
        if (givenChanged) {
            return zero(e, student, file, problems);
        }

        // ---- the run ---------------------------------------------------------------------------
        // The whole run is kept only when something reads it: goals, or a transcript to show.
        boolean detailed = e.lines().stream().anyMatch(l -> l.role() == Role.GOAL) || showsTranscript(e);
        ScenarioResult result = Interpreter.run(checked.plans().get(0), source,
                new RunOptions(RunOptions.DEFAULT.seed(), false, limits.run(), detailed));
        Failure limit = limitReached(result);
        if (limit != null) {
            problems.add(excerpt(source, graded, limit.span(), "failed", limit.summary(), limit.details()));
            problems.add("a submission that reaches a limit scores zero");
            return zero(e, student, file, problems);
        }
        Goals.Trace trace = detailed ? trace(result) : null;

        // Which blanks the run disagreed with, and which lines failed.
        Map<Integer, List<Failure>> failuresByLine = new LinkedHashMap<>();
        for (Failure f : result.failures()) {
            failuresByLine.computeIfAbsent(f.span().line(), k -> new ArrayList<>()).add(f);
            for (Blank b : blanks) {
                if (b.gradedLine == f.span().line() && hits(b, f)) {
                    b.wrong = true;
                }
            }
        }
        List<Integer> studentAssertions = new ArrayList<>();
        Map<Integer, List<Integer>> assertionsByCheck = new HashMap<>();
        for (Statement st : parsed.scenarios().get(0).statements()) {
            if (st instanceof Statement.Expectation) {
                GradedLine gl = graded.get(st.span().line());
                if (gl.student()) {
                    if (!studentAssertions.contains(st.span().line())) {
                        studentAssertions.add(st.span().line());
                    }
                } else if (gl.check() >= 0) {
                    List<Integer> lines = assertionsByCheck.computeIfAbsent(gl.check(), k -> new ArrayList<>());
                    if (!lines.contains(st.span().line())) {
                        lines.add(st.span().line());
                    }
                }
            }
        }
        for (Map.Entry<Integer, List<Failure>> entry : failuresByLine.entrySet()) {
            GradedLine gl = graded.get(entry.getKey());
            if (gl.student() && !studentAssertions.contains(entry.getKey())) {
                for (Failure f : entry.getValue()) {
                    problems.add(excerpt(source, graded, f.span(), "failed", f.summary(), f.details()));
                }
            }
        }

        // ---- the checks ------------------------------------------------------------------------
        List<Grade.CheckResult> checks = new ArrayList<>();
        for (int k = 0; k < e.checks().size(); k++) {
            Exercise.Check check = e.checks().get(k);
            List<String> lines = new ArrayList<>();
            int items = 0;
            int earned = 0;
            int index = k;
            List<Blank> own = blanks.stream().filter(b -> b.hole.check() == index).toList();
            List<Goal> goals = new ArrayList<>();
            for (Exercise.Line line : e.lines()) {
                if (line.role() == Role.GOAL && line.check() == k && line.goal() != null) {
                    goals.add(line.goal());
                }
            }
            if (!own.isEmpty()) {
                for (Blank b : own) {
                    if (b.hole.kind() != HoleKind.VALUE && e.lines().get(b.hole.span().line()).role() == Role.GOAL) {
                        continue; // judged with its goal below
                    }
                    items++;
                    if (b.answered() && !b.wrong) {
                        earned++;
                    } else if (!b.answered()) {
                        lines.add(b.problem != null ? b.problem : "line " + where(b, graded) + ": the ? is not answered");
                    }
                }
            } else {
                for (int line : assertionsByCheck.getOrDefault(k, List.of())) {
                    items++;
                    if (!failuresByLine.containsKey(line)) {
                        earned++;
                    }
                }
            }
            for (int g = 1; g < graded.size(); g++) {
                GradedLine gl = graded.get(g);
                if (gl.check() == k && failuresByLine.containsKey(g)) {
                    for (Failure f : failuresByLine.get(g)) {
                        String shown = visibleFailure(f, g, blanks, source, graded);
                        if (shown != null) {
                            lines.add(shown);
                        }
                    }
                }
            }
            for (Goal goal : goals) {
                Integer h = toHandout.get(goal.span().line());
                int at = h == null ? 0 : aligned.matched().getOrDefault(h, 0);
                String where = at > 0 ? "line " + at : "a goal";
                int[] score = goal(goal, where, blanks, trace, result, graded, studentAssertions, failuresByLine,
                        parsed, lines);
                items += score[1];
                earned += score[0];
            }
            if (items == 0) {
                items = 1;
                earned = 1;
            }
            byLine(lines);
            double max = check.points();
            double score = zeroed[k] ? 0 : max * earned / items;
            if (zeroed[k]) {
                lines.add(0, "this check scores zero: its given lines were changed (see above)");
            }
            checks.add(new Grade.CheckResult(check.name(), score, max, zeroed[k] ? 0 : earned, items,
                    check.visibility(), shownTo(check) ? lines : List.of(),
                    score < max ? check.feedback() : null));
        }
        if (!parsed.scenarios().get(0).statements().stream().anyMatch(s -> s instanceof Statement.Expectation)
                && e.lines().stream().noneMatch(l -> l.role() == Role.GOAL)) {
            problems.add("nothing was checked: the scenario has no expect and the exercise no goal");
        }
        double score = checks.stream().mapToDouble(Grade.CheckResult::score).sum();
        double max = checks.stream().mapToDouble(Grade.CheckResult::max).sum();
        // The run shows every value: it is shown only when nothing in it is an answer (no blanks)
        // and every check is visible.
        String transcript = showsTranscript(e) ? transcript(source, result) : null;
        return new Grade(student, file, score, max, checks, problems, transcript);
    }

    /**
     * A check's findings in the order of the submission's lines (a blank's problem, then the
     * failures and goals after it), so a student reads them top down; those without a line last.
     */
    private static void byLine(List<String> lines) {
        lines.sort(java.util.Comparator.comparingInt(Grader::leadingLine));
    }

    private static int leadingLine(String finding) {
        int i = "line ".length();
        if (!finding.startsWith("line ") || finding.length() <= i || !Character.isDigit(finding.charAt(i))) {
            return Integer.MAX_VALUE;
        }
        int n = 0;
        while (i < finding.length() && Character.isDigit(finding.charAt(i)) && n < 10_000_000) {
            n = n * 10 + finding.charAt(i++) - '0';
        }
        return n;
    }

    private static boolean showsTranscript(Exercise e) {
        return e.holes().isEmpty() && e.checks().stream().allMatch(c -> c.visibility() == Exercise.Visibility.VISIBLE);
    }

    /** A hidden check's lines are never kept: its source and its findings stay the teacher's. */
    private static boolean shownTo(Exercise.Check c) {
        return c.visibility() != Exercise.Visibility.HIDDEN;
    }

    /** The lines that run: the exercise's given lines, blanks filled, and the student's answer blocks. */
    private static List<GradedLine> gradedLines(Exercise e, Map<Integer, Integer> toHandout, Alignment.Result aligned,
            Map<Integer, List<Blank>> blanksByLine, String[] submissionLines) {
        List<GradedLine> graded = new ArrayList<>();
        graded.add(null); // lines are 1-based
        int lineCount = (int) e.source().text().lines().count();
        for (int n = 1; n <= lineCount; n++) {
            Exercise.Line line = e.lines().get(n);
            if (line.role() == Role.GIVEN) {
                Integer h = toHandout.get(n);
                int from = h != null && aligned.matched().containsKey(h) ? aligned.matched().get(h) : 0;
                String filled = fill(e.source().line(n), blanksByLine.getOrDefault(n, List.of()), graded.size());
                graded.add(new GradedLine(filled, from, n, line.check(), false));
            } else if (line.role() == Role.ANSWER_FRAME && isOpening(e, n)) {
                Integer h = toHandout.get(n);
                Alignment.Unit block = h == null ? null : aligned.blocks().get(h);
                if (block == null) {
                    continue;
                }
                for (Alignment.Unit u : block.block()) {
                    graded.add(new GradedLine(submissionLines[u.line() - 1], u.line(), 0, -1, true));
                }
            }
        }
        return graded;
    }

    // ---- changes to the given part --------------------------------------------------------------

    /** Reports every given line changed, missing or added; returns true if the world itself changed. */
    private static boolean changes(Exercise e, Handout handout, Alignment.Result aligned, String file,
            List<String> problems, boolean[] zeroed) {
        boolean world = false;
        List<String> messages = new ArrayList<>();
        for (Alignment.Mismatch m : aligned.missing()) {
            int exerciseLine = handout.origin().get(m.handoutLine() - 1);
            int check = exerciseLine > 0 ? e.lines().get(exerciseLine).check() : -1;
            messages.add(file + ":" + Math.max(1, m.submissionLine()) + ": the given line `" + m.text()
                    + "` is missing or changed" + (check >= 0 ? "; check \"" + e.checks().get(check).name()
                            + "\" scores zero" : "; the given part cannot change, so every check scores zero"));
            if (check >= 0) {
                zeroed[check] = true;
            } else {
                world = true;
            }
        }
        for (Alignment.Mismatch m : aligned.added()) {
            messages.add(file + ":" + m.submissionLine() + ": `" + m.text() + "` is not in the handout; write your own "
                    + "statements inside an answer { } block, and fill in only the ? blanks");
            int check = checkAround(e, handout, aligned, m.submissionLine());
            // A line put in place of a missing one changed that line: it is that line's part.
            int before = previousMatched(aligned, m.submissionLine());
            for (Alignment.Mismatch gone : aligned.missing()) {
                if (gone.submissionLine() == before) {
                    int exerciseLine = handout.origin().get(gone.handoutLine() - 1);
                    check = exerciseLine > 0 ? e.lines().get(exerciseLine).check() : -1;
                }
            }
            if (check >= 0) {
                zeroed[check] = true;
            } else {
                world = true;
            }
        }
        // A file that is not the handout at all would list every line: the first few say enough.
        int most = 6;
        problems.addAll(messages.subList(0, Math.min(most, messages.size())));
        if (messages.size() > most) {
            problems.add("... and " + (messages.size() - most) + " more lines differ from the handout; start again "
                    + "from `tcps handout EXERCISE --student ID`");
        }
        return world;
    }

    /** The submission line of the last matched line before {@code line}, or 0. */
    private static int previousMatched(Alignment.Result aligned, int line) {
        int best = 0;
        for (int v : aligned.matched().values()) {
            if (v < line && v > best) {
                best = v;
            }
        }
        return best;
    }

    /** The check whose lines surround a submission line, or -1 when it sits among given lines. */
    private static int checkAround(Exercise e, Handout handout, Alignment.Result aligned, int submissionLine) {
        int before = 0;
        int best = 0;
        for (Map.Entry<Integer, Integer> m : aligned.matched().entrySet()) {
            if (m.getValue() < submissionLine && m.getValue() > best) {
                best = m.getValue();
                before = m.getKey();
            }
        }
        if (before == 0) {
            return -1;
        }
        int exerciseLine = handout.origin().get(before - 1);
        Exercise.Line line = e.lines().get(exerciseLine);
        if (line.check() < 0) {
            return -1;
        }
        Exercise.Check c = e.checks().get(line.check());
        return exerciseLine == c.lastLine() ? -1 : line.check();
    }

    // ---- blanks ---------------------------------------------------------------------------------

    /** Why an answer cannot stand in its blank, or null when it can. */
    private static String invalid(Exercise.Hole hole, Alignment.Answer a, Exercise e) {
        List<Lexeme> t = a.tokens();
        String at = "line " + a.line() + ":" + a.column() + ": `" + brief(a.text()) + "` ";
        switch (hole.kind()) {
            case VALUE -> {
                for (Lexeme l : t) {
                    if (!Set.of("INT", "PLUS", "MINUS", "STAR", "LPAREN", "RPAREN", "ISN", "IDENT", "DOT").contains(l.kind())) {
                        return at + "is not a value; write a number such as 1001, or an expression such as isn+1";
                    }
                    if (l.is("ISN") && forbidden(e, "isn")) {
                        return at + "uses isn; this exercise asks for the number itself";
                    }
                }
                return null;
            }
            case FLAGS -> {
                boolean ok = t.size() == 1 && (t.get(0).is("BRACKET_FLAGS") || t.get(0).is("IDENT"));
                for (int i = 0; i < t.size() && !ok; i++) {
                    ok = i % 2 == 0 ? t.get(i).is("IDENT") : t.get(i).is("MINUS") || t.get(i).is("PLUS");
                    ok = ok && (i < t.size() - 1 || i % 2 == 0);
                    if (!ok) {
                        break;
                    }
                    ok = i == t.size() - 1;
                }
                return ok ? null : at + "is not flags; write them as SYN-ACK or [S.]";
            }
            case STATE -> {
                String text = a.text().replace(" ", "");
                return TcpState.byName(text).isPresent() ? null : at + "is not a state; states are spelled as "
                        + "RFC 9293 spells them: SYN-SENT, ESTABLISHED, FIN-WAIT-1, TIME-WAIT, ...";
            }
            case DURATION -> {
                return t.size() == 1 && t.get(0).is("DURATION") ? null : at + "is not a duration; write one such as "
                        + "200ms or 1s";
            }
            default -> {
                return t.size() == 1 && t.get(0).is("INT") ? null : at + "is not a whole number";
            }
        }
    }

    /** An answer as a message quotes it: a long one is cut (it is the student's own, they have it). */
    private static String brief(String answer) {
        return answer.length() <= 40 ? answer : answer.substring(0, 37) + "...";
    }

    /** A given line with its blanks filled: the student's answer, or a stand-in that parses. */
    private static String fill(String line, List<Blank> blanks, int gradedLine) {
        StringBuilder sb = new StringBuilder();
        int copied = 0;
        for (Blank b : blanks) {
            int at = b.hole.span().column() - 1;
            sb.append(line, copied, at);
            String put = b.answered() ? b.answer.text() : standIn(b.hole.kind());
            b.gradedLine = gradedLine;
            b.column = sb.length() + 1;
            b.length = put.length();
            sb.append(put);
            copied = at + 1;
        }
        return sb.append(line.substring(Math.min(copied, line.length()))).toString();
    }

    private static String standIn(HoleKind kind) {
        return switch (kind) {
            case VALUE, COUNT -> "0";
            case FLAGS -> "[none]";
            case STATE -> "CLOSED";
            case DURATION -> "1us";
        };
    }

    /** Whether a failure is about this blank: it points into it, or names its field. */
    private static boolean hits(Blank b, Failure f) {
        Span s = f.span();
        if (s.column() >= b.column && s.column() < b.column + b.length) {
            return true;
        }
        Set<String> fields = fieldsOf(f);
        if (fields.isEmpty()) {
            return true; // the statement failed as a whole (no segment came): every blank in it
        }
        String field = b.hole.field();
        return fields.contains(field) || field.equals("seq") && fields.contains("seq end")
                || b.hole.kind() == HoleKind.STATE || b.hole.kind() == HoleKind.FLAGS && fields.contains("flags");
    }

    private static Set<String> fieldsOf(Failure f) {
        Set<String> out = new HashSet<>();
        for (String d : f.details()) {
            for (String field : FIELDS) {
                if (d.startsWith(field + ":")) {
                    out.add(field);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * A failure as the student sees it, or null when it is only about blanks left unanswered (the
     * stand-in's mismatch would print the right value).
     */
    private static String visibleFailure(Failure f, int g, List<Blank> blanks, Source source, List<GradedLine> graded) {
        List<Blank> unanswered = blanks.stream().filter(b -> b.gradedLine == g && !b.answered()).toList();
        if (unanswered.isEmpty()) {
            return excerpt(source, graded, f.span(), "failed", f.summary(), f.details());
        }
        List<String> details = new ArrayList<>();
        for (String d : f.details()) {
            boolean aboutUnanswered = unanswered.stream().anyMatch(b -> d.startsWith(b.hole.field() + ":")
                    || d.startsWith(b.hole.field() + " end:") || b.hole.kind() == HoleKind.FLAGS && d.startsWith("flags:"));
            if (!aboutUnanswered) {
                details.add(d);
            }
        }
        if (details.isEmpty()) {
            return null;
        }
        return excerpt(source, graded, f.span(), "failed", f.summary(), details);
    }

    private static String where(Blank b, List<GradedLine> graded) {
        if (b.answer != null) {
            return b.answer.line() + ":" + b.answer.column();
        }
        return b.submissionLine > 0 ? b.submissionLine + ":" + b.hole.span().column()
                : "(given) " + b.hole.span().line();
    }

    // ---- goals ----------------------------------------------------------------------------------

    /** {earned, items} of one goal; what the student should read goes to {@code lines}. */
    private int[] goal(Goal goal, String where, List<Blank> blanks, Goals.Trace trace, ScenarioResult result,
            List<GradedLine> graded, List<Integer> studentAssertions, Map<Integer, List<Failure>> failures,
            Script parsed, List<String> lines) {
        int line = goal.span().line();
        List<Blank> own = blanks.stream().filter(b -> b.hole.span().line() == line).toList();
        if (goal instanceof Goal.Segments g) {
            int bits = g.flags() == null ? -1 : FlagSyntax.parse(g.flags().text());
            Blank countBlank = own.isEmpty() ? null : own.get(0);
            long count = g.count() != null ? g.count() : countBlank != null && countBlank.answered()
                    ? Long.parseLong(countBlank.answer.text()) : -1;
            Goals.Outcome o = Goals.segments(g, trace, bits, count);
            return outcome(o, own, lines, where);
        }
        if (goal instanceof Goal.StateAt g) {
            TcpState want = stateOf(g.state().text(), own, HoleKind.STATE);
            long at = g.at() != null ? g.at().micros() : durationOf(own);
            if (want == null || at < 0) {
                return unanswered(own, lines);
            }
            return outcome(Goals.stateAt(g, trace, want, at), own, lines, where);
        }
        if (goal instanceof Goal.TimeIn g) {
            TcpState want = stateOf(g.state().text(), own, HoleKind.STATE);
            long atLeast = g.atLeast() != null ? g.atLeast().micros() : durationOf(own);
            if (want == null || atLeast < 0) {
                return unanswered(own, lines);
            }
            return outcome(Goals.timeIn(g, trace, want, atLeast, g.atLeast() == null), own, lines, where);
        }
        if (goal instanceof Goal.Passes g) {
            List<TcpState> actual = Goals.path(trace, g.endpoint().text(), g.peer().text());
            int items = 0;
            int earned = 0;
            int blankAt = 0;
            List<String> written = new ArrayList<>();
            boolean allRight = actual.size() == g.states().size();
            for (int i = 0; i < g.states().size(); i++) {
                String s = g.states().get(i).text();
                TcpState want;
                if (s.equals("?")) {
                    Blank b = blankAt < own.size() ? own.get(blankAt++) : null;
                    items++;
                    want = b != null && b.answered() ? TcpState.byName(b.answer.text().replace(" ", "")).orElse(null)
                            : null;
                    if (want != null && i < actual.size() && actual.get(i) == want) {
                        earned++;
                    }
                    written.add(want == null ? "?" : want.toString());
                } else {
                    want = TcpState.byName(s).orElse(null);
                    written.add(s);
                }
                allRight &= i < actual.size() && actual.get(i) == want;
            }
            if (items == 0) {
                items = 1;
                earned = allRight ? 1 : 0;
            }
            if (earned < items) {
                lines.add(where + ": " + Goals.connection(g.endpoint(), g.peer()) + " passed through "
                        + (actual.isEmpty() ? "no state" : String.join(", ", actual.stream().map(TcpState::toString)
                                .toList())) + "; expected " + String.join(", ", written));
            }
            return new int[] {earned, items};
        }
        if (goal instanceof Goal.AnswersHold) {
            if (studentAssertions.isEmpty()) {
                lines.add("your answer has no expect, so nothing of yours was checked");
                return new int[] {0, 1};
            }
            int held = 0;
            for (int l : studentAssertions) {
                if (!failures.containsKey(l)) {
                    held++;
                } else {
                    for (Failure f : failures.get(l)) {
                        lines.add(excerpt(new Source("", ""), graded, f.span(), "failed", f.summary(), f.details(),
                                graded.get(l).text()));
                    }
                }
            }
            return new int[] {held, studentAssertions.size()};
        }
        Goal.AnswersCover g = (Goal.AnswersCover) goal;
        int segments = 0;
        for (Captured c : result.capture()) {
            if (!c.scripted()) {
                segments++;
            }
        }
        Set<Integer> failedSegments = new HashSet<>();
        java.util.TreeMap<Integer, Integer> failedAt = new java.util.TreeMap<>(); // segment to the submission's line
        for (Failure f : result.failures()) {
            if (f.segment() >= 0) {
                failedSegments.add(f.segment());
                GradedLine gl = f.span().line() < graded.size() ? graded.get(f.span().line()) : null;
                if (gl != null && gl.student()) {
                    failedAt.putIfAbsent(f.segment(), gl.submissionLine());
                }
            }
        }
        int covered = 0;
        Set<Integer> unmatched = new HashSet<>();
        result.unmatched().forEach(c -> unmatched.add(c.index()));
        for (Captured c : result.capture()) {
            if (!c.scripted() && !unmatched.contains(c.index()) && !failedSegments.contains(c.index())) {
                covered++;
            }
        }
        int lacking = 0;
        for (Statement st : parsed.scenarios().get(0).statements()) {
            if (st instanceof Statement.ExpectSegment x && graded.get(st.span().line()).student()) {
                List<String> missing = missingFields(x, g.fields());
                if (!missing.isEmpty()) {
                    lacking++;
                    lines.add("line " + graded.get(st.span().line()).submissionLine() + ": this expect does not give "
                            + String.join(", ", missing) + "; every expect must give " + String.join(", ", g.fields()));
                }
            }
        }
        if (!failedAt.isEmpty()) {
            List<String> which = new ArrayList<>();
            failedAt.forEach((segment, at) -> which.add(describe(result, segment) + " at line " + at));
            lines.add(listed(which) + (which.size() == 1 ? " was" : " were") + " taken by an expect that does not hold, "
                    + "so " + (which.size() == 1 ? "it is" : "they are") + " not expected right");
        }
        if (!unmatched.isEmpty()) {
            List<String> which = new ArrayList<>();
            new java.util.TreeSet<>(unmatched).forEach(i -> which.add(describe(result, i)));
            lines.add(listed(which) + (which.size() == 1 ? " was" : " were")
                    + " sent and not expected by any of your expects");
        }
        if (segments == 0) {
            return new int[] {0, 1};
        }
        return new int[] {Math.max(0, covered - lacking), segments};
    }

    private static List<String> missingFields(Statement.ExpectSegment x, List<String> required) {
        List<String> missing = new ArrayList<>();
        for (String r : required) {
            boolean has = switch (r) {
                case "time" -> x.timing() != null;
                // a segment without the ACK flag has no ack to give
                case "ack" -> x.segment() != null && x.segment().flags() != null
                        && (flagBits(x.segment().flags().text()) & TcpFlags.ACK) == 0
                        || x.segment() != null && x.segment().fields().stream().anyMatch(f -> f instanceof Field.Ack);
                case "flags" -> x.segment() != null && x.segment().flags() != null;
                default -> x.segment() != null && x.segment().fields().stream().anyMatch(f -> fieldName(f).equals(r));
            };
            if (!has) {
                missing.add(r);
            }
        }
        return missing;
    }

    private static int flagBits(String text) {
        try {
            return FlagSyntax.parse(text);
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    private static String fieldName(Field f) {
        String n = f.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        return n;
    }

    private static int[] outcome(Goals.Outcome o, List<Blank> own, List<String> lines, String where) {
        int items = Math.max(1, own.size());
        if (o.held()) {
            return new int[] {items, items};
        }
        lines.add(where + ": " + o.got());
        return new int[] {0, items};
    }

    private static int[] unanswered(List<Blank> own, List<String> lines) {
        for (Blank b : own) {
            if (!b.answered()) {
                lines.add(b.problem != null ? b.problem : "line " + (b.submissionLine > 0 ? b.submissionLine
                        : "(given) " + b.hole.span().line()) + ": the ? is not answered");
            }
        }
        return new int[] {0, Math.max(1, own.size())};
    }

    private static TcpState stateOf(String written, List<Blank> own, HoleKind kind) {
        if (!written.equals("?")) {
            return TcpState.byName(written).orElse(null);
        }
        for (Blank b : own) {
            if (b.hole.kind() == kind) {
                return b.answered() ? TcpState.byName(b.answer.text().replace(" ", "")).orElse(null) : null;
            }
        }
        return null;
    }

    private static long durationOf(List<Blank> own) {
        for (Blank b : own) {
            if (b.hole.kind() == HoleKind.DURATION) {
                if (!b.answered()) {
                    return -1;
                }
                List<Lexeme> t = b.answer.tokens();
                ScriptParser.Result r = ScriptParser.parse(new Source("", "wait " + t.get(0).text()));
                if (r.ok() && r.script().scenarios().get(0).statements().get(0) instanceof Statement.Wait w) {
                    return w.duration().micros();
                }
                return -1;
            }
        }
        return -1;
    }

    /** The name of the exercise a file says it is, quoted, when that is not {@code name}; else null. */
    private static String otherExercise(String text, String name) {
        List<Lexeme> tokens = ScriptParser.lex(text);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is("EXERCISE") && tokens.get(i + 1).is("STRING")) {
                String quoted = tokens.get(i + 1).text();
                String said = quoted.length() >= 2 ? quoted.substring(1, quoted.length() - 1) : quoted;
                return said.equals(name) || quoted.equals(name) ? null : quoted;
            }
        }
        return null;
    }

    /** "segment 4 (client > server [.])": a segment as the transcript numbers it. */
    private static String describe(ScenarioResult result, int index) {
        Captured c = null;
        for (Captured k : result.capture()) {
            if (k.index() == index) {
                c = k;
                break;
            }
        }
        if (c == null) {
            return "segment " + (index + 1);
        }
        return "segment " + (index + 1) + " (" + endpointName(result, c.segment().src()) + " > "
                + endpointName(result, c.segment().dst()) + " [" + TcpFlags.tcpdump(c.segment().flags()) + "])";
    }

    private static String endpointName(ScenarioResult result, TcpAddress a) {
        for (ScenarioResult.Endpoint e : result.endpoints()) {
            if (e.address().equals(a)) {
                return e.name();
            }
        }
        return a.toString();
    }

    /** "a", "a and b", "a, b and c"; past five, how many more. */
    private static String listed(List<String> items) {
        List<String> shown = items.size() > 5 ? new ArrayList<>(items.subList(0, 5)) : new ArrayList<>(items);
        if (items.size() > 5) {
            shown.add((items.size() - 5) + " more");
        }
        if (shown.size() == 1) {
            return shown.get(0);
        }
        return String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.get(shown.size() - 1);
    }

    // ---- rules of the exercise ------------------------------------------------------------------

    private static boolean forbidden(Exercise e, String word) {
        boolean anyAllow = false;
        boolean allowed = false;
        for (Exercise.Permission p : e.permissions()) {
            for (var w : p.words()) {
                boolean names = w.text().equals(word) || w.text().equals("faults") && isFault(word)
                        || w.text().equals("setup") && SETUP_WORDS.contains(word);
                if (p.allow()) {
                    anyAllow = true;
                    allowed |= names;
                } else if (names) {
                    return true;
                }
            }
        }
        return anyAllow && !allowed;
    }

    private static boolean isFault(String word) {
        return Set.of("drop", "delay", "duplicate", "reorder", "corrupt", "loss").contains(word);
    }

    /**
     * What the student wrote may use only what the exercise allows: no setup or profiles unless
     * allowed (they change the world), nothing forbidden, and no segment bound with {@code as}
     * that a blind (off-path) host could not have received.
     */
    private static List<Diagnostic> rules(Exercise e, Script script, List<GradedLine> graded, Source source) {
        List<Diagnostic> out = new ArrayList<>();
        for (ProfileDef def : script.profiles()) {
            if (graded.get(def.span().line()).student() && !explicitlyAllowed(e, "profile")) {
                out.add(new Diagnostic(source, def.span(), "a profile changes the world the exercise gives; "
                        + "it is not allowed here"));
            }
        }
        for (Statement top : script.scenarios().get(0).statements()) {
            if (!graded.get(top.span().line()).student()) {
                continue;
            }
            // What a repeat or a macro holds runs too: each statement of it is checked, at the
            // line of the statement the student wrote.
            for (Statement st : flattened(top)) {
                rule(e, st, top.span(), source, out);
            }
        }
        return out;
    }

    private static List<Statement> flattened(Statement st) {
        List<Statement> out = new ArrayList<>();
        out.add(st);
        List<Statement> body = st instanceof Statement.Repeat r ? r.body()
                : st instanceof Statement.RepeatUntil u ? u.body()
                : st instanceof Statement.Expansion x ? x.body() : List.of();
        for (Statement inner : body) {
            out.addAll(flattened(inner));
        }
        return out;
    }

    private static void rule(Exercise e, Statement st, Span at, Source source, List<Diagnostic> out) {
        {
            String word = word(st);
            boolean setup = st instanceof Statement.Setup;
            if (setup && !explicitlyAllowed(e, word) || forbidden(e, word)) {
                out.add(new Diagnostic(source, at, "`" + word + "` is not allowed in this exercise"
                        + (setup ? ": it changes the world the exercise gives" : "")));
            }
            if (!e.blind().isEmpty() && st instanceof Statement.ExpectSegment x && x.binding() != null) {
                List<String> blind = e.blind().stream().map(n -> n.text()).toList();
                if (x.direction() == null || !blind.contains(x.direction().to().text())) {
                    String who = blind.get(0);
                    out.add(new Diagnostic(source, at.line() != x.span().line() ? at : x.binding().span(),
                            who + " is off the path: it can only name "
                            + "segments sent to it (expect SERVER > " + who + " ... as NAME); "
                            + (x.direction() == null ? "this expect says no direction"
                                    : "this one goes to " + x.direction().to().text() + ", and " + who
                                            + " never sees it")));
                }
            }
        }
    }

    private static boolean explicitlyAllowed(Exercise e, String word) {
        return e.permissions().stream().anyMatch(p -> p.allow() && p.words().stream()
                .anyMatch(w -> w.text().equals(word) || w.text().equals("setup")));
    }

    /** The word that names a statement's kind in {@code forbid} and {@code allow}. */
    static String word(Statement st) {
        return st.accept(new Statement.Visitor<String>() {
            public String visitStack(Statement.Stack s) { return "stack"; }
            public String visitHost(Statement.Host s) { return "host"; }
            public String visitScripted(Statement.Scripted s) { return "scripted"; }
            public String visitNumbers(Statement.Numbers s) { return "numbers"; }
            public String visitAt(Statement.At s) { return "at"; }
            public String visitIsn(Statement.Isn s) { return "isn"; }
            public String visitTs(Statement.Ts s) { return "ts"; }
            public String visitLinkDelay(Statement.LinkDelay s) { return "link"; }
            public String visitLinkRtt(Statement.LinkRtt s) { return "link"; }
            public String visitLoss(Statement.Loss s) { return "loss"; }
            public String visitUnmatchedFail(Statement.UnmatchedFail s) { return "unmatched"; }
            public String visitSetSockOpt(Statement.SetSockOpt s) { return "setsockopt"; }
            public String visitCall(Statement.Call s) { return s.kind().word(); }
            public String visitWrite(Statement.Write s) { return "write"; }
            public String visitRead(Statement.Read s) { return "read"; }
            public String visitStopsReading(Statement.StopsReading s) { return "stops"; }
            public String visitSend(Statement.Send s) { return "send"; }
            public String visitFault(Statement.Fault s) { return s.kind().word(); }
            public String visitWait(Statement.Wait s) { return "wait"; }
            public String visitWaitUntil(Statement.WaitUntil s) { return "wait"; }
            public String visitLet(Statement.Let s) { return "let"; }
            public String visitExpectSegment(Statement.ExpectSegment s) { return "expect"; }
            public String visitExpectNothing(Statement.ExpectNothing s) { return "expect"; }
            public String visitExpectError(Statement.ExpectError s) { return "expect"; }
            public String visitExpectState(Statement.ExpectState s) { return "expect"; }
            public String visitExpectRead(Statement.ExpectRead s) { return "expect"; }
            public String visitExpectReadable(Statement.ExpectReadable s) { return "expect"; }
            public String visitExpectValue(Statement.ExpectValue s) { return "expect"; }
            public String visitRepeat(Statement.Repeat s) { return "repeat"; }
            public String visitRepeatUntil(Statement.RepeatUntil s) { return "repeat"; }
            public String visitExpansion(Statement.Expansion s) { return "macro"; }
            public String visitBroken(Statement.Broken s) { return "statement"; } // never graded: it did not parse
        });
    }

    // ---- limits ---------------------------------------------------------------------------------

    private List<Diagnostic> limitsBeforeRunning(Script script) {
        List<Statement> statements = script.scenarios().get(0).statements();
        if (statements.size() > limits.run().statements()) {
            return List.of(new Diagnostic(script.source(), statements.get(limits.run().statements()).span(),
                    "the scenario has " + statements.size() + " statements; the limit is " + limits.run().statements()));
        }
        return List.of();
    }

    /** The failure that says a limit of the run was reached, or null. */
    private Failure limitReached(ScenarioResult result) {
        for (Failure f : result.failures()) {
            if (limitMessages.contains(f.summary())) {
                return f;
            }
        }
        return null;
    }

    // ---- reports --------------------------------------------------------------------------------

    private static boolean isOpening(Exercise e, int n) {
        int block = e.lines().get(n).answer();
        for (int i = 1; i < n; i++) {
            if (e.lines().get(i).answer() == block) {
                return false;
            }
        }
        return true;
    }

    private static String excerpt(Source source, List<GradedLine> graded, Span span, String kind, String message,
            List<String> details) {
        String text = span.line() < graded.size() ? graded.get(span.line()).text() : "";
        return excerpt(source, graded, span, kind, message, details, text);
    }

    /** Like tcps's own messages, at the submission's line (or the exercise's, for a line the student has not). */
    private static String excerpt(Source source, List<GradedLine> graded, Span span, String kind, String message,
            List<String> details, String text) {
        GradedLine gl = span.line() < graded.size() ? graded.get(span.line()) : null;
        String where = gl == null ? "?" : gl.submissionLine() > 0 ? Integer.toString(gl.submissionLine()) : "given";
        String number = where;
        String gutter = " ".repeat(number.length() + 2);
        StringBuilder sb = new StringBuilder();
        sb.append("line ").append(where).append(':').append(span.column()).append(": ").append(kind).append(": ")
                .append(message).append('\n');
        sb.append(' ').append(number).append(" | ").append(text).append('\n');
        int pad = Math.min(span.column() - 1, text.length());
        sb.append(gutter).append("| ").append(" ".repeat(pad)).append("^".repeat(Math.max(1, Math.min(span.length(),
                text.length() - pad)))).append('\n');
        for (String d : details) {
            sb.append(gutter).append("= ").append(d).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private String transcript(Source source, ScenarioResult result) {
        StringWriter w = new StringWriter();
        PrintWriter out = new PrintWriter(w);
        TcpdumpOptions options = new TcpdumpOptions(false, false, TimestampMode.DEFAULT, false);
        ScenarioResult segmentsOnly = new ScenarioResult(result.name(), result.endpoints(), result.capture(),
                List.of(), List.of(), result.passed(), List.of(), false, result.endTime(), result.sent());
        Transcript t = new Transcript(out, options, false);
        t.scenario(new ScenarioReport(source, segmentsOnly, 1, false));
        out.flush();
        String text = w.toString().stripTrailing();
        long most = limits.run().outputBytes();
        if (text.length() > most) {
            text = text.substring(0, (int) most) + "\n(the transcript is longer than "
                    + tcps.run.Limits.bytes(most) + "; cut here)";
        }
        return text;
    }

    private static Goals.Trace trace(ScenarioResult result) {
        Map<String, TcpAddress> endpoints = new HashMap<>();
        result.endpoints().forEach(ep -> endpoints.put(ep.name(), ep.address()));
        List<Goals.Trace.Sent> sent = new ArrayList<>();
        for (Captured c : result.capture()) {
            sent.add(new Goals.Trace.Sent(c.index(), c.time(), c.segment(), c.scripted()));
        }
        List<Goals.Trace.StateChange> states = new ArrayList<>();
        for (RunEvent.StateChanged s : result.events(RunEvent.StateChanged.class)) {
            states.add(new Goals.Trace.StateChange(s.time(), s.endpoint(), s.peer(), s.from(), s.to()));
        }
        return new Goals.Trace(endpoints, sent, states, result.endTime());
    }

    /** A zero for a submission that could not be graded at all, with the reason. */
    Grade zero(String student, String file, String why) {
        return zero(assignment.variant(student).exercise(), student, file, List.of(why));
    }

    /** Every check at zero, with the reasons. */
    private static Grade zero(Exercise e, String student, String file, List<String> problems) {
        List<Grade.CheckResult> checks = new ArrayList<>();
        double max = 0;
        for (Exercise.Check c : e.checks()) {
            checks.add(new Grade.CheckResult(c.name(), 0, c.points(), 0, 1, c.visibility(), List.of(), c.feedback()));
            max += c.points();
        }
        return new Grade(student, file, 0, max, checks, problems, null);
    }
}
