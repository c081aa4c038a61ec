package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.bridge.store.PostgresServer;
import dev.crosswalk.bridge.store.ResponseStores;
import dev.crosswalk.testkit.FakeModel;
import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two bridge instances over one PostgreSQL store serve each other's {@code previous_response_id}. */
class SharedStoreTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    static FakeOpenAi upstream;
    static BridgeServer first;
    static BridgeServer second;

    @BeforeAll
    static void start() throws Exception {
        String url = PostgresServer.shared().jdbcUrl();
        upstream = kit.chatModel();
        first = Bridges.start(upstream, WireApi.CHAT_COMPLETIONS, b -> b.store(ResponseStores.open(url, null, null, 10, Duration.ofHours(1), Clock.systemUTC())));
        second = Bridges.start(upstream, WireApi.CHAT_COMPLETIONS, b -> b.store(ResponseStores.open(url, null, null, 10, Duration.ofHours(1), Clock.systemUTC())));
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        upstream.close();
    }

    @Test
    void aChainHopsBetweenInstances() {
        TestClient a = TestClient.of(first, kit);
        TestClient b = TestClient.of(second, kit);

        TestClient.Reply one = a.post("/v1/responses", Json.map("model", "gpt-test", "input", "Turn one"));
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        TestClient.Stream two = b.stream("/v1/responses", Json.map("model", "gpt-test", "previous_response_id", one.json().get("id"),
                "input", "Turn two", "stream", true));
        assertThat(two.types()).last().isEqualTo("response.completed");
        String twoId = Json.str(two.data().get(two.data().size() - 1), "response.id");
        TestClient.Reply three = a.post("/v1/responses", Json.map("model", "gpt-test", "previous_response_id", twoId, "input", "Turn three"));

        assertThat(three.status()).as(three.body()).isEqualTo(200);
        List<Object> messages = Json.list(upstream.last().json(), "messages");
        assertThat(messages).extracting(FakeModel::text)
                .containsExactly("Turn one", "Echo: Turn one (1 messages)", "Turn two", "Echo: Turn two (3 messages)", "Turn three");

        assertThat(b.get("/v1/responses/" + three.json().get("id")).json()).isEqualTo(three.json());
        assertThat(b.delete("/v1/responses/" + one.json().get("id")).status()).isEqualTo(200);
        assertThat(a.get("/v1/responses/" + one.json().get("id")).status()).isEqualTo(404);
    }
}
