package tcps.run;

import java.util.List;
import tcps.syntax.Span;

/**
 * An assertion that did not hold, or a statement that could not do what it says.
 *
 * @param span     where the caret goes (the differing field, or the statement)
 * @param summary  one line in TCP words
 * @param details  one line per differing field: expected and actual, relative and absolute
 * @param time     the virtual time at which it was found
 * @param segment  the captured segment it is about (printed right under it), or -1
 */
public record Failure(Span span, String summary, List<String> details, long time, int segment) {
    public Failure {
        details = List.copyOf(details);
    }
}
