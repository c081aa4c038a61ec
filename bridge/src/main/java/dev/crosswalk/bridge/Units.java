package dev.crosswalk.bridge;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations ({@code 250ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}, ISO {@code PT30S}) and sizes ({@code 1048576}, {@code 512k}, {@code 16m}, {@code 1g}). */
final class Units {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");

    private Units() {
    }

    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 250ms, 30s, 10m, 2h, 1d, PT30S)");
        }
    }

    static long bytes(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size in bytes (examples: 1048576, 512k, 16m, 1g)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "k", "kb", "kib" -> Math.multiplyExact(n, 1024L);
            case "m", "mb", "mib" -> Math.multiplyExact(n, 1024L * 1024);
            case "g", "gb", "gib" -> Math.multiplyExact(n, 1024L * 1024 * 1024);
            default -> n;
        };
    }

    /** Picocli converter for durations. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return duration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Picocli converter for sizes. */
    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return bytes(value);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new TypeConversionException(e.getMessage() != null ? e.getMessage() : "size too large: " + value);
            }
        }
    }
}
