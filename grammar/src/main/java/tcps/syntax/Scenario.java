package tcps.syntax;

import java.util.List;

/**
 * {@code scenario "name" { ... }}; {@code name} is null for a file of bare statements.
 * {@code profiles} are the profile definitions inside the block, seen only by this scenario.
 */
public record Scenario(String name, Span span, List<ProfileDef> profiles, List<Statement> statements) {
    public Scenario {
        profiles = List.copyOf(profiles);
        statements = List.copyOf(statements);
    }
}
