package tcps.cli;

import tcps.grammar.ScriptParser;
import tcps.syntax.Source;

/**
 * Start-up in parallel: the first parse of a process spends most of its time in ANTLR's own
 * set-up (its lexer's and parser's state machines read from their serialised form, the start
 * states of the decisions computed from nothing), none of which depends on the script. A command
 * that will parse a script starts that work on a second core while picocli reads the command
 * line; the real parse then finds the state machines ready. It changes what the process costs
 * in wall time only: ANTLR's caches are shared and thread-safe, and the script's parse gives the
 * same result whichever thread warmed them (docs/performance.md, Start-up).
 */
final class ParserWarmUp {
    private ParserWarmUp() {}

    /** The commands whose first real work is parsing a script. */
    private static final java.util.Set<String> PARSING = java.util.Set.of("run", "check", "grade", "handout", "fmt");

    /** A script that walks the decisions every script meets first. */
    private static final String SAMPLE = "client connect\nexpect SYN\n";

    static void startIfParsing(String[] args) {
        String command = Cli.subcommandNamed(args); // as picocli will read it: `tcps --debug run x` too
        if (command == null || !PARSING.contains(command) || Runtime.getRuntime().availableProcessors() < 2) {
            return;
        }
        Thread warm = new Thread(() -> {
            try {
                ScriptParser.Result parsed = ScriptParser.parse(new Source("warm-up", SAMPLE));
                if (parsed.ok()) {
                    tcps.check.Checker.check(parsed.script()); // and the stdlib's stacks, built once per process
                }
            } catch (Throwable ignored) { // only ever a head start: the real parse reports its own errors
            }
        }, "tcps-parser-warm-up");
        warm.setDaemon(true);
        warm.setPriority(Thread.NORM_PRIORITY - 1);
        warm.start();
    }
}
