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
        int f = ByteBuffer.wrap(sha256(b.array())).getInt();
        long m = now / 4;
        return SeqNum.of(m + Integer.toUnsignedLong(f));
    }

    static byte[] sha256(byte[] data) {
        return Sha256.digest(data);
    }
}
