package tcps.run;

/**
 * How to run: the seed for every random-looking choice, whether to stop at the first failure,
 * and the limits every run stays within.
 */
public record RunOptions(long seed, boolean failFast, Limits limits) {
    public static final RunOptions DEFAULT = new RunOptions(Seeds.DEFAULT, false);

    public RunOptions(long seed, boolean failFast) {
        this(seed, failFast, Limits.DEFAULT);
    }

    public RunOptions {
        java.util.Objects.requireNonNull(limits);
    }
}
