package tcps.tcp;

/** One end of a connection: an IPv4 address and a TCP port. */
public record TcpAddress(Ipv4 ip, int port) {
    public TcpAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    @Override
    public String toString() {
        return ip + "." + port;
    }
}
