package tcps.check;

import java.util.Map;
import tcps.syntax.Flags;
import tcps.syntax.Name;
import tcps.syntax.Scenario;
import tcps.tcp.TcpState;

/**
 * A scenario that passed the checks, with everything the interpreter needs resolved: the
 * endpoints, the numbering mode, flag bits for every flag pattern and the state of every
 * {@code expect ... state}. The maps are keyed by the very syntax node (identity).
 */
public record ScenarioPlan(
        Scenario scenario,
        Map<String, EndpointPlan> endpoints,
        boolean absoluteNumbers,
        boolean serverListensFromStart,
        Map<Flags, Integer> flagBits,
        Map<Name, TcpState> states) {

    public int flags(Flags f) {
        Integer bits = flagBits.get(f);
        if (bits == null) {
            throw new IllegalStateException("flags not resolved by the checker: " + f);
        }
        return bits;
    }

    public TcpState state(Name n) {
        return states.get(n);
    }

    public EndpointPlan endpoint(String name) {
        return endpoints.get(name);
    }

    /** Whom an endpoint talks to unless told: the client and the server each other, a host the server. */
    public EndpointPlan peerOf(String name) {
        return endpoints.get(name.equals("server") ? "client" : "server");
    }
}
