package tcps.check;

import java.util.Map;
import tcps.tcp.Profile;

/** The standard library's stacks, built: what {@code stack NAME} can name in any script. */
public final class StandardLibraryProfiles {
    private StandardLibraryProfiles() {}

    /** By name, in the order the standard library defines them. */
    public static Map<String, Profile> all() {
        return ProfileDefinitions.standard();
    }
}
