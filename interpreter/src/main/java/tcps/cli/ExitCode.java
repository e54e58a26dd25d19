package tcps.cli;

/** What {@code tcps} returns to the shell; documented in {@code tcps --help} and the README. */
public final class ExitCode {
    /** Every assertion held. */
    public static final int PASSED = 0;
    /** The scripts ran and at least one assertion failed. */
    public static final int FAILED = 1;
    /** A script cannot run: unreadable file, syntax error or static error. Nothing was run. */
    public static final int SCRIPT_ERROR = 2;
    /** The command line itself is wrong (unknown option, missing file argument). */
    public static final int USAGE = 64;
    /** An output file (a capture) cannot be written. */
    public static final int CANNOT_WRITE = 73;
    /** A bug in tcps. */
    public static final int INTERNAL = 70;

    static final String HELP_TEXT = "%nExit status:%n"
            + "  0   every assertion held (one that checks nothing says so on stderr)%n"
            + "  1   an assertion failed%n"
            + "  2   a script cannot run (unreadable, syntax error, static error); nothing ran%n"
            + "  64  the command line is wrong%n"
            + "  70  internal error in tcps (please report it, with --debug output)%n"
            + "  73  an output file (--pcap, --svg, --html) cannot be written%n";

    /** The exit status of {@code tcps grade} and {@code tcps handout}. */
    static final String GRADE_HELP_TEXT = "%nExit status:%n"
            + "  0   every submission was graded (whatever its score; a broken one scores zero)%n"
            + "  2   the exercise itself cannot be used (unreadable, syntax or static error); nothing was graded%n"
            + "  64  the command line is wrong%n"
            + "  70  internal error in tcps (submissions it hit score zero and say so; please report it)%n"
            + "  73  an output file cannot be written%n";

    private ExitCode() {}
}
