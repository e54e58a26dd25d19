package tcps.editors;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of TextMate's tokenizer that editors (VS Code's vscode-textmate, Sublime, GitHub's
 * highlighter) share, enough to run our grammar in a test: {@code match} and
 * {@code begin}/{@code end} rules with {@code name}, {@code contentName} and captures,
 * {@code patterns}, {@code include} of {@code #repository} entries and {@code $self}, a rule stack
 * carried from line to line, and the rule that the leftmost match wins (the earlier rule on a tie,
 * the {@code end} pattern before the patterns inside). Each line is scanned with its "\n", as
 * vscode-textmate does. Regexes run with java.util.regex, so {@link #load} refuses the Oniguruma
 * constructs whose meaning differs in Java ({@code \h}, {@code \G}, POSIX brackets, ...): the
 * grammar must keep to the syntax both read alike.
 */
final class TextMate {
    /** Oniguruma syntax that java.util.regex reads differently, or not at all. */
    private static final Pattern NOT_PORTABLE = Pattern.compile(
            "\\\\[hHGAzZRXKkgpPQE]|\\(\\?<[A-Za-z]|\\(\\?[a-z]*x");

    private sealed interface Rule permits Match, BeginEnd, Group {}

    private record Match(Pattern regex, String name, Map<Integer, String> captures) implements Rule {}

    private record BeginEnd(Pattern begin, Pattern end, String name, String contentName,
            Map<Integer, String> beginCaptures, Map<Integer, String> endCaptures, List<Rule> patterns)
            implements Rule {}

    /** A list of patterns with no match of its own (an include target, or the grammar itself). */
    private record Group(List<Rule> patterns) implements Rule {}

    /** How many regex searches tokenizing has made: the test keeps it proportional to the tokens. */
    long searches;

    private final JsonObject repository;
    private final Map<String, Group> included = new LinkedHashMap<>();
    private final Group self;

    private TextMate(JsonObject grammar) {
        this.repository = grammar.has("repository") ? grammar.getAsJsonObject("repository") : new JsonObject();
        this.self = new Group(new ArrayList<>());
        included.put("$self", self);
        self.patterns().addAll(rules(grammar.getAsJsonArray("patterns")));
    }

    static TextMate load(Path json) throws IOException {
        JsonObject grammar = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8)).getAsJsonObject();
        return new TextMate(grammar);
    }

    /**
     * The scopes of every character of every line (outermost first), the line terminator left out.
     */
    List<List<List<String>>> tokenize(String text) {
        List<List<List<String>>> out = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        for (String line : text.split("\r?\n|\r", -1)) {
            out.add(tokenizeLine(line + "\n", stack).subList(0, line.length()));
        }
        return out;
    }

    /** An open begin/end rule: the scopes it put on everything inside it. */
    private record Frame(BeginEnd rule, List<String> scopes, List<String> contentScopes) {}

    /**
     * A pattern's last search on the line being scanned: searched from {@code from}, the leftmost
     * match found (or null). It answers any later search from a position between {@code from}
     * and that match's start, as vscode-oniguruma's scanner caches it: without this, a line of
     * 40,000 characters (a student's `1+1+1...`) costs each pattern a scan of the rest of the
     * line at every token.
     */
    private record Search(int from, MatchResult match) {}

    private List<List<String>> tokenizeLine(String line, Deque<Frame> stack) {
        Map<Pattern, Search> lastSearch = new java.util.IdentityHashMap<>();
        List<List<String>> scopes = new ArrayList<>();
        for (int i = 0; i < line.length(); i++) {
            scopes.add(new ArrayList<>());
        }
        int pos = 0;
        while (pos < line.length()) {
            Frame top = stack.peek();
            List<String> base = top == null ? List.of() : top.contentScopes();
            // Candidates in priority order: the open rule's end, then the patterns inside it.
            List<Object> candidates = new ArrayList<>();
            if (top != null) {
                candidates.add(top.rule().end());
            }
            flatten(top == null ? self.patterns() : top.rule().patterns(), candidates);
            MatchResult best = null;
            Object bestRule = null;
            for (Object c : candidates) {
                Pattern p = c instanceof Pattern q ? q : c instanceof Match m ? m.regex() : ((BeginEnd) c).begin();
                Search last = lastSearch.get(p);
                MatchResult found;
                if (last != null && last.from() <= pos && (last.match() == null || last.match().start() >= pos)) {
                    found = last.match();
                } else {
                    Matcher m = p.matcher(line);
                    searches++;
                    found = m.find(pos) ? m.toMatchResult() : null;
                    lastSearch.put(p, new Search(pos, found));
                }
                if (found != null && (best == null || found.start() < best.start())) {
                    best = found;
                    bestRule = c;
                }
            }
            if (best == null) {
                paint(scopes, pos, line.length(), base);
                break;
            }
            paint(scopes, pos, best.start(), base);
            if (bestRule instanceof Pattern) { // the end of the open rule
                paint(scopes, best.start(), best.end(), top.scopes());
                captures(scopes, best, top.rule().endCaptures(), top.scopes());
                stack.pop();
            } else if (bestRule instanceof Match m) {
                List<String> s = with(base, m.name());
                paint(scopes, best.start(), best.end(), s);
                captures(scopes, best, m.captures(), s);
                if (best.end() == best.start()) {
                    throw new IllegalStateException("the rule " + m.regex() + " matches nothing at column " + pos
                            + " of " + line.strip() + "; a grammar that loops there hangs editors");
                }
            } else {
                BeginEnd b = (BeginEnd) bestRule;
                List<String> s = with(base, b.name());
                paint(scopes, best.start(), best.end(), s);
                captures(scopes, best, b.beginCaptures(), s);
                stack.push(new Frame(b, s, with(s, b.contentName())));
            }
            pos = Math.max(best.end(), best.start() == best.end() && bestRule instanceof BeginEnd ? pos + 1 : best.end());
        }
        return scopes;
    }

    private static void paint(List<List<String>> scopes, int from, int to, List<String> s) {
        for (int i = from; i < to; i++) {
            scopes.set(i, s);
        }
    }

    private static void captures(List<List<String>> scopes, MatchResult m, Map<Integer, String> names,
            List<String> base) {
        for (Map.Entry<Integer, String> e : names.entrySet()) {
            int g = e.getKey();
            if (g <= m.groupCount() && m.start(g) >= 0) {
                for (int i = m.start(g); i < m.end(g); i++) {
                    scopes.set(i, with(g == 0 ? base : scopes.get(i), e.getValue()));
                }
            }
        }
    }

    private static List<String> with(List<String> base, String name) {
        if (name == null) {
            return base;
        }
        List<String> s = new ArrayList<>(base);
        s.addAll(Arrays.asList(name.trim().split("\\s+")));
        return List.copyOf(s);
    }

    /** Match and begin/end rules in order, groups opened in place. */
    private static void flatten(List<Rule> rules, List<Object> out) {
        for (Rule r : rules) {
            if (r instanceof Group g) {
                flatten(g.patterns(), out);
            } else {
                out.add(r);
            }
        }
    }

    // ---- reading the grammar ----------------------------------------------------------------

    private List<Rule> rules(JsonArray patterns) {
        List<Rule> out = new ArrayList<>();
        if (patterns != null) {
            for (JsonElement e : patterns) {
                out.add(rule(e.getAsJsonObject()));
            }
        }
        return out;
    }

    private Rule rule(JsonObject o) {
        if (o.has("include")) {
            return include(o.get("include").getAsString());
        }
        String name = string(o, "name");
        if (o.has("match")) {
            return new Match(regex(o.get("match").getAsString()), name, captures(o, "captures"));
        }
        if (o.has("begin")) {
            Map<Integer, String> both = captures(o, "captures");
            Map<Integer, String> begin = o.has("beginCaptures") ? captures(o, "beginCaptures") : both;
            Map<Integer, String> end = o.has("endCaptures") ? captures(o, "endCaptures") : both;
            return new BeginEnd(regex(o.get("begin").getAsString()), regex(o.get("end").getAsString()), name,
                    string(o, "contentName"), begin, end, rules(o.getAsJsonArray("patterns")));
        }
        return new Group(rules(o.getAsJsonArray("patterns")));
    }

    /** Includes are resolved lazily through a shared Group, so recursive includes work. */
    private Group include(String ref) {
        Group g = included.get(ref);
        if (g != null) {
            return g;
        }
        if (!ref.startsWith("#") || !repository.has(ref.substring(1))) {
            throw new IllegalArgumentException("include of an unknown rule: " + ref);
        }
        g = new Group(new ArrayList<>());
        included.put(ref, g);
        Rule r = rule(repository.getAsJsonObject(ref.substring(1)));
        if (r instanceof Group inner) {
            g.patterns().addAll(inner.patterns());
        } else {
            g.patterns().add(r);
        }
        return g;
    }

    private static Pattern regex(String source) {
        Matcher bad = NOT_PORTABLE.matcher(source);
        String problem = bad.find() ? bad.group() : nestedClass(source);
        if (problem != null) {
            throw new IllegalArgumentException("`" + problem + "` in the regex " + source + " means something "
                    + "else (or nothing) outside Oniguruma; write it in the syntax both read alike");
        }
        return Pattern.compile(source);
    }

    /** A `[` or `&&` inside a character class: POSIX brackets in Oniguruma, unions and intersections in Java. */
    private static String nestedClass(String source) {
        boolean inClass = false;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass && (c == '[' || c == '&' && i + 1 < source.length() && source.charAt(i + 1) == '&')) {
                return c == '[' ? "[" : "&&";
            } else if (c == '[' && !inClass) {
                inClass = true;
                if (i + 1 < source.length() && source.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < source.length() && source.charAt(i + 1) == ']') {
                    return "[]"; // a literal `]` in Oniguruma, an error in Java: write \\]
                }
            } else if (c == ']' && inClass) {
                inClass = false;
            }
        }
        return null;
    }

    private static Map<Integer, String> captures(JsonObject o, String key) {
        Map<Integer, String> out = new LinkedHashMap<>();
        if (o.has(key)) {
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject(key).entrySet()) {
                String name = string(e.getValue().getAsJsonObject(), "name");
                if (name != null) {
                    out.put(Integer.parseInt(e.getKey()), name);
                }
            }
        }
        return out;
    }

    private static String string(JsonObject o, String key) {
        return o.has(key) ? o.get(key).getAsString() : null;
    }
}
