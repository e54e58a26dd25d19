package tcps.run;

import java.util.Optional;
import tcps.tcp.SeqNum;

/**
 * A sequence space: the numbers {@code owner} sends on its connection with {@code peer}.
 * A segment's seq lives in its sender's space, its ack in its receiver's.
 */
record Space(Actor owner, Actor peer) {
    Optional<SeqNum> isn() {
        return owner.isnWith(peer.address());
    }

    Space reversed() {
        return new Space(peer, owner);
    }
}
