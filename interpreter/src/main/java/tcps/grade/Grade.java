package tcps.grade;

import java.util.List;
import tcps.syntax.Exercise.Visibility;

/**
 * One submission's grade, as data that every output format reads.
 *
 * @param student    the student's ID (from the file name)
 * @param file       the submission as named on the command line
 * @param checks     one result per check of the exercise, in the exercise's order
 * @param problems   what is wrong with the submission as a whole, in words for the student
 *                   (a changed given line, a forbidden statement, a syntax error, a limit reached)
 * @param transcript the run as tcpdump prints it, or null when the exercise does not show it
 */
public record Grade(String student, String file, double score, double max, List<CheckResult> checks,
        List<String> problems, String transcript) {
    public Grade {
        checks = List.copyOf(checks);
        problems = List.copyOf(problems);
    }

    /**
     * One check's result.
     *
     * @param earned   items that held (blanks answered right, goals reached, assertions that held)
     * @param items    items the check's points are shared among
     * @param lines    what the student reads: tcps's own expected/got lines, and what is missing
     * @param feedback the teacher's feedback, shown when the check did not get every point
     */
    public record CheckResult(String name, double score, double max, int earned, int items, Visibility visibility,
            List<String> lines, String feedback) {
        public CheckResult {
            lines = List.copyOf(lines);
        }

        public boolean passed() {
            return score >= max;
        }
    }

    /** Points rounded to hundredths, as every output prints them. */
    public static String points(double p) {
        long hundredths = Math.round(p * 100);
        if (hundredths % 100 == 0) {
            return Long.toString(hundredths / 100);
        }
        return java.math.BigDecimal.valueOf(hundredths, 2).stripTrailingZeros().toPlainString();
    }
}
