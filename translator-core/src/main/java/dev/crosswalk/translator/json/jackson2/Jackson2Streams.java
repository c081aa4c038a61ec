package dev.crosswalk.translator.json.jackson2;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.crosswalk.translator.internal.JsonOut;
import dev.crosswalk.translator.internal.JsonTokens;
import dev.crosswalk.translator.internal.AbstractTokenSession;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.OutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Jackson 2's parser and generator behind the fast paths' {@link JsonTokens} and {@link JsonOut}. */
final class Jackson2Streams {
    private Jackson2Streams() {
    }

    static final class Tokens implements JsonTokens {
        private final JsonParser p;
        private boolean keptUnknown;

        Tokens(JsonParser p) {
            this.p = p;
        }

        @Override
        public int next() {
            JsonToken t;
            try {
                t = p.nextToken();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (t == null) {
                return EOF;
            }
            return switch (t) {
                case START_OBJECT -> START_OBJECT;
                case END_OBJECT -> END_OBJECT;
                case START_ARRAY -> START_ARRAY;
                case END_ARRAY -> END_ARRAY;
                case FIELD_NAME -> NAME;
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
            try {
                JsonParser.NumberType type = p.getNumberType();
                return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG ? INTEGER : OTHER;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String text() {
            try {
                return p.getText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public long longValue() {
            try {
                return p.getLongValue();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public double doubleValue() {
            try {
                return p.getDoubleValue();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public java.math.BigDecimal decimalValue() {
            try {
                return p.getDecimalValue();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
            try {
                g.writeStartObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void endObject() {
            try {
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void startArray() {
            try {
                g.writeStartArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void endArray() {
            try {
                g.writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void name(String name) {
            try {
                g.writeFieldName(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void string(String value) {
            try {
                g.writeString(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void number(long value) {
            try {
                g.writeNumber(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void number(double value) {
            try {
                g.writeNumber(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void number(java.math.BigDecimal value) {
            try {
                g.writeNumber(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void bool(boolean value) {
            try {
                g.writeBoolean(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void nullValue() {
            try {
                g.writeNull();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A stream's parser (one per event) and generator (one per stream) from the codec's factory. */
    static final class Session extends AbstractTokenSession {
        private final JsonFactory factory;
        private JsonParser parser;
        private JsonGenerator generator;

        Session(JsonFactory factory) {
            this.factory = factory;
        }

        @Override
        protected JsonTokens openParser(byte[] json, int offset, int length) throws IOException {
            parser = factory.createParser(json, offset, length);
            // The reader checks duplicates itself without a hash set per object; a duplicate falls back.
            parser.disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
            return new Tokens(parser);
        }

        @Override
        protected void closeParser() throws IOException {
            if (parser != null) {
                parser.close();
                parser = null;
            }
        }

        @Override
        protected JsonOut openGenerator(OutputStream target) throws IOException {
            generator = factory.createGenerator(target, JsonEncoding.UTF8).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.setRootValueSeparator(null);
            return new Out(generator);
        }

        @Override
        protected void flushGenerator() throws IOException {
            generator.flush();
        }

        @Override
        protected void closeGenerator() throws IOException {
            generator.close();
        }
    }
}
