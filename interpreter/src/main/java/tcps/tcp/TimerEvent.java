package tcps.tcp;

/**
 * A timer of a connection was armed, fired or cancelled ({@link TcpObserver#timer}).
 *
 * @param timer    which timer
 * @param action   what happened to it
 * @param deadline when it is due (ARMED), was due (FIRED), or would have been due (CANCELLED), in
 *                 microseconds of virtual time
 * @param duration for ARMED, how long from now it runs (the RTO, the delayed-ACK time); else 0
 * @param cause    why, in a few words ("data sent, RFC 6298 5.1")
 */
public record TimerEvent(TcpTimer timer, Action action, long deadline, long duration, String cause) {
    public enum Action { ARMED, FIRED, CANCELLED }
}
