package dev.crosswalk.bridge.http;

import java.util.Objects;

/**
 * A credential that must never be printed: {@link #toString()} hides it, so it cannot leak through a log line, an
 * exception message or a record's generated {@code toString}.
 *
 * <pre>{@code
 * Secret key = Secret.of(System.getenv("OPENAI_API_KEY"));
 * headers.set("Authorization", "Bearer " + key.reveal());
 * }</pre>
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Wraps a credential; {@code null} or blank is not a credential. */
    public static Secret of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value.strip());
    }

    /** The credential itself, for the one place that must send it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}
