package tcps.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The documentation says what the code does. */
class DocsTest {
    private static final Path ROOT = Path.of(System.getProperty("tcps.root", ".."));

    @Test
    void theProfilesPageHoldsTheTableTheCodePrints() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/profiles.md"), StandardCharsets.UTF_8);
        assertTrue(page.contains(ProfilesCommand.table()),
                "docs/profiles.md is out of date: paste the output of `tcps profiles` between its markers");
    }

    @Test
    void theLanguageReferenceMentionsEveryKeywordOfTheGrammar() throws IOException {
        String grammar = Files.readString(ROOT.resolve("grammar/src/main/antlr4/tcps/grammar/Tcps.g4"),
                StandardCharsets.UTF_8);
        String reference = Files.readString(ROOT.resolve("docs/language.md"), StandardCharsets.UTF_8);
        Matcher keyword = Pattern.compile("(?m)^[A-Z_]+\\s*:\\s*'([a-z]+)'\\s*;").matcher(grammar);
        List<String> missing = new ArrayList<>();
        while (keyword.find()) {
            if (!Pattern.compile("`[^`]*\\b" + keyword.group(1) + "\\b[^`]*`").matcher(reference).find()) {
                missing.add(keyword.group(1));
            }
        }
        assertTrue(missing.isEmpty(), "keywords the language reference never shows in code: " + missing);
    }
}
