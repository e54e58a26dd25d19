package tcps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The ladder and Mermaid views from the command line, and the combinations it refuses. */
class DiagramCliTest {
    private static final Path ROOT = Path.of(System.getProperty("tcps.root", ".."));

    @TestFactory
    Stream<DynamicTest> everyLadderFitsEightyColumns() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("scenarios"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".tcps")).sorted().toList()) {
                String name = ROOT.relativize(p).toString().replace('\\', '/');
                for (String unicode : List.of("never", "always")) {
                    tests.add(DynamicTest.dynamicTest(name + " --unicode=" + unicode, () -> {
                        CliRun run = CliRun.separate(ROOT, "run", "--ladder", "--unicode=" + unicode, name);
                        assertEquals("", run.err());
                        for (String line : run.out().split("\n")) {
                            if (!line.startsWith("== ") && !line.contains(": failed: ") && !line.matches(" *\\d+ \\|.*")
                                    && !line.startsWith("   |") && !line.startsWith("    = ")) {
                                assertTrue(line.codePointCount(0, line.length()) <= 80,
                                        () -> name + ": longer than 80 columns:\n" + line);
                            }
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void aLostSegmentEndsInAnXMidWay() {
        String out = CliRun.separate(ROOT, "run", "--ladder", "--scenario",
                "the textbook: two retries with doubling timeouts", "scenarios/syn-lost.tcps").out();
        String first = out.lines().filter(l -> l.contains("[S] seq 0")).findFirst().orElseThrow();
        int x = first.indexOf('X');
        int left = first.indexOf('|');
        int right = first.lastIndexOf('|');
        assertTrue(x > left && x < right && first.substring(x + 1, right).isBlank(),
                "the arrow stops at the X and never reaches the server:\n" + first);
        assertTrue(out.contains("RTO 2 s |"), "the timer that sent the retransmission is beside it:\n" + out);
    }

    @Test
    void duplicatedReorderedAndCorruptedSegmentsAreMarked() {
        String both = CliRun.separate(ROOT, "run", "--ladder", "scenarios/reorder-and-duplicate.tcps").out();
        assertTrue(both.contains("(reordered)"), both);
        assertTrue(both.contains("(dup)") && both.contains(">>|"), both);
        String corrupt = CliRun.separate(ROOT, "run", "--ladder", "scenarios/corrupted-segment.tcps").out();
        assertTrue(corrupt.contains("(corrupt)"), corrupt);
    }

    @Test
    void unicodeAndColourWhenAsked() {
        String plain = CliRun.separate(ROOT, "run", "--ladder", "scenarios/one-liner.tcps").out();
        assertFalse(plain.contains("\u001b["), "no colour off a terminal");
        assertFalse(plain.contains("│"), "ASCII off a terminal");
        String fancy = CliRun.separate(ROOT, "run", "--ladder", "--unicode=always", "--color=always",
                "scenarios/syn-lost.tcps").out();
        assertTrue(fancy.contains("│") && fancy.contains("✕"), fancy);
        assertTrue(fancy.contains("\u001b[31m"), "a lost segment is red");
        assertTrue(fancy.contains("\u001b[36mSYN-SENT"), "states are cyan");
    }

    @Test
    void theTerminalDecidesColourAndUnicodeOnAuto() {
        Map<String, String> term = Map.of("TERM", "xterm-256color", "LANG", "en_US.UTF-8");
        assertTrue(Terminal.colour(RunCommand.When.auto, true, term));
        assertFalse(Terminal.colour(RunCommand.When.auto, false, term), "not a terminal");
        assertFalse(Terminal.colour(RunCommand.When.auto, true, Map.of("TERM", "xterm", "NO_COLOR", "1")));
        assertTrue(Terminal.colour(RunCommand.When.auto, true, Map.of("TERM", "xterm", "NO_COLOR", "")),
                "an empty NO_COLOR does not count");
        assertFalse(Terminal.colour(RunCommand.When.auto, true, Map.of("TERM", "dumb")));
        assertTrue(Terminal.colour(RunCommand.When.always, false, Map.of("NO_COLOR", "1")), "asked for");
        assertTrue(Terminal.unicode(RunCommand.When.auto, true, term));
        assertFalse(Terminal.unicode(RunCommand.When.auto, true, Map.of("LANG", "C")));
        assertFalse(Terminal.unicode(RunCommand.When.auto, true, Map.of("LC_ALL", "C", "LANG", "en_US.UTF-8")),
                "LC_ALL wins");
        assertFalse(Terminal.unicode(RunCommand.When.never, true, term));
    }

    @Test
    void mermaidIsASequenceDiagramWithCrossesForLostSegments() {
        CliRun run = CliRun.separate(ROOT, "run", "--mermaid", "--scenario",
                "the textbook: two retries with doubling timeouts", "scenarios/syn-lost.tcps");
        assertEquals(0, run.exit());
        assertTrue(run.out().contains("sequenceDiagram\n    participant client\n    participant server\n"), run.out());
        assertEquals(3, run.out().split("client-xserver: \\[S\\] seq 0 \\(lost\\)", -1).length - 1, run.out());
        CliRun failing = CliRun.separate(ROOT, "run", "--mermaid", "scenarios/fails-on-purpose.tcps");
        assertEquals(1, failing.exit());
        assertTrue(failing.out().contains("%% failed: scenarios/fails-on-purpose.tcps:11:40: segment 2"),
                failing.out());
    }

    @Test
    void viewsOfStandardOutputAreOneAtATime() {
        refused("--format json and --ladder each write standard output; choose one", "--ladder", "--format", "json");
        refused("--ladder and --mermaid each write standard output; choose one", "--ladder", "--mermaid");
        refused("-A shapes the text transcript; --ladder draws states, timers and faults itself", "--ladder", "-A");
        refused("-v shapes the text transcript; --mermaid draws states, timers and faults itself", "--mermaid", "-v");
        refused("Invalid value for option '--color'", "--ladder", "--color=sometimes");
        refused("--tcb shapes the text transcript; --ladder draws states, timers and faults itself", "--ladder",
                "--tcb");
        refused("--tcb shapes the text transcript; --format json already holds every event and time", "--format",
                "json", "--tcb");
        refused("--quiet prints no transcript, and -A, --tcb,", "-q", "--tcb");
    }

    private static void refused(String message, String... options) {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(options));
        args.add("scenarios/one-liner.tcps");
        CliRun run = CliRun.separate(ROOT, args.toArray(new String[0]));
        assertEquals(ExitCode.USAGE, run.exit(), String.join(" ", options));
        assertTrue(run.err().contains(message), run.err());
        assertEquals("", run.out());
    }

    @Test
    void theReadmeAndDocsShowTheLaddersTcpsDraws() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String seeing = Files.readString(ROOT.resolve("docs/seeing.md"));
        for (String[] command : List.of(new String[] {"--ladder", "scenarios/seed-003-sequence-numbers.tcps"},
                new String[] {"--ladder", "--scenario", "the textbook: two retries with doubling timeouts",
                    "scenarios/syn-lost.tcps"})) {
            List<String> args = new ArrayList<>(List.of("run"));
            args.addAll(List.of(command));
            String out = CliRun.separate(ROOT, args.toArray(new String[0])).out();
            assertTrue(readme.contains(out), "README's ladder is out of date; it is now:\n" + out);
        }
        String mermaid = CliRun.separate(ROOT, "run", "--mermaid", "--scenario",
                "the textbook: two retries with doubling timeouts", "scenarios/syn-lost.tcps").out();
        assertTrue(seeing.contains(mermaid), "docs/seeing.md's Mermaid is out of date; it is now:\n" + mermaid);
    }

    @Test
    void tcbShowsBothEndsAfterEachSegmentInRfcNames() {
        String out = CliRun.separate(ROOT, "run", "--tcb", "scenarios/seed-003-sequence-numbers.tcps").out();
        assertTrue(out.startsWith("                | TCB      state           SND.UNA    SND.NXT SND.WND    RCV.NXT"),
                out);
        // after the client's 13 bytes arrived: the server expects byte 14, the client has not been ACKed yet
        String afterData = out.split("length 13\n")[1];
        assertTrue(afterData.startsWith("                | client   ESTABLISHED           1         14"), afterData);
        assertTrue(afterData.split("\n")[1].startsWith("                | server   ESTABLISHED           1          1   "
                + "65536         14"), afterData);
    }
}
