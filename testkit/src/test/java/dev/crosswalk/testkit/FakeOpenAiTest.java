package dev.crosswalk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FakeOpenAiTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> post(FakeOpenAi upstream, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(upstream.origin() + path))
                .header("Authorization", "Bearer sk-test-123456")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersScriptsInOrderPathFirstAndRecordsEveryRequest() throws Exception {
        FakeOpenAi upstream = kit.upstream();
        upstream.enqueue(Reply.json("{\"n\":1}"), Reply.error(429, "slow down", "requests", "rate_limit_exceeded")
                .header("Retry-After", "7"));
        upstream.enqueue(FakeOpenAi.RESPONSES, Reply.json("{\"object\":\"response\"}"));

        assertThat(post(upstream, FakeOpenAi.RESPONSES, "{\"model\":\"m\"}").body()).isEqualTo("{\"object\":\"response\"}");
        assertThat(post(upstream, FakeOpenAi.CHAT, "{\"model\":\"a\"}").body()).isEqualTo("{\"n\":1}");
        HttpResponse<String> limited = post(upstream, FakeOpenAi.CHAT, "{\"model\":\"b\"}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).contains("7");
        assertThat(Json.map(Json.object(limited.body()).get("error"))).containsEntry("code", "rate_limit_exceeded");
        HttpResponse<String> unscripted = post(upstream, FakeOpenAi.CHAT, "{}");
        assertThat(unscripted.statusCode()).isEqualTo(500);
        assertThat(unscripted.body()).contains("no reply scripted for POST /v1/chat/completions");

        assertThat(upstream.requests()).hasSize(4);
        assertThat(upstream.request(0).isResponses()).isTrue();
        assertThat(upstream.request(1).json()).isEqualTo(Map.of("model", "a"));
        assertThat(upstream.last().header("AUTHORIZATION")).isEqualTo("Bearer sk-test-123456");
        assertThat(upstream.unusedReplies()).isZero();
    }

    @Test
    void streamsFramesAndRecordsHowTheStreamEnded() throws Exception {
        FakeOpenAi upstream = kit.upstream();
        upstream.enqueue(Reply.chatStream("{\"a\":1}", "{\"b\":2}"));
        upstream.enqueue(Reply.chatStream("{\"a\":1}", "{\"b\":2}").abortAfter(1));

        HttpResponse<String> whole = post(upstream, FakeOpenAi.CHAT, "{\"stream\":true}");
        assertThat(whole.headers().firstValue("content-type")).contains("text/event-stream");
        assertThat(Sse.data(whole.body())).containsExactly("{\"a\":1}", "{\"b\":2}", "[DONE]");
        assertThatThrownBy(() -> post(upstream, FakeOpenAi.CHAT, "{\"stream\":true}")).isInstanceOf(IOException.class);

        List<FakeOpenAi.Served> served = upstream.served();
        assertThat(served).extracting(FakeOpenAi.Served::end)
                .containsExactly(FakeOpenAi.Served.End.COMPLETE, FakeOpenAi.Served.End.CUT);
        assertThat(served.get(1).text()).isEqualTo("data: {\"a\":1}\n\n");
    }

    @Test
    void holdsAStreamAtItsGate() throws Exception {
        FakeOpenAi upstream = kit.upstream();
        CountDownLatch gate = new CountDownLatch(1);
        upstream.enqueue(Reply.responsesStream("{\"type\":\"response.created\"}", "{\"type\":\"response.completed\"}")
                .gateAfter(1, gate));
        var pending = client.sendAsync(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/responses"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pending).isNotDone();
        gate.countDown();
        List<Sse.Event> events = Sse.parse(pending.get().body());
        assertThat(events).extracting(Sse.Event::event).containsExactly("response.created", "response.completed");
    }

    @Test
    void strictProfileRefusesWhatStrictServersRefuse() throws Exception {
        FakeOpenAi strict = kit.strictUpstream();
        strict.enqueue(Reply.json("{\"ok\":true}"));

        HttpResponse<String> developer = post(strict, FakeOpenAi.CHAT,
                "{\"model\":\"m\",\"messages\":[{\"role\":\"developer\",\"content\":\"be brief\"}]}");
        assertThat(developer.statusCode()).isEqualTo(400);
        Map<String, Object> error = Json.object(developer.body());
        assertThat(error).containsEntry("object", "error").containsEntry("code", 400);
        assertThat((String) error.get("message")).contains("messages[0].role");

        assertThat(post(strict, FakeOpenAi.CHAT, "{\"model\":\"m\",\"messages\":[],\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"x\"}}]}")
                .body()).contains("tools[0].type");
        assertThat(post(strict, FakeOpenAi.CHAT, "{\"model\":\"m\",\"messages\":[],\"include\":[]}").body())
                .contains("Extra inputs are not permitted: [include]");
        assertThat(post(strict, FakeOpenAi.RESPONSES, "{\"model\":\"m\"}").statusCode()).isEqualTo(404);
        assertThat(post(strict, FakeOpenAi.CHAT, "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}").body())
                .isEqualTo("{\"ok\":true}");
        assertThat(strict.requests()).extracting(FakeOpenAi.Recorded::rejection).filteredOn(r -> r != null).hasSize(4);

        strict.allowFields("chat_template_kwargs").enqueue(Reply.json("{\"ok\":2}"));
        assertThat(post(strict, FakeOpenAi.CHAT, "{\"model\":\"m\",\"messages\":[],\"chat_template_kwargs\":{}}").body())
                .isEqualTo("{\"ok\":2}");
    }

    @Test
    void servedStreamsAreHeldToTheWireRules() {
        FakeOpenAi.Recorded chat = new FakeOpenAi.Recorded("POST", FakeOpenAi.CHAT, null, Map.of(), "{}", null);
        FakeOpenAi.Served notJson = new FakeOpenAi.Served(chat, 200, List.of(Reply.utf8("data: {broken\n\n")),
                FakeOpenAi.Served.End.COMPLETE, false);
        assertThatThrownBy(() -> StreamChecks.served(notJson, "t")).hasMessageContaining("not JSON");
        FakeOpenAi.Served halfFrame = new FakeOpenAi.Served(chat, 200, List.of(Reply.utf8("data: {}\n")),
                FakeOpenAi.Served.End.COMPLETE, false);
        assertThatThrownBy(() -> StreamChecks.served(halfFrame, "t")).hasMessageContaining("whole SSE frames");
        FakeOpenAi.Served declared = new FakeOpenAi.Served(chat, 200, List.of(Reply.utf8("data: {broken\n\n")),
                FakeOpenAi.Served.End.COMPLETE, true);
        StreamChecks.served(declared, "t");
        // A client that left mid-write leaves a half frame the fake never meant to end on: its whole frames are
        // still judged, so a broken one before the cut is caught.
        FakeOpenAi.Served clientLeft = new FakeOpenAi.Served(chat, 200,
                List.of(Reply.utf8("data: {}\n\n"), Reply.utf8("data: {\"a\"")), FakeOpenAi.Served.End.CLIENT_GONE, false);
        StreamChecks.served(clientLeft, "t");
        FakeOpenAi.Served brokenBeforeLeaving = new FakeOpenAi.Served(chat, 200,
                List.of(Reply.utf8("data: {broken\n\n"), Reply.utf8("data: {")), FakeOpenAi.Served.End.CLIENT_GONE, false);
        assertThatThrownBy(() -> StreamChecks.served(brokenBeforeLeaving, "t")).hasMessageContaining("not JSON");
    }
}
