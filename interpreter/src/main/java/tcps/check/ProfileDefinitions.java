package tcps.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import tcps.syntax.ProfileDef;
import tcps.syntax.Span;
import tcps.tcp.Parameter;
import tcps.tcp.Profile;

/**
 * The stacks a script can name: the standard library's ({@code stdlib/profiles/*.tcps}), then
 * the script's own {@code profile lab extends linux { syn_retries 2 }}, each made from one
 * defined before it by changing parameters. A definition without {@code extends} starts from
 * the value the RFCs give each parameter ({@link tcps.tcp.Parameters}) and changes those it sets
 * ({@code stdlib/profiles/rfc9293.tcps} sets every one, to say why).
 */
final class ProfileDefinitions {
    /** The stacks defined here: a script's own (the standard library's are looked up in {@link Standard}). */
    private final Map<String, Profile> known = new LinkedHashMap<>();

    private ProfileDefinitions() {}

    /**
     * The standard library's stacks, each built the first time a script names it (or one that
     * extends it), once per process: a scenario on the default stack never reads the others.
     */
    private static final class Standard {
        private static final ProfileDefinitions STACKS = new ProfileDefinitions();

        static synchronized Profile get(String name) {
            Profile built = STACKS.known.get(name);
            if (built == null) {
                ProfileDef def = StandardLibrary.profile(name);
                if (def.base() != null) {
                    get(def.base().text()); // each stdlib profile extends only ones defined before it
                }
                STACKS.define(def, (span, message) -> {
                    throw new IllegalStateException("stdlib profile " + def.name() + " at " + span + ": " + message);
                });
                built = STACKS.known.get(name);
            }
            return built;
        }
    }

    /** The standard library's stacks, then {@code defs} (a file's own profiles). */
    static ProfileDefinitions of(List<ProfileDef> defs, BiConsumer<Span, String> error) {
        return new ProfileDefinitions().with(defs, error);
    }

    /** These stacks and {@code defs} defined after them (a scenario's own, after its file's). */
    ProfileDefinitions with(List<ProfileDef> defs, BiConsumer<Span, String> error) {
        ProfileDefinitions p = new ProfileDefinitions();
        p.known.putAll(known);
        for (ProfileDef def : defs) {
            p.define(def, error);
        }
        return p;
    }

    /** The standard library's profiles, as scripts see them, in definition order. */
    static Map<String, Profile> standard() {
        Map<String, Profile> all = new LinkedHashMap<>();
        for (String name : StandardLibrary.PROFILES) {
            all.put(name, Standard.get(name));
        }
        return java.util.Collections.unmodifiableMap(all);
    }

    Optional<Profile> byName(String name) {
        Profile own = known.get(name);
        if (own == null && this != Standard.STACKS && StandardLibrary.PROFILES.contains(name)) {
            own = Standard.get(name);
        }
        return Optional.ofNullable(own);
    }

    /** Every name a script can use, alphabetically. */
    List<String> names() {
        java.util.Set<String> all = new java.util.TreeSet<>(known.keySet());
        all.addAll(StandardLibrary.PROFILES);
        return List.copyOf(all);
    }

    private void define(ProfileDef def, BiConsumer<Span, String> error) {
        String name = def.name().text();
        boolean builtIn = this != Standard.STACKS && StandardLibrary.PROFILES.contains(name);
        if (known.containsKey(name) || builtIn) {
            error.accept(def.name().span(), builtIn
                    ? "`" + name + "` is a built-in stack; give your profile another name"
                    : "the profile `" + name + "` is already defined");
            return;
        }
        Profile profile;
        if (def.base() == null) {
            // A root profile starts from the value the RFCs give each parameter (Parameters).
            profile = Profile.rfcDefaults(name);
        } else {
            profile = byName(def.base().text()).orElse(null);
            if (profile == null) {
                error.accept(def.base().span(), "unknown stack `" + def.base().text() + "`; a profile extends one of "
                        + String.join(", ", names()));
                return;
            }
        }
        profile = profile.named(name);
        for (ProfileDef.Setting setting : def.settings()) {
            try {
                profile = profile.with(setting.parameter().text(), value(setting));
            } catch (IllegalArgumentException e) {
                Span at = e instanceof WrongKind ? setting.value().span() : setting.parameter().span();
                error.accept(at, e.getMessage());
            }
        }
        known.put(name, profile);
    }

    /** A value as the parameter's kind wants it; a value of the wrong kind is reported as such. */
    private static Object value(ProfileDef.Setting setting) {
        String name = setting.parameter().text();
        Parameter parameter = Profile.parameter(name);
        ProfileDef.Value v = setting.value();
        if (parameter == null) {
            return v instanceof ProfileDef.Value.Word w ? w.text() : 0L; // with() words the unknown name
        }
        switch (parameter.kind()) {
            case INTEGER:
                if (v instanceof ProfileDef.Value.Number n) {
                    return n.value();
                }
                throw new WrongKind(name + " takes a whole number, as in `" + name + " " + parameter.min() + "`");
            case DURATION:
                if (v instanceof ProfileDef.Value.Time t) {
                    return t.duration().micros();
                }
                throw new WrongKind(name + " takes a duration, as in `" + name + " 200ms`");
            case BOOLEAN:
                if (v instanceof ProfileDef.Value.Word w) {
                    switch (w.text().toLowerCase(Locale.ROOT)) {
                        case "true": case "on": case "yes":
                            return true;
                        case "false": case "off": case "no":
                            return false;
                        default:
                            break;
                    }
                }
                throw new WrongKind(name + " is on or off: write `" + name + " true` or `" + name + " false`");
            default:
                if (v instanceof ProfileDef.Value.Word w) {
                    return w.text();
                }
                throw new WrongKind(name + " takes one of " + String.join(", ", parameter.choices()));
        }
    }

    /** A value of the wrong kind for its parameter (reported at the value, not the name). */
    private static final class WrongKind extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        WrongKind(String message) {
            super(message);
        }
    }
}
