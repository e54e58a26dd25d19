package tcps.fuzz;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import tcps.check.Checker;
import tcps.check.ScenarioPlan;
import tcps.grammar.Library;
import tcps.grammar.ScriptParser;
import tcps.report.Excerpt;
import tcps.report.JsonReport;
import tcps.report.ScenarioReport;
import tcps.report.TcpdumpOptions;
import tcps.report.TimestampMode;
import tcps.report.Transcript;
import tcps.run.Interpreter;
import tcps.run.Limits;
import tcps.run.RunOptions;
import tcps.run.ScenarioResult;
import tcps.syntax.Diagnostic;
import tcps.syntax.Source;

/**
 * One input through everything {@code tcps check} and {@code tcps run} do with a script, in
 * process: parse, check, run each scenario, and print it every way tcps prints (the transcript
 * plain, annotated and verbose with absolute numbers, and JSON), errors with their excerpts.
 * Returns what was printed; anything thrown is what the fuzzer is looking for.
 */
final class Probe {
    private final Limits limits;

    Probe(Limits limits) {
        this.limits = limits;
    }

    String run(String text) {
        Source source = new Source("fuzz.tcps", text);
        StringWriter printed = new StringWriter();
        PrintWriter out = new PrintWriter(printed);
        ScriptParser.Result parsed = ScriptParser.parse(source, new Library(Probe::stdlib), limits.expressionDepth());
        if (!parsed.ok()) {
            print(parsed.partial() == null ? parsed.errors() : ScriptParser.together(source, parsed.errors(),
                    Checker.checkRest(parsed.partial(), parsed.unsure())), out);
            return printed.toString();
        }
        Checker.Result checked = Checker.check(parsed.script());
        if (!checked.ok()) {
            print(checked.errors(), out);
            return printed.toString();
        }
        Transcript plain = new Transcript(out, new TcpdumpOptions(false, false, TimestampMode.DEFAULT, false), false);
        Transcript annotated = new Transcript(out, new TcpdumpOptions(true, true, TimestampMode.EPOCH, true), true);
        JsonReport json = new JsonReport(out, new TcpdumpOptions(false, true, TimestampMode.DEFAULT, false));
        RunOptions options = new RunOptions(1, false, limits);
        List<ScenarioPlan> plans = checked.plans();
        for (ScenarioPlan plan : plans) {
            ScenarioResult result = Interpreter.run(plan, source, options);
            ScenarioReport report = new ScenarioReport(source, result, plan.scenario().span().line(), false);
            plain.scenario(report);
            annotated.scenario(report);
            json.scenario(report);
        }
        plain.finish();
        annotated.finish();
        json.finish();
        out.flush();
        return printed.toString();
    }

    /** {@code import "handshake"}: the standard library's macro files, as the jar holds them; nothing else is read. */
    private static Library.Found stdlib(String name, Source importer) {
        String file = "/stdlib/" + (name.endsWith(".tcps") ? name : name + ".tcps");
        if (name.contains("..") || name.startsWith("/")) {
            return Library.Found.problem("cannot import \"" + name + "\" while fuzzing");
        }
        try (java.io.InputStream in = Probe.class.getResourceAsStream(file)) {
            return in == null ? Library.Found.problem("no " + file)
                    : Library.Found.of(new Source(file.substring(1), new String(in.readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            return Library.Found.problem(e.getMessage());
        }
    }

    private static void print(List<Diagnostic> errors, PrintWriter out) {
        for (Diagnostic d : errors) {
            out.print(Excerpt.render(d.source(), d.span(), "error", d.message(), List.of()));
        }
        out.flush();
    }
}
