package dev.crosswalk.langchain4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the fake model answers in one turn, independent of the wire: {@link Fixtures} renders it as a Chat
 * completion, a Chat chunk stream, a Responses object or a Responses event stream, as OpenAI sends them.
 */
final class Turn {
    String model = "gpt-test-2026";
    final List<String> reasoning = new ArrayList<>();
    final List<String> text = new ArrayList<>();
    final List<Call> calls = new ArrayList<>();
    String finish;
    int inputTokens = 21;
    int outputTokens = 9;
    int cachedTokens = 4;
    int reasoningTokens;
    String encryptedReasoning;
    boolean interleaved;
    String refusal;

    record Call(String id, String name, List<String> arguments) {
        String joined() {
            return String.join("", arguments);
        }
    }

    static Turn text(String... pieces) {
        Turn t = new Turn();
        t.text.addAll(Arrays.asList(pieces));
        return t;
    }

    static Turn calls() {
        return new Turn();
    }

    Turn reasoning(String... pieces) {
        reasoning.addAll(Arrays.asList(pieces));
        reasoningTokens = 5;
        return this;
    }

    Turn call(String id, String name, String... arguments) {
        calls.add(new Call(id, name, Arrays.asList(arguments)));
        return this;
    }

    Turn finish(String finish) {
        this.finish = finish;
        return this;
    }

    Turn usage(int input, int output, int cached, int reasoning) {
        this.inputTokens = input;
        this.outputTokens = output;
        this.cachedTokens = cached;
        this.reasoningTokens = reasoning;
        return this;
    }

    Turn encrypted(String encryptedReasoning) {
        this.encryptedReasoning = encryptedReasoning;
        return this;
    }

    /** Chat streams only: fragments of parallel calls alternate, as some servers send them. */
    Turn interleaved() {
        this.interleaved = true;
        return this;
    }

    Turn refusal(String refusal) {
        this.refusal = refusal;
        return this;
    }

    Turn model(String model) {
        this.model = model;
        return this;
    }

    String finishReason() {
        return finish != null ? finish : calls.isEmpty() ? "stop" : "tool_calls";
    }

    String joinedText() {
        return String.join("", text);
    }

    String joinedReasoning() {
        return String.join("", reasoning);
    }
}
