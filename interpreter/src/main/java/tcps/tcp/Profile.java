package tcps.tcp;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that makes one TCP implementation behave differently from another, as data: a value
 * for each of the {@link Parameters}, read by the model with {@code profile.get(Parameters.MSS)},
 * changed by a script ({@code profile lab extends linux { syn_retries 2 }}) through {@link #with},
 * and shown through {@link #value}. A profile is immutable; {@code with} returns a changed copy.
 * Times are in microseconds of virtual time.
 *
 * <p>The built-in stacks (linux, rfc9293, macos, bsd-1990) are written only in
 * {@code stdlib/profiles/*.tcps}; the model used as a library starts from {@link #rfcDefaults}.
 */
public final class Profile {
    private static final long MS = 1_000;
    private static final long S = 1_000_000;
    private static final Map<String, Parameter> BY_NAME = new LinkedHashMap<>();

    static {
        for (Parameter p : Parameters.ALL) {
            BY_NAME.put(p.name(), p);
        }
    }

    private final String name;
    private final long[] values;

    private Profile(String name, long[] values) {
        this.name = Objects.requireNonNull(name);
        this.values = values;
    }

    /** A profile with every parameter at the value the RFCs give it (the table's RFC default). */
    public static Profile rfcDefaults(String name) {
        long[] values = new long[Parameters.ALL.size()];
        for (Parameter p : Parameters.ALL) {
            values[p.index()] = p.rawDefault();
        }
        return new Profile(name, values);
    }

    /** Every parameter, in a stable order (the table's). */
    public static List<Parameter> parameters() {
        return Parameters.ALL;
    }

    /** The parameter a script names, or null. */
    public static Parameter parameter(String name) {
        return BY_NAME.get(name);
    }

    // ---------------------------------------------------------------------------------------
    // Reading values

    public int get(Parameter.Count p) {
        return (int) values[p.index()];
    }

    /** A duration in microseconds. */
    public long get(Parameter.Time p) {
        return values[p.index()];
    }

    public boolean get(Parameter.Flag p) {
        return values[p.index()] != 0;
    }

    public <E extends Enum<E>> E get(Parameter.Choice<E> p) {
        return p.constant(values[p.index()]);
    }

    /** The name scripts select it by ({@code stack linux}). */
    public String name() {
        return name;
    }

    /** Whether SYNs offer window scaling (window_scale is not -1). */
    public boolean offersWindowScale() {
        return get(Parameters.WINDOW_SCALE) >= 0;
    }

    // ---------------------------------------------------------------------------------------
    // Parameters by name

    /**
     * This profile with one parameter changed. INTEGER and DURATION take an {@link Integer} or
     * {@link Long} (a duration in microseconds), BOOLEAN a {@link Boolean}, CHOICE a
     * {@link String} naming one of the choices (any case) or the enum constant itself.
     *
     * @throws IllegalArgumentException with a message for the script's author when there is no
     *                                  such parameter or the value does not fit it
     */
    public Profile with(String parameter, Object value) {
        Parameter p = definition(parameter);
        long[] changed = values.clone();
        changed[p.index()] = checked(p, value);
        return new Profile(name, changed);
    }

    /**
     * The value of a parameter: a {@link Long} for INTEGER and DURATION, a {@link Boolean}, or a
     * CHOICE's lower-case name.
     *
     * @throws IllegalArgumentException when there is no such parameter
     */
    public Object value(String parameter) {
        Parameter p = definition(parameter);
        return p.shown(values[p.index()]);
    }

    /** A copy under another name ({@code profile lab extends linux}). */
    public Profile named(String newName) {
        return new Profile(newName, values);
    }

    private static Parameter definition(String parameter) {
        Parameter d = BY_NAME.get(parameter);
        if (d == null) {
            String hint = nearest(parameter);
            throw new IllegalArgumentException("unknown profile parameter `" + parameter + "`"
                    + (hint != null ? "; did you mean `" + hint + "`? Known" : "; known")
                    + " parameters are " + String.join(", ", BY_NAME.keySet()));
        }
        return d;
    }

    /** The value as stored (see {@link Parameter}), or a message saying what the parameter wants. */
    private static long checked(Parameter p, Object value) {
        String n = "`" + p.name() + "`";
        switch (p.kind()) {
            case BOOLEAN:
                if (value instanceof Boolean b) {
                    return b ? 1 : 0;
                }
                throw new IllegalArgumentException(n + " is true or false, not " + shown(value));
            case CHOICE:
                String word = value instanceof Enum<?> e ? e.name() : value instanceof String s ? s : null;
                if (word != null && p.choices().contains(word.toLowerCase(Locale.ROOT))) {
                    return p.choices().indexOf(word.toLowerCase(Locale.ROOT));
                }
                throw new IllegalArgumentException(n + " is one of " + String.join(", ", p.choices())
                        + ", not " + shown(value));
            default:
                boolean duration = p.kind() == Parameter.Kind.DURATION;
                String what = duration ? "a duration" : "a whole number";
                if (!(value instanceof Long || value instanceof Integer || value instanceof Short
                        || value instanceof Byte)) {
                    throw new IllegalArgumentException(n + " is " + what + ", not " + shown(value));
                }
                long v = ((Number) value).longValue();
                if (v < p.min() || v > p.max()) {
                    String range = duration
                            ? "from " + Durations.format(p.min()) + " to " + Durations.format(p.max())
                            : "from " + p.min() + " to " + p.max();
                    throw new IllegalArgumentException(n + " must be " + range + ", not "
                            + (duration ? Durations.format(v) : Long.toString(v)));
                }
                return v;
        }
    }

    private static String shown(Object value) {
        return value instanceof String s ? "`" + s + "`" : String.valueOf(value);
    }

    /** The parameter name closest to a misspelt one, if it is close enough to be the intent. */
    private static String nearest(String wrong) {
        if (wrong.length() > 64) {
            return null; // no parameter name is that long, and measuring a megabyte against each costs seconds
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : BY_NAME.keySet()) {
            int d = editDistance(wrong, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(3, wrong.length() / 3) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(replace, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Durations in error messages, spelt as a script writes them (the language's shortest form). */
    private static final class Durations {
        static String format(long micros) {
            if (micros != 0 && micros % (60 * S) == 0) {
                return micros / (60 * S) + "m";
            }
            if (micros % MS != 0) {
                return micros + "us";
            }
            long ms = micros / MS;
            if (ms % 1000 == 0) {
                return ms / 1000 + "s";
            }
            if (ms < 1000) {
                return ms + "ms";
            }
            return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
        }
    }

    // ---------------------------------------------------------------------------------------
    // Value semantics

    @Override
    public boolean equals(Object o) {
        return o instanceof Profile p && name.equals(p.name) && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Profile ").append(name).append(" {");
        for (Parameter p : Parameters.ALL) {
            sb.append(' ').append(p.name()).append(' ').append(p.shown(values[p.index()])).append(';');
        }
        return sb.append(" }").toString();
    }
}
