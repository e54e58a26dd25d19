package tcps.tcp;

/**
 * The round-trip estimate a connection's retransmission timeout is computed from (RFC 6298 2),
 * as it stands: read-only, so reports can say why the RTO is what it is.
 *
 * @param sampled an RTT was measured (else the RTO is the initial one)
 * @param srtt    SRTT, µs (0 before the first sample)
 * @param rttvar  RTTVAR, µs (0 before the first sample)
 * @param base    the RTO computed from them (or the initial one), before back-off, µs
 * @param backoffs how many times the RTO has doubled since the last sample (RFC 6298 5.5)
 * @param rto     the RTO the timer would start with now, back-off included, at most max_rto
 */
public record RttEstimate(boolean sampled, long srtt, long rttvar, long base, int backoffs, long rto) {}
