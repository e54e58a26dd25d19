package tcps.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tcps lsp}: the language server, for editors (docs/editors.md). It speaks LSP on stdin
 * and stdout; the rest of the program never loads it.
 */
@Command(name = "lsp",
        description = {"Runs the tcps language server on stdin and stdout, for editors: errors as you type, "
                + "completion, the value of an expression after a run on hover, go to definition, an outline, "
                + "formatting as tcps fmt does. "
                + "An editor starts it; docs/editors.md says how for VS Code, Neovim, Vim, Helix and Emacs."},
        footer = {"%nExit status:%n"
                + "  0   the editor said shutdown, then exit%n"
                + "  1   the editor closed the connection, or said exit without shutdown (as LSP says)%n"
                + "  64  the command line is wrong%n"})
final class LspCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--stdio", description = "Talk over stdin and stdout (the default and only way; "
            + "accepted because some editors pass it).")
    boolean stdio;

    @Override
    public Integer call() {
        // Only here is tcps.lsp (and LSP4J) loaded: other commands start as fast as before.
        return tcps.lsp.LanguageServerMain.serve(System.in, System.out);
    }
}
