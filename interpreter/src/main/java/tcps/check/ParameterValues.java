package tcps.check;

import tcps.syntax.Duration;
import tcps.tcp.Parameter;

/** What a profile parameter may be set to, in the script's words: `tcps profiles` and the editor show it. */
public final class ParameterValues {
    private ParameterValues() {}

    /** Its range and unit ({@code 1 to 255 segments}, {@code 1ms to 1h}), or its choices. */
    public static String of(Parameter p) {
        switch (p.kind()) {
            case BOOLEAN:
                return "true, false";
            case CHOICE:
                return String.join(", ", p.choices());
            case DURATION:
                return Duration.format(p.min()) + " to " + Duration.format(p.max());
            default:
                return p.min() + " to " + p.max() + (p.unit().isEmpty() ? "" : " " + p.unit());
        }
    }

    /** One stack's value of the parameter as a script writes it ({@code 200ms}, {@code cubic}, {@code 10}). */
    public static String shown(Parameter p, Object value) {
        return p.kind() == Parameter.Kind.DURATION ? Duration.format((Long) value) : String.valueOf(value);
    }
}
