package tcps.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import tcps.run.Limits;

/**
 * A seeded, in-process mutation fuzzer over the grammar, the checker and the interpreter. It
 * starts from real scripts (every {@code .tcps} under the corpus directories: scenarios/,
 * stdlib/, exercises/), mutates them ({@link Mutator}), and runs each mutant through
 * everything tcps does with a script ({@link Probe}). A finding is any exception or error
 * escaping (tcps promises a message and an exit status, never a stack trace), an input that
 * took longer than the wall-time budget (the run limits should have stopped it), or an input
 * that printed different bytes on a second run (determinism). Each finding is minimized:
 * lines, then smaller and smaller pieces of text, are taken out while the same failure remains.
 *
 * <p>The same seed and corpus give the same inputs in the same order, so a finding reproduces
 * from its seed and input number as well as from its minimized text.
 */
public final class Fuzzer {
    /** How hard to try: the limits each input runs under, and how large mutations grow. */
    public record Effort(Limits limits, int longest) {
        /** For a long search ({@code tcps fuzz}): lines and strings up to a megabyte, 5,000 events a run. */
        public static final Effort THOROUGH = new Effort(Limits.DEFAULT.withEvents(5_000)
                .withVirtualTime(3_600_000_000L).withBytesWritten(1 << 20).withStatements(20_000), 20);
        /** For the test suite: inputs a tenth the size, runs of 1,000 events, so thousands take seconds. */
        public static final Effort QUICK = new Effort(THOROUGH.limits().withEvents(1_000), 16);
    }

    /** What went wrong with one input. */
    public enum Kind { INTERNAL_ERROR, TOO_SLOW, NONDETERMINISTIC }

    /** One failure: the input as generated, the smallest input that still fails the same way, and why. */
    public record Finding(Kind kind, long input, String original, String minimized, String signature, String detail) {
        /** What a person reads: what failed, the stack (for a bug report), and the input to reproduce it. */
        public String describe() {
            return kind + " at input " + input + ": " + signature + "\n" + detail
                    + "--- minimized input (" + minimized.length() + " characters) ---\n" + visible(minimized)
                    + "\n--- end ---\n";
        }
    }

    /** How a run of the fuzzer ended. */
    public record Summary(long inputs, List<Finding> findings) {}

    private final List<String> corpus;
    private final long seed;
    private final long budgetMillis;
    private final Effort effort;
    /** What an input goes through; what it prints is compared between two runs. */
    private final java.util.function.Function<String, String> target;

    /**
     * @param corpus       the scripts mutated (at least one)
     * @param budgetMillis wall time one input may take before it counts as a finding
     */
    public Fuzzer(List<String> corpus, long seed, long budgetMillis, Effort effort) {
        this(corpus, seed, budgetMillis, effort, new Probe(effort.limits())::run);
    }

    /** With another target than tcps itself: for testing the fuzzer. */
    Fuzzer(List<String> corpus, long seed, long budgetMillis, Effort effort,
            java.util.function.Function<String, String> target) {
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("an empty corpus: give at least one script");
        }
        this.corpus = List.copyOf(corpus);
        this.seed = seed;
        this.budgetMillis = budgetMillis;
        this.effort = effort;
        this.target = target;
    }

    /** Every {@code .tcps} file under {@code dirs} (those that exist), sorted, as text. */
    public static List<String> corpus(List<Path> dirs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".tcps") && Files.isRegularFile(p)).forEach(files::add);
            }
        }
        files.sort(null);
        List<String> texts = new ArrayList<>();
        for (Path f : files) {
            texts.add(Files.readString(f, StandardCharsets.UTF_8));
        }
        return texts;
    }

    /**
     * Runs until {@code inputs} inputs were tried or {@code deadlineNanos} (of System.nanoTime)
     * passed, whichever comes first; one finding per distinct failure. Progress, if asked for,
     * goes to {@code progress} every 1000 inputs.
     */
    public Summary run(long inputs, long deadlineNanos, PrintWriter progress) {
        SplittableRandom random = new SplittableRandom(seed);
        Mutator mutator = new Mutator(random, corpus, effort.longest());
        Map<String, Finding> found = new LinkedHashMap<>();
        long i = 0;
        for (; i < inputs && System.nanoTime() < deadlineNanos; i++) {
            String base = corpus.get(random.nextInt(corpus.size()));
            String input = mutator.mutate(base);
            boolean twice = i % 8 == 0;
            Failure f = attempt(input, twice);
            if (f != null && !found.containsKey(f.signature)) {
                String small = minimize(input, f);
                found.put(f.signature, new Finding(f.kind, i, input, small, f.signature, f.detail));
                if (progress != null) {
                    progress.println(found.get(f.signature).describe());
                    progress.flush();
                }
            }
            if (progress != null && (i + 1) % 1000 == 0) {
                progress.println((i + 1) + " inputs, " + found.size() + " findings");
                progress.flush();
            }
        }
        return new Summary(i, List.copyOf(found.values()));
    }

    /** A failure's kind, a signature that names its cause (to tell findings apart), and the details. */
    private record Failure(Kind kind, String signature, String detail) {}

    private Failure attempt(String input, boolean twice) {
        long start = System.nanoTime();
        String first;
        try {
            first = target.apply(input);
        } catch (Throwable t) { // the finding itself: anything escaping, StackOverflowError included
            return new Failure(Kind.INTERNAL_ERROR, signature(t), stack(t));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (millis > budgetMillis) {
            return new Failure(Kind.TOO_SLOW, "took " + millis + " ms, over the budget of " + budgetMillis + " ms", "");
        }
        if (twice) {
            String second;
            try {
                second = target.apply(input);
            } catch (Throwable t) {
                return new Failure(Kind.INTERNAL_ERROR, signature(t), stack(t));
            }
            if (!first.equals(second)) {
                return new Failure(Kind.NONDETERMINISTIC, "printed different bytes on a second run", "");
            }
        }
        return null;
    }

    /** The exception and the first frame in tcps that threw it: one bug, one signature. */
    private static String signature(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("tcps.") && !e.getClassName().startsWith("tcps.fuzz.")) {
                return t.getClass().getName() + " at " + e.getClassName() + "." + e.getMethodName();
            }
        }
        return t.getClass().getName();
    }

    private static String stack(Throwable t) {
        StringBuilder sb = new StringBuilder(t.toString().length() > 300 ? t.toString().substring(0, 300) : t.toString());
        sb.append('\n');
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 12); i++) {
            sb.append("\tat ").append(frames[i]).append('\n');
        }
        return sb.toString();
    }

    /** Still fails the same way (the same kind and signature; any slowness counts for TOO_SLOW). */
    private boolean same(String input, Failure f) {
        Failure again = attempt(input, f.kind == Kind.NONDETERMINISTIC);
        return again != null && again.kind == f.kind && (f.kind == Kind.TOO_SLOW || again.signature.equals(f.signature));
    }

    /**
     * Takes out lines, then chunks of text from half the input down to one character, while the
     * failure stays the same (delta debugging, greedy). At most a few hundred attempts.
     */
    private String minimize(String input, Failure f) {
        int attempts = f.kind == Kind.TOO_SLOW ? 20 : 400;
        String best = input;
        List<String> lines = new ArrayList<>(best.lines().toList());
        for (int chunk = Math.max(1, lines.size() / 2); chunk >= 1 && attempts > 0; chunk /= 2) {
            for (int at = 0; at < lines.size() && attempts > 0; ) {
                List<String> fewer = new ArrayList<>(lines.subList(0, at));
                fewer.addAll(lines.subList(Math.min(lines.size(), at + chunk), lines.size()));
                String candidate = String.join("\n", fewer) + (fewer.isEmpty() ? "" : "\n");
                attempts--;
                if (!fewer.equals(lines) && same(candidate, f)) {
                    lines = fewer;
                    best = candidate;
                } else {
                    at += chunk;
                }
            }
        }
        for (int chunk = Math.max(1, best.length() / 2); chunk >= 1 && attempts > 0; chunk /= 2) {
            for (int at = 0; at < best.length() && attempts > 0; ) {
                String candidate = best.substring(0, at) + best.substring(Math.min(best.length(), at + chunk));
                attempts--;
                if (candidate.length() < best.length() && same(candidate, f)) {
                    best = candidate;
                } else {
                    at += chunk;
                }
            }
        }
        return best;
    }

    /** The input as printable text: control characters, NUL and lone CRs shown as escapes, long runs cut. */
    static String visible(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 4000; i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f && !Character.isSurrogate(c))) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        if (sb.length() >= 4000) {
            sb.append("... (").append(s.length()).append(" characters in all)");
        }
        return sb.toString();
    }
}
