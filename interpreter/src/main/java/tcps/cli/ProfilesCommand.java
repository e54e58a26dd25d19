package tcps.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tcps.check.ParameterValues;
import tcps.tcp.Parameter;
import tcps.tcp.Profile;
import tcps.check.StandardLibrary;

/** {@code tcps profiles}: every profile parameter, what it means, and its value in each built-in stack. */
@Command(name = "profiles",
        description = "Lists the stack profiles and every parameter a `profile` block can set, with its value "
                + "in each built-in stack, as a Markdown table.",
        footer = ExitCode.HELP_TEXT)
final class ProfilesCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(table());
        out.flush();
        return ExitCode.PASSED;
    }

    /** The table docs/profiles.md holds (a test keeps the two equal). */
    static String table() {
        List<Profile> stacks = new ArrayList<>(StandardLibrary.stacks().values());
        StringBuilder sb = new StringBuilder("| parameter | meaning | values |");
        stacks.forEach(p -> sb.append(' ').append(p.name()).append(" |"));
        sb.append("\n|---|---|---|");
        stacks.forEach(p -> sb.append("---|"));
        sb.append('\n');
        for (Parameter parameter : Profile.parameters()) {
            sb.append("| `").append(parameter.name()).append("` | ").append(parameter.description())
                    .append(" | ").append(ParameterValues.of(parameter)).append(" |");
            for (Profile p : stacks) {
                Object v = p.value(parameter.name());
                sb.append(' ').append(ParameterValues.shown(parameter, v)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
