package tcps.lsp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import tcps.check.Checker;
import tcps.check.ScenarioPlan;
import tcps.cli.Imports;
import tcps.grammar.Lexemes;
import tcps.grammar.Library;
import tcps.grammar.ScriptParser;
import tcps.report.TcpdumpOptions;
import tcps.report.TcpdumpPrinter;
import tcps.report.TimestampMode;
import tcps.run.Evaluation;
import tcps.run.Failure;
import tcps.run.Interpreter;
import tcps.run.RunEvent;
import tcps.run.RunOptions;
import tcps.run.ScenarioResult;
import tcps.sim.Captured;
import tcps.syntax.Script;
import tcps.syntax.Source;

/**
 * What tcps says about one version of a document, as `tcps run` would: the errors of the parser
 * and the checker (nothing runs while there are any), else the failures of a run, and the value
 * each expression took in it. The run is the same as `tcps run FILE` with the default seed.
 *
 * @param script      the syntax tree, or null when the text does not parse
 * @param diagnostics what to show, in LSP's terms
 * @param values      the values the run computed (empty when it did not run)
 * @param calls       the socket calls the run made and what each returned
 * @param matches     the segment each {@code expect} of this file matched, as tcpdump prints it
 */
record Analysis(Lines lines, Script script, List<Diagnostic> diagnostics, List<Evaluation> values,
        List<RunEvent.SocketCall> calls, List<Match> matches) {
    static final String SOURCE = "tcps";

    /** An {@code expect} (its first word's span) and the transcript line of the segment it matched. */
    record Match(tcps.syntax.Span span, String line) {}

    static Analysis of(String name, String text) {
        Lines lines = new Lines(text);
        Source source = new Source(name, text);
        List<Diagnostic> diagnostics = new ArrayList<>();
        // Imports are found as tcps run finds them: beside the file (its name is its absolute
        // path), else in the standard library. A new Library each time: imported files are read
        // again, so an edit to one is seen at the next change here.
        ScriptParser.Result parsed = ScriptParser.parse(source, new Library(new Imports(Path.of(""))));
        if (!parsed.ok()) {
            (parsed.partial() == null ? parsed.errors() : ScriptParser.together(source, parsed.errors(),
                    Checker.checkRest(parsed.partial(), parsed.unsure())))
                    .forEach(d -> diagnostics.add(error(lines, name, text, d)));
            return new Analysis(lines, null, diagnostics, List.of(), List.of(), List.of());
        }
        Checker.Result checked = Checker.check(parsed.script());
        if (!checked.ok()) {
            checked.errors().forEach(d -> diagnostics.add(error(lines, name, text, d)));
            return new Analysis(lines, parsed.script(), diagnostics, List.of(), List.of(), List.of());
        }
        List<Evaluation> values = new ArrayList<>();
        List<RunEvent.SocketCall> calls = new ArrayList<>();
        List<Match> matches = new ArrayList<>();
        for (ScenarioPlan plan : checked.plans()) {
            List<int[]> matched = new ArrayList<>(); // span line, column, length, segment
            Evaluation.Observer observer = new Evaluation.Observer() {
                @Override
                public void evaluated(Evaluation e) {
                    if (e.source().name().equals(name)) { // not what runs in a macro of another file
                        // in a macro of this file: at its place in the macro as written
                        values.add(new Evaluation(e.source().origin(), e.source().toOrigin(e.span()), e.value(),
                                e.shown()));
                    }
                }

                @Override
                public void matched(Source in, tcps.syntax.Span span, int segment) {
                    if (in.name().equals(name)) {
                        tcps.syntax.Span at = in.toOrigin(span);
                        matched.add(new int[] {at.line(), at.column(), at.length(), segment});
                    }
                }
            };
            ScenarioResult result = Interpreter.run(plan, source, RunOptions.DEFAULT, observer);
            List<String> transcript = transcript(result);
            for (int[] m : matched) {
                matches.add(new Match(new tcps.syntax.Span(m[0], m[1], m[2]), "segment " + (m[3] + 1) + ": "
                        + transcript.get(m[3])));
            }
            for (Failure f : result.failures()) {
                diagnostics.add(failure(lines, plan, f));
            }
            for (RunEvent.SocketCall call : result.events(RunEvent.SocketCall.class)) {
                calls.add(call);
                if (call.error() != null && call.at() != null) {
                    // what `tcps run` notes: not a failure, and `expect ENDPOINT error E` can check it
                    diagnostics.add(new Diagnostic(lines.range(call.at()), call.endpoint() + " " + call.call()
                            + " returned " + call.error() + " (" + call.error().text() + ")",
                            DiagnosticSeverity.Information, SOURCE));
                }
            }
        }
        return new Analysis(lines, parsed.script(), diagnostics, List.copyOf(values), List.copyOf(calls),
                List.copyOf(matches));
    }

    /**
     * An error, where it is. One found in a file this one imports is shown on the import that
     * brought it in (or the first import), saying where it is: the editor shows this file only.
     */
    /** Each captured segment's line as `tcps run` prints it, and what the link did to it. */
    private static List<String> transcript(ScenarioResult result) {
        java.util.Map<Integer, RunEvent.SegmentFault> faults = new java.util.HashMap<>();
        result.events(RunEvent.SegmentFault.class).forEach(f -> faults.put(f.segment(), f));
        TcpdumpPrinter printer = new TcpdumpPrinter(new TcpdumpOptions(false, false, TimestampMode.DEFAULT, false));
        List<String> lines = new ArrayList<>();
        for (Captured c : result.capture()) {
            RunEvent.SegmentFault fault = faults.get(c.index());
            String line = printer.line(c.segment(), c.time(), fault != null && fault.effect() == RunEvent.Effect.CORRUPTED);
            lines.add(fault == null ? line : line + "\n(" + fault.effect().name().toLowerCase(java.util.Locale.ROOT)
                    + " by " + fault.origin() + ")");
        }
        return lines;
    }

    private static Diagnostic error(Lines lines, String name, String text, tcps.syntax.Diagnostic d) {
        if (d.source().name().equals(name)) {
            return new Diagnostic(lines.range(d.span()), d.message(), DiagnosticSeverity.Error, SOURCE);
        }
        String message = "in " + d.source().name() + ":" + d.span() + ": " + d.message();
        String file = Path.of(d.source().name()).getFileName().toString().replaceFirst("\\.tcps$", "");
        tcps.syntax.Span at = null;
        List<Lexemes.Lexeme> lexemes = Lexemes.of(text);
        for (int i = 1; i < lexemes.size(); i++) {
            Lexemes.Lexeme l = lexemes.get(i);
            if (lexemes.get(i - 1).text().equals("import") && l.kind() == Lexemes.Kind.STRING) {
                tcps.syntax.Span line = lexemes.get(i - 1).span().to(l.span());
                if (l.text().contains(file)) {
                    at = line;
                    break;
                }
                at = at == null ? line : at;
            }
        }
        at = at == null ? new tcps.syntax.Span(1, 1, 1) : at;
        return new Diagnostic(lines.range(at), message, DiagnosticSeverity.Error, SOURCE);
    }

    /**
     * A failed assertion is a warning: the script is fine and ran, and TCP did something else than
     * it expected (which is sometimes the point, as in scenarios/fails-on-purpose.tcps).
     */
    private static Diagnostic failure(Lines lines, ScenarioPlan plan, Failure f) {
        StringBuilder message = new StringBuilder("failed: ").append(f.summary());
        f.details().forEach(d -> message.append('\n').append(d));
        String scenario = plan.scenario().name();
        if (scenario != null) {
            message.append("\n(scenario \"").append(scenario).append("\")");
        }
        return new Diagnostic(lines.range(f.span()), message.toString(), DiagnosticSeverity.Warning, SOURCE);
    }
}
