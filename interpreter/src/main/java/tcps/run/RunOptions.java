package tcps.run;

/**
 * How to run: the seed for every random-looking choice, and whether to stop at the first failure.
 */
public record RunOptions(long seed, boolean failFast) {
    public static final RunOptions DEFAULT = new RunOptions(Seeds.DEFAULT, false);
}
