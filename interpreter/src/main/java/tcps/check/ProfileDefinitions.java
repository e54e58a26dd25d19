package tcps.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import tcps.syntax.ProfileDef;
import tcps.syntax.Span;
import tcps.tcp.Profile;
import tcps.tcp.Profiles;

/**
 * The stacks a script can name: the built-in profiles, then the script's own
 * {@code profile lab extends linux { syn_retries 2 }} definitions, each made from one defined
 * before it by changing parameters (a definition without {@code extends} starts from the
 * textbook {@code rfc9293}).
 */
final class ProfileDefinitions {
    private final Map<String, Profile> known = new LinkedHashMap<>();

    private ProfileDefinitions() {}

    static ProfileDefinitions of(List<ProfileDef> defs, BiConsumer<Span, String> error) {
        ProfileDefinitions p = new ProfileDefinitions();
        Profiles.names().forEach(n -> p.known.put(n, Profiles.byName(n).orElseThrow()));
        for (ProfileDef def : defs) {
            p.define(def, error);
        }
        return p;
    }

    Optional<Profile> byName(String name) {
        return Optional.ofNullable(known.get(name));
    }

    List<String> names() {
        return List.copyOf(known.keySet());
    }

    private void define(ProfileDef def, BiConsumer<Span, String> error) {
        String name = def.name().text();
        if (known.containsKey(name)) {
            error.accept(def.name().span(), Profiles.names().contains(name)
                    ? "`" + name + "` is a built-in stack; give your profile another name"
                    : "the profile `" + name + "` is already defined");
            return;
        }
        String baseName = def.base() == null ? Profile.RFC9293.name() : def.base().text();
        Profile profile = known.get(baseName);
        if (profile == null) {
            error.accept(def.base().span(), "unknown stack `" + baseName + "`; a profile extends one of "
                    + String.join(", ", known.keySet()));
            return;
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
        Profile.Parameter parameter = Profile.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElse(null);
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
