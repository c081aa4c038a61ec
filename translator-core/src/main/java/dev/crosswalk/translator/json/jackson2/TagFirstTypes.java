package dev.crosswalk.translator.json.jackson2;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserSequence;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeResolverBuilder;
import com.fasterxml.jackson.databind.jsontype.impl.AsPropertyTypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.impl.StdTypeResolverBuilder;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.crosswalk.translator.internal.TypeTags;
import java.io.IOException;
import java.util.Collection;

/**
 * Reads the protocols' polymorphic objects ({@code type}/{@code role} tag declared {@code visible}) without buffering
 * them: Jackson's own reader copies every such object into a token buffer to replay it with the tag, although only
 * the catch-all records read the tag ({@link TypeTags}). Here the tag is replayed for those alone; everything else —
 * finding the tag wherever it is, buffering the members before it, the default type — stays Jackson's.
 */
final class TagFirstTypes extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    protected TypeResolverBuilder<?> _constructStdTypeResolverBuilder(MapperConfig<?> config, JsonTypeInfo.Value typeInfo,
            JavaType baseType) {
        return new Builder(typeInfo);
    }

    private static final class Builder extends StdTypeResolverBuilder {
        Builder(JsonTypeInfo.Value settings) {
            super(settings);
        }

        private Builder(Builder base, Class<?> defaultImpl) {
            super(base, defaultImpl);
        }

        @Override
        public StdTypeResolverBuilder withDefaultImpl(Class<?> defaultImpl) {
            return _defaultImpl == defaultImpl ? this : new Builder(this, defaultImpl);
        }

        @Override
        public TypeDeserializer buildTypeDeserializer(DeserializationConfig config, JavaType baseType,
                Collection<NamedType> subtypes) {
            TypeDeserializer standard = super.buildTypeDeserializer(config, baseType, subtypes);
            return standard != null && standard.getClass() == AsPropertyTypeDeserializer.class
                    ? new TagFirst((AsPropertyTypeDeserializer) standard, null)
                    : standard;
        }
    }

    private static final class TagFirst extends AsPropertyTypeDeserializer {
        private static final long serialVersionUID = 1L;

        TagFirst(AsPropertyTypeDeserializer standard, BeanProperty property) {
            super(standard, property);
        }

        @Override
        public TypeDeserializer forProperty(BeanProperty property) {
            return property == _property ? this : new TagFirst(this, property);
        }

        // Jackson's own method with one change: the tag is put back only for a record that reads it.
        @Override
        protected Object _deserializeTypedForId(JsonParser p, DeserializationContext ctxt, TokenBuffer tb, String typeId)
                throws IOException {
            JsonDeserializer<Object> deser = _findDeserializer(ctxt, typeId);
            if (_typeIdVisible && TypeTags.readBy(deser.handledType(), _typePropertyName)) {
                if (tb == null) {
                    tb = ctxt.bufferForInputBuffering(p);
                }
                tb.writeFieldName(p.currentName());
                tb.writeString(typeId);
            }
            if (tb != null) {
                p.clearCurrentToken();
                p = JsonParserSequence.createFlattened(false, tb.asParser(p), p);
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                p.nextToken();
            }
            return deser.deserialize(p, ctxt);
        }
    }
}
