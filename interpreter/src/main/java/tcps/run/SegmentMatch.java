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
        Field.Visitor<Void> check = new Field.Visitor<>() {
            @Override
            public Void visitSeq(Field.Seq s) {
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
                return null;
            }

            @Override
            public Void visitAck(Field.Ack a) {
                SeqNum want = numbering.evaluate(a.value(), receiver);
                if (!seg.has(TcpFlags.ACK)) {
                    out.add(new Difference(a.span(), "ack", "ack: expected " + numbering.showExpected(a.value(), want,
                            receiver) + ", got a segment without the ACK flag"));
                } else if (!want.equals(seg.ack())) {
                    out.add(new Difference(a.span(), "ack", "ack: expected " + numbering.showExpected(a.value(), want,
                            receiver) + ", got " + numbering.show(seg.ack(), receiver)));
                }
                return null;
            }

            @Override
            public Void visitWin(Field.Win w) {
                number(out, w.span(), "win", numbering.number(w.value()), seg.window());
                return null;
            }

            @Override
            public Void visitUrg(Field.Urg u) {
                number(out, u.span(), "urg", numbering.number(u.value()), seg.urgent());
                return null;
            }

            @Override
            public Void visitLength(Field.Length l) {
                number(out, l.span(), "length", numbering.number(l.value()), seg.length());
                return null;
            }

            @Override
            public Void visitData(Field.Data d) {
                if (!seg.payloadEquals(d.payload().bytes())) {
                    out.add(new Difference(d.span(), "data", "data: expected " + Text.quote(d.payload().bytes())
                            + ", got " + Text.quote(seg.payload())));
                }
                return null;
            }

            @Override
            public Void visitCompared(Field.Compared c) {
                String name = c.field().text();
                if (name.equals("seq") || name.equals("ack")) {
                    Space space = name.equals("seq") ? sender : receiver;
                    if (name.equals("ack") && !seg.has(TcpFlags.ACK)) {
                        out.add(new Difference(c.span(), name, "ack: expected " + c.op().symbol + " "
                                + numbering.text(c.value()) + ", got a segment without the ACK flag"));
                        return null;
                    }
                    SeqNum want = numbering.evaluate(c.value(), space);
                    SeqNum got = name.equals("seq") ? seg.seq() : seg.ack();
                    if (!c.op().holds(Integer.signum(got.distanceFrom(want)))) {
                        out.add(new Difference(c.span(), name, name + ": expected " + c.op().symbol + " "
                                + numbering.showExpected(c.value(), want, space) + " (modulo 2^32), got "
                                + numbering.show(got, space)));
                    }
                    return null;
                }
                long want = numbering.number(c.value());
                long got = plain(name, seg);
                if (!c.op().holds(Long.compare(got, want))) {
                    out.add(new Difference(c.span(), name, name + ": expected " + c.op().symbol + " " + want
                            + ", got " + got));
                }
                return null;
            }

            @Override
            public Void visitError(Field.Error e) {
                throw new IllegalStateException("a broken field never runs: the checker refused its file, at " + e.span());
            }

            @Override
            public Void visitRange(Field.Range r) {
                String name = r.field().text();
                if (name.equals("seq") || name.equals("ack")) {
                    Space space = name.equals("seq") ? sender : receiver;
                    SeqNum low = numbering.evaluate(r.low(), space);
                    SeqNum high = numbering.evaluate(r.high(), space);
                    boolean hasValue = name.equals("seq") || seg.has(TcpFlags.ACK);
                    SeqNum got = name.equals("seq") ? seg.seq() : seg.ack();
                    // modulo 2^32: from low, at most as far as high is
                    if (!hasValue || got.offsetFrom(low) > high.offsetFrom(low)) {
                        out.add(new Difference(r.span(), name, name + ": expected in " + numbering.show(low, space)
                                + ".." + numbering.show(high, space) + ", got " + (hasValue ? numbering.show(got,
                                        space) : "a segment without the ACK flag")));
                    }
                    return null;
                }
                long low = numbering.number(r.low());
                long high = numbering.number(r.high());
                long got = plain(name, seg);
                if (got < low || got > high) {
                    out.add(new Difference(r.span(), name, name + ": expected in " + low + ".." + high + ", got "
                            + got));
                }
                return null;
            }

            @Override
            public Void visitOptions(Field.Options o) {
                if (!optionsMatch(o.items(), seg.options(), receiver)) {
                    out.add(new Difference(o.span(), "options", "options: expected <" + patternText(o.items(), receiver)
                            + ">, got <" + actualText(seg.options(), receiver) + ">"));
                }
                return null;
            }
        };
        for (Field f : spec.fields()) {
            f.accept(check);
        }
        return out;
    }

    /** A field that is a plain number: win, urg, len. */
    private static long plain(String name, Segment seg) {
        return switch (name) {
            case "win" -> seg.window();
            case "urg" -> seg.urgent();
            default -> seg.length();
        };
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
        return w.accept(new OptionItem.Visitor<Boolean>() {
            @Override
            public Boolean visitSack(OptionItem.Sack sack) {
                return sack(sack, acked).equals(g);
            }

            @Override
            public Boolean visitMss(OptionItem.Mss m) {
                return g instanceof TcpOption.Mss mss && mss.value() == Exprs.constant(m.value());
            }

            @Override
            public Boolean visitWindowScale(OptionItem.WindowScale ws) {
                return g instanceof TcpOption.WindowScale s && s.shift() == Exprs.constant(ws.shift());
            }

            @Override
            public Boolean visitTimestamps(OptionItem.Timestamps t) {
                return g instanceof TcpOption.Timestamps ts && (t.val() == null
                        || ts.val() == Exprs.constant(t.val()) && ts.ecr() == Exprs.constant(t.ecr()));
            }

            @Override
            public Boolean visitSackPermitted(OptionItem.SackPermitted o) {
                return g instanceof TcpOption.SackPermitted;
            }

            @Override
            public Boolean visitNop(OptionItem.Nop o) {
                return g instanceof TcpOption.Nop;
            }

            @Override
            public Boolean visitEol(OptionItem.Eol o) {
                return g instanceof TcpOption.Eol;
            }
        });
    }

    /** A SACK pattern's blocks, evaluated in the space the segment acknowledges. */
    private TcpOption.Sack sack(OptionItem.Sack pattern, Space acked) {
        return new TcpOption.Sack(pattern.blocks().stream().map(b -> new TcpOption.SackBlock(
                numbering.evaluate(b.left(), acked), numbering.evaluate(b.right(), acked))).toList());
    }

    /** The expected options, SACK edges in the script's numbering. */
    private String patternText(List<OptionItem> items, Space acked) {
        List<String> parts = new ArrayList<>();
        OptionItem.Visitor<String> text = new OptionItem.Visitor<>() {
            @Override
            public String visitSack(OptionItem.Sack sack) {
                return sack(sack, acked).text(numbering.base(acked));
            }

            @Override
            public String visitMss(OptionItem.Mss m) {
                return "mss " + Exprs.constant(m.value());
            }

            @Override
            public String visitWindowScale(OptionItem.WindowScale ws) {
                return "wscale " + Exprs.constant(ws.shift());
            }

            @Override
            public String visitTimestamps(OptionItem.Timestamps t) {
                return t.val() == null ? "TS" : "TS val " + Exprs.constant(t.val()) + " ecr " + Exprs.constant(t.ecr());
            }

            @Override
            public String visitSackPermitted(OptionItem.SackPermitted o) {
                return "sackOK";
            }

            @Override
            public String visitNop(OptionItem.Nop o) {
                return "nop";
            }

            @Override
            public String visitEol(OptionItem.Eol o) {
                return "eol";
            }
        };
        for (OptionItem w : items) {
            parts.add(w.accept(text));
        }
        return String.join(",", parts);
    }
}
