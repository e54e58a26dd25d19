package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The model is a library on its own: it imports nothing but the JDK's java.* and itself. */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/tcps/tcp");

    @Test
    void modelImportsOnlyJavaAndItself() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "run from the interpreter module: " + SOURCES.toAbsolutePath());
        List<String> offending = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(SOURCES)) {
            for (Path p : paths.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                for (String line : Files.readAllLines(p)) {
                    String t = line.strip();
                    if (!t.startsWith("import ")) {
                        continue;
                    }
                    String name = t.substring("import ".length()).replaceFirst("^static\\s+", "").strip();
                    if (!name.startsWith("java.") && !name.startsWith("tcps.tcp.")) {
                        offending.add(SOURCES.relativize(p) + ": " + t);
                    }
                }
            }
        }
        assertTrue(files > 10, "found the model's sources");
        assertEquals(List.of(), offending, "imports outside java.* and tcps.tcp");
    }
}
