package tcps.run;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import tcps.tcp.Sha256;

/**
 * Every random-looking choice of a run (ephemeral ports, ISN keys, timestamp offsets) is a hash
 * of the run's seed and a label naming the choice. Choices are therefore reproducible and
 * independent of each other: adding a new one never shifts the old ones.
 */
final class Seeds {
    /** The seed a run uses unless {@code --seed} says otherwise. */
    static final long DEFAULT = 1;

    private Seeds() {}

    static long derive(long seed, String label, long... parts) {
        byte[] text = label.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + 8 * parts.length + text.length);
        b.putLong(seed);
        for (long p : parts) {
            b.putLong(p);
        }
        b.put(text);
        return ByteBuffer.wrap(Sha256.digest(b.array())).getLong();
    }
}
