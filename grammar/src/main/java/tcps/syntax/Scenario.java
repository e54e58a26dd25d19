package tcps.syntax;

import java.util.List;

/** {@code scenario "name" { ... }}; {@code name} is null for a file of bare statements. */
public record Scenario(String name, Span span, List<Statement> statements) {
    public Scenario {
        statements = List.copyOf(statements);
    }
}
