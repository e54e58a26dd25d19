package tcps.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tcps.grade.Assignment;

/** {@code tcps handout EXERCISE [--student ID]}: what a student gets. */
@Command(name = "handout",
        description = "Prints what a student gets of an EXERCISE (docs/teaching.md): the given part with "
                + "the student's own numbers, the blanks (?) to fill in and the answer blocks to write in. "
                + "It never holds an answer: an exercise has none, the run decides.",
        footer = ExitCode.GRADE_HELP_TEXT)
final class HandoutCommand implements Callable<Integer> {
    @ParentCommand
    private TcpsCommand parent;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--student", paramLabel = "ID",
            description = "The student's ID: their numbers are drawn from it (default: the sample variant).")
    private String student = "";

    @Parameters(index = "0", paramLabel = "EXERCISE", description = "The exercise (.tcps).")
    private String exercise;

    @Override
    public Integer call() {
        Assignment a = GradeCommand.load(parent.cwd(), exercise, spec.commandLine().getErr());
        if (a == null) {
            return ExitCode.SCRIPT_ERROR;
        }
        try {
            PrintWriter out = spec.commandLine().getOut();
            out.print(a.variant(student).handout().text());
            out.flush();
            return ExitCode.PASSED;
        } catch (Assignment.ExerciseBroken e) {
            GradeCommand.printBroken(e, spec.commandLine().getErr());
            return ExitCode.SCRIPT_ERROR;
        }
    }
}
