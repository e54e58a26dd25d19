package tcps.tcp;

import java.util.Locale;
import java.util.Optional;

/** The eleven connection states of RFC 9293 section 3.3.2, spelled as the RFC spells them. */
public enum TcpState {
    CLOSED("CLOSED"),
    LISTEN("LISTEN"),
    SYN_SENT("SYN-SENT"),
    SYN_RECEIVED("SYN-RECEIVED"),
    ESTABLISHED("ESTABLISHED"),
    FIN_WAIT_1("FIN-WAIT-1"),
    FIN_WAIT_2("FIN-WAIT-2"),
    CLOSE_WAIT("CLOSE-WAIT"),
    CLOSING("CLOSING"),
    LAST_ACK("LAST-ACK"),
    TIME_WAIT("TIME-WAIT");

    private final String rfcName;

    TcpState(String rfcName) {
        this.rfcName = rfcName;
    }

    public String rfcName() {
        return rfcName;
    }

    /** States in which both sides' ISNs are known (RFC 9293: "synchronized states"). */
    public boolean synchronizedState() {
        return ordinal() >= ESTABLISHED.ordinal();
    }

    /** Looks a state up by its RFC name, ignoring case and accepting '_' for '-'. */
    public static Optional<TcpState> byName(String name) {
        String n = name.toUpperCase(Locale.ROOT).replace('_', '-');
        for (TcpState s : values()) {
            if (s.rfcName.equals(n)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return rfcName;
    }
}
