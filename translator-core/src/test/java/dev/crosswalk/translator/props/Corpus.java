package dev.crosswalk.translator.props;

import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponsesRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The corpus of realistic bodies under {@code src/test/resources/corpus/<kind>/} (see the README there): request and
 * response bodies of both protocols as real endpoints and SDKs send them.
 */
final class Corpus {
    private Corpus() {
    }

    /** The four kinds of body, with the record each is read as. */
    enum Kind {
        CHAT_REQUEST("chat-request", ChatCompletionRequest.class),
        CHAT_COMPLETION("chat-completion", ChatCompletion.class),
        RESPONSES_REQUEST("responses-request", ResponsesRequest.class),
        RESPONSE("response", Response.class);

        final String dir;
        final Class<?> type;

        Kind(String dir, Class<?> type) {
            this.dir = dir;
            this.type = type;
        }
    }

    record Body(Kind kind, String name, String json) {
        @Override
        public String toString() {
            return kind.dir + "/" + name;
        }
    }

    static List<Body> all() {
        return Stream.of(Kind.values()).flatMap(k -> of(k).stream()).toList();
    }

    static List<Body> of(Kind kind) {
        URL url = Corpus.class.getClassLoader().getResource("corpus/" + kind.dir);
        if (url == null) {
            throw new IllegalStateException("test resources corpus/" + kind.dir + " missing");
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<Body> bodies = files.filter(p -> p.toString().endsWith(".json")).sorted()
                    .map(p -> new Body(kind, p.getFileName().toString(), read(p))).toList();
            if (bodies.isEmpty()) {
                throw new IllegalStateException("no bodies in corpus/" + kind.dir);
            }
            return bodies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
