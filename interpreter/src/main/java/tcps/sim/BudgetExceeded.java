package tcps.sim;

/**
 * The network was asked to go past the budget it was given ({@link Network#limit},
 * {@link Network#limitMemory}): more events than allowed, past the last instant allowed, or
 * keeping more than the bytes allowed. The clock stays where it was; what
 * happened up to here is in the capture.
 */
public final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which budget ran out (MEMORY: {@link Network#limitMemory}); INTERRUPTED: the thread running the network was interrupted (its real time is up). */
    public enum Kind { EVENTS, TIME, MEMORY, INTERRUPTED }

    private final Kind kind;

    BudgetExceeded(Kind kind) {
        super(kind.name(), null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
