package tcps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcps.grammar.Formatter;

/** {@code tcps fmt}: every script of the project is in the canonical layout, and the command works. */
class FmtTest {
    private static final Path ROOT = Path.of(System.getProperty("tcps.root", ".."));

    @TempDir
    Path dir;

    @Test
    void everyScriptOfTheProjectIsFormatted() throws IOException {
        List<Path> scripts;
        try (Stream<Path> all = Stream.of("scenarios", "stdlib", "exercises").map(ROOT::resolve).filter(Files::isDirectory)
                .flatMap(FmtTest::walk)) {
            // Sample submissions are students' files, kept as they were handed in (some broken on purpose).
            scripts = all.filter(p -> p.toString().endsWith(".tcps"))
                    .filter(p -> !p.toString().contains("/submissions/")).toList();
        }
        assertTrue(scripts.size() > 20, "found the scripts: " + scripts.size());
        for (Path p : scripts) {
            String text = Files.readString(p);
            assertEquals(text, Formatter.format(text), p + " is not formatted: run `tcps fmt " + p + "`");
        }
    }

    private static Stream<Path> walk(Path p) {
        try {
            return Files.walk(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void checkListsUnformattedFilesAndFailsWithoutChangingThem() throws IOException {
        Path messy = Files.writeString(dir.resolve("messy.tcps"), "client   connect\n\n\nexpect SYN  \n");
        Path tidy = Files.writeString(dir.resolve("tidy.tcps"), "client connect\n");
        CliRun r = CliRun.separate(dir, "fmt", "--check", "messy.tcps", "tidy.tcps");
        assertEquals(ExitCode.FAILED, r.exit());
        assertEquals("messy.tcps: not formatted (tcps fmt messy.tcps)\n", r.out());
        assertEquals("client   connect\n\n\nexpect SYN  \n", Files.readString(messy));
        assertEquals(ExitCode.PASSED, CliRun.separate(dir, "fmt", "--check", "tidy.tcps").exit());
        assertEquals("client connect\n", Files.readString(tidy));
    }

    @Test
    void fmtRewritesInPlace() throws IOException {
        Path messy = Files.writeString(dir.resolve("messy.tcps"), "client   connect # hi\n\n\nexpect SYN  \n");
        CliRun r = CliRun.separate(dir, "fmt", "messy.tcps");
        assertEquals(ExitCode.PASSED, r.exit());
        assertEquals("formatted messy.tcps\n", r.out());
        assertEquals("client connect # hi\n\nexpect SYN\n", Files.readString(messy));
        assertEquals(ExitCode.PASSED, CliRun.separate(dir, "fmt", "--check", "messy.tcps").exit());
    }

    @Test
    void aMissingFileIsAScriptError() {
        CliRun r = CliRun.separate(dir, "fmt", "nope.tcps");
        assertEquals(ExitCode.SCRIPT_ERROR, r.exit());
        assertTrue(r.err().contains("nope.tcps"), r.err());
    }
}
