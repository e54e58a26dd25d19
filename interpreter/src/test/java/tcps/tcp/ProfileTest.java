package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Profiles as data: named parameters, {@code with}, and the messages a script's author reads. */
class ProfileTest {
    @Test
    void everyParameterHasASnakeCaseNameAKindAndADescription() {
        List<Parameter> all = Profile.parameters();
        Set<String> names = new HashSet<>();
        for (Parameter p : all) {
            assertTrue(p.name().matches("[a-z][a-z0-9_]*"), p.name());
            assertTrue(names.add(p.name()), "twice: " + p.name());
            assertTrue(!p.description().isBlank(), p.name());
            assertEquals(p.kind() == Parameter.Kind.CHOICE, !p.choices().isEmpty(), p.name());
        }
        assertTrue(names.containsAll(List.of("mss", "rcv_space", "window_scale", "sack", "timestamps",
                "timestamp_hz", "time_wait", "delayed_ack", "quick_acks", "initial_rto", "min_rto",
                "max_rto", "retries2", "syn_retries", "syn_linear_timeouts", "synack_retries",
                "fin_timeout", "rst_on_close_with_unread", "option_layout")), names.toString());
    }

    @Test
    void kindsAreWhatTheValuesAre() {
        assertEquals(Parameter.Kind.INTEGER, kind("syn_retries"));
        assertEquals(Parameter.Kind.DURATION, kind("min_rto"));
        assertEquals(Parameter.Kind.BOOLEAN, kind("sack"));
        assertEquals(Parameter.Kind.CHOICE, kind("option_layout"));
        assertEquals(List.of("linux", "macos", "bsd", "none"), param("option_layout").choices());
        assertEquals(List.of("rfc6528", "bsd"), param("isn_generator").choices());
    }

    @Test
    void linuxValuesAreTheKernelDefaults() {
        Profile l = Stacks.LINUX;
        assertEquals(6L, l.value("syn_retries"));
        assertEquals(4L, l.value("syn_linear_timeouts"));
        assertEquals(5L, l.value("synack_retries"));
        assertEquals(15L, l.value("retries2"));
        assertEquals(1_000_000L, l.value("initial_rto"));
        assertEquals(200_000L, l.value("min_rto"));
        assertEquals(120_000_000L, l.value("max_rto"));
        assertEquals(60_000_000L, l.value("fin_timeout"));
        assertEquals(60_000_000L, l.value("time_wait"));
        assertEquals(40_000L, l.value("delayed_ack"));
        assertEquals(true, l.value("rst_on_close_with_unread"));
        assertEquals("linux", l.value("option_layout"));
        assertEquals(240_000_000L, Stacks.RFC9293.value("time_wait"));
        assertEquals(0L, Stacks.RFC9293.value("delayed_ack"));
    }

    @Test
    void theTableGivesEachParameterARangeAndAnRfcDefaultWithinIt() {
        for (Parameter p : Profile.parameters()) {
            Object v = Profile.rfcDefaults("t").value(p.name());
            assertEquals(p.rfcDefault(), v, p.name());
            assertEquals(Profile.rfcDefaults("t"), Profile.rfcDefaults("t").with(p.name(),
                    p.kind() == Parameter.Kind.CHOICE ? (Object) v : v), p.name());
            assertTrue(p.min() <= p.max(), p.name());
            assertEquals(p.kind() == Parameter.Kind.INTEGER, !p.unit().isEmpty(), p.name() + " has a unit iff it counts");
        }
        assertEquals(536, Profile.rfcDefaults("t").get(Parameters.MSS), "RFC 9293 3.7.1");
        assertEquals(1_000_000L, Profile.rfcDefaults("t").get(Parameters.INITIAL_RTO), "RFC 6298 2.1");
        assertEquals(3, Profile.rfcDefaults("t").get(Parameters.DUPACK_THRESHOLD), "RFC 5681 3.2");
    }

    @Test
    void withReturnsAChangedCopy() {
        Profile lab = Stacks.LINUX.named("lab").with("syn_retries", 2).with("syn_linear_timeouts", 0L);
        assertEquals("lab", lab.name());
        assertEquals(2, lab.get(Parameters.SYN_RETRIES));
        assertEquals(0, lab.get(Parameters.SYN_LINEAR_TIMEOUTS));
        assertEquals(6, Stacks.LINUX.get(Parameters.SYN_RETRIES), "the original is unchanged");
        assertEquals(Stacks.LINUX.get(Parameters.MSS), lab.get(Parameters.MSS));
        assertEquals(OptionLayout.NONE, lab.with("option_layout", "NONE").get(Parameters.OPTION_LAYOUT));
        assertEquals(OptionLayout.NONE, lab.with("option_layout", OptionLayout.NONE).get(Parameters.OPTION_LAYOUT));
        assertEquals(false, lab.with("sack", false).get(Parameters.SACK));
        assertEquals(30_000_000L, lab.with("time_wait", 30_000_000L).get(Parameters.TIME_WAIT));
    }

    @Test
    void profilesAreValues() {
        assertEquals(Stacks.LINUX, Stacks.LINUX.with("mss", 65495));
        assertEquals(Stacks.LINUX.hashCode(), Stacks.LINUX.named("x").named("linux").hashCode());
        assertNotEquals(Stacks.LINUX, Stacks.LINUX.with("mss", 1460));
        assertNotEquals(Stacks.LINUX, Stacks.LINUX.named("other"));
    }

    @Test
    void unknownNameListsTheKnownOnesAndSuggestsTheNearest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stacks.LINUX.with("syn_retry", 2));
        assertTrue(e.getMessage().startsWith("unknown profile parameter `syn_retry`; did you mean `syn_retries`?"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Known parameters are option_layout, mss, rcv_space"), e.getMessage());
        IllegalArgumentException far = assertThrows(IllegalArgumentException.class,
                () -> Stacks.LINUX.value("colour"));
        assertTrue(far.getMessage().startsWith("unknown profile parameter `colour`; known parameters are"),
                far.getMessage());
    }

    @Test
    void badValuesSayWhatTheParameterTakes() {
        assertEquals("`syn_retries` must be from 0 to 127, not -1", message("syn_retries", -1));
        assertEquals("`syn_retries` is a whole number, not `two`", message("syn_retries", "two"));
        assertEquals("`min_rto` must be from 1us to 60m, not 0s", message("min_rto", 0L));
        assertEquals("`delayed_ack` must be from 0s to 500ms, not 1.5s", message("delayed_ack", 1_500_000L));
        assertEquals("`sack` is true or false, not 1", message("sack", 1));
        assertEquals("`option_layout` is one of linux, macos, bsd, none, not `windows`", message("option_layout", "windows"));
        assertEquals("`min_rto` is a duration, not 0.5", message("min_rto", 0.5));
    }

    private static String message(String name, Object value) {
        return assertThrows(IllegalArgumentException.class, () -> Stacks.LINUX.with(name, value)).getMessage();
    }

    private static Parameter.Kind kind(String name) {
        return param(name).kind();
    }

    private static Parameter param(String name) {
        return Profile.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
