package tcps.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tcps.grammar.ScriptParser;
import tcps.syntax.ProfileDef;
import tcps.syntax.Source;

/**
 * The stacks every script can name, written in .tcps in {@code stdlib/profiles/} and read with
 * the same grammar as scripts. Each is read at most once per run of the program, the first time a
 * script needs it; an error in them is a bug in tcps (the test suite reads them all).
 */
public final class StandardLibrary {
    /** The profile files, in the order they are defined: each extends only ones before it. */
    public static final List<String> PROFILES = List.of("rfc9293", "linux", "macos", "bsd-1990");

    /** The definitions read so far, by name: each file is parsed the first time it is needed. */
    private static final Map<String, ProfileDef> DEFINITIONS = new ConcurrentHashMap<>();

    private StandardLibrary() {}

    /** The stacks these definitions build, by name, in definition order: what any script can name. */
    public static java.util.Map<String, tcps.tcp.Profile> stacks() {
        return ProfileDefinitions.standard();
    }

    /** Every stdlib profile definition, in order. */
    public static List<ProfileDef> profiles() {
        return PROFILES.stream().map(StandardLibrary::profile).toList();
    }

    /**
     * The definition of the stdlib profile {@code name} (one of {@link #PROFILES}), read and
     * parsed the first time it is asked for.
     */
    static ProfileDef profile(String name) {
        if (!PROFILES.contains(name)) {
            throw new IllegalArgumentException("no stdlib profile " + name);
        }
        return DEFINITIONS.computeIfAbsent(name, StandardLibrary::load);
    }

    /**
     * The definition from the compact form the build wrote beside the file ({@link
     * CompactProfiles}), or, where there is none (classes built without Maven), from the file.
     */
    private static ProfileDef load(String name) {
        String compact = read("/stdlib/profiles/" + name + CompactProfiles.SUFFIX, false);
        return compact != null ? CompactProfiles.decode(compact) : parsed(name);
    }

    /** The definition in {@code stdlib/profiles/NAME.tcps}, read with the script grammar. */
    static ProfileDef parsed(String name) {
        String path = "stdlib/profiles/" + name + ".tcps";
        ScriptParser.Result parsed = ScriptParser.parse(new Source(path, read("/" + path, true)));
        if (!parsed.errors().isEmpty() || parsed.script().profiles().size() != 1) {
            throw new IllegalStateException(path + " must define exactly one profile: " + parsed.errors());
        }
        return parsed.script().profiles().get(0);
    }

    private static String read(String resource, boolean needed) {
        try (InputStream in = StandardLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                if (!needed) {
                    return null;
                }
                throw new IllegalStateException("the standard library is missing from the build: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
