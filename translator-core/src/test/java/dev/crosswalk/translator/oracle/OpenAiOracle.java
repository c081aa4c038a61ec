package dev.crosswalk.translator.oracle;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.JsonField;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionCallArgumentsDoneEvent;
import com.openai.models.responses.ResponseStreamEvent;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Independent "shape oracle" built on the official OpenAI Java SDK ({@code com.openai:openai-java-core}).
 *
 * <p>Each check parses a JSON document with the SDK's own Jackson mapper ({@link ObjectMappers#jsonMapper()}) into
 * the SDK's typed model and then fails with an {@link AssertionError} that lists every problem it finds:
 *
 * <ul>
 *   <li>any property the SDK does not know, at any depth: the SDK silently keeps those in
 *       {@code _additionalProperties()}, so the whole parsed object graph is walked (model objects, lists, maps,
 *       the active variant of every union, the known value of every {@link JsonField}) and every non-empty
 *       additional-properties map is reported with its JSON path. Free-form SDK objects (those that declare no
 *       property at all and carry their whole content as additional properties, such as {@code metadata},
 *       function {@code parameters} or a JSON Schema) and fields typed {@link JsonValue} are arbitrary JSON and are
 *       not reported;</li>
 *   <li>a union value (message, content part, tool, output item, stream event, ...) that matches no variant the SDK
 *       knows, e.g. an unknown {@code type} or {@code role};</li>
 *   <li>a required property that is missing. The SDK's {@code validate()} does not notice a missing property that is
 *       required but nullable (e.g. chat {@code message.content}, {@code response.error}); requiredness is therefore
 *       taken from the SDK's own builders (a builder field that starts unset and makes {@code build()} fail with
 *       "is required" when unset);</li>
 *   <li>a value of the wrong JSON type, a {@code null} where the SDK does not allow it, an enum value the SDK does
 *       not know, or a wrong constant ({@code object}, {@code type}, {@code role}), reported at the deepest node whose
 *       {@code validate()} fails;</li>
 *   <li>the message of the SDK's own {@code validate()} on the whole document.</li>
 * </ul>
 *
 * <p>Deliberate tolerances, each matching what the SDK itself sends or what the API documents: a top-level
 * {@code "stream": <boolean>} in request bodies (the SDK adds it as an additional body property for streaming
 * calls); a chat request {@code model} that is not one of the SDK's {@link ChatModel} constants (the API takes any
 * model id; the SDK's {@code ChatModel.validate()} would reject it); and the string {@code name} of
 * {@code response.function_call_arguments.done} (documented by the API, missing from the SDK model).
 */
public final class OpenAiOracle {

    private static final JsonMapper MAPPER = ObjectMappers.jsonMapper();
    private static final int MAX_DEPTH = 256;
    private static final int MAX_SNIPPET = 300;

    private OpenAiOracle() {
    }

    // ------------------------------------------------------------------------------------------------------------
    // Public checks

    /** Body of {@code POST /v1/chat/completions}; returns the SDK's parsed body. */
    public static ChatCompletionCreateParams.Body chatCompletionRequest(String json) {
        ChatCompletionCreateParams.Body body = parse(json, ChatCompletionCreateParams.Body.class, "chat completion request");
        // The API accepts any model id; the SDK models Chat's `model` as the ChatModel enum whose validate() rejects
        // ids it does not know. Check everything else against a copy carrying a known model id.
        ChatCompletionCreateParams.Body checked = body;
        Optional<ChatModel> model = body._model().asKnown();
        if (model.isPresent() && model.get().value() == ChatModel.Value._UNKNOWN) {
            try {
                checked = body.toBuilder().model(ChatModel.GPT_5_4).build();
            } catch (IllegalStateException e) {
                checked = body; // e.g. `messages` missing: the walk reports it, validate() may also name the model
            }
        }
        check(checked, "chat completion request", json, ChatCompletionCreateParams.Body::validate, OpenAiOracle::streamFlag);
        return body;
    }

    /** A {@code chat.completion} object; returns the SDK's parsed {@link ChatCompletion}. */
    public static ChatCompletion chatCompletion(String json) {
        ChatCompletion value = parse(json, ChatCompletion.class, "chat completion");
        check(value, "chat completion", json, ChatCompletion::validate, none());
        return value;
    }

    /** A {@code chat.completion.chunk} object; returns the SDK's parsed {@link ChatCompletionChunk}. */
    public static ChatCompletionChunk chatCompletionChunk(String json) {
        ChatCompletionChunk value = parse(json, ChatCompletionChunk.class, "chat completion chunk");
        check(value, "chat completion chunk", json, ChatCompletionChunk::validate, none());
        return value;
    }

    /** Body of {@code POST /v1/responses}; returns the SDK's parsed body. */
    public static ResponseCreateParams.Body responsesRequest(String json) {
        ResponseCreateParams.Body value = parse(json, ResponseCreateParams.Body.class, "responses request");
        check(value, "responses request", json, ResponseCreateParams.Body::validate, OpenAiOracle::streamFlag);
        return value;
    }

    /** A {@code response} object; returns the SDK's parsed {@link Response}. */
    public static Response response(String json) {
        Response value = parse(json, Response.class, "response");
        check(value, "response", json, Response::validate, none());
        return value;
    }

    /** One Responses stream event (the JSON of an SSE {@code data:} line); returns the SDK's parsed event. */
    public static ResponseStreamEvent responseStreamEvent(String json) {
        ResponseStreamEvent value = parse(json, ResponseStreamEvent.class, "response stream event");
        check(value, "response stream event", json, ResponseStreamEvent::validate, none());
        return value;
    }

    /**
     * Checks every chunk with {@link #chatCompletionChunk(String)}, then feeds them in order to the SDK's
     * {@link ChatCompletionAccumulator} and returns the {@link ChatCompletion} it assembles (which must validate).
     */
    public static ChatCompletion accumulateChatChunks(List<String> chunkJsons) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        for (int i = 0; i < chunkJsons.size(); i++) {
            ChatCompletionChunk chunk = withContext("chunk[" + i + "]", chunkJsons.get(i), OpenAiOracle::chatCompletionChunk);
            try {
                accumulator.accumulate(chunk);
            } catch (RuntimeException e) {
                throw new AssertionError("SDK ChatCompletionAccumulator rejected chunk[" + i + "]: " + e
                        + "\nchunk: " + snippet(chunkJsons.get(i)), e);
            }
        }
        ChatCompletion completion;
        try {
            completion = accumulator.chatCompletion();
        } catch (RuntimeException e) {
            throw new AssertionError("SDK ChatCompletionAccumulator produced no chat completion from "
                    + chunkJsons.size() + " chunk(s): " + e, e);
        }
        try {
            completion.validate();
        } catch (OpenAIInvalidDataException e) {
            throw new AssertionError("ChatCompletion accumulated by the SDK fails validate(): " + e.getMessage()
                    + "\naccumulated: " + snippet(completion.toString()), e);
        }
        return completion;
    }

    /**
     * Checks every event with {@link #responseStreamEvent(String)}, then feeds them in order to the SDK's
     * {@link ResponseAccumulator} and returns the final {@link Response} (taken from the terminal event).
     */
    public static Response accumulateResponseEvents(List<String> eventJsons) {
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        for (int i = 0; i < eventJsons.size(); i++) {
            ResponseStreamEvent event = withContext("event[" + i + "]", eventJsons.get(i), OpenAiOracle::responseStreamEvent);
            try {
                accumulator.accumulate(event);
            } catch (RuntimeException e) {
                throw new AssertionError("SDK ResponseAccumulator rejected event[" + i + "]: " + e
                        + "\nevent: " + snippet(eventJsons.get(i)), e);
            }
        }
        Response response;
        try {
            response = accumulator.response();
        } catch (RuntimeException e) {
            throw new AssertionError("SDK ResponseAccumulator produced no response from " + eventJsons.size()
                    + " event(s) (no response.completed / response.incomplete / response.failed?): " + e, e);
        }
        try {
            response.validate();
        } catch (OpenAIInvalidDataException e) {
            throw new AssertionError("Response accumulated by the SDK fails validate(): " + e.getMessage(), e);
        }
        return response;
    }

    /**
     * Lists the problems the walk finds in an already parsed SDK value (without the SDK's top-level
     * {@code validate()} message). Empty when the value is clean.
     */
    public static List<String> problemsIn(Object sdkValue) {
        Walker walker = new Walker(none());
        walker.walk(sdkValue, "$", 0);
        return Collections.unmodifiableList(walker.problems);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Driver

    @FunctionalInterface
    private interface Validator<T> {
        void validate(T value);
    }

    /**
     * Decides whether an additional property (one the SDK model does not declare) is allowed; returns null if it is,
     * else the problem.
     */
    @FunctionalInterface
    private interface ExtraPolicy {
        String check(String objectPath, Class<?> sdkType, String key, JsonValue value);
    }

    /** A property the live API sends that the pinned SDK does not model, the JSON type it must have, and why we write it. */
    private record LiveOnly(Class<?> sdkType, String key, Function<JsonValue, Boolean> typeCheck, String type, String source) {
    }

    /**
     * THE allow-list: the only properties the oracle accepts that the pinned SDK (openai-java 4.101.0) does not model.
     * Each is sent by the live API (the reference; design.md §11-12) and carries its source. Keep it short and explicit.
     */
    private static final List<LiveOnly> LIVE_API_NOT_IN_SDK = List.of(
            new LiveOnly(ResponseFunctionCallArgumentsDoneEvent.class, "name", v -> v.asString().isPresent(), "a string",
                    "OpenAPI spec 2.3.0 requires response.function_call_arguments.done.name; live streams send it"),
            new LiveOnly(Response.class, "store", v -> v.asBoolean().isPresent(), "a boolean",
                    "live Response objects carry store (recorded api.openai.com traffic; Open Responses ResponseResource requires it)"),
            new LiveOnly(Response.class, "presence_penalty", v -> v.asNumber().isPresent(), "a number",
                    "live Response objects carry presence_penalty: 0 (recorded traffic; Open Responses ResponseResource requires it)"),
            new LiveOnly(Response.class, "frequency_penalty", v -> v.asNumber().isPresent(), "a number",
                    "live Response objects carry frequency_penalty: 0 (recorded traffic; Open Responses ResponseResource requires it)"),
            new LiveOnly(com.openai.models.responses.ResponseErrorEvent.class, "error", v -> v.asObject().isPresent(), "an object",
                    "live error events nest the error: {\"type\":\"error\",\"error\":{...}} (recorded traffic, design.md §12); "
                            + "openai-node raises only when the event has an `error` key"));

    private static ExtraPolicy none() {
        return OpenAiOracle::knownSdkGap;
    }

    private static String knownSdkGap(String path, Class<?> sdkType, String key, JsonValue value) {
        for (LiveOnly allowed : LIVE_API_NOT_IN_SDK) {
            if (allowed.sdkType().equals(sdkType) && allowed.key().equals(key)) {
                return allowed.typeCheck().apply(value) ? null : "`" + key + "` must be " + allowed.type();
            }
        }
        return "unknown property";
    }

    /** The SDK itself sends {@code "stream": true} as an additional body property of request bodies. */
    private static String streamFlag(String path, Class<?> sdkType, String key, JsonValue value) {
        if ("$".equals(path) && "stream".equals(key)) {
            return value.asBoolean().isPresent() ? null : "`stream` must be a boolean";
        }
        return knownSdkGap(path, sdkType, key, value);
    }

    private static <T> T parse(String json, Class<T> type, String what) {
        if (json == null) {
            throw new AssertionError("OpenAI SDK oracle: " + what + " JSON is null");
        }
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new AssertionError("OpenAI SDK oracle: " + what + " JSON is the literal null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new AssertionError("OpenAI SDK oracle: the SDK cannot parse the " + what + " as "
                    + type.getName() + ": " + e.getOriginalMessage() + "\ndocument: " + snippet(json), e);
        } catch (RuntimeException e) {
            throw new AssertionError("OpenAI SDK oracle: the SDK fails reading the " + what + " as "
                    + type.getName() + ": " + e + "\ndocument: " + snippet(json), e);
        }
    }

    private static <T> void check(T value, String what, String json, Validator<T> validator, ExtraPolicy policy) {
        Walker walker = new Walker(policy);
        walker.walk(value, "$", 0);
        String sdkMessage = null;
        try {
            validator.validate(value);
        } catch (OpenAIInvalidDataException e) {
            sdkMessage = e.getMessage();
        }
        if (walker.problems.isEmpty() && sdkMessage == null) {
            return;
        }
        StringBuilder message = new StringBuilder("OpenAI SDK oracle rejected the ").append(what).append(" (")
                .append(value.getClass().getName()).append("):");
        for (String problem : walker.problems) {
            message.append("\n  - ").append(problem);
        }
        message.append("\nSDK validate(): ").append(sdkMessage == null ? "passed" : sdkMessage);
        message.append("\ndocument: ").append(snippet(json));
        throw new AssertionError(message.toString());
    }

    private static <T> T withContext(String label, String json, Function<String, T> check) {
        try {
            return check.apply(json);
        } catch (AssertionError e) {
            throw new AssertionError(label + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The walk

    private static final class Walker {
        final List<String> problems = new ArrayList<>();
        private final ExtraPolicy policy;
        private final Map<Object, Boolean> onPath = new IdentityHashMap<>();

        Walker(ExtraPolicy policy) {
            this.policy = policy;
        }

        void problem(String path, String what) {
            problems.add(path + ": " + what);
        }

        void walk(Object value, String path, int depth) {
            if (value == null || value instanceof JsonValue) {
                // JsonValue (incl. JsonMissing / JsonNull) reached here is arbitrary JSON that the model allows.
                return;
            }
            if (depth > MAX_DEPTH) {
                problem(path, "nested deeper than " + MAX_DEPTH + " levels; walk stopped");
                return;
            }
            if (value instanceof JsonField) {
                ((JsonField<?>) value).asKnown().ifPresent(known -> walk(known, path, depth + 1));
                return;
            }
            if (value instanceof Optional) {
                ((Optional<?>) value).ifPresent(inner -> walk(inner, path, depth + 1));
                return;
            }
            if (value instanceof List) {
                List<?> list = (List<?>) value;
                for (int i = 0; i < list.size(); i++) {
                    walk(list.get(i), path + "[" + i + "]", depth + 1);
                }
                return;
            }
            if (value instanceof Collection) {
                int i = 0;
                for (Object element : (Collection<?>) value) {
                    walk(element, path + "[" + i++ + "]", depth + 1);
                }
                return;
            }
            if (value instanceof Map) {
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    walk(entry.getValue(), child(path, String.valueOf(entry.getKey())), depth + 1);
                }
                return;
            }
            Class<?> type = value.getClass();
            if (!type.getName().startsWith("com.openai.")) {
                return; // String, Long, Double, Boolean, OffsetDateTime, ...
            }
            if (onPath.put(value, Boolean.TRUE) != null) {
                return; // a cycle: already being walked further up
            }
            int before = problems.size();
            try {
                ClassInfo info = ClassInfo.of(type);
                if (info.acceptMethod != null) {
                    walkUnion(value, info, path, depth);
                } else if (info.additionalProperties != null) {
                    walkModel(value, info, path, depth);
                }
                // Deepest-first: validate a node only when nothing below it was reported, so that a failure
                // (wrong constant, unknown enum value, ...) is attributed to the innermost object. The root is
                // validated by the caller and reported as "SDK validate()".
                if (depth > 0 && problems.size() == before && info.validate != null
                        && !(info.openEnum)) {
                    try {
                        info.validate.invoke(value);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof OpenAIInvalidDataException) {
                            problem(path, "SDK validate() of " + info.displayName + " fails: " + e.getCause().getMessage());
                        } else {
                            problem(path, "SDK validate() of " + info.displayName + " throws " + e.getCause());
                        }
                    }
                }
            } catch (ReflectiveOperationException e) {
                problem(path, "oracle could not inspect " + type.getName() + ": " + e);
            } finally {
                onPath.remove(value);
            }
        }

        private void walkUnion(Object union, ClassInfo info, String path, int depth) throws ReflectiveOperationException {
            Object[] variant = new Object[1];
            String[] variantName = new String[1];
            boolean[] unknown = new boolean[1];
            Object visitor = Proxy.newProxyInstance(info.visitorType.getClassLoader(), new Class<?>[] {info.visitorType},
                    (proxy, method, args) -> {
                        if (method.getDeclaringClass() == Object.class) {
                            switch (method.getName()) {
                                case "equals": return proxy == args[0];
                                case "hashCode": return System.identityHashCode(proxy);
                                default: return "OpenAiOracleVisitor";
                            }
                        }
                        if ("unknown".equals(method.getName())) {
                            unknown[0] = true;
                        } else if (args != null && args.length == 1) {
                            variant[0] = args[0];
                            variantName[0] = method.getName();
                        }
                        return null;
                    });
            try {
                info.acceptMethod.invoke(union, visitor);
            } catch (InvocationTargetException e) {
                problem(path, "SDK union " + info.displayName + " could not be visited: " + e.getCause());
                return;
            }
            if (unknown[0] || variantName[0] == null) {
                Object json = info.rawJson == null ? null : info.rawJson.invoke(union);
                if (json instanceof Optional) {
                    json = ((Optional<?>) json).orElse(null);
                }
                problem(path, "matches no variant the SDK knows for " + info.displayName + describe(json));
                return;
            }
            walk(variant[0], path, depth + 1);
        }

        private void walkModel(Object model, ClassInfo info, String path, int depth) throws ReflectiveOperationException {
            for (Property property : info.properties) {
                Object raw = property.accessor.invoke(model);
                String childPath = child(path, property.jsonName);
                if (!(raw instanceof JsonField)) {
                    continue;
                }
                JsonField<?> field = (JsonField<?>) raw;
                if (field.isMissing()) {
                    if (info.isRequired(model, property)) {
                        problem(childPath, "required property is missing (the SDK's " + info.displayName
                                + " requires it" + (property.nullable ? "; write null when there is no value" : "")
                                + ")");
                    }
                    continue;
                }
                if (property.arbitrary) {
                    // Declared as JsonValue: arbitrary JSON, or a constant (type, object, role) that the node's
                    // validate() checks. Its content is never "unknown".
                    continue;
                }
                if (field.isNull()) {
                    if (property.getter != null) {
                        try {
                            property.getter.invoke(model);
                        } catch (InvocationTargetException e) {
                            problem(childPath, "null is not allowed here: " + e.getCause().getMessage());
                        }
                    }
                    continue;
                }
                Optional<?> known = field.asKnown();
                if (known.isPresent()) {
                    walk(known.get(), childPath, depth + 1);
                } else {
                    problem(childPath, "value does not have the type the SDK expects ("
                            + property.typeName + ")" + describe(field));
                }
            }
            if (info.freeForm) {
                return; // metadata, JSON Schema, function parameters, ...: arbitrary content by design
            }
            @SuppressWarnings("unchecked")
            Map<String, JsonValue> extra = (Map<String, JsonValue>) info.additionalProperties.invoke(model);
            if (extra == null) {
                return;
            }
            for (Map.Entry<String, JsonValue> entry : extra.entrySet()) {
                String reason = policy.check(path, model.getClass(), entry.getKey(), entry.getValue());
                if (reason != null) {
                    problem(child(path, entry.getKey()), reason + " (not in the SDK's " + info.displayName + ")"
                            + describe(entry.getValue()));
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reflection metadata (cached per class)

    private static final class Property {
        final String jsonName;
        final Method accessor;
        final Method getter;
        final boolean arbitrary;
        final String typeName;
        final String builderFieldName;
        final boolean nullable;

        Property(String jsonName, Method accessor, Method getter) {
            this.jsonName = jsonName;
            this.accessor = accessor;
            this.getter = getter;
            this.nullable = getter != null && getter.getReturnType() == Optional.class;
            this.arbitrary = JsonValue.class.isAssignableFrom(accessor.getReturnType());
            String generic = accessor.getGenericReturnType().getTypeName();
            this.typeName = generic.replace("com.openai.core.JsonField<", "").replaceAll(">$", "")
                    .replaceAll("[a-z][a-z0-9_]*\\.", "").replace('$', '.');
            this.builderFieldName = accessor.getName().substring(1);
        }
    }

    private static final class ClassInfo {
        private static final Map<Class<?>, ClassInfo> CACHE = new ConcurrentHashMap<>();

        final String displayName;
        final List<Property> properties = new ArrayList<>();
        final Method additionalProperties;
        final boolean freeForm;
        final Method acceptMethod;
        final Class<?> visitorType;
        final Method rawJson;
        final Method validate;
        final boolean openEnum;
        private final Method toBuilder;
        private final Map<String, Boolean> required = new ConcurrentHashMap<>();

        static ClassInfo of(Class<?> type) {
            return CACHE.computeIfAbsent(type, ClassInfo::new);
        }

        private ClassInfo(Class<?> type) {
            String name = type.getName();
            this.displayName = name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
            this.openEnum = type == ChatModel.class;
            this.additionalProperties = publicNoArg(type, "_additionalProperties");
            this.validate = publicNoArg(type, "validate");
            this.rawJson = publicNoArg(type, "_json");
            this.toBuilder = publicNoArg(type, "toBuilder");

            Method accept = null;
            Class<?> visitor = null;
            for (Method method : type.getMethods()) {
                if ("accept".equals(method.getName()) && method.getParameterCount() == 1
                        && method.getParameterTypes()[0].isInterface()
                        && method.getParameterTypes()[0].getDeclaringClass() == type) {
                    accept = method;
                    visitor = method.getParameterTypes()[0];
                }
            }
            this.acceptMethod = accept;
            this.visitorType = visitor;

            if (additionalProperties != null) {
                for (Method method : type.getMethods()) {
                    JsonProperty annotation = method.getAnnotation(JsonProperty.class);
                    if (annotation == null || method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                            || !method.getName().startsWith("_")
                            || !JsonField.class.isAssignableFrom(method.getReturnType())) {
                        continue;
                    }
                    Method getter = publicNoArg(type, method.getName().substring(1));
                    properties.add(new Property(annotation.value(), method, getter));
                }
                properties.sort((a, b) -> a.jsonName.compareTo(b.jsonName));
            }
            this.freeForm = additionalProperties != null && properties.isEmpty();
        }

        /**
         * A property is required when the SDK's {@code Builder.build()} fails with "`name` is required" while the
         * builder field is unset (Kotlin null). This is how the generated SDK encodes the schema's {@code required}
         * list. It also covers required-but-nullable properties (e.g. chat {@code message.content},
         * {@code response.error}): their builder merely pre-fills JSON null, the SDK's validate() does not check
         * them, but the schema requires them to be present on the wire.
         */
        boolean isRequired(Object model, Property property) {
            return required.computeIfAbsent(property.builderFieldName, fieldName -> probeRequired(model, fieldName));
        }

        private boolean probeRequired(Object model, String fieldName) {
            if (toBuilder == null) {
                return false;
            }
            try {
                Object builder = toBuilder.invoke(model);
                Field field = findField(builder.getClass(), fieldName);
                if (field == null || !JsonField.class.isAssignableFrom(field.getType())) {
                    return false;
                }
                field.setAccessible(true);
                field.set(builder, null);
                Method build = builder.getClass().getMethod("build");
                try {
                    build.invoke(builder);
                    return false;
                } catch (InvocationTargetException e) {
                    Throwable cause = e.getCause();
                    return cause instanceof IllegalStateException && cause.getMessage() != null
                            && cause.getMessage().contains("`" + fieldName + "` is required");
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
        }

        private static Field findField(Class<?> type, String name) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                try {
                    return c.getDeclaredField(name);
                } catch (NoSuchFieldException ignored) {
                    // keep looking
                }
            }
            return null;
        }

        private static Method publicNoArg(Class<?> type, String name) {
            try {
                Method method = type.getMethod(name);
                return Modifier.isPublic(method.getModifiers()) ? method : null;
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Formatting

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static String child(String path, String key) {
        return PLAIN_KEY.matcher(key).matches() ? path + "." + key : path + "['" + key.replace("'", "\\'") + "']";
    }

    private static String describe(Object json) {
        if (json == null) {
            return "";
        }
        try {
            return ", got " + snippet(MAPPER.writeValueAsString(json));
        } catch (JsonProcessingException | RuntimeException e) {
            return ", got " + snippet(String.valueOf(json));
        }
    }

    private static String snippet(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= MAX_SNIPPET ? text : text.substring(0, MAX_SNIPPET) + "... (" + text.length() + " chars)";
    }
}
