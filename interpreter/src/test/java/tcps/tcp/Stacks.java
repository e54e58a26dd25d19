package tcps.tcp;

import tcps.check.StandardLibrary;

/**
 * The built-in stacks as stdlib/profiles/*.tcps define them: the only source of their values.
 * The model's tests check its rules at exact instants: {@link #LINUX} is Linux with its timer
 * wheel off (timer_wheel_hz 0); {@link #LINUX_WHEEL} is the stack as scripts get it, whose
 * timers Linux's wheel rounds (TimersTest, and the scenarios checked against captures).
 */
final class Stacks {
    static final Profile LINUX_WHEEL = stack("linux");
    static final Profile LINUX = LINUX_WHEEL.with("timer_wheel_hz", 0);
    static final Profile RFC9293 = stack("rfc9293");
    static final Profile MACOS = stack("macos");
    static final Profile BSD_1990 = stack("bsd-1990");

    private Stacks() {}

    private static Profile stack(String name) {
        Profile p = StandardLibrary.stacks().get(name);
        if (p == null) {
            throw new IllegalStateException("no stdlib stack " + name);
        }
        return p;
    }
}
