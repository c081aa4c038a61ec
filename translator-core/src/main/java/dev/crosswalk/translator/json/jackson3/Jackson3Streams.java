package dev.crosswalk.translator.json.jackson3;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import dev.crosswalk.translator.internal.JsonOut;
import dev.crosswalk.translator.internal.JsonTokens;
import dev.crosswalk.translator.internal.EventTarget;
import dev.crosswalk.translator.internal.TokenSession;
import java.io.OutputStream;
import java.util.function.Predicate;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.async.ByteArrayFeeder;

/** Jackson 3's parser and generator behind the fast paths' {@link JsonTokens} and {@link JsonOut}. */
final class Jackson3Streams {
    private Jackson3Streams() {
    }

    static final class Tokens implements JsonTokens {
        private final JsonParser p;

        Tokens(JsonParser p) {
            this.p = p;
        }

        @Override
        public int next() {
            JsonToken t = p.nextToken();
            if (t == null || t == JsonToken.NOT_AVAILABLE) {
                return EOF; // NOT_AVAILABLE: the session's parser has read all it was fed
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
     * A stream's parser and generator: a non-blocking parser fed each event's bytes in turn (a new one only after a
     * document it did not read to its end), a generator writing into whichever stream the event goes to, with no
     * separator between its documents. Both are the factory's own, without a mapper context per call (the mapper's
     * configuration is the factory's for what they do: limits, output features).
     */
    static final class Session implements TokenSession {
        /** The factory's defaults, but nothing between one document and the next. */
        private static final ObjectWriteContext NO_SEPARATOR = new ObjectWriteContext.Base() {
            @Override
            public SerializableString getRootValueSeparator(SerializableString defaultSeparator) {
                return null;
            }
        };
        private final TokenStreamFactory factory;
        private final EventTarget target = new EventTarget();
        private JsonParser parser;
        private Tokens tokens;
        private JsonGenerator generator;
        private Out out;
        /** A document was started and not ended: the generator's state is unknown, it is not reused. */
        private boolean writing;

        Session(TokenStreamFactory factory) {
            this.factory = factory;
        }

        @Override
        public boolean read(byte[] json, int offset, int length, Predicate<JsonTokens> reader) {
            boolean read = false;
            try {
                if (parser == null) {
                    // the factory's defaults: no duplicate detection (the reader checks duplicates itself)
                    parser = factory.createNonBlockingByteArrayParser(ObjectReadContext.empty());
                    tokens = new Tokens(parser);
                }
                ((ByteArrayFeeder) parser.nonBlockingInputFeeder()).feedInput(json, offset, offset + length);
                read = reader.test(tokens);
                return read;
            } catch (RuntimeException notJson) {
                return false;
            } finally {
                if (!read) {
                    closeParser(); // stopped inside a document, or past its end: the next one starts afresh
                }
            }
        }

        @Override
        public JsonOut start(OutputStream destination) {
            if (writing || generator == null) {
                closeGenerator();
                generator = factory.createGenerator(NO_SEPARATOR, target);
                out = new Out(generator);
            }
            target.to(destination);
            writing = true;
            return out;
        }

        @Override
        public void end() {
            try {
                generator.flush();
            } finally {
                target.to(null);
            }
            writing = false;
        }

        @Override
        public void close() {
            closeParser();
            closeGenerator();
        }

        private void closeParser() {
            if (parser != null) {
                parser.close();
                parser = null;
            }
        }

        private void closeGenerator() {
            if (generator != null) {
                target.to(null); // whatever a broken document left buffered goes nowhere
                try {
                    generator.close();
                } catch (RuntimeException ignored) {
                    // a document left open: its buffers are released all the same
                }
                generator = null;
                writing = false;
            }
        }
    }
}
