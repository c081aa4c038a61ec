package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * The {@code file} object of a file part: an uploaded file id or inline base64 data.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileRef(
        @JsonProperty("file_id") String fileId,
        @JsonProperty("file_data") String fileData,
        String filename,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public FileRef {
        extra = Copies.map(extra);
    }
}
