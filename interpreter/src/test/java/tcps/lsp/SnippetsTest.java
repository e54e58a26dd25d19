package tcps.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every snippet of the VS Code extension (editors/vscode/snippets/tcps.json), with its
 * placeholders left as they are offered, is a script that runs and passes: a student who
 * accepts one gets a working scenario. The close snippet follows the handshake one, as it is
 * meant to; the profile snippet gets a statement to run.
 */
class SnippetsTest {
    private static final Path SNIPPETS = Path.of(System.getProperty("tcps.root", ".."))
            .resolve("editors/vscode/snippets/tcps.json");
    private static final Pattern DEFAULT = Pattern.compile("\\$\\{(\\d+):([^}]*)\\}");
    private static final Pattern CHOICE = Pattern.compile("\\$\\{(\\d+)\\|([^,|]*)[^}]*\\}");
    private static final Pattern TABSTOP = Pattern.compile("\\$(\\d+)");

    @TestFactory
    Stream<DynamicTest> everySnippetRunsAndPasses() throws IOException {
        JsonObject snippets = JsonParser.parseString(Files.readString(SNIPPETS, StandardCharsets.UTF_8)).getAsJsonObject();
        assertTrue(snippets.size() >= 4);
        return snippets.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String text = expand(e.getValue().getAsJsonObject());
            if (e.getKey().equals("close")) {
                text = expand(snippets.getAsJsonObject("handshake")) + text;
            } else if (e.getKey().equals("profile")) {
                text += "client connect\n";
            }
            List<Diagnostic> d = Analysis.of("snippet-" + e.getKey() + ".tcps", text).diagnostics();
            assertEquals(List.of(), d, "the `" + e.getKey() + "` snippet as offered:\n" + text);
        }));
    }

    /** The body as VS Code inserts it when every placeholder is accepted as it is. */
    static String expand(JsonObject snippet) {
        StringBuilder body = new StringBuilder();
        for (JsonElement line : snippet.getAsJsonArray("body")) {
            body.append(line.getAsString()).append('\n');
        }
        Map<String, String> defaults = new HashMap<>();
        Matcher m = DEFAULT.matcher(body);
        while (m.find()) {
            defaults.put(m.group(1), m.group(2));
        }
        m = CHOICE.matcher(body);
        while (m.find()) {
            defaults.put(m.group(1), m.group(2));
        }
        String s = DEFAULT.matcher(body).replaceAll(r -> Matcher.quoteReplacement(r.group(2)));
        s = CHOICE.matcher(s).replaceAll(r -> Matcher.quoteReplacement(r.group(2)));
        return TABSTOP.matcher(s).replaceAll(r -> Matcher.quoteReplacement(defaults.getOrDefault(r.group(1), "")));
    }
}
