package dev.crosswalk.translator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosswalk.translator.chat.FunctionDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Maps in records: copied once from a caller's map, shared (not copied) from another record's, never changeable. */
class CopiesTest {
    @Test
    void aCallersMapIsCopiedSoLaterChangesDoNotReachTheRecord() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        FunctionDefinition d = new FunctionDefinition("f", null, schema, null, Map.of());
        schema.put("late", 1);
        assertThat(d.parameters()).containsExactly(Map.entry("type", "object"));
    }

    @Test
    void aRecordsMapIsSharedByARecordBuiltFromItAndKeepsItsOrder() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("z", 1);
        schema.put("a", 2);
        FunctionDefinition first = new FunctionDefinition("f", null, schema, null, Map.of());
        FunctionDefinition second = new FunctionDefinition("g", null, first.parameters(), null, first.parameters());
        assertThat(second.parameters()).isSameAs(first.parameters());
        assertThat(second.extra()).isSameAs(first.parameters());
        assertThat(second.parameters().keySet()).containsExactly("z", "a");
        assertThat(second.parameters()).isEqualTo(schema).hasSameHashCodeAs(schema);
        assertThat(second.parameters()).hasToString(schema.toString());
    }

    @Test
    void aReaderMapIsAdoptedWithoutACopy() {
        JsonMap<String, Object> read = new JsonMap<>();
        read.put("type", "object");
        assertThat(new FunctionDefinition("f", null, read, null, Map.of()).parameters()).isEqualTo(read);
        assertThat(Copies.map(Map.of())).isEmpty();
        assertThat(Copies.nullableMap(null)).isNull();
    }

    @Test
    void everyChangeIsRefused() {
        Map<String, Object> frozen = Copies.map(new LinkedHashMap<>(Map.of("k", 1)));
        List<Consumer<Map<String, Object>>> changes = List.of(
                m -> m.put("x", 1), m -> m.putAll(Map.of("x", 1)), m -> m.remove("k"), m -> m.remove("k", 1),
                Map::clear, m -> m.putIfAbsent("x", 1), m -> m.replace("k", 2), m -> m.replace("k", 1, 2),
                m -> m.replaceAll((k, v) -> 2), m -> m.computeIfAbsent("x", k -> 1), m -> m.computeIfPresent("k", (k, v) -> 2),
                m -> m.compute("k", (k, v) -> 2), m -> m.merge("k", 2, (a, b) -> b),
                m -> m.entrySet().iterator().next().setValue(2), m -> m.keySet().remove("k"), m -> m.values().clear());
        for (Consumer<Map<String, Object>> change : changes) {
            assertThatThrownBy(() -> change.accept(frozen)).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(frozen).containsExactly(Map.entry("k", 1));
    }
}
