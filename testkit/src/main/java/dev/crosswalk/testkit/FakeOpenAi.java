package dev.crosswalk.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A scriptable OpenAI-style upstream on loopback that speaks both protocols: every request is recorded (method,
 * path, headers, body) and answered by the next scripted {@link Reply} — queued for its path, else for any path,
 * else by the {@link #otherwise fallback} (by default a 500 naming the missing script).
 *
 * <pre>{@code
 * try (FakeOpenAi upstream = FakeOpenAi.start()) {
 *     upstream.enqueue(Reply.json("{\"id\":\"chatcmpl-1\", ...}"));
 *     client.baseUrl(upstream.baseUrl());            // http://127.0.0.1:<port>/v1
 *     ...
 *     assertThat(upstream.last().json()).containsEntry("model", "gpt-4o");
 * }
 * }</pre>
 *
 * With {@link Profile#STRICT_THIRD_PARTY} it behaves like the strict Chat-only servers behind many gateways (vLLM,
 * validating proxies, strict chat templates): {@code /v1/responses} does not exist, and a Chat request is refused
 * with a 400 in vLLM's top-level error shape when it has a {@code developer} message, a {@code system} message after
 * the first message, a tool that is not {@code type:"function"}, {@code parallel_tool_calls} without tools, or a
 * top-level field the Chat Completions specification does not define (widen with {@link #allowFields}).
 * {@link Profile#STRICT_THINKING} adds the thinking servers' rule on {@code reasoning_content}.
 *
 * <p>Without a script, a {@link FakeModel} answers by request: {@code FakeOpenAi.start().otherwise(FakeModel.chat())},
 * then {@link #model()} reaches it.
 */
public final class FakeOpenAi implements AutoCloseable {

    /** How the fake validates requests before answering them. */
    public enum Profile {
        /** Accepts any request, like api.openai.com does for the shapes under test. */
        OPENAI,
        /** A strict Chat-only third-party server (see the class comment). */
        STRICT_THIRD_PARTY,
        /**
         * A strict thinking server (DeepSeek in thinking mode, Qwen, vLLM with a reasoning parser): the strict
         * profile, and a 400 (DeepSeek's message, OpenAI's nested shape) for a request that continues a tool-call
         * turn whose assistant message lacks its {@code reasoning_content}. Pair it with
         * {@link FakeModel#thinking()}, which streams {@code reasoning_content}.
         */
        STRICT_THINKING
    }

    public static final String CHAT = "/v1/chat/completions";
    public static final String RESPONSES = "/v1/responses";

    /** The top-level members of a Chat Completions request in the OpenAPI specification. */
    static final Set<String> CHAT_FIELDS = Set.of("audio", "frequency_penalty", "function_call", "functions",
            "logit_bias", "logprobs", "max_completion_tokens", "max_tokens", "messages", "metadata", "modalities",
            "model", "moderation", "n", "parallel_tool_calls", "prediction", "presence_penalty", "prompt_cache_key",
            "prompt_cache_options", "prompt_cache_retention", "reasoning_effort", "response_format",
            "safety_identifier", "seed", "service_tier", "stop", "store", "stream", "stream_options", "temperature",
            "tool_choice", "tools", "top_logprobs", "top_p", "user", "verbosity", "web_search_options");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-openai");
        t.setDaemon(true);
        return t;
    });
    private final Profile profile;
    private final Set<String> allowedFields = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Reply> anyPath = new ConcurrentLinkedQueue<>();
    private final Map<String, ConcurrentLinkedQueue<Reply>> byPath = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<Served> served = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch clientGone = new CountDownLatch(1);
    private volatile Function<Recorded, Reply> otherwise = FakeOpenAi::unscripted;

    private static Reply unscripted(Recorded r) {
        return Reply.json(500, "{\"error\":{\"message\":\"no reply scripted for " + r.method() + " " + r.path()
                + "\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
    }

    private FakeOpenAi(Profile profile) {
        this.profile = profile;
        allowedFields.addAll(CHAT_FIELDS);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind a loopback port", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeOpenAi start() {
        return new FakeOpenAi(Profile.OPENAI);
    }

    public static FakeOpenAi start(Profile profile) {
        return new FakeOpenAi(profile);
    }

    /** {@code http://127.0.0.1:<port>}, without a path. */
    public String origin() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>/v1}: the base URL OpenAI clients expect. */
    public String baseUrl() {
        return origin() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Profile profile() {
        return profile;
    }

    /** Queues replies for the next requests, whatever their path. */
    public FakeOpenAi enqueue(Reply... replies) {
        anyPath.addAll(List.of(replies));
        return this;
    }

    /** Queues a reply for the next request to {@code path} (e.g. {@link #CHAT}); it goes before any-path replies. */
    public FakeOpenAi enqueue(String path, Reply reply) {
        byPath.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).add(reply);
        return this;
    }

    /** Answers requests that find no scripted reply (a {@link FakeModel}, a load test's endless answer). */
    public FakeOpenAi otherwise(Function<Recorded, Reply> responder) {
        this.otherwise = responder;
        return this;
    }

    /** The {@link FakeModel} that answers unscripted requests. */
    public FakeModel model() {
        if (otherwise instanceof FakeModel model) {
            return model;
        }
        throw new IllegalStateException("no FakeModel answers this fake; set one with otherwise(FakeModel.chat())");
    }

    /** Top-level Chat request fields the strict profile accepts besides the specification's. */
    public FakeOpenAi allowFields(String... fields) {
        allowedFields.addAll(List.of(fields));
        return this;
    }

    /** Scripted replies no request has taken yet. */
    public int unusedReplies() {
        int n = anyPath.size();
        for (ConcurrentLinkedQueue<Reply> q : byPath.values()) {
            n += q.size();
        }
        return n;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public Recorded request(int index) {
        return requests.get(index);
    }

    /** The JSON body of request {@code index}. */
    public Map<String, Object> body(int index) {
        return request(index).json();
    }

    public Recorded last() {
        if (requests.isEmpty()) {
            throw new AssertionError("the fake upstream received no request");
        }
        return requests.get(requests.size() - 1);
    }

    /** Why the strict profile refused requests, in order. */
    public List<String> rejections() {
        return requests.stream().map(Recorded::rejection).filter(r -> r != null).toList();
    }

    /** How many streams found their client gone (a write failed: the client cancelled or timed out). */
    public long clientsGone() {
        return served.stream().filter(s -> s.end() == Served.End.CLIENT_GONE).count();
    }

    /** The streams the fake wrote, in order, with how each ended. */
    public List<Served> served() {
        return List.copyOf(served);
    }

    /** Waits until a trickling stream found its client gone (its write failed). */
    public boolean awaitClientGone(long timeout, TimeUnit unit) throws InterruptedException {
        return clientGone.await(timeout, unit);
    }

    /** Errors of the fake itself (not of the client): a script that could not be written. */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /** Stops the server; idempotent. */
    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Recorded recorded;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            String path = exchange.getRequestURI().getPath();
            String rejection = profile == Profile.OPENAI ? null : strictRejection(path, body);
            recorded = new Recorded(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    Collections.unmodifiableMap(headers), new String(body, StandardCharsets.UTF_8), rejection);
            requests.add(recorded);
        } catch (IOException e) {
            exchange.close();
            return;
        }
        Reply reply;
        if (recorded.rejection() != null) {
            reply = !recorded.isChat() ? Reply.json(404, "{\"detail\":\"Not Found\"}")
                    : recorded.rejection().startsWith(NO_REASONING)
                    ? Reply.json(400, FakeModel.error(recorded.rejection(), "invalid_request_error", "invalid_request_error", null))
                    : Reply.json(400, vllmError(recorded.rejection()));
        } else {
            ConcurrentLinkedQueue<Reply> queue = byPath.get(recorded.path());
            reply = queue == null ? null : queue.poll();
            if (reply == null) {
                reply = anyPath.poll();
            }
            if (reply == null) {
                reply = otherwise.apply(recorded);
            }
        }
        try {
            write(exchange, recorded, reply);
        } catch (ScriptedCut cut) {
            // Thrown out of the handler, it makes the JDK server drop the connection without ending the body.
            throw cut;
        } catch (IOException clientWentAway) {
            // The client closed its end (a timeout, a cancellation): nothing left to answer.
        } catch (RuntimeException e) {
            failures.add(e);
        }
        exchange.close();
    }

    private static final class ScriptedCut extends IOException {
        ScriptedCut() {
            super("scripted cut");
        }
    }

    private void write(HttpExchange exchange, Recorded request, Reply reply) throws IOException {
        if (reply.isHang()) {
            await(closed, null);
            return;
        }
        sleep(reply.delay());
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (!reply.isStream()) {
            byte[] bytes = reply.body();
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            return;
        }
        exchange.sendResponseHeaders(reply.status(), 0);
        OutputStream out = exchange.getResponseBody();
        List<byte[]> frames = reply.frames();
        List<byte[]> written = new ArrayList<>();
        Served.End end = Served.End.COMPLETE;
        try {
            for (int i = 0; i < frames.size(); i++) {
                if (i == reply.abortAfter()) {
                    end = Served.End.CUT;
                    throw new ScriptedCut();
                }
                Duration pause = reply.pauseBefore(i);
                if (pause != null) {
                    sleep(pause);
                }
                CountDownLatch gate = reply.gateBefore(i);
                if (gate != null) {
                    await(gate, closed);
                }
                sleep(reply.frameDelay());
                out.write(frames.get(i));
                out.flush();
                written.add(frames.get(i));
            }
            if (reply.trickle() != null) {
                for (int i = 0; i < 200; i++) {
                    sleep(Duration.ofMillis(50));
                    byte[] frame = Reply.utf8(reply.trickle().apply(i));
                    out.write(frame);
                    out.flush();
                    written.add(frame);
                }
            }
            out.close();
        } catch (IOException e) {
            if (end != Served.End.CUT) {
                end = Served.End.CLIENT_GONE;
                clientGone.countDown();
            }
            throw e;
        } finally {
            served.add(new Served(request, reply.status(), List.copyOf(written), end, reply.isMalformed()));
        }
    }

    private String strictRejection(String path, byte[] body) {
        if (path.endsWith("/responses") || path.contains("/responses/")) {
            return "this server has no Responses API";
        }
        if (!path.endsWith("/chat/completions")) {
            return null;
        }
        Object tree;
        try {
            tree = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (AssertionError e) {
            return "the body is not JSON";
        }
        if (!(tree instanceof Map<?, ?> request)) {
            return "the body is not a JSON object";
        }
        Set<String> unknown = new LinkedHashSet<>();
        for (Object key : request.keySet()) {
            if (!allowedFields.contains(key)) {
                unknown.add((String) key);
            }
        }
        if (!unknown.isEmpty()) {
            return "Extra inputs are not permitted: " + unknown;
        }
        List<?> tools = request.get("tools") instanceof List<?> l ? l : List.of();
        for (int i = 0; i < tools.size(); i++) {
            if (tools.get(i) instanceof Map<?, ?> t && !"function".equals(t.get("type"))) {
                return "tools[" + i + "].type: Input should be 'function'";
            }
        }
        if (request.containsKey("parallel_tool_calls") && tools.isEmpty()) {
            return "parallel_tool_calls is only allowed when tools are specified";
        }
        List<?> messages = request.get("messages") instanceof List<?> l ? l : List.of();
        for (int i = 0; i < messages.size(); i++) {
            if (!(messages.get(i) instanceof Map<?, ?> m)) {
                return "messages[" + i + "]: Input should be a valid dictionary";
            }
            Object role = m.get("role");
            if ("developer".equals(role)) {
                return "messages[" + i + "].role: Input should be 'system', 'user', 'assistant' or 'tool'";
            }
            if ("system".equals(role) && i > 0) {
                return "messages[" + i + "]: System message must be at the beginning.";
            }
            boolean continued = i + 1 < messages.size() && messages.get(i + 1) instanceof Map<?, ?> next
                    && "tool".equals(next.get("role"));
            if (profile == Profile.STRICT_THINKING && "assistant".equals(role) && m.get("tool_calls") != null
                    && continued && !(m.get("reasoning_content") instanceof String r && !r.isEmpty())) {
                return NO_REASONING + " in the assistant message at message index " + i
                        + ". For more information, please refer to https://api-docs.deepseek.com/guides/thinking_mode#tool-calls";
            }
        }
        return null;
    }

    /** DeepSeek's answer to a tool-call continuation without the thinking (its own words). */
    private static final String NO_REASONING = "Missing `reasoning_content` field";

    /** vLLM's error body: the top-level shape, not OpenAI's nested {@code {"error":{…}}}. */
    private static String vllmError(String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("object", "error");
        error.put("message", message);
        error.put("type", "BadRequestError");
        error.put("param", null);
        error.put("code", 400);
        return Json.write(error);
    }

    private static void sleep(Duration d) {
        if (d == null || d.isZero()) {
            return;
        }
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch, CountDownLatch orElse) {
        try {
            while (!latch.await(20, TimeUnit.MILLISECONDS)) {
                if (orElse != null && orElse.getCount() == 0) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One request as received. {@code rejection} says why the strict profile refused it (null: accepted). */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, String body,
            String rejection) {

        /** The body as a plain JSON tree. */
        public Map<String, Object> json() {
            return Json.object(body);
        }

        /** The first value of a header (names are case-insensitive), or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The path with its query, as sent. */
        public String uri() {
            return query == null ? path : path + "?" + query;
        }

        public boolean isChat() {
            return path.endsWith("/chat/completions");
        }

        public boolean isResponses() {
            return path.endsWith("/responses");
        }

        public boolean streaming() {
            return body.contains("\"stream\"") && Boolean.TRUE.equals(json().get("stream"));
        }

        @Override
        public String toString() {
            return method + " " + path + (rejection == null ? "" : " (rejected: " + rejection + ")");
        }
    }

    /** One stream the fake wrote: the frames that reached the socket, and how it ended. */
    public record Served(Recorded request, int status, List<byte[]> frames, End end, boolean malformed) {

        public enum End { COMPLETE, CUT, CLIENT_GONE }

        public String text() {
            StringBuilder b = new StringBuilder();
            frames.forEach(f -> b.append(new String(f, StandardCharsets.UTF_8)));
            return b.toString();
        }
    }
}
