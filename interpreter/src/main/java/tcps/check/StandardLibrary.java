package tcps.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tcps.grammar.ScriptParser;
import tcps.syntax.ProfileDef;
import tcps.syntax.Source;

/**
 * The stacks every script can name, written in .tcps in {@code stdlib/profiles/} and read with
 * the same grammar as scripts. Read once per run of the program; an error in them is a bug in
 * tcps (the test suite reads them all).
 */
public final class StandardLibrary {
    /** The profile files, in the order they are defined: each extends only ones before it. */
    public static final List<String> PROFILES = List.of("rfc9293", "linux", "macos", "bsd-1990");

    private static final List<ProfileDef> DEFINITIONS = load();

    private StandardLibrary() {}

    /** The stacks these definitions build, by name, in definition order: what any script can name. */
    public static java.util.Map<String, tcps.tcp.Profile> stacks() {
        return ProfileDefinitions.standard();
    }

    /** Every stdlib profile definition, in order. */
    public static List<ProfileDef> profiles() {
        return DEFINITIONS;
    }

    private static List<ProfileDef> load() {
        List<ProfileDef> defs = new ArrayList<>();
        for (String name : PROFILES) {
            String path = "stdlib/profiles/" + name + ".tcps";
            ScriptParser.Result parsed = ScriptParser.parse(new Source(path, read("/" + path)));
            if (!parsed.errors().isEmpty() || parsed.script().profiles().size() != 1) {
                throw new IllegalStateException(path + " must define exactly one profile: " + parsed.errors());
            }
            defs.add(parsed.script().profiles().get(0));
        }
        return List.copyOf(defs);
    }

    private static String read(String resource) {
        try (InputStream in = StandardLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the standard library is missing from the build: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
