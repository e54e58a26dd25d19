package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The send queue hands out exactly the bytes written, in order, with PSH where a write ends. */
class SendQueueTest {
    private static final byte[] LETTERS = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aRepeatedPatternComesOutAsTheBytesItStandsFor() {
        SendQueue q = new SendQueue();
        q.write(SendData.repeating(LETTERS, 100_000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] sizes = {1, 25, 26, 27, 1460, 4095, 4096, 4097, 65483};
        for (int i = 0; !q.isEmpty(); i++) {
            SendQueue.Chunk c = q.take((int) Math.min(sizes[i % sizes.length], q.size()));
            out.writeBytes(c.bytes());
            assertEquals(q.isEmpty(), c.push(), "PSH only on the segment that ends the write");
        }
        byte[] all = out.toByteArray();
        assertEquals(100_000, all.length);
        for (int i = 0; i < all.length; i++) {
            assertEquals('a' + i % 26, all[i], "byte " + i);
        }
    }

    @Test
    void writesFollowEachOtherAndEachEndPushes() {
        SendQueue q = new SendQueue();
        q.write(SendData.of("hello ".getBytes(StandardCharsets.US_ASCII)));
        q.write(SendData.repeating(LETTERS, 30));
        q.write(SendData.of(new byte[0]));
        assertEquals(36, q.size());
        SendQueue.Chunk first = q.take(4);
        assertArrayEquals("hell".getBytes(StandardCharsets.US_ASCII), first.bytes());
        assertFalse(first.push());
        SendQueue.Chunk second = q.take(10);
        assertArrayEquals("o abcdefgh".getBytes(StandardCharsets.US_ASCII), second.bytes());
        assertTrue(second.push(), "the first write ended inside it");
        SendQueue.Chunk rest = q.take(22);
        assertEquals("ijklmnopqrstuvwxyzabcd", new String(rest.bytes(), StandardCharsets.US_ASCII));
        assertTrue(rest.push());
        assertTrue(q.isEmpty());
    }

    @Test
    void aWriteOfTerabytesTakesNoMemory() {
        SendQueue q = new SendQueue();
        q.write(SendData.repeating(LETTERS, 1L << 40));
        assertEquals(1L << 40, q.size());
        assertEquals("abc", new String(q.take(3).bytes(), StandardCharsets.US_ASCII));
        q.clear();
        assertTrue(q.isEmpty());
    }
}
