package tcps.tcp;

/** One end of a connection: an IPv4 address and a TCP port. */
public record TcpAddress(Ipv4 ip, int port) {
    public TcpAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    // equals and hashCode written out (the same values a record's own give): a record's are
    // linked through invokedynamic on first use, a visible cost in a run that lasts milliseconds.
    @Override
    public boolean equals(Object o) {
        return o instanceof TcpAddress a && port == a.port && ip.equals(a.ip);
    }

    @Override
    public int hashCode() {
        return ip.hashCode() * 31 + port;
    }

    @Override
    public String toString() {
        return ip + "." + port;
    }
}
