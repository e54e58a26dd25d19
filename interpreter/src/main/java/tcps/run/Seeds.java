package tcps.run;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

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
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(8 + 8 * parts.length);
            b.putLong(seed);
            for (long p : parts) {
                b.putLong(p);
            }
            sha.update(b.array());
            sha.update(label.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
