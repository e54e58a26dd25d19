package tcps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tcps.grammar.ScriptParser;
import tcps.syntax.Source;

/**
 * Every code block of README.md and docs/*.md is what tcps takes or prints. A block says what it
 * is with its info string (the word after the opening fence):
 *
 * <ul>
 *   <li>{@code tcps}: a script, which {@code tcps check} finds no error in and which runs without
 *       a failure;
 *   <li>{@code tcps exercise}: an exercise, which {@code tcps handout} hands out;
 *   <li>{@code tcps fragment}: a piece of a script that means something only in a larger one; it
 *       must parse, or else be a part of an exercise {@code tcps handout} hands out;
 *   <li>{@code console}: a terminal session. {@code $ tcps ...} (or {@code $ ./tcps ...}) is run
 *       in-process in a copy of the repository's scenarios/, stdlib/, exercises/ and docs/images/,
 *       and the lines up to the next {@code $} are exactly what it prints (stdout and stderr as a
 *       terminal shows them). {@code ...} in the shown output stands for whatever was left out (a
 *       line of its own: any lines). {@code $ cat NAME} followed by a text writes that file
 *       first; a file written under docs/ must be the one the repository holds;
 *   <li>{@code sh}: commands to type; each {@code tcps} command line must be one tcps accepts
 *       (its options are parsed, it is not run: benchmarks, fuzzing, servers);
 *   <li>{@code text}: anything else tcps does not read or print; a line {@code tcps COMMAND
 *       [...]} in it is a synopsis, whose every option must be one of that command;
 *   <li>another editor's or tool's language (vim, lua, json, ...): not checked.
 * </ul>
 *
 * An HTML comment on the line just before a block changes how it is checked:
 * {@code <!-- tcps: not run: REASON -->} (a console session whose tcps commands are only
 * parsed, as in {@code sh}; the reason says why), or {@code <!-- tcps: output of: COMMAND -->} (the block, of any
 * language, is a part of what COMMAND prints when run as in a console session).
 */
class DocExamplesTest {
    private static final Path ROOT = Path.of(System.getProperty("tcps.root", ".."));
    private static final Set<String> FOREIGN = Set.of("vim", "lua", "json", "toml", "elisp", "mermaid", "html");
    private static final Pattern NOTE = Pattern.compile("<!-- tcps: (not run|output of): (.+?) -->");

    @TempDir
    static Path scratch;

    /** One fenced block: where it is, its info string, the note before it, its lines. */
    record Block(Path doc, int line, String info, String note, String noteKind, List<String> lines) {
        String where() {
            return ROOT.relativize(doc) + ":" + line;
        }

        String text() {
            return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        }
    }

    static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (DirectoryStream<Path> d = Files.newDirectoryStream(ROOT.resolve("docs"), "*.md")) {
            d.forEach(docs::add);
        }
        docs.sort(null);
        return docs;
    }

    static List<Block> blocks(Path doc) throws IOException {
        List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.startsWith("```")) {
                continue;
            }
            int open = i;
            List<String> body = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                body.add(lines.get(i));
            }
            if (i == lines.size()) {
                fail(ROOT.relativize(doc) + ":" + (open + 1) + ": a code block that never ends");
            }
            String before = open > 0 ? lines.get(open - 1).trim() : "";
            Matcher note = NOTE.matcher(before);
            boolean noted = note.matches();
            if (!noted && before.startsWith("<!-- tcps")) {
                fail(ROOT.relativize(doc) + ":" + open + ": a note tcps does not know: " + before);
            }
            blocks.add(new Block(doc, open + 1, l.substring(3).trim(), noted ? note.group(2) : null,
                    noted ? note.group(1) : null, body));
        }
        return blocks;
    }

    @TestFactory
    Stream<DynamicTest> everyCodeBlockIsWhatTcpsTakesOrPrints() throws IOException {
        copyTree(ROOT.resolve("scenarios"), scratch.resolve("scenarios"));
        copyTree(ROOT.resolve("stdlib"), scratch.resolve("stdlib"));
        copyTree(ROOT.resolve("exercises"), scratch.resolve("exercises"));
        Files.createDirectories(scratch.resolve("docs/images"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Path doc : docs()) {
            for (Block b : blocks(doc)) {
                tests.add(DynamicTest.dynamicTest(b.where() + " " + b.info(), () -> check(b)));
            }
        }
        return tests.stream();
    }

    private static void check(Block b) throws IOException {
        if ("output of".equals(b.noteKind())) {
            List<String> words = words(b, b.note());
            assertTrue(isTcps(words.get(0)), b.where() + ": `output of` a tcps command, not " + b.note());
            String printed = CliRun.merged(scratch, words.subList(1, words.size()).toArray(String[]::new)).out();
            assertTrue(matches(b.text(), printed) || printed.contains(b.text()), b.where() + ": the block is not "
                    + "part of what `" + b.note() + "` prints, which is now:\n" + printed);
            return;
        }
        String[] info = b.info().split("\\s+");
        switch (info[0]) {
            case "tcps" -> {
                if (info.length > 1 && info[1].equals("fragment")) {
                    parses(b);
                } else if (info.length > 1 && info[1].equals("exercise")) {
                    handsOut(b);
                } else {
                    checks(b);
                }
            }
            case "console" -> session(b, "not run".equals(b.noteKind()));
            case "sh" -> commands(b);
            case "text" -> synopses(b);
            default -> assertTrue(FOREIGN.contains(info[0]), b.where() + ": say what the block is after its "
                    + "opening ``` (tcps, tcps exercise, tcps fragment, console, sh, text or another tool's language; see "
                    + "DocExamplesTest), not `" + b.info() + "`");
        }
    }

    /** A fragment parses as it is, or else tcps hands it out as a part of an exercise. */
    private static void parses(Block b) throws IOException {
        ScriptParser.Result r = ScriptParser.parse(new Source(b.where(), b.text()));
        if (r.ok()) {
            return;
        }
        Path dir = Files.createTempDirectory(scratch, "block");
        Files.writeString(dir.resolve("exercise.tcps"), "exercise \"e\" {\n" + b.text() + "}\n");
        CliRun asExercise = CliRun.merged(dir, "handout", "exercise.tcps");
        List<String> errors = r.errors().stream().map(d -> d.span() + ": " + d.message()).toList();
        assertEquals(0, asExercise.exit(), b.where() + ": the fragment does not parse:\n" + String.join("\n", errors)
                + "\nnor is it a part of an exercise:\n" + asExercise.out());
    }

    private static void checks(Block b) throws IOException {
        Path dir = Files.createTempDirectory(scratch, "block");
        Files.writeString(dir.resolve("example.tcps"), b.text(), StandardCharsets.UTF_8);
        CliRun r = CliRun.merged(dir, "check", "example.tcps");
        assertEquals(0, r.exit(), b.where() + ": the script has errors (mark it `tcps fragment` if it is only a "
                + "part of one):\n" + r.out());
        CliRun run = CliRun.merged(dir, "run", "example.tcps");
        assertEquals(0, run.exit(), b.where() + ": the script fails when run (mark it `tcps fragment` if it is "
                + "only a part of one):\n" + run.out());
    }

    private static void handsOut(Block b) throws IOException {
        Path dir = Files.createTempDirectory(scratch, "block");
        Files.writeString(dir.resolve("exercise.tcps"), b.text(), StandardCharsets.UTF_8);
        CliRun r = CliRun.merged(dir, "handout", "exercise.tcps");
        assertEquals(0, r.exit(), b.where() + ": `tcps handout` finds errors in the exercise:\n" + r.out());
    }

    private static void session(Block b, boolean parseOnly) throws IOException {
        List<String> lines = b.lines();
        assertTrue(!lines.isEmpty() && lines.get(0).startsWith("$ "), b.where() + ": a console session starts "
                + "with `$ COMMAND`");
        for (int i = 0; i < lines.size(); ) {
            int at = b.line() + 1 + i;
            String command = lines.get(i).substring(2);
            List<String> shown = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).startsWith("$ "); i++) {
                shown.add(lines.get(i));
            }
            String expected = shown.isEmpty() ? "" : String.join("\n", shown) + "\n";
            List<String> words = words(b, command);
            String where = ROOT.relativize(b.doc()) + ":" + at;
            if (words.get(0).equals("cat") && words.size() == 2) {
                Files.writeString(scratch.resolve(words.get(1)), expected, StandardCharsets.UTF_8);
                continue;
            }
            assertTrue(isTcps(words.get(0)), where + ": a console session runs only tcps and cat, not `" + command
                    + "`");
            String[] args = words.subList(1, words.size()).toArray(String[]::new);
            if (parseOnly) {
                accepted(where, command, args);
                continue;
            }
            String printed = CliRun.merged(scratch, args).out();
            if (!matches(expected, printed)) {
                fail(where + ": `" + command + "` does not print what the doc shows\n" + diff(expected, printed));
            }
        }
        sameAsTheRepository(b, scratch.resolve("docs"));
    }

    /** A file the commands wrote under docs/ is the one docs/ holds. */
    private static void sameAsTheRepository(Block b, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path rel = scratch.relativize(f);
                Path theirs = ROOT.resolve(rel);
                assertTrue(Files.exists(theirs) && Files.mismatch(f, theirs) == -1, b.where() + ": " + rel
                        + " is not what the command shown writes: run it");
            }
        }
    }

    private static void commands(Block b) {
        for (int i = 0; i < b.lines().size(); i++) {
            int first = i;
            String line = b.lines().get(i);
            while (line.endsWith("\\") && i + 1 < b.lines().size()) {
                line = line.substring(0, line.length() - 1) + b.lines().get(++i);
            }
            line = line.replaceFirst("(^|\\s+)#.*$", "").trim();
            List<String> words = words(b, line);
            int tcps = words.size() > 2 && words.get(0).equals("java") && words.get(1).equals("-jar")
                    && words.get(2).endsWith("tcps.jar") ? 3 : !words.isEmpty() && isTcps(words.get(0)) ? 1 : -1;
            if (tcps > 0) {
                accepted(ROOT.relativize(b.doc()) + ":" + (b.line() + 1 + first), line,
                        words.subList(tcps, words.size()).toArray(String[]::new));
            }
        }
    }

    /** tcps's options parser accepts the command line (it is not run). */
    private static void accepted(String where, String command, String[] args) {
        StringWriter sink = new StringWriter();
        CommandLine cl = Cli.commandLine(new PrintWriter(sink), new PrintWriter(sink), scratch);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            fail(where + ": tcps does not take `" + command + "`: " + e.getMessage());
        }
    }

    /** In a synopsis `tcps COMMAND [--option ...] ...`, every option is one COMMAND has. */
    private static void synopses(Block b) {
        CommandLine cl = Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                scratch);
        CommandLine command = null;
        for (int i = 0; i < b.lines().size(); i++) {
            String line = b.lines().get(i);
            Matcher m = Pattern.compile("^tcps ([a-z-]+)").matcher(line);
            if (m.find()) {
                command = cl.getSubcommands().get(m.group(1));
                assertTrue(command != null, b.where() + ": no command `tcps " + m.group(1) + "`");
            } else if (!line.startsWith(" ")) {
                command = null;
            }
            if (command == null) {
                continue;
            }
            Matcher option = Pattern.compile("(?<![\\w-])(--?[A-Za-z][\\w-]*)").matcher(line);
            while (option.find()) {
                String name = option.group(1);
                if (name.equals("--max-")) {
                    continue; // `--max-...`: every limit
                }
                boolean known = command.getCommandSpec().findOption(name) != null;
                if (!known && name.matches("-[A-Za-z]{2,}")) { // -tt is -t twice
                    known = command.getCommandSpec().findOption(name.substring(0, 2)) != null;
                }
                assertTrue(known, ROOT.relativize(b.doc()) + ":" + (b.line() + 1 + i) + ": `tcps "
                        + command.getCommandName() + "` has no option " + name);
            }
        }
    }

    private static boolean isTcps(String word) {
        return word.equals("tcps") || word.equals("./tcps");
    }

    /** The words of a command line as a shell splits them: quotes, and globs expanded in the scratch. */
    static List<String> words(Block b, String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = null;
        boolean glob = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                if (w != null) {
                    addWord(words, w.toString(), glob);
                    w = null;
                    glob = false;
                }
                continue;
            }
            if (w == null) {
                w = new StringBuilder();
            }
            if (c == '"' || c == '\'') {
                int end = line.indexOf(c, i + 1);
                assertTrue(end > 0, b.where() + ": an unclosed quote in `" + line + "`");
                w.append(line, i + 1, end);
                i = end;
            } else {
                glob |= c == '*';
                w.append(c);
            }
        }
        if (w != null) {
            addWord(words, w.toString(), glob);
        }
        return words;
    }

    private static void addWord(List<String> words, String word, boolean glob) {
        if (!glob) {
            words.add(word);
            return;
        }
        int slash = word.lastIndexOf('/');
        Path dir = slash < 0 ? scratch : scratch.resolve(word.substring(0, slash));
        if (!Files.isDirectory(dir)) {
            words.add(word);
            return;
        }
        String prefix = slash < 0 ? "" : word.substring(0, slash + 1);
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(dir, word.substring(slash + 1))) {
            d.forEach(p -> found.add(prefix + p.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(null);
        words.addAll(found.isEmpty() ? List.of(word) : found);
    }

    /**
     * The printed text is the shown one, where each {@code ...} of the shown text stands for any
     * text (a line {@code ...} of its own: any lines, or none).
     */
    static boolean matches(String shown, String printed) {
        if (!shown.contains("...")) {
            return shown.equals(printed);
        }
        String s = shown.replace("\n...\n", "\n...");
        s = s.startsWith("...\n") ? "..." + s.substring(4) : s;
        String[] pieces = s.split("\\.\\.\\.", -1);
        if (!printed.startsWith(pieces[0])) {
            return false;
        }
        int at = pieces[0].length();
        for (int i = 1; i < pieces.length - 1; i++) {
            int found = printed.indexOf(pieces[i], at);
            if (found < 0) {
                return false;
            }
            at = found + pieces[i].length();
        }
        String last = pieces[pieces.length - 1];
        return pieces.length == 1 || printed.length() - last.length() >= at && printed.endsWith(last);
    }

    /** The first line that differs, with a few lines around it, shown and printed. */
    static String diff(String shown, String printed) {
        String[] a = shown.split("\n", -1);
        String[] b = printed.split("\n", -1);
        int i = 0;
        while (i < a.length && i < b.length && a[i].equals(b[i])) {
            i++;
        }
        StringBuilder d = new StringBuilder("first difference at output line " + (i + 1) + ":\n");
        for (int k = Math.max(0, i - 2); k < Math.min(a.length, i + 3); k++) {
            d.append("- ").append(a[k]).append('\n');
        }
        for (int k = Math.max(0, i - 2); k < Math.min(b.length, i + 3); k++) {
            d.append("+ ").append(b[k]).append('\n');
        }
        return d.append("(- shown, + printed); the whole output is now:\n").append(printed).toString();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /**
     * A command in the prose ({@code `tcps run -n`}) is one tcps takes: its options parsed as in
     * an {@code sh} block; files left out ({@code `tcps run`}) are fine in a sentence.
     */
    @Test
    void everyTcpsCommandInTheProseIsOneTcpsTakes() throws IOException {
        Pattern span = Pattern.compile("`((?:\\./)?tcps [^`]*)`");
        Set<String> commands = Cli.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), ROOT).getSubcommands().keySet();
        List<String> wrong = new ArrayList<>();
        int spans = 0;
        for (Path doc : docs()) {
            List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
            boolean fenced = false;
            for (int i = 0; i < lines.size(); i++) {
                fenced ^= lines.get(i).startsWith("```");
                Matcher m = span.matcher(lines.get(i));
                while (!fenced && m.find()) {
                    String[] words = m.group(1).split("\\s+");
                    if (!commands.contains(words[1]) && !words[1].startsWith("-")) {
                        continue; // `tcps fragment`: a block's info string, not a command
                    }
                    spans++;
                    List<String> args = new ArrayList<>(List.of(words).subList(1, words.length));
                    for (int files = 0; files <= 3; files++) { // the files a sentence leaves out
                        StringWriter sink = new StringWriter();
                        try {
                            Cli.commandLine(new PrintWriter(sink), new PrintWriter(sink), ROOT)
                                    .parseArgs(args.toArray(String[]::new));
                            break;
                        } catch (CommandLine.MissingParameterException e) {
                            args.add("FILE");
                        } catch (CommandLine.ParameterException e) {
                            wrong.add(ROOT.relativize(doc) + ":" + (i + 1) + ": `" + m.group(1) + "`: "
                                    + e.getMessage());
                            break;
                        }
                    }
                }
            }
        }
        assertTrue(spans > 20, "the prose's commands were found");
        assertTrue(wrong.isEmpty(), "commands in the docs that tcps does not take:\n" + String.join("\n", wrong));
    }

    /** A file of the repository the docs name (`scenarios/x.tcps`, a link) is there. */
    @Test
    void everyFileTheDocsNameIsThere() throws IOException {
        Pattern named = Pattern.compile("(?<![\\w/.-])((?:scenarios|exercises|stdlib|docs|editors|grammar|interpreter"
                + "|bench)/[\\w./-]*[\\w/])|\\]\\(([^)#:]+)[)#]");
        List<String> missing = new ArrayList<>();
        int names = 0;
        for (Path doc : docs()) {
            List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = named.matcher(lines.get(i));
                while (m.find()) {
                    String name = m.group(1) != null ? m.group(1) : m.group(2);
                    if (name.contains("/target/") || name.contains("*")) {
                        continue; // built, or a pattern
                    }
                    names++;
                    boolean there = m.group(1) != null ? Files.exists(ROOT.resolve(name))
                            : Files.exists(doc.getParent().resolve(name));
                    if (!there) {
                        missing.add(ROOT.relativize(doc) + ":" + (i + 1) + ": " + name);
                    }
                }
            }
        }
        assertTrue(names > 40, "the docs' file names were found");
        assertTrue(missing.isEmpty(), "files the docs name that are not there:\n" + String.join("\n", missing));
    }

    /**
     * Every command and every option of one (by one of its names; -h and -V aside) is in the docs
     * somewhere.
     */
    @Test
    void theDocsMentionEveryCommandAndOption() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path doc : docs()) {
            all.append(Files.readString(doc, StandardCharsets.UTF_8)).append('\n');
        }
        List<String> missing = new ArrayList<>();
        CommandLine top = Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                ROOT);
        java.util.Map<String, CommandLine> commands = new java.util.LinkedHashMap<>();
        commands.put("", top);
        top.getSubcommands().forEach((name, sub) -> commands.put(" " + name, sub));
        for (var sub : commands.entrySet()) {
            if (sub.getValue().getCommandSpec().usageMessage().hidden()) {
                continue;
            }
            if (!Pattern.compile("tcps" + sub.getKey() + "\\b").matcher(all).find()) {
                missing.add("tcps" + sub.getKey());
            }
            for (CommandLine.Model.OptionSpec o : sub.getValue().getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp()) {
                    continue; // -h and -V, which every command has
                }
                boolean named = false;
                for (String name : o.names()) {
                    named |= Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(all).find();
                }
                if (!named && !o.hidden()) {
                    missing.add("tcps" + sub.getKey() + " " + o.longestName());
                }
            }
        }
        assertTrue(missing.isEmpty(), "what the docs never mention:\n" + String.join("\n", missing));
    }

    @Test
    void theEllipsisStandsForWhatWasLeftOut() {
        assertTrue(matches("a\n...\nz\n", "a\nb\nc\nz\n"));
        assertTrue(matches("a\n...\nz\n", "a\nz\n"));
        assertTrue(matches("a\n...\n", "a\nb\n"));
        assertTrue(matches("...\nb\n...\n", "a\nb\nc\n"));
        assertTrue(matches("flags are ... (in x)\n", "flags are S, F (in x)\n"));
        assertTrue(!matches("a\n...\nz\n", "b\nz\n"));
        assertTrue(!matches("a\n...\nz\n", "a\nz\nq\n"));
        assertTrue(!matches("a\nb\n", "a\nb\nc\n"));
    }
}
