package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crosswalk.translator.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * A {@code reasoning} item: summaries, reasoning text and/or encrypted content.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record ReasoningItem(
        String id,
        List<ResponseContent> summary,
        List<ResponseContent> content,
        @JsonProperty("encrypted_content") String encryptedContent,
        String status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseItem {

    public ReasoningItem {
        summary = Copies.list(summary);
        content = Copies.list(content);
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "reasoning"}. */
    @JsonProperty("type")
    public String type() {
        return "reasoning";
    }
}
