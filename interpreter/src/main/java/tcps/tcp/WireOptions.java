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

    /** SACK blocks that fit beside the timestamps option in 40 bytes of options (RFC 2018 3). */
    static final int MAX_SACK_BLOCKS_WITH_TIMESTAMPS = 3;
    static final int MAX_SACK_BLOCKS = 4;

    /**
     * Options of every other segment: {@code nop,nop,TS} while timestamps are in use, then
     * {@code nop,nop,sack N} while there are SACK blocks to report (Linux tcp_options_write),
     * as many as fit: 3 beside timestamps, else 4.
     */
    static List<TcpOption> forOthers(OptionLayout layout, OptionsInUse inUse, long tsVal, long tsEcr,
            List<TcpOption.SackBlock> sackBlocks) {
        if (layout == OptionLayout.NONE) {
            return List.of();
        }
        List<TcpOption> o = new ArrayList<>();
        if (inUse.timestamps()) {
            o.add(TcpOption.NOP);
            o.add(TcpOption.NOP);
            o.add(new TcpOption.Timestamps(tsVal, tsEcr));
        }
        if (!sackBlocks.isEmpty()) {
            int max = inUse.timestamps() ? MAX_SACK_BLOCKS_WITH_TIMESTAMPS : MAX_SACK_BLOCKS;
            o.add(TcpOption.NOP);
            o.add(TcpOption.NOP);
            o.add(new TcpOption.Sack(sackBlocks.subList(0, Math.min(max, sackBlocks.size()))));
        }
        return List.copyOf(o);
    }
}
