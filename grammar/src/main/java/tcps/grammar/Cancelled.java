package tcps.grammar;

/**
 * The work of this thread was cancelled from outside: {@code tcps grade} interrupts the thread of
 * a submission past its real-time limit, and reading, checking and running a script look at the
 * thread's interrupt flag as they go ({@link #check}: per statement, per macro expansion, per
 * rule the parser enters, per event simulated), so the work stops itself, on every JDK, whatever
 * the script, within microseconds. Nothing catches it on the way: it ends the thread's task.
 */
public final class Cancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Cancelled() {
        super("cancelled: the thread was interrupted", null, false, false);
    }

    /** Throws when the current thread has been interrupted (the flag stays set). Costs a field read. */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new Cancelled();
        }
    }
}
