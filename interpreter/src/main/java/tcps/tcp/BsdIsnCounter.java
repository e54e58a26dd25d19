package tcps.tcp;

/**
 * The ISNs of the sequence-number prediction era (4.2/4.4BSD's {@code tcp_iss}): one counter
 * per host, advanced by 64,000 on every connection and by 64,000 on every tick of the 500 ms
 * "slow timeout" (128,000 a second). Someone who opens one connection learns the counter and
 * can predict the next ISN within a few tens of thousands, which is what made blind spoofing
 * possible (the Morris and Mitnick attacks) and what RFC 1948, then RFC 6528, replaced.
 */
public final class BsdIsnCounter implements IsnGenerator {
    /** TCP_ISSINCR in 4.4BSD: added per connection and per slow-timeout tick. */
    public static final long INCREMENT = 64_000;
    /** PR_SLOWHZ = 2: the slow timeout fires every 500 ms. */
    public static final long TICK = 500_000;

    private long iss;
    private long ticksCounted;

    /** @param initial the counter's value at virtual time zero (4.4BSD started it at 1 at boot) */
    public BsdIsnCounter(long initial) {
        this.iss = initial;
    }

    @Override
    public SeqNum next(TcpAddress local, TcpAddress remote, long now) {
        long ticks = now / TICK;
        iss += (ticks - ticksCounted) * INCREMENT;
        ticksCounted = ticks;
        SeqNum chosen = SeqNum.of(iss);
        iss += INCREMENT;
        return chosen;
    }
}
