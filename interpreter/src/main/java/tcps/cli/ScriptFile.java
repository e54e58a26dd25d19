package tcps.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import tcps.syntax.Source;

/** Reads a script file as UTF-8 text, or says in one sentence why it cannot. */
final class ScriptFile {
    private static final long MAX_SIZE = 16L * 1024 * 1024;

    /** A loaded source, or the reason there is none. */
    record Loaded(Source source, String problem) {}

    private ScriptFile() {}

    /** @param name the path as the user typed it (used in every message) */
    static Loaded load(Path cwd, String name) {
        Path path = cwd.resolve(name);
        try {
            if (Files.isDirectory(path)) {
                return problem(name + " is a directory, not a script");
            }
            if (Files.exists(path) && Files.size(path) > MAX_SIZE) {
                return problem(name + " is larger than 16 MiB; that is not a script");
            }
            byte[] bytes = Files.readAllBytes(path);
            int nul = indexOfNul(bytes);
            if (nul >= 0) {
                return problem(name + " is not a text file (it contains a NUL byte at offset " + nul + ")");
            }
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return new Loaded(new Source(name, text), null);
        } catch (NoSuchFileException e) {
            return problem("cannot read " + name + ": no such file");
        } catch (CharacterCodingException e) {
            return problem(name + " is not UTF-8 text");
        } catch (IOException e) {
            return problem("cannot read " + name + ": " + e.getMessage());
        }
    }

    private static Loaded problem(String text) {
        return new Loaded(null, text);
    }

    private static int indexOfNul(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
