package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * A {@code user} message.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "role", allowGetters = true)
@JsonPropertyOrder("role")
public record UserMessage(
        ChatContent content,
        String name,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ChatMessage {

    public UserMessage {
        extra = Copies.map(extra);
    }

    @Override
    @JsonProperty("role")
    public String role() {
        return "user";
    }
}
