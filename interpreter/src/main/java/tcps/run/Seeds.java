package tcps.run;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * Derived values already computed: a run derives the same few (ports, keys, offsets) as every
     * other run with its seed, and hashing them again was a visible part of a short run. Pure
     * function, so the cache changes no result; it is emptied when it grows past a bound.
     */
    private static final Map<List<Object>, Long> DERIVED = new ConcurrentHashMap<>();
    private static final int MAX_DERIVED = 4096;

    static long derive(long seed, String label, long... parts) {
        List<Object> key = new ArrayList<>(parts.length + 2);
        key.add(seed);
        key.add(label);
        for (long p : parts) {
            key.add(p);
        }
        Long known = DERIVED.get(key);
        if (known != null) {
            return known;
        }
        byte[] text = label.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + 8 * parts.length + text.length);
        b.putLong(seed);
        for (long p : parts) {
            b.putLong(p);
        }
        b.put(text);
        long value = ByteBuffer.wrap(Sha256.digest(b.array())).getLong();
        if (DERIVED.size() >= MAX_DERIVED) {
            DERIVED.clear();
        }
        DERIVED.put(key, value);
        return value;
    }
}
