package tcps.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tcps.syntax.Duration;
import tcps.syntax.Name;
import tcps.syntax.ProfileDef;
import tcps.syntax.Span;

/**
 * The standard library's profiles as the build leaves them in the jar beside their
 * {@code .tcps} text: the definition the parser makes of each file, written one line per
 * setting. Reading these lines takes a fraction of what lexing and parsing the commented file
 * takes in a fresh JVM, where it was a tenth of a one-line scenario's start-up. The
 * {@code .tcps} files stay the only source: the build writes these from them ({@link #main}),
 * {@link StandardLibrary} parses the {@code .tcps} whenever this form is missing, and a test
 * checks that both give equal definitions.
 *
 * <p>The form: a first line {@value #HEADER}, then one line per profile and one per setting,
 * fields separated by tabs, each span as line, column and length:
 * <pre>
 * P name span (base span | - 0 0 0) span-of-the-definition
 * S parameter span N number span setting-span
 * S parameter span T micros duration-span span setting-span
 * S parameter span W word span setting-span
 * </pre>
 */
public final class CompactProfiles {
    static final String HEADER = "tcps compact profile 1";
    /** Where the compact form of {@code stdlib/profiles/NAME.tcps} lies: beside it, NAME.def. */
    static final String SUFFIX = ".def";

    private CompactProfiles() {}

    /** The build step: writes {@code stdlib/profiles/NAME.def} under the classes directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0], "stdlib", "profiles");
        for (String name : StandardLibrary.PROFILES) {
            ProfileDef def = StandardLibrary.parsed(name);
            Files.writeString(dir.resolve(name + SUFFIX), encode(def), StandardCharsets.UTF_8);
        }
    }

    static String encode(ProfileDef def) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        sb.append('P');
        name(sb, def.name());
        if (def.base() == null) {
            sb.append("\t-\t0\t0\t0");
        } else {
            name(sb, def.base());
        }
        span(sb, def.span());
        sb.append('\n');
        for (ProfileDef.Setting s : def.settings()) {
            sb.append('S');
            name(sb, s.parameter());
            if (s.value() instanceof ProfileDef.Value.Number n) {
                sb.append("\tN\t").append(n.value());
            } else if (s.value() instanceof ProfileDef.Value.Time t) {
                sb.append("\tT\t").append(t.duration().micros());
                span(sb, t.duration().span());
            } else if (s.value() instanceof ProfileDef.Value.Word w) {
                sb.append("\tW\t").append(field(w.text()));
            }
            span(sb, s.value().span());
            span(sb, s.span());
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The definition {@link #encode} wrote. */
    static ProfileDef decode(String text) {
        String[] lines = text.split("\n");
        if (lines.length < 2 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("not a compact profile: " + (lines.length == 0 ? "" : lines[0]));
        }
        Fields p = new Fields(lines[1], 'P');
        Name name = p.name();
        String baseText = p.next();
        Span baseSpan = p.spanOrNull();
        Name base = baseText.equals("-") ? null : new Name(baseText, baseSpan);
        Span span = p.span();
        List<ProfileDef.Setting> settings = new ArrayList<>(lines.length - 2);
        for (int i = 2; i < lines.length; i++) {
            Fields f = new Fields(lines[i], 'S');
            Name parameter = f.name();
            String kind = f.next();
            ProfileDef.Value value = switch (kind) {
                case "N" -> {
                    long n = Long.parseLong(f.next());
                    yield new ProfileDef.Value.Number(n, f.span());
                }
                case "T" -> {
                    long micros = Long.parseLong(f.next());
                    Duration d = new Duration(f.span(), micros);
                    yield new ProfileDef.Value.Time(d, f.span());
                }
                case "W" -> {
                    String word = f.next();
                    yield new ProfileDef.Value.Word(word, f.span());
                }
                default -> throw new IllegalArgumentException("unknown kind of value " + kind + " in " + lines[i]);
            };
            settings.add(new ProfileDef.Setting(parameter, value, f.span()));
        }
        return new ProfileDef(name, base, settings, span);
    }

    private static void name(StringBuilder sb, Name n) {
        sb.append('\t').append(field(n.text()));
        span(sb, n.span());
    }

    private static void span(StringBuilder sb, Span s) {
        sb.append('\t').append(s.line()).append('\t').append(s.column()).append('\t').append(s.length());
    }

    private static String field(String text) {
        if (text.indexOf('\t') >= 0 || text.indexOf('\n') >= 0 || text.equals("-")) {
            throw new IllegalArgumentException("cannot write " + text + " in a compact profile");
        }
        return text;
    }

    /** The fields of one line, read in order. */
    private static final class Fields {
        private final String[] fields;
        private int next = 1;

        Fields(String line, char kind) {
            fields = line.split("\t");
            if (fields[0].length() != 1 || fields[0].charAt(0) != kind) {
                throw new IllegalArgumentException("expected a line " + kind + ": " + line);
            }
        }

        String next() {
            return fields[next++];
        }

        int number() {
            return Integer.parseInt(next());
        }

        Span span() {
            return new Span(number(), number(), number());
        }

        /** A span, or null where the line has 0 0 0 (no base). */
        Span spanOrNull() {
            int line = number();
            int column = number();
            int length = number();
            return line == 0 ? null : new Span(line, column, length);
        }

        Name name() {
            String text = next();
            return new Name(text, span());
        }
    }
}
