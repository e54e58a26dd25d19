package tcps.tcp;

import static tcps.tcp.Parameters.MSS;
import static tcps.tcp.Parameters.OPTION_LAYOUT;
import static tcps.tcp.Parameters.SACK;
import static tcps.tcp.Parameters.TIMESTAMPS;
import static tcps.tcp.Parameters.WINDOW_SCALE;

/**
 * The options one SYN (or SYN-ACK) carries: MSS (RFC 9293 3.7.1), SACK-permitted (RFC 2018),
 * timestamps (RFC 7323 section 3) and window scale (RFC 7323 section 2). {@code mss} and
 * {@code windowScale} are {@link #ABSENT} when the option is not there.
 */
record SynOptions(int mss, boolean sackPermitted, boolean timestamps, int windowScale) {
    static final int ABSENT = -1;

    /** The MSS a sender assumes when the peer's SYN had no MSS option (RFC 9293 3.7.1, IPv4). */
    static final int DEFAULT_MSS = 536;

    /** RFC 7323 2.3: a shift above 14 is treated as 14. */
    static final int MAX_SHIFT = 14;

    static final SynOptions NONE = new SynOptions(ABSENT, false, false, ABSENT);

    /**
     * What a stack offers in its own SYN: everything its profile supports, always; a stack whose
     * layout predates an option never offers it (BSD: the MSS only).
     */
    static SynOptions offeredBy(Profile profile) {
        if (profile.get(OPTION_LAYOUT) == OptionLayout.NONE) {
            return NONE;
        }
        if (profile.get(OPTION_LAYOUT) == OptionLayout.BSD) {
            return new SynOptions(profile.get(MSS), false, false, ABSENT);
        }
        return new SynOptions(profile.get(MSS), profile.get(SACK), profile.get(TIMESTAMPS),
                profile.offersWindowScale() ? profile.get(WINDOW_SCALE) : ABSENT);
    }

    /** What an arriving SYN or SYN-ACK carries. */
    static SynOptions carriedBy(Segment syn) {
        return new SynOptions(
                syn.option(TcpOption.Mss.class).map(TcpOption.Mss::value).orElse(ABSENT),
                syn.option(TcpOption.SackPermitted.class).isPresent(),
                syn.option(TcpOption.Timestamps.class).isPresent(),
                syn.option(TcpOption.WindowScale.class).map(TcpOption.WindowScale::shift).orElse(ABSENT));
    }

    /**
     * The SYN-ACK answering a SYN that carried {@code peer}: MSS always, the others only when the
     * peer offered them too (RFC 7323 1.3 and 2.2: "only if ... received in the SYN"; RFC 2018 2).
     */
    SynOptions answering(SynOptions peer) {
        return new SynOptions(mss,
                sackPermitted && peer.sackPermitted,
                timestamps && peer.timestamps,
                peer.windowScale != ABSENT ? windowScale : ABSENT);
    }

    /** The options in use once both SYNs are known: each is used only if both SYNs carried it. */
    static OptionsInUse agree(SynOptions ours, SynOptions peers) {
        boolean scaling = ours.windowScale != ABSENT && peers.windowScale != ABSENT;
        return new OptionsInUse(
                peers.mss != ABSENT ? peers.mss : DEFAULT_MSS,
                ours.sackPermitted && peers.sackPermitted,
                ours.timestamps && peers.timestamps,
                scaling ? Math.min(peers.windowScale, MAX_SHIFT) : 0,
                scaling ? Math.min(ours.windowScale, MAX_SHIFT) : 0);
    }
}
