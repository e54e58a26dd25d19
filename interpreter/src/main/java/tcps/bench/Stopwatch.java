package tcps.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * How benchmarks measure: CPU time of the measuring thread (the model has no threads, so this is
 * all the work of a run but the garbage collector's, and other programs on a shared machine do
 * not inflate it the way they inflate wall time), the median of several runs after warm-up runs,
 * and the heap a result keeps alive.
 */
final class Stopwatch {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Median CPU and wall nanoseconds of one run. */
    record Timing(long cpuNanos, long wallNanos) {}

    private Stopwatch() {}

    static long cpuNow() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Runs {@code task} {@code warmup} times unmeasured, then {@code runs} times; medians. */
    static Timing time(Runnable task, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            task.run();
        }
        long[] cpu = new long[runs];
        long[] wall = new long[runs];
        for (int i = 0; i < runs; i++) {
            long w = System.nanoTime();
            long c = cpuNow();
            task.run();
            cpu[i] = cpuNow() - c;
            wall[i] = System.nanoTime() - w;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        return new Timing(cpu[runs / 2], wall[runs / 2]);
    }

    /**
     * The heap that what {@code make} returns keeps reachable: used heap after a full collection
     * with it alive, less the same before it was made. Approximate (a collection is a request),
     * and good to a few hundred kilobytes, which is what "flat" needs.
     */
    static long retained(Supplier<Object> make) {
        long before = usedAfterGc();
        Object kept = make.get();
        long after = usedAfterGc();
        java.lang.ref.Reference.reachabilityFence(kept);
        return Math.max(0, after - before);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The machine's load averages (1, 5, 15 minutes) as /proc/loadavg gives them, or "unknown". */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
