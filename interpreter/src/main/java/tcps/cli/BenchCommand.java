package tcps.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tcps.bench.Suite;
import tcps.check.ScenarioPlan;
import tcps.run.Interpreter;
import tcps.run.RunOptions;
import tcps.run.ScenarioResult;

/**
 * {@code tcps bench FILE...}: how long scenarios take in wall time against the virtual time they
 * cover. Each scenario runs a few times to warm the JVM up, then {@code --runs} times measured;
 * the report gives the median and the slowest run. Nothing is printed per run.
 * {@code tcps bench --suite} and {@code --growth} run the built-in benchmarks ({@link Suite}).
 */
@Command(name = "bench",
        description = {"Measures how fast scenarios run: wall time per run (median and slowest of --runs "
                + "runs, after warm-up runs) against the virtual time each covers. Transcripts are not printed.",
            "",
            "With --suite, runs the built-in benchmarks of docs/performance.md instead (each prints its figure, "
                    + "its target and whether it is met); with --growth, the growth test, which doubles each size "
                    + "(bytes transferred, statements of each kind, scenarios, files) and prints how the time grew."},
        footer = ExitCode.HELP_TEXT)
final class BenchCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @ParentCommand
    private TcpsCommand parent;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", description = "Measured runs per scenario (default: ${DEFAULT-VALUE}).")
    private int runs = 50;

    @Option(names = "--warmup", paramLabel = "N", description = "Unmeasured runs first (default: ${DEFAULT-VALUE}).")
    private int warmup = 20;

    @Option(names = "--suite", arity = "0..1", split = ",", paramLabel = "NAME", fallbackValue = "all",
            description = "Run the built-in benchmarks: all, or those named (${COMPLETION-CANDIDATES}).",
            completionCandidates = SuiteNames.class)
    private List<String> suite;

    @Option(names = "--growth", description = "Run the growth test: each size doubled twice, and the time ratios.")
    private boolean growth;

    @Option(names = "--big", description = "Run the 10 GB transfer (minutes of CPU; memory must stay flat).")
    private boolean big;

    @Option(names = "--quick", description = "With --suite, --growth or --big: tiny sizes, one run each, to check "
            + "that the harness works (the figures mean nothing).")
    private boolean quick;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Scripts to measure (.tcps).")
    private List<String> files = List.of();

    /** The benchmark names, for --help and completion. */
    static final class SuiteNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Suite.NAMES.iterator();
        }
    }

    @Override
    public Integer call() {
        if (runs < 1 || warmup < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be at least 1 and --warmup at least 0");
        }
        boolean builtIn = suite != null || growth || big;
        if (builtIn && !files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "measure either FILEs or the built-in benchmarks (--suite, --growth, --big), not both");
        }
        if (!builtIn && files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "name the scripts to measure, or use --suite, --growth or --big");
        }
        if (builtIn) {
            return builtIn();
        }
        FrontEnd front = FrontEnd.of(parent.cwd(), files);
        if (!front.ok()) {
            front.printProblems(spec.commandLine().getErr());
            return ExitCode.SCRIPT_ERROR;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-44s %10s %9s %12s %12s%n", "scenario", "virtual", "segments", "median", "slowest");
        for (FrontEnd.Checked file : front.checked()) {
            for (ScenarioPlan plan : file.plans()) {
                for (int i = 0; i < warmup; i++) {
                    Interpreter.run(plan, file.source(), RunOptions.DEFAULT);
                }
                long[] nanos = new long[runs];
                ScenarioResult last = null;
                for (int i = 0; i < runs; i++) {
                    long start = System.nanoTime();
                    last = Interpreter.run(plan, file.source(), RunOptions.DEFAULT);
                    nanos[i] = System.nanoTime() - start;
                }
                Arrays.sort(nanos);
                String name = file.source().name() + (plan.scenario().name() == null ? "" : " " + plan.scenario().name());
                out.printf("%-44s %10s %9d %12s %12s%n", shorten(name), seconds(last.endTime()), last.sent(),
                        millis(nanos[runs / 2]), millis(nanos[runs - 1]));
            }
        }
        out.flush();
        return ExitCode.PASSED;
    }

    private int builtIn() {
        List<String> names = suite == null || suite.contains("all") ? Suite.NAMES : suite;
        for (String name : names) {
            if (!Suite.NAMES.contains(name)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no benchmark named " + name
                        + "; the benchmarks are " + String.join(", ", Suite.NAMES));
            }
        }
        Suite s = new Suite(spec.commandLine().getOut(), quick);
        if (suite != null) {
            s.run(names);
        }
        if (growth) {
            s.growth();
        }
        if (big) {
            s.bigTransfer();
        }
        return ExitCode.PASSED;
    }

    private static String seconds(long micros) {
        return String.format("%.3f s", micros / 1e6);
    }

    private static String millis(long nanos) {
        return String.format("%.3f ms", nanos / 1e6);
    }

    private static String shorten(String s) {
        return s.length() <= 44 ? s : s.substring(0, 41) + "...";
    }
}
