package tcps.tcp;

import java.util.ArrayList;
import java.util.List;

/** Lays options out on the wire the way a stack does ({@link OptionLayout}). */
final class WireOptions {
    private WireOptions() {}

    /**
     * Options of a SYN or SYN-ACK, in the layout's order ({@link OptionLayout}). LINUX
     * (tcp_options_write): {@code mss}, then the timestamps block ({@code sackOK,TS} or
     * {@code nop,nop,TS}), then {@code nop,nop,sackOK} when SACK goes without timestamps, then
     * {@code nop,wscale}. MACOS (XNU tcp_output): {@code mss}, {@code nop,wscale},
     * {@code nop,nop,TS}, {@code sackOK}, then EOL up to a multiple of four octets. BSD: the MSS.
     */
    static List<TcpOption> forSyn(OptionLayout layout, SynOptions offer, long tsVal, long tsEcr) {
        switch (layout) {
            case NONE:
                return List.of();
            case BSD:
                return offer.mss() != SynOptions.ABSENT ? List.of(new TcpOption.Mss(offer.mss())) : List.of();
            case MACOS:
                return macosSyn(offer, tsVal, tsEcr);
            case LINUX:
            default:
                return linuxSyn(offer, tsVal, tsEcr);
        }
    }

    private static List<TcpOption> linuxSyn(SynOptions offer, long tsVal, long tsEcr) {
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

    /**
     * XNU's tcp_output: the MSS; window scale as one 32-bit word {@code nop,wscale}; timestamps as
     * {@code nop,nop,TS} ("appendix A of RFC 1323"); "Tack on the SACK permitted option *last*";
     * then "Pad TCP options to a 4 byte boundary" with TCPOPT_EOL. Seed 000's macOS SYN: 22 octets
     * of options and two EOL, printed {@code mss 16344,nop,wscale 6,nop,nop,TS ...,sackOK,eol}.
     */
    private static List<TcpOption> macosSyn(SynOptions offer, long tsVal, long tsEcr) {
        List<TcpOption> o = new ArrayList<>();
        if (offer.mss() != SynOptions.ABSENT) {
            o.add(new TcpOption.Mss(offer.mss()));
        }
        if (offer.windowScale() != SynOptions.ABSENT) {
            o.add(TcpOption.NOP);
            o.add(new TcpOption.WindowScale(offer.windowScale()));
        }
        if (offer.timestamps()) {
            o.add(TcpOption.NOP);
            o.add(TcpOption.NOP);
            o.add(new TcpOption.Timestamps(tsVal, tsEcr));
        }
        if (offer.sackPermitted()) {
            o.add(TcpOption.SACK_PERMITTED);
        }
        int octets = o.stream().mapToInt(TcpOption::wireLength).sum();
        if (octets % 4 != 0) {
            // The first EOL is an option of its own; the octets after it are the padding every
            // header has, zero as EOL is (Ipv4Packet writes them).
            o.add(TcpOption.EOL);
        }
        return o;
    }

    /** SACK blocks that fit beside the timestamps option in 40 bytes of options (RFC 2018 3). */
    static final int MAX_SACK_BLOCKS_WITH_TIMESTAMPS = 3;
    static final int MAX_SACK_BLOCKS = 4;

    /**
     * Options of every other segment: {@code nop,nop,TS} while timestamps are in use, then
     * {@code nop,nop,sack N} while there are SACK blocks to report (Linux tcp_options_write),
     * as many as fit: 3 beside timestamps, else 4. macOS lays them out the same way (XNU pads with
     * NOPs so that the SACK blocks start on a 4-octet boundary, and fits as many blocks).
     */
    static List<TcpOption> forOthers(OptionLayout layout, OptionsInUse inUse, long tsVal, long tsEcr,
            List<TcpOption.SackBlock> sackBlocks) {
        if (layout == OptionLayout.NONE || layout == OptionLayout.BSD) {
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
