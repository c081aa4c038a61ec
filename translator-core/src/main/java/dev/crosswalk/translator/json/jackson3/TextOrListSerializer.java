package dev.crosswalk.translator.json.jackson3;

import dev.crosswalk.translator.internal.TextOrList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a {@link TextOrList} (a string or an array: {@code content}, {@code input}, a tool's {@code output}) as its
 * {@code @JsonValue} would, with the array's serializer resolved once per property. Jackson 3's own {@code @JsonValue}
 * serializer looks the value's class up again for every value written, and for a {@code String} that lookup ends in
 * {@code SerializerCache.untypedValueSerializer}, which is {@code synchronized}: one lock every thread writing a Chat
 * request (its messages' {@code content}) took, and a bridge's event loops waited on under load.
 */
final class TextOrListSerializer extends StdSerializer<TextOrList<?>> {
    /** The array form's serializer: a collection of the property's element type; null until contextualised. */
    private final ValueSerializer<Object> items;

    TextOrListSerializer() {
        super(TextOrList.class);
        this.items = null;
    }

    private TextOrListSerializer(ValueSerializer<Object> items) {
        super(TextOrList.class);
        this.items = items;
    }

    @Override
    public ValueSerializer<?> createContextual(SerializationContext ctxt, BeanProperty property) {
        JavaType type = property == null ? null : property.getType();
        JavaType[] parameters = type == null ? new JavaType[0] : type.findTypeParameters(TextOrList.class);
        JavaType element = parameters.length == 1 ? parameters[0] : ctxt.constructType(Object.class);
        return new TextOrListSerializer(ctxt.findPrimaryPropertySerializer(
                ctxt.getTypeFactory().constructCollectionType(List.class, element), property));
    }

    @Override
    public void serialize(TextOrList<?> value, JsonGenerator gen, SerializationContext ctxt) {
        if (value.isText()) {
            gen.writeString(value.text());
        } else if (items != null) {
            items.serialize(value.items(), gen, ctxt);
        } else {
            ctxt.writeValue(gen, value.items());
        }
    }
}
