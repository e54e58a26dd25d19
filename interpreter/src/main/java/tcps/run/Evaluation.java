package tcps.run;

import tcps.syntax.Source;
import tcps.syntax.Span;

/**
 * The value an expression of the script took during a run, for tools that show it where it is
 * written (the language server's hover): {@code isn+1} at its span, and {@code shown}, such as
 * {@code isn+1 = 934227077 (client's ISN + 1)}. An expression evaluated more than once is
 * reported each time.
 *
 * @param source the text the expression is written in: the script's, or a macro's expansion
 *               (named as the macro's file, at the macro's lines)
 * @param value  the number: a 32-bit sequence number for seq and ack fields, else as computed
 */
public record Evaluation(Source source, Span span, long value, String shown) {
    /**
     * Receives, as a run goes, what tools show beside the script: the value of each expression as
     * it is computed, and the segment each {@code expect} matched.
     */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = e -> { };

        void evaluated(Evaluation e);

        /**
         * The {@code expect} at {@code span} of {@code source} matched captured segment
         * {@code segment} (its index in the capture), whether or not its fields agreed.
         */
        default void matched(Source source, Span span, int segment) {
        }
    }
}
