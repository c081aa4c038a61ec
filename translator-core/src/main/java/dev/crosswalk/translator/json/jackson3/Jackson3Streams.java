package dev.crosswalk.translator.json.jackson3;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import dev.crosswalk.translator.internal.JsonOut;
import dev.crosswalk.translator.internal.JsonTokens;
import dev.crosswalk.translator.internal.AbstractTokenSession;
import java.io.OutputStream;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.TokenStreamFactory;

/** Jackson 3's parser and generator behind the fast paths' {@link JsonTokens} and {@link JsonOut}. */
final class Jackson3Streams {
    private Jackson3Streams() {
    }

    static final class Tokens implements JsonTokens {
        private final JsonParser p;
        private boolean keptUnknown;

        Tokens(JsonParser p) {
            this.p = p;
        }

        @Override
        public int next() {
            JsonToken t = p.nextToken();
            if (t == null) {
                return EOF;
            }
            return switch (t) {
                case START_OBJECT -> START_OBJECT;
                case END_OBJECT -> END_OBJECT;
                case START_ARRAY -> START_ARRAY;
                case END_ARRAY -> END_ARRAY;
                case PROPERTY_NAME -> NAME;
                case VALUE_STRING -> STRING;
                case VALUE_NUMBER_INT -> integer();
                case VALUE_NUMBER_FLOAT -> DECIMAL;
                case VALUE_TRUE -> TRUE;
                case VALUE_FALSE -> FALSE;
                case VALUE_NULL -> NULL;
                default -> OTHER;
            };
        }

        private int integer() {
            JsonParser.NumberType type = p.getNumberType();
            return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG ? INTEGER : OTHER;
        }

        @Override
        public String text() {
            return p.getText();
        }

        @Override
        public long longValue() {
            return p.getLongValue();
        }

        @Override
        public double doubleValue() {
            return p.getDoubleValue();
        }

        @Override
        public java.math.BigDecimal decimalValue() {
            return p.getDecimalValue();
        }

        @Override
        public void keptUnknownMember() {
            keptUnknown = true;
        }

        @Override
        public boolean keptUnknownMembers() {
            return keptUnknown;
        }
    }

    static final class Out implements JsonOut {
        private final JsonGenerator g;

        Out(JsonGenerator g) {
            this.g = g;
        }

        @Override
        public void startObject() {
            g.writeStartObject();
        }

        @Override
        public void endObject() {
            g.writeEndObject();
        }

        @Override
        public void startArray() {
            g.writeStartArray();
        }

        @Override
        public void endArray() {
            g.writeEndArray();
        }

        @Override
        public void name(String name) {
            g.writeName(name);
        }

        @Override
        public void string(String value) {
            g.writeString(value);
        }

        @Override
        public void number(long value) {
            g.writeNumber(value);
        }

        @Override
        public void number(double value) {
            g.writeNumber(value);
        }

        @Override
        public void number(java.math.BigDecimal value) {
            g.writeNumber(value);
        }

        @Override
        public void bool(boolean value) {
            g.writeBoolean(value);
        }

        @Override
        public void nullValue() {
            g.writeNull();
        }
    }

    /**
     * A stream's parser (one per event) and generator (one per stream) from the codec's factory, without a mapper
     * context per call (the mapper's configuration is the factory's for what they do: limits,
     * output features).
     */
    static final class Session extends AbstractTokenSession {
        /** The factory's defaults, but nothing between one document and the next. */
        private static final ObjectWriteContext NO_SEPARATOR = new ObjectWriteContext.Base() {
            @Override
            public SerializableString getRootValueSeparator(SerializableString defaultSeparator) {
                return null;
            }
        };
        private final TokenStreamFactory factory;
        private JsonParser parser;
        private JsonGenerator generator;

        Session(TokenStreamFactory factory) {
            this.factory = factory;
        }

        @Override
        protected JsonTokens openParser(byte[] json, int offset, int length) {
            // the factory's defaults: no duplicate detection (the reader checks duplicates itself)
            parser = factory.createParser(ObjectReadContext.empty(), json, offset, length);
            return new Tokens(parser);
        }

        @Override
        protected void closeParser() {
            if (parser != null) {
                parser.close();
                parser = null;
            }
        }

        @Override
        protected JsonOut openGenerator(OutputStream target) {
            generator = factory.createGenerator(NO_SEPARATOR, target);
            return new Out(generator);
        }

        @Override
        protected void flushGenerator() {
            generator.flush();
        }

        @Override
        protected void closeGenerator() {
            generator.close();
        }
    }
}
