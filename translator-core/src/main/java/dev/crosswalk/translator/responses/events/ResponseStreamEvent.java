package dev.crosswalk.translator.responses.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One event of a Responses stream ({@code event: <type>} + {@code data: <json>}), by its {@code type}.
 *
 * <p>Hosted-tool events ({@code response.web_search_call.searching}, ...) are {@link HostedToolEvent}; a type this
 * version does not know becomes {@link UnknownEvent}. Both are kept whole and can be passed through untouched.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
        visible = true, defaultImpl = UnknownEvent.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = ResponseCreatedEvent.class, name = "response.created"),
        @JsonSubTypes.Type(value = ResponseInProgressEvent.class, name = "response.in_progress"),
        @JsonSubTypes.Type(value = ResponseQueuedEvent.class, name = "response.queued"),
        @JsonSubTypes.Type(value = ResponseCompletedEvent.class, name = "response.completed"),
        @JsonSubTypes.Type(value = ResponseIncompleteEvent.class, name = "response.incomplete"),
        @JsonSubTypes.Type(value = ResponseFailedEvent.class, name = "response.failed"),
        @JsonSubTypes.Type(value = OutputItemAddedEvent.class, name = "response.output_item.added"),
        @JsonSubTypes.Type(value = OutputItemDoneEvent.class, name = "response.output_item.done"),
        @JsonSubTypes.Type(value = ContentPartAddedEvent.class, name = "response.content_part.added"),
        @JsonSubTypes.Type(value = ContentPartDoneEvent.class, name = "response.content_part.done"),
        @JsonSubTypes.Type(value = OutputTextDeltaEvent.class, name = "response.output_text.delta"),
        @JsonSubTypes.Type(value = OutputTextDoneEvent.class, name = "response.output_text.done"),
        @JsonSubTypes.Type(value = OutputTextAnnotationAddedEvent.class, name = "response.output_text.annotation.added"),
        @JsonSubTypes.Type(value = RefusalDeltaEvent.class, name = "response.refusal.delta"),
        @JsonSubTypes.Type(value = RefusalDoneEvent.class, name = "response.refusal.done"),
        @JsonSubTypes.Type(value = FunctionCallArgumentsDeltaEvent.class, name = "response.function_call_arguments.delta"),
        @JsonSubTypes.Type(value = FunctionCallArgumentsDoneEvent.class, name = "response.function_call_arguments.done"),
        @JsonSubTypes.Type(value = CustomToolCallInputDeltaEvent.class, name = "response.custom_tool_call_input.delta"),
        @JsonSubTypes.Type(value = CustomToolCallInputDoneEvent.class, name = "response.custom_tool_call_input.done"),
        @JsonSubTypes.Type(value = ReasoningSummaryPartAddedEvent.class, name = "response.reasoning_summary_part.added"),
        @JsonSubTypes.Type(value = ReasoningSummaryPartDoneEvent.class, name = "response.reasoning_summary_part.done"),
        @JsonSubTypes.Type(value = ReasoningSummaryTextDeltaEvent.class, name = "response.reasoning_summary_text.delta"),
        @JsonSubTypes.Type(value = ReasoningSummaryTextDoneEvent.class, name = "response.reasoning_summary_text.done"),
        @JsonSubTypes.Type(value = ReasoningTextDeltaEvent.class, name = "response.reasoning_text.delta"),
        @JsonSubTypes.Type(value = ReasoningTextDoneEvent.class, name = "response.reasoning_text.done"),
        @JsonSubTypes.Type(value = ErrorEvent.class, name = "error"),
        @JsonSubTypes.Type(value = HostedToolEvent.class, names = {
                "response.web_search_call.in_progress", "response.web_search_call.searching", "response.web_search_call.completed",
                "response.file_search_call.in_progress", "response.file_search_call.searching", "response.file_search_call.completed",
                "response.code_interpreter_call.in_progress", "response.code_interpreter_call.interpreting",
                "response.code_interpreter_call.completed", "response.code_interpreter_call_code.delta",
                "response.code_interpreter_call_code.done", "response.image_generation_call.in_progress",
                "response.image_generation_call.generating", "response.image_generation_call.partial_image",
                "response.image_generation_call.completed", "response.mcp_call.in_progress", "response.mcp_call.completed",
                "response.mcp_call.failed", "response.mcp_call_arguments.delta", "response.mcp_call_arguments.done",
                "response.mcp_list_tools.in_progress", "response.mcp_list_tools.completed", "response.mcp_list_tools.failed",
                "response.shell_call_command.added", "response.shell_call_command.delta", "response.shell_call_command.done",
                "response.shell_call_output_content.delta", "response.shell_call_output_content.done",
                "response.audio.delta", "response.audio.done", "response.audio.transcript.delta", "response.audio.transcript.done"})
})
public sealed interface ResponseStreamEvent permits ResponseCreatedEvent, ResponseInProgressEvent, ResponseQueuedEvent,
        ResponseCompletedEvent, ResponseIncompleteEvent, ResponseFailedEvent, OutputItemAddedEvent, OutputItemDoneEvent,
        ContentPartAddedEvent, ContentPartDoneEvent, OutputTextDeltaEvent, OutputTextDoneEvent,
        OutputTextAnnotationAddedEvent, RefusalDeltaEvent, RefusalDoneEvent, FunctionCallArgumentsDeltaEvent,
        FunctionCallArgumentsDoneEvent, CustomToolCallInputDeltaEvent, CustomToolCallInputDoneEvent,
        ReasoningSummaryPartAddedEvent, ReasoningSummaryPartDoneEvent, ReasoningSummaryTextDeltaEvent,
        ReasoningSummaryTextDoneEvent, ReasoningTextDeltaEvent, ReasoningTextDoneEvent, ErrorEvent, HostedToolEvent,
        UnknownEvent {

    /** The {@code type}, also the SSE {@code event:} name. */
    String type();

    /** The event's position in its stream, from 0; {@code null} if the sender gave none. */
    Integer sequenceNumber();
}
