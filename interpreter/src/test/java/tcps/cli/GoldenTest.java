package tcps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden transcripts: every {@code scenarios/NAME.tcps} has a {@code scenarios/NAME.golden}
 * holding one or more commands ({@code $ tcps run ...}), each followed by exactly what it
 * prints (stdout and stderr as a terminal shows them) and its {@code [exit N]}. The commands
 * run in-process from the scenarios directory (a scenario in a folder of it is named with the
 * folder: {@code tcps run packetdrill/x.tcps}).
 *
 * <p>To rewrite the outputs after an intended change, run with {@code -Dtcps.golden.update=true}
 * and read the diff before committing it.
 */
class GoldenTest {
    private static final Path SCENARIOS = Path.of(System.getProperty("tcps.root", "..")).resolve("scenarios");
    private static final boolean UPDATE = Boolean.getBoolean("tcps.golden.update");

    /** One command of a golden file and the output it should print. */
    record Block(String command, String expected) {}

    @TestFactory
    Stream<DynamicTest> everyGoldenCommandPrintsItsTranscript() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path golden : files(".golden")) {
            List<Block> blocks = parse(Files.readString(golden, StandardCharsets.UTF_8));
            StringBuilder rewritten = new StringBuilder();
            for (Block b : blocks) {
                CliRun run = CliRun.merged(SCENARIOS, arguments(b.command()));
                String actual = run.out() + "[exit " + run.exit() + "]\n";
                rewritten.append("$ ").append(b.command()).append('\n').append(actual);
                tests.add(DynamicTest.dynamicTest(golden.getFileName() + ": " + b.command(),
                        () -> assertEquals(b.expected(), actual, "output of `" + b.command() + "` in " + golden)));
            }
            if (UPDATE) {
                Files.writeString(golden, rewritten.toString(), StandardCharsets.UTF_8);
            }
        }
        return tests.stream();
    }

    @Test
    void everyScenarioHasAGolden() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path script : files(".tcps")) {
            String base = script.getFileName().toString().replaceFirst("\\.tcps$", "");
            if (!Files.exists(script.resolveSibling(base + ".golden"))) {
                missing.add(script.getFileName().toString());
            }
        }
        assertTrue(missing.isEmpty(), "scenarios without a .golden transcript: " + missing);
    }

    /** Files in scenarios/ and in its folders (scenarios/packetdrill/); their commands name them from scenarios/. */
    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(SCENARIOS, 2)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    static List<Block> parse(String text) {
        List<Block> blocks = new ArrayList<>();
        String command = null;
        StringBuilder expected = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("$ tcps ")) {
                if (command != null) {
                    blocks.add(new Block(command, expected.toString()));
                }
                command = line.substring(2);
                expected.setLength(0);
            } else if (command != null) {
                expected.append(line).append('\n');
            }
        }
        if (command != null) {
            String last = expected.toString();
            // split("\n", -1) leaves one empty piece after the file's final newline.
            blocks.add(new Block(command, last.endsWith("\n\n") ? last.substring(0, last.length() - 1) : last));
        }
        return blocks;
    }

    /** {@code tcps run -S --scenario "a b" x.tcps} to its arguments after {@code tcps}. */
    static String[] arguments(String command) {
        List<String> args = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : command.substring("tcps ".length()).toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    args.add(cur.toString());
                }
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            args.add(cur.toString());
        }
        return args.toArray(new String[0]);
    }
}
