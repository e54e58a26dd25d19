package tcps.tcp;

import java.util.ArrayList;
import java.util.List;

/** Lays options out on the wire the way a stack does ({@link OptionLayout}). */
final class WireOptions {
    private WireOptions() {}

    /**
     * Options of a SYN or SYN-ACK. LINUX (tcp_options_write): {@code mss}, then the timestamps
     * block ({@code sackOK,TS} or {@code nop,nop,TS}), then {@code nop,nop,sackOK} when SACK goes
     * without timestamps, then {@code nop,wscale}.
     */
    static List<TcpOption> forSyn(OptionLayout layout, SynOptions offer, long tsVal, long tsEcr) {
        switch (layout) {
            case NONE:
                return List.of();
            case LINUX:
            default:
                List<TcpOption> o = new ArrayList<>();
                if (offer.mss() != SynOptions.ABSENT) {
                    o.add(new TcpOption.Mss(offer.mss()));
                }
                if (offer.timestamps()) {
                    if (offer.sackPermitted()) {
                        o.add(TcpOption.SACK_PERMITTED);
                    } else {
                        o.add(TcpOption.NOP);
                        o.add(TcpOption.NOP);
                    }
                    o.add(new TcpOption.Timestamps(tsVal, tsEcr));
                } else if (offer.sackPermitted()) {
                    o.add(TcpOption.NOP);
                    o.add(TcpOption.NOP);
                    o.add(TcpOption.SACK_PERMITTED);
                }
                if (offer.windowScale() != SynOptions.ABSENT) {
                    o.add(TcpOption.NOP);
                    o.add(new TcpOption.WindowScale(offer.windowScale()));
                }
                return o;
        }
    }

    /** Options of every other segment: {@code nop,nop,TS} while timestamps are in use. */
    static List<TcpOption> forOthers(OptionLayout layout, OptionsInUse inUse, long tsVal, long tsEcr) {
        if (layout == OptionLayout.NONE || !inUse.timestamps()) {
            return List.of();
        }
        return List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Timestamps(tsVal, tsEcr));
    }
}
