package tcps.grammar;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tcps.syntax.Diagnostic;
import tcps.syntax.ProfileDef;
import tcps.syntax.Source;

/**
 * The files scripts import, each read and parsed once however many scripts import it, and the
 * chain of imports being read, so that a cycle is reported with its chain. Where a name is looked
 * up (the standard library, the importing script's folder) is the caller's business.
 */
public final class Library {
    /** Finds the file {@code import "name"} means in a script: its text, or why there is none. */
    @FunctionalInterface
    public interface Files {
        Found find(String name, Source importer);
    }

    /** A found file, or the reason it cannot be imported (not found, outside the folder). */
    public record Found(Source source, String problem) {
        public static Found of(Source source) {
            return new Found(source, null);
        }

        public static Found problem(String problem) {
            return new Found(null, problem);
        }
    }

    /** What an imported file defines, and the errors found in it (reported once, by its first importer). */
    record Unit(Source source, Map<String, MacroDef> macros, List<ProfileDef> profiles, List<Diagnostic> errors) {}

    /** One {@code macro name(params) { body }}: where its body lies in its file's text. */
    record MacroDef(String name, List<String> params, Source source, int bodyStart, int bodyEnd,
            tcps.syntax.Span span) {}

    /** For scripts parsed on their own, as in tests: any import is an error that says so. */
    public static Library none() {
        return new Library((name, from) -> Found.problem("cannot import \"" + name + "\" here: imports are read "
                + "only from a script file"));
    }

    /** How many macro calls one script may expand in all: macros calling macros grow fast. */
    static final int MAX_EXPANSIONS = 10_000;

    private final Files files;
    /** Macro calls expanded for the script being read. */
    private int expansions;
    /** Characters of text the script's macro calls expanded to so far. */
    private long expandedChars;
    private final Map<String, Unit> parsed = new HashMap<>();
    private final Deque<String> reading = new ArrayDeque<>();

    public Library(Files files) {
        this.files = files;
    }

    /** The unit a name means from this importer, or a problem in one sentence. */
    Object load(String name, Source importer) {
        Found found = files.find(name, importer);
        if (found.problem() != null) {
            return found.problem();
        }
        String key = found.source().name();
        if (reading.contains(key)) {
            List<String> chain = new ArrayList<>(reading);
            java.util.Collections.reverse(chain);
            chain = new ArrayList<>(chain.subList(chain.indexOf(key), chain.size()));
            chain.add(key);
            return "import cycle: " + String.join(" imports ", chain);
        }
        Unit unit = parsed.get(key);
        if (unit != null) {
            return new Unit(unit.source(), unit.macros(), unit.profiles(), List.of()); // errors: said once
        }
        reading.push(key);
        try {
            unit = ScriptParser.parseImported(found.source(), this);
        } finally {
            reading.pop();
        }
        parsed.put(key, unit);
        return unit;
    }

    /** The name of the file being read when this one was imported (for the top, the script itself). */
    void reading(String name, Runnable read) {
        if (reading.isEmpty()) {
            expansions = 0; // a new script
            expandedChars = 0;
        }
        reading.push(name);
        try {
            read.run();
        } finally {
            reading.pop();
        }
    }

    /** Counts one expansion; false past {@link #MAX_EXPANSIONS} for the script being read. */
    boolean expand() {
        return ++expansions <= MAX_EXPANSIONS;
    }

    /**
     * How much text all of one script's macro calls may read: each call reads its macro's whole
     * file, so a 10,000-call script of a megabyte would read 10 GB. Real scripts use a few KiB.
     */
    static final long MAX_EXPANDED_CHARS = 64L << 20;

    /** Counts the text one expansion reads; false past {@link #MAX_EXPANDED_CHARS} for the script being read. */
    boolean expandText(int chars) {
        expandedChars += chars;
        return expandedChars <= MAX_EXPANDED_CHARS;
    }

    static Map<String, MacroDef> merged(List<Map<String, MacroDef>> maps) {
        Map<String, MacroDef> all = new LinkedHashMap<>();
        maps.forEach(m -> m.forEach(all::putIfAbsent));
        return all;
    }
}
