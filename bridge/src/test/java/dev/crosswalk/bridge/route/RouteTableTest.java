package dev.crosswalk.bridge.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    static RoutesConfig.Route route(String model) {
        return new RoutesConfig.Route(model, List.of(new RoutesConfig.Target("u", null)));
    }

    @Test
    void exactNamesWinThenGlobsInTheirOrder() {
        RouteTable table = new RouteTable(List.of(route("gpt-*"), route("gpt-5"), route("gpt-5*"), route("o?"), route("*")));

        assertThat(table.find("gpt-5").model()).isEqualTo("gpt-5");
        assertThat(table.find("gpt-5-mini").model()).isEqualTo("gpt-*");
        assertThat(table.find("o3").model()).isEqualTo("o?");
        assertThat(table.find("o3-pro").model()).isEqualTo("*");
        assertThat(table.find(null).model()).isEqualTo("*");
        assertThat(table.exactNames()).containsExactly("gpt-5");
    }

    @Test
    void globCharactersAreTheOnlySpecialOnes() {
        RouteTable table = new RouteTable(List.of(route("a.b+(c)*"), route("x[1]")));

        assertThat(table.find("a.b+(c)-d").model()).isEqualTo("a.b+(c)*");
        assertThat(table.find("aXb+(c)")).isNull();
        assertThat(table.find("x[1]").model()).isEqualTo("x[1]");
        assertThat(table.find("x1")).isNull();
        assertThat(table.find("a.b+(c)\nz")).isNotNull();
        assertThat(RouteTable.matches("llama-?", "llama-3")).isTrue();
        assertThat(RouteTable.matches("llama-?", "llama-31")).isFalse();
    }
}
