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

    @Test
    void theReadmesTourShowsWhatTcpsPrints() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        String oneLiner = CliRun.separate(ROOT, "run", "scenarios/one-liner.tcps").out();
        assertTrue(readme.contains("$ ./tcps run scenarios/one-liner.tcps\n" + oneLiner + "```"),
                "README's one-liner output is out of date; it is now:\n" + oneLiner);
        String failing = CliRun.separate(ROOT, "run", "scenarios/fails-on-purpose.tcps").out();
        String quoted = readme.split("\\(`scenarios/fails-on-purpose.tcps`\\):\n\n```\n")[1].split("```")[0];
        assertTrue(failing.contains(quoted), "README's failing-assertion excerpt is not what tcps prints:\n" + failing);
        String seed = CliRun.separate(ROOT, "run", "scenarios/seed-000-linux-loopback.tcps").out();
        String seedQuoted = readme.split("the clock aside:\n\n```\n")[1].split("\\.\\.\\.")[0];
        assertTrue(seed.contains(seedQuoted), "README's seed 000 excerpt is not what tcps prints:\n" + seed);
    }
}
