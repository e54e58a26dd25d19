package tcps.tcp;

/**
 * Why a receiver dropped a segment, in a short sentence, with the RFC section whose rule applied.
 * Reports show these so a reader learns which rule fired (e.g. under an annotated transcript).
 */
public record Discard(String reason, String rfcSection) {
    @Override
    public String toString() {
        return reason + " (" + rfcSection + ")";
    }
}
