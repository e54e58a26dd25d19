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

    /** The compact form the build writes is what the parser makes of the file, for every profile. */
    @Test
    void theCompactFormIsTheParsedDefinition() throws IOException {
        for (String name : StandardLibrary.PROFILES) {
            tcps.syntax.ProfileDef parsed = StandardLibrary.parsed(name);
            assertEquals(parsed, CompactProfiles.decode(CompactProfiles.encode(parsed)), name);
            try (var in = StandardLibrary.class.getResourceAsStream("/stdlib/profiles/" + name + CompactProfiles.SUFFIX)) {
                org.junit.jupiter.api.Assertions.assertNotNull(in, name + CompactProfiles.SUFFIX + " is not in the build");
                String built = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertEquals(parsed, CompactProfiles.decode(built), name + CompactProfiles.SUFFIX + " is stale");
            }
        }
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
