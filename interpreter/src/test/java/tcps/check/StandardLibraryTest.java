package tcps.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tcps.tcp.Parameter;
import tcps.tcp.Profile;

/**
 * The stacks scripts name come from stdlib/profiles/*.tcps, their only source; the textbook
 * stack there is what the parameter table calls the RFC default.
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
    void theTextbookStackIsWhatTheRfcsSay() {
        Profile rfc = StandardLibrary.stacks().get("rfc9293");
        List<String> differences = new ArrayList<>();
        for (Parameter p : Profile.parameters()) {
            if (!p.rfcDefault().equals(rfc.value(p.name()))) {
                differences.add(p.name() + ": the table's RFC default is " + p.rfcDefault()
                        + ", stdlib/profiles/rfc9293.tcps says " + rfc.value(p.name()));
            }
        }
        assertEquals(List.of(), differences);
    }
}
