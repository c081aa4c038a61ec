/**
 * Server-Sent Events, as both OpenAI streaming protocols use them, without any HTTP stack.
 *
 * <ul>
 *   <li>{@link dev.crosswalk.translator.sse.SseParser}: push-style, for bytes or lines arriving in chunks
 *       (reactive clients, servlet read listeners);</li>
 *   <li>{@link dev.crosswalk.translator.sse.SseReader}: pull-style over a blocking {@code InputStream} or
 *       {@code Reader};</li>
 *   <li>{@link dev.crosswalk.translator.sse.SseWriter}: writes and flushes one event at a time.</li>
 * </ul>
 *
 * Parsing follows the WHATWG HTML "event stream" rules, is strict about UTF-8 and bounds the memory a
 * single event may take.
 */
package dev.crosswalk.translator.sse;
