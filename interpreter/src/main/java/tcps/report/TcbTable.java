package tcps.report;

import java.util.Map;
import tcps.run.RunEvent;
import tcps.tcp.SeqNum;

/**
 * {@code tcps run --tcb}: under each segment of the transcript, the TCB variables of both ends
 * as RFC 9293 3.3.1 names them, once the segment has arrived and been processed (or as it was
 * sent, if it never arrived), as the table textbooks draw beside a ladder. Send variables count
 * from the end's own ISN (ISS), RCV.NXT from the peer's (IRS), unless {@code -S}; windows are in
 * bytes (scaled); RTO is the retransmission timeout the timer would start with now; cwnd the
 * congestion window in bytes (RFC 5681), {@code -} for a profile without congestion control.
 */
final class TcbTable {
    private static final String INDENT = " ".repeat(16) + "| ";
    private static final String FORMAT = "%-8s %-12s %10s %10s %7s %10s %7s %9s %7s";

    private final Exchange exchange;
    private final boolean absolute;

    TcbTable(Exchange exchange, boolean absolute) {
        this.exchange = exchange;
        this.absolute = absolute;
    }

    /** The column names, once per scenario. */
    String heading() {
        return INDENT + String.format(FORMAT, "TCB", "state", "SND.UNA", "SND.NXT", "SND.WND", "RCV.NXT", "RCV.WND",
                "RTO", "cwnd").stripTrailing();
    }

    /** The rows under segment {@code index}, each on a line of its own after a newline. */
    String after(int index) {
        StringBuilder sb = new StringBuilder();
        Exchange.Arrow a = exchange.arrows.get(index);
        for (Map.Entry<String, RunEvent.TcbSnapshot> e : a.after().entrySet()) {
            RunEvent.TcbSnapshot t = e.getValue();
            sb.append('\n').append(INDENT).append(String.format(FORMAT, t.endpoint(), t.state(),
                    number(t.sndUna(), t.iss()), number(t.sndNxt(), t.iss()), t.sndWnd(),
                    t.rcvNxt() == null ? "-" : number(t.rcvNxt(), t.irs()), t.rcvWnd(),
                    tcps.run.Text.spoken(t.rto()).replace(" ", ""), t.cwnd() < 0 ? "-" : Long.toString(t.cwnd()))
                    .stripTrailing());
        }
        return sb.toString();
    }

    private String number(SeqNum n, SeqNum isn) {
        return Long.toString(absolute || isn == null ? n.value() : n.offsetFrom(isn));
    }
}
