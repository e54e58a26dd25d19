package tcps.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code tcps run --html FILE}: a report of the whole run a teacher can hand out, one HTML file
 * that needs nothing else (no network, no other file): per scenario, the ladder diagram
 * ({@link SvgDiagram}), and the annotated transcript with each failed assertion at its place.
 * Hovering over an arrow shows its tcpdump line and the TCB variables before and after it;
 * clicking it shows them beside the diagram and marks its line in the transcript. A link to
 * {@code FILE#scenario-S-segment-N} opens with segment N of scenario S selected.
 */
public final class HtmlReport implements Reporter {
    private final Path file;
    private final TcpdumpOptions tcpdump;
    private final List<String> files;
    private final StringBuilder body = new StringBuilder();
    private final StringWriter data = new StringWriter();
    private final JsonWriter json = new JsonWriter(new PrintWriter(data));
    private int scenarios;
    private final Tally tally = new Tally();

    /** @param files the scripts the run was given, for the title */
    public HtmlReport(Path file, TcpdumpOptions tcpdump, List<String> files) {
        this.file = file;
        this.tcpdump = tcpdump;
        this.files = List.copyOf(files);
        json.beginArray();
    }

    @Override
    public void scenario(ScenarioReport report) {
        int k = scenarios++;
        Exchange x = Exchange.of(report.result(), tcpdump.absolute(), tcpdump);
        String title = report.result().name() != null ? "scenario \u201c" + report.result().name() + "\u201d ("
                + report.source().name() + ":" + report.line() + ")" : report.source().name();
        boolean ok = report.result().failed() == 0;
        body.append("<section class=\"scenario\" id=\"scenario-").append(k).append("\" data-scenario=\"").append(k)
                .append("\">\n<h2>").append(SvgDiagram.escape(title)).append(" <span class=\"")
                .append(ok ? "pass" : "fail").append("\">").append(report.result().passed()).append(" passed, ")
                .append(report.result().failed()).append(" failed</span></h2>\n");
        body.append("<div class=\"view\">\n<div class=\"diagram\">\n").append(SvgDiagram.render(x))
                .append("</div>\n<aside class=\"details\"><p class=\"hint\">Click an arrow to see its tcpdump line and "
                        + "the TCB of both ends before and after it.</p></aside>\n</div>\n");
        body.append("<h3>Transcript</h3>\n<pre class=\"transcript\">").append(transcript(report, x)).append("</pre>\n");
        body.append("</section>\n");
        json.beginArray();
        for (Exchange.Arrow a : x.arrows) {
            json.beginObject().field("label", a.label()).field("tcpdump", a.tcpdump());
            json.field("fault", a.fault() == null ? null : a.fault().effect().name().toLowerCase(java.util.Locale.ROOT)
                    + " (" + a.fault().origin() + ")");
            json.name("before").beginArray();
            a.before().values().forEach(t -> json.value(SvgDiagram.tcbLine(t)));
            json.endArray().name("after").beginArray();
            a.after().values().forEach(t -> json.value(SvgDiagram.tcbLine(t)));
            json.endArray().endObject();
        }
        json.endArray();
        tally.add(report.result());
    }

    /** The annotated transcript, each segment's line marked so a click can find it. */
    private String transcript(ScenarioReport report, Exchange x) {
        StringWriter text = new StringWriter();
        Transcript t = new Transcript(new PrintWriter(text), tcpdump, true);
        t.scenario(new ScenarioReport(report.source(), report.result(), report.line(), false));
        StringBuilder html = new StringBuilder();
        int next = 0;
        boolean inFailure = false;
        for (String line : text.toString().split("\n", -1)) {
            String escaped = SvgDiagram.escape(line);
            if (next < x.arrows.size() && line.equals(x.arrows.get(next).tcpdump().split("\n")[0])) {
                html.append("<span class=\"seg\" data-index=\"").append(next).append("\">").append(escaped)
                        .append("</span>\n");
                next++;
                inFailure = false;
                continue;
            }
            if (line.contains(": failed: ")) {
                inFailure = true;
            } else if (inFailure && !line.matches(" *\\d* \\|.*| += .*")) {
                inFailure = false;
            }
            html.append(inFailure ? "<span class=\"failure\">" + escaped + "</span>" : escaped).append('\n');
        }
        return html.toString().stripTrailing();
    }

    /** @throws UncheckedIOException when the file cannot be written */
    @Override
    public void finish() {
        json.endArray();
        json.finish();
        String title = "tcps run " + String.join(" ", files);
        String page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + SvgDiagram.escape(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n<header><h1>"
                + SvgDiagram.escape(title) + "</h1><p class=\"summary " + (tally.anyFailed() ? "fail" : "pass") + "\">"
                + tally + "</p></header>\n" + body
                + "<script type=\"application/json\" id=\"tcps-data\">\n" + data.toString().replace("</", "<\\/")
                + "</script>\n<script>\n" + SCRIPT + "</script>\n</body>\n</html>\n";
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    private static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:1.5em;color:#111;background:#fafafa}
            h1{font-size:1.3em}h2{font-size:1.1em;margin-top:2em}h3{font-size:1em}
            .pass{color:#2e7d32}.fail{color:#c62828}
            .view{display:flex;gap:1em;align-items:flex-start}
            .diagram{overflow-x:auto;background:white;border:1px solid #ddd}
            .segment{cursor:pointer}
            .details{min-width:22em;max-width:40em;font-family:monospace;font-size:12px;background:white;
              border:1px solid #ddd;padding:.6em;position:sticky;top:1em;white-space:pre-wrap}
            .details h4{margin:.6em 0 .2em;font-family:system-ui,sans-serif}
            .transcript{background:white;border:1px solid #ddd;padding:.6em;overflow-x:auto;font-size:12px}
            .seg{cursor:pointer}.seg.selected{background:#ffe0b2}
            .failure{color:#c62828;font-weight:bold}
            """;

    /** Clicking an arrow (or its transcript line) shows its details; #scenario-S-segment-N selects one. */
    private static final String SCRIPT = """
            (function () {
              var data = JSON.parse(document.getElementById('tcps-data').textContent);
              function select(s, i) {
                var section = document.getElementById('scenario-' + s);
                if (!section || !data[s] || !data[s][i]) { return; }
                var d = data[s][i];
                section.querySelectorAll('.selected').forEach(function (e) { e.classList.remove('selected'); });
                var arrow = section.querySelector('g.segment[data-index="' + i + '"]');
                if (arrow) { arrow.classList.add('selected'); }
                var line = section.querySelector('.seg[data-index="' + i + '"]');
                if (line) { line.classList.add('selected'); }
                var aside = section.querySelector('.details');
                aside.textContent = '';
                function add(tag, text) { var e = document.createElement(tag); e.textContent = text; aside.appendChild(e); }
                add('h4', 'segment ' + (i + 1) + ': ' + d.label);
                add('div', d.tcpdump);
                if (d.fault) { add('h4', 'fault'); add('div', d.fault); }
                add('h4', 'TCB before'); add('div', d.before.join('\\n') || '(no connection yet)');
                add('h4', 'TCB after'); add('div', d.after.join('\\n') || '(no connection)');
              }
              document.querySelectorAll('section.scenario').forEach(function (section) {
                var s = Number(section.dataset.scenario);
                section.querySelectorAll('g.segment, .seg').forEach(function (e) {
                  e.addEventListener('click', function () {
                    select(s, Number(e.dataset.index));
                    history.replaceState(null, '', '#scenario-' + s + '-segment-' + e.dataset.index);
                  });
                });
              });
              var m = /^#scenario-(\\d+)-segment-(\\d+)$/.exec(location.hash);
              if (m) { select(Number(m[1]), Number(m[2])); }
            })();
            """;
}
