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
 * The course module: every {@code exercises/NAME/} holds an exercise, its reference solution,
 * sample submissions (right, partly right, wrong, broken, malicious) and {@code grades.golden},
 * the commands a teacher runs ({@code $ tcps handout ...}, {@code $ tcps grade ...}) each with
 * exactly what it prints and its exit status, run in-process from that directory. Rewrite with
 * {@code -Dtcps.golden.update=true}, then read the diff.
 */
class ExerciseGoldenTest {
    private static final Path EXERCISES = Path.of(System.getProperty("tcps.root", "..")).resolve("exercises");
    private static final boolean UPDATE = Boolean.getBoolean("tcps.golden.update");
    private static final List<String> SAMPLES = List.of("alice", "bob", "carol", "dave", "eve");

    @TestFactory
    Stream<DynamicTest> everyExerciseGradesAsItsGoldenSays() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : exercises()) {
            Path golden = dir.resolve("grades.golden");
            List<GoldenTest.Block> blocks = GoldenTest.parse(Files.readString(golden, StandardCharsets.UTF_8));
            StringBuilder rewritten = new StringBuilder();
            for (GoldenTest.Block b : blocks) {
                CliRun run = CliRun.merged(dir, GoldenTest.arguments(b.command()));
                String actual = run.out() + "[exit " + run.exit() + "]\n";
                rewritten.append("$ ").append(b.command()).append('\n').append(actual);
                tests.add(DynamicTest.dynamicTest(dir.getFileName() + ": " + b.command(),
                        () -> assertEquals(b.expected(), actual, "output of `" + b.command() + "` in " + golden)));
            }
            if (UPDATE) {
                Files.writeString(golden, rewritten.toString(), StandardCharsets.UTF_8);
            }
        }
        return tests.stream();
    }

    @Test
    void everyExerciseHasASolutionThatScoresFullMarksAndTheFiveSamples() throws IOException {
        for (Path dir : exercises()) {
            for (String s : SAMPLES) {
                assertTrue(Files.exists(dir.resolve("submissions/" + s + ".tcps")), dir + ": no sample " + s);
            }
            CliRun run = CliRun.separate(dir, "grade", "--format", "csv", "exercise.tcps", "solution.tcps");
            assertEquals(0, run.exit(), run.err());
            String[] row = run.out().split("\r\n")[1].split(",");
            assertEquals(row[2], row[1], dir + ": the reference solution does not score full marks: " + run.out());
        }
    }

    private static List<Path> exercises() throws IOException {
        try (Stream<Path> s = Files.list(EXERCISES)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }
}
