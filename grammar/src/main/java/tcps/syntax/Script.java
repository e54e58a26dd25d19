package tcps.syntax;

import java.util.List;

/**
 * A parsed file. Bare statements outside any {@code scenario} block form one unnamed scenario
 * (name {@code null}); a file may not mix bare statements and scenario blocks.
 */
public record Script(Source source, List<Scenario> scenarios) {
    public Script {
        scenarios = List.copyOf(scenarios);
    }
}
