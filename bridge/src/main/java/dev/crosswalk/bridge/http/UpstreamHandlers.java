package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.Translator;
import reactor.core.publisher.Mono;

/**
 * Everything that serves requests over one upstream: its connection pool, and the pass-through and translating
 * handlers built with its own translation options. A bridge has one per configured upstream.
 */
final class UpstreamHandlers {
    private final String name;
    private final BridgeConfig config;
    private final Secret key;
    private final Upstream upstream;
    private final PassThrough passThrough;
    private final ResponsesOverChat responses;
    private final ChatOverResponses chat;
    private final WebSocketTurns webSocketTurns;

    /**
     * @param name the upstream's name in routes, logs and metrics
     * @param config the bridge's configuration with this upstream's URL, protocol and translation options
     * @param key the bridge's key for this upstream, or {@code null}
     */
    UpstreamHandlers(String name, BridgeConfig config, Secret key, Turns turns) {
        this.name = name;
        this.config = config;
        this.key = key;
        Translator translator = Crosswalk.translator(config.translator());
        this.upstream = new Upstream(config);
        UpstreamCalls calls = new UpstreamCalls(upstream, translator.options().codec(), config.maxUpstreamBodyBytes());
        this.passThrough = new PassThrough(upstream, config.maxBodyBytes(), translator.options().codec(), config.maxEventBytes());
        Compactions compactions = new Compactions(translator.options().sealer(), config.compactionPrompt(), translator);
        this.responses = new ResponsesOverChat(config, translator, calls, turns, compactions);
        this.chat = new ChatOverResponses(config, translator, calls);
        this.webSocketTurns = new WebSocketTurns(config, translator, responses, calls, turns);
    }

    String name() {
        return name;
    }

    WireApi api() {
        return config.upstreamApi();
    }

    Secret key() {
        return key;
    }

    Upstream upstream() {
        return upstream;
    }

    PassThrough passThrough() {
        return passThrough;
    }

    /** WebSocket-mode turns over this upstream (the bridge ending the WebSocket). */
    WebSocketTurns webSocketTurns() {
        return webSocketTurns;
    }

    /** {@code POST /v1/responses/compact} over this (Chat) upstream. */
    Mono<Void> compact(Exchange ex, ClientAuth.Grant grant) {
        return responses.compact(ex, grant);
    }

    /** A create request in the client's protocol: passed through if the upstream speaks it, else translated. */
    Mono<Void> create(Exchange ex, ClientAuth.Grant grant, WireApi client) {
        if (client == config.upstreamApi()) {
            return passThrough.forward(ex, grant, true);
        }
        return client == WireApi.RESPONSES ? responses.create(ex, grant) : chat.create(ex, grant);
    }

    @Override
    public String toString() {
        return "UpstreamHandlers[" + name + "]";
    }
}
