package tcps.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tcps.grammar.Lexemes;
import tcps.tcp.TcpFlags;
import tcps.tcp.TcpState;

/**
 * The VS Code extension's TextMate grammar (editors/vscode/syntaxes/tcps.tmLanguage.json) agrees
 * with the ANTLR lexer: on every script of the project each keyword is coloured as a keyword,
 * each comment, string, number and bracketed flag as such, and no identifier as a keyword; and
 * every keyword, state and flag word the language has is in the grammar. A keyword added to
 * Tcps.g4 fails this test until the editor grammars know it.
 */
class TextMateGrammarTest {
    static final Path ROOT = Path.of(System.getProperty("tcps.root", ".."));
    static final Path VSCODE = ROOT.resolve("editors/vscode");
    private static TextMate grammar;

    @BeforeAll
    static void load() throws IOException {
        grammar = TextMate.load(VSCODE.resolve("syntaxes/tcps.tmLanguage.json"));
    }

    /** What a lexeme looks like to a colour theme, from its innermost scope. */
    enum Look {
        KEYWORD, COMMENT, STRING, NUMBER, FLAGS, OTHER;

        static Look of(List<String> scopes) {
            if (scopes.isEmpty()) {
                return OTHER;
            }
            String s = scopes.get(scopes.size() - 1);
            if (s.startsWith("comment.") || s.startsWith("punctuation.definition.comment")) {
                return COMMENT;
            }
            if (s.startsWith("string.") || s.startsWith("punctuation.definition.string")
                    || s.startsWith("constant.character.escape") || scopes.stream().anyMatch(x -> x.startsWith("string."))) {
                return STRING;
            }
            if (s.startsWith("constant.numeric.")) {
                return NUMBER;
            }
            if (s.startsWith("constant.language.flags.")) {
                return FLAGS;
            }
            if (s.startsWith("keyword.") && !s.startsWith("keyword.operator.") || s.startsWith("storage.")) {
                return KEYWORD;
            }
            return OTHER;
        }
    }

    /** Every .tcps file of the project: the scenarios, the standard library, the exercises. */
    static List<Path> scripts() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("scenarios", "stdlib", "exercises")) {
            Path d = ROOT.resolve(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.walk(d)) {
                    s.filter(p -> p.toString().endsWith(".tcps")).sorted().forEach(out::add);
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyScriptIsColouredAsTheLexerReadsIt() throws IOException {
        List<Path> scripts = scripts();
        assertTrue(scripts.size() > 10, "the scripts were found under " + ROOT.toAbsolutePath());
        return scripts.stream().map(p -> DynamicTest.dynamicTest(ROOT.relativize(p).toString(), () -> {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            List<String> wrong = disagreements(text);
            assertTrue(wrong.isEmpty(), ROOT.relativize(p) + ": the TextMate grammar colours these unlike the "
                    + "lexer reads them:\n" + String.join("\n", wrong));
        }));
    }

    /** One line per lexeme coloured against its kind, as "line:col `text` is KIND, coloured LOOK (scopes)". */
    static List<String> disagreements(String text) {
        List<List<List<String>>> scopes = grammar.tokenize(text);
        String[] lines = text.split("\r?\n|\r", -1);
        List<String> wrong = new ArrayList<>();
        List<Lexemes.Lexeme> lexemes = Lexemes.of(text);
        for (int n = 0; n < lexemes.size(); n++) {
            Lexemes.Lexeme l = lexemes.get(n);
            String line = lines[l.span().line() - 1];
            int from = line.offsetByCodePoints(0, l.span().column() - 1); // columns count code points
            int to = line.offsetByCodePoints(from, l.text().codePointCount(0, l.text().length()));
            for (int i = from; i < to; i++) {
                List<String> s = scopes.get(l.span().line() - 1).get(i);
                Look look = Look.of(s);
                if (!agrees(l.kind(), look) && !(look == Look.OTHER && inHyphenatedName(lexemes, n))) {
                    wrong.add(l.span() + " `" + l.text() + "` is " + l.kind() + ", coloured " + look + " " + s);
                    break;
                }
            }
        }
        return wrong;
    }

    /** The 1 of FIN-WAIT-1 and the 1990 of bsd-1990: numbers the lexer splits off a name the editor shows whole. */
    private static boolean inHyphenatedName(List<Lexemes.Lexeme> lexemes, int n) {
        if (n < 2 || lexemes.get(n).kind() != Lexemes.Kind.NUMBER) {
            return false;
        }
        Lexemes.Lexeme dash = lexemes.get(n - 1);
        Lexemes.Lexeme word = lexemes.get(n - 2);
        return dash.text().equals("-") && word.kind() == Lexemes.Kind.IDENTIFIER && adjacent(word, dash)
                && adjacent(dash, lexemes.get(n));
    }

    private static boolean adjacent(Lexemes.Lexeme a, Lexemes.Lexeme b) {
        return a.span().line() == b.span().line() && a.span().column() + a.text().length() == b.span().column();
    }

    private static boolean agrees(Lexemes.Kind kind, Look look) {
        switch (kind) {
            case KEYWORD:
                return look == Look.KEYWORD;
            case COMMENT:
                return look == Look.COMMENT;
            case STRING:
                return look == Look.STRING;
            case NUMBER:
            case DURATION:
            case ADDRESS:
                return look == Look.NUMBER;
            case FLAGS:
                return look == Look.FLAGS;
            case INVALID:
                return true; // an unterminated string or a stray character: whatever the editor shows
            default: // identifiers and punctuation: never a keyword, comment, string or number
                return look == Look.OTHER || look == Look.FLAGS;
        }
    }

    @Test
    void everyKeywordOfTheGrammarIsAKeywordInTheEditor() {
        List<String> missing = new ArrayList<>();
        for (String k : Lexemes.keywords()) {
            List<String> s = grammar.tokenize(k).get(0).get(0);
            if (Look.of(s) != Look.KEYWORD) {
                missing.add(k);
            }
        }
        assertEquals(List.of(), missing, "keywords of Tcps.g4 that editors/vscode/syntaxes/tcps.tmLanguage.json "
                + "does not colour as keywords: add them to its repository.keywords (and to "
                + "editors/vim/syntax/tcps.vim)");
    }

    @Test
    void theEmacsModeInTheDocsKnowsEveryKeyword() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/editors.md"), StandardCharsets.UTF_8);
        int from = page.indexOf("(regexp-opt '(");
        assertTrue(from > 0, "docs/editors.md has the Emacs mode's keyword list");
        String list = page.substring(from, page.indexOf(")", from + 14));
        List<String> missing = new ArrayList<>();
        for (String k : Lexemes.keywords()) {
            if (!list.contains("\"" + k + "\"")) {
                missing.add(k);
            }
        }
        assertEquals(List.of(), missing, "keywords missing from the Emacs mode in docs/editors.md");
    }

    @Test
    void everyStateAndFlagWordIsNamedAsSuch() {
        for (TcpState state : TcpState.values()) {
            List<String> s = scopesAt("expect client state " + state.rfcName(), 20);
            assertTrue(s.contains("constant.language.state.tcps"), state + " is coloured " + s);
        }
        for (String word : TcpFlags.allWords()) {
            List<String> s = scopesAt("expect " + word + " seq=1", 7);
            assertTrue(s.contains("constant.language.flags.tcps"), word + " is coloured " + s);
        }
        assertTrue(scopesAt("expect SYN-ACK", 11).contains("constant.language.flags.tcps"), "SYN-ACK is one flags word");
        assertTrue(scopesAt("expect client state SYN-SENT", 24).contains("constant.language.state.tcps"),
                "SYN-SENT is a state, not the flag SYN");
    }

    @Test
    void profileBlocksColourTheirParameters() {
        String text = "profile lab extends bsd-1990 {\n  syn_retries 2; time_wait 30s\n  sack off\n}\nclient connect\n";
        List<List<List<String>>> s = grammar.tokenize(text);
        assertTrue(s.get(0).get(8).contains("entity.name.type.profile.tcps"), "the profile's name");
        assertTrue(s.get(0).get(25).contains("entity.name.type.profile.tcps"), "bsd-1990, whole: " + s.get(0).get(25));
        assertTrue(s.get(1).get(2).contains("variable.parameter.profile.tcps"), "syn_retries");
        assertTrue(s.get(1).get(18).contains("variable.parameter.profile.tcps"), "time_wait after `;`");
        assertTrue(s.get(2).get(7).contains("constant.language.boolean.tcps"), "off");
        assertFalse(s.get(4).get(0).contains("variable.parameter.profile.tcps"), "the block ends at `}`");
        assertEquals(Look.KEYWORD, Look.of(s.get(4).get(7)), "connect, after the block");
    }

    @Test
    void commentsAndStringsHideWhatIsInsideThem() {
        assertEquals(List.of(), disagreements("client write \"expect # not a comment\" # expect: a comment\n"
                + "// expect nothing\nclient write \"unterminated expect\n"));
        assertEquals(Look.STRING, Look.of(scopesAt("client write \"a\\x41\\n\"", 16)), "an escape is in the string");
    }

    @Test
    void aVeryLongLineCostsSearchesInProportionToItsTokens() {
        // A submission once held `win=1+1+1...`, 40,000 characters on one line; scanning the rest
        // of the line for every pattern at every token made the suite hang.
        String line = "expect client > server SYN win=" + "1+".repeat(20_000) + "1 # done";
        long before = grammar.searches;
        List<List<String>> scopes = grammar.tokenize(line).get(0);
        long searches = grammar.searches - before;
        assertTrue(searches < 5 * 40_000, searches + " regex searches for 40,000 tokens");
        assertEquals(Look.NUMBER, Look.of(scopes.get(line.length() - 8)), "the last 1");
        assertEquals(Look.COMMENT, Look.of(scopes.get(line.length() - 1)), "the comment at the end");
    }

    @Test
    void theExtensionFolderIsComplete() throws IOException {
        JsonObject pkg = json(VSCODE.resolve("package.json"));
        JsonObject contributes = pkg.getAsJsonObject("contributes");
        JsonObject language = contributes.getAsJsonArray("languages").get(0).getAsJsonObject();
        assertEquals("tcps", language.get("id").getAsString());
        assertTrue(strings(language.getAsJsonArray("extensions")).contains(".tcps"));
        JsonObject config = json(VSCODE.resolve(language.get("configuration").getAsString()));
        assertEquals("#", config.getAsJsonObject("comments").get("lineComment").getAsString(),
                "# is the comment the language's own files use (// works too)");
        JsonObject tm = contributes.getAsJsonArray("grammars").get(0).getAsJsonObject();
        assertEquals("tcps", tm.get("language").getAsString());
        assertEquals("source.tcps", tm.get("scopeName").getAsString());
        assertTrue(Files.isRegularFile(VSCODE.resolve(tm.get("path").getAsString())), "the grammar path exists");
        assertEquals("source.tcps", json(VSCODE.resolve(tm.get("path").getAsString())).get("scopeName").getAsString());
        JsonObject snippets = contributes.getAsJsonArray("snippets").get(0).getAsJsonObject();
        assertTrue(Files.isRegularFile(VSCODE.resolve(snippets.get("path").getAsString())), "the snippets exist");
        String main = pkg.get("main").getAsString();
        assertTrue(Files.isRegularFile(VSCODE.resolve(main)), "the extension's main script exists: " + main);
    }

    private static List<String> scopesAt(String line, int column) {
        return grammar.tokenize(line).get(0).get(column);
    }

    static JsonObject json(Path p) throws IOException {
        return JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : a) {
            out.add(e.getAsString());
        }
        return out;
    }
}
