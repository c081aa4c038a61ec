package dev.crosswalk.translator.error;

import java.util.Objects;

/**
 * One thing that could not be translated: where it is (a JSON path such as {@code $.tools[2].type}) and why.
 *
 * @param path JSON path into the input document, from {@code $}
 * @param reason why the value cannot be carried to the other protocol
 */
public record Problem(String path, String reason) {
    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
