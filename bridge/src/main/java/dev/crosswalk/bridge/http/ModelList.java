package dev.crosswalk.bridge.http;

import dev.crosswalk.bridge.route.RoutesConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}} with routes, in OpenAI's shape: every exact route name
 * (aliases included, {@code owned_by} its primary upstream), then, for glob routes, the models their primary upstream
 * lists that the glob matches. An upstream that cannot list its models is left out (logged), not an error.
 */
final class ModelList {
    private static final Logger log = LoggerFactory.getLogger(ModelList.class);
    private static final long MAX_LIST_BYTES = 4L * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final long created;

    /** @param created the {@code created} time of the routed models (the bridge's start, in epoch seconds) */
    ModelList(long created) {
        this.created = created;
    }

    Mono<Void> list(Exchange ex, ClientAuth.Grant grant, Routing routing) {
        ex.mode("models");
        Map<String, String> models = new LinkedHashMap<>();
        for (RoutesConfig.Route route : routing.routes().routes()) {
            if (!route.isGlob()) {
                models.putIfAbsent(route.model(), route.targets().get(0).upstream());
            }
        }
        Set<String> listed = new LinkedHashSet<>();
        for (RoutesConfig.Route route : routing.table().globs()) {
            listed.add(route.targets().get(0).upstream());
        }
        return Flux.fromIterable(listed)
                .concatMap(name -> upstreamModels(ex, grant, routing.upstream(name)).map(ids -> Map.entry(name, ids)))
                .collectList()
                .flatMap(lists -> {
                    for (Map.Entry<String, List<String>> upstreamList : lists) {
                        for (String id : upstreamList.getValue()) {
                            RoutesConfig.Route route = routing.table().find(id);
                            // Listed only if asking for it would reach this upstream.
                            if (route != null && route.isGlob() && route.targets().get(0).upstream().equals(upstreamList.getKey())) {
                                models.putIfAbsent(id, upstreamList.getKey());
                            }
                        }
                    }
                    List<Object> data = new ArrayList<>();
                    models.forEach((id, owner) -> data.add(model(id, owner)));
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("object", "list");
                    body.put("data", data);
                    return ex.json(200, body);
                });
    }

    Mono<Void> get(Exchange ex, Routing routing, String id) {
        ex.mode("models");
        RoutesConfig.Route route = routing.table().find(id);
        if (route == null) {
            return ex.error(Dispatcher.modelNotFound(id));
        }
        return ex.json(200, model(id, route.targets().get(0).upstream()));
    }

    private Map<String, Object> model(String id, String owner) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("object", "model");
        m.put("created", created);
        m.put("owned_by", owner);
        return m;
    }

    private Mono<List<String>> upstreamModels(Exchange ex, ClientAuth.Grant grant, UpstreamHandlers upstream) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpHeaderNames.ACCEPT.toString(), "application/json");
        headers.put(HttpHeaderNames.AUTHORIZATION.toString(), grant.forUpstream(upstream.key()).upstreamAuthorization());
        return upstream.upstream().request(HttpMethod.GET, "/models", headers)
                .response((response, body) -> response.status().code() != 200
                        ? Mono.<List<String>>error(new IllegalStateException("HTTP " + response.status().code()))
                        : Bodies.readUpstream(body, Bodies.declaredLength(response.responseHeaders()), MAX_LIST_BYTES, ex)
                                .map(pieces -> ids(pieces.join())))
                .next()
                .defaultIfEmpty(List.of())
                .onErrorResume(e -> {
                    log.warn("request {}: upstream {} did not list its models ({}); its glob routes are left out of /v1/models",
                            ex.id(), upstream.name(), e.getMessage() == null ? e.getClass().getSimpleName() : ex.redactor().redact(e.getMessage()));
                    return Mono.just(List.of());
                });
    }

    /** The ids of an OpenAI model list ({@code {"data":[{"id":...}]}}); anything else lists nothing. */
    private static List<String> ids(byte[] body) {
        List<String> ids = new ArrayList<>();
        JsonNode data = JSON.readTree(body).path("data");
        for (JsonNode item : data) {
            if (item.path("id").isString()) {
                ids.add(item.path("id").asString());
            }
        }
        return ids;
    }

}
