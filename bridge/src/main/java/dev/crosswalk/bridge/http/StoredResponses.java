package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.FunctionCallItem;
import dev.crosswalk.translator.responses.FunctionCallOutputItem;
import dev.crosswalk.translator.responses.MessageItem;
import dev.crosswalk.translator.responses.ResponseItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * {@code GET} and {@code DELETE /v1/responses/{id}} and {@code GET /v1/responses/{id}/input_items}, served from the
 * bridge's store (over a Chat upstream, which has no such endpoints). A response stored under another credential is
 * reported exactly like a missing one.
 */
final class StoredResponses {
    private final Turns turns;
    private final JsonCodec codec;

    StoredResponses(Turns turns, JsonCodec codec) {
        this.turns = turns;
        this.codec = codec;
    }

    Mono<Void> get(Exchange ex, ClientAuth.Grant grant, String id) {
        ex.mode("store");
        return turns.findRaw(id, grant.owner()).flatMap(found -> found
                .map(stored -> ex.bytes(200, OutOfMemory.guard(ex, OutOfMemory.Stage.WRITE,
                        () -> stored.responseJson().getBytes(StandardCharsets.UTF_8)), Map.of()))
                .orElseGet(() -> ex.error(notFound(id))));
    }

    Mono<Void> delete(Exchange ex, ClientAuth.Grant grant, String id) {
        ex.mode("store");
        return turns.delete(id, grant.owner()).flatMap(deleted -> {
            if (!deleted) {
                return ex.error(notFound(id));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("object", "response");
            body.put("deleted", true);
            return ex.json(200, body);
        });
    }

    /**
     * A page of input items as the spec pages lists: {@code limit} (1–100, default 20), {@code order} ({@code desc} by
     * default), {@code after} and {@code before} (item ids; the page starts after the one and stops before the other).
     */
    Mono<Void> inputItems(Exchange ex, ClientAuth.Grant grant, String id) {
        ex.mode("store");
        int limit;
        try {
            limit = ex.queryParam("limit") == null ? 20 : Integer.parseInt(ex.queryParam("limit"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 100) {
            return ex.error(BridgeException.of(400, Errors.INVALID_REQUEST, "limit", "invalid_value",
                    "limit must be an integer from 1 to 100."));
        }
        String order = ex.queryParam("order") == null ? "desc" : ex.queryParam("order");
        if (!order.equals("asc") && !order.equals("desc")) {
            return ex.error(BridgeException.of(400, Errors.INVALID_REQUEST, "order", "invalid_value", "order must be asc or desc."));
        }
        int pageSize = limit;
        String after = ex.queryParam("after");
        String before = ex.queryParam("before");
        return turns.inputItems(id, grant.owner()).flatMap(found -> {
            if (found.isEmpty()) {
                return ex.error(notFound(id));
            }
            List<ResponseItem> items = new ArrayList<>(found.get());
            if (order.equals("desc")) {
                Collections.reverse(items);
            }
            // after/before are item ids in the requested order: the page is the window strictly between them.
            int start = 0;
            int end = items.size();
            if (after != null) {
                int at = indexOf(items, after);
                if (at < 0) {
                    return ex.error(unknownItem("after", after, id));
                }
                start = at + 1;
            }
            if (before != null) {
                int at = indexOf(items, before);
                if (at < 0) {
                    return ex.error(unknownItem("before", before, id));
                }
                end = Math.max(start, at);
            }
            List<ResponseItem> page = items.subList(start, Math.min(end, start + pageSize));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("object", "list");
            body.put("data", codec.readTree(codec.write(page)));
            body.put("first_id", page.isEmpty() ? null : idOf(page.get(0)));
            body.put("last_id", page.isEmpty() ? null : idOf(page.get(page.size() - 1)));
            body.put("has_more", start + page.size() < end);
            return ex.json(200, body);
        });
    }

    private static BridgeException unknownItem(String param, String itemId, String responseId) {
        return BridgeException.of(400, Errors.INVALID_REQUEST, param, "invalid_value",
                "No input item with id '" + itemId + "' in response '" + responseId + "'.");
    }

    static BridgeException notFound(String id) {
        return BridgeException.of(404, Errors.INVALID_REQUEST, null, "not_found", "Response with id '" + id + "' not found.");
    }

    private static int indexOf(List<ResponseItem> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(idOf(items.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private static String idOf(ResponseItem item) {
        if (item instanceof MessageItem m) {
            return m.id();
        }
        if (item instanceof FunctionCallItem f) {
            return f.id();
        }
        if (item instanceof FunctionCallOutputItem o) {
            return o.id();
        }
        return null;
    }
}
