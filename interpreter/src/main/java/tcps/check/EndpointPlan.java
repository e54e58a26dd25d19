package tcps.check;

import tcps.syntax.Expr;
import tcps.tcp.Ipv4;
import tcps.tcp.Profile;

/**
 * An endpoint as the checker resolved it. Port 0 means "choose a deterministic ephemeral port";
 * {@code isn} and {@code ts} are null when the script leaves them to the run's seed.
 * {@code accepts}: the script calls {@code accept} on it, so the connections its listener makes
 * wait in the accept queue until then; otherwise the application takes each one at once.
 */
public record EndpointPlan(String name, Mode mode, Ipv4 ip, int port, Expr isn, Expr ts, Profile profile,
        boolean accepts) {}
