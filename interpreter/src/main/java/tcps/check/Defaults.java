package tcps.check;

/** What a scenario gets when it does not say. */
public final class Defaults {
    /**
     * One-way link delay: 10 µs, about what a Linux loopback shows between a segment and its
     * reply (seed 000). Small enough that every segment of a short exchange shares one
     * millisecond, as on a real loopback, so TS values agree with a real capture.
     */
    public static final long LINK_DELAY = 10;

    /** How long {@code expect} lets the simulation run looking for a segment: 3 virtual minutes. */
    public static final long EXPECT_LIMIT = 180_000_000L;

    private Defaults() {}
}
