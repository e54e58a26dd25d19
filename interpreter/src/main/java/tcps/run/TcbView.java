package tcps.run;

import tcps.syntax.Expr;
import tcps.tcp.Connection;

/**
 * The TCB variables a script reads ({@code client.snd_una}, {@code client.rto}, ...): the one
 * place where the language looks into the model's state, and only through {@link Connection}'s
 * read-only accessors. Names are RFC 9293's (section 3.3.1), rto and srtt RFC 6298's.
 */
final class TcbView {
    private TcbView() {}

    /** The variable's value now: absolute for sequence numbers, bytes for windows, µs for times. */
    static long read(Actor actor, Expr.Tcb ref) {
        String name = actor.plan().name();
        if (!(actor instanceof Actor.Stack stack)) {
            throw new ScriptError(ref.span(), name + " is scripted: it keeps no TCB");
        }
        Connection c = stack.connection().orElseThrow(() -> new ScriptError(ref.span(), name
                + " has no connection yet, so no TCB: it is in " + stack.state()));
        String variable = ref.variable().text();
        switch (variable) {
            case "snd_una":
                return c.sndUna().value();
            case "snd_nxt":
                return c.sndNxt().value();
            case "snd_wnd":
                return c.sndWnd();
            case "iss":
                return c.iss().value();
            case "rcv_wnd":
                return c.rcvWnd();
            case "rto":
                return c.rto();
            case "srtt":
                return c.rttEstimate().srtt();
            case "retransmissions":
                return c.retransmissions();
            case "cwnd":
                return c.cwnd();
            case "ssthresh":
                return c.ssthresh();
            case "rcv_nxt":
            case "irs":
                if (c.irs().isEmpty()) {
                    throw new ScriptError(ref.span(), name + " has not received a SYN yet, so " + variable
                            + " is not set (it is in " + c.state() + ")");
                }
                return variable.equals("irs") ? c.irs().get().value() : c.rcvNxt().value();
            default:
                throw new IllegalStateException("a TCB variable the checker does not know: " + variable);
        }
    }
}
