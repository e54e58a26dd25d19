package tcps.lsp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The server sees text mid-edit far more often than text that parses. Every script of the
 * project, cut off at many places as if it were being typed, gives diagnostics inside the
 * document, and completion, hover and definition at the cut answer without throwing.
 */
class TypingTest {
    private static final Path ROOT = Path.of(System.getProperty("tcps.root", ".."));
    private static final int CUTS_PER_FILE = 12;

    @TestFactory
    Stream<DynamicTest> everyScriptCutAnywhereIsAnswered() throws IOException {
        List<Path> scripts = new ArrayList<>();
        for (String dir : List.of("scenarios", "stdlib", "exercises")) {
            if (Files.isDirectory(ROOT.resolve(dir))) {
                try (Stream<Path> s = Files.walk(ROOT.resolve(dir))) {
                    s.filter(p -> p.toString().endsWith(".tcps")).sorted().forEach(scripts::add);
                }
            }
        }
        assertTrue(scripts.size() > 10);
        return scripts.stream().map(p -> DynamicTest.dynamicTest(ROOT.relativize(p).toString(), () -> {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            for (int k = 1; k <= CUTS_PER_FILE; k++) {
                int cut = (int) ((long) text.length() * k / (CUTS_PER_FILE + 1));
                cut = Character.isLowSurrogate(text.charAt(cut)) ? cut - 1 : cut;
                String typed = text.substring(0, cut);
                Analysis a = Analysis.of(p.toString(), typed);
                String[] lines = typed.split("\r\n|\n|\r", -1);
                for (Diagnostic d : a.diagnostics()) {
                    int line = d.getRange().getStart().getLine();
                    assertTrue(line < lines.length && d.getRange().getEnd().getCharacter() <= lines[line].length(),
                            "diagnostic inside the document: " + d + " at cut " + cut);
                }
                int lastLine = lines.length;
                int column = lines[lines.length - 1].codePointCount(0, lines[lines.length - 1].length()) + 1;
                Completions.at(Context.at(typed, lastLine, column));
                Navigation.hover(a, typed, lastLine, Math.max(1, column - 1));
                Definitions.at(p.toUri().toString(), typed, lastLine, Math.max(1, column - 1));
            }
        }));
    }
}
