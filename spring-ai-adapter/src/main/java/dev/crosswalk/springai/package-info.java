/**
 * A Spring AI 2.0 {@link org.springframework.ai.chat.model.ChatModel} that talks to an OpenAI Chat Completions or
 * Responses endpoint: {@link dev.crosswalk.springai.CrosswalkChatModel}, its options
 * {@link dev.crosswalk.springai.CrosswalkChatOptions} and its HTTP client {@link dev.crosswalk.springai.CrosswalkApi}.
 */
package dev.crosswalk.springai;
