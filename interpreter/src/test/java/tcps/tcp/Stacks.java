package tcps.tcp;

import tcps.check.StandardLibrary;

/** The built-in stacks as stdlib/profiles/*.tcps define them: the only source of their values. */
final class Stacks {
    static final Profile LINUX = stack("linux");
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
