package tcps.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tcps.grammar.Lexemes;

/**
 * The Vim syntax file (editors/vim/syntax/tcps.vim) knows every keyword of Tcps.g4, and, run by
 * a real Vim on every script of the project, colours each keyword, comment, string, number and
 * bracketed flag as the ANTLR lexer reads it. (The second test needs vim on PATH; run-tests
 * installs it where it can, and the test says so when it is skipped.)
 */
class VimSyntaxTest {
    private static final Path VIM = TextMateGrammarTest.ROOT.resolve("editors/vim");
    private static final Set<String> KEYWORD_GROUPS = Set.of("tcpsDeclaration", "tcpsModifier", "tcpsControl",
            "tcpsFault", "tcpsCall", "tcpsSetup");
    private static final Set<String> NUMBER_GROUPS = Set.of("tcpsNumber", "tcpsAddress", "tcpsDuration");
    /**
     * How far into a line the test looks: Vim colours up to 'synmaxcol' (3000 bytes), but asking
     * it for every byte of a long line costs the square of the length (a student's 40,000
     * character line took half a minute at 3000); every line of the project's scripts but such
     * a one is shorter than this.
     */
    private static final int COLUMNS_CHECKED = 1000;
    private static final Set<String> STRING_GROUPS = Set.of("tcpsString", "tcpsEscape", "tcpsBadEscape");

    @Test
    void everyKeywordOfTheGrammarIsAVimKeyword() throws IOException {
        Set<String> listed = new LinkedHashSet<>();
        for (String line : Files.readAllLines(VIM.resolve("syntax/tcps.vim"), StandardCharsets.UTF_8)) {
            String[] words = line.trim().split("\\s+");
            if (words.length > 3 && words[0].equals("syn") && words[1].equals("keyword")
                    && KEYWORD_GROUPS.contains(words[2])) {
                listed.addAll(List.of(words).subList(3, words.length));
            }
        }
        List<String> missing = new ArrayList<>(Lexemes.keywords());
        missing.removeAll(listed);
        assertEquals(List.of(), missing, "keywords of Tcps.g4 missing from the `syn keyword` lines of "
                + "editors/vim/syntax/tcps.vim (groups " + KEYWORD_GROUPS + "); add them there and to "
                + "editors/vscode/syntaxes/tcps.tmLanguage.json");
    }

    @Test
    void vimColoursEveryScriptAsTheLexerReadsIt(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(onPath("vim"), "vim is not installed: the Vim syntax file was checked for "
                + "keywords only");
        List<Path> scripts = TextMateGrammarTest.scripts();
        // One Vim for every file: it writes the syntax group of every byte, a line of names per line.
        StringBuilder vimScript = new StringBuilder();
        for (int i = 0; i < scripts.size(); i++) {
            vimScript.append("edit ").append(scripts.get(i).toAbsolutePath().toString().replace(" ", "\\ ")).append('\n')
                    .append("set filetype=tcps\n")
                    .append("let s:out = []\n")
                    .append("for s:l in range(1, line('$'))\n")
                    .append("  call add(s:out, join(map(range(1, min([col([s:l, '$']) - 1, " + COLUMNS_CHECKED + "])), ")
                    .append("{_, c -> synIDattr(synID(s:l, c, 1), 'name')}), ' '))\n")
                    .append("endfor\n")
                    .append("call writefile(s:out, '").append(tmp.resolve(i + ".txt")).append("')\n");
        }
        vimScript.append("qa!\n");
        Path commands = tmp.resolve("dump.vim");
        Files.writeString(commands, vimScript.toString(), StandardCharsets.UTF_8);
        Process vim = new ProcessBuilder("vim", "-N", "-u", "NONE", "-i", "NONE", "-n", "-es",
                "--cmd", "set rtp^=" + VIM.toAbsolutePath(), "--cmd", "syntax on", "-S", commands.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("vim.log").toFile()).start();
        assertTrue(vim.waitFor(60, TimeUnit.SECONDS), "vim finished");

        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            Path out = tmp.resolve(i + ".txt");
            assertTrue(Files.exists(out), "vim wrote the groups of " + scripts.get(i) + "; its log: "
                    + Files.readString(tmp.resolve("vim.log")));
            List<String> groups = Files.readAllLines(out, StandardCharsets.UTF_8);
            String text = Files.readString(scripts.get(i), StandardCharsets.UTF_8);
            String[] lines = text.split("\r?\n|\r", -1);
            List<Lexemes.Lexeme> lexemes = Lexemes.of(text);
            for (Lexemes.Lexeme l : lexemes) {
                String line = lines[l.span().line() - 1];
                // Vim counts bytes; the lexer counts code points.
                int cp = line.offsetByCodePoints(0, l.span().column() - 1);
                int from = line.substring(0, cp).getBytes(StandardCharsets.UTF_8).length;
                int to = from + l.text().getBytes(StandardCharsets.UTF_8).length;
                String[] names = (" " + groups.get(l.span().line() - 1) + " ").split(" ", -1);
                for (int b = from; b < Math.min(to, COLUMNS_CHECKED); b++) {
                    String group = names[b + 1];
                    if (!agrees(l, group)) {
                        wrong.add(TextMateGrammarTest.ROOT.relativize(scripts.get(i)) + ":" + l.span() + " `" + l.text()
                                + "` is " + l.kind() + ", Vim colours it " + (group.isEmpty() ? "(nothing)" : group));
                        break;
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), "editors/vim/syntax/tcps.vim colours these unlike the lexer reads them:\n"
                + String.join("\n", wrong));
    }

    private static boolean agrees(Lexemes.Lexeme l, String group) {
        switch (l.kind()) {
            case KEYWORD:
                return KEYWORD_GROUPS.contains(group);
            case COMMENT:
                return group.equals("tcpsComment");
            case STRING:
                return STRING_GROUPS.contains(group);
            case NUMBER:
                // the 1 of FIN-WAIT-1 and the 1990 of bsd-1990 belong to the name they end
                return NUMBER_GROUPS.contains(group) || group.equals("tcpsState") || group.equals("tcpsProfileName");
            case DURATION:
            case ADDRESS:
                return NUMBER_GROUPS.contains(group);
            case FLAGS:
                return group.equals("tcpsFlags");
            case INVALID:
                return true;
            default:
                return !KEYWORD_GROUPS.contains(group) && !NUMBER_GROUPS.contains(group)
                        && !STRING_GROUPS.contains(group) && !group.equals("tcpsComment");
        }
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
