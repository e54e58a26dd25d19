package tcps.syntax;

/** One TCP option in tcpdump's spelling, inside {@code <...>}. */
public sealed interface OptionItem {
    Span span();

    record Mss(Expr value, Span span) implements OptionItem {}

    record WindowScale(Expr shift, Span span) implements OptionItem {}

    record SackPermitted(Span span) implements OptionItem {}

    /** {@code TS} alone checks presence only: {@code val} and {@code ecr} are then null. */
    record Timestamps(Expr val, Expr ecr, Span span) implements OptionItem {}

    record Nop(Span span) implements OptionItem {}

    record Eol(Span span) implements OptionItem {}
}
