package tcps.grammar;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.NotSetTransition;
import org.antlr.v4.runtime.atn.RuleStopState;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.atn.Transition;
import org.antlr.v4.runtime.atn.WildcardTransition;

/**
 * What the parser could have taken where it failed, within the statement it was reading: each
 * token together with the rules it would have been part of, so that an identifier can be described
 * as "an endpoint" in one place and "flags" in another.
 */
final class Expected {

    /**
     * A token the parser would have taken. {@code rules} runs from the rule the parser was in to the
     * innermost rule it would have entered to take the token: {@code [statement, direction, endpoint]}.
     * {@code fresh} says that the first of them had taken nothing yet, so that all of it is wanted.
     */
    record Wanted(int type, List<Integer> rules, boolean fresh) {}

    private final List<Wanted> tokens = new ArrayList<>();
    private boolean statementCanEnd;
    private boolean fresh;

    private Expected() {}

    /**
     * What could come instead of the token at {@code tokenIndex}, the parser being at ATN state
     * {@code stateNumber} in {@code context}.
     */
    static Expected at(ATN atn, int stateNumber, RuleContext context, int tokenIndex) {
        Expected expected = new Expected();
        ATNState state = atn.states.get(stateNumber);
        expected.fresh = context instanceof ParserRuleContext rule && rule.start != null
                && rule.start.getTokenIndex() == tokenIndex;
        for (RuleContext level = context; level != null; level = level.parent) {
            int rule = level.getRuleIndex();
            boolean ruleCanEnd = expected.collect(state, List.of(rule), List.of(), new HashSet<>());
            expected.fresh = false;
            if (!ruleCanEnd) {
                break;
            }
            if (rule == TcpsParser.RULE_statement || rule == TcpsParser.RULE_statementEnd) {
                expected.statementCanEnd = true;
                break;
            }
            if (rule == TcpsParser.RULE_scenario || rule == TcpsParser.RULE_script || level.invokingState < 0) {
                break;
            }
            // The rule could end here: what follows its call in the rule that called it comes next.
            state = ((RuleTransition) atn.states.get(level.invokingState).transition(0)).followState;
        }
        return expected;
    }

    List<Wanted> tokens() {
        return tokens;
    }

    /** True when the statement being read could have ended where the parser failed. */
    boolean statementCanEnd() {
        return statementCanEnd;
    }

    boolean contains(int tokenType) {
        return tokens.stream().anyMatch(t -> t.type == tokenType);
    }

    /**
     * Adds the tokens reachable from {@code state} without consuming any, entering called rules
     * and returning from them as {@code returns} says; true when the outermost rule can end.
     */
    private boolean collect(ATNState state, List<Integer> rules, List<ATNState> returns, Set<String> seen) {
        if (!seen.add(state.stateNumber + "/" + returns.stream().map(s -> s.stateNumber).toList())) {
            return false;
        }
        if (state instanceof RuleStopState) {
            if (returns.isEmpty()) {
                return true;
            }
            return collect(returns.get(returns.size() - 1), rules.subList(0, rules.size() - 1),
                    returns.subList(0, returns.size() - 1), seen);
        }
        boolean canEnd = false;
        for (Transition t : state.getTransitions()) {
            if (t instanceof RuleTransition call) {
                canEnd |= collect(call.target, append(rules, call.target.ruleIndex), append(returns, call.followState), seen);
            } else if (t.isEpsilon()) {
                canEnd |= collect(t.target, rules, returns, seen);
            } else if (!(t instanceof NotSetTransition) && !(t instanceof WildcardTransition)) {
                for (int type : t.label().toList()) {
                    tokens.add(new Wanted(type, rules, fresh));
                }
            }
        }
        return canEnd;
    }

    private static <T> List<T> append(List<T> list, T element) {
        List<T> longer = new ArrayList<>(list);
        longer.add(element);
        return longer;
    }
}
