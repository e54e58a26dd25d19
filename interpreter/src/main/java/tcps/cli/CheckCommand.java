package tcps.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tcps check FILE...}: parses and checks without running (for editors and graders). */
@Command(name = "check",
        defaultValueProvider = LimitOptions.RunDefaults.class,
        description = "Parses and checks each FILE without running it; prints every error found.",
        footer = ExitCode.HELP_TEXT)
final class CheckCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @ParentCommand
    private TcpsCommand parent;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private LimitOptions limitOptions = new LimitOptions();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scripts to check (.tcps).")
    private List<String> files;

    @Override
    public Integer call() {
        FrontEnd front = FrontEnd.of(parent.cwd(), files, limitOptions.limits(spec.commandLine()));
        if (!front.ok()) {
            front.printProblems(spec.commandLine().getErr());
            return ExitCode.SCRIPT_ERROR;
        }
        PrintWriter out = spec.commandLine().getOut();
        int scenarios = front.checked().stream().mapToInt(c -> c.plans().size()).sum();
        out.println(files.size() + (files.size() == 1 ? " file, " : " files, ") + scenarios
                + (scenarios == 1 ? " scenario" : " scenarios") + ": no errors");
        out.flush();
        return ExitCode.PASSED;
    }
}
