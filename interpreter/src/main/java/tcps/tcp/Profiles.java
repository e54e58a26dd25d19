package tcps.tcp;

import java.util.List;
import java.util.Optional;

/** The profiles a script can name with {@code stack NAME}. */
public final class Profiles {
    private static final List<Profile> BUILT_IN = List.of(Profile.LINUX, Profile.RFC9293, Profile.MACOS, Profile.BSD_1990);

    private Profiles() {}

    public static Optional<Profile> byName(String name) {
        return BUILT_IN.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return BUILT_IN.stream().map(Profile::name).toList();
    }
}
