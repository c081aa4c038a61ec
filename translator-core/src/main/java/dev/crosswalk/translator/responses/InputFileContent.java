package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * An {@code input_file} part: an uploaded file id, inline data or a URL.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record InputFileContent(
        @JsonProperty("file_id") String fileId,
        @JsonProperty("file_data") String fileData,
        @JsonProperty("file_url") String fileUrl,
        String filename,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseContent {

    public InputFileContent {
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "input_file"}. */
    @JsonProperty("type")
    public String type() {
        return "input_file";
    }
}
