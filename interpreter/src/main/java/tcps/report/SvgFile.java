package tcps.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code tcps run --svg FILE}: the ladder diagram of the (one) scenario as a self-contained SVG
 * file ({@link SvgDiagram}).
 */
public final class SvgFile implements Reporter {
    private final Path file;
    private final TcpdumpOptions tcpdump;

    public SvgFile(Path file, TcpdumpOptions tcpdump) {
        this.file = file;
        this.tcpdump = tcpdump;
    }

    /** @throws UncheckedIOException when the file cannot be written */
    @Override
    public void scenario(ScenarioReport report) {
        String svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + SvgDiagram.render(Exchange.of(report.result(), tcpdump.absolute(), tcpdump));
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, svg, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    @Override
    public void finish() {
        // the file was written with its scenario
    }
}
