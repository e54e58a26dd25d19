package tcps.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tcps.check.Checker;
import tcps.grammar.Cancelled;
import tcps.grammar.ScriptParser;
import tcps.syntax.Source;

/**
 * A thread that is interrupted (a grader giving up on a submission past its real time) stops
 * reading, checking or running a script by itself, at once, on any JDK: no Thread.stop needed.
 */
class CancellationTest {
    private static final Source SCRIPT = new Source("t.tcps", """
            macro twice(a) {
              a write 10
              a write 10
            }
            client connect
            twice(client)
            wait 1h
            """);

    @AfterEach
    void clearTheFlag() {
        Thread.interrupted();
    }

    @Test
    void parsingStops() {
        Thread.currentThread().interrupt();
        assertThrows(Cancelled.class, () -> ScriptParser.parse(SCRIPT));
        Thread.interrupted();
        assertTrue(ScriptParser.parse(SCRIPT).ok(), "uninterrupted, the same script parses");
    }

    @Test
    void checkingStops() {
        ScriptParser.Result parsed = ScriptParser.parse(SCRIPT);
        Thread.currentThread().interrupt();
        assertThrows(Cancelled.class, () -> Checker.check(parsed.script()));
    }

    @Test
    void runningStopsAtTheNextStatementOrEvent() {
        Checker.Result checked = Checker.check(ScriptParser.parse(SCRIPT).script());
        Thread.currentThread().interrupt();
        assertThrows(Cancelled.class, () -> Interpreter.run(checked.plans().get(0), SCRIPT, RunOptions.DEFAULT));
    }

    @Test
    void aRunInterruptedFromAnotherThreadEnds() throws InterruptedException {
        // 10^12 statements: it ends only because it is interrupted
        Source endless = new Source("t.tcps", "repeat 1000000 {\n  repeat 1000000 {\n    let x = 1\n  }\n}\n");
        Checker.Result checked = Checker.check(ScriptParser.parse(endless).script());
        Limits unbounded = Limits.DEFAULT.withStatements(Integer.MAX_VALUE);
        Throwable[] ended = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                Interpreter.run(checked.plans().get(0), endless, new RunOptions(1, false, unbounded, false));
            } catch (Throwable e) {
                ended[0] = e;
            }
        });
        t.start();
        t.interrupt();
        t.join(60_000); // a bound for a thread that would not look at its flag; it ends in microseconds
        assertFalse(t.isAlive());
        assertTrue(ended[0] instanceof Cancelled, String.valueOf(ended[0]));
    }
}
