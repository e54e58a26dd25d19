package tcps.run;

import java.util.ArrayList;
import java.util.List;
import tcps.check.Exprs;
import tcps.check.ScenarioPlan;
import tcps.syntax.Field;
import tcps.syntax.OptionItem;
import tcps.syntax.SegmentSpec;
import tcps.syntax.Span;
import tcps.tcp.Segment;
import tcps.tcp.SeqNum;
import tcps.tcp.TcpFlags;
import tcps.tcp.TcpOption;

/**
 * Compares one segment with an {@code expect} pattern, field by field. Only written fields are
 * checked; each difference names the field, the expected and the actual value, relative and
 * absolute for sequence numbers, and the expression's value when it was not a literal.
 */
final class SegmentMatch {
    /** One field that differs: where the caret goes and the sentence to print. */
    record Difference(Span span, String field, String text) {}

    private final ScenarioPlan plan;
    private final Numbering numbering;

    SegmentMatch(ScenarioPlan plan, Numbering numbering) {
        this.plan = plan;
        this.numbering = numbering;
    }

    List<Difference> compare(SegmentSpec spec, Segment seg, Space sender) {
        Space receiver = sender.reversed();
        List<Difference> out = new ArrayList<>();
        if (spec.flags() != null) {
            int want = plan.flags(spec.flags());
            if (want != seg.flags()) {
                out.add(new Difference(spec.flags().span(), "flags", "flags: expected " + flagText(want) + ", got "
                        + flagText(seg.flags())));
            }
        }
        for (Field f : spec.fields()) {
            if (f instanceof Field.Seq s) {
                SeqNum start = numbering.evaluate(s.start(), sender);
                if (!start.equals(seg.seq())) {
                    out.add(new Difference(s.span(), "seq", "seq: expected " + numbering.showExpected(s.start(), start,
                            sender) + ", got " + numbering.show(seg.seq(), sender)));
                }
                if (s.end() != null) {
                    SeqNum end = numbering.evaluate(s.end(), sender);
                    SeqNum actualEnd = seg.seq().plus(seg.length());
                    if (!end.equals(actualEnd)) {
                        out.add(new Difference(s.span(), "seq", "seq end: expected " + numbering.showExpected(s.end(),
                                end, sender) + ", got " + numbering.show(actualEnd, sender) + " (" + seg.length()
                                + " bytes of data)"));
                    }
                }
            } else if (f instanceof Field.Ack a) {
                SeqNum want = numbering.evaluate(a.value(), receiver);
                if (!seg.has(TcpFlags.ACK)) {
                    out.add(new Difference(a.span(), "ack", "ack: expected " + numbering.showExpected(a.value(), want,
                            receiver) + ", got a segment without the ACK flag"));
                } else if (!want.equals(seg.ack())) {
                    out.add(new Difference(a.span(), "ack", "ack: expected " + numbering.showExpected(a.value(), want,
                            receiver) + ", got " + numbering.show(seg.ack(), receiver)));
                }
            } else if (f instanceof Field.Win w) {
                number(out, w.span(), "win", numbering.number(w.value()), seg.window());
            } else if (f instanceof Field.Urg u) {
                number(out, u.span(), "urg", numbering.number(u.value()), seg.urgent());
            } else if (f instanceof Field.Length l) {
                number(out, l.span(), "length", numbering.number(l.value()), seg.length());
            } else if (f instanceof Field.Data d) {
                if (!seg.payloadEquals(d.payload().bytes())) {
                    out.add(new Difference(d.span(), "data", "data: expected " + Text.quote(d.payload().bytes())
                            + ", got " + Text.quote(seg.payload())));
                }
            } else if (f instanceof Field.Options o) {
                if (!optionsMatch(o.items(), seg.options(), receiver)) {
                    out.add(new Difference(o.span(), "options", "options: expected <" + patternText(o.items(), receiver)
                            + ">, got <" + actualText(seg.options(), receiver) + ">"));
                }
            }
        }
        return out;
    }

    private static void number(List<Difference> out, Span span, String name, long want, long got) {
        if (want != got) {
            out.add(new Difference(span, name, name + ": expected " + want + ", got " + got));
        }
    }

    /** The actual options, SACK edges in the script's numbering so they compare with the expected. */
    private String actualText(List<TcpOption> options, Space acked) {
        SeqNum base = numbering.base(acked);
        return String.join(",", options.stream()
                .map(o -> o instanceof TcpOption.Sack s ? s.text(base) : o.text()).toList());
    }

    static String flagText(int bits) {
        return "[" + TcpFlags.tcpdump(bits) + "] (" + TcpFlags.words(bits) + ")";
    }

    private boolean optionsMatch(List<OptionItem> want, List<TcpOption> got, Space acked) {
        if (want.size() != got.size()) {
            return false;
        }
        for (int i = 0; i < want.size(); i++) {
            if (!optionMatches(want.get(i), got.get(i), acked)) {
                return false;
            }
        }
        return true;
    }

    /** SACK edges live in the space the segment acknowledges, as {@code ack=} does. */
    private boolean optionMatches(OptionItem w, TcpOption g, Space acked) {
        if (w instanceof OptionItem.Sack sack) {
            return sack(sack, acked).equals(g);
        }
        if (w instanceof OptionItem.Mss m) {
            return g instanceof TcpOption.Mss mss && mss.value() == Exprs.constant(m.value());
        }
        if (w instanceof OptionItem.WindowScale ws) {
            return g instanceof TcpOption.WindowScale s && s.shift() == Exprs.constant(ws.shift());
        }
        if (w instanceof OptionItem.Timestamps t) {
            return g instanceof TcpOption.Timestamps ts && (t.val() == null
                    || ts.val() == Exprs.constant(t.val()) && ts.ecr() == Exprs.constant(t.ecr()));
        }
        if (w instanceof OptionItem.SackPermitted) {
            return g instanceof TcpOption.SackPermitted;
        }
        if (w instanceof OptionItem.Nop) {
            return g instanceof TcpOption.Nop;
        }
        return g instanceof TcpOption.Eol;
    }

    /** A SACK pattern's blocks, evaluated in the space the segment acknowledges. */
    private TcpOption.Sack sack(OptionItem.Sack pattern, Space acked) {
        return new TcpOption.Sack(pattern.blocks().stream().map(b -> new TcpOption.SackBlock(
                numbering.evaluate(b.left(), acked), numbering.evaluate(b.right(), acked))).toList());
    }

    /** The expected options, SACK edges in the script's numbering. */
    private String patternText(List<OptionItem> items, Space acked) {
        List<String> parts = new ArrayList<>();
        for (OptionItem w : items) {
            if (w instanceof OptionItem.Sack sack) {
                parts.add(sack(sack, acked).text(numbering.base(acked)));
            } else if (w instanceof OptionItem.Mss m) {
                parts.add("mss " + Exprs.constant(m.value()));
            } else if (w instanceof OptionItem.WindowScale ws) {
                parts.add("wscale " + Exprs.constant(ws.shift()));
            } else if (w instanceof OptionItem.Timestamps t) {
                parts.add(t.val() == null ? "TS" : "TS val " + Exprs.constant(t.val()) + " ecr "
                        + Exprs.constant(t.ecr()));
            } else if (w instanceof OptionItem.SackPermitted) {
                parts.add("sackOK");
            } else if (w instanceof OptionItem.Nop) {
                parts.add("nop");
            } else {
                parts.add("eol");
            }
        }
        return String.join(",", parts);
    }
}
