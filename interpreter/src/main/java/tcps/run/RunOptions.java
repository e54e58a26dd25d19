package tcps.run;

/**
 * How to run: the seed for every random-looking choice, whether to stop at the first failure,
 * the limits every run stays within, and whether to keep what a transcript shows.
 *
 * @param detailed keep the capture and every event (state changes, timers, arrivals, TCB
 *                 variables) for reporters that show the run. Without it ({@code tcps run --quiet})
 *                 a run keeps only what its assertions and failures need: no events but socket calls,
 *                 and captured segments only while a later statement may still look at them, so a
 *                 bulk transfer runs in constant memory however many bytes it moves.
 */
public record RunOptions(long seed, boolean failFast, Limits limits, boolean detailed) {
    public static final RunOptions DEFAULT = new RunOptions(Seeds.DEFAULT, false);

    public RunOptions(long seed, boolean failFast) {
        this(seed, failFast, Limits.DEFAULT);
    }

    /** A detailed run within these limits. */
    public RunOptions(long seed, boolean failFast, Limits limits) {
        this(seed, failFast, limits, true);
    }

    public RunOptions {
        java.util.Objects.requireNonNull(limits);
    }

    /** The same options, keeping the details or not. */
    public RunOptions withDetail(boolean on) {
        return new RunOptions(seed, failFast, limits, on);
    }

    /** The same options within other limits. */
    public RunOptions withLimits(Limits other) {
        return new RunOptions(seed, failFast, other, detailed);
    }
}
