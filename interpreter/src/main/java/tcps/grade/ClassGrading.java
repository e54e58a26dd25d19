package tcps.grade;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Grades a whole class in one process: submissions in parallel, one worker per core, each in a
 * thread of its own, so that a broken, slow or malicious submission gets its own zero and
 * message and touches no other. Results come back in the order the submissions were given,
 * whatever order they finished in.
 */
public final class ClassGrading {
    /** Stack for a grading thread: deep enough for any script within the limits. */
    private static final long STACK_BYTES = 256L * 1024 * 1024;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * A submission to grade: the student's ID, the file as named, and where to read it; or, with
     * no path, a student's directory that holds no one submission, and why (it scores zero, so the
     * student is in the results, not only in a message).
     */
    public record Submission(String student, String name, Path path, String missing) {
        public Submission(String student, String name, Path path) {
            this(student, name, path, null);
        }
    }

    /**
     * The grades, how many submissions met an internal error (a bug in tcps), the CPU time the
     * grading threads used in all (for the benchmark: wall time on a shared machine says little),
     * and how many grading threads past their time could not be stopped (0 unless tcps has a bug).
     */
    public record Outcome(List<Grade> grades, int internalErrors, long cpuNanos, int stuck) {}

    /** A grade not given: the submission ran out of memory among others, and is graded again alone. */
    private static final Grade OUT_OF_MEMORY = new Grade("", "", 0, 0, List.of(), List.of(), null);

    /**
     * How many submissions may be graded at once in a heap of {@code heap} bytes when each may
     * keep {@code perSubmission} ({@code --max-memory}): twice that each (what a run keeps is an
     * estimate, and it makes garbage besides) and 32 MiB for the rest, so that a submission within
     * its limit never runs another out of memory. At least one.
     */
    public static int jobsFor(int jobs, long perSubmission, long heap) {
        long each = 2 * perSubmission + (32L << 20);
        return (int) Math.max(1, Math.min(jobs, heap / each));
    }

    private ClassGrading() {}

    /**
     * The submissions a command line names: files as given (the ID is the file name without
     * {@code .tcps}), or directories, read in name order: each {@code .tcps} file in them is one
     * student's, and each subdirectory is one student's (its name is the ID) holding one
     * {@code .tcps} file. {@code problems} gets what cannot be a submission.
     */
    public static List<Submission> collect(Path cwd, List<String> args, List<String> problems) {
        List<Submission> out = new ArrayList<>();
        for (String given : args) {
            String arg = given.length() > 1 && given.endsWith("/") ? given.substring(0, given.length() - 1) : given;
            Path p = cwd.resolve(arg);
            if (!Files.isDirectory(p)) {
                out.add(new Submission(id(p.getFileName().toString()), arg, p));
                continue;
            }
            try (Stream<Path> entries = Files.list(p)) {
                for (Path e : entries.sorted().toList()) {
                    String name = e.getFileName().toString();
                    if (Files.isDirectory(e)) {
                        List<Path> files;
                        try (Stream<Path> inside = Files.list(e)) {
                            files = inside.filter(f -> f.toString().endsWith(".tcps")).sorted().toList();
                        }
                        if (files.size() == 1) {
                            out.add(new Submission(name, arg + "/" + name + "/" + files.get(0).getFileName(),
                                    files.get(0)));
                        } else {
                            String why = arg + "/" + name + " holds " + (files.isEmpty() ? "no .tcps file"
                                    : files.size() + " .tcps files") + "; a student's directory holds one";
                            problems.add(why + " (" + name + " scores zero)");
                            out.add(new Submission(name, arg + "/" + name, null, why));
                        }
                    } else if (name.endsWith(".tcps")) {
                        out.add(new Submission(id(name), arg + "/" + name, e));
                    }
                }
            } catch (IOException ex) {
                problems.add("cannot read " + arg + ": " + ex.getMessage());
            }
        }
        return out;
    }

    private static String id(String fileName) {
        return fileName.endsWith(".tcps") ? fileName.substring(0, fileName.length() - 5) : fileName;
    }

    /** Grades every submission with {@code jobs} workers. */
    public static Outcome grade(Assignment assignment, GradeLimits limits, List<Submission> submissions, int jobs) {
        Grader grader = new Grader(assignment, limits);
        Grade[] grades = new Grade[submissions.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger internal = new AtomicInteger();
        AtomicInteger stuck = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong cpu = new java.util.concurrent.atomic.AtomicLong();
        RuntimeException[] broken = new RuntimeException[1];
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < submissions.size() && broken[0] == null;
                    i = next.getAndIncrement()) {
                grades[i] = one(grader, limits, submissions.get(i), internal, stuck, broken, cpu, OUT_OF_MEMORY);
            }
        };
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < Math.max(1, Math.min(jobs, submissions.size())); w++) {
            Thread t = new Thread(worker, "tcps-grade-worker-" + w);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while grading", e);
            }
        }
        if (broken[0] != null) {
            throw broken[0];
        }
        // A submission that ran out of memory while others ran may not be the one that used it: each
        // is graded again, alone, so that its grade is its own and no other's.
        for (int i = 0; i < grades.length; i++) {
            if (grades[i] == OUT_OF_MEMORY) {
                grades[i] = one(grader, limits, submissions.get(i), internal, stuck, broken, cpu,
                        zero(grader, submissions.get(i), "grading this submission, alone, took more memory than the "
                                + "JVM has (" + (Runtime.getRuntime().maxMemory() >> 20) + " MiB; java -Xmx sets it)"));
                if (broken[0] != null) {
                    throw broken[0];
                }
            }
        }
        return new Outcome(List.of(grades), internal.get(), cpu.get(), stuck.get());
    }

    /** One submission, in a thread of its own, within the wall-time limit. */
    private static Grade one(Grader grader, GradeLimits limits, Submission s, AtomicInteger internal, AtomicInteger stuck,
            RuntimeException[] broken, java.util.concurrent.atomic.AtomicLong cpu, Grade outOfMemory) {
        Grade[] result = new Grade[1];
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = gradeFile(grader, limits, s);
            } catch (tcps.grammar.Cancelled e) {
                // past its real time: the supervisor has scored it already, and this thread ends here
            } catch (Assignment.ExerciseBroken e) {
                thrown[0] = e;
            } catch (StackOverflowError e) {
                result[0] = zero(grader, s, "the submission nests too deeply to grade");
            } catch (OutOfMemoryError e) {
                result[0] = outOfMemory;
            } catch (RuntimeException e) {
                thrown[0] = e;
            } finally {
                cpu.addAndGet(THREADS.getCurrentThreadCpuTime());
            }
        }, "tcps-grade-" + s.student(), STACK_BYTES);
        t.setDaemon(true);
        t.start();
        try {
            t.join(limits.wallMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            if (!stop(t)) {
                stuck.incrementAndGet();
            }
            return zero(grader, s, "grading took longer than " + seconds(limits.wallMillis())
                    + " of real time, the limit (--max-wall-time); the submission scores zero");
        }
        if (thrown[0] instanceof Assignment.ExerciseBroken e) {
            synchronized (broken) {
                broken[0] = e;
            }
            return null;
        }
        if (thrown[0] != null) {
            internal.incrementAndGet();
            return zero(grader, s, "internal error in tcps while grading this submission ("
                    + thrown[0] + "); it is tcps's fault, not the student's: please report it");
        }
        return result[0];
    }

    /** How long a grading thread that was told to stop may take to end. */
    private static final long GRACE_MILLIS = 2_000;

    /**
     * Stops a grading thread past its time, on any JDK: it is interrupted, and reading, checking
     * and running a script look at the interrupt flag as they go (each statement, macro expansion,
     * rule parsed, event simulated: {@link tcps.grammar.Cancelled}), so it ends itself within
     * microseconds and its CPU is free for the next submission. Should it not end within the grace
     * time (that would be a bug: some loop that does not look), Thread.stop is the last resort
     * where the JDK still has it (before JDK 20). The model holds no locks and shares nothing with
     * other submissions, so nothing is left half-done for anyone else.
     *
     * @return false when the thread still runs
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static boolean stop(Thread t) {
        t.interrupt();
        try {
            t.join(GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!t.isAlive()) {
            return true;
        }
        try {
            t.stop();
            t.join(GRACE_MILLIS);
        } catch (UnsupportedOperationException e) {
            return false; // JDK 20 and later: the daemon thread runs on until the process ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    /** 10 s, 1.5 s, 250 ms: a real time as people say it. */
    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis >= 1000 ? millis / 1000.0 + " s" : millis + " ms";
    }

    private static Grade gradeFile(Grader grader, GradeLimits limits, Submission s) {
        if (s.path() == null) {
            return zero(grader, s, s.missing());
        }
        String text;
        try {
            long size = Files.size(s.path());
            if (size > limits.run().sourceBytes()) {
                return zero(grader, s, s.name() + " is " + size + " bytes; the limit is "
                        + tcps.run.Limits.bytes(limits.run().sourceBytes()));
            }
            byte[] bytes = Files.readAllBytes(s.path());
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (text.indexOf('\0') >= 0) {
                return zero(grader, s, s.name() + " is not a text file");
            }
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        } catch (CharacterCodingException e) {
            return zero(grader, s, s.name() + " is not UTF-8 text");
        } catch (IOException e) {
            return zero(grader, s, "cannot read " + s.name() + ": " + e.getMessage());
        }
        return grader.grade(s.student(), s.name(), text);
    }

    private static Grade zero(Grader grader, Submission s, String why) {
        return grader.zero(s.student(), s.name(), why);
    }
}
