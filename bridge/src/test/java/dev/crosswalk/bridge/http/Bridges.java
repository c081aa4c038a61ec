package dev.crosswalk.bridge.http;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.json.JsonCodec;
import java.net.URI;
import java.util.function.UnaryOperator;

/** Bridges for tests: loopback, a free port, the Jackson 3 codec. */
final class Bridges {
    private Bridges() {
    }

    static BridgeServer start(FakeOpenAi upstream, WireApi api) {
        return start(upstream, api, b -> b);
    }

    static BridgeServer start(FakeOpenAi upstream, WireApi api, UnaryOperator<BridgeConfig.Builder> customize) {
        BridgeConfig.Builder builder = BridgeConfig.builder(URI.create(upstream.baseUrl()), api)
                .host("127.0.0.1").port(0)
                .translator(TranslatorOptions.builder().codec(JsonCodec.jackson3()).build());
        return BridgeServer.start(customize.apply(builder).build());
    }
}
