package tcps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The transcripts of the seed scenarios equal the real captures in the seeds, line for line,
 * the time of day aside (tcps's clock starts at zero; the captures' at 22:57 and 18:10).
 */
class SeedTranscriptTest {
    private static final Path SCENARIOS = Path.of(System.getProperty("tcps.root", "..")).resolve("scenarios");

    @Test
    void firstLinuxListingOfSeed000() throws IOException {
        assertEquals(seed("seed-000-linux-relative.txt"),
                transcript("--scenario", "first listing: relative numbers", "seed-000-linux-loopback.tcps"));
    }

    @Test
    void secondLinuxListingOfSeed000PrintedWithS() throws IOException {
        assertEquals(seed("seed-000-linux-absolute.txt"),
                transcript("-S", "--scenario", "second listing: absolute numbers", "seed-000-linux-loopback.tcps"));
    }

    @Test
    void macosListingOfSeed000PrintedWithSAndN() throws IOException {
        assertEquals(seed("seed-000-macos-absolute.txt"),
                transcript("-S", "-n", "seed-000-macos-loopback.tcps"));
    }

    /** The tcpdump lines of a run, without their timestamps. */
    private static List<String> transcript(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun r = CliRun.separate(SCENARIOS, all);
        assertEquals(0, r.exit(), r.out() + r.err());
        return r.out().lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{6} IP .*"))
                .map(SeedTranscriptTest::withoutTime).toList();
    }

    private static List<String> seed(String name) throws IOException {
        try (InputStream in = SeedTranscriptTest.class.getResourceAsStream("/seeds/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(SeedTranscriptTest::withoutTime).toList();
        }
    }

    private static String withoutTime(String line) {
        return line.substring(line.indexOf(' ') + 1);
    }
}
