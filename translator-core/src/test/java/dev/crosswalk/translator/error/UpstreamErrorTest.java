package dev.crosswalk.translator.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.events.ErrorEvent;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every live error shape, written by hand from recorded traffic and the servers' documentation. */
class UpstreamErrorTest {
    private static final JsonCodec CODEC = JsonCodec.jackson2();
    private static final String KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void openAisNestedBodyIsReadAndTheEchoedKeyMasked() {
        String body = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ".\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":\"invalid_api_key\"}}";
        OpenAiError e = UpstreamError.fromBody(401, utf8(body), CODEC, Redactor.of(KEY));
        assertThat(e.message()).isEqualTo("Incorrect API key provided: ***.");
        assertThat(e.type()).isEqualTo("invalid_request_error");
        assertThat(e.code()).isEqualTo("invalid_api_key");
        assertThat(UpstreamError.status(e)).isEqualTo(401);
    }

    @Test
    void vllmsTopLevelBodyWithANumericCodeIsRead() {
        String body = "{\"object\":\"error\",\"message\":\"max_tokens is too large\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}";
        OpenAiError e = UpstreamError.fromBody(400, utf8(body), CODEC, Redactor.patternsOnly());
        assertThat(e.message()).isEqualTo("max_tokens is too large");
        assertThat(e.type()).isEqualTo("BadRequestError");
        assertThat(e.code()).isEqualTo("400");
        assertThat(e.extra()).doesNotContainKey("object");
    }

    @Test
    void gatewayShapesAndTextBodiesBecomeAnError() {
        assertThat(UpstreamError.readBody(utf8("{\"error\":\"model overloaded\"}"), CODEC).message()).isEqualTo("model overloaded");
        assertThat(UpstreamError.readBody(utf8("{\"detail\":\"Not Found\"}"), CODEC).message()).isEqualTo("Not Found");
        assertThat(UpstreamError.readBody(utf8("<html>502 Bad Gateway</html>"), CODEC)).isNull();
        OpenAiError html = UpstreamError.fromBody(502, utf8("<html>502 Bad Gateway " + KEY + "</html>"), CODEC, Redactor.patternsOnly());
        assertThat(html.message()).startsWith("The upstream answered HTTP 502: <html>502 Bad Gateway sk-***").doesNotContain(KEY);
        assertThat(html.type()).isEqualTo("server_error");
        OpenAiError untyped = UpstreamError.fromBody(429, utf8("{\"error\":{\"message\":\"slow down\"}}"), CODEC, Redactor.patternsOnly());
        assertThat(untyped.type()).isEqualTo("rate_limit_error");
        assertThat(UpstreamError.status(untyped)).isEqualTo(429);
    }

    @Test
    void streamFramesInEveryShape() {
        assertThat(UpstreamError.fromFrame(CODEC, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":null}}").message())
                .isEqualTo("overloaded");
        OpenAiError spec = UpstreamError.fromFrame(CODEC, "{\"type\":\"error\",\"sequence_number\":3,\"code\":\"rate_limit_exceeded\",\"message\":\"slow\",\"param\":null}");
        assertThat(spec.code()).isEqualTo("rate_limit_exceeded");
        assertThat(spec.type()).isNull();
        assertThat(spec.extra()).isEmpty();
        OpenAiError live = UpstreamError.fromFrame(CODEC, "{\"type\":\"error\",\"sequence_number\":3,\"error\":{\"type\":\"invalid_request_error\","
                + "\"code\":\"context_length_exceeded\",\"message\":\"too long\",\"param\":\"input\"}}");
        assertThat(live).isEqualTo(new OpenAiError("too long", "invalid_request_error", "input", "context_length_exceeded"));
        assertThat(UpstreamError.fromFrame(CODEC, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"error\"}}]}")).isNull();
        assertThat(UpstreamError.fromFrame(CODEC, "{\"type\":\"response.output_text.delta\",\"delta\":\"an error\"}")).isNull();
        assertThat(UpstreamError.fromFrame(CODEC, "not json error")).isNull();
    }

    @Test
    void responsesErrorEventsInBothShapes() {
        ErrorEvent spec = (ErrorEvent) CODEC.read("{\"type\":\"error\",\"sequence_number\":1,\"code\":\"server_error\",\"message\":\"boom\",\"param\":null}",
                ResponseStreamEvent.class);
        assertThat(UpstreamError.fromEvent(spec)).isEqualTo(new OpenAiError("boom", null, null, "server_error", Map.of()));
        ErrorEvent live = (ErrorEvent) CODEC.read("{\"type\":\"error\",\"sequence_number\":1,\"error\":{\"type\":\"invalid_request_error\","
                + "\"code\":\"previous_response_not_found\",\"message\":\"gone\",\"param\":\"previous_response_id\"}}", ResponseStreamEvent.class);
        assertThat(UpstreamError.fromEvent(live))
                .isEqualTo(new OpenAiError("gone", "invalid_request_error", "previous_response_id", "previous_response_not_found"));
    }
}
