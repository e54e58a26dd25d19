package tcps.syntax;

import java.util.List;

/**
 * {@code profile lab extends linux { syn_retries 2 }}: a stack profile made from another by
 * changing some of its parameters. {@code base} is null for {@code profile NAME { ... }}, which
 * starts from the textbook stack.
 */
public record ProfileDef(Name name, Name base, List<Setting> settings, Span span) {
    public ProfileDef {
        settings = List.copyOf(settings);
    }

    /** One {@code parameter value} line; the value is a number, a duration or a word. */
    public record Setting(Name parameter, Value value, Span span) {}

    /** A parameter's value as written. */
    public sealed interface Value {
        Span span();

        record Number(long value, Span span) implements Value {}

        record Time(Duration duration, Span span) implements Value {}

        record Word(String text, Span span) implements Value {}
    }
}
