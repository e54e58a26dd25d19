package tcps.sim;

/**
 * What the link tells the world about the segments it carries, as it happens: each one put on the
 * wire (with the fault that took it, if any), and each arrival at its destination. Reports listen
 * through the interpreter; the link does not know who listens. All methods optional.
 */
public interface LinkObserver {
    LinkObserver NONE = new LinkObserver() {};

    /** {@code c} was put on the wire now; {@link Captured#fault()} says what the link will do to it. */
    default void sent(Captured c) {}

    /** {@code c} reaches its destination now, which is about to process it. */
    default void arriving(Captured c) {}

    /**
     * {@code c} reached its destination and was processed ({@link Captured#fate()}: delivered, or
     * corrupted and discarded, or undeliverable). A duplicated segment arrives twice.
     */
    default void arrived(Captured c) {}
}
