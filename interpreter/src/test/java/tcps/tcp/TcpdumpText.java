package tcps.tcp;

import java.util.ArrayList;
import java.util.List;

/** Reads back what tests need of tcpdump's text: an option list as it prints it. */
final class TcpdumpText {
    private TcpdumpText() {}

    /** {@code mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 7} to the options it names. */
    static List<TcpOption> options(String text) {
        List<TcpOption> out = new ArrayList<>();
        for (String o : text.split(",")) {
            String[] w = o.split(" ");
            switch (w[0]) {
                case "mss" -> out.add(new TcpOption.Mss(Integer.parseInt(w[1])));
                case "sackOK" -> out.add(TcpOption.SACK_PERMITTED);
                case "TS" -> out.add(new TcpOption.Timestamps(Long.parseLong(w[2]), Long.parseLong(w[4])));
                case "nop" -> out.add(TcpOption.NOP);
                case "eol" -> out.add(TcpOption.EOL);
                case "wscale" -> out.add(new TcpOption.WindowScale(Integer.parseInt(w[1])));
                default -> throw new IllegalArgumentException("option " + o);
            }
        }
        return out;
    }
}
