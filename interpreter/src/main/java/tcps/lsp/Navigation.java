package tcps.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import tcps.grammar.Lexemes.Lexeme;
import tcps.run.Evaluation;
import tcps.run.RunEvent;
import tcps.syntax.Span;
import tcps.tcp.Parameter;
import tcps.tcp.Profile;

/**
 * Hover: the value an expression took in the last run ({@code isn+1 = 934227077 (client's ISN + 1)})
 * and, in a profile block, what a parameter means.
 */
final class Navigation {
    private static final int MAX_VALUES_SHOWN = 8;

    private Navigation() {}

    static Optional<Hover> hover(Analysis analysis, String text, int line, int column) {
        // The innermost expression under the cursor, with every value it took.
        Span best = null;
        for (Evaluation e : analysis.values()) {
            // "13" alone says nothing: only values that differ from the text are worth a hover
            if (e.shown().contains(" = ") && contains(e.span(), line, column)
                    && (best == null || e.span().length() < best.length())) {
                best = e.span();
            }
        }
        if (best != null) {
            Set<String> shown = new LinkedHashSet<>();
            for (Evaluation e : analysis.values()) {
                if (e.span().equals(best) && e.shown().contains(" = ")) {
                    shown.add(e.shown());
                }
            }
            List<String> lines = new ArrayList<>(shown);
            if (lines.size() > MAX_VALUES_SHOWN) {
                int more = lines.size() - MAX_VALUES_SHOWN;
                lines = new ArrayList<>(lines.subList(0, MAX_VALUES_SHOWN));
                lines.add("... and " + more + " more");
            }
            String markdown = "```\n" + String.join("\n", lines) + "\n```\n\nin the last run (as `tcps run` "
                    + "runs this file, default seed)";
            return Optional.of(new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown),
                    analysis.lines().range(best)));
        }
        // An expect: the segment it matched, as the transcript prints it.
        Analysis.Match match = null;
        for (Analysis.Match m : analysis.matches()) {
            if (m.span().line() == line && m.span().column() <= column
                    && (match == null || m.span().column() >= match.span().column())) {
                match = m;
            }
        }
        if (match != null) {
            Set<String> seen = new LinkedHashSet<>();
            for (Analysis.Match m : analysis.matches()) {
                if (m.span().equals(match.span())) {
                    seen.add(m.line());
                }
            }
            List<String> shown = new ArrayList<>(seen);
            if (shown.size() > MAX_VALUES_SHOWN) {
                int more = shown.size() - MAX_VALUES_SHOWN;
                shown = new ArrayList<>(shown.subList(0, MAX_VALUES_SHOWN));
                shown.add("... and " + more + " more");
            }
            String markdown = "matched\n```\n" + String.join("\n", shown) + "\n```\n\nin the last run";
            return Optional.of(new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown)));
        }
        // A socket call: what it returned. The statement's call is the last one that starts
        // before the cursor on its line (statements may share a line, separated by `;`).
        RunEvent.SocketCall call = null;
        for (RunEvent.SocketCall c : analysis.calls()) {
            if (c.at() != null && c.at().line() == line && c.at().column() <= column
                    && (call == null || c.at().column() >= call.at().column())) {
                call = c;
            }
        }
        if (call != null) {
            List<String> returns = new ArrayList<>();
            for (RunEvent.SocketCall c : analysis.calls()) {
                if (c.at() != null && c.at().equals(call.at())) {
                    returns.add(c.endpoint() + " " + c.call() + " returned " + c.returned()
                            + (c.error() != null ? " (" + c.error().text() + ")" : "") + " at " + clock(c.time()));
                }
            }
            String markdown = "```\n" + String.join("\n", returns) + "\n```\n\nin the last run";
            return Optional.of(new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown)));
        }
        Context context = Context.at(text, line, column);
        Context.Name name = Context.nameAt(context.all(), line, column);
        if (name != null && context.inProfile()) {
            Lexeme previous = Context.before(context.all(), name);
            Parameter p = Profile.parameters().stream().filter(x -> x.name().equals(name.text())).findFirst()
                    .orElse(null);
            boolean first = previous == null || previous.text().equals(";") || previous.text().equals("{");
            if (p != null && first) {
                return Optional.of(new Hover(new MarkupContent(MarkupKind.MARKDOWN, Completions.doc(p)),
                        analysis.lines().range(name.span())));
            }
        }
        return Optional.empty();
    }

    /** 00:00:00.000010, as the transcript prints times. */
    private static String clock(long micros) {
        long s = micros / 1_000_000;
        return String.format("%02d:%02d:%02d.%06d", s / 3600, s / 60 % 60, s % 60, micros % 1_000_000);
    }

    private static boolean contains(Span s, int line, int column) {
        return s.line() == line && s.column() <= column && column <= s.column() + s.length();
    }

    /**
     * A standard library file an editor can open: the one in the tcps checkout this server runs
     * from ({@code stdlib/profiles/NAME.tcps} beside {@code interpreter/target/}), else a copy of
     * the one inside the jar, written once under the temporary directory.
     */
    static final class StdlibFile {
        private StdlibFile() {}

        /** @param file a path under stdlib/: {@code profiles/linux.tcps}, {@code handshake.tcps} */
        static Optional<Path> of(String file) {
            String relative = "stdlib/" + file;
            try {
                Path code = Path.of(Navigation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                Path dir = code.getParent();
                for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
                    Path candidate = dir.resolve(relative);
                    if (Files.isRegularFile(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            } catch (URISyntaxException | SecurityException | IllegalArgumentException | NullPointerException e) {
                // not run from a checkout: use the copy below
            }
            try (InputStream in = Navigation.class.getResourceAsStream("/" + relative)) {
                if (in == null) {
                    return Optional.empty();
                }
                byte[] bytes = in.readAllBytes();
                Path copy = Path.of(System.getProperty("java.io.tmpdir"), "tcps-stdlib").resolve(file);
                if (!Files.exists(copy) || !java.util.Arrays.equals(Files.readAllBytes(copy), bytes)) {
                    Files.createDirectories(copy.getParent());
                    Files.write(copy, bytes);
                }
                return Optional.of(copy);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }
}
