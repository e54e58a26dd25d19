package tcps.tcp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Everything that makes one TCP implementation behave differently from another, as data: named
 * parameters a script can change ({@code profile lab extends linux { syn_retries 2 }}) through
 * {@link #with}, and read through {@link #parameters} and {@link #value}. A profile is immutable;
 * {@code with} returns a changed copy. Times are in microseconds of virtual time.
 *
 * <p>Each parameter's javadoc below names the Linux knob (sysctl or constant) it stands for and
 * the RFC rule it changes; {@link #LINUX} holds Linux 6.18's defaults as the captures show them,
 * {@link #RFC9293} the values the RFCs give, {@link #MACOS} what seed 000's macOS listing and
 * XNU's sources show, {@link #BSD_1990} what 4.3BSD-Reno's constants say.
 */
public final class Profile {

    /** How a parameter's value is written and checked. */
    public enum Kind {
        /** A whole number: {@code syn_retries 2}. */
        INTEGER,
        /** A length of time in microseconds: {@code time_wait 30s} reaches {@link #with} as 30000000. */
        DURATION,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** One of a few names, {@link Parameter#choices()}: {@code option_layout none}. */
        CHOICE
    }

    /**
     * One thing a profile fixes.
     *
     * @param name        the snake_case name scripts use
     * @param kind        how its value is written
     * @param description one line, for help texts and error messages
     * @param min         the smallest value an INTEGER or DURATION may take
     * @param max         the largest value an INTEGER or DURATION may take
     * @param choices     the names a CHOICE accepts (lower case), else empty
     */
    public record Parameter(String name, Kind kind, String description, long min, long max,
            List<String> choices) {
        public Parameter {
            choices = List.copyOf(choices);
        }
    }

    private static final long MS = 1_000;
    private static final long S = 1_000_000;
    private static final long HOUR = 3_600 * S;

    private final String name;
    private final OptionLayout optionLayout;
    private final int mss;
    private final int rcvSpace;
    private final boolean roundRcvSpaceToMss;
    private final int windowScale;
    private final boolean sack;
    private final boolean timestamps;
    private final long timestampHz;
    private final IsnGenerator.Kind isnGenerator;
    private final boolean roundWindowUp;
    private final boolean advertiseFreeSpace;
    private final boolean halfWindowSegments;
    private final boolean ackPushedOnRead;
    private final boolean ackPushedAtOnce;
    private final boolean ackAfterHandshake;
    private final boolean duplicateSack;
    private final boolean rstAckOnAbort;
    private final long timeWait;
    private final long delayedAck;
    private final boolean delayFinAckAfterData;
    private final long finAckDelay;
    private final int quickAcks;
    private final boolean pingpong;
    private final long initialRto;
    private final long minRto;
    private final long maxRto;
    private final long clockGranularity;
    private final boolean rtoMinOnVariance;
    private final boolean tailLossProbe;
    private final boolean rack;
    private final int dupackThreshold;
    private final int retries2;
    private final int orphanRetries;
    private final int synRetries;
    private final int synLinearTimeouts;
    private final int synackRetries;
    private final long finTimeout;
    private final long invalidRatelimit;
    private final boolean probeWithData;
    private final boolean rstOnCloseWithUnread;
    private final boolean rstOnDataAfterClose;
    private final boolean synInTimeWait;
    private final boolean timeWaitReuse;

    private Profile(Builder b) {
        this.name = b.name;
        this.optionLayout = b.optionLayout;
        this.mss = b.mss;
        this.rcvSpace = b.rcvSpace;
        this.roundRcvSpaceToMss = b.roundRcvSpaceToMss;
        this.windowScale = b.windowScale;
        this.sack = b.sack;
        this.timestamps = b.timestamps;
        this.timestampHz = b.timestampHz;
        this.isnGenerator = b.isnGenerator;
        this.roundWindowUp = b.roundWindowUp;
        this.advertiseFreeSpace = b.advertiseFreeSpace;
        this.halfWindowSegments = b.halfWindowSegments;
        this.ackPushedOnRead = b.ackPushedOnRead;
        this.ackPushedAtOnce = b.ackPushedAtOnce;
        this.ackAfterHandshake = b.ackAfterHandshake;
        this.duplicateSack = b.duplicateSack;
        this.rstAckOnAbort = b.rstAckOnAbort;
        this.timeWait = b.timeWait;
        this.delayedAck = b.delayedAck;
        this.delayFinAckAfterData = b.delayFinAckAfterData;
        this.finAckDelay = b.finAckDelay;
        this.quickAcks = b.quickAcks;
        this.pingpong = b.pingpong;
        this.initialRto = b.initialRto;
        this.minRto = b.minRto;
        this.maxRto = b.maxRto;
        this.clockGranularity = b.clockGranularity;
        this.rtoMinOnVariance = b.rtoMinOnVariance;
        this.tailLossProbe = b.tailLossProbe;
        this.rack = b.rack;
        this.dupackThreshold = b.dupackThreshold;
        this.retries2 = b.retries2;
        this.orphanRetries = b.orphanRetries;
        this.synRetries = b.synRetries;
        this.synLinearTimeouts = b.synLinearTimeouts;
        this.synackRetries = b.synackRetries;
        this.finTimeout = b.finTimeout;
        this.invalidRatelimit = b.invalidRatelimit;
        this.probeWithData = b.probeWithData;
        this.rstOnCloseWithUnread = b.rstOnCloseWithUnread;
        this.rstOnDataAfterClose = b.rstOnDataAfterClose;
        this.synInTimeWait = b.synInTimeWait;
        this.timeWaitReuse = b.timeWaitReuse;
    }

    // ---------------------------------------------------------------------------------------
    // The built-in profiles

    /**
     * Linux 6.18 on the loopback interface (seed 000 and the captures beside it): MSS 65495
     * (MTU 65536), window scale 7, SACK and timestamps, TIME-WAIT 60 s (TCP_TIMEWAIT_LEN),
     * delayed ACK 40 ms (TCP_ATO_MIN) after up to 16 quick ACKs (TCP_MAX_QUICKACKS), RTO between
     * 200 ms (TCP_RTO_MIN) and 120 s (TCP_RTO_MAX) starting at 1 s (TCP_TIMEOUT_INIT), and the
     * namespace defaults of tcp_retries2, tcp_syn_retries, tcp_syn_linear_timeouts,
     * tcp_synack_retries and tcp_fin_timeout.
     */
    public static final Profile LINUX = builder("linux")
            .optionLayout(OptionLayout.LINUX).mss(65495).rcvSpace(65535).roundRcvSpaceToMss(true).windowScale(7)
            .sack(true).timestamps(true).timestampHz(1000).isnGenerator(IsnGenerator.Kind.RFC6528)
            .roundWindowUp(true).advertiseFreeSpace(false).halfWindowSegments(true).ackPushedOnRead(true)
            .ackPushedAtOnce(false).ackAfterHandshake(false).duplicateSack(true).rstAckOnAbort(true)
            .timeWait(60 * S).delayedAck(40 * MS).delayFinAckAfterData(true).finAckDelay(4 * MS).quickAcks(16).pingpong(true)
            .initialRto(1 * S).minRto(200 * MS).maxRto(120 * S).clockGranularity(1 * MS)
            .rtoMinOnVariance(true).tailLossProbe(true).rack(true).dupackThreshold(3).retries2(15).orphanRetries(8)
            .synRetries(6).synLinearTimeouts(4).synackRetries(5).finTimeout(60 * S).probeWithData(false)
            .invalidRatelimit(500 * MS)
            .rstOnCloseWithUnread(true).rstOnDataAfterClose(true).synInTimeWait(true).timeWaitReuse(true)
            .build();

    /**
     * The textbook stack of RFC 9293: no options, a fixed window, TIME-WAIT of 2 MSL with the
     * RFC's MSL of 2 minutes, the ACK of every segment sent at once, RFC 6298's RTO (1 s initial
     * and minimum, at most 60 s), SYN retransmissions for at least 3 minutes (RFC 9293 3.8.3).
     */
    public static final Profile RFC9293 = builder("rfc9293")
            .optionLayout(OptionLayout.NONE).mss(536).rcvSpace(65535).roundRcvSpaceToMss(false).windowScale(-1)
            .sack(false).timestamps(false).timestampHz(1000).isnGenerator(IsnGenerator.Kind.RFC6528)
            .roundWindowUp(false).advertiseFreeSpace(false).halfWindowSegments(false).ackPushedOnRead(false)
            .ackPushedAtOnce(false).ackAfterHandshake(false).duplicateSack(false).rstAckOnAbort(false)
            .timeWait(240 * S).delayedAck(0).delayFinAckAfterData(false).finAckDelay(0).quickAcks(0).pingpong(false)
            .initialRto(1 * S).minRto(1 * S).maxRto(60 * S).clockGranularity(1 * MS)
            .rtoMinOnVariance(false).tailLossProbe(false).rack(false).dupackThreshold(3).retries2(15).orphanRetries(15)
            .synRetries(7).synLinearTimeouts(0).synackRetries(5).finTimeout(0).probeWithData(true)
            .invalidRatelimit(0)
            .rstOnCloseWithUnread(false).rstOnDataAfterClose(false).synInTimeWait(false).timeWaitReuse(false)
            .build();

    /**
     * macOS over the loopback interface, as seed 000's macOS listing shows it: MSS 16344 (MTU
     * 16384), window scale 6, SACK and timestamps in XNU's layout, SYN windows of 65535 and then
     * the whole receive space (6379 at scale 6), the window update after the handshake, PSH
     * ACKed at once, a FIN ACKed at once; XNU's timers: TIME-WAIT 2 x 15 s (TCPTV_MSL), delayed
     * ACK 100 ms, RTO from 1 s (TCPTV_RTOBASE) to 64 s (TCPTV_REXMTMAX), SYNs 1 RTO apart four
     * times (tcp_syn_backoff). stdlib/profiles/macos.tcps gives the evidence for each value.
     */
    public static final Profile MACOS = builder("macos")
            .optionLayout(OptionLayout.MACOS).mss(16344).rcvSpace(408300).roundRcvSpaceToMss(false).windowScale(6)
            .sack(true).timestamps(true).timestampHz(1000).isnGenerator(IsnGenerator.Kind.RFC6528)
            .roundWindowUp(false).advertiseFreeSpace(true).halfWindowSegments(false).ackPushedOnRead(false)
            .ackPushedAtOnce(true).ackAfterHandshake(true).duplicateSack(true).rstAckOnAbort(true)
            .timeWait(30 * S).delayedAck(100 * MS).delayFinAckAfterData(false).quickAcks(0).pingpong(false)
            .initialRto(1 * S).minRto(200 * MS).maxRto(64 * S).clockGranularity(1 * MS)
            .rtoMinOnVariance(true).tailLossProbe(false).rack(false).dupackThreshold(3).retries2(12).orphanRetries(12)
            .synRetries(5).synLinearTimeouts(4).synackRetries(6).finTimeout(600 * S).probeWithData(true)
            .invalidRatelimit(0)
            .rstOnCloseWithUnread(false).rstOnDataAfterClose(true).synInTimeWait(true).timeWaitReuse(false)
            .build();

    /**
     * The stack of the sequence-number-prediction era, 4.3BSD-Reno (1990): ISNs from the global
     * counter (TCP_ISSINCR), an MSS option only, a 4096-byte socket buffer (tcp_recvspace),
     * delayed ACKs on the 200 ms fast timeout, TIME-WAIT 2 x 30 s (TCPTV_MSL), an RTO of 6 s
     * before any sample, at least 1 s (TCPTV_MIN) and at most 64 s (TCPTV_REXMTMAX), counted in
     * 500 ms ticks. stdlib/profiles/bsd-1990.tcps gives the source of each value.
     */
    public static final Profile BSD_1990 = builder("bsd-1990")
            .optionLayout(OptionLayout.BSD).mss(1460).rcvSpace(4096).roundRcvSpaceToMss(false).windowScale(-1)
            .sack(false).timestamps(false).timestampHz(1000).isnGenerator(IsnGenerator.Kind.BSD)
            .roundWindowUp(false).advertiseFreeSpace(true).halfWindowSegments(false).ackPushedOnRead(false)
            .ackPushedAtOnce(false).ackAfterHandshake(false).duplicateSack(false).rstAckOnAbort(true)
            .timeWait(60 * S).delayedAck(200 * MS).delayFinAckAfterData(false).quickAcks(0).pingpong(false)
            .initialRto(6 * S).minRto(1 * S).maxRto(64 * S).clockGranularity(500 * MS)
            .rtoMinOnVariance(false).tailLossProbe(false).rack(false).dupackThreshold(3).retries2(12).orphanRetries(12)
            .synRetries(2).synLinearTimeouts(0).synackRetries(2).finTimeout(600 * S).probeWithData(true)
            .invalidRatelimit(0)
            .rstOnCloseWithUnread(false).rstOnDataAfterClose(true).synInTimeWait(true).timeWaitReuse(false)
            .build();

    // ---------------------------------------------------------------------------------------
    // The parameters, by name

    /** One parameter: its public description and how to read and set it. */
    private record Definition(Parameter parameter, Function<Profile, Object> get,
            BiConsumer<Builder, Object> set) {}

    private static final Map<String, Definition> DEFINITIONS = new LinkedHashMap<>();

    static {
        choice("option_layout", "which options SYNs offer and how every segment lays them out",
                OptionLayout.class, Profile::optionLayout, (b, v) -> b.optionLayout((OptionLayout) v));
        integer("mss", "the MSS option this stack advertises (bytes)", 88, 65535,
                Profile::mss, (b, v) -> b.mss(v.intValue()));
        integer("rcv_space", "receive buffer space: the window once the handshake is done (a SYN offers at most 65535)",
                1, 1L << 30, Profile::rcvSpace, (b, v) -> b.rcvSpace(v.intValue()));
        bool("round_rcv_space_to_mss", "round the receive space down to a multiple of the MSS (Linux)",
                Profile::roundRcvSpaceToMss, Builder::roundRcvSpaceToMss);
        integer("window_scale", "window scale shift offered in SYNs, -1 to offer none", -1, 14,
                Profile::windowScale, (b, v) -> b.windowScale(v.intValue()));
        bool("sack", "offer SACK-permitted and send SACK blocks (RFC 2018)",
                Profile::sack, Builder::sack);
        bool("timestamps", "offer RFC 7323 timestamps", Profile::timestamps, Builder::timestamps);
        integer("timestamp_hz", "rate of the timestamp clock (ticks per second)", 1, 1_000_000,
                Profile::timestampHz, (b, v) -> b.timestampHz(v));
        choice("isn_generator", "how ISNs are chosen: rfc6528 (clock plus keyed hash) or bsd (one counter per host)",
                IsnGenerator.Kind.class, Profile::isnGenerator, (b, v) -> b.isnGenerator((IsnGenerator.Kind) v));
        bool("round_window_up", "round a scaled window up to the scale's granularity (Linux)",
                Profile::roundWindowUp, Builder::roundWindowUp);
        bool("advertise_free_space", "every segment offers all the free receive space, unscaled edge kept (BSD)",
                Profile::advertiseFreeSpace, Builder::advertiseFreeSpace);
        bool("half_window_segments", "segments at most half the largest window the peer offered (Linux)",
                Profile::halfWindowSegments, Builder::halfWindowSegments);
        bool("duplicate_sack", "report text received twice in a D-SACK block (RFC 2883)",
                Profile::duplicateSack, Builder::duplicateSack);
        bool("ack_pushed_on_read", "ACK pushed text at once when the application reads it all (Linux)",
                Profile::ackPushedOnRead, Builder::ackPushedOnRead);
        bool("ack_pushed_at_once", "text that carries PSH is ACKed at once, never delayed (macOS)",
                Profile::ackPushedAtOnce, Builder::ackPushedAtOnce);
        bool("ack_after_handshake", "the passive side ACKs the handshake's ACK when its window grew past the SYN-ACK's (macOS)",
                Profile::ackAfterHandshake, Builder::ackAfterHandshake);
        bool("rst_ack_on_abort", "ABORT sends RST+ACK rather than a bare RST",
                Profile::rstAckOnAbort, Builder::rstAckOnAbort);
        duration("time_wait", "how long TIME-WAIT lasts (RFC: 2 MSL)", 0, HOUR,
                Profile::timeWait, Builder::timeWait);
        duration("delayed_ack", "longest delay of an ACK, 0 to acknowledge every segment at once", 0, 500 * MS,
                Profile::delayedAck, Builder::delayedAck);
        bool("delay_fin_ack_after_data", "a FIN after received data is ACKed by the delayed-ACK timer",
                Profile::delayFinAckAfterData, Builder::delayFinAckAfterData);
        duration("fin_ack_delay", "delay of the ACK of a FIN when no data came before it, 0 for at once", 0,
                500 * MS, Profile::finAckDelay, Builder::finAckDelay);
        integer("quick_acks", "most segments ACKed at once at the start of a connection", 0, 255,
                Profile::quickAcks, (b, v) -> b.quickAcks(v.intValue()));
        bool("pingpong", "once the application answers within delayed_ack, ACKs wait for its data",
                Profile::pingpong, Builder::pingpong);
        duration("initial_rto", "retransmission timeout before any RTT sample (RFC 6298 2.1)", 1, HOUR,
                Profile::initialRto, Builder::initialRto);
        duration("min_rto", "smallest retransmission timeout (RFC 6298 2.4)", 1, HOUR,
                Profile::minRto, Builder::minRto);
        duration("max_rto", "largest retransmission timeout, back-off included (RFC 6298 2.5)", 1, HOUR,
                Profile::maxRto, Builder::maxRto);
        duration("clock_granularity", "G of RFC 6298: the least variance term of the RTO", 0, 10 * S,
                Profile::clockGranularity, Builder::clockGranularity);
        bool("rto_min_on_variance", "RTO = SRTT + max(min_rto, 4*RTTVAR), as Linux computes it",
                Profile::rtoMinOnVariance, Builder::rtoMinOnVariance);
        bool("tail_loss_probe", "resend the last segment 2 SRTT after the tail of a flight (RFC 8985 TLP)",
                Profile::tailLossProbe, Builder::tailLossProbe);
        bool("rack", "with SACK, a segment is lost once a later one is delivered and its RTT has passed (RFC 8985)",
                Profile::rack, Builder::rack);
        integer("dupack_threshold", "duplicate ACKs that trigger fast retransmit, 0 for none (RFC 5681: 3)", 0, 255,
                Profile::dupackThreshold, (b, v) -> b.dupackThreshold(v.intValue()));
        integer("retries2", "retransmissions of data before the connection times out (R2)", 0, 255,
                Profile::retries2, (b, v) -> b.retries2(v.intValue()));
        integer("orphan_retries", "retries2 for a connection the application has closed", 0, 255,
                Profile::orphanRetries, (b, v) -> b.orphanRetries(v.intValue()));
        integer("syn_retries", "retransmissions of a SYN before connect times out", 0, 127,
                Profile::synRetries, (b, v) -> b.synRetries(v.intValue()));
        integer("syn_linear_timeouts", "SYN retransmissions 1 RTO apart before back-off starts", 0, 16,
                Profile::synLinearTimeouts, (b, v) -> b.synLinearTimeouts(v.intValue()));
        integer("synack_retries", "retransmissions of a SYN-ACK before the half-open connection goes", 0, 255,
                Profile::synackRetries, (b, v) -> b.synackRetries(v.intValue()));
        duration("fin_timeout", "how long FIN-WAIT-2 waits after close(), 0 for ever", 0, HOUR,
                Profile::finTimeout, Builder::finTimeout);
        duration("invalid_ratelimit", "least time between ACKs to out-of-window segments without data, 0 for none",
                0, 10 * S, Profile::invalidRatelimit, Builder::invalidRatelimit);
        bool("probe_with_data", "a zero-window probe carries one octet of new data (else SEQ=SND.UNA-1, no data)",
                Profile::probeWithData, Builder::probeWithData);
        bool("rst_on_close_with_unread", "close() with unread data sends RST+ACK instead of a FIN",
                Profile::rstOnCloseWithUnread, Builder::rstOnCloseWithUnread);
        bool("rst_on_data_after_close", "data arriving after close() is answered with RST (RFC 1122 4.2.2.13)",
                Profile::rstOnDataAfterClose, Builder::rstOnDataAfterClose);
        bool("time_wait_reuse", "connect may take over its own TIME-WAIT connection on loopback (Linux tcp_tw_reuse 2)",
                Profile::timeWaitReuse, Builder::timeWaitReuse);
        bool("syn_in_time_wait", "a new SYN in TIME-WAIT may reopen the connection (RFC 6191)",
                Profile::synInTimeWait, Builder::synInTimeWait);
    }

    private static void integer(String name, String description, long min, long max,
            Function<Profile, Object> get, BiConsumer<Builder, Long> set) {
        define(new Parameter(name, Kind.INTEGER, description, min, max, List.of()), get,
                (b, v) -> set.accept(b, (Long) v));
    }

    private static void duration(String name, String description, long min, long max,
            Function<Profile, Object> get, BiConsumer<Builder, Long> set) {
        define(new Parameter(name, Kind.DURATION, description, min, max, List.of()), get,
                (b, v) -> set.accept(b, (Long) v));
    }

    private static void bool(String name, String description, Function<Profile, Object> get,
            BiConsumer<Builder, Boolean> set) {
        define(new Parameter(name, Kind.BOOLEAN, description, 0, 1, List.of()), get,
                (b, v) -> set.accept(b, (Boolean) v));
    }

    private static <E extends Enum<E>> void choice(String name, String description, Class<E> type,
            Function<Profile, Object> get, BiConsumer<Builder, Object> set) {
        List<String> choices = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            choices.add(e.name().toLowerCase(Locale.ROOT));
        }
        define(new Parameter(name, Kind.CHOICE, description, 0, 0, choices), get,
                (b, v) -> set.accept(b, Enum.valueOf(type, ((String) v).toUpperCase(Locale.ROOT))));
    }

    private static void define(Parameter p, Function<Profile, Object> get, BiConsumer<Builder, Object> set) {
        DEFINITIONS.put(p.name(), new Definition(p, get, set));
    }

    /** Every parameter, in a stable order (the order of this class's javadoc). */
    public static List<Parameter> parameters() {
        return DEFINITIONS.values().stream().map(Definition::parameter).toList();
    }

    /**
     * This profile with one parameter changed. INTEGER and DURATION take an {@link Integer} or
     * {@link Long} (a duration in microseconds), BOOLEAN a {@link Boolean}, CHOICE a
     * {@link String} naming one of the choices (any case) or the enum constant itself.
     *
     * @throws IllegalArgumentException with a message for the script's author when there is no
     *                                  such parameter or the value does not fit it
     */
    public Profile with(String parameter, Object value) {
        Definition d = definition(parameter);
        Builder b = toBuilder();
        d.set().accept(b, checked(d.parameter(), value));
        return b.build();
    }

    /**
     * The value of a parameter: a {@link Long} for INTEGER and DURATION, a {@link Boolean}, or a
     * CHOICE's lower-case name.
     *
     * @throws IllegalArgumentException when there is no such parameter
     */
    public Object value(String parameter) {
        Definition d = definition(parameter);
        Object v = d.get().apply(this);
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (v instanceof Integer i) {
            return (long) i;
        }
        return v;
    }

    /** A copy under another name ({@code profile lab extends linux}). */
    public Profile named(String newName) {
        Builder b = toBuilder();
        b.name = Objects.requireNonNull(newName);
        return b.build();
    }

    private static Definition definition(String parameter) {
        Definition d = DEFINITIONS.get(parameter);
        if (d == null) {
            String hint = nearest(parameter);
            throw new IllegalArgumentException("unknown profile parameter `" + parameter + "`"
                    + (hint != null ? "; did you mean `" + hint + "`? Known" : "; known")
                    + " parameters are " + String.join(", ", DEFINITIONS.keySet()));
        }
        return d;
    }

    /** The value as the setter takes it, or a message saying what the parameter wants. */
    private static Object checked(Parameter p, Object value) {
        String n = "`" + p.name() + "`";
        switch (p.kind()) {
            case BOOLEAN:
                if (value instanceof Boolean) {
                    return value;
                }
                throw new IllegalArgumentException(n + " is true or false, not " + shown(value));
            case CHOICE:
                String word = value instanceof Enum<?> e ? e.name() : value instanceof String s ? s : null;
                if (word != null && p.choices().contains(word.toLowerCase(Locale.ROOT))) {
                    return word;
                }
                throw new IllegalArgumentException(n + " is one of " + String.join(", ", p.choices())
                        + ", not " + shown(value));
            default:
                boolean duration = p.kind() == Kind.DURATION;
                String what = duration ? "a duration" : "a whole number";
                if (!(value instanceof Long || value instanceof Integer || value instanceof Short
                        || value instanceof Byte)) {
                    throw new IllegalArgumentException(n + " is " + what + ", not " + shown(value));
                }
                long v = ((Number) value).longValue();
                if (v < p.min() || v > p.max()) {
                    String range = duration
                            ? "from " + Durations.format(p.min()) + " to " + Durations.format(p.max())
                            : "from " + p.min() + " to " + p.max();
                    throw new IllegalArgumentException(n + " must be " + range + ", not "
                            + (duration ? Durations.format(v) : Long.toString(v)));
                }
                return v;
        }
    }

    private static String shown(Object value) {
        return value instanceof String s ? "`" + s + "`" : String.valueOf(value);
    }

    /** The parameter name closest to a misspelt one, if it is close enough to be the intent. */
    private static String nearest(String wrong) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : DEFINITIONS.keySet()) {
            int d = editDistance(wrong, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(3, wrong.length() / 3) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(replace, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Durations in error messages, spelt as a script writes them (the language's shortest form). */
    private static final class Durations {
        static String format(long micros) {
            if (micros != 0 && micros % (60 * S) == 0) {
                return micros / (60 * S) + "m";
            }
            if (micros % MS != 0) {
                return micros + "us";
            }
            long ms = micros / MS;
            if (ms % 1000 == 0) {
                return ms / 1000 + "s";
            }
            if (ms < 1000) {
                return ms + "ms";
            }
            return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
        }
    }

    // ---------------------------------------------------------------------------------------
    // Accessors

    /** The name scripts select it by ({@code stack linux}). */
    public String name() {
        return name;
    }

    /** Which options are offered and in what order. */
    public OptionLayout optionLayout() {
        return optionLayout;
    }

    /** The MSS option value this stack advertises. */
    public int mss() {
        return mss;
    }

    /**
     * The receive buffer (RCV.BUFF): the window offered once the handshake is done, unread data
     * aside. A SYN's window is never scaled (RFC 7323 2.2), so a SYN offers at most 65535 of it;
     * the windows after the handshake offer it all, if window scaling is in use (seed 000's macOS
     * listing: SYNs offer 65535, then 6379 at scale 6, 408256 bytes and more).
     */
    public int rcvSpace() {
        return rcvSpace;
    }

    /**
     * Linux tcp_select_initial_window: "Quantize space offering to a multiple of mss if possible",
     * so the receive space (65535 on loopback) becomes 65483, 1303 segments of 65495 - 12 bytes
     * (seed 000: SYN-ACK window 65483). macOS does not: its SYNs offer 65535 (seed 000).
     */
    public boolean roundRcvSpaceToMss() {
        return roundRcvSpaceToMss;
    }

    /** The window scale shift offered in SYN/SYN-ACK, or -1 to offer none. */
    public int windowScale() {
        return windowScale;
    }

    public boolean offersWindowScale() {
        return windowScale >= 0;
    }

    /** Offers SACK-permitted; when both SYNs carry it, duplicate ACKs carry SACK blocks. */
    public boolean sack() {
        return sack;
    }

    /** Offers RFC 7323 timestamps. */
    public boolean timestamps() {
        return timestamps;
    }

    /** Rate of the timestamp clock (Linux: 1000 Hz). */
    public long timestampHz() {
        return timestampHz;
    }

    /**
     * How the host chooses ISNs (RFC 9293 3.4.1): RFC 6528's clock plus a keyed hash of the
     * 4-tuple, which the RFC recommends (SHLD-1) and Linux and macOS use, or the global counter
     * of 4.xBSD ({@link BsdIsnCounter}), which made the ISNs of the 1980s predictable. A host
     * (one address of a scenario) has one generator, chosen by the profile of its first socket.
     */
    public IsnGenerator.Kind isnGenerator() {
        return isnGenerator;
    }

    /**
     * Linux rounds a scaled window up to the scale's granularity (__tcp_select_window), so 65483
     * bytes at scale 7 advertise 512; it also advertises no window smaller than the receive MSS
     * once less than half the buffer is free (receiver SWS avoidance).
     */
    public boolean roundWindowUp() {
        return roundWindowUp;
    }

    /**
     * BSD's tcp_output ("Calculate receive window. Don't shrink window, but avoid silly window
     * syndrome"): every segment offers all the free receive space, never less than already
     * offered, none when less than a quarter of the buffer and less than a segment are free; the
     * edge is kept in bytes (rcv_adv), and only the window field is shifted down. Receiver SWS
     * avoidance then decides only when a window update goes alone. Without it (the RFC's rule,
     * RFC 9293 3.8.6.2.2) the right edge moves only in steps of min(RCV.BUFF / 2, Eff.snd.MSS),
     * which the scaled field shows one unit smaller after each small segment; seed 000's macOS
     * listing keeps 6379 after 7 bytes.
     */
    public boolean advertiseFreeSpace() {
        return advertiseFreeSpace;
    }

    /**
     * Linux tcp_bound_to_half_wnd: once the peer has offered more than 536 bytes, no segment is
     * larger than half the largest window it offered (capture zero-window: 2048-byte segments
     * into a 4096-byte window), so a receiver gets two per window and ACKs at once.
     */
    public boolean halfWindowSegments() {
        return halfWindowSegments;
    }

    /** RFC 2883 (Linux tcp_dsack 1): an ACK of text received twice reports it in a first SACK block. */
    public boolean duplicateSack() {
        return duplicateSack;
    }

    /**
     * Linux tcp_cleanup_rbuf: when the application reads everything and the text was pushed (PSH,
     * or a short segment), the ACK owed goes at once instead of after the delayed-ACK timeout,
     * unless in pingpong mode (then only a second pushed segment forces it).
     */
    public boolean ackPushedOnRead() {
        return ackPushedOnRead;
    }

    /**
     * XNU tcp_cc_delay_ack: an ACK is delayed only if the segment has no PSH, "If TH_PUSH is set,
     * take this as a clue that we need to ACK with no delay" (radar 3649245). Seed 000's macOS
     * listing: the server ACKs "foobar\n" [P.] at once (packet 7). Newer XNU (tcp_ack_strategy
     * "modern") instead ACKs the first segments of a connection at once; packet 7 fits both.
     */
    public boolean ackPushedAtOnce() {
        return ackPushedAtOnce;
    }

    /**
     * A quirk of macOS, seed 000's packet 4: when the handshake's ACK arrives, the passive side
     * sends an ACK of its own at once, acknowledging nothing new (ack 1, like its SYN-ACK's) but
     * offering its full window (6379 at scale 6) instead of the 65535 its SYN-ACK could. BSD's
     * tcp_input calls tcp_output after taking the peer's first scaled window, and tcp_output sends
     * a window update when the window it can offer exceeds the one offered by two segments or by
     * half the buffer. The active side needs none: its handshake ACK already offers the full
     * window (packet 3). So: on entering ESTABLISHED from a passive open, an ACK goes when the
     * free space exceeds RCV.WND by at least two segments or half the buffer.
     */
    public boolean ackAfterHandshake() {
        return ackAfterHandshake;
    }

    /** ABORT sends RST+ACK (Linux tcp_send_active_reset) rather than the RFC's bare RST. */
    public boolean rstAckOnAbort() {
        return rstAckOnAbort;
    }

    /** How long TIME-WAIT lasts (RFC: 2 MSL = 240 s; Linux: 60 s). */
    public long timeWait() {
        return timeWait;
    }

    /**
     * The delayed-ACK timeout (Linux TCP_ATO_MIN 40 ms; RFC 1122 4.2.3.2: at most 500 ms); 0
     * acknowledges every segment at once.
     */
    public long delayedAck() {
        return delayedAck;
    }

    /**
     * Linux: a FIN arriving in ESTABLISHED after data was received is ACKed after the delayed-ACK
     * timeout (pingpong mode), so an application that closes in time sends its FIN with that ACK.
     */
    public boolean delayFinAckAfterData() {
        return delayFinAckAfterData;
    }

    /**
     * Linux: a FIN arriving in ESTABLISHED with no data before it is ACKed by the delayed-ACK
     * timer too, but with no ACK timeout learnt yet the timer fires at the next tick (HZ=250:
     * within 4 ms; captures/fin-no-data: 0.1 to 7 ms). An application that closes at once sends
     * its FIN with the ACK (captures/synack-lost.txt, lines 8-10). 0 ACKs at once.
     */
    public long finAckDelay() {
        return finAckDelay;
    }

    /**
     * Linux quick-ACK mode (tcp_incr_quickack): at most this many in-order segments at the start
     * of a connection are ACKed at once, however small (TCP_MAX_QUICKACKS = 16); fewer when the
     * window holds fewer than two segments per quick ACK.
     */
    public int quickAcks() {
        return quickAcks;
    }

    /**
     * Linux pingpong (interactive) mode (tcp_event_data_sent): once the application sends data
     * within the delayed-ACK time of receiving some, ACKs of text are delayed (no quick ACKs), so
     * they ride on the answer; the delayed-ACK timer firing ends the mode.
     */
    public boolean pingpong() {
        return pingpong;
    }

    /** RTO before the first RTT sample, and of SYN and SYN-ACK (RFC 6298 2.1; Linux TCP_TIMEOUT_INIT). */
    public long initialRto() {
        return initialRto;
    }

    /** Lower bound of the RTO (RFC 6298 2.4: 1 s; Linux tcp_rto_min_us: 200 ms). */
    public long minRto() {
        return minRto;
    }

    /** Upper bound of the RTO, back-off included (RFC 6298 2.5: at least 60 s; Linux TCP_RTO_MAX 120 s). */
    public long maxRto() {
        return maxRto;
    }

    /** G of RFC 6298 2.2 and 2.3: RTO = SRTT + max(G, K*RTTVAR). */
    public long clockGranularity() {
        return clockGranularity;
    }

    /**
     * Linux (tcp_rtt_estimator, tcp_set_rto): the variance term is at least min_rto, so RTO =
     * SRTT + max(min_rto, 4*RTTVAR); RFC 6298 instead clamps the sum to min_rto.
     */
    public boolean rtoMinOnVariance() {
        return rtoMinOnVariance;
    }

    /**
     * RFC 8985 section 7 (Linux tcp_early_retrans 3): with SACK in use and no loss recovery under
     * way, the timer first waits a probe timeout (2 SRTT, plus min_rto when one segment is in
     * flight, else 2 ms, never later than the RTO) and then resends the last segment, without
     * back-off; the RTO proper runs from that probe.
     */
    public boolean tailLossProbe() {
        return tailLossProbe;
    }

    /**
     * RACK loss detection (RFC 8985 section 6; Linux tcp_recovery 1): with SACK in use, a segment
     * is lost once a segment sent after it has been delivered and that delivery's RTT plus a
     * reordering window (min_RTT / 4, 0 in recovery or with dupack_threshold segments SACKed)
     * has passed since it was sent. Captures out-of-order and out-of-order-burst.
     */
    public boolean rack() {
        return rack;
    }

    /**
     * RFC 5681 3.2: fast retransmit on this many duplicate ACKs, when RACK is not in use (no
     * SACK); 0 leaves losses to the RTO.
     */
    public int dupackThreshold() {
        return dupackThreshold;
    }

    /**
     * R2 of RFC 9293 3.8.3 for data and FIN, as Linux's tcp_retries2 (15): the connection times
     * out when the time since the segment was first sent reaches what this many back-offs from
     * min_rto would take (tcp_model_timeout; 924.6 s for 15 with 200 ms and a 120 s cap).
     */
    public int retries2() {
        return retries2;
    }

    /** retries2 once the application has closed the socket (Linux tcp_orphan_retries: 0 means 8). */
    public int orphanRetries() {
        return orphanRetries;
    }

    /**
     * SYN retransmissions (Linux tcp_syn_retries): connect gives up when the retransmissions
     * reach syn_retries + syn_linear_timeouts, or the time since the first SYN reaches
     * (2^(syn_retries+1) - 1) initial RTOs, whichever comes first, checked when the timer fires.
     */
    public int synRetries() {
        return synRetries;
    }

    /** The first SYN retransmissions go one initial RTO apart (Linux tcp_syn_linear_timeouts). */
    public int synLinearTimeouts() {
        return synLinearTimeouts;
    }

    /** SYN-ACK retransmissions of a passive open before it is dropped (Linux tcp_synack_retries). */
    public int synackRetries() {
        return synackRetries;
    }

    /** FIN-WAIT-2 of a closed (orphaned) socket ends after this (Linux tcp_fin_timeout); 0: never. */
    public long finTimeout() {
        return finTimeout;
    }

    /**
     * Linux tcp_invalid_ratelimit (500 ms): an ACK answering an out-of-window segment without data
     * (a probe, a challenge, a duplicate SYN) goes at most once per this time per connection
     * (tcp_oow_rate_limited; capture zero-window, whose second probe got no answer). 0: always.
     */
    public long invalidRatelimit() {
        return invalidRatelimit;
    }

    /**
     * The zero-window probe (RFC 9293 3.8.6.1) carries "at least one octet of new data"; Linux
     * (tcp_xmit_probe_skb) sends an ACK with SEQ = SND.UNA - 1 and no data instead, which the
     * receiver, finding it old, answers with an ACK that carries its window.
     */
    public boolean probeWithData() {
        return probeWithData;
    }

    /** Linux tcp_close: unread received data is lost, so RST+ACK goes instead of a FIN (RFC 2525 2.17). */
    public boolean rstOnCloseWithUnread() {
        return rstOnCloseWithUnread;
    }

    /**
     * Linux: new data arriving after close() (FIN-WAIT-1, FIN-WAIT-2) resets the connection, as
     * RFC 1122 4.2.2.13 allows ("data after close" in tcp_rcv_state_process).
     */
    public boolean rstOnDataAfterClose() {
        return rstOnDataAfterClose;
    }

    /**
     * Linux tcp_tw_reuse 2: an active open from the ports of a TIME-WAIT connection takes it over
     * when both ends are loopback addresses and timestamps were in use; the new ISS is the old
     * SND.NXT + 65537 and the SYN echoes the old TS.Recent (capture time-wait-reuse). Otherwise
     * the connection still exists and connect fails.
     */
    public boolean timeWaitReuse() {
        return timeWaitReuse;
    }

    /** Linux tcp_timewait_state_process: an acceptable new SYN in TIME-WAIT starts a new connection. */
    public boolean synInTimeWait() {
        return synInTimeWait;
    }

    // ---------------------------------------------------------------------------------------
    // Value semantics

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Profile p) || !name.equals(p.name)) {
            return false;
        }
        for (Definition d : DEFINITIONS.values()) {
            if (!d.get().apply(this).equals(d.get().apply(p))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = name.hashCode();
        for (Definition d : DEFINITIONS.values()) {
            h = h * 31 + d.get().apply(this).hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Profile ").append(name).append(" {");
        for (String p : DEFINITIONS.keySet()) {
            sb.append(' ').append(p).append(' ').append(value(p)).append(';');
        }
        return sb.append(" }").toString();
    }

    // ---------------------------------------------------------------------------------------
    // Builder

    /** A builder with nothing set but the name; {@link #LINUX}'s {@code toBuilder} is a better start. */
    public static Builder builder(String name) {
        Builder b = new Builder();
        b.name = Objects.requireNonNull(name);
        return b;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.optionLayout = optionLayout;
        b.mss = mss;
        b.rcvSpace = rcvSpace;
        b.roundRcvSpaceToMss = roundRcvSpaceToMss;
        b.windowScale = windowScale;
        b.sack = sack;
        b.timestamps = timestamps;
        b.timestampHz = timestampHz;
        b.isnGenerator = isnGenerator;
        b.roundWindowUp = roundWindowUp;
        b.advertiseFreeSpace = advertiseFreeSpace;
        b.halfWindowSegments = halfWindowSegments;
        b.ackPushedOnRead = ackPushedOnRead;
        b.ackPushedAtOnce = ackPushedAtOnce;
        b.ackAfterHandshake = ackAfterHandshake;
        b.duplicateSack = duplicateSack;
        b.rstAckOnAbort = rstAckOnAbort;
        b.timeWait = timeWait;
        b.delayedAck = delayedAck;
        b.delayFinAckAfterData = delayFinAckAfterData;
        b.finAckDelay = finAckDelay;
        b.quickAcks = quickAcks;
        b.pingpong = pingpong;
        b.initialRto = initialRto;
        b.minRto = minRto;
        b.maxRto = maxRto;
        b.clockGranularity = clockGranularity;
        b.rtoMinOnVariance = rtoMinOnVariance;
        b.tailLossProbe = tailLossProbe;
        b.rack = rack;
        b.dupackThreshold = dupackThreshold;
        b.retries2 = retries2;
        b.orphanRetries = orphanRetries;
        b.synRetries = synRetries;
        b.synLinearTimeouts = synLinearTimeouts;
        b.synackRetries = synackRetries;
        b.finTimeout = finTimeout;
        b.invalidRatelimit = invalidRatelimit;
        b.probeWithData = probeWithData;
        b.rstOnCloseWithUnread = rstOnCloseWithUnread;
        b.rstOnDataAfterClose = rstOnDataAfterClose;
        b.synInTimeWait = synInTimeWait;
        b.timeWaitReuse = timeWaitReuse;
        return b;
    }

    /** Sets components by their Java names; {@link #build} makes the immutable profile. */
    public static final class Builder {
        private String name;
        private OptionLayout optionLayout = OptionLayout.NONE;
        private int mss = 536;
        private int rcvSpace = 65535;
        private boolean roundRcvSpaceToMss = true;
        private int windowScale = -1;
        private boolean sack;
        private boolean timestamps;
        private long timestampHz = 1000;
        private IsnGenerator.Kind isnGenerator = IsnGenerator.Kind.RFC6528;
        private boolean roundWindowUp;
        private boolean advertiseFreeSpace;
        private boolean halfWindowSegments;
        private boolean ackPushedOnRead;
        private boolean ackPushedAtOnce;
        private boolean ackAfterHandshake;
        private boolean duplicateSack;
        private boolean rstAckOnAbort;
        private long timeWait;
        private long delayedAck;
        private boolean delayFinAckAfterData;
        private long finAckDelay;
        private int quickAcks;
        private boolean pingpong;
        private long initialRto = S;
        private long minRto = S;
        private long maxRto = 60 * S;
        private long clockGranularity = MS;
        private boolean rtoMinOnVariance;
        private boolean tailLossProbe;
        private boolean rack;
        private int dupackThreshold = 3;
        private int retries2 = 15;
        private int orphanRetries = 15;
        private int synRetries = 6;
        private int synLinearTimeouts;
        private int synackRetries = 5;
        private long finTimeout;
        private long invalidRatelimit;
        private boolean probeWithData;
        private boolean rstOnCloseWithUnread;
        private boolean rstOnDataAfterClose;
        private boolean synInTimeWait;
        private boolean timeWaitReuse;

        private Builder() {}

        public Builder optionLayout(OptionLayout v) {
            optionLayout = Objects.requireNonNull(v);
            return this;
        }

        public Builder mss(int v) {
            mss = v;
            return this;
        }

        public Builder rcvSpace(int v) {
            rcvSpace = v;
            return this;
        }

        public Builder roundRcvSpaceToMss(boolean v) {
            roundRcvSpaceToMss = v;
            return this;
        }

        public Builder windowScale(int v) {
            windowScale = v;
            return this;
        }

        public Builder sack(boolean v) {
            sack = v;
            return this;
        }

        public Builder timestamps(boolean v) {
            timestamps = v;
            return this;
        }

        public Builder timestampHz(long v) {
            timestampHz = v;
            return this;
        }

        public Builder isnGenerator(IsnGenerator.Kind v) {
            isnGenerator = Objects.requireNonNull(v);
            return this;
        }

        public Builder advertiseFreeSpace(boolean v) {
            advertiseFreeSpace = v;
            return this;
        }

        public Builder roundWindowUp(boolean v) {
            roundWindowUp = v;
            return this;
        }

        public Builder halfWindowSegments(boolean v) {
            halfWindowSegments = v;
            return this;
        }

        public Builder duplicateSack(boolean v) {
            duplicateSack = v;
            return this;
        }

        public Builder ackPushedOnRead(boolean v) {
            ackPushedOnRead = v;
            return this;
        }

        public Builder ackPushedAtOnce(boolean v) {
            ackPushedAtOnce = v;
            return this;
        }

        public Builder ackAfterHandshake(boolean v) {
            ackAfterHandshake = v;
            return this;
        }

        public Builder rstAckOnAbort(boolean v) {
            rstAckOnAbort = v;
            return this;
        }

        public Builder timeWait(long v) {
            timeWait = v;
            return this;
        }

        public Builder delayedAck(long v) {
            delayedAck = v;
            return this;
        }

        public Builder delayFinAckAfterData(boolean v) {
            delayFinAckAfterData = v;
            return this;
        }

        public Builder finAckDelay(long v) {
            finAckDelay = v;
            return this;
        }

        public Builder quickAcks(int v) {
            quickAcks = v;
            return this;
        }

        public Builder pingpong(boolean v) {
            pingpong = v;
            return this;
        }

        public Builder initialRto(long v) {
            initialRto = v;
            return this;
        }

        public Builder minRto(long v) {
            minRto = v;
            return this;
        }

        public Builder maxRto(long v) {
            maxRto = v;
            return this;
        }

        public Builder clockGranularity(long v) {
            clockGranularity = v;
            return this;
        }

        public Builder rtoMinOnVariance(boolean v) {
            rtoMinOnVariance = v;
            return this;
        }

        public Builder tailLossProbe(boolean v) {
            tailLossProbe = v;
            return this;
        }

        public Builder rack(boolean v) {
            rack = v;
            return this;
        }

        public Builder dupackThreshold(int v) {
            dupackThreshold = v;
            return this;
        }

        public Builder retries2(int v) {
            retries2 = v;
            return this;
        }

        public Builder orphanRetries(int v) {
            orphanRetries = v;
            return this;
        }

        public Builder synRetries(int v) {
            synRetries = v;
            return this;
        }

        public Builder synLinearTimeouts(int v) {
            synLinearTimeouts = v;
            return this;
        }

        public Builder synackRetries(int v) {
            synackRetries = v;
            return this;
        }

        public Builder finTimeout(long v) {
            finTimeout = v;
            return this;
        }

        public Builder invalidRatelimit(long v) {
            invalidRatelimit = v;
            return this;
        }

        public Builder probeWithData(boolean v) {
            probeWithData = v;
            return this;
        }

        public Builder rstOnCloseWithUnread(boolean v) {
            rstOnCloseWithUnread = v;
            return this;
        }

        public Builder rstOnDataAfterClose(boolean v) {
            rstOnDataAfterClose = v;
            return this;
        }

        public Builder synInTimeWait(boolean v) {
            synInTimeWait = v;
            return this;
        }

        public Builder timeWaitReuse(boolean v) {
            timeWaitReuse = v;
            return this;
        }

        public Profile build() {
            return new Profile(this);
        }
    }
}
