package tcps.grammar;

import static tcps.grammar.TcpsParser.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import tcps.syntax.Comparison;
import tcps.syntax.Condition;
import tcps.syntax.Direction;
import tcps.syntax.Duration;
import tcps.syntax.Expr;
import tcps.syntax.Field;
import tcps.syntax.Flags;
import tcps.syntax.Name;
import tcps.syntax.OptionItem;
import tcps.syntax.Payload;
import tcps.syntax.ProfileDef;
import tcps.syntax.Scenario;
import tcps.syntax.Script;
import tcps.syntax.SegmentSpec;
import tcps.syntax.Source;
import tcps.syntax.Span;
import tcps.syntax.Statement;

/**
 * Turns the parse tree into the records of {@code tcps.syntax}, and reports what parsed but cannot
 * be right: an unknown field or option, a number too wide, a port out of range, a bad address or
 * duration or escape.
 *
 * <p>It keeps going past every error, so that one run reports all the mistakes of a file and of a
 * line. A number, a field or an option that cannot be built is reported and stands in the tree as
 * a placeholder ({@link Expr.Error}, {@link Field.Error}), or is left out where leaving it out
 * cannot make anything else wrong (an option, a timing); the statement around it is built, so
 * that the checker still checks its other parts. A statement with a syntax error, or an error
 * that leaves nothing to build, becomes a {@link Statement.Broken}: the parts that parsed whole
 * before the error (expressions, fields, flags, endpoints), and every word of it. Such a tree is
 * never run; it is only checked ({@code ScriptParser.Result#partial}).
 */
final class TreeBuilder {
    static final String EMPTY_SCRIPT =
            "the script is empty: write at least one statement, such as `client connect`";
    static final String MIXED_TOP_LEVEL = "statements outside a scenario block are not allowed in a file "
            + "that has scenario blocks; move this into a scenario";
    static final String UNKNOWN_FIELD = "unknown field `%s`; fields are seq, ack, win, urg, len "
            + "(or length N), a \"payload\" and <options>";
    static final String UNKNOWN_OPTION = "unknown option `%s`; options are mss N, wscale N, sackOK, "
            + "TS [val N ecr N], sack N {l:r}..., nop, eol";

    /** How deep macros may call macros: deeper is almost surely a macro that calls itself. */
    static final int MAX_MACRO_DEPTH = 16;

    /** What a text may hold: a script; an imported file (macros, profiles); a macro's expansion (statements). */
    enum Mode {
        SCRIPT, IMPORTED, EXPANSION
    }

    private final Source source;
    private final ErrorList errors;
    private final NavigableSet<Integer> syntaxErrorTokens;
    private final Mode mode;
    private final Library library;
    private final int depth;
    /** The macros this text can call: its own, then those it imports, then those its caller could. */
    private Map<String, Library.MacroDef> macros;
    private final StatementBuilder statements = new StatementBuilder();
    private final FieldBuilder fields = new FieldBuilder();
    private final ExprBuilder exprs = new ExprBuilder();

    TreeBuilder(Source source, ErrorList errors, NavigableSet<Integer> syntaxErrorTokens, Mode mode, Library library,
            Map<String, Library.MacroDef> inherited, int depth) {
        this.source = source;
        this.errors = errors;
        this.syntaxErrorTokens = syntaxErrorTokens;
        this.mode = mode;
        this.library = library;
        this.macros = inherited;
        this.depth = depth;
    }

    Map<String, Library.MacroDef> macros() {
        return macros;
    }

    /**
     * Names a broken definition may have been meant to give (a profile with a syntax error): the
     * checker never reports them as unknown.
     */
    java.util.Set<String> unsure() {
        return unsure;
    }

    private final java.util.Set<String> unsure = new java.util.HashSet<>();
    /** Macros whose definitions did not parse; a call to one is not reported again. */
    private final java.util.Set<String> brokenMacros = new java.util.HashSet<>();
    /** True once an import failed: a call to a macro it may hold is not reported again. */
    private boolean importFailed;

    // ---- files and scenarios --------------------------------------------------------------------

    Script script(ScriptContext tree) {
        List<ProfileDef> profiles = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        List<StatementLineContext> bare = new ArrayList<>();
        boolean hasBlocks = false;
        definitions(tree, profiles);
        for (ParseTree child : children(tree)) {
            if (child instanceof ScenarioContext block) {
                hasBlocks = true;
                Scenario scenario = earlyScenarios.containsKey(block) ? earlyScenarios.remove(block) : scenario(block);
                if (scenario != null) {
                    scenarios.add(scenario);
                }
            } else if (child instanceof StatementLineContext line) {
                bare.add(line);
            } else if (child instanceof ProfileDefContext def) {
                profiles.addAll(profiles(List.of(def)));
            }
            if (mode == Mode.IMPORTED && (child instanceof ScenarioContext || child instanceof StatementLineContext)) {
                errors.add(Spans.of(((ParserRuleContext) child).start), "an imported file holds macros, profiles and "
                        + "imports only; put scenarios and statements in the script that imports it");
            }
            if (mode == Mode.EXPANSION && (child instanceof ScenarioContext || child instanceof ProfileDefContext
                    || child instanceof MacroDefContext || child instanceof ImportLineContext)) {
                errors.add(Spans.of(((ParserRuleContext) child).start), "a macro's body holds statements only; "
                        + "scenarios, profiles, macros and imports stand at the top of a file");
            }
        }
        List<Statement> bareStatements = statements(bare);
        if (syntaxErrorTokens.isEmpty() && mode == Mode.SCRIPT) { // else the file-wide view would only add confusion
            if (hasBlocks && !bare.isEmpty()) {
                errors.add(Spans.of(bare.get(0).start), MIXED_TOP_LEVEL);
            } else if (!hasBlocks && bare.isEmpty() && profiles.isEmpty() && macrosDefinedHere == 0) {
                errors.add(new Span(1, 1, 1), EMPTY_SCRIPT);
            }
        }
        if (!hasBlocks && !bareStatements.isEmpty()) {
            scenarios.add(new Scenario(null, bareStatements.get(0).span(), List.of(), bareStatements));
        }
        return new Script(source, profiles, scenarios);
    }

    private int macrosDefinedHere;

    /** Scenarios built while the parser went on (null: reported), by their blocks; see {@link #buildingEarly}. */
    private final Map<ScenarioContext, Scenario> earlyScenarios = new java.util.IdentityHashMap<>();
    /** Statements outside scenarios built while the parser went on, by their lines. */
    private final Map<StatementLineContext, List<Statement>> earlyLines = new java.util.IdentityHashMap<>();

    /**
     * Builds a scenario, or a statement outside scenarios, as soon as the parser has read it, and
     * drops its parse tree: {@link #script} then takes what was built. Only for a script that
     * defines and imports no macros (a call may come before the definition it calls), and kept
     * only if the parser reads the whole file without an error (else it reads it again, with
     * another tree builder).
     */
    void buildEarly(ParserRuleContext ctx) {
        if (ctx instanceof ScenarioContext block) {
            earlyScenarios.put(block, scenario(block));
            block.children = null;
        } else if (ctx instanceof StatementLineContext line && line.parent instanceof ScriptContext) {
            earlyLines.put(line, statements(List.of(line)));
            line.children = null;
        }
    }

    /**
     * Macro definitions and imports, before any statement is built, so that a call may come
     * before the definition it calls. The file's own macros come first, then each import's.
     */
    private void definitions(ScriptContext tree, List<ProfileDef> profiles) {
        Map<String, Library.MacroDef> own = new LinkedHashMap<>();
        List<Map<String, Library.MacroDef>> imported = new ArrayList<>();
        for (ParseTree child : children(tree)) {
            if (child instanceof MacroDefContext def && hasSyntaxError(def)) {
                if (def.name != null) {
                    brokenMacros.add(def.name.getText());
                }
            } else if (child instanceof MacroDefContext def) {
                macrosDefinedHere++;
                Library.MacroDef macro = macro(def);
                Library.MacroDef earlier = own.putIfAbsent(macro.name(), macro);
                if (earlier != null) {
                    errors.add(Spans.of(def.name), "the macro `" + macro.name() + "` is already defined at line "
                            + earlier.span().line());
                }
            } else if (child instanceof ImportLineContext line && !hasSyntaxError(line)) {
                imported(line, imported, profiles);
            } else if (child instanceof ImportLineContext) {
                importFailed = true;
            }
        }
        List<Map<String, Library.MacroDef>> all = new ArrayList<>();
        all.add(own);
        all.addAll(imported);
        all.add(macros);
        macros = Library.merged(all);
    }

    private Library.MacroDef macro(MacroDefContext def) {
        List<String> params = new ArrayList<>();
        for (Token p : def.params) {
            if (params.contains(p.getText())) {
                errors.add(Spans.of(p), "the parameter `" + p.getText() + "` is named twice");
            }
            params.add(p.getText());
        }
        MacroBodyContext body = def.body;
        return new Library.MacroDef(def.name.getText(), params, source, body.start.getStopIndex() + 1,
                body.stop.getStartIndex(), Spans.of(def.name));
    }

    private void imported(ImportLineContext line, List<Map<String, Library.MacroDef>> imported,
            List<ProfileDef> profiles) {
        String name;
        try {
            name = Literals.text(line.name);
        } catch (SyntaxError e) {
            errors.add(e.span, e.getMessage());
            importFailed = true;
            return;
        }
        Object loaded = library.load(name, source);
        if (loaded instanceof String problem) {
            errors.add(Spans.of(line.name), problem);
            importFailed = true;
            return;
        }
        Library.Unit unit = (Library.Unit) loaded;
        unit.errors().forEach(errors::add);
        importFailed |= !unit.errors().isEmpty();
        imported.add(unit.macros());
        profiles.addAll(unit.profiles());
    }

    /** The definitions that parsed; a bad one is reported and left out. */
    private List<ProfileDef> profiles(List<ProfileDefContext> defs) {
        List<ProfileDef> built = new ArrayList<>();
        for (ProfileDefContext def : defs) {
            if (hasSyntaxError(def)) {
                if (def.name != null) {
                    unsure.add(def.name.getText()); // `stack lab` is not an unknown stack: its definition is broken
                }
                continue;
            }
            try {
                built.add(profile(def));
            } catch (SyntaxError e) {
                errors.add(e.span, e.getMessage());
            }
        }
        return built;
    }

    private ProfileDef profile(ProfileDefContext c) {
        List<ProfileDef.Setting> settings = new ArrayList<>();
        for (SettingContext line : c.setting()) {
            try {
                settings.add(setting(line));
            } catch (SyntaxError e) {
                errors.add(e.span, e.getMessage());
            }
        }
        Name base = c.base == null ? null : hyphenated(c.base, "the profile name", "bsd-1990");
        return new ProfileDef(hyphenated(c.name, "the profile name", "bsd-1990"), base, settings,
                Spans.of(c.PROFILE().getSymbol()));
    }

    private static ProfileDef.Setting setting(SettingContext line) {
            Name parameter = new Name(line.parameter.getText(), Spans.of(line.parameter));
            ProfileDef.Value value;
            SettingValueContext v = line.settingValue();
            if (v instanceof NumberValueContext n) {
                long number = Literals.number(n.INT().getSymbol());
                value = new ProfileDef.Value.Number(n.MINUS() == null ? number : -number, Spans.of(n));
            } else if (v instanceof TimeValueContext t) {
                value = new ProfileDef.Value.Time(new Duration(Spans.of(t), Literals.micros(t.DURATION().getSymbol())),
                        Spans.of(t));
            } else {
                value = new ProfileDef.Value.Word(unspaced(v, "write the value without spaces"), Spans.of(v));
            }
            return new ProfileDef.Setting(parameter, value, Spans.of(line.parameter));
    }

    private Scenario scenario(ScenarioContext block) {
        List<Statement> body = statements(block.statementLine());
        if (block.exception != null) {
            return null; // reported; a broken header had its body skipped, an unclosed body is cut short
        }
        if (block.name == null) {
            errors.add(Spans.of(block.LBRACE().getSymbol()),
                    "a scenario needs a name in double quotes, as in `scenario \"handshake\" {`");
            return null;
        }
        try {
            String name = Literals.text(block.name);
            return new Scenario(name, Spans.of(block.SCENARIO().getSymbol()).to(Spans.of(block.name)),
                    profiles(block.profileDef()), body);
        } catch (SyntaxError e) {
            errors.add(e.span, e.getMessage());
            return null;
        }
    }

    private List<Statement> statements(List<StatementLineContext> lines) {
        List<Statement> built = new ArrayList<>();
        for (StatementLineContext line : lines) {
            List<Statement> early = earlyLines.isEmpty() ? null : earlyLines.remove(line);
            if (early != null) {
                built.addAll(early);
                continue;
            }
            StatementContext st = line.statement();
            if (st == null) {
                continue;
            }
            if (hasSyntaxError(line) && !onlyItsBodyIsBroken(st)) {
                built.add(broken(st));
                continue;
            }
            try {
                built.add(statements.visit(st));
            } catch (SyntaxError e) {
                errors.add(e.span, e.getMessage());
                built.add(new Statement.Broken(List.of(), List.of(), List.of(), given(st), first(st)));
            }
        }
        return built;
    }

    /**
     * A repeat whose own words parsed, with syntax errors only in statements of its body: it is
     * built, and each broken line of its body stands for itself.
     */
    private boolean onlyItsBodyIsBroken(StatementContext st) {
        BlockContext block;
        List<ParserRuleContext> header = new ArrayList<>();
        if (st instanceof RepeatContext r) {
            block = r.block();
            header.add(r.count);
        } else if (st instanceof RepeatUntilContext r) {
            block = r.block();
            header.add(r.condition());
            header.add(r.limit);
        } else {
            return false;
        }
        if (st.exception != null || block == null || block.exception != null || block.stop == null
                || block.stop.getType() != RBRACE) {
            return false;
        }
        for (ParserRuleContext part : header) {
            if (part != null && failedInside(part)) {
                return false;
            }
        }
        return syntaxErrorTokens.subSet(st.start.getTokenIndex(), true, block.start.getTokenIndex(), true).isEmpty();
    }

    /**
     * A statement with a syntax error: its error is reported; what parsed whole around it is built
     * (reporting its own mistakes) and kept for the checker. A part that ends just before an
     * error that could have gone on with it (an operator, `=`, `:`, `.`, `(`) is left out: the
     * error may be that it was cut short (`seq=isn+ ack=1` reads `isn+ack`, then fails at `=`).
     */
    private Statement broken(StatementContext st) {
        List<Expr> exprs = new ArrayList<>();
        List<Flags> flagList = new ArrayList<>();
        List<Name> endpoints = new ArrayList<>();
        parts(st, exprs, flagList, endpoints);
        return new Statement.Broken(exprs, flagList, endpoints, given(st), first(st));
    }

    private void parts(ParseTree node, List<Expr> exprs, List<Flags> flagList, List<Name> endpoints) {
        if (!(node instanceof ParserRuleContext c) || c instanceof BlockContext) {
            return; // a block's lines are statements of their own
        }
        boolean whole = c.exception == null && c.stop != null && c.stop.getTokenIndex() >= c.start.getTokenIndex()
                && !failedInside(c) && syntaxErrorTokens.subSet(c.start.getTokenIndex(), false,
                        c.stop.getTokenIndex(), true).isEmpty() // it may start where the parser went on after one
                && !(syntaxErrorTokens.contains(c.stop.getTokenIndex() + 1) && continuedBy(c.stop.getStopIndex() + 1));
        if (whole) {
            try {
                if (c instanceof FieldContext f) {
                    exprs.addAll(valuesOf(fields.visit(f)));
                    return;
                }
                if (c instanceof ExprContext e) {
                    if (c.getParent() instanceof FaultContext && FLAG_WORDS.matcher(e.getText()).matches()) {
                        flagList.add(new Flags(e.getText(), Spans.of(e))); // `drop next FIN`: flags, not a count
                    } else {
                        exprs.add(expr(e));
                    }
                    return;
                }
                if (c instanceof FlagsContext f) {
                    Flags built = flags(f);
                    if (built != null) {
                        flagList.add(built);
                    }
                    return;
                }
                if (c instanceof EndpointContext e) {
                    endpoints.add(name(e));
                    return;
                }
                if (c instanceof DurationContext d) {
                    duration(d);
                    return;
                }
                if (c instanceof AddressContext a) {
                    address(a);
                    return;
                }
                if (c instanceof PortContext p) {
                    Literals.port(p.INT().getSymbol());
                    return;
                }
            } catch (SyntaxError e) {
                errors.add(e.span, e.getMessage());
                return;
            }
        }
        for (ParseTree child : children(c)) {
            parts(child, exprs, flagList, endpoints);
        }
    }

    /** True when the text from {@code offset} on (after spaces) starts with what could continue an expression or a field. */
    private boolean continuedBy(int offset) {
        String text = source.text();
        int i = offset;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (i >= text.length()) {
            return false;
        }
        char ch = text.charAt(i);
        return "=<>!+-*:.(\u00b1".indexOf(ch) >= 0
                || text.startsWith("in", i) && (i + 2 == text.length() || !Character.isLetterOrDigit(text.charAt(i + 2)));
    }

    /** The expressions of a field, whose names the checker checks. */
    private static List<Expr> valuesOf(Field f) {
        List<Expr> out = new ArrayList<>();
        if (f instanceof Field.Seq s) {
            out.add(s.start());
            if (s.end() != null) {
                out.add(s.end());
            }
        } else if (f instanceof Field.Ack a) {
            out.add(a.value());
        } else if (f instanceof Field.Win w) {
            out.add(w.value());
        } else if (f instanceof Field.Urg u) {
            out.add(u.value());
        } else if (f instanceof Field.Length l) {
            out.add(l.value());
        } else if (f instanceof Field.Compared c) {
            out.add(c.value());
        } else if (f instanceof Field.Range r) {
            out.add(r.low());
            out.add(r.high());
        } else if (f instanceof Field.Error e && e.value() != null) {
            out.add(e.value());
        }
        return out;
    }

    /**
     * The names a broken statement may have been meant to give: after `let`, `host` and `as` (a
     * value, an endpoint, a segment). A macro call may give any name. Other words are uses: they
     * are still checked where they are used elsewhere.
     */
    private java.util.Set<String> given(StatementContext st) {
        String text = source.text();
        int from = Math.max(0, st.start.getStartIndex());
        int to = from;
        while (to < text.length() && text.charAt(to) != '\n' && text.charAt(to) != '\r' && text.charAt(to) != ';') {
            to++;
        }
        java.util.Set<String> out = new java.util.HashSet<>();
        if (MACRO_CALL.matcher(text).region(from, to).lookingAt()) {
            out.add(Statement.Broken.ANY);
        }
        java.util.regex.Matcher m = GIVEN.matcher(text).region(from, to);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static final java.util.regex.Pattern GIVEN =
            java.util.regex.Pattern.compile("\\b(?:let|host|as)\\s+([A-Za-z_][A-Za-z0-9_]*)");
    private static final java.util.regex.Pattern MACRO_CALL = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\s*\\(");

    private boolean hasSyntaxError(ParserRuleContext node) {
        int from = node.start.getTokenIndex();
        int to = node.stop == null ? from : Math.max(from, node.stop.getTokenIndex());
        // No error reported means no rule caught one either (every catch reports): skip the walk.
        return !syntaxErrorTokens.isEmpty()
                && (!syntaxErrorTokens.subSet(from, true, to, true).isEmpty() || failedInside(node));
    }

    private static boolean failedInside(ParserRuleContext node) {
        if (node.exception != null) {
            return true;
        }
        for (ParseTree child : children(node)) {
            if (child instanceof ParserRuleContext rule && failedInside(rule)) {
                return true;
            }
        }
        return false;
    }

    private static List<ParseTree> children(ParserRuleContext node) {
        return node.children == null ? List.of() : node.children;
    }

    // ---- statements -----------------------------------------------------------------------------

    /** One method per statement kind; each statement's span is its first token, where carets go. */
    private final class StatementBuilder extends TcpsBaseVisitor<Statement> {
        @Override
        public Statement visitStack(StackContext c) {
            Name endpoint = c.endpoint() == null ? null : name(c.endpoint());
            return new Statement.Stack(endpoint, hyphenated(c.profile(), "the profile", "bsd-1990"), first(c));
        }

        @Override
        public Statement visitScripted(ScriptedContext c) {
            return new Statement.Scripted(name(c.endpoint()), first(c));
        }

        @Override
        public Statement visitNumbers(NumbersContext c) {
            return new Statement.Numbers(c.ABSOLUTE() != null, first(c));
        }

        @Override
        public Statement visitAt(AtContext c) {
            Name address = c.address() == null ? null : address(c.address());
            Integer port = c.port() == null ? null : Literals.port(c.port().INT().getSymbol());
            return new Statement.At(name(c.endpoint()), address, port, first(c));
        }

        @Override
        public Statement visitIsn(IsnContext c) {
            return new Statement.Isn(name(c.endpoint()), expr(c.expr()), first(c));
        }

        @Override
        public Statement visitTs(TsContext c) {
            return new Statement.Ts(name(c.endpoint()), expr(c.expr()), first(c));
        }

        @Override
        public Statement visitLink(LinkContext c) {
            return c.RTT() != null ? new Statement.LinkRtt(duration(c.duration()), first(c))
                    : new Statement.LinkDelay(duration(c.duration()), first(c));
        }

        @Override
        public Statement visitCall(CallContext c) {
            Statement.CallKind kind = switch (((TerminalNode) c.getChild(1)).getSymbol().getType()) {
                case BIND -> Statement.CallKind.BIND;
                case ACCEPT -> Statement.CallKind.ACCEPT;
                case CONNECT -> Statement.CallKind.CONNECT;
                case CLOSE -> Statement.CallKind.CLOSE;
                case ABORT -> Statement.CallKind.ABORT;
                default -> throw new IllegalStateException("a call the grammar does not have: " + c.getText());
            };
            return new Statement.Call(name(c.endpoint()), kind, first(c));
        }

        @Override
        public Statement visitListen(ListenContext c) {
            return new Statement.Call(name(c.endpoint()), Statement.CallKind.LISTEN,
                    c.backlog == null ? null : expr(c.backlog), first(c));
        }

        @Override
        public Statement visitShutdown(ShutdownContext c) {
            Statement.CallKind kind = Statement.CallKind.SHUTDOWN;
            if (c.READ() != null) {
                kind = Statement.CallKind.SHUTDOWN_READ;
            } else if (c.how != null) {
                if (!c.how.getText().equals("both")) {
                    throw new SyntaxError(Spans.of(c.how), "shutdown takes `read`, `write` or `both`, not `"
                            + c.how.getText() + "`");
                }
                kind = Statement.CallKind.SHUTDOWN_BOTH;
            }
            return new Statement.Call(name(c.endpoint()), kind, first(c));
        }

        @Override
        public Statement visitSetsockopt(SetsockoptContext c) {
            Name option = new Name(c.optionName.getText(), Spans.of(c.optionName));
            SockoptValueContext v = c.sockoptValue();
            Expr number = null;
            Duration time = null;
            Name word = null;
            if (v.INT() != null) {
                Token t = v.INT().getSymbol();
                try {
                    number = new Expr.Num(Literals.number(t), Spans.of(t));
                } catch (SyntaxError e) {
                    errors.add(e.span, e.getMessage());
                    number = new Expr.Error(Spans.of(t));
                }
            } else if (v.DURATION() != null) {
                Token t = v.DURATION().getSymbol();
                time = new Duration(Spans.of(t), Literals.micros(t));
            } else {
                word = new Name(v.IDENT().getText(), Spans.of(v.IDENT().getSymbol()));
            }
            return new Statement.SetSockOpt(name(c.endpoint()), option, number, time, word, first(c));
        }

        @Override
        public Statement visitWrite(WriteContext c) {
            Expr count = c.count == null ? null : expr(c.count);
            Payload data = c.data == null ? null : payload(c.data);
            return new Statement.Write(name(c.endpoint()), count, data, first(c));
        }

        @Override
        public Statement visitRead(ReadContext c) {
            return new Statement.Read(name(c.endpoint()), c.count == null ? null : expr(c.count), first(c));
        }

        @Override
        public Statement visitSend(SendContext c) {
            Flags flags = flags(c.flags());
            List<Field> built = fields(c.field());
            Span start = Spans.of(c.flags());
            Span span = built.isEmpty() ? start : start.to(built.get(built.size() - 1).span());
            // `from A to B` among the fields, once (the grammar takes it anywhere, so that a mistake
            // in a field is read as one, not as the whole statement's)
            List<SpoofContext> spoofs = c.spoof();
            SpoofContext spoof = spoofs.isEmpty() ? null : spoofs.get(0);
            if (spoofs.size() > 1) {
                String from = spoofs.stream().filter(s -> s.from != null).map(s -> s.from.getText()).findFirst()
                        .orElse("A");
                String to = spoofs.stream().filter(s -> s.to != null).map(s -> s.to.getText()).findFirst().orElse("B");
                errors.add(Spans.of(spoofs.get(1)), "write where a forged segment goes once, `from` and `to` "
                        + "together: `from " + from + " to " + to + "`");
            }
            Name from = spoof == null || spoof.from == null ? null : name(spoof.from);
            Name to = spoof == null || spoof.to == null ? null : name(spoof.to);
            return new Statement.Send(name(c.endpoint()), new SegmentSpec(flags, built, span), from, to, first(c));
        }

        @Override
        public Statement visitHost(HostContext c) {
            Integer port = c.port() == null ? null : Literals.port(c.port().INT().getSymbol());
            return new Statement.Host(new Name(c.name.getText(), Spans.of(c.name)), address(c.address()), port,
                    first(c));
        }

        @Override
        public Statement visitFault(FaultContext c) {
            Statement.FaultKind kind = switch (c.kind.getType()) {
                case DROP -> Statement.FaultKind.DROP;
                case DUPLICATE -> Statement.FaultKind.DUPLICATE;
                case CORRUPT -> Statement.FaultKind.CORRUPT;
                default -> Statement.FaultKind.REORDER;
            };
            Expr count = c.count == null ? null : expr(c.count);
            Flags flags = flags(c.flags());
            if (count != null && flags == null && FLAG_WORDS.matcher(c.count.getText()).matches()) {
                // `drop next FIN`: the count was left out and the word is the filter's flags
                flags = new Flags(unspaced(c.count, "write flags without spaces, as in `FIN-ACK`"), Spans.of(c.count));
                count = null;
            }
            Expr ordinal = null;
            if (c.ordinal != null) {
                if (kind != Statement.FaultKind.DROP) {
                    throw new SyntaxError(Spans.of(c.ordinal), "`" + kind.word() + "` takes `next`, as in `"
                            + kind.word() + " next`; only `drop` picks one segment, as in `drop 2nd SYN`");
                }
                ordinal = new Expr.Num(Literals.ordinal(c.ordinal), Spans.of(c.ordinal));
            }
            Direction direction = c.direction() == null ? null : direction(c.direction());
            return new Statement.Fault(kind, count, ordinal, direction, flags, null, first(c));
        }

        @Override
        public Statement visitDelayNext(DelayNextContext c) {
            Direction direction = c.direction() == null ? null : direction(c.direction());
            return new Statement.Fault(Statement.FaultKind.DELAY, null, null, direction, flags(c.flags()),
                    duration(c.duration()), first(c));
        }

        @Override
        public Statement visitLoss(LossContext c) {
            return new Statement.Loss(Literals.percent(c.percent), first(c));
        }

        @Override
        public Statement visitStopsReading(StopsReadingContext c) {
            return new Statement.StopsReading(name(c.endpoint()), first(c));
        }

        @Override
        public Statement visitWait(WaitContext c) {
            if (c.UNTIL() != null) {
                Name state = hyphenated(c.stateName(), "the state", "FIN-WAIT-1");
                return new Statement.WaitUntil(name(c.endpoint()), state, first(c));
            }
            return new Statement.Wait(duration(c.duration()), first(c));
        }

        @Override
        public Statement visitLet(LetContext c) {
            return new Statement.Let(new Name(c.name.getText(), Spans.of(c.name)), expr(c.expr()), first(c));
        }

        @Override
        public Statement visitUnmatchedFail(UnmatchedFailContext c) {
            return new Statement.UnmatchedFail(first(c));
        }

        @Override
        public Statement visitExpectStateIs(ExpectStateIsContext c) {
            Name state = hyphenated(c.stateName(), "the state", "FIN-WAIT-1");
            return new Statement.ExpectState(name(c.endpoint()), state, first(c));
        }

        @Override
        public Statement visitExpectValue(ExpectValueContext c) {
            return new Statement.ExpectValue(new Condition.Compare(expr(c.left), Comparison.of(c.compare().getText()),
                    expr(c.right), Spans.of(c.left).to(Spans.of(c.right))), first(c));
        }

        @Override
        public Statement visitRepeat(RepeatContext c) {
            return new Statement.Repeat(expr(c.count), statements(c.block().statementLine()), first(c));
        }

        @Override
        public Statement visitRepeatUntil(RepeatUntilContext c) {
            Condition condition;
            if (c.condition() instanceof StateConditionContext s) {
                condition = new Condition.StateIs(name(s.endpoint()), hyphenated(s.stateName(), "the state",
                        "FIN-WAIT-1"), Spans.of(s));
            } else {
                ValueConditionContext v = (ValueConditionContext) c.condition();
                condition = new Condition.Compare(expr(v.left), Comparison.of(v.compare().getText()), expr(v.right),
                        Spans.of(v));
            }
            return new Statement.RepeatUntil(condition, c.limit == null ? null : expr(c.limit),
                    statements(c.block().statementLine()), first(c));
        }

        @Override
        public Statement visitMacroCall(MacroCallContext c) {
            return expansion(c);
        }

        @Override
        public Statement visitExpectSegment(ExpectSegmentContext c) {
            Direction direction = c.direction() == null ? null : direction(c.direction());
            SegmentSpec segment = c.segment() != null
                    ? segment(c.segment())
                    : new SegmentSpec(null, List.of(), direction.span()); // `expect client > server`: any segment that way
            Statement.Timing timing = null;
            if (c.timing() != null) {
                timing = timing(c.timing()); // null when it is wrong: left out, its error reported
            }
            Name binding = c.binding == null ? null : new Name(c.binding.getText(), Spans.of(c.binding));
            return new Statement.ExpectSegment(c.EVENTUALLY() != null, direction, segment, timing, binding, first(c));
        }

        /** The timing, or null when a time in it is wrong (each reported; the timing is left out). */
        private Statement.Timing timing(TimingContext t) {
            Statement.TimingKind kind = t.AFTER() != null ? Statement.TimingKind.AFTER
                    : t.AT() != null ? Statement.TimingKind.AT : Statement.TimingKind.WITHIN;
            Duration time = reported(() -> duration(t.duration()));
            Duration tolerance = t.tolerance() == null ? null : reported(() -> duration(t.tolerance().duration()));
            if (time == null || t.tolerance() != null && tolerance == null) {
                return null;
            }
            return new Statement.Timing(kind, time, tolerance,
                    t.since == null ? null : new Name(t.since.getText(), Spans.of(t.since)), Spans.of(t));
        }

        /** What {@code build} makes, or null when it is wrong (reported). */
        private <T> T reported(java.util.function.Supplier<T> build) {
            try {
                return build.get();
            } catch (SyntaxError e) {
                errors.add(e.span, e.getMessage());
                return null;
            }
        }

        @Override
        public Statement visitExpectError(ExpectErrorContext c) {
            return new Statement.ExpectError(name(c.endpoint()),
                    new Name(c.errorName.getText(), Spans.of(c.errorName)), first(c));
        }

        @Override
        public Statement visitExpectRead(ExpectReadContext c) {
            Name error = c.errorName == null ? null : new Name(c.errorName.getText(), Spans.of(c.errorName));
            return new Statement.ExpectRead(name(c.endpoint()), c.count == null ? null : expr(c.count),
                    c.data == null ? null : payload(c.data), error, first(c));
        }

        @Override
        public Statement visitExpectReadable(ExpectReadableContext c) {
            return new Statement.ExpectReadable(name(c.endpoint()), expr(c.count), first(c));
        }

        @Override
        public Statement visitExpectNothing(ExpectNothingContext c) {
            return new Statement.ExpectNothing(c.duration() == null ? null : duration(c.duration()), first(c));
        }

        @Override
        public Statement visitExpectState(ExpectStateContext c) {
            Name state = hyphenated(c.stateName(), "the state", "FIN-WAIT-1");
            return new Statement.ExpectState(name(c.endpoint()), state, first(c));
        }
    }

    /** Flag words as a count would hold them: FIN, FIN-ACK, SYN+ACK (the checker knows which exist). */
    private static final java.util.regex.Pattern FLAG_WORDS = java.util.regex.Pattern.compile("[A-Z]{3}([-+][A-Z]{3})*");

    // ---- macros ---------------------------------------------------------------------------------

    /**
     * A macro call: the macro's body with each parameter replaced by the argument's text, read as
     * statements. The text keeps the macro's lines (the rest is blanked), so an error in it is
     * reported at the macro's line, and the call's place is added to its message.
     */
    private Statement expansion(MacroCallContext c) {
        String name = c.name.getText();
        Span at = first(c);
        Library.MacroDef macro = macros.get(name);
        if (macro == null && (brokenMacros.contains(name) || importFailed)) {
            // its definition did not parse, or is in an import that failed: both reported
            return new Statement.Broken(List.of(), List.of(), List.of(), java.util.Set.of(Statement.Broken.ANY), at);
        }
        if (macro == null) {
            String known = macros.isEmpty() ? "no macros are defined or imported here"
                    : "macros here are " + String.join(", ", macros.keySet());
            throw new SyntaxError(at, "unknown macro `" + name + "`; " + known
                    + Suggestions.closest(name, List.copyOf(macros.keySet())).map(k -> " (did you mean `" + k + "`?)")
                            .orElse("") + "; define one with `macro " + name + "(...) { ... }` or import it");
        }
        List<String> args = new ArrayList<>();
        for (MacroArgumentContext arg : c.macroArgument()) {
            args.add(arg.start.getInputStream().getText(Interval.of(arg.start.getStartIndex(), arg.stop.getStopIndex())));
        }
        if (args.size() != macro.params().size()) {
            throw new SyntaxError(at, "`" + name + "` takes " + macro.params().size()
                    + (macro.params().size() == 1 ? " argument" : " arguments") + " (" + String.join(", ",
                            macro.params()) + "), not " + args.size());
        }
        String call = name + "(" + String.join(", ", args) + ")";
        if (depth >= MAX_MACRO_DEPTH) {
            throw new SyntaxError(at, "macros call macros more than " + MAX_MACRO_DEPTH + " deep here (`" + call
                    + "`); does a macro call itself?");
        }
        if (!library.expand()) {
            throw new SyntaxError(at, "the script expands more than " + Library.MAX_EXPANSIONS + " macro calls in all "
                    + "(`" + call + "` is one too many); do macros call each other in loops?");
        }
        // Expanding reads the macro's whole file (its text keeps the body's lines and columns): that is the cost.
        if (!library.expandText(macro.source().text().length())) {
            throw new SyntaxError(at, "the script's macro calls expand more than "
                    + (Library.MAX_EXPANDED_CHARS >> 20) + " MiB of text in all (`" + name + "(...)` is one too many); "
                    + "call fewer macros, or define them in a smaller file");
        }
        Substituted text = substituted(macro, args);
        if (text == null) {
            throw new SyntaxError(at, "the expansion of `" + name + "(...)` is longer than " + (MAX_EXPANSION_CHARS >> 20)
                    + " MiB of text; do macros pass growing arguments to each other?");
        }
        Source expanded = Source.expansion(macro.source(), text.text(), text.substitutions());
        ErrorList inner = new ErrorList(expanded);
        ScriptParser.Built built = ScriptParser.parseExpansion(expanded, inner, library, macros, depth + 1);
        String where = " (in `" + call + "`, called at " + source.name() + ":" + source.toOrigin(at) + ")";
        for (tcps.syntax.Diagnostic d : inner.toList()) {
            // a macro calling itself from one place would name that call once per level: once is enough
            String message = d.message().contains(where) ? d.message() : d.message() + where;
            // shown in the macro as written: its line, and the column there (not in the arguments' text)
            errors.add(new tcps.syntax.Diagnostic(d.source().origin(), d.source().toOrigin(d.span()), message));
        }
        // built() is null when the expansion nested too deeply to be parsed; that error is reported above
        List<Statement> body = built.built() == null || built.built().scenarios().isEmpty() ? List.of()
                : built.built().scenarios().get(0).statements();
        return new Statement.Expansion(new Name(name, Spans.of(c.name)), call, expanded, body, at);
    }

    /** The longest body one macro call may expand to: arguments passed on and repeated grow fast. */
    static final int MAX_EXPANSION_CHARS = 1 << 20;

    /** An expansion's text, and where each argument went (as {@link Source#expansion} takes them). */
    private record Substituted(String text, int[] substitutions) {}

    /**
     * The macro's file with only its body left, each parameter replaced by its argument; null
     * when the body would grow longer than {@link #MAX_EXPANSION_CHARS} (it is measured first).
     */
    private static Substituted substituted(Library.MacroDef macro, List<String> args) {
        String text = macro.source().text();
        List<Token> all = ScriptParser.tokens(text);
        long length = macro.bodyEnd() - macro.bodyStart(); // the body; the rest of the file is blanked
        for (Token t : all) {
            int param = macro.params().indexOf(t.getText());
            if (t.getType() == IDENT && param >= 0 && t.getStartIndex() >= macro.bodyStart()
                    && t.getStopIndex() < macro.bodyEnd()) {
                length += args.get(param).length() - t.getText().length();
                if (length > MAX_EXPANSION_CHARS) {
                    return null;
                }
            }
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean inBody = i >= macro.bodyStart() && i < macro.bodyEnd();
            out.append(inBody || ch == '\n' || ch == '\r' ? ch : ' ');
        }
        List<Token> tokens = all;
        List<int[]> places = new ArrayList<>();
        for (int k = tokens.size() - 1; k >= 0; k--) {
            Token t = tokens.get(k);
            int param = macro.params().indexOf(t.getText());
            if (t.getType() == IDENT && param >= 0 && t.getStartIndex() >= macro.bodyStart()
                    && t.getStopIndex() < macro.bodyEnd()) {
                out.replace(t.getStartIndex(), t.getStopIndex() + 1, args.get(param));
                places.add(0, new int[] {t.getStartIndex(), t.getStopIndex() + 1, args.get(param).length()});
            }
        }
        int[] substitutions = new int[places.size() * 4];
        int growth = 0; // how much longer the text is so far than the macro as written
        for (int i = 0; i < places.size(); i++) {
            int[] p = places.get(i);
            substitutions[4 * i] = p[0] + growth;
            substitutions[4 * i + 1] = p[0] + growth + p[2];
            substitutions[4 * i + 2] = p[0];
            substitutions[4 * i + 3] = p[1];
            growth += p[2] - (p[1] - p[0]);
        }
        return new Substituted(out.toString(), substitutions);
    }

    // ---- parts of statements --------------------------------------------------------------------

    private static Span first(ParserRuleContext c) {
        return Spans.of(c.start);
    }

    private static Name name(EndpointContext c) {
        Token ident = c.IDENT().getSymbol();
        return new Name(ident.getText(), Spans.of(ident));
    }

    /** FIN-WAIT-1, bsd-1990: words joined by `-`, kept as written. */
    private static Name hyphenated(ParserRuleContext c, String what, String example) {
        return new Name(unspaced(c, "write " + what + " without spaces, as in `" + example + "`"), Spans.of(c));
    }

    private static Name address(AddressContext c) {
        if (c.IPV6() != null) {
            throw new SyntaxError(Spans.of(c.IPV6().getSymbol()), "IPv6 addresses are not supported yet; write an IPv4 "
                    + "address, as in `127.0.0.1`");
        }
        Token dotted = c.DOTTED().getSymbol();
        return new Name(Literals.ipv4(dotted), Spans.of(dotted));
    }

    private static Duration duration(DurationContext c) {
        return new Duration(Spans.of(c), Literals.micros(c.DURATION().getSymbol()));
    }

    private static Payload payload(Token string) {
        return new Payload(Literals.bytes(string), Spans.of(string));
    }

    /** Null when there are none, or when they are written with spaces (reported: the rest is still checked). */
    private Flags flags(FlagsContext c) {
        if (c == null) {
            return null;
        }
        try {
            return new Flags(unspaced(c, "write flags without spaces, as in `SYN-ACK`"), Spans.of(c));
        } catch (SyntaxError e) {
            errors.add(e.span, e.getMessage());
            return null;
        }
    }

    /**
     * A node's text exactly as written. Words joined by `-` must touch: `SYN - ACK` would read as
     * two things to a person, and keeping spaces out keeps the text a single word for messages.
     */
    private static String unspaced(ParserRuleContext c, String complaint) {
        String text = c.start.getInputStream().getText(Interval.of(c.start.getStartIndex(), c.stop.getStopIndex()));
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                throw new SyntaxError(Spans.of(c), complaint);
            }
        }
        return text;
    }

    private Direction direction(DirectionContext c) {
        return new Direction(name(c.from), name(c.to), Spans.of(c));
    }

    private SegmentSpec segment(SegmentContext c) {
        return new SegmentSpec(flags(c.flags()), fields(c.field()), Spans.of(c));
    }

    /** Each field, or a placeholder for one that cannot be built (its error reported), so that the others are checked. */
    private List<Field> fields(List<FieldContext> contexts) {
        List<Field> built = new ArrayList<>();
        for (FieldContext c : contexts) {
            built.add(fields.visit(c));
        }
        return built;
    }

    /** The fields named with `=` or a comparison (SyntaxMessages also reads a word as one of them). */
    static final List<String> FIELD_NAMES = List.of("seq", "ack", "win", "urg", "len");

    /** Fields of a segment, in any order; their names are identifiers, checked here. */
    private final class FieldBuilder extends TcpsBaseVisitor<Field> {
        @Override
        public Field visitNamedField(NamedFieldContext c) {
            String name = c.name.getText();
            if (!FIELD_NAMES.contains(name)) {
                errors.add(Spans.of(c.name), String.format(UNKNOWN_FIELD, name));
                return new Field.Error(expr(c.value), Spans.of(c));
            }
            if (c.end != null && !name.equals("seq")) {
                errors.add(Spans.of(c.COLON().getSymbol()), "only `seq` takes a range such as seq=1:8; write "
                        + name + "=N");
                return new Field.Error(expr(c.value), Spans.of(c));
            }
            Expr value = expr(c.value);
            Span span = Spans.of(c);
            return switch (name) {
                case "seq" -> new Field.Seq(value, c.end == null ? null : expr(c.end), span);
                case "ack" -> new Field.Ack(value, span);
                case "win" -> new Field.Win(value, span);
                case "urg" -> new Field.Urg(value, span);
                default -> new Field.Length(value, span);
            };
        }

        @Override
        public Field visitComparedField(ComparedFieldContext c) {
            Name name = comparable(c.name);
            Expr value = expr(c.value);
            return name == null ? new Field.Error(value, Spans.of(c))
                    : new Field.Compared(name, Comparison.of(c.op.getText()), value, Spans.of(c));
        }

        @Override
        public Field visitRangeField(RangeFieldContext c) {
            Name name = comparable(c.name);
            Expr low = expr(c.low);
            Expr high = expr(c.high);
            return name == null ? new Field.Error(low, Spans.of(c)) : new Field.Range(name, low, high, Spans.of(c));
        }

        /** The field's name, or null when there is no such field (reported). */
        private Name comparable(Token name) {
            if (!FIELD_NAMES.contains(name.getText())) {
                errors.add(Spans.of(name), String.format(UNKNOWN_FIELD, name.getText()));
                return null;
            }
            return new Name(name.getText(), Spans.of(name));
        }

        @Override
        public Field visitLengthField(LengthFieldContext c) {
            return new Field.Length(expr(c.expr()), Spans.of(c));
        }

        @Override
        public Field visitPayloadField(PayloadFieldContext c) {
            try {
                return new Field.Data(payload(c.STRING().getSymbol()), Spans.of(c));
            } catch (SyntaxError e) {
                errors.add(e.span, e.getMessage());
                return new Field.Error(null, Spans.of(c));
            }
        }

        /** The options that can be built; one that cannot is reported and left out (no check spans two options). */
        @Override
        public Field visitOptionsField(OptionsFieldContext c) {
            List<OptionItem> items = new ArrayList<>();
            for (OptionContext option : c.option()) {
                try {
                    items.add(option(option));
                } catch (SyntaxError e) {
                    errors.add(e.span, e.getMessage());
                }
            }
            return new Field.Options(items, Spans.of(c));
        }
    }

    /** One option in tcpdump's spelling: mss N, wscale N, sackOK, TS, TS val N ecr N, nop, eol. */
    private OptionItem option(OptionContext c) {
        String name = c.name.getText();
        List<OptionArgumentContext> args = c.optionArgument();
        Span span = Spans.of(c);
        switch (name) {
            case "mss", "wscale" -> {
                String needsValue = "`" + name + "` needs a value, as in " + name + (name.equals("mss") ? " 1460" : " 7");
                if (args.isEmpty()) {
                    throw new SyntaxError(Spans.of(c.name), needsValue);
                }
                if (args.get(0).value == null) {
                    throw new SyntaxError(Spans.of(args.get(0)), needsValue);
                }
                if (args.size() > 1) {
                    throw new SyntaxError(Spans.of(args.get(1)), "`" + name + "` takes one value; separate options with `,`");
                }
                Expr value = expr(args.get(0).value);
                return name.equals("mss") ? new OptionItem.Mss(value, span) : new OptionItem.WindowScale(value, span);
            }
            case "sackOK", "nop", "eol" -> {
                if (!args.isEmpty()) {
                    throw new SyntaxError(Spans.of(args.get(0)), "`" + name + "` takes no value; separate options with `,`");
                }
                return switch (name) {
                    case "sackOK" -> new OptionItem.SackPermitted(span);
                    case "nop" -> new OptionItem.Nop(span);
                    default -> new OptionItem.Eol(span);
                };
            }
            case "TS" -> {
                return timestamps(c, args, span);
            }
            case "sack" -> {
                return sack(c, args, span);
            }
            default -> throw new SyntaxError(Spans.of(c.name), String.format(UNKNOWN_OPTION, name));
        }
    }

    /** {@code sack N {l:r}...}, as tcpdump prints it: the count, then that many blocks. */
    private OptionItem sack(OptionContext c, List<OptionArgumentContext> args, Span span) {
        String shape = "write SACK blocks as tcpdump does: `sack 2 {1001:2001}{3001:4001}`";
        Expr written = args.isEmpty() || args.get(0).value == null ? null : expr(args.get(0).value);
        if (written instanceof Expr.Error) {
            return new OptionItem.Sack(List.of(), span); // a count that cannot be read, reported
        }
        if (!(written instanceof Expr.Num count)) {
            throw new SyntaxError(Spans.of(c.name), shape);
        }
        List<OptionItem.Block> blocks = new ArrayList<>();
        for (OptionArgumentContext arg : args.subList(1, args.size())) {
            if (arg.left == null) {
                throw new SyntaxError(Spans.of(arg), shape);
            }
            blocks.add(new OptionItem.Block(expr(arg.left), expr(arg.right), Spans.of(arg)));
        }
        if (blocks.size() != count.value() || blocks.isEmpty() || blocks.size() > 4) {
            throw new SyntaxError(Spans.of(args.get(0)), "`sack " + count.value() + "` is followed by " + blocks.size()
                    + (blocks.size() == 1 ? " block" : " blocks") + "; the count must match, from 1 to 4");
        }
        return new OptionItem.Sack(blocks, span);
    }

    /** {@code TS} alone checks that the option is there; {@code TS val N ecr N} checks its values. */
    private OptionItem timestamps(OptionContext c, List<OptionArgumentContext> args, Span span) {
        if (args.isEmpty()) {
            return new OptionItem.Timestamps(null, null, span);
        }
        if (args.size() == 2 && isWord(args.get(0), "val") && args.get(1).value != null) {
            throw new SyntaxError(Spans.of(args.get(0)), "`TS val` needs `ecr` too: write TS val N ecr N");
        }
        if (args.size() != 4 || !isWord(args.get(0), "val") || args.get(1).value == null
                || !isWord(args.get(2), "ecr") || args.get(3).value == null) {
            throw new SyntaxError(Spans.of(args.get(0)),
                    "write `TS val N ecr N`, or `TS` alone to check only that timestamps are there");
        }
        return new OptionItem.Timestamps(expr(args.get(1).value), expr(args.get(3).value), span);
    }

    private static boolean isWord(OptionArgumentContext arg, String word) {
        return arg.IDENT() != null && arg.IDENT().getText().equals(word);
    }

    // ---- expressions ----------------------------------------------------------------------------

    /** The expression, or a placeholder when a number in it cannot be read (reported). */
    private Expr expr(ExprContext c) {
        try {
            return exprs.visit(c);
        } catch (SyntaxError e) {
            errors.add(e.span, e.getMessage());
            return new Expr.Error(Spans.of(c));
        }
    }

    /** Every node spans its whole text as written, so that a report can print `isn+1` back. */
    private final class ExprBuilder extends TcpsBaseVisitor<Expr> {
        @Override
        public Expr visitNumber(NumberContext c) {
            return new Expr.Num(Literals.number(c.INT().getSymbol()), Spans.of(c));
        }

        @Override
        public Expr visitTime(TimeContext c) {
            return new Expr.Num(Literals.micros(c.DURATION().getSymbol()), Spans.of(c));
        }

        @Override
        public Expr visitOwnIsn(OwnIsnContext c) {
            return new Expr.Isn(null, Spans.of(c));
        }

        @Override
        public Expr visitEndpointIsn(EndpointIsnContext c) {
            return new Expr.Isn(name(c.endpoint()), Spans.of(c));
        }

        @Override
        public Expr visitBindingField(BindingFieldContext c) {
            if (Expr.Tcb.VARIABLES.contains(c.part.getText())) {
                return new Expr.Tcb(new Name(c.name.getText(), Spans.of(c.name)),
                        new Name(c.part.getText(), Spans.of(c.part)), Spans.of(c));
            }
            return new Expr.Ref(new Name(c.name.getText(), Spans.of(c.name)),
                    new Name(c.part.getText(), Spans.of(c.part)), Spans.of(c));
        }

        @Override
        public Expr visitVariable(VariableContext c) {
            return new Expr.Ref(new Name(c.name.getText(), Spans.of(c.name)), null, Spans.of(c));
        }

        @Override
        public Expr visitNegate(NegateContext c) {
            return new Expr.Negate(visit(c.expr()), Spans.of(c));
        }

        @Override
        public Expr visitMultiply(MultiplyContext c) {
            return new Expr.Binary(visit(c.expr(0)), Expr.Op.MUL, visit(c.expr(1)), Spans.of(c));
        }

        @Override
        public Expr visitAddOrSubtract(AddOrSubtractContext c) {
            Expr.Op op = c.op.getType() == PLUS ? Expr.Op.ADD : Expr.Op.SUB;
            return new Expr.Binary(visit(c.expr(0)), op, visit(c.expr(1)), Spans.of(c));
        }

        /** No node of its own: the inner node takes the span of the parentheses around it. */
        @Override
        public Expr visitParenthesized(ParenthesizedContext c) {
            Span span = Spans.of(c);
            return visit(c.expr()).accept(new Expr.Visitor<Expr>() {
                @Override
                public Expr visitNum(Expr.Num n) {
                    return new Expr.Num(n.value(), span);
                }

                @Override
                public Expr visitIsn(Expr.Isn i) {
                    return new Expr.Isn(i.endpoint(), span);
                }

                @Override
                public Expr visitRef(Expr.Ref r) {
                    return new Expr.Ref(r.name(), r.field(), span);
                }

                @Override
                public Expr visitNegate(Expr.Negate n) {
                    return new Expr.Negate(n.operand(), span);
                }

                @Override
                public Expr visitBinary(Expr.Binary b) {
                    return new Expr.Binary(b.left(), b.op(), b.right(), span);
                }

                @Override
                public Expr visitTcb(Expr.Tcb t) {
                    return new Expr.Tcb(t.endpoint(), t.variable(), span);
                }

                @Override
                public Expr visitError(Expr.Error e) {
                    return new Expr.Error(span);
                }
            });
        }
    }
}
