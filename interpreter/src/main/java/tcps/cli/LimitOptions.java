package tcps.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import tcps.run.Limits;
import tcps.syntax.Duration;

/**
 * The {@code --max-...} options: each bound of {@link Limits}, raised or lowered from the
 * command line. These bound reading a script ({@code tcps check}); {@link ForRuns} adds those
 * of running one ({@code tcps run}).
 */
class LimitOptions {
    @Option(names = "--max-source-bytes", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Refuse a script file larger than this (default: ${DEFAULT-VALUE}).")
    private Long sourceBytes;

    @Option(names = "--max-statements", paramLabel = "N",
            description = "Refuse a script with more statements, and stop a scenario that runs more (each round of a "
                    + "repeat counted), as a failure (default: ${DEFAULT-VALUE}).")
    private Integer statements;

    @Option(names = "--max-expression-depth", paramLabel = "N",
            description = "Refuse expressions and blocks nested deeper (default: ${DEFAULT-VALUE}; at most 1000).")
    private Integer expressionDepth;

    /** The limits asked for, each one not given left at its default; a value out of range is a usage error. */
    Limits limits(CommandLine commandLine) {
        return limits(commandLine, Limits.DEFAULT);
    }

    /** As {@link #limits(CommandLine)}, the options not given left at {@code base}'s values. */
    Limits limits(CommandLine commandLine, Limits base) {
        try {
            return limits(base);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "a --max-... value is out of range: "
                    + e.getMessage());
        }
    }

    Limits limits(Limits l) {
        if (sourceBytes != null) {
            l = l.withSourceBytes(sourceBytes);
        }
        if (statements != null) {
            l = l.withStatements(statements);
        }
        if (expressionDepth != null) {
            l = l.withExpressionDepth(expressionDepth);
        }
        return l;
    }

    /** The limits of reading a script and those of running it: for {@code tcps run}. */
    static class ForRuns extends LimitOptions {
        @Option(names = "--max-virtual-time", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Stop a scenario that runs past this much virtual time, as a failure "
                        + "(default: ${DEFAULT-VALUE}; at most 596523h).")
        private Long virtualTime;

        @Option(names = "--max-events", paramLabel = "N",
                description = "Stop a scenario that simulates more events (segments arriving, timers firing), as a "
                        + "failure (default: ${DEFAULT-VALUE}).")
        private Long events;

        @Option(names = "--max-bytes-written", paramLabel = "SIZE", converter = SizeConverter.class,
                description = "Stop a scenario whose applications write more bytes, as a failure (default: ${DEFAULT-VALUE}).")
        private Long bytesWritten;

        @Option(names = "--max-output", paramLabel = "SIZE", converter = SizeConverter.class,
                description = "Print at most this much report; the rest is cut, and the run fails (default: ${DEFAULT-VALUE}).")
        private Long outputBytes;

        @Option(names = "--max-memory", paramLabel = "SIZE", converter = SizeConverter.class,
                description = "Stop a scenario that keeps more than this in memory (segments captured and in flight, "
                        + "data the stacks buffer, events recorded), as a failure (default: ${DEFAULT-VALUE}).")
        private Long memoryBytes;

        @Override
        Limits limits(Limits l) {
            l = super.limits(l);
            if (virtualTime != null) {
                l = l.withVirtualTime(virtualTime);
            }
            if (events != null) {
                l = l.withEvents(events);
            }
            if (bytesWritten != null) {
                l = l.withBytesWritten(bytesWritten);
            }
            if (outputBytes != null) {
                l = l.withOutputBytes(outputBytes);
            }
            if (memoryBytes != null) {
                l = l.withMemoryBytes(memoryBytes);
            }
            return l;
        }
    }

    /**
     * The defaults the help shows (and picocli sets, to the same values): {@code tcps run}'s and
     * {@code check}'s from {@link Limits#DEFAULT}, {@code tcps grade}'s from its own, tighter ones.
     */
    static class RunDefaults implements CommandLine.IDefaultValueProvider {
        Limits limits() {
            return Limits.DEFAULT;
        }

        @Override
        public String defaultValue(CommandLine.Model.ArgSpec arg) {
            if (!(arg instanceof CommandLine.Model.OptionSpec o)) {
                return null;
            }
            Limits l = limits();
            return switch (o.longestName()) {
                case "--max-source-bytes" -> size(l.sourceBytes());
                case "--max-statements" -> Integer.toString(l.statements());
                case "--max-expression-depth" -> Integer.toString(l.expressionDepth());
                case "--max-virtual-time" -> Limits.time(l.virtualTime());
                case "--max-events" -> Long.toString(l.events());
                case "--max-bytes-written" -> size(l.bytesWritten());
                case "--max-output" -> size(l.outputBytes());
                case "--max-memory" -> size(l.memoryBytes());
                default -> null;
            };
        }

        /** 16MiB, 4096: as the options are written. */
        private static String size(long n) {
            return Limits.bytes(n).replace(" ", "").replace("bytes", "").replace("byte", "");
        }
    }

    /** {@code tcps grade}'s defaults, for its help. */
    static final class GradeDefaults extends RunDefaults {
        @Override
        Limits limits() {
            return tcps.grade.GradeLimits.DEFAULT.run();
        }
    }

    /** 24h, 90s, 500ms: a duration as the language writes it. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Long> {
        private static final Pattern SHAPE = Pattern.compile("([0-9]{1,12})(us|ms|s|m|h)");

        @Override
        public Long convert(String value) {
            Matcher m = SHAPE.matcher(value);
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 90s, 30m or 24h");
            }
            long per = switch (m.group(2)) {
                case "us" -> 1L;
                case "ms" -> 1_000L;
                case "s" -> 1_000_000L;
                case "m" -> 60_000_000L;
                default -> 3_600_000_000L;
            };
            long micros = Long.parseLong(m.group(1)) * per; // 12 digits of hours fit in 64 bits
            if (micros < 1 || micros > Limits.HIGHEST_VIRTUAL_TIME) {
                throw new CommandLine.TypeConversionException("'" + value + "' is outside 1us to "
                        + Duration.format(Limits.HIGHEST_VIRTUAL_TIME));
            }
            return micros;
        }
    }

    /** 1000, 64KiB, 16MiB, 1GiB (K, M and G are read as KiB, MiB and GiB). */
    static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
        private static final Pattern SHAPE = Pattern.compile("([0-9]{1,12})\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");

        @Override
        public Long convert(String value) {
            Matcher m = SHAPE.matcher(value.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a size such as 4096, 64KiB or 16MiB");
            }
            int shift = m.group(2).isEmpty() || m.group(2).equals("b") ? 0
                    : m.group(2).startsWith("k") ? 10 : m.group(2).startsWith("m") ? 20 : 30;
            long n = Long.parseLong(m.group(1));
            if (n < 1 || n > (Long.MAX_VALUE >> 31)) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a size of at least 1 byte");
            }
            return n << shift;
        }
    }
}
