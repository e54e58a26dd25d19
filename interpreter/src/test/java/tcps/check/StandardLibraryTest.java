package tcps.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tcps.tcp.Profile;

/**
 * The stacks scripts name come from stdlib/profiles/*.tcps; the model, used as a library, has
 * its own constants for the same stacks. They must agree on every parameter.
 */
class StandardLibraryTest {
    private static final Path STDLIB = Path.of(System.getProperty("tcps.root", "..")).resolve("stdlib/profiles");

    @Test
    void everyProfileFileIsLoaded() throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.list(STDLIB)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tcps"))
                    .map(n -> n.substring(0, n.length() - ".tcps".length())).sorted().toList();
        }
        assertEquals(files, StandardLibrary.PROFILES.stream().sorted().toList());
    }

    @Test
    void theLibraryConstantsAreTheStandardLibrarysProfiles() {
        Map<String, Profile> stdlib = StandardLibrary.stacks();
        for (Profile constant : List.of(Profile.RFC9293, Profile.LINUX, Profile.MACOS, Profile.BSD_1990)) {
            Profile written = stdlib.get(constant.name());
            List<String> differences = new ArrayList<>();
            for (Profile.Parameter p : Profile.parameters()) {
                Object a = constant.value(p.name());
                Object b = written.value(p.name());
                if (!a.equals(b)) {
                    differences.add(p.name() + ": Profile." + constant.name().toUpperCase().replace('-', '_') + " has " + a
                            + ", stdlib/profiles/" + constant.name() + ".tcps has " + b);
                }
            }
            assertEquals(List.of(), differences);
        }
    }
}
