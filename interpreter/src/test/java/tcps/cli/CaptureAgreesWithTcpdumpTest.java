package tcps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * For every scenario: the pcap that {@code tcps run --pcap-dir} writes, read by the real
 * {@code TZ=UTC tcpdump -n -r} (and with {@code -S}), prints exactly the lines tcps printed with
 * the same flags; and tshark reads it with no malformed packet and no checksum error.
 * Skipped, saying so, where tcpdump or tshark is not installed (./run-tests installs them).
 */
class CaptureAgreesWithTcpdumpTest {
    private static final Path SCENARIOS = Path.of(System.getProperty("tcps.root", "..")).resolve("scenarios");

    @TempDir
    Path out;

    @TestFactory
    Stream<DynamicTest> tcpdumpReadsWhatTcpsPrinted() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path script : scripts()) {
            for (String flags : new String[] {"-n", "-n -S", "-n -v", "-n -S -v"}) {
                tests.add(DynamicTest.dynamicTest(script.getFileName() + " " + flags, () -> {
                    assumeTrue(installed("tcpdump"), "tcpdump is not installed: apt-get install tcpdump (./run-tests does)");
                    Path dir = out.resolve(script.getFileName() + flags.replace(" ", ""));
                    List<String> args = new ArrayList<>(List.of("run", "--pcap-dir", dir.toString()));
                    args.addAll(List.of(flags.split(" ")));
                    args.add(SCENARIOS.relativize(script).toString());
                    CliRun r = CliRun.separate(SCENARIOS, args.toArray(new String[0]));
                    assertTrue(r.exit() == 0 || r.exit() == 1, () -> "the scenario did not run:\n" + r.err());
                    List<String> tcps = r.out().lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{6} IP .*") || l.matches("    \\d+\\.\\d+\\.\\d+\\.\\d+\\..*")).toList();
                    List<String> tcpdump = new ArrayList<>();
                    for (Path pcap : pcaps(dir)) {
                        List<String> cmd = new ArrayList<>(List.of("tcpdump", "-r", pcap.toString()));
                        cmd.addAll(List.of(flags.split(" ")));
                        tcpdump.addAll(run(cmd));
                    }
                    assertFalse(tcps.isEmpty(), "the scenario sent segments");
                    assertEquals(tcps, tcpdump);
                }));
            }
            tests.add(DynamicTest.dynamicTest(script.getFileName() + " tshark", () -> {
                assumeTrue(installed("tshark"), "tshark is not installed: apt-get install tshark (./run-tests does)");
                Path dir = out.resolve(script.getFileName() + "-tshark");
                CliRun r = CliRun.separate(SCENARIOS, "run", "-A", "--pcap-dir", dir.toString(),
                        SCENARIOS.relativize(script).toString());
                // exactly the segments a `corrupt next` fault took carry a wrong checksum
                long corrupted = r.out().lines().filter(l -> l.contains("^ corrupted on the way")).count();
                long incorrect = 0;
                for (Path pcap : pcaps(dir)) {
                    List<String> lines = run(List.of("tshark", "-n", "-r", pcap.toString(),
                            "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE"));
                    assertFalse(lines.isEmpty());
                    for (String line : lines) {
                        assertFalse(line.contains("Malformed"), line);
                        incorrect += line.contains("[TCP CHECKSUM INCORRECT]") ? 1 : 0;
                    }
                }
                assertEquals(corrupted, incorrect, "segments with a bad TCP checksum in the capture");
            }));
        }
        return tests.stream();
    }

    private static List<Path> scripts() throws IOException {
        try (Stream<Path> s = Files.walk(SCENARIOS, 2)) {
            return s.filter(p -> p.toString().endsWith(".tcps")).sorted().toList();
        }
    }

    private static List<Path> pcaps(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static boolean installed(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("TZ", "UTC");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "tool did not finish");
        return text.lines().toList();
    }
}
