package tcps.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import tcps.check.ScenarioPlan;
import tcps.report.CaptureFile;
import tcps.report.JsonReport;
import tcps.report.Reporter;
import tcps.report.ScenarioReport;
import tcps.report.Transcript;
import tcps.report.TcpdumpOptions;
import tcps.report.TimestampMode;
import tcps.run.Interpreter;
import tcps.run.RunOptions;
import tcps.run.ScenarioResult;

/** {@code tcps run FILE...}: runs scenarios and prints their transcripts and failed assertions. */
@Command(name = "run",
        description = "Runs the scenarios in each FILE against the reference TCP model on a virtual clock. "
                + "Prints each scenario's segments as tcpdump prints them, every failed assertion at its "
                + "file:line:col, and a closing line 'N passed, M failed'.",
        sortOptions = false,
        footer = ExitCode.HELP_TEXT)
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    private TcpsCommand parent;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-S", "--absolute-tcp-sequence-numbers"},
            description = "Print absolute sequence numbers, as tcpdump -S does (default: relative).")
    private boolean absolute;

    @Option(names = "-n", description = "Print addresses as numbers (default: 127.0.0.1 prints as localhost).")
    private boolean numeric;

    @Option(names = "-t",
            description = "Timestamps as tcpdump -t: once for none, twice (-tt) for seconds since the start.")
    private boolean[] timestamps = new boolean[0];

    @Option(names = "-v", description = "tcpdump's verbose form: the IPv4 header and the checksum on a second line.")
    private boolean verbose;

    @Option(names = {"-A", "--annotate"},
            description = "Between tcpdump's lines, show what faults did to segments and what happened in the "
                    + "stacks: state changes, discarded segments and why (RFC section), errors, timers that fired "
                    + "and the numbers behind them.")
    private boolean annotate;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "What standard output gets: text (the transcript, the default) or json (every segment, "
                    + "event, timer, TCB snapshot and failure as one JSON document; schema in docs/tcps-run.schema.json).")
    private Format format = Format.text;

    /** The formats of standard output. */
    enum Format { text, json }

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed for every random-looking choice (ports, ISNs, timestamps). Default: ${DEFAULT-VALUE}.")
    private long seed = RunOptions.DEFAULT.seed();

    @Option(names = "--fail-fast", description = "Stop at the first failed assertion.")
    private boolean failFast;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "Run only the scenarios with this name (may be repeated).")
    private List<String> only = List.of();

    @Option(names = "--pcap", paramLabel = "OUT",
            description = "Write the capture of the scenario to OUT (a pcap file tcpdump and Wireshark read).")
    private Path pcap;

    @Option(names = "--pcap-dir", paramLabel = "DIR",
            description = "Write one pcap file per scenario into DIR: SCRIPT.pcap, or SCRIPT-N.pcap for the Nth "
                    + "scenario of a file that has several.")
    private Path pcapDir;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scripts to run (.tcps).")
    private List<String> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FrontEnd front = FrontEnd.of(parent.cwd(), files);
        if (!front.ok()) {
            front.printProblems(err);
            return ExitCode.SCRIPT_ERROR;
        }
        // By identity: plans are records, and comparing them deeply would cost a walk of the tree.
        Set<ScenarioPlan> selected = Collections.newSetFromMap(new IdentityHashMap<>());
        front.checked().stream().flatMap(c -> c.plans().stream())
                .filter(p -> only.isEmpty() || only.contains(p.scenario().name())).forEach(selected::add);
        if (selected.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no scenario named " + String.join(" or ", only.stream().map(s -> "\"" + s + "\"").toList())
                            + " in " + String.join(", ", files));
        }
        if (pcap != null && selected.size() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pcap writes the capture of one scenario, "
                    + "and " + selected.size() + " would run; use --pcap-dir DIR, or --scenario NAME");
        }
        Reporter report = reporter(out);
        RunOptions options = new RunOptions(seed, failFast);
        boolean several = files.size() > 1;
        int failed = 0;
        for (FrontEnd.Checked file : front.checked()) {
            for (int i = 0; i < file.plans().size(); i++) {
                ScenarioPlan plan = file.plans().get(i);
                if (!selected.contains(plan)) {
                    continue;
                }
                ScenarioResult result = Interpreter.run(plan, file.source(), options);
                Path capture = capturePath(file, i);
                if (capture != null) {
                    try {
                        CaptureFile.write(capture, result);
                    } catch (IOException e) {
                        err.println("tcps: cannot write " + capture + ": " + e.getMessage());
                        err.flush();
                        return ExitCode.CANNOT_WRITE;
                    }
                }
                report.scenario(new ScenarioReport(file.source(), result, plan.scenario().span().line(), several));
                failed += result.failed();
                if (failFast && result.failed() > 0) {
                    report.finish();
                    return ExitCode.FAILED;
                }
            }
        }
        report.finish();
        return failed > 0 ? ExitCode.FAILED : ExitCode.PASSED;
    }

    /** Where the capture of the file's scenario number {@code index} (from 0) goes, or null when none is asked for. */
    private Path capturePath(FrontEnd.Checked file, int index) {
        if (pcap != null) {
            return parent.cwd().resolve(pcap);
        }
        if (pcapDir == null) {
            return null;
        }
        String base = Path.of(file.source().name()).getFileName().toString().replaceFirst("\\.tcps$", "");
        String name = file.plans().size() == 1 ? base : base + "-" + (index + 1);
        return parent.cwd().resolve(pcapDir).resolve(name + ".pcap");
    }

    /** The reporter the options ask for; a combination that makes no sense is a usage error (64). */
    private Reporter reporter(PrintWriter out) {
        if (format == Format.json) {
            String textOnly = annotate ? "-A" : verbose ? "-v" : timestamps.length > 0 ? "-t" : null;
            if (textOnly != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), textOnly + " shapes the text transcript; "
                        + "--format json already holds every event and time (drop " + textOnly + ")");
            }
            return new JsonReport(out, tcpdumpOptions());
        }
        return new Transcript(out, tcpdumpOptions(), annotate);
    }

    private TcpdumpOptions tcpdumpOptions() {
        TimestampMode mode = switch (timestamps.length) {
            case 0 -> TimestampMode.DEFAULT;
            case 1 -> TimestampMode.NONE;
            default -> TimestampMode.EPOCH;
        };
        return new TcpdumpOptions(absolute, numeric, mode, verbose);
    }
}
