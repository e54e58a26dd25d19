package tcps.lsp;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import tcps.check.StandardLibrary;
import tcps.grammar.Lexemes;
import tcps.grammar.Lexemes.Kind;
import tcps.grammar.Lexemes.Lexeme;

/**
 * Go to definition, read from the lexemes so that it works while the file does not parse: a
 * stack's name (after {@code stack} or {@code extends}) goes to its {@code profile} block, a macro
 * call ({@code handshake(client, server)}) to its {@code macro} line, and {@code import "NAME"} to
 * the file. Definitions are looked for in the document, then in the files it imports (and theirs),
 * then, for the built-in stacks, in the standard library.
 */
final class Definitions {
    /** How many files an import chain may visit: imports form no long chains. */
    private static final int MAX_FILES = 64;

    /** What a name under the cursor names. */
    private enum Target { PROFILE, MACRO }

    /** A file's place and text. */
    private record File(String uri, Path path, String text) {}

    private Definitions() {}

    static Optional<Location> at(String uri, String text, int line, int column) {
        List<Lexeme> all = Lexemes.of(text);
        Path path = pathOf(uri);
        for (int i = 1; i < all.size(); i++) {
            Lexeme l = all.get(i);
            if (l.kind() == Kind.STRING && contains(l, line, column) && all.get(i - 1).text().equals("import")) {
                return resolveImport(path, unquote(l.text()))
                        .map(p -> new Location(p.toUri().toString(), new Range(new Position(0, 0), new Position(0, 0))));
            }
        }
        Context.Name name = Context.nameAt(all, line, column);
        if (name == null) {
            return Optional.empty();
        }
        Lexeme previous = Context.before(all, name);
        Target kind;
        if (previous != null && (previous.text().equals("stack") || previous.text().equals("extends"))) {
            kind = Target.PROFILE;
        } else if (followedByParenthesis(all, name) || previous != null && previous.text().equals("macro")) {
            kind = Target.MACRO;
        } else {
            return Optional.empty();
        }
        Deque<File> queue = new ArrayDeque<>();
        Set<Path> seen = new HashSet<>();
        queue.add(new File(uri, path, text));
        while (!queue.isEmpty() && seen.size() < MAX_FILES) {
            File f = queue.poll();
            if (f.path() != null && !seen.add(f.path().toAbsolutePath().normalize())) {
                continue;
            }
            List<Lexeme> lexemes = f.text() == text ? all : Lexemes.of(f.text());
            Optional<Context.Name> def = definitionIn(lexemes, kind, name.text());
            if (def.isPresent()) {
                return Optional.of(new Location(f.uri(), new Lines(f.text()).range(def.get().span())));
            }
            for (int i = 1; i < lexemes.size(); i++) {
                if (lexemes.get(i).kind() == Kind.STRING && lexemes.get(i - 1).text().equals("import")) {
                    resolveImport(f.path(), unquote(lexemes.get(i).text())).flatMap(Definitions::read)
                            .ifPresent(queue::add);
                }
            }
        }
        if (kind == Target.PROFILE && StandardLibrary.PROFILES.contains(name.text())) {
            return Navigation.StdlibFile.of("profiles/" + name.text() + ".tcps").flatMap(Definitions::read)
                    .flatMap(f -> definitionIn(Lexemes.of(f.text()), Target.PROFILE, name.text())
                            .map(d -> new Location(f.uri(), new Lines(f.text()).range(d.span()))));
        }
        return Optional.empty();
    }

    private static Optional<Context.Name> definitionIn(List<Lexeme> lexemes, Target kind, String name) {
        if (kind == Target.PROFILE) {
            return Context.profileDefinitions(lexemes).stream().filter(n -> n.text().equals(name)).findFirst();
        }
        for (int i = 0; i + 1 < lexemes.size(); i++) {
            Lexeme next = lexemes.get(i + 1);
            if (lexemes.get(i).text().equals("macro") && next.text().equals(name)) {
                return Optional.of(new Context.Name(name, next.span()));
            }
        }
        return Optional.empty();
    }

    private static boolean followedByParenthesis(List<Lexeme> all, Context.Name name) {
        for (Lexeme l : all) {
            if (l.span().line() == name.span().line() && l.span().column() == name.span().column() + name.span().length()) {
                return l.text().equals("(");
            }
        }
        return false;
    }

    /**
     * Where {@code import "NAME"} reads from, as tcps does: NAME.tcps in the importing file's
     * folder (never an absolute path or {@code ..} out of it), else in the standard library.
     */
    private static Optional<Path> resolveImport(Path importer, String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || List.of(name.split("/")).contains("..")) {
            return Optional.empty();
        }
        String file = name.endsWith(".tcps") ? name : name + ".tcps";
        if (importer != null && importer.getParent() != null) {
            Path beside = importer.getParent().resolve(file);
            if (Files.isRegularFile(beside)) {
                return Optional.of(beside);
            }
        }
        return Navigation.StdlibFile.of(file);
    }

    private static Optional<File> read(Path p) {
        try {
            return Optional.of(new File(p.toUri().toString(), p, Files.readString(p, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Path pathOf(String uri) {
        try {
            URI u = URI.create(uri);
            return "file".equals(u.getScheme()) ? Path.of(u) : null;
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    private static boolean contains(Lexeme l, int line, int column) {
        return l.span().line() == line && l.span().column() <= column && column < l.span().column() + l.span().length();
    }

    private static String unquote(String s) {
        return s.length() >= 2 ? s.substring(1, s.length() - 1) : s;
    }
}
