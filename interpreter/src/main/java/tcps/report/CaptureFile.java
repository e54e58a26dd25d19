package tcps.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import tcps.run.RunEvent;
import tcps.run.ScenarioResult;
import tcps.sim.Captured;

/**
 * Writes a scenario's capture as a pcap file: every segment sent, where tcpdump would capture
 * it on the sender (so lost segments are in it), stamped with the virtual clock. A segment a
 * {@code corrupt next} fault took carries a wrong TCP checksum, as it did on the wire. Reading it
 * with {@code TZ=UTC tcpdump -n -r FILE} prints the same lines as {@code tcps run -n}.
 */
public final class CaptureFile {
    private CaptureFile() {}

    /** Writes {@code file}; its directory must exist (nothing is created but the file itself). */
    public static void write(Path file, ScenarioResult result) throws IOException {
        Set<Integer> corrupted = new HashSet<>();
        for (RunEvent.SegmentFault f : result.events(RunEvent.SegmentFault.class)) {
            if (f.effect() == RunEvent.Effect.CORRUPTED) {
                corrupted.add(f.segment());
            }
        }
        try (PcapWriter w = PcapWriter.create(file)) {
            for (Captured c : result.capture()) {
                w.write(c.segment(), c.time(), corrupted.contains(c.index()));
            }
        }
    }
}
