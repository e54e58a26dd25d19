package tcps.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tcps.fuzz.Fuzzer;

/**
 * {@code tcps fuzz}: the fuzzer that the test suite runs briefly (docs/limits.md), for as long
 * as asked. It mutates the scripts under the given directories and reports every input that
 * ends in an internal error, runs past its time budget, or prints differently twice.
 */
@Command(name = "fuzz",
        description = "Mutates the scripts under each DIR (default: scenarios, stdlib and exercises) and runs every "
                + "mutant through tcps's checks and runs in this process, looking for internal errors, runs past the "
                + "time budget, and output that differs between two runs. Each finding is printed with its minimized "
                + "input. The same --seed gives the same inputs.",
        footer = {"%nExit status:%n"
                + "  0   no finding%n"
                + "  1   at least one finding (printed with its minimized input)%n"
                + "  64  the command line is wrong%n"})
final class FuzzCommand implements Callable<Integer> {
    @ParentCommand
    private TcpsCommand parent;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for every mutation (default: ${DEFAULT-VALUE}).")
    private long seed = 1;

    @Option(names = "--time", paramLabel = "DURATION", converter = LimitOptions.DurationConverter.class,
            description = "Stop after this much wall time, such as 10m or 8h (default: 1m).")
    private long micros = 60_000_000L;

    @Option(names = "--inputs", paramLabel = "N",
            description = "Stop after this many inputs (default: no limit but --time).")
    private long inputs = Long.MAX_VALUE;

    @Option(names = "--budget", paramLabel = "MS",
            description = "Wall time one input may take, in milliseconds, before it is a finding (default: "
                    + "${DEFAULT-VALUE}).")
    private long budget = 5000;

    @Parameters(arity = "0..*", paramLabel = "DIR", description = "Directories whose .tcps files are the corpus.")
    private List<Path> dirs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> roots = new ArrayList<>();
        for (Path d : dirs.isEmpty() ? List.of(Path.of("scenarios"), Path.of("stdlib"), Path.of("exercises")) : dirs) {
            roots.add(parent.cwd().resolve(d));
        }
        List<String> corpus = Fuzzer.corpus(roots);
        if (corpus.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no .tcps file under " + roots
                    + "; name the directories of scripts to start from");
        }
        if (inputs < 1 || budget < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--inputs and --budget must be at least 1");
        }
        out.println("fuzzing from " + corpus.size() + " scripts, seed " + seed);
        out.flush();
        long deadline = System.nanoTime() + micros * 1000;
        Fuzzer.Summary s = new Fuzzer(corpus, seed, budget, Fuzzer.Effort.THOROUGH).run(inputs, deadline, out);
        out.println(s.inputs() + " inputs, " + s.findings().size() + (s.findings().size() == 1 ? " finding" : " findings"));
        out.flush();
        return s.findings().isEmpty() ? ExitCode.PASSED : ExitCode.FAILED;
    }
}
