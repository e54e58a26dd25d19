package tcps.tcp;

import java.nio.ByteBuffer;

/**
 * RFC 6528: ISN = M + F(localip, localport, remoteip, remoteport, secretkey), where M is a
 * 4-microsecond timer and F a keyed hash (here SHA-256 over the key and the 4-tuple). The key
 * comes from the run's seed, so runs are reproducible yet ISNs look random.
 */
public final class Rfc6528Isn implements IsnGenerator {
    private final long key;

    public Rfc6528Isn(long key) {
        this.key = key;
    }

    @Override
    public SeqNum next(TcpAddress local, TcpAddress remote, long now) {
        ByteBuffer b = ByteBuffer.allocate(8 + 12);
        b.putLong(key).putInt(local.ip().bits()).putShort((short) local.port())
                .putInt(remote.ip().bits()).putShort((short) remote.port());
        int f = F.computeIfAbsent(new FKey(key, local, remote), k -> ByteBuffer.wrap(sha256(b.array())).getInt());
        long m = now / 4;
        return SeqNum.of(m + Integer.toUnsignedLong(f));
    }

    /**
     * F for a key and 4-tuple already hashed: runs with one seed draw the same ISNs, and hashing
     * again was a visible part of a short run. Emptied past a bound; changes no result.
     */
    private static final java.util.Map<FKey, Integer> F = new java.util.concurrent.ConcurrentHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer computeIfAbsent(FKey k, java.util.function.Function<? super FKey, ? extends Integer> f) {
            if (size() >= 4096) {
                clear();
            }
            return super.computeIfAbsent(k, f);
        }
    };

    private record FKey(long key, TcpAddress local, TcpAddress remote) {
        @Override
        public boolean equals(Object o) {
            return o instanceof FKey k && key == k.key && local.equals(k.local) && remote.equals(k.remote);
        }

        @Override
        public int hashCode() {
            return (Long.hashCode(key) * 31 + local.hashCode()) * 31 + remote.hashCode();
        }
    }

    static byte[] sha256(byte[] data) {
        return Sha256.digest(data);
    }
}
