package dev.crosswalk.benchmarks;

import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.AssistantMessage;
import dev.crosswalk.translator.chat.ChatChoice;
import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.chat.ChatCompletionMessage;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.chat.ChatContent;
import dev.crosswalk.translator.chat.ChatContentPart;
import dev.crosswalk.translator.chat.ChatMessage;
import dev.crosswalk.translator.chat.ChatTool;
import dev.crosswalk.translator.chat.ChatToolCall;
import dev.crosswalk.translator.chat.ChatToolChoice;
import dev.crosswalk.translator.chat.ChunkChoice;
import dev.crosswalk.translator.chat.ChunkDelta;
import dev.crosswalk.translator.chat.ChunkFunction;
import dev.crosswalk.translator.chat.ChunkToolCall;
import dev.crosswalk.translator.chat.CompletionTokensDetails;
import dev.crosswalk.translator.chat.CompletionUsage;
import dev.crosswalk.translator.chat.FunctionCall;
import dev.crosswalk.translator.chat.FunctionDefinition;
import dev.crosswalk.translator.chat.FunctionTool;
import dev.crosswalk.translator.chat.FunctionToolCall;
import dev.crosswalk.translator.chat.ImageUrl;
import dev.crosswalk.translator.chat.ImageUrlPart;
import dev.crosswalk.translator.chat.JsonSchema;
import dev.crosswalk.translator.chat.PromptTokensDetails;
import dev.crosswalk.translator.chat.ResponseFormatJsonSchema;
import dev.crosswalk.translator.chat.SystemMessage;
import dev.crosswalk.translator.chat.TextPart;
import dev.crosswalk.translator.chat.ToolMessage;
import dev.crosswalk.translator.chat.UserMessage;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.stream.ChatToResponsesStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inputs every benchmark shares, built deterministically so that each run measures the same documents.
 * Sizes follow the brief: small (one user message), medium (20 turns, 5 tools, 3 tool-call rounds), large
 * (200 turns, 50 tools, images, structured output).
 */
public final class Fixtures {
    private static final Translator TRANSLATOR = Crosswalk.translator(TranslatorOptions.builder().codec(JsonCodec.jackson3()).build());

    private Fixtures() {
    }

    /** A request of the given size: {@code small}, {@code medium} or {@code large}. */
    public static ChatCompletionRequest chatRequest(String size) {
        return switch (size) {
            case "small" -> request(List.of(new UserMessage(ChatContent.of("Write a haiku about the sea."), null, Map.of())), 0, false);
            case "medium" -> request(conversation(20, 3, 5, false), 5, false);
            case "large" -> request(conversation(200, 30, 50, true), 50, true); // + a 20 KB base64 image
            default -> throw new IllegalArgumentException("unknown size " + size);
        };
    }

    private static ChatCompletionRequest request(List<ChatMessage> messages, int tools, boolean structured) {
        ChatCompletionRequest.Builder b = ChatCompletionRequest.builder().model("gpt-5-mini").messages(messages)
                .temperature(0.7).maxCompletionTokens(1024).store(false);
        if (tools > 0) {
            List<ChatTool> list = new ArrayList<>();
            for (int i = 0; i < tools; i++) {
                list.add(tool(i));
            }
            b.tools(list).toolChoice(new ChatToolChoice.Mode("auto")).parallelToolCalls(true);
        }
        if (structured) {
            b.responseFormat(new ResponseFormatJsonSchema(new JsonSchema("answer", "The final answer", Map.of(
                    "type", "object", "additionalProperties", false, "required", List.of("summary", "items"),
                    "properties", Map.of("summary", Map.of("type", "string"),
                            "items", Map.of("type", "array", "items", Map.of("type", "string")))), true, Map.of()), Map.of()));
        }
        return b.build();
    }

    private static FunctionTool tool(int i) {
        Map<String, Object> parameters = Map.of("type", "object", "required", List.of("query", "limit"),
                "properties", Map.of("query", Map.of("type", "string", "description", "What to look up"),
                        "limit", Map.of("type", "integer", "minimum", 1, "maximum", 50)));
        return new FunctionTool(new FunctionDefinition("tool_" + i, "Looks up records of kind " + i + " by a free-text query.",
                parameters, i % 2 == 0 ? null : Boolean.TRUE, Map.of()), Map.of());
    }

    /** {@code turns} user/assistant exchanges, {@code rounds} of them with two parallel tool calls and results. */
    private static List<ChatMessage> conversation(int turns, int rounds, int tools, boolean images) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(new SystemMessage(ChatContent.of("You are a careful assistant. Answer briefly and cite tools."), null, Map.of()));
        int roundEvery = Math.max(1, turns / Math.max(1, rounds));
        for (int t = 0; t < turns; t++) {
            String question = "Question " + t + ": what changed in the quarterly report for region " + (t % 7) + "?";
            if (images && t % 10 == 0) {
                // One inline screenshot (~20 KB of base64, as clients paste them), links to charts after it.
                String url = t == 0 ? "data:image/png;base64," + base64Image(15_000) : "https://example.com/charts/" + t + ".png";
                List<ChatContentPart> parts = List.of(new TextPart(question, Map.of()),
                        new ImageUrlPart(new ImageUrl(url, "low", Map.of()), Map.of()));
                messages.add(new UserMessage(ChatContent.of(parts), null, Map.of()));
            } else {
                messages.add(new UserMessage(ChatContent.of(question), null, Map.of()));
            }
            if (rounds > 0 && t % roundEvery == 0 && t / roundEvery < rounds) {
                List<ChatToolCall> calls = List.of(call("call_" + t + "_a", t % tools), call("call_" + t + "_b", (t + 1) % tools));
                messages.add(new AssistantMessage(ChatContent.of("Let me look that up."), null, null, calls, null, null, null, Map.of()));
                for (ChatToolCall c : calls) {
                    messages.add(new ToolMessage(ChatContent.of("{\"rows\":[{\"region\":" + (t % 7)
                            + ",\"delta\":\"+4.2%\",\"note\":\"seasonal\"}],\"count\":1}"), ((FunctionToolCall) c).id(), Map.of()));
                }
            }
            messages.add(new AssistantMessage(ChatContent.of("In region " + (t % 7)
                    + ", revenue rose 4.2% on seasonal demand; costs were flat and margins improved slightly."),
                    null, null, null, null, null, null, Map.of()));
        }
        return messages;
    }

    /** {@code bytes} pseudo-random bytes (fixed seed) in base64: ~4/3 as many characters. */
    private static String base64Image(int bytes) {
        byte[] data = new byte[bytes];
        new java.util.Random(42).nextBytes(data);
        return java.util.Base64.getEncoder().encodeToString(data);
    }

    private static FunctionToolCall call(String id, int tool) {
        return new FunctionToolCall(id, new FunctionCall("tool_" + tool, "{\"query\":\"quarterly report\",\"limit\":5}", Map.of()), Map.of());
    }

    /** A completion with text, two tool calls and full usage. */
    public static ChatCompletion chatCompletion() {
        ChatCompletionMessage message = new ChatCompletionMessage("assistant", "Here is what I found, and two lookups to confirm it.",
                null, List.of(call("call_1", 1), call("call_2", 2)), null, null, null, null, Map.of());
        return ChatCompletion.builder().id("chatcmpl-bench").object("chat.completion").created(1763800000L).model("gpt-5-mini")
                .choices(List.of(new ChatChoice(0, message, "tool_calls", null, Map.of())))
                .usage(new CompletionUsage(1200, 180, 1380, new PromptTokensDetails(1024, 0, Map.of()),
                        new CompletionTokensDetails(64, 0, 0, 0, Map.of()), Map.of()))
                .build();
    }

    /** 2,000 short text deltas, then finish_reason and a usage chunk. */
    public static List<ChatCompletionChunk> textStream() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        chunks.add(chunk(new ChunkDelta("assistant", "", null, null, null, null, Map.of()), null));
        String[] words = {"The ", "tide ", "comes ", "in, ", "and ", "goes ", "out; ", "ça ", "va, ", "海 "};
        for (int i = 0; i < 2000; i++) {
            chunks.add(chunk(new ChunkDelta(null, words[i % words.length], null, null, null, null, Map.of()), null));
        }
        chunks.add(chunk(new ChunkDelta(null, null, null, null, null, null, Map.of()), "stop"));
        chunks.add(usageChunk());
        return chunks;
    }

    /** Eight parallel calls whose arguments arrive in 500 fragments in all, one call after another. */
    public static List<ChatCompletionChunk> toolStream() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        chunks.add(chunk(new ChunkDelta("assistant", null, null, null, null, null, Map.of()), null));
        for (int call = 0; call < 8; call++) {
            int fragmentsPerCall = call < 4 ? 63 : 62;
            chunks.add(chunk(new ChunkDelta(null, null, null, List.of(new ChunkToolCall(call, "call_" + call, "function",
                    new ChunkFunction("tool_" + call, "", Map.of()), Map.of())), null, null, Map.of()), null));
            for (int f = 0; f < fragmentsPerCall; f++) {
                String fragment = f == 0 ? "{\"q\":\"" : f == fragmentsPerCall - 1 ? "\"}" : "ab" + (f % 10);
                chunks.add(chunk(new ChunkDelta(null, null, null, List.of(new ChunkToolCall(call, null, null,
                        new ChunkFunction(null, fragment, Map.of()), Map.of())), null, null, Map.of()), null));
            }
        }
        chunks.add(chunk(new ChunkDelta(null, null, null, null, null, null, Map.of()), "tool_calls"));
        chunks.add(usageChunk());
        return chunks;
    }

    /** The Responses events that Crosswalk produces for a Chat stream: the input of the reverse benchmark. */
    public static List<ResponseStreamEvent> events(List<ChatCompletionChunk> chunks) {
        ChatToResponsesStream stream = TRANSLATOR.streamToResponses(null);
        List<ResponseStreamEvent> events = new ArrayList<>();
        chunks.forEach(c -> events.addAll(stream.onChunk(c)));
        events.addAll(stream.onEnd());
        return events;
    }

    /** As the live API sends them: with service tier, fingerprint and an {@code obfuscation} padding field. */
    private static ChatCompletionChunk chunk(ChunkDelta delta, String finishReason) {
        return ChatCompletionChunk.builder().id("chatcmpl-D8dV4fIhj9EeF5vu9iDuZYuG5qp3o").object("chat.completion.chunk")
                .created(1763800000L).model("gpt-5-mini").serviceTier("default").systemFingerprint("fp_ad98c18a04")
                .choices(List.of(new ChunkChoice(0, delta, finishReason, null, Map.of()))).extra("obfuscation", "0CaBHUgMMhGkY")
                .build();
    }

    private static ChatCompletionChunk usageChunk() {
        return ChatCompletionChunk.builder().id("chatcmpl-bench").object("chat.completion.chunk").created(1763800000L)
                .model("gpt-5-mini").choices(List.of()).usage(new CompletionUsage(900, 2000, 2900,
                        new PromptTokensDetails(512, null, Map.of()), new CompletionTokensDetails(0, null, null, null, Map.of()), Map.of()))
                .build();
    }

    /** The translator the benchmarks use, with the given codec. */
    public static Translator translator(JsonCodec codec) {
        return Crosswalk.translator(TranslatorOptions.builder().codec(codec).build());
    }
}
