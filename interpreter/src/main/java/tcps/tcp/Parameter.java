package tcps.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One thing a profile fixes: its name as scripts write it, its kind, the values it may take, its
 * unit, a one-line description and the value the RFCs give it. Every parameter is one constant of
 * {@link Parameters}, the single table the checker, the documentation ({@code tcps profiles}) and
 * the model read; the model reads a value with {@code profile.get(Parameters.MSS)}, typed by the
 * parameter's class. A value is stored as a {@code long}: durations in microseconds, booleans as
 * 0 and 1, choices as the constant's ordinal.
 */
public abstract sealed class Parameter permits Parameter.Count, Parameter.Time, Parameter.Flag, Parameter.Choice {

    /** How a parameter's value is written and checked. */
    public enum Kind {
        /** A whole number: {@code syn_retries 2}. */
        INTEGER,
        /** A length of time in microseconds: {@code time_wait 30s} is 30000000. */
        DURATION,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** One of a few names, {@link #choices()}: {@code option_layout none}. */
        CHOICE
    }

    private final int index;
    private final String name;
    private final Kind kind;
    private final String unit;
    private final String description;
    private final long min;
    private final long max;
    private final long rfcDefault;

    private Parameter(int index, String name, Kind kind, String unit, String description, long min, long max,
            long rfcDefault) {
        this.index = index;
        this.name = name;
        this.kind = kind;
        this.unit = unit;
        this.description = description;
        this.min = min;
        this.max = max;
        this.rfcDefault = rfcDefault;
        if (rfcDefault < min || rfcDefault > max) {
            throw new IllegalArgumentException(name + ": RFC default " + rfcDefault + " outside its range");
        }
    }

    /** Its place in {@link Parameters#ALL}, and in a profile's values. */
    final int index() {
        return index;
    }

    /** The snake_case name scripts use. */
    public final String name() {
        return name;
    }

    public final Kind kind() {
        return kind;
    }

    /** What an INTEGER counts ("bytes", "segments"); empty for the other kinds. */
    public final String unit() {
        return unit;
    }

    /** One line, for help texts and error messages. */
    public final String description() {
        return description;
    }

    /** The smallest value an INTEGER or DURATION (µs) may take. */
    public final long min() {
        return min;
    }

    /** The largest value an INTEGER or DURATION (µs) may take. */
    public final long max() {
        return max;
    }

    /** The names a CHOICE accepts, in lower case; empty for the other kinds. */
    public List<String> choices() {
        return List.of();
    }

    /** The value the RFCs give, as {@link Profile#value} shows values; a root profile starts from it. */
    public final Object rfcDefault() {
        return shown(rfcDefault);
    }

    final long rawDefault() {
        return rfcDefault;
    }

    /** A stored value as {@link Profile#value} returns it: Long, Boolean or the choice's name. */
    abstract Object shown(long raw);

    @Override
    public String toString() {
        return name;
    }

    /** A whole number ({@code syn_retries}, {@code mss}), read as an {@code int}. */
    public static final class Count extends Parameter {
        Count(int index, String name, String unit, String description, long min, long max, long rfcDefault) {
            super(index, name, Kind.INTEGER, unit, description, min, max, rfcDefault);
        }

        @Override
        Object shown(long raw) {
            return raw;
        }
    }

    /** A length of virtual time, read in microseconds. */
    public static final class Time extends Parameter {
        Time(int index, String name, String description, long min, long max, long rfcDefault) {
            super(index, name, Kind.DURATION, "", description, min, max, rfcDefault);
        }

        @Override
        Object shown(long raw) {
            return raw;
        }
    }

    /** On or off. */
    public static final class Flag extends Parameter {
        Flag(int index, String name, String description, boolean rfcDefault) {
            super(index, name, Kind.BOOLEAN, "", description, 0, 1, rfcDefault ? 1 : 0);
        }

        @Override
        Object shown(long raw) {
            return raw != 0;
        }
    }

    /** One constant of an enum, written as its name in lower case. */
    public static final class Choice<E extends Enum<E>> extends Parameter {
        private final Class<E> type;
        private final List<String> choices;

        Choice(int index, String name, String description, Class<E> type, E rfcDefault) {
            super(index, name, Kind.CHOICE, "", description, 0, type.getEnumConstants().length - 1,
                    rfcDefault.ordinal());
            this.type = type;
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                names.add(e.name().toLowerCase(Locale.ROOT));
            }
            this.choices = List.copyOf(names);
        }

        @Override
        public List<String> choices() {
            return choices;
        }

        E constant(long raw) {
            return type.getEnumConstants()[(int) raw];
        }

        @Override
        Object shown(long raw) {
            return choices.get((int) raw);
        }
    }
}
