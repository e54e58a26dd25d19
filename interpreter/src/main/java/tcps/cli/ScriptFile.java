package tcps.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import tcps.run.Limits;
import tcps.syntax.Source;

/** Reads a script file as UTF-8 text, or says in one sentence why it cannot. */
final class ScriptFile {
    /** A loaded source, or the reason there is none. */
    record Loaded(Source source, String problem) {}

    private ScriptFile() {}

    /**
     * Reads at most {@code maxBytes} (and says so when there is more): the bound is on the bytes
     * actually read, not on the size the file claims, which is 0 for a device. Only a regular
     * file is read: a FIFO or a device could block or never end.
     *
     * @param name the path as the user typed it (used in every message)
     */
    static Loaded load(Path cwd, String name, long maxBytes) {
        Path path = cwd.resolve(name);
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                return problem(name + " is a directory, not a script");
            }
            if (!attributes.isRegularFile()) {
                return problem(name + " is not a regular file (a device, a FIFO or a socket); tcps reads scripts "
                        + "from files only");
            }
            byte[] bytes = readAtMost(path, maxBytes);
            if (bytes == null) {
                return problem(name + " is larger than " + Limits.bytes(maxBytes) + "; that is not a script "
                        + "(--max-source-bytes)");
            }
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
        } catch (CharacterCodingException e) {
            return problem(name + " is not UTF-8 text");
        } catch (IOException e) {
            return problem("cannot read " + name + ": " + reason(e));
        }
    }

    /** The file's bytes, or null when it holds more than {@code max}. */
    private static byte[] readAtMost(Path path, long max) throws IOException {
        // NOFOLLOW is not used: a link to a script is fine; what it names was checked above.
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
                InputStream in = Channels.newInputStream(channel)) {
            byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            return bytes.length > max ? null : bytes;
        }
    }

    /**
     * The operating system's reason, in its words but without Java's: "no such file or
     * directory", "permission denied", "not a directory".
     */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String reason = f.getReason();
            return reason.isEmpty() ? "error" : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
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

    /** Whether {@code a} and {@code b} are the same existing file (for outputs that must not overwrite inputs). */
    static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
