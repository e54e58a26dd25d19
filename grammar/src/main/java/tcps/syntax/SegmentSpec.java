package tcps.syntax;

import java.util.List;

/**
 * Flags plus fields: what {@code expect} matches (flags may be null: not checked) and what
 * {@code send} puts on the wire (unwritten fields take the endpoint's bookkeeping values).
 */
public record SegmentSpec(Flags flags, List<Field> fields, Span span) {
    public SegmentSpec {
        fields = List.copyOf(fields);
    }
}
