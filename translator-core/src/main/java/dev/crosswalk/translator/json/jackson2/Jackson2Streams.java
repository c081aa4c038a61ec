package dev.crosswalk.translator.json.jackson2;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.crosswalk.translator.internal.JsonOut;
import dev.crosswalk.translator.internal.JsonTokens;
import dev.crosswalk.translator.internal.EventTarget;
import dev.crosswalk.translator.internal.TokenSession;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.OutputStream;
import java.util.function.Predicate;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Jackson 2's parser and generator behind the fast paths' {@link JsonTokens} and {@link JsonOut}. */
final class Jackson2Streams {
    private Jackson2Streams() {
    }

    static final class Tokens implements JsonTokens {
        private final JsonParser p;

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
            if (t == null || t == JsonToken.NOT_AVAILABLE) {
                return EOF; // NOT_AVAILABLE: the session's parser has read all it was fed
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

    /**
     * A stream's parser and generator: a non-blocking parser fed each event's bytes in turn (a new one only after a
     * document it did not read to its end), a generator writing into whichever stream the event goes to, with no
     * separator between its documents.
     */
    static final class Session implements TokenSession {
        private final JsonFactory factory;
        private final EventTarget target = new EventTarget();
        private JsonParser parser;
        private Tokens tokens;
        private JsonGenerator generator;
        private Out out;
        /** A document was started and not ended: the generator's state is unknown, it is not reused. */
        private boolean writing;

        Session(JsonFactory factory) {
            this.factory = factory;
        }

        @Override
        public boolean read(byte[] json, int offset, int length, Predicate<JsonTokens> reader) {
            boolean read = false;
            try {
                if (parser == null) {
                    parser = factory.createNonBlockingByteArrayParser();
                    // The reader checks duplicates itself without a hash set per object; a duplicate falls back.
                    parser.disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
                    tokens = new Tokens(parser);
                }
                ((ByteArrayFeeder) parser.getNonBlockingInputFeeder()).feedInput(json, offset, offset + length);
                read = reader.test(tokens);
                return read;
            } catch (IOException | RuntimeException notJson) {
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
                try {
                    generator = factory.createGenerator(target, JsonEncoding.UTF8).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                generator.setRootValueSeparator(null);
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
            } catch (IOException e) {
                throw new UncheckedIOException(e);
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
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // nothing to release but buffers
                }
                parser = null;
            }
        }

        private void closeGenerator() {
            if (generator != null) {
                target.to(null); // whatever a broken document left buffered goes nowhere
                try {
                    generator.close();
                } catch (IOException | RuntimeException ignored) {
                    // a document left open: its buffers are released all the same
                }
                generator = null;
                writing = false;
            }
        }
    }
}
