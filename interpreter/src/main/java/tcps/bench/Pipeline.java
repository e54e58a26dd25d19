package tcps.bench;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tcps.check.Checker;
import tcps.check.ScenarioPlan;
import tcps.grammar.ScriptParser;
import tcps.report.Findings;
import tcps.report.Reporter;
import tcps.report.ScenarioReport;
import tcps.report.Transcript;
import tcps.report.TcpdumpOptions;
import tcps.report.TimestampMode;
import tcps.run.Interpreter;
import tcps.run.Limits;
import tcps.run.RunOptions;
import tcps.run.ScenarioResult;
import tcps.syntax.Source;

/**
 * What {@code tcps run} does with one file, for benchmarks: parse, check, run every scenario,
 * report. The report goes to a sink that counts bytes and keeps none, so printing costs what
 * formatting and encoding cost, not what a terminal costs.
 */
final class Pipeline {
    /** What `tcps run` prints with no option. */
    static final TcpdumpOptions RUN_DEFAULT = new TcpdumpOptions(false, false, TimestampMode.DEFAULT, false);

    /**
     * The run's limits raised for transfers of gigabytes, as {@code tcps run --max-events N
     * --max-bytes-written SIZE} raises them: the defaults bound a scenario to what exercises need.
     */
    static final RunOptions OPTIONS = RunOptions.DEFAULT.withLimits(Limits.DEFAULT.withEvents(Long.MAX_VALUE)
            .withBytesWritten(Long.MAX_VALUE).withVirtualTime(Limits.HIGHEST_VIRTUAL_TIME));

    private Pipeline() {}

    /** Parses and checks; a benchmark script that does not pass is a bug in the benchmark. */
    static List<ScenarioPlan> plans(Source source) {
        ScriptParser.Result parsed = ScriptParser.parse(source);
        if (!parsed.ok()) {
            throw new IllegalStateException("benchmark script does not parse: " + parsed.errors());
        }
        Checker.Result checked = Checker.check(parsed.script());
        if (!checked.ok()) {
            throw new IllegalStateException("benchmark script does not check: " + checked.errors());
        }
        return checked.plans();
    }

    /**
     * Runs every scenario of {@code source} and prints them as {@code tcps run} does (with
     * {@code transcript}) or {@code tcps run --quiet} does (without) into a counting sink.
     * Returns the segments sent, over all scenarios.
     *
     * @throws IllegalStateException if an assertion failed (the workloads all pass)
     */
    static long run(Source source, List<ScenarioPlan> plans, boolean transcript) {
        CountingSink sink = new CountingSink();
        PrintWriter out = new PrintWriter(sink, false, StandardCharsets.UTF_8);
        Reporter report = transcript ? new Transcript(out, RUN_DEFAULT, false) : new Findings(out);
        RunOptions options = OPTIONS.withDetail(transcript);
        long segments = 0;
        for (ScenarioPlan plan : plans) {
            ScenarioResult result = Interpreter.run(plan, source, options);
            if (result.failed() > 0) {
                throw new IllegalStateException("benchmark scenario failed in " + source.name() + ": "
                        + result.failures().get(0));
            }
            segments += result.sent();
            report.scenario(new ScenarioReport(source, result, 1, false));
        }
        report.finish();
        out.flush();
        return segments;
    }

    /** Prints one result as {@code tcps run} would, into a counting sink; returns the bytes printed. */
    static long report(Source source, ScenarioResult result) {
        CountingSink sink = new CountingSink();
        PrintWriter out = new PrintWriter(sink, false, StandardCharsets.UTF_8);
        Transcript report = new Transcript(out, RUN_DEFAULT, false);
        report.scenario(new ScenarioReport(source, result, 1, false));
        report.finish();
        out.flush();
        return sink.bytes;
    }

    /** Everything {@code tcps run} does with a file's text: parse, check, run, report. */
    static long all(Source source, boolean transcript) {
        return run(source, plans(source), transcript);
    }

    /** An output stream that counts what it is given and keeps nothing. */
    static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
