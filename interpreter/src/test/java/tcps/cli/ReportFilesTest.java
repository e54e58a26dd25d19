package tcps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code --svg FILE} and {@code --html FILE}: the files are written, well-formed and
 * self-contained, and a real browser (headless Chromium, installed by ./run-tests) draws the SVG
 * and runs the HTML report's script: a link to a segment opens with its details shown.
 */
class ReportFilesTest {
    private static final Path ROOT = Path.of(System.getProperty("tcps.root", ".."));
    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    @TempDir
    Path tmp;

    @Test
    void theSvgIsWellFormedSvgWithAnArrowAndATooltipPerSegment() throws Exception {
        Path svg = tmp.resolve("seed-003.svg");
        CliRun run = CliRun.separate(ROOT, "run", "--svg", svg.toString(), "scenarios/seed-003-sequence-numbers.tcps");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().endsWith("12 passed, 0 failed\n"), "the transcript still goes to standard output");
        Document doc = xml(svg);
        Element root = doc.getDocumentElement();
        assertEquals(SVG_NS, root.getNamespaceURI());
        assertEquals("svg", root.getLocalName());
        List<Element> segments = segments(doc);
        assertEquals(10, segments.size());
        Element first = segments.get(0);
        String title = first.getElementsByTagNameNS(SVG_NS, "title").item(0).getTextContent();
        assertTrue(title.startsWith("00:00:00.000000 IP localhost.43540 > localhost.5000: Flags [S], seq 2416023421"),
                title);
        assertTrue(title.contains("TCB before:") && title.contains("TCB after:")
                && title.contains("server SYN-RECEIVED SND.UNA=0 SND.NXT=1"), title);
        // the SYN leaves at 0 and arrives 10 µs later: its arrow slants down
        Element line = (Element) first.getElementsByTagNameNS(SVG_NS, "line").item(0);
        assertTrue(Integer.parseInt(line.getAttribute("y2")) > Integer.parseInt(line.getAttribute("y1")));
        String text = Files.readString(svg);
        assertFalse(text.contains("http:") && text.replace("http://www.w3.org/2000/svg", "").contains("http"),
                "nothing to fetch");
        assertFalse(text.contains("<script"), "an SVG file runs no script");
    }

    @Test
    void aLostSegmentEndsInACrossHalfWay() throws Exception {
        Path svg = tmp.resolve("syn-lost.svg");
        CliRun run = CliRun.separate(ROOT, "run", "--svg", svg.toString(), "--scenario",
                "the textbook: two retries with doubling timeouts", "scenarios/syn-lost.tcps");
        assertEquals(0, run.exit(), run.err());
        Document doc = xml(svg);
        for (Element g : segments(doc)) {
            assertTrue(g.getAttribute("class").contains("lost"), g.getAttribute("class"));
            NodeList lines = g.getElementsByTagNameNS(SVG_NS, "line");
            assertEquals(4, lines.getLength(), "the arrow, its hit area, and the two strokes of the cross");
            Element arrow = (Element) lines.item(0);
            int client = Integer.parseInt(arrow.getAttribute("x1"));
            int end = Integer.parseInt(arrow.getAttribute("x2"));
            assertTrue(end > client + 100, "it goes towards the server");
            assertTrue(end < Integer.parseInt(lifeline(doc, 1).getAttribute("x1")) - 100, "and stops well before it");
            assertEquals(0, g.getElementsByTagNameNS(SVG_NS, "polygon").getLength(), "no arrowhead");
        }
    }

    @Test
    void theHtmlReportHoldsEveryScenarioItsTranscriptAndItsFailures() throws Exception {
        Path html = tmp.resolve("report.html");
        CliRun run = CliRun.separate(ROOT, "run", "--html", html.toString(), "scenarios/fails-on-purpose.tcps",
                "scenarios/syn-lost.tcps");
        assertEquals(1, run.exit());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertEquals(4, page.split("<section class=\"scenario\"", -1).length - 1, "one section per scenario");
        assertTrue(page.contains("<span class=\"failure\">scenarios/fails-on-purpose.tcps:11:40: failed: segment 2"),
                "the failure at its line in the transcript");
        assertTrue(page.contains("<p class=\"summary fail\">35 passed, 4 failed</p>"), "the run's totals at the top");
        assertFalse(page.matches("(?s).*(src|href)=\"https?:.*"), "nothing to fetch");
    }

    @Test
    void filesThatCannotBeWrittenAndSvgsOfSeveralScenariosAreRefused() throws IOException {
        Path blocker = Files.writeString(tmp.resolve("not-a-dir"), "x");
        CliRun cannot = CliRun.separate(ROOT, "run", "--html", blocker.resolve("r.html").toString(),
                "scenarios/one-liner.tcps");
        assertEquals(ExitCode.CANNOT_WRITE, cannot.exit());
        assertTrue(cannot.err().startsWith("tcps: cannot write " + blocker.resolve("r.html")), cannot.err());
        CliRun several = CliRun.separate(ROOT, "run", "--svg", tmp.resolve("x.svg").toString(), "scenarios/syn-lost.tcps");
        assertEquals(ExitCode.USAGE, several.exit());
        assertTrue(several.err().contains("--svg draws one scenario, and 3 would run; choose one with --scenario NAME"),
                several.err());
        assertFalse(Files.exists(tmp.resolve("x.svg")));
    }

    @Test
    void chromiumDrawsTheSvg() throws Exception {
        Path svg = tmp.resolve("syn-lost.svg");
        CliRun.separate(ROOT, "run", "--svg", svg.toString(), "--scenario",
                "the textbook: two retries with doubling timeouts", "scenarios/syn-lost.tcps");
        Path png = tmp.resolve("syn-lost.png");
        chromium("--screenshot=" + png, "--window-size=900,500", svg.toUri().toString());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
        int red = 0;
        int dark = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (r > 150 && g < 90 && b < 90) {
                    red++;
                }
                if (r < 100 && g < 100 && b < 100) {
                    dark++;
                }
            }
        }
        assertTrue(red > 100, "the lost SYNs are drawn red: " + red + " red pixels");
        assertTrue(dark > 500, "lifelines and text are drawn: " + dark + " dark pixels");
    }

    @Test
    void chromiumRunsTheReportsScriptAndALinkSelectsASegment() throws Exception {
        Path html = tmp.resolve("report.html");
        CliRun.separate(ROOT, "run", "--html", html.toString(), "scenarios/seed-003-sequence-numbers.tcps");
        String dom = chromium("--dump-dom", html.toUri() + "#scenario-0-segment-3");
        assertTrue(dom.contains("<g class=\"segment selected\" data-index=\"3\""), "the arrow is selected");
        assertTrue(dom.contains("<span class=\"seg selected\" data-index=\"3\">00:00:00.000030 IP localhost.43540"),
                "its transcript line is marked");
        assertTrue(dom.contains("<h4>segment 4: [P.] seq 1:14 ack 1 len 13</h4>"), "its details are shown");
        assertTrue(dom.contains("server ESTABLISHED SND.UNA=1 SND.NXT=1 SND.WND=65536 RCV.NXT=14"),
                "with the TCB after it");
    }

    /** Runs headless Chromium on the arguments; its standard output. */
    private String chromium(String... args) throws Exception {
        String binary = installed("chromium");
        assumeTrue(binary != null, "chromium is not installed: apt-get install chromium (./run-tests does); "
                + "the SVG and HTML were checked as XML only");
        List<String> command = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--user-data-dir=" + tmp.resolve("profile")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String installed(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return Path.of(d, tool).toString();
            }
        }
        return null;
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    /** The {@code i}th endpoint's line. */
    private static Element lifeline(Document doc, int i) {
        NodeList lines = doc.getElementsByTagNameNS(SVG_NS, "line");
        List<Element> life = new ArrayList<>();
        for (int k = 0; k < lines.getLength(); k++) {
            if (((Element) lines.item(k)).getAttribute("class").equals("life")) {
                life.add((Element) lines.item(k));
            }
        }
        return life.get(i);
    }

    private static List<Element> segments(Document doc) {
        List<Element> out = new ArrayList<>();
        NodeList groups = doc.getElementsByTagNameNS(SVG_NS, "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").startsWith("segment")) {
                out.add(g);
            }
        }
        return out;
    }

    @Test
    void thePicturesInTheDocsAreWhatTcpsDraws() throws IOException {
        Path seed003 = tmp.resolve("a.svg");
        CliRun.separate(ROOT, "run", "--svg", seed003.toString(), "scenarios/seed-003-sequence-numbers.tcps");
        assertEquals(Files.readString(ROOT.resolve("docs/images/seed-003-sequence-numbers.svg")),
                Files.readString(seed003), "docs/images/seed-003-sequence-numbers.svg is out of date: run the command "
                        + "docs/seeing.md shows");
        Path synLost = tmp.resolve("b.svg");
        CliRun.separate(ROOT, "run", "--svg", synLost.toString(), "--scenario",
                "the textbook: two retries with doubling timeouts", "scenarios/syn-lost.tcps");
        assertEquals(Files.readString(ROOT.resolve("docs/images/syn-lost.svg")), Files.readString(synLost),
                "docs/images/syn-lost.svg is out of date: run the command docs/seeing.md shows");
    }
}
