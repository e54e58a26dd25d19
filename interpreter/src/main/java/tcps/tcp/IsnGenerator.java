package tcps.tcp;

/** Chooses initial sequence numbers (RFC 9293 section 3.4.1). */
@FunctionalInterface
public interface IsnGenerator {
    SeqNum next(TcpAddress local, TcpAddress remote, long now);
}
