package dev.crosswalk.bridge.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.CustomTools;
import dev.crosswalk.translator.ProviderProfile;
import dev.crosswalk.translator.TranslatorOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The routes file: what it reads, and errors that name the line. */
class RoutesFileTest {
    static final String GOOD = """
            # two providers
            upstreams:
              - name: openai
                url: https://api.openai.com/v1
                api: responses
                keyEnv: OPENAI_API_KEY
                translation: {systemMessages: hoist-leading-to-instructions}
              - name: deepseek
                url: https://api.deepseek.com/v1
                api: chat
                keyEnv: DEEPSEEK_API_KEY
                translation:
                  systemOnlyAtStart: false
                  providerProfile: strict
            routes:
              - model: gpt-5*
                upstream: openai
              - model: fast
                upstream: deepseek
                upstreamModel: deepseek-chat
                fallbacks:
                  - upstream: openai
                    upstreamModel: gpt-5-mini
                  - openai
            limits:
              requestsPerMinute: 600
              concurrentStreams: 20
            serve:
              port: 9000
            """;
    static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", "sk-openai-test", "DEEPSEEK_API_KEY", "sk-deepseek-test");

    @Test
    void readsUpstreamsRoutesFallbacksTranslationAndLimits() {
        RoutesConfig config = RoutesFile.parse("crosswalk.yaml", GOOD, ENV);

        assertThat(config.upstreams()).extracting(RoutesConfig.Upstream::name).containsExactly("openai", "deepseek");
        RoutesConfig.Upstream deepseek = config.upstream("deepseek");
        assertThat(deepseek.api()).isEqualTo(WireApi.CHAT_COMPLETIONS);
        assertThat(deepseek.url().toString()).isEqualTo("https://api.deepseek.com/v1");
        assertThat(deepseek.key().reveal()).isEqualTo("sk-deepseek-test");
        assertThat(deepseek.toString()).doesNotContain("sk-deepseek-test");
        TranslatorOptions options = deepseek.translation().apply(TranslatorOptions.builder()).build();
        // The strict profile's presets, and the file's own value over one of them (whatever the order in the file).
        assertThat(options.providerProfile()).isEqualTo(ProviderProfile.STRICT);
        assertThat(options.customTools()).isEqualTo(CustomTools.AS_FUNCTIONS);
        assertThat(options.systemOnlyAtStart()).isFalse();
        TranslatorOptions openai = config.upstream("openai").translation().apply(TranslatorOptions.builder()).build();
        assertThat(openai.providerProfile()).isEqualTo(ProviderProfile.OPENAI);
        assertThat(openai.customTools()).isEqualTo(CustomTools.NATIVE);
        assertThat(openai.systemMessages()).isEqualTo(dev.crosswalk.translator.SystemMessagePolicy.HOIST_LEADING_TO_INSTRUCTIONS);
        assertThat(options.systemMessages()).isEqualTo(dev.crosswalk.translator.SystemMessagePolicy.KEEP_IN_PLACE);

        RoutesConfig.Route fast = config.routes().get(1);
        assertThat(fast.model()).isEqualTo("fast");
        assertThat(fast.targets()).containsExactly(new RoutesConfig.Target("deepseek", "deepseek-chat"),
                new RoutesConfig.Target("openai", "gpt-5-mini"), new RoutesConfig.Target("openai", null));
        assertThat(config.routes().get(0).isGlob()).isTrue();
        assertThat(config.limits()).isEqualTo(new RoutesConfig.Limits(600, 20));
        assertThat(config.holdsKeys()).isTrue();
        // No "*" route: the first upstream answers what names no model.
        assertThat(config.defaultUpstream().name()).isEqualTo("openai");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "  - model: fast\\n    upstream: deepsek|crosswalk.yaml:3: route 'fast' names an unknown upstream 'deepsek' (upstreams: up)",
        "  - model: fast\\n    upstream: up\\n    upstrem_model: x|crosswalk.yaml:4: a route: unknown key 'upstrem_model'",
        "  - model: fast\\n    upstream: up\\n  - model: fast\\n    upstream: up|crosswalk.yaml:4: a second route for model 'fast'",
        "  - model: fast\\n    upstream: up\\n    fallbacks: up|crosswalk.yaml:4: route 'fast': fallbacks must be a list",
        "  - model: ''\\n    upstream: up|crosswalk.yaml:2: a route's model must not be empty",
        "  - upstream: up|crosswalk.yaml:2: a route needs 'model'",
        "  - model: fast\\n    upstream: [up, other]|crosswalk.yaml:3: 'upstream' must be a single value",
        "  - model: fast\\n   upstream: up|crosswalk.yaml:3: not valid YAML",
    })
    void aWrongRouteIsNamedByItsLine(String routes, String error) {
        String yaml = "routes:\n" + routes.replace("\\n", "\n") + "\nupstreams: [{name: up, url: 'http://127.0.0.1:1/v1', api: chat}]\n";
        assertThatThrownBy(() -> RoutesFile.parse("crosswalk.yaml", yaml, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(error);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "    api: chats|crosswalk.yaml:5: upstream 'up': 'api' expected chat or responses, got 'chats'",
        "    api: chat\\n    keyEnv: MISSING_KEY|crosswalk.yaml:6: upstream 'up': the environment variable MISSING_KEY (keyEnv) is not set",
        "    api: chat\\n    translation: {lenient: yes}|crosswalk.yaml:6: 'lenient' must be true or false, got 'yes'",
        "    api: chat\\n    translation: {customTool: native}|crosswalk.yaml:6: upstream 'up': unknown translation option 'customTool'",
        "    api: chat\\n    translation: {customTools: functions}|crosswalk.yaml:6: upstream 'up': translation option 'customTools': expected one of native, as-functions, got 'functions'",
        "    api: chat\\n    key: sk-in-the-file|crosswalk.yaml:6: an upstream: unknown key 'key'",
    })
    void aWrongUpstreamIsNamedByItsLine(String rest, String error) {
        String yaml = "routes: [{model: m, upstream: up}]\nupstreams:\n  - name: up\n    url: http://127.0.0.1:1/v1\n"
                + rest.replace("\\n", "\n") + "\n";
        assertThatThrownBy(() -> RoutesFile.parse("crosswalk.yaml", yaml, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(error);
    }

    @Test
    void aWrongFileIsExplained() {
        assertThatThrownBy(() -> RoutesFile.parse("c.yaml", "", Map.of())).hasMessageContaining("c.yaml: the file is empty");
        assertThatThrownBy(() -> RoutesFile.parse("c.yaml", "upstreams: []\nroutes: []\n", Map.of())).hasMessage("c.yaml:1: 'upstreams' lists no upstream");
        assertThatThrownBy(() -> RoutesFile.parse("c.yaml", "upstreams: [{name: a, url: 'ftp://x/v1', api: chat}]\nroutes: [{model: m, upstream: a}]", Map.of()))
                .hasMessageStartingWith("c.yaml:1: upstream 'a': 'url' must be an http:// or https:// URL");
        assertThatThrownBy(() -> RoutesFile.parse("c.yaml", "upstreams: [{name: a, url: 'http://u:p@x/v1', api: chat}]\nroutes: [{model: m, upstream: a}]", Map.of()))
                .hasMessageContaining("must not carry credentials");
        assertThatThrownBy(() -> RoutesFile.parse("c.yaml", "upstream: []\n", Map.of())).hasMessageStartingWith("c.yaml:1: the file: unknown key 'upstream'");
        assertThatThrownBy(() -> RoutesFile.parse("c.yaml", "upstreams: [{name: a, url: 'http://x/v1', api: chat}, {name: a, url: 'http://y/v1', api: chat}]\nroutes: [{model: m, upstream: a}]", Map.of()))
                .hasMessageStartingWith("c.yaml:1: a second upstream named 'a'");
        assertThatThrownBy(() -> RoutesFile.parse("c.yaml", "upstreams: [{name: a, url: 'http://x/v1', api: chat}]\nroutes: [{model: m, upstream: a}]\nlimits: {requestsPerMinute: lots}", Map.of()))
                .hasMessageStartingWith("c.yaml:3: limits: 'requestsPerMinute' must be a whole number");
    }
}
