package dev.crosswalk.langchain4j;

import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;

/** Where a stream's pieces go as they are understood. */
interface StreamSink {
    void partialText(String text);

    void partialThinking(String thinking);

    void partialToolCall(PartialToolCall call);

    void completeToolCall(CompleteToolCall call);
}
