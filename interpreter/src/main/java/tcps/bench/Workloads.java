package tcps.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Scripts the benchmarks run, made to a size: a bulk transfer of N bytes, a scenario with N
 * statements of one kind, a file of N scenarios. Every script passes (no failed assertion), so
 * what is timed is the work of a run that goes right.
 */
final class Workloads {
    private Workloads() {}

    /**
     * Linux's default SYN timeout (the last scenario of scenarios/syn-lost.tcps): every SYN lost,
     * eleven of them over 131 s of TCP time, then ETIMEDOUT.
     */
    static final String SYN_TIMEOUT = """
            drop next 11 client > server SYN
            client connect
            expect client > server SYN
            expect client > server SYN at +1s
            expect client > server SYN at +2s
            expect client > server SYN at +3s
            expect client > server SYN at +4s
            expect client > server SYN at +5s
            expect client > server SYN at +7s
            expect client > server SYN at +11s
            expect client > server SYN at +19s
            expect client > server SYN at +35s
            expect client > server SYN at +67s
            expect client error ETIMEDOUT
            expect nothing more
            """;

    /** A statement kind, and a passing scenario with {@code n} statements of that kind. */
    record Kind(String name, IntFunction<String> script) {}

    /**
     * {@code bytes} written by the client and acknowledged, in segments of at most {@code mss}
     * bytes (both ends advertise it), then the client's FIN.
     */
    static String transfer(long bytes, int mss) {
        return "profile bulk extends linux { mss " + mss + " }\n"
                + "stack bulk\n"
                + "client connect\n"
                + "wait until client state ESTABLISHED\n"
                + "client write " + count(bytes) + "\n"
                + "client close\n"
                + "wait until client state FIN-WAIT-2\n"
                + "expect client state FIN-WAIT-2\n";
    }

    /** {@code n} as the language can write it: a literal is at most 32 bits, so 10 GB is 10000 * 1000000. */
    static String count(long n) {
        if (n <= 0xffff_ffffL) {
            return Long.toString(n);
        }
        long millions = n / 1_000_000;
        long rest = n % 1_000_000;
        return millions + " * 1000000" + (rest == 0 ? "" : " + " + rest);
    }

    /** {@link #transfer}, with the client's 30th segment lost (early in slow start). */
    static String transferAfterLoss(long bytes, int mss) {
        return transfer(bytes, mss).replace("client write ", "drop 30th client > server\nclient write ");
    }

    /** A short exchange, like an exercise: handshake, a request, an answer, both sides close. */
    static String small(int i) {
        return "# small scenario " + i + "\n"
                + "client connect\n"
                + "expect client > server SYN\n"
                + "expect server > client SYN-ACK ack=isn+1\n"
                + "expect client > server ACK\n"
                + "client write \"GET /" + i + "\\r\\n\"\n"
                + "expect client > server [P.] length " + (7 + Integer.toString(i).length()) + "\n"
                + "expect server > client ACK\n"
                + "server write 100\n"
                + "expect server > client [P.] length 100\n"
                + "expect client > server ACK\n"
                + "client close\n"
                + "expect client > server FIN-ACK\n"
                + "server close\n"
                + "expect server > client FIN-ACK\n"
                + "expect client > server ACK\n"
                + "wait until client state TIME-WAIT\n"
                + "expect server state CLOSED\n"
                + "expect nothing more\n";
    }

    /** {@code n} scenarios in one file, each a {@link #small} one. */
    static String scenarios(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("scenario \"s").append(i).append("\" {\n");
            for (String line : small(i).split("\n")) {
                sb.append("  ").append(line).append('\n');
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    /**
     * A script of about {@code bytes} characters for the parser and the checker: named scenarios
     * mixing every statement form, the way people write them (comments, blank lines, options).
     */
    static String text(int bytes) {
        StringBuilder sb = new StringBuilder(bytes + 4096);
        sb.append("profile lab extends linux { syn_retries 2; time_wait 30s }\n\n");
        for (int i = 0; sb.length() < bytes; i++) {
            sb.append("scenario \"mixed ").append(i).append("\" {\n")
                    .append("  stack lab\n")
                    .append("  client isn 1000\n")
                    .append("  link delay 50ms\n")
                    .append("  drop next client > server SYN   # the first SYN is lost\n")
                    .append("  client connect\n")
                    .append("  expect client > server SYN seq=isn <mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 7>\n")
                    .append("  expect client > server SYN seq=isn after 1s as retry\n")
                    .append("  expect server > client SYN-ACK ack=retry.seq+1 win=65483\n")
                    .append("  let request = 18\n")
                    .append("  client write \"GET / HTTP/1.0\\r\\n\\r\\n\"\n")
                    .append("  expect client > server [P.] seq=1:19 ack=1 length request\n")
                    .append("  server write 1000\n")
                    .append("  wait 200ms; expect client state ESTABLISHED\n")
                    .append("  client close\n")
                    .append("  wait until client state FIN-WAIT-2\n")
                    .append("  expect nothing for 10ms\n")
                    .append("}\n\n");
        }
        return sb.toString();
    }

    /** Every statement kind the growth test doubles, each as a scenario with n of them. */
    static List<Kind> kinds() {
        List<Kind> kinds = new ArrayList<>();
        kinds.add(new Kind("write", n -> connected() + repeat(n, i -> "client write 100") + "wait 1s\n"));
        kinds.add(new Kind("read", n -> connected() + repeat(n, i -> "server read") + "wait 1s\n"));
        // Only the client's segments are expected: the server's ACKs stay unmatched, and an expect
        // that names a direction must not look at them again every time.
        kinds.add(new Kind("expect segment", n -> "client connect\nexpect client > server SYN\n"
                + "expect client > server ACK\n"
                + repeat(n, i -> "client write 10\nexpect client > server [P.] length 10")));
        kinds.add(new Kind("expect state", n -> connected() + repeat(n, i -> "expect client state ESTABLISHED")));
        kinds.add(new Kind("expect nothing", n -> connected() + "wait 1s\n"
                + repeat(n, i -> "expect nothing for 1ms")));
        kinds.add(new Kind("wait", n -> connected() + repeat(n, i -> "wait 1ms")));
        kinds.add(new Kind("wait until", n -> connected() + repeat(n, i -> "wait until client state ESTABLISHED")));
        kinds.add(new Kind("let", n -> repeat(n, i -> "let v" + i + " = " + i) + "client connect\n"));
        kinds.add(new Kind("fault", n -> repeat(n, i -> "delay next 1us") + connected()
                + repeat(n / 2, i -> "client write 1")));
        kinds.add(new Kind("link", n -> "client connect\n" + repeat(n, i -> "link delay " + (10 + i % 7) + "us")
                + "wait until client state ESTABLISHED\n"));
        kinds.add(new Kind("send", n -> "client send SYN\nexpect SYN-ACK\nclient send ACK\n"
                + repeat(n, i -> "client send [P.] \"x\"") + "wait 1s\n"));
        kinds.add(new Kind("host", n -> repeat(n, i -> "host h" + i + " at 10." + (i >> 16 & 255) + "."
                + (i >> 8 & 255) + "." + (i & 255) + " port 5000") + "client connect\n"
                + "wait until client state ESTABLISHED\n"));
        return kinds;
    }

    /** A connected client and server, the handshake done. */
    private static String connected() {
        return "client connect\nwait until client state ESTABLISHED\n";
    }

    private static String repeat(int n, IntFunction<String> line) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(line.apply(i)).append('\n');
        }
        return sb.toString();
    }
}
