package tcps.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import tcps.check.ScenarioPlan;
import tcps.grade.Assignment;
import tcps.grade.ClassGrading;
import tcps.grade.GradeFormat;
import tcps.grade.GradeLimits;
import tcps.grammar.ScriptParser;
import tcps.report.TcpdumpPrinter;
import tcps.run.Interpreter;
import tcps.run.ScenarioResult;
import tcps.sim.Captured;
import tcps.syntax.Source;

/**
 * The benchmark suite ({@code tcps bench --suite}, {@code --growth}): each benchmark measures one
 * target of docs/performance.md and prints the figure, the target and whether it is met. The
 * growth test doubles each size (bytes transferred, statements of each kind, scenarios, files)
 * and prints how much the time grew, so anything worse than linear shows in one run.
 *
 * <p>{@code quick} runs every benchmark at a tiny size, once: the test suite uses it to check
 * that the harness runs and prints, never to judge speed.
 */
public final class Suite {
    /** The benchmarks, in the order {@code --suite} runs them. */
    public static final List<String> NAMES = List.of("syn-timeout", "files", "parse", "transfer", "transfer-loss", "print",
            "grade");

    /** Above this, one doubling of the size more than doubled the time beyond noise. */
    private static final double SUPER_LINEAR = 2.6;

    private final PrintWriter out;
    private final boolean quick;

    public Suite(PrintWriter out, boolean quick) {
        this.out = out;
        this.quick = quick;
    }

    /** Runs the named benchmarks (of {@link #NAMES}), printing one block per benchmark. */
    public void run(List<String> names) {
        header();
        for (String name : names) {
            switch (name) {
                case "syn-timeout" -> synTimeout();
                case "files" -> files();
                case "parse" -> parse();
                case "transfer" -> transfer();
                case "transfer-loss" -> transferLoss();
                case "print" -> print();
                case "grade" -> grade();
                default -> throw new IllegalArgumentException("no benchmark " + name);
            }
            out.flush();
        }
        footer();
    }

    /** The 10 GB transfer of docs/performance.md: minutes of CPU, so only when asked. */
    public void bigTransfer() {
        header();
        transfer("big", Workloads.transfer(10_000_000_000L, 65495), 10_000_000_000L, 65495, 0, 1);
        footer();
    }

    private void header() {
        out.printf(Locale.ROOT, "tcps bench: Java %s, %d processors, load average %s%s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Stopwatch.load(),
                quick ? " (--quick: tiny sizes, one run each; the figures mean nothing)" : "");
        out.println("Times are CPU time of the running thread, medians of the measured runs after warm-up runs.");
        out.flush();
    }

    private void footer() {
        out.printf(Locale.ROOT, "load average at the end: %s%n", Stopwatch.load());
        out.flush();
    }

    // ---- the benchmarks -------------------------------------------------------------------------

    /** Linux's default SYN timeout: 131 s of TCP time, eleven SYNs, many runs in one JVM. */
    private void synTimeout() {
        Source source = new Source("syn-timeout.tcps", Workloads.SYN_TIMEOUT);
        ScenarioPlan plan = Pipeline.plans(source).get(0);
        int batch = quick ? 2 : 1000;
        Stopwatch.Timing t = Stopwatch.time(() -> {
            for (int i = 0; i < batch; i++) {
                Interpreter.run(plan, source, Pipeline.OPTIONS);
            }
        }, quick ? 0 : 30, quick ? 1 : 15);
        double micros = t.cpuNanos() / 1e3 / batch;
        result("syn-timeout", String.format(Locale.ROOT, "%.1f us per run (131 s of TCP time, %d runs a batch)", micros,
                batch), "< 50 us", micros < 50);
    }

    /** Many small files in one JVM: read from text, parsed, checked, run, reported. */
    private void files() {
        int n = quick ? 5 : 2000;
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sources.add(new Source("small-" + i + ".tcps", Workloads.small(i)));
        }
        Stopwatch.Timing t = Stopwatch.time(() -> sources.forEach(s -> Pipeline.all(s, true)), quick ? 0 : 2,
                quick ? 1 : 5);
        double ms = t.cpuNanos() / 1e6 / n;
        result("files", String.format(Locale.ROOT, "%.3f ms CPU per file (%d small files: parse, check, run, "
                + "transcript), %.0f files/s", ms, n, 1000 / ms), "<= 0.5 ms", ms <= 0.5);
    }

    /** Parse and check a large script. */
    private void parse() {
        int bytes = quick ? 50_000 : 8_000_000;
        String text = Workloads.text(bytes);
        Source source = new Source("big.tcps", text);
        // Eight warm-up runs: with the launcher's raised JIT thresholds the parser and checker reach
        // their steady speed only after six or seven runs of this script (docs/performance.md).
        Stopwatch.Timing t = Stopwatch.time(() -> Pipeline.plans(source), quick ? 0 : 8, quick ? 1 : 5);
        double mbPerS = text.length() / 1e6 / (t.cpuNanos() / 1e9);
        long kept = Stopwatch.retained(() -> ScriptParser.parse(source));
        result("parse", String.format(Locale.ROOT, "%.1f MB/s parse and check (%.1f MB script); the tree keeps "
                + "%.0f bytes of heap per byte of script", mbPerS, text.length() / 1e6, (double) kept / text.length()),
                ">= 20 MB/s", mbPerS >= 20);
    }

    private void transfer() {
        long bytes = quick ? 1_000_000L : 1_000_000_000L;
        transfer("transfer", Workloads.transfer(bytes, 1460), bytes, 1460, quick ? 0 : 1, quick ? 1 : 3);
    }

    /**
     * The same transfer with its 30th segment lost: after fast recovery the sender stays in
     * congestion avoidance, so every later ACK runs CUBIC (the loss-free transfer never leaves
     * slow start, and never asks the congestion controller more than to add the bytes acked).
     */
    private void transferLoss() {
        long bytes = quick ? 1_000_000L : 1_000_000_000L;
        transfer("transfer-loss", Workloads.transferAfterLoss(bytes, 1460), bytes, 1460, quick ? 0 : 1, quick ? 1 : 3);
    }

    /** A bulk transfer with the transcript off: segments per CPU second, and the heap the result keeps. */
    private void transfer(String name, String script, long bytes, int mss, int warmup, int runs) {
        Source source = new Source(name + ".tcps", script);
        List<ScenarioPlan> plans = Pipeline.plans(source);
        long[] segments = {0};
        Stopwatch.Timing t = Stopwatch.time(() -> segments[0] = Pipeline.run(source, plans, false), warmup, runs);
        double perSecond = segments[0] / (t.cpuNanos() / 1e9);
        long kept = Stopwatch.retained(() -> Interpreter.run(plans.get(0), source, Pipeline.OPTIONS.withDetail(false)));
        result(name, String.format(Locale.ROOT, "%,.0f segments/s (%s in %,d segments of up to %d bytes, "
                + "%.2f s CPU, transcript off); the result keeps %s of heap", perSecond, size(bytes), segments[0], mss,
                t.cpuNanos() / 1e9, size(kept)), name.equals("big") ? "the run fits the heap, the result keeps < 1 MB"
                : ">= 1,000,000/s", name.equals("big") ? kept < 1_000_000 : perSecond >= 1_000_000);
    }

    /** The transcript of a bulk transfer, against formatting its lines alone. */
    private void print() {
        Source source = new Source("print.tcps", Workloads.transfer(quick ? 1_000_000L : 20_000_000L, 1460));
        ScenarioPlan plan = Pipeline.plans(source).get(0);
        ScenarioResult result = Interpreter.run(plan, source, Pipeline.OPTIONS);
        Stopwatch.Timing format = Stopwatch.time(() -> {
            TcpdumpPrinter printer = new TcpdumpPrinter(Pipeline.RUN_DEFAULT);
            long chars = 0;
            for (Captured c : result.capture()) {
                chars += printer.line(c.segment(), c.time(), false).length();
            }
            if (chars == 0) {
                throw new IllegalStateException("nothing formatted");
            }
        }, quick ? 0 : 10, quick ? 1 : 9);
        Stopwatch.Timing print = Stopwatch.time(() -> Pipeline.report(source, result), quick ? 0 : 10, quick ? 1 : 9);
        double ratio = (double) print.cpuNanos() / format.cpuNanos();
        result("print", String.format(Locale.ROOT, "printing the transcript takes %.2fx formatting its lines alone "
                + "(%,d lines; %.0f ns a line printed, %.0f formatted)", ratio, result.capture().size(),
                (double) print.cpuNanos() / result.capture().size(), (double) format.cpuNanos() / result.capture().size()),
                "<= 2x", ratio <= 2);
    }

    /**
     * {@code tcps grade} of the seed-003 fill-in for 1,000 generated submissions in one call, as a
     * teacher runs it: files read from a directory, graded in parallel, the class CSV made. Wall
     * time (the workers run on every core) and the peak heap.
     */
    private void grade() {
        Path exercise = Path.of("exercises/seed-003-numbers/exercise.tcps");
        if (!Files.exists(exercise)) {
            exercise = Path.of("../exercises/seed-003-numbers/exercise.tcps");
        }
        if (!Files.exists(exercise)) {
            out.println("grade        skipped: run from the project's directory (exercises/seed-003-numbers)");
            return;
        }
        int n = quick ? 20 : 1000;
        try {
            Assignment a = Assignment.load(new Source(exercise.toString(), Files.readString(exercise))).assignment();
            Path dir = Files.createTempDirectory("tcps-grade-bench");
            try {
                for (int i = 0; i < n; i++) {
                    String student = "s" + i;
                    // Answers that are numbers, some right by chance, most wrong: every blank is
                    // compared and every wrong one printed, the costly case.
                    String text = a.variant(student).handout().text();
                    StringBuilder sb = new StringBuilder();
                    int k = 0;
                    for (String line : text.split("\n", -1)) {
                        if (!line.trim().startsWith("#")) {
                            while (line.contains("?")) {
                                line = line.replaceFirst("\\?", Integer.toString(1000 + i + k++));
                            }
                        }
                        sb.append(line).append('\n');
                    }
                    Files.writeString(dir.resolve(student + ".tcps"), sb.toString());
                }
                GradeLimits limits = GradeLimits.DEFAULT;
                int jobs = Runtime.getRuntime().availableProcessors();
                long[] cpu = {0};
                Runnable once = () -> {
                    List<String> problems = new ArrayList<>();
                    List<ClassGrading.Submission> subs = ClassGrading.collect(Path.of("."), List.of(dir.toString()),
                            problems);
                    ClassGrading.Outcome o = ClassGrading.grade(a, limits, subs, jobs);
                    cpu[0] = o.cpuNanos();
                    if (o.grades().size() != n || GradeFormat.CSV.render(o.grades(), false).isEmpty()) {
                        throw new IllegalStateException("graded " + o.grades().size() + " of " + n);
                    }
                };
                for (int w = 0; w < (quick ? 0 : 2); w++) {
                    once.run();
                }
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    pool.resetPeakUsage();
                }
                int runs = quick ? 1 : 3;
                long[] wall = new long[runs];
                long[] cpus = new long[runs];
                for (int r = 0; r < runs; r++) {
                    long start = System.nanoTime();
                    once.run();
                    wall[r] = System.nanoTime() - start;
                    cpus[r] = cpu[0];
                }
                java.util.Arrays.sort(wall);
                java.util.Arrays.sort(cpus);
                long peak = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        peak += pool.getPeakUsage().getUsed();
                    }
                }
                // The figure: submissions per second on two cores of their own, from the CPU time
                // the grading threads used (wall time on a shared machine mostly measures the others).
                double cpuPerSubmission = cpus[runs / 2] / 1e9 / n;
                double perSecond = 2 / cpuPerSubmission;
                result("grade", String.format(Locale.ROOT, "%,.0f submissions/s on 2 cores (%.2f ms CPU per "
                        + "submission; %d seed-003 fill-in submissions in one call took %.2f s wall with %d workers, "
                        + "%,.0f/s as measured); peak heap %s", perSecond, cpuPerSubmission * 1000, n,
                        wall[runs / 2] / 1e9, jobs, n / (wall[runs / 2] / 1e9), size(peak)), ">= 2,000/s on 2 cores",
                        perSecond >= 2000);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException e) {
            out.println("grade        skipped: " + e.getMessage());
        }
    }

    private void result(String name, String figure, String target, boolean met) {
        out.printf(Locale.ROOT, "%-12s %-8s %s (target %s)%n", name, met ? "ok" : "MISSED", figure, target);
        out.flush();
    }

    // ---- the growth test ------------------------------------------------------------------------

    /** Doubles each size twice and prints the time ratios. */
    public void growth() {
        header();
        out.printf(Locale.ROOT, "%-34s %10s %10s %10s %10s %7s %7s  %s%n", "what grows", "n", "cpu(n)", "cpu(2n)",
                "cpu(4n)", "2n/n", "4n/2n", "verdict");
        int base = quick ? 20 : 4000;
        long bytes = quick ? 100_000L : 50_000_000L;
        grow("bytes transferred", (int) (bytes / 1000), n -> Workloads.transfer(n * 1000L, 1460), "KB");
        for (Workloads.Kind kind : Workloads.kinds()) {
            grow("statements: " + kind.name(), base, kind.script(), "");
        }
        grow("scenarios in a file", quick ? 5 : 200, Workloads::scenarios, "");
        growFiles(quick ? 5 : 200);
        footer();
    }

    private void grow(String what, int n, IntFunction<String> script, String unit) {
        long[] cpu = new long[3];
        for (int k = 0; k < 3; k++) {
            Source source = new Source(what + ".tcps", script.apply(n << k));
            cpu[k] = Stopwatch.time(() -> Pipeline.all(source, false), quick ? 0 : 2, quick ? 1 : 5).cpuNanos();
        }
        growthRow(what, n + unit, cpu);
    }

    private void growFiles(int n) {
        long[] cpu = new long[3];
        for (int k = 0; k < 3; k++) {
            List<Source> sources = new ArrayList<>();
            for (int i = 0; i < n << k; i++) {
                sources.add(new Source("f" + i + ".tcps", Workloads.small(i)));
            }
            cpu[k] = Stopwatch.time(() -> sources.forEach(s -> Pipeline.all(s, false)), quick ? 0 : 1,
                    quick ? 1 : 3).cpuNanos();
        }
        growthRow("files in one run", Integer.toString(n), cpu);
    }

    private void growthRow(String what, String n, long[] cpu) {
        double r1 = (double) cpu[1] / Math.max(1, cpu[0]);
        double r2 = (double) cpu[2] / Math.max(1, cpu[1]);
        boolean linear = r1 <= SUPER_LINEAR && r2 <= SUPER_LINEAR;
        out.printf(Locale.ROOT, "%-34s %10s %10s %10s %10s %7.2f %7.2f  %s%n", what, n, ms(cpu[0]), ms(cpu[1]),
                ms(cpu[2]), r1, r2, linear ? "linear" : "SUPER-LINEAR");
        out.flush();
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String size(long bytes) {
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        if (bytes >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }
}
