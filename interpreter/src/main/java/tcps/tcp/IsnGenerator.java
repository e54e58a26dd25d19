package tcps.tcp;

/** Chooses initial sequence numbers (RFC 9293 section 3.4.1). */
@FunctionalInterface
public interface IsnGenerator {
    SeqNum next(TcpAddress local, TcpAddress remote, long now);

    /**
     * Which generator a host uses: a profile's {@code isn_generator}. RFC 9293 3.4.1 requires a
     * clock-driven ISN (MUST-8) and recommends RFC 6528's "ISN = M + F(localip, localport,
     * remoteip, remoteport, secretkey)" (SHLD-1), so that an off-path host cannot guess the ISN
     * of a connection it is not part of.
     */
    enum Kind {
        /** {@link Rfc6528Isn}: a 4 µs clock plus a keyed hash of the 4-tuple (Linux, macOS, the RFC). */
        RFC6528,
        /** {@link BsdIsnCounter}: one counter per host, +64,000 per connection and per 500 ms. */
        BSD
    }
}
