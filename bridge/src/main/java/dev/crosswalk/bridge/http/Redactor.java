package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.error.OpenAiError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes credentials from text that came from elsewhere (an upstream's error message) before it reaches a client or
 * a log: the exact keys the bridge knows of, and anything shaped like an API key or a bearer token, since upstreams
 * like to quote the key they rejected ("Incorrect API key provided: sk-proj-…").
 *
 * <pre>{@code
 * Redactor redactor = Redactor.of(List.of(upstreamKey.reveal(), clientToken));
 * String safe = redactor.redact(upstreamMessage);
 * }</pre>
 */
public final class Redactor {
    private static final Pattern KEY_LIKE = Pattern.compile("\\b(sk|rk|pk)-[A-Za-z0-9_\\-*.]{6,}");
    private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9_\\-*.~+/=]+");
    private static final String MASK = "***";

    private final List<String> known;

    private Redactor(List<String> known) {
        this.known = known;
    }

    /** A redactor for these exact secrets (nulls and blanks are ignored), plus the key-shaped patterns. */
    public static Redactor of(Collection<String> secrets) {
        List<String> known = new ArrayList<>();
        for (String s : secrets) {
            // Very short "secrets" would mask ordinary words; key-shaped ones are caught by the patterns anyway.
            if (s != null && s.strip().length() >= 4) {
                known.add(s.strip());
            }
        }
        return new Redactor(List.copyOf(known));
    }

    /** This redactor and one more secret (the key a client presented on this request). */
    public Redactor and(String secret) {
        if (secret == null || secret.strip().length() < 4) {
            return this;
        }
        List<String> more = new ArrayList<>(known);
        more.add(secret.strip());
        return new Redactor(List.copyOf(more));
    }

    /** The error with its message, param and code cleaned (upstreams quote rejected keys in any of them). */
    public OpenAiError redact(OpenAiError e) {
        return new OpenAiError(redact(e.message()), e.type(), redact(e.param()), redact(e.code()), e.extra());
    }

    /** The text with every known secret and key-shaped token replaced by {@code ***}; {@code null} stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : known) {
            out = out.replace(secret, MASK);
        }
        out = KEY_LIKE.matcher(out).replaceAll(m -> m.group(1) + "-" + MASK);
        return BEARER.matcher(out).replaceAll("Bearer " + MASK);
    }

    @Override
    public String toString() {
        return "Redactor[" + known.size() + " secrets]";
    }
}
