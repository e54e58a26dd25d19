package tcps.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's promise, checked by mutation rather than by a table of known messages: thousands
 * of scripts made from every script in scenarios/, stdlib/ and exercises/ go through the parser,
 * the checker, the interpreter and every report, and none ends in an exception, runs past its
 * time budget, or prints differently twice. A fixed seed makes it the same inputs every time;
 * {@code tcps fuzz --time 10m} searches for longer (docs/limits.md).
 */
class FuzzTest {
    private static final Path ROOT = Path.of(System.getProperty("tcps.root", ".."));
    private static final long SEED = 2026;
    private static final int INPUTS = 2000;

    @Test
    void noMutatedScriptEndsInAnInternalErrorOrRunsPastItsBudget() throws IOException {
        List<String> corpus = Fuzzer.corpus(List.of(ROOT.resolve("scenarios"), ROOT.resolve("stdlib"),
                ROOT.resolve("exercises")));
        assertTrue(corpus.size() > 20, "the corpus is every script of the project: " + corpus.size());
        Fuzzer.Summary s = new Fuzzer(corpus, SEED, 20_000, Fuzzer.Effort.QUICK).run(INPUTS, Long.MAX_VALUE, null);
        assertEquals(INPUTS, s.inputs());
        assertEquals("", s.findings().stream().map(Fuzzer.Finding::describe).collect(Collectors.joining("\n")),
                "findings (seed " + SEED + ")");
    }

    @Test
    void aCrashIsFoundAndMinimizedToWhatCausesIt() {
        String script = "client connect\nexpect SYN\nclient write 5 # boom here\nwait 1s\nexpect nothing more\n";
        Fuzzer f = new Fuzzer(List.of(script), 1, 10_000, Fuzzer.Effort.QUICK, input -> {
            if (input.contains("boom")) {
                throw new IllegalStateException("boom");
            }
            return input;
        });
        Fuzzer.Summary s = f.run(20, Long.MAX_VALUE, null);
        assertEquals(1, s.findings().size(), "one cause, reported once");
        Fuzzer.Finding finding = s.findings().get(0);
        assertEquals(Fuzzer.Kind.INTERNAL_ERROR, finding.kind());
        assertEquals("boom", finding.minimized());
        assertTrue(finding.describe().contains("java.lang.IllegalStateException"), finding.describe());
    }

    @Test
    void outputThatDiffersBetweenTwoRunsIsAFinding() {
        AtomicInteger calls = new AtomicInteger();
        Fuzzer f = new Fuzzer(List.of("client connect\n"), 1, 10_000, Fuzzer.Effort.QUICK,
                input -> input + calls.incrementAndGet());
        Fuzzer.Summary s = f.run(1, Long.MAX_VALUE, null);
        assertEquals(List.of(Fuzzer.Kind.NONDETERMINISTIC), s.findings().stream().map(Fuzzer.Finding::kind).toList());
    }

    @Test
    void theSameSeedMakesTheSameInputs() throws IOException {
        List<String> corpus = Fuzzer.corpus(List.of(ROOT.resolve("scenarios")));
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        new Fuzzer(corpus, 9, 10_000, Fuzzer.Effort.QUICK, in -> { a.append(in.hashCode()).append(','); return ""; })
                .run(200, Long.MAX_VALUE, null);
        new Fuzzer(corpus, 9, 10_000, Fuzzer.Effort.QUICK, in -> { b.append(in.hashCode()).append(','); return ""; })
                .run(200, Long.MAX_VALUE, null);
        assertEquals(a.toString(), b.toString());
    }
}
