package tcps.cli;

import java.util.Locale;
import java.util.Map;

/** What the terminal standard output goes to can show: colour, Unicode. */
final class Terminal {
    private Terminal() {}

    /**
     * Colour when asked ({@code always}), or ({@code auto}) on a terminal that is not dumb,
     * unless NO_COLOR is set to anything but the empty string (https://no-color.org).
     */
    static boolean colour(RunCommand.When when, boolean console, Map<String, String> env) {
        if (when != RunCommand.When.auto) {
            return when == RunCommand.When.always;
        }
        String noColor = env.get("NO_COLOR");
        String term = env.get("TERM");
        return console && (noColor == null || noColor.isEmpty()) && term != null && !term.equals("dumb");
    }

    /** Unicode when asked, or ({@code auto}) on a terminal whose locale is UTF-8. */
    static boolean unicode(RunCommand.When when, boolean console, Map<String, String> env) {
        if (when != RunCommand.When.auto) {
            return when == RunCommand.When.always;
        }
        String locale = firstSet(env, "LC_ALL", "LC_CTYPE", "LANG").toUpperCase(Locale.ROOT);
        return console && (locale.contains("UTF-8") || locale.contains("UTF8"));
    }

    /** The first of the variables that is set and not empty, as the C library reads the locale. */
    private static String firstSet(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }
}
