package tcps.lsp;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import tcps.check.Checker;
import tcps.check.ScenarioPlan;
import tcps.grammar.ScriptParser;
import tcps.run.Evaluation;
import tcps.run.Failure;
import tcps.run.Interpreter;
import tcps.run.RunEvent;
import tcps.run.RunOptions;
import tcps.run.ScenarioResult;
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
 */
record Analysis(Lines lines, Script script, List<Diagnostic> diagnostics, List<Evaluation> values,
        List<RunEvent.SocketCall> calls) {
    static final String SOURCE = "tcps";

    static Analysis of(String name, String text) {
        Lines lines = new Lines(text);
        Source source = new Source(name, text);
        List<Diagnostic> diagnostics = new ArrayList<>();
        ScriptParser.Result parsed = ScriptParser.parse(source);
        if (!parsed.ok()) {
            parsed.errors().forEach(d -> diagnostics.add(error(lines, d)));
            return new Analysis(lines, null, diagnostics, List.of(), List.of());
        }
        Checker.Result checked = Checker.check(parsed.script());
        if (!checked.ok()) {
            checked.errors().forEach(d -> diagnostics.add(error(lines, d)));
            return new Analysis(lines, parsed.script(), diagnostics, List.of(), List.of());
        }
        List<Evaluation> values = new ArrayList<>();
        List<RunEvent.SocketCall> calls = new ArrayList<>();
        for (ScenarioPlan plan : checked.plans()) {
            ScenarioResult result = Interpreter.run(plan, source, RunOptions.DEFAULT, values::add);
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
        return new Analysis(lines, parsed.script(), diagnostics, List.copyOf(values), List.copyOf(calls));
    }

    private static Diagnostic error(Lines lines, tcps.syntax.Diagnostic d) {
        return new Diagnostic(lines.range(d.span()), d.message(), DiagnosticSeverity.Error, SOURCE);
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
