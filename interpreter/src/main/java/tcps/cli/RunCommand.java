package tcps.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import tcps.check.ScenarioPlan;
import tcps.report.CaptureFile;
import tcps.report.Findings;
import tcps.report.JsonReport;
import tcps.report.Ladder;
import tcps.report.Mermaid;
import tcps.report.Reporter;
import tcps.report.Reporters;
import tcps.report.SvgFile;
import tcps.report.HtmlReport;
import tcps.report.ScenarioReport;
import tcps.report.Transcript;
import tcps.report.TcpdumpOptions;
import tcps.report.TimestampMode;
import tcps.run.Interpreter;
import tcps.run.Limits;
import tcps.run.RunOptions;
import tcps.run.ScenarioResult;

/**
 * {@code tcps run FILE...}: runs scenarios and prints their transcripts and failed assertions.
 *
 * <p>Its options are declared in code ({@link #spec}), not with picocli's annotations: reading
 * annotations costs a fresh JVM the parsing of each and a generated proxy class per annotation
 * type, a visible share of a one-line run's start-up. The help text is the same either way.
 */
final class RunCommand implements Callable<Integer> {
    private final TcpsCommand parent;
    private CommandLine.Model.CommandSpec spec;

    // The options' values, read from the parsed command line when the command runs.
    private boolean absolute;
    private boolean numeric;
    private boolean[] timestamps;
    private boolean verbose;
    private boolean annotate;
    private boolean tcb;
    private Format format;
    private boolean quiet;
    private boolean ladder;
    private boolean mermaid;
    private Path svg;
    private Path html;
    private When color;
    private When unicode;
    private long seed;
    private boolean failFast;
    private List<String> only;
    private Path pcap;
    private Path pcapDir;
    private final LimitOptions limitOptions = new LimitOptions.ForRuns();
    private List<String> files;

    /** The formats of standard output. */
    enum Format { text, json }

    /** auto, always, never. */
    enum When { auto, always, never }

    RunCommand(TcpsCommand parent) {
        this.parent = parent;
    }

    /** The command {@code run}, its options in the order --help lists them, bound to {@code run}. */
    static CommandSpec spec(RunCommand run) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(run);
        run.spec = spec;
        spec.name("run");
        spec.defaultValueProvider(new LimitOptions.RunDefaults()); // the --max-... defaults the help shows
        spec.usageMessage()
                .description("Runs the scenarios in each FILE against the reference TCP model on a virtual clock. "
                        + "Prints each scenario's segments as tcpdump prints them, every failed assertion at its "
                        + "file:line:col, and a closing line 'N passed, M failed'.")
                .sortOptions(false)
                .footer(ExitCode.HELP_TEXT);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit.")
                .build());
        flag(spec, "Print absolute sequence numbers, as tcpdump -S does (default: relative).",
                "-S", "--absolute-tcp-sequence-numbers");
        flag(spec, "Print addresses as numbers (default: 127.0.0.1 prints as localhost).", "-n");
        spec.addOption(OptionSpec.builder("-t").type(boolean[].class).arity("0").initialValue(new boolean[0])
                .description("Timestamps as tcpdump -t: once for none, twice (-tt) for seconds since the start.")
                .build());
        flag(spec, "tcpdump's verbose form: the IPv4 header and the checksum on a second line.", "-v");
        flag(spec, "Between tcpdump's lines, show what faults did to segments and what happened in the "
                + "stacks: state changes, discarded segments and why (RFC section), errors, timers that fired "
                + "and the numbers behind them.", "-A", "--annotate");
        flag(spec, "Under each segment of the transcript, the TCB variables of both ends after it (RFC 9293 "
                + "names: SND.UNA, SND.NXT, SND.WND, RCV.NXT, RCV.WND, and the RTO).", "--tcb");
        spec.addOption(OptionSpec.builder("--format").paramLabel("FORMAT").type(Format.class)
                .initialValue(Format.text)
                .description("What standard output gets: text (the transcript, the default) or json (every segment, "
                        + "event, timer, TCB snapshot and failure as one JSON document; schema in "
                        + "docs/tcps-run.schema.json).")
                .build());
        flag(spec, "No transcript: print only failed assertions and the closing line. The run keeps only what "
                + "its assertions need, so long transfers run in constant memory; for many scenarios in CI.",
                "-q", "--quiet");
        flag(spec, "Draw each scenario as a ladder diagram (80 columns): a column per endpoint, an arrow per "
                + "segment, states, timers and errors beside their endpoint, lost segments ending in X.", "--ladder");
        flag(spec, "Write each scenario as a Mermaid sequenceDiagram (GitHub and GitLab draw it in Markdown).",
                "--mermaid");
        path(spec, "--svg", "FILE", "Also write the ladder diagram of the scenario to FILE, a self-contained SVG "
                + "(arrows slanted by the link delay; hovering over one shows its tcpdump line and the TCB before "
                + "and after).");
        path(spec, "--html", "FILE", "Also write a report of the whole run to FILE, one self-contained HTML page: "
                + "per scenario the diagram, the annotated transcript and the failures at their lines; click an "
                + "arrow for its details.");
        spec.addOption(OptionSpec.builder("--color").paramLabel("WHEN").type(When.class).defaultValue("auto")
                .initialValue(When.auto)
                .description("Colour the ladder: auto (on a terminal, unless NO_COLOR is set), always, never.")
                .build());
        spec.addOption(OptionSpec.builder("--unicode").paramLabel("WHEN").type(When.class).defaultValue("auto")
                .initialValue(When.auto)
                .description("Draw the ladder with Unicode box drawing: auto (on a UTF-8 terminal), always, never "
                        + "(plain ASCII).")
                .build());
        spec.addOption(OptionSpec.builder("--seed").paramLabel("N").type(long.class)
                .initialValue(RunOptions.DEFAULT.seed())
                .description("Seed for every random-looking choice (ports, ISNs, timestamps). Default: "
                        + "${DEFAULT-VALUE}.")
                .build());
        flag(spec, "Stop at the first failed assertion.", "--fail-fast");
        spec.addOption(OptionSpec.builder("--scenario").paramLabel("NAME").type(List.class)
                .auxiliaryTypes(String.class)
                .description("Run only the scenarios with this name (may be repeated).")
                .build());
        path(spec, "--pcap", "OUT", "Write the capture of the scenario to OUT (a pcap file tcpdump and Wireshark "
                + "read).");
        path(spec, "--pcap-dir", "DIR", "Write one pcap file per scenario into DIR: SCRIPT.pcap, or SCRIPT-N.pcap "
                + "for the Nth scenario of a file that has several.");
        spec.addMixin("limitOptions", CommandSpec.forAnnotatedObject(run.limitOptions));
        spec.addPositional(PositionalParamSpec.builder().arity("1..*").required(true).paramLabel("FILE").type(List.class)
                .auxiliaryTypes(String.class).description("Scripts to run (.tcps).")
                .build());
        return spec;
    }

    private static void flag(CommandSpec spec, String description, String... names) {
        spec.addOption(OptionSpec.builder(names).type(boolean.class).initialValue(false).description(description)
                .build());
    }

    private static void path(CommandSpec spec, String name, String label, String description) {
        spec.addOption(OptionSpec.builder(name).paramLabel(label).type(Path.class).description(description).build());
    }

    /** The value the command line gave option {@code name}, or its initial value. */
    @SuppressWarnings("unchecked")
    private <T> T value(String name) {
        return (T) spec.findOption(name).getValue();
    }

    /** Takes the options' values from the parsed command line. */
    private void read() {
        absolute = value("-S");
        numeric = value("-n");
        timestamps = value("-t");
        verbose = value("-v");
        annotate = value("-A");
        tcb = value("--tcb");
        format = value("--format");
        quiet = value("-q");
        ladder = value("--ladder");
        mermaid = value("--mermaid");
        svg = value("--svg");
        html = value("--html");
        color = value("--color");
        unicode = value("--unicode");
        seed = value("--seed");
        failFast = value("--fail-fast");
        List<String> scenarios = value("--scenario");
        only = scenarios == null ? List.of() : scenarios;
        pcap = value("--pcap");
        pcapDir = value("--pcap-dir");
        files = spec.positionalParameters().get(0).getValue();
    }

    @Override
    public Integer call() {
        read();
        PrintWriter err = spec.commandLine().getErr();
        Limits limits = limitOptions.limits(spec.commandLine());
        refuseConflictingOptions();
        FrontEnd front = FrontEnd.of(parent.cwd(), files, limits);
        if (!front.ok()) {
            front.printProblems(err);
            if (front.checked().isEmpty()) {
                return ExitCode.SCRIPT_ERROR;
            }
        }
        // JSON keeps to the limit itself, element by element, so that a document cut short stays valid
        BoundedWriter bounded = new BoundedWriter(spec.commandLine().getOut(),
                format == Format.json ? Long.MAX_VALUE : limits.outputBytes());
        PrintWriter out = new PrintWriter(bounded);
        int status = run(front, out, err, limits, bounded);
        out.flush();
        // One broken file does not stop the others, but the status says it (the worst that happened).
        return front.ok() || status == ExitCode.CANNOT_WRITE ? status : ExitCode.SCRIPT_ERROR;
    }

    /** Runs the files that passed the checks; the status of what ran. */
    private int run(FrontEnd front, PrintWriter out, PrintWriter err, Limits limits, BoundedWriter bounded) {
        // By identity: plans are records, and comparing them deeply would cost a walk of the tree.
        Set<ScenarioPlan> selected = Collections.newSetFromMap(new IdentityHashMap<>());
        front.checked().stream().flatMap(c -> c.plans().stream())
                .filter(p -> only.isEmpty() || only.contains(p.scenario().name())).forEach(selected::add);
        if (selected.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no scenario named " + String.join(" or ", only.stream().map(s -> "\"" + s + "\"").toList())
                            + " in " + String.join(", ", files));
        }
        if (svg != null && selected.size() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--svg draws one scenario, and "
                    + selected.size() + " would run; choose one with --scenario NAME, or use --html FILE for them all");
        }
        if (pcap != null && selected.size() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pcap writes the capture of one scenario, "
                    + "and " + selected.size() + " would run; use --pcap-dir DIR, or --scenario NAME");
        }
        if (!capturesCanBeWritten(front, selected, err)) {
            return ExitCode.CANNOT_WRITE;
        }
        Reporter report = withFiles(reporter(out, limits));
        // A quiet run keeps only what its assertions need; a pcap file needs the whole capture.
        RunOptions options = new RunOptions(seed, failFast, limits, !quiet || pcap != null || pcapDir != null);
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
                        err.println("tcps: cannot write " + capture + ": " + ScriptFile.reason(e));
                        err.flush();
                        return ExitCode.CANNOT_WRITE;
                    }
                }
                try {
                    report.scenario(new ScenarioReport(file.source(), result, plan.scenario().span().line(), several));
                } catch (UncheckedIOException e) {
                    return cannotWrite(e, err);
                }
                out.flush(); // each scenario shows as soon as it ends: a run stopped from outside shows what it did
                if (result.passed() == 0 && result.failed() == 0) {
                    // `0 passed, 0 failed` alone would read as a pass: say that nothing was checked
                    // (on stderr, so that the report stays what it is; the status stays 0: nothing failed)
                    err.println("tcps: note: " + file.source().name() + ":" + plan.scenario().span().line() + ": "
                            + (plan.scenario().name() == null ? "" : "scenario \"" + plan.scenario().name() + "\": ")
                            + "nothing was checked: no expect ran, so nothing passed or failed; write one, "
                            + "such as `expect SYN` (the next segment matches it) or `wait 1s` then `expect client state ESTABLISHED`");
                    err.flush();
                }
                failed += result.failed();
                if (failFast && result.failed() > 0) {
                    return close(report, out, bounded, limits, ExitCode.FAILED);
                }
            }
        }
        return close(report, out, bounded, limits, failed > 0 ? ExitCode.FAILED : ExitCode.PASSED);
    }

    /** The closing line, always printed; output cut at the limit makes the run fail. */
    private int close(Reporter report, PrintWriter out, BoundedWriter bounded, Limits limits, int status) {
        out.flush();
        bounded.lift();
        try {
            report.finish();
        } catch (UncheckedIOException e) {
            return cannotWrite(e, spec.commandLine().getErr());
        }
        out.flush();
        boolean cut = bounded.cut() || json != null && json.cut();
        if (cut) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("tcps: the report reached " + Limits.bytes(limits.outputBytes()) + ", the limit of a run "
                    + "(--max-output); " + (json != null ? "the segments, events, failures and scenarios past it were "
                    + "left out, and the document says \"truncated\"" : "the rest of it was not printed"));
            err.flush();
        }
        return cut && status == ExitCode.PASSED ? ExitCode.FAILED : status;
    }

    /**
     * Refuses, as a wrong command line, options that contradict each other or repeat in a way
     * that means nothing (`-ttt`), rather than silently taking one of them.
     */
    private void refuseConflictingOptions() {
        if (quiet && (annotate || tcb || verbose || absolute || numeric || timestamps.length > 0
                || format != Format.text)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--quiet prints no transcript, and -A, --tcb, -S, -n, -t, -v and --format only shape the transcript");
        }
        if (pcap != null && pcapDir != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--pcap and --pcap-dir cannot be used together: --pcap writes one scenario's capture to a file, "
                            + "--pcap-dir one file per scenario into a directory");
        }
        if (timestamps.length > 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-t is given " + timestamps.length
                    + " times; write -t for no timestamps or -tt for seconds since the start");
        }
    }

    /**
     * Before anything runs: no capture may overwrite a script given on the command line, no two
     * scenarios may write one file, and the directory must be there (only the one --pcap-dir
     * names is created, never its parents).
     */
    private boolean capturesCanBeWritten(FrontEnd front, Set<ScenarioPlan> selected, PrintWriter err) {
        if (pcap == null && pcapDir == null) {
            return true;
        }
        java.util.Map<Path, String> writers = new java.util.HashMap<>();
        for (FrontEnd.Checked file : front.checked()) {
            for (int i = 0; i < file.plans().size(); i++) {
                if (!selected.contains(file.plans().get(i))) {
                    continue;
                }
                Path capture = capturePath(file, i);
                for (String input : files) {
                    if (ScriptFile.sameFile(capture, parent.cwd().resolve(input))
                            || capture.normalize().equals(parent.cwd().resolve(input).normalize())) {
                        String shown = pcap != null ? "--pcap " + pcap : "--pcap-dir " + pcapDir + " (" + capture + ")";
                        throw new CommandLine.ParameterException(spec.commandLine(), shown
                                + " would overwrite the script " + input + "; write the capture elsewhere");
                    }
                }
                String earlier = writers.put(capture.normalize(), file.source().name());
                if (earlier != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "both " + earlier + " and "
                            + file.source().name() + " would write " + capture + "; run them with different --pcap-dir");
                }
            }
        }
        Path dir = pcap != null ? parent.cwd().resolve(pcap).getParent() : parent.cwd().resolve(pcapDir);
        if (dir == null || java.nio.file.Files.isDirectory(dir)) {
            return true;
        }
        String shown = pcap != null ? String.valueOf(pcap) : String.valueOf(pcapDir);
        try {
            if (pcapDir != null && !java.nio.file.Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                java.nio.file.Files.createDirectory(dir); // DIR itself, not its parents
                return true;
            }
            err.println("tcps: cannot write " + shown + ": " + (java.nio.file.Files.exists(dir) ? "not a directory"
                    : "no such file or directory"));
        } catch (IOException e) {
            err.println("tcps: cannot write " + shown + ": " + ScriptFile.reason(e));
        }
        err.flush();
        return false;
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

    /** Standard output's reporter, then the files asked for (--svg, --html). */
    private Reporter withFiles(Reporter stdout) {
        List<Reporter> all = new java.util.ArrayList<>(List.of(stdout));
        if (svg != null) {
            all.add(new SvgFile(parent.cwd().resolve(svg), tcpdumpOptions()));
        }
        if (html != null) {
            all.add(new HtmlReport(parent.cwd().resolve(html), tcpdumpOptions(), files));
        }
        return all.size() == 1 ? stdout : new Reporters(all);
    }

    /** A report file could not be written: exit 73, as for a pcap file. */
    private static int cannotWrite(UncheckedIOException e, PrintWriter err) {
        err.println("tcps: cannot write " + e.getMessage() + ": " + ScriptFile.reason(e.getCause()));
        err.flush();
        return ExitCode.CANNOT_WRITE;
    }

    /** The JSON report, when that is the format: it says whether it left something out. */
    private JsonReport json;

    /** The reporter the options ask for; a combination that makes no sense is a usage error (64). */
    private Reporter reporter(PrintWriter out, Limits limits) {
        List<String> views = new java.util.ArrayList<>();
        if (quiet) {
            views.add("-q");
        }
        if (format == Format.json) {
            views.add("--format json");
        }
        if (ladder) {
            views.add("--ladder");
        }
        if (mermaid) {
            views.add("--mermaid");
        }
        if (views.size() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join(" and ", views)
                    + " each write standard output; choose one");
        }
        if (ladder || mermaid) {
            String view = ladder ? "--ladder" : "--mermaid";
            String textOnly = textOnlyOption(false);
            if (textOnly != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), textOnly + " shapes the text transcript; "
                        + view + " draws states, timers and faults itself (drop " + textOnly + ")");
            }
        }
        if (mermaid) {
            return new Mermaid(out, tcpdumpOptions());
        }
        if (ladder) {
            return new Ladder(out, tcpdumpOptions(), unicode() ? Ladder.Glyphs.UNICODE : Ladder.Glyphs.ASCII,
                    colour());
        }
        if (quiet) {
            return new Findings(out);
        }
        if (format == Format.json) {
            String textOnly = textOnlyOption(true);
            if (textOnly != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), textOnly + " shapes the text transcript; "
                        + "--format json already holds every event and time (drop " + textOnly + ")");
            }
            json = new JsonReport(out, tcpdumpOptions(), limits.outputBytes());
            return json;
        }
        return new Transcript(out, tcpdumpOptions(), annotate, tcb);
    }

    /**
     * The first option given that shapes only the text transcript: -A, -v, --tcb, and -t when
     * {@code withTimestamps}; null when none is.
     */
    private String textOnlyOption(boolean withTimestamps) {
        return annotate ? "-A" : verbose ? "-v" : tcb ? "--tcb" : withTimestamps && timestamps.length > 0 ? "-t" : null;
    }

    private boolean colour() {
        return Terminal.colour(color, System.console() != null, System.getenv());
    }

    private boolean unicode() {
        return Terminal.unicode(unicode, System.console() != null, System.getenv());
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
