package tcps.run;

import java.util.List;
import tcps.syntax.Span;

/**
 * An assertion that did not hold, or a statement that could not do what it says.
 *
 * @param span     where the caret goes (the differing field, or the statement)
 * @param summary  one line in TCP words
 * @param details  one line per differing field: expected and actual, relative and absolute
 * @param afterSegment how many captured segments precede it in the transcript
 */
public record Failure(Span span, String summary, List<String> details, int afterSegment) {
    public Failure {
        details = List.copyOf(details);
    }
}
