package tcps.syntax;

import java.util.List;

/**
 * A parsed file. Bare statements outside any {@code scenario} block form one unnamed scenario
 * (name {@code null}); a file may not mix bare statements and scenario blocks. Profile
 * definitions may stand beside either, and every scenario of the file can use them.
 */
public record Script(Source source, List<ProfileDef> profiles, List<Scenario> scenarios) {
    public Script {
        profiles = List.copyOf(profiles);
        scenarios = List.copyOf(scenarios);
    }
}
