package tcps.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import tcps.grade.Assignment;
import tcps.grade.ClassGrading;
import tcps.grade.Grade;
import tcps.grade.GradeFormat;
import tcps.grade.GradeLimits;
import tcps.report.Excerpt;
import tcps.syntax.Diagnostic;

/** {@code tcps grade EXERCISE SUBMISSION...}: grades a class in one process. */
@Command(name = "grade",
        defaultValueProvider = LimitOptions.GradeDefaults.class,
        description = "Grades each SUBMISSION against the EXERCISE (docs/teaching.md): files, or directories "
                + "holding one submission per student (NAME.tcps, or a directory NAME holding one .tcps file); "
                + "the student's ID is NAME. Submissions are graded in parallel, each on its own and within "
                + "limits, so a broken, slow or malicious one scores zero with a message and changes no other "
                + "score. Output is in the order the submissions were given. Limits are on by default, tighter than "
                + "tcps run's: 64KiB per submission, 2000 statements, 1h of virtual time, 100000 events, 16MiB "
                + "written, 256KiB of transcript, 64MiB of memory, 10s of real time (docs/teaching.md).",
        sortOptions = false,
        footer = ExitCode.GRADE_HELP_TEXT)
final class GradeCommand implements Callable<Integer> {
    @ParentCommand
    private TcpsCommand parent;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text (default: a report per student), csv (the class), gradescope (results.json), "
                    + "prairielearn (external grader results.json), junit (XML), tap (TAP 13).")
    private String format = "text";

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE rather than to standard output.")
    private Path output;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "For gradescope and prairielearn with several submissions: write DIR/ID/results.json each.")
    private Path outputDir;

    @Option(names = "--student", paramLabel = "ID",
            description = "The student's ID, for one submission whose file name is not the ID (Gradescope, PrairieLearn).")
    private String student;

    @Option(names = "--after-due", description = "The due date has passed: show the checks marked `after due`.")
    private boolean afterDue;

    @Option(names = "--jobs", paramLabel = "N", description = "Grade N submissions at once (default: one per core).")
    private int jobs = Runtime.getRuntime().availableProcessors();

    @CommandLine.Mixin
    private LimitOptions limitOptions = new LimitOptions.ForRuns();

    @Option(names = "--max-wall-time", paramLabel = "DURATION", converter = LimitOptions.DurationConverter.class,
            description = "Stop grading a submission after this much real time; it scores zero (default: 10s).")
    private Long maxWall;

    @Parameters(index = "0", paramLabel = "EXERCISE", description = "The exercise (.tcps).")
    private String exercise;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SUBMISSION", description = "Submission files or directories.")
    private List<String> submissions;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        GradeFormat f;
        try {
            f = GradeFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown format `" + format
                    + "`; formats are text, csv, gradescope, prairielearn, junit, tap");
        }
        GradeLimits limits = new GradeLimits(limitOptions.limits(spec.commandLine(), GradeLimits.DEFAULT.run()),
                maxWall == null ? GradeLimits.DEFAULT.wallMillis() : Math.max(1, maxWall / 1000));
        Assignment a = load(parent.cwd(), exercise, err);
        if (a == null) {
            return ExitCode.SCRIPT_ERROR;
        }
        List<String> problems = new ArrayList<>();
        List<ClassGrading.Submission> list = ClassGrading.collect(parent.cwd(), submissions, problems);
        for (String p : problems) {
            err.println("tcps: " + p);
        }
        err.flush();
        if (student != null) {
            if (list.size() != 1) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--student names the student of one submission, and " + list.size() + " were given");
            }
            list = List.of(new ClassGrading.Submission(student, list.get(0).name(), list.get(0).path(),
                    list.get(0).missing()));
        }
        if (list.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no submission found in "
                    + String.join(", ", submissions));
        }
        java.util.Map<String, List<String>> byStudent = new java.util.LinkedHashMap<>();
        list.forEach(sub -> byStudent.computeIfAbsent(sub.student(), k -> new ArrayList<>()).add(sub.name()));
        List<String> twice = byStudent.entrySet().stream().filter(en -> en.getValue().size() > 1)
                .map(en -> en.getKey() + " (" + String.join(", ", en.getValue()) + ")").toList();
        if (!twice.isEmpty()) {
            if (f.single && outputDir != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "students with more than one submission: "
                        + String.join("; ", twice) + "; DIR/ID/results.json holds one each: give each student one file");
            }
            err.println("tcps: students with more than one submission, each graded on its own row: "
                    + String.join("; ", twice));
            err.flush();
        }
        if (f.single && list.size() > 1 && outputDir == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), format + " results hold one submission; "
                    + "with " + list.size() + " use --output-dir DIR (DIR/ID/results.json each)");
        }
        int asked = Math.max(1, Math.min(jobs, list.size()));
        long heap = Runtime.getRuntime().maxMemory();
        int at = ClassGrading.jobsFor(asked, limits.run().memoryBytes(), heap);
        if (at < asked) {
            err.println("tcps: grading " + at + " submission" + (at == 1 ? "" : "s") + " at a time, not " + asked
                    + ": each may keep " + tcps.run.Limits.bytes(limits.run().memoryBytes()) + " (--max-memory), and "
                    + "the JVM's heap is " + (heap >> 20) + " MiB (java -Xmx sets it)");
            err.flush();
        }
        ClassGrading.Outcome outcome;
        try {
            outcome = ClassGrading.grade(a, limits, list, at);
        } catch (Assignment.ExerciseBroken e) {
            printBroken(e, err);
            return ExitCode.SCRIPT_ERROR;
        }
        try {
            if (f.single && outputDir != null) {
                for (Grade g : outcome.grades()) {
                    Path dir = parent.cwd().resolve(outputDir).resolve(g.student());
                    Files.createDirectories(dir);
                    Files.writeString(dir.resolve("results.json"), f.render(List.of(g), afterDue), StandardCharsets.UTF_8);
                }
            } else if (output != null) {
                Files.writeString(parent.cwd().resolve(output), f.render(outcome.grades(), afterDue), StandardCharsets.UTF_8);
            } else {
                PrintWriter out = spec.commandLine().getOut();
                out.print(f.render(outcome.grades(), afterDue));
                out.flush();
            }
        } catch (IOException e) {
            err.println("tcps: cannot write the results: " + e.getMessage());
            err.flush();
            return ExitCode.CANNOT_WRITE;
        }
        if (outcome.stuck() > 0) {
            err.println("tcps: " + outcome.stuck() + " grading thread(s) past the real-time limit did not stop when "
                    + "told to; their submissions scored zero, and the threads end with this process (a bug in tcps: "
                    + "please report it)");
            err.flush();
        }
        if (outcome.internalErrors() > 0) {
            err.println("tcps: " + outcome.internalErrors() + " submission(s) met an internal error in tcps; "
                    + "they scored zero with a message saying so");
            err.flush();
            return ExitCode.INTERNAL;
        }
        return ExitCode.PASSED;
    }

    /** Loads an exercise, or prints why it cannot be one and returns null. */
    static Assignment load(Path cwd, String name, PrintWriter err) {
        ScriptFile.Loaded loaded = ScriptFile.load(cwd, name, tcps.run.Limits.DEFAULT.sourceBytes());
        if (loaded.source() == null) {
            err.println("tcps: " + loaded.problem());
            err.flush();
            return null;
        }
        Assignment.Loaded a = Assignment.load(loaded.source());
        if (!a.ok()) {
            printErrors(a.errors(), err);
            err.println("tcps: the exercise " + name + " cannot be used; nothing was graded");
            err.flush();
            return null;
        }
        return a.assignment();
    }

    static void printBroken(Assignment.ExerciseBroken e, PrintWriter err) {
        printErrors(e.errors(), err);
        err.println("tcps: the exercise is broken; nothing was graded");
        err.flush();
    }

    private static void printErrors(List<Diagnostic> errors, PrintWriter err) {
        for (Diagnostic d : errors) {
            err.print(Excerpt.render(d.source(), d.span(), "error", d.message(), List.of()));
        }
    }
}
