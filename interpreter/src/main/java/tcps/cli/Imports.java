package tcps.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tcps.grammar.Library;
import tcps.syntax.Source;

/**
 * Where {@code import "name"} looks: first beside the importing script (the script's own folder
 * and below it, never an absolute path or {@code ..} out of it), then in the standard library
 * ({@code stdlib/}, inside tcps). {@code .tcps} may be left out of the name. A symbolic link
 * that leads out of the script's folder is refused, as {@code ..} is.
 */
public final class Imports implements Library.Files {
    /** The macro files of the standard library, for messages. */
    static final String STDLIB = "handshake, transfer, teardown, reset, tcp";

    private final Path cwd;

    public Imports(Path cwd) {
        this.cwd = cwd;
    }

    @Override
    public Library.Found find(String name, Source importer) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")
                || java.util.Arrays.asList(name.split("/")).contains("..")) {
            return Library.Found.problem("cannot import \"" + name + "\": an import names a file in the standard "
                    + "library or in the script's own folder, without an absolute path or `..`");
        }
        String file = name.endsWith(".tcps") ? name : name + ".tcps";
        boolean fromStdlib = importer.name().startsWith(STDLIB_PREFIX) && !Files.exists(cwd.resolve(importer.name()));
        if (!fromStdlib) {
            Path folder = Path.of(importer.name()).getParent();
            String shown = folder == null ? file : folder.resolve(file).toString();
            if (Files.isRegularFile(cwd.resolve(shown))) {
                if (!inside(cwd.resolve(shown), folder == null ? cwd : cwd.resolve(folder))) {
                    return Library.Found.problem("cannot import \"" + name + "\": " + shown + " leads out of the "
                            + "script's folder (through a symbolic link); an import reads only files in the script's "
                            + "own folder and below it, and the standard library");
                }
                ScriptFile.Loaded loaded = ScriptFile.load(cwd, shown, tcps.run.Limits.DEFAULT.sourceBytes());
                return loaded.source() != null ? Library.Found.of(loaded.source())
                        : Library.Found.problem("cannot import \"" + name + "\": " + loaded.problem());
            }
        }
        String text = resource("/stdlib/" + file);
        if (text != null) {
            return Library.Found.of(new Source(STDLIB_PREFIX + file, text));
        }
        return Library.Found.problem("cannot import \"" + name + "\": there is no " + file
                + (fromStdlib ? "" : " beside the script") + " and none in the standard library (" + STDLIB + ")");
    }

    private static final String STDLIB_PREFIX = "stdlib/";

    /**
     * Whether {@code file}, links followed, lies in {@code folder} (links followed) or below it:
     * a name without `..` can still lead out of the folder through a link, to a file or a folder.
     */
    private static boolean inside(Path file, Path folder) {
        try {
            return file.toRealPath().startsWith(folder.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static String resource(String path) {
        try (InputStream in = Imports.class.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
