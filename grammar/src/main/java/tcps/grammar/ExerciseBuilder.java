package tcps.grammar;

import static tcps.grammar.TcpsParser.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import tcps.syntax.Direction;
import tcps.syntax.Duration;
import tcps.syntax.Exercise;
import tcps.syntax.Exercise.Goal;
import tcps.syntax.Exercise.HoleKind;
import tcps.syntax.Exercise.Role;
import tcps.syntax.Flags;
import tcps.syntax.Name;
import tcps.syntax.Source;
import tcps.syntax.Span;

/**
 * Turns the parse tree of an exercise file into {@link Exercise}: what each line is, the checks,
 * blanks, draws and goals. The statements themselves are not built here: an exercise is graded by
 * running its statements, blanks filled in, as an ordinary scenario.
 */
final class ExerciseBuilder {
    static final String OWN_LINES = "put each part of an exercise on lines of its own: a check's or an answer's "
            + "opening `{` ends its line, and its `}` stands alone";

    private final Source source;
    private final ErrorList errors;
    private final Exercise.Line[] lines;
    private final List<Exercise.Draw> draws = new ArrayList<>();
    private final List<Exercise.Permission> permissions = new ArrayList<>();
    private final List<Name> blind = new ArrayList<>();
    private final List<Exercise.Check> checks = new ArrayList<>();
    private final List<Exercise.Hole> holes = new ArrayList<>();
    private int answers;

    ExerciseBuilder(Source source, ErrorList errors) {
        this.source = source;
        this.errors = errors;
        int count = (int) source.text().lines().count() + 2;
        this.lines = new Exercise.Line[count];
        for (int i = 0; i < count; i++) {
            lines[i] = new Exercise.Line(i, Role.BLANK, -1, -1, null);
        }
    }

    Exercise exercise(ExerciseFileContext file) {
        ExerciseContext c = file.exercise();
        String name;
        try {
            name = Literals.text(c.name);
        } catch (SyntaxError e) {
            errors.add(e.span, e.getMessage());
            return null;
        }
        mark(c.EXERCISE().getSymbol(), c.LBRACE().getSymbol(), Role.FRAME, -1, -1, null);
        mark(c.RBRACE().getSymbol(), c.RBRACE().getSymbol(), Role.FRAME, -1, -1, null);
        for (ParseTree child : children(c)) {
            if (child instanceof StatementLineContext || child instanceof ProfileDefContext) {
                ParserRuleContext r = (ParserRuleContext) child;
                mark(r.start, r.stop, Role.GIVEN, -1, -1, null);
            } else if (child instanceof DrawContext d) {
                draw(d);
            } else if (child instanceof PermissionContext p) {
                List<Name> words = new ArrayList<>();
                for (AnyWordContext w : p.anyWord()) {
                    words.add(new Name(w.getText(), Spans.of(w)));
                }
                permissions.add(new Exercise.Permission(p.ALLOW() != null, words, Spans.of(p.start)));
                mark(p.start, p.stop, Role.RULE, -1, -1, null);
            } else if (child instanceof BlindContext b) {
                blind.add(new Name(b.endpoint().getText(), Spans.of(b.endpoint())));
                mark(b.start, b.stop, Role.RULE, -1, -1, null);
            } else if (child instanceof CheckContext k) {
                check(k);
            } else if (child instanceof AnswerContext a) {
                int index = answers++;
                mark(a.ANSWER().getSymbol(), a.LBRACE().getSymbol(), Role.ANSWER_FRAME, -1, index, null);
                int open = a.LBRACE().getSymbol().getLine();
                int close = a.RBRACE().getSymbol().getLine();
                if (close == open) {
                    errors.add(Spans.of(a.RBRACE().getSymbol()), OWN_LINES);
                }
                for (int line = open + 1; line < close; line++) {
                    set(line, Role.ANSWER, -1, index, null, Spans.of(a.start));
                }
                mark(a.RBRACE().getSymbol(), a.RBRACE().getSymbol(), Role.ANSWER_FRAME, -1, index, null);
            }
        }
        collectHoles(c);
        return new Exercise(source, name, Spans.of(c.EXERCISE().getSymbol()), List.of(lines), draws, permissions,
                blind, checks, holes, answers);
    }

    private void draw(DrawContext d) {
        Name name = new Name(d.name.getText(), Spans.of(d.name));
        mark(d.start, d.stop, Role.DRAW, -1, -1, null);
        if (d.low != null) {
            try {
                long low = Literals.number(d.low);
                long high = Literals.number(d.high);
                if (high < low) {
                    errors.add(Spans.of(d.high), "the range is empty: " + high + " is below " + low);
                    return;
                }
                draws.add(new Exercise.Draw(name, low, high, List.of(), Spans.of(d.start)));
            } catch (SyntaxError e) {
                errors.add(e.span, e.getMessage());
            }
            return;
        }
        List<String> values = new ArrayList<>();
        for (DrawValueContext v : d.drawValue()) {
            values.add(v.getText());
        }
        draws.add(new Exercise.Draw(name, 0, 0, values, Spans.of(d.start)));
    }

    private void check(CheckContext k) {
        int index = checks.size();
        String name;
        try {
            name = Literals.text(k.name);
        } catch (SyntaxError e) {
            errors.add(e.span, e.getMessage());
            name = "";
        }
        int points = 1;
        Exercise.Visibility visibility = Exercise.Visibility.VISIBLE;
        String feedback = null;
        for (CheckOptionContext o : k.checkOption()) {
            if (o.AFTER() != null) {
                if (!o.IDENT().getText().equals("due")) {
                    errors.add(Spans.of(o.IDENT().getSymbol()), "`after` takes `due`: `after due` shows the "
                            + "check once the due date has passed");
                }
                visibility = Exercise.Visibility.AFTER_DUE;
                continue;
            }
            String word = o.word.getText();
            switch (word) {
                case "points" -> {
                    if (o.INT() == null) {
                        errors.add(Spans.of(o.word), "`points` takes a whole number: `points 3`");
                    } else {
                        points = (int) Math.min(1_000_000, Literals.number(o.INT().getSymbol()));
                    }
                }
                case "hidden" -> visibility = Exercise.Visibility.HIDDEN;
                case "visible" -> visibility = Exercise.Visibility.VISIBLE;
                case "feedback" -> {
                    if (o.STRING() == null) {
                        errors.add(Spans.of(o.word), "`feedback` takes a text in double quotes");
                    } else {
                        feedback = Literals.text(o.STRING().getSymbol());
                    }
                }
                default -> errors.add(Spans.of(o.word), "unknown check option `" + word
                        + "`; a check takes points N, hidden, visible, after due, feedback \"...\"");
            }
        }
        int open = k.LBRACE().getSymbol().getLine();
        int close = k.RBRACE().getSymbol().getLine();
        checks.add(new Exercise.Check(name, Spans.of(k.CHECK().getSymbol()).to(Spans.of(k.name)), points, visibility,
                feedback, k.CHECK().getSymbol().getLine(), close));
        mark(k.CHECK().getSymbol(), k.LBRACE().getSymbol(), Role.FRAME, index, -1, null);
        for (ParseTree child : children(k)) {
            if (child instanceof StatementLineContext s) {
                mark(s.start, s.stop, Role.GIVEN, index, -1, null);
            } else if (child instanceof GoalContext g) {
                Goal goal = goal(g);
                mark(g.start, g.stop, Role.GOAL, index, -1, goal);
            }
        }
        if (close == open) {
            errors.add(Spans.of(k.RBRACE().getSymbol()), OWN_LINES);
        }
        mark(k.RBRACE().getSymbol(), k.RBRACE().getSymbol(), Role.FRAME, index, -1, null);
    }

    // ---- goals ----------------------------------------------------------------------------------

    private Goal goal(GoalContext g) {
        Span span = Spans.of(g.start);
        try {
            if (g instanceof GoalSegmentsContext s) {
                return segments(s, span);
            }
            if (g instanceof GoalStateAtContext s) {
                return new Goal.StateAt(name(s.endpoint(0)), name(s.peer), state(s.stateName()), duration(s.duration()),
                        span);
            }
            if (g instanceof GoalStatesContext s) {
                String word = s.word.getText();
                if (word.equals("in")) {
                    if (s.duration() == null || s.stateName().size() != 1) {
                        throw new SyntaxError(Spans.of(s.word), "write `in STATE for DURATION`: "
                                + "`goal server from client in CLOSE-WAIT for 5m`");
                    }
                    return new Goal.TimeIn(name(s.endpoint(0)), name(s.peer), state(s.stateName(0)),
                            duration(s.duration()), span);
                }
                if (word.equals("passes") && s.duration() == null) {
                    List<Name> states = new ArrayList<>();
                    for (StateNameContext st : s.stateName()) {
                        states.add(state(st));
                    }
                    return new Goal.Passes(name(s.endpoint(0)), name(s.peer), states, span);
                }
                throw new SyntaxError(Spans.of(s.word), "unknown goal `" + word + "`; after `goal server from "
                        + "client` come `state S at T`, `in S for D` or `passes S, S, ...`");
            }
            GoalAnswersContext a = (GoalAnswersContext) g;
            List<String> words = new ArrayList<>();
            for (AnyWordContext w : a.anyWord()) {
                words.add(w.getText());
            }
            if (words.equals(List.of("hold"))) {
                return new Goal.AnswersHold(span);
            }
            if (words.size() >= 3 && words.subList(0, 3).equals(List.of("expect", "every", "segment"))) {
                List<String> fields = words.subList(3, words.size());
                if (!fields.isEmpty() && !fields.get(0).equals("with")) {
                    throw new SyntaxError(Spans.of(a.anyWord(3)), "write `with` before the fields each expect "
                            + "must give: `goal answers expect every segment with seq ack time`");
                }
                List<String> wanted = fields.isEmpty() ? List.of() : fields.subList(1, fields.size());
                for (int i = 0; i < wanted.size(); i++) {
                    if (!List.of("seq", "ack", "win", "length", "time", "flags", "options").contains(wanted.get(i))) {
                        throw new SyntaxError(Spans.of(a.anyWord(4 + i)), "unknown field `" + wanted.get(i)
                                + "`; an expect can be required to give seq, ack, win, length, time, flags, options");
                    }
                }
                return new Goal.AnswersCover(wanted, span);
            }
            throw new SyntaxError(Spans.of(a.anyWord(0)), "unknown goal; `goal answers hold` or `goal answers "
                    + "expect every segment [with FIELD...]`");
        } catch (SyntaxError e) {
            errors.add(e.span, e.getMessage());
            return null;
        }
    }

    private Goal segments(GoalSegmentsContext s, Span span) {
        String word = s.word.getText();
        boolean counted = s.count != null;
        if (counted != word.equals("segments") || !List.of("exists", "segments", "no").contains(word)) {
            throw new SyntaxError(Spans.of(s.word), "unknown goal `" + word + "`; segment goals are `goal exists "
                    + "PATTERN`, `goal no PATTERN` and `goal N segments PATTERN`");
        }
        Long count = counted && s.count.getType() == INT ? Literals.number(s.count) : null;
        Direction direction = s.direction() == null ? null
                : new Direction(name(s.direction().from), name(s.direction().to), Spans.of(s.direction()));
        Flags flags = null;
        List<Exercise.FieldTest> fields = new ArrayList<>();
        SegmentContext seg = s.segment();
        if (seg != null) {
            if (seg.flags() != null) {
                flags = new Flags(text(seg.flags()), Spans.of(seg.flags()));
            }
            for (FieldContext f : seg.field()) {
                fields.add(fieldTest(f));
            }
        }
        return new Goal.Segments(word, count, counted && count == null, direction, flags, fields, span);
    }

    private static Exercise.FieldTest fieldTest(FieldContext f) {
        if (f instanceof PayloadFieldContext p) {
            return new Exercise.FieldTest("data", 0, Literals.bytes(p.STRING().getSymbol()), Spans.of(p));
        }
        String name;
        ExprContext value;
        if (f instanceof LengthFieldContext l) {
            name = "len";
            value = l.expr();
        } else if (f instanceof NamedFieldContext n && n.end == null) {
            name = n.name.getText().equals("length") ? "len" : n.name.getText();
            value = n.value;
        } else {
            throw new SyntaxError(Spans.of(f), "a goal's segment pattern takes flags, len, win, urg and a payload");
        }
        if (!List.of("len", "win", "urg").contains(name) || !(value instanceof NumberContext number)) {
            throw new SyntaxError(Spans.of(f), "a goal's segment pattern takes flags, and len, win, urg as numbers, "
                    + "and a payload");
        }
        return new Exercise.FieldTest(name, Literals.number(number.INT().getSymbol()), null, Spans.of(f));
    }

    private static Name name(EndpointContext c) {
        return new Name(c.getText(), Spans.of(c));
    }

    private static Name state(StateNameContext c) {
        return new Name(text(c).toUpperCase(Locale.ROOT), Spans.of(c));
    }

    /** A duration, or null for a blank. */
    private static Duration duration(DurationContext c) {
        return c.HOLE() != null ? null : new Duration(Spans.of(c), Literals.micros(c.DURATION().getSymbol()));
    }

    private static String text(ParserRuleContext c) {
        return c.start.getInputStream().getText(Interval.of(c.start.getStartIndex(), c.stop.getStopIndex()));
    }

    // ---- blanks ---------------------------------------------------------------------------------

    private void collectHoles(ParseTree node) {
        if (node instanceof TerminalNode t) {
            if (t.getSymbol().getType() == HOLE) {
                hole(t);
            }
            return;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            collectHoles(node.getChild(i));
        }
    }

    private void hole(TerminalNode t) {
        Token token = t.getSymbol();
        Exercise.Line line = lines[token.getLine()];
        if (line.role() != Role.GIVEN && line.role() != Role.GOAL) {
            errors.add(Spans.of(token), "a blank belongs in a statement or a goal the student is given");
            return;
        }
        if (line.check() < 0) {
            errors.add(Spans.of(token), "a blank must be inside a check, which says how many points it is worth");
            return;
        }
        ParseTree parent = t.getParent();
        HoleKind kind;
        String field;
        if (parent instanceof HoleContext) {
            kind = HoleKind.VALUE;
            ParseTree up = parent;
            while (up.getParent() instanceof ExprContext) {
                up = up.getParent();
            }
            ParseTree owner = up.getParent();
            if (owner instanceof NamedFieldContext n) {
                field = n.name.getText().equals("len") ? "length" : n.name.getText();
            } else if (owner instanceof LengthFieldContext) {
                field = "length";
            } else if (owner instanceof ParserRuleContext r) {
                field = r.start.getText();
            } else {
                field = "value";
            }
        } else if (parent instanceof FlagsContext) {
            kind = HoleKind.FLAGS;
            field = "flags";
        } else if (parent instanceof StateNameContext) {
            kind = HoleKind.STATE;
            field = "state";
        } else if (parent instanceof DurationContext d) {
            kind = HoleKind.DURATION;
            field = d.getParent() instanceof TimingContext ? "time" : d.getParent() instanceof WaitContext ? "wait"
                    : "duration";
        } else {
            kind = HoleKind.COUNT;
            field = "count";
        }
        holes.add(new Exercise.Hole(Spans.of(token), kind, field, line.check()));
    }

    // ---- lines ----------------------------------------------------------------------------------

    private void mark(Token from, Token to, Role role, int check, int answer, Goal goal) {
        Token stop = to == null ? from : to;
        int last = stop.getLine();
        if (stop.getType() == NEWLINE && last > from.getLine()) {
            last--; // a statement's end of line belongs to its line
        }
        for (int line = from.getLine(); line <= last; line++) {
            set(line, role, check, answer, goal, Spans.of(from));
        }
    }

    private void set(int line, Role role, int check, int answer, Goal goal, Span where) {
        if (line <= 0 || line >= lines.length) {
            return;
        }
        Exercise.Line old = lines[line];
        if (old.role() != Role.BLANK && (old.role() != role || old.check() != check || old.answer() != answer)) {
            errors.add(new Span(line, 1, 1), OWN_LINES);
            return;
        }
        lines[line] = new Exercise.Line(line, role, check, answer, goal != null ? goal : old.goal());
    }

    private static List<ParseTree> children(ParserRuleContext node) {
        return node.children == null ? List.of() : node.children;
    }
}
