package tcps.report;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import tcps.run.Failure;
import tcps.run.RunEvent;
import tcps.run.ScenarioResult;
import tcps.sim.Captured;
import tcps.tcp.SeqNum;

/**
 * {@code tcps run --format json}: the run as one JSON document for other tools, in the schema
 * {@code docs/tcps-run.schema.json} describes ({@value #SCHEMA}). It streams: each scenario is
 * written as it ends. Times are microseconds of virtual time; sequence numbers are absolute
 * (each scenario's endpoints and TCB snapshots give the ISNs to make them relative), except in
 * a segment's {@code label}, which counts from each side's ISN as scripts do.
 *
 * <p>The version changes when a field changes meaning or goes away; new fields may appear
 * within a version, so consumers ignore what they do not know.
 */
public final class JsonReport implements Reporter {
    /** The schema's identifier, also written in every document. */
    public static final String SCHEMA = "https://tcps.dev/schema/tcps-run/1";

    private final JsonWriter json;
    private final TcpdumpOptions tcpdump;
    private final boolean absolute;
    private int passed;
    private int failed;
    private final long budget;
    /** Scenarios left out whole for the budget. */
    private int leftOut;

    public JsonReport(PrintWriter out, TcpdumpOptions tcpdump) {
        this(out, tcpdump, Long.MAX_VALUE);
    }

    /**
     * A report of at most about {@code budget} bytes ({@code --max-output}): past it, segments,
     * events, failures and then whole scenarios are left out, each whole, and the document says
     * so ({@code "truncated"}), so that it stays valid JSON in the schema. What is always written
     * (a scenario's counts, the closing totals) may go a few hundred bytes past the budget.
     */
    public JsonReport(PrintWriter out, TcpdumpOptions tcpdump, long budget) {
        this.budget = budget;
        this.json = new JsonWriter(out, budget);
        this.tcpdump = tcpdump;
        this.absolute = tcpdump.absolute();
        json.beginObject().field("$schema", SCHEMA).field("version", 1).name("scenarios").beginArray();
    }

    @Override
    public void scenario(ScenarioReport report) {
        ScenarioResult r = report.result();
        passed += r.passed();
        failed += r.failed();
        if (json.cut()) {
            leftOut++;
            return;
        }
        Exchange x = Exchange.of(r, absolute, tcpdump);
        json.beginObject();
        json.field("file", report.source().name()).field("line", report.line()).field("name", r.name());
        json.name("endpoints").beginArray();
        for (ScenarioResult.Endpoint e : r.endpoints()) {
            json.whole(() -> json.beginObject().field("name", e.name()).field("address", e.address().ip().toString())
                    .field("port", e.address().port()).field("scripted", e.scripted()).field("profile", e.profile())
                    .endObject());
        }
        json.endArray();
        json.name("segments").beginArray();
        for (Exchange.Arrow a : x.arrows) {
            json.whole(() -> segment(a, r.capture().get(a.index())));
        }
        json.endArray();
        json.name("events").beginArray();
        for (RunEvent e : r.events()) {
            json.whole(() -> {
                json.beginObject();
                json.field("type", e.accept(TYPE)).field("time", e.time()).field("afterSegments", e.afterSegments());
                e.accept(fields);
                json.endObject();
            });
        }
        json.endArray();
        json.name("failures").beginArray();
        for (Failure f : r.failures()) {
            json.whole(() -> failure(report, f));
        }
        json.endArray();
        json.name("unmatched").beginArray();
        r.unmatched().forEach(c -> json.whole(() -> json.value(c.index())));
        json.endArray();
        json.field("passed", r.passed()).field("failed", r.failed()).field("stoppedEarly", r.stoppedEarly())
                .field("endTime", r.endTime());
        if (json.cut()) {
            json.field("truncated", true);
        }
        json.endObject();
    }

    private void failure(ScenarioReport report, Failure f) {
        json.beginObject().field("line", f.span().line()).field("column", f.span().column())
                .field("length", f.span().length()).field("summary", f.summary());
        json.name("details").beginArray();
        f.details().forEach(json::value);
        json.endArray();
        json.field("time", f.time());
        if (f.segment() >= 0) {
            json.field("segment", f.segment());
        } else {
            json.name("segment").nullValue();
        }
        json.field("text", Excerpt.render(report.source(), f.span(), "failed", f.summary(), f.details()));
        json.endObject();
    }

    private void segment(Exchange.Arrow a, Captured c) {
        json.beginObject().field("index", a.index()).field("time", a.sent());
        if (a.lost()) {
            json.name("arrival").nullValue();
        } else {
            json.field("arrival", a.arrival());
        }
        json.field("from", a.from()).field("to", a.to()).field("scripted", c.scripted())
                .field("flags", tcps.tcp.TcpFlags.tcpdump(a.segment().flags()))
                .field("seq", a.segment().seq().value()).field("ack", a.segment().ack().value())
                .field("window", a.segment().window()).field("length", a.segment().length())
                .field("label", a.label()).field("tcpdump", a.tcpdump());
        if (a.fault() == null) {
            json.name("fault").nullValue();
        } else {
            json.name("fault").beginObject().field("effect", lower(a.fault().effect()))
                    .field("extraDelay", a.fault().extraDelay()).field("origin", a.fault().origin()).endObject();
        }
        json.endObject();
    }

    @Override
    public void finish() {
        json.endArray().field("passed", passed).field("failed", failed);
        if (json.cut()) {
            json.name("truncated").beginObject().field("limit", budget).field("scenariosLeftOut", leftOut).endObject();
        }
        json.endObject().finish();
    }

    /** True when something was left out for the budget. */
    public boolean cut() {
        return json.cut();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private void seq(String name, SeqNum n) {
        if (n == null) {
            json.name(name).nullValue();
        } else {
            json.field(name, n.value());
        }
    }

    /** The {@code type} of each event in the document. */
    private static final RunEvent.Visitor<String> TYPE = new RunEvent.Visitor<>() {
        @Override
        public String segmentSent(RunEvent.SegmentSent e) {
            return "segment-sent";
        }

        @Override
        public String segmentFault(RunEvent.SegmentFault e) {
            return "segment-fault";
        }

        @Override
        public String segmentArrived(RunEvent.SegmentArrived e) {
            return "segment-arrived";
        }

        @Override
        public String stateChanged(RunEvent.StateChanged e) {
            return "state-changed";
        }

        @Override
        public String discarded(RunEvent.Discarded e) {
            return "discarded";
        }

        @Override
        public String timer(RunEvent.Timer e) {
            return "timer";
        }

        @Override
        public String socketCall(RunEvent.SocketCall e) {
            return "socket-call";
        }

        @Override
        public String errorSeen(RunEvent.ErrorSeen e) {
            return "error-seen";
        }

        @Override
        public String tcbSnapshot(RunEvent.TcbSnapshot e) {
            return "tcb";
        }

        @Override
        public String warning(RunEvent.Warning e) {
            return "warning";
        }
    };

    /** The members particular to each kind of event. */
    private final RunEvent.Visitor<Void> fields = new RunEvent.Visitor<>() {
        @Override
        public Void segmentSent(RunEvent.SegmentSent e) {
            json.field("segment", e.segment()).field("from", e.from()).field("to", e.to())
                    .field("scripted", e.scripted());
            return null;
        }

        @Override
        public Void segmentFault(RunEvent.SegmentFault e) {
            json.field("segment", e.segment()).field("effect", lower(e.effect())).field("extraDelay", e.extraDelay())
                    .field("origin", e.origin());
            return null;
        }

        @Override
        public Void segmentArrived(RunEvent.SegmentArrived e) {
            json.field("segment", e.segment()).field("to", e.to()).field("arrival", lower(e.arrival()));
            return null;
        }

        @Override
        public Void stateChanged(RunEvent.StateChanged e) {
            json.field("endpoint", e.endpoint()).field("from", e.from().toString()).field("to", e.to().toString());
            return null;
        }

        @Override
        public Void discarded(RunEvent.Discarded e) {
            json.field("endpoint", e.endpoint()).field("from", e.from());
            if (e.segment() >= 0) {
                json.field("segment", e.segment());
            } else {
                json.name("segment").nullValue();
            }
            json.field("flags", tcps.tcp.TcpFlags.tcpdump(e.flags())).field("reason", e.reason())
                    .field("rfc", e.rfcSection());
            return null;
        }

        @Override
        public Void timer(RunEvent.Timer e) {
            json.field("endpoint", e.endpoint()).field("timer", e.timer()).field("change", lower(e.change()))
                    .field("deadline", e.deadline()).field("duration", e.duration()).field("cause", e.cause())
                    .field("reason", e.reason());
            json.name("values").beginObject();
            for (Map.Entry<String, Long> v : e.values().entrySet()) {
                json.field(v.getKey(), v.getValue());
            }
            json.endObject();
            return null;
        }

        @Override
        public Void socketCall(RunEvent.SocketCall e) {
            json.field("endpoint", e.endpoint()).field("call", e.call()).field("line", e.at().line())
                    .field("column", e.at().column()).field("returned", e.returned())
                    .field("error", e.error() == null ? null : e.error().name());
            return null;
        }

        @Override
        public Void errorSeen(RunEvent.ErrorSeen e) {
            json.field("endpoint", e.endpoint()).field("error", e.error().name()).field("text", e.error().text());
            return null;
        }

        @Override
        public Void tcbSnapshot(RunEvent.TcbSnapshot e) {
            json.field("segment", e.segment()).field("moment", lower(e.moment())).field("endpoint", e.endpoint())
                    .field("state", e.state().toString());
            seq("iss", e.iss());
            seq("irs", e.irs());
            seq("sndUna", e.sndUna());
            seq("sndNxt", e.sndNxt());
            json.field("sndWnd", e.sndWnd());
            seq("rcvNxt", e.rcvNxt());
            json.field("rcvWnd", e.rcvWnd()).field("rto", e.rto());
            if (e.cwnd() < 0) {
                json.name("cwnd").nullValue();
            } else {
                json.field("cwnd", e.cwnd());
            }
            return null;
        }

        @Override
        public Void warning(RunEvent.Warning e) {
            json.field("at", e.at()).field("text", e.text());
            return null;
        }
    };
}
