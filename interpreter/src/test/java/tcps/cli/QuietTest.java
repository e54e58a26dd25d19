package tcps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code tcps run --quiet}: no transcript, the same verdict. A quiet run keeps only what its
 * assertions need (no events, and the capture only while a later statement may look at it), so
 * every scenario is run both ways and must find the same failures, pass the same assertions and
 * exit the same.
 */
class QuietTest {
    private static final Path SCENARIOS = Path.of(System.getProperty("tcps.root", "..")).resolve("scenarios");

    @TestFactory
    Stream<DynamicTest> everyScenarioHasTheSameVerdictQuietOrNot() throws IOException {
        List<Path> scripts;
        try (Stream<Path> s = Files.list(SCENARIOS)) {
            scripts = s.filter(p -> p.toString().endsWith(".tcps")).sorted().toList();
        }
        return scripts.stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
            String name = script.getFileName().toString();
            CliRun full = CliRun.separate(SCENARIOS, "run", name);
            CliRun quiet = CliRun.separate(SCENARIOS, "run", "--quiet", name);
            assertEquals(full.exit(), quiet.exit(), name);
            List<String> fullLines = full.out().lines().toList();
            List<String> quietLines = quiet.out().lines().toList();
            assertEquals(fullLines.get(fullLines.size() - 1), quietLines.get(quietLines.size() - 1),
                    "closing line of " + name);
            for (String line : quietLines) {
                assertTrue(fullLines.contains(line), () -> "quiet run of " + name + " printed a line the transcript "
                        + "does not have: " + line + "\n" + quiet.out());
                assertFalse(line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{6} IP .*"), () -> "a tcpdump line in\n" + quiet.out());
            }
            long failures = fullLines.stream().filter(l -> l.contains(": failed: ")).count();
            assertEquals(failures, quietLines.stream().filter(l -> l.contains(": failed: ")).count(), name);
        }));
    }

    @Test
    void aQuietRunPrintsFailuresAndTheClosingLineOnly() {
        CliRun r = CliRun.separate(SCENARIOS, "run", "-q", "fails-on-purpose.tcps");
        assertEquals(ExitCode.FAILED, r.exit());
        assertTrue(r.out().startsWith("fails-on-purpose.tcps:11:40: failed: segment 2 (server > client [S.]) differs "
                + "in ack\n 11 | expect server > client SYN-ACK"), r.out());
        assertTrue(r.out().endsWith("\n\n5 passed, 4 failed\n"), r.out());
    }

    @Test
    void aPassingQuietRunPrintsOneLine() {
        CliRun r = CliRun.separate(SCENARIOS, "run", "--quiet", "one-liner.tcps", "syn-lost.tcps");
        assertEquals(0, r.exit(), r.err());
        assertEquals("31 passed, 0 failed\n", r.out());
    }

    @Test
    void quietRefusesTheOptionsThatShapeTheTranscript() {
        for (String option : new String[] {"-A", "-v", "-S", "-n", "-t", "--format=json"}) {
            CliRun r = CliRun.separate(SCENARIOS, "run", "-q", option, "one-liner.tcps");
            assertEquals(ExitCode.USAGE, r.exit(), option);
            assertTrue(r.err().contains("--quiet prints no transcript"), r.err());
        }
    }
}
