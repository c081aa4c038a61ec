package dev.crosswalk.translator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core as a named module, seen by a consumer on the module path (docs/architecture.md §3): a consumer that uses
 * the exported API compiles and runs (translating with both Jackson majors, which must be allowed to reflect on the
 * records, and MapStruct, which must be allowed to create the mappers); a consumer that imports {@code mapping}
 * does not compile.
 */
class ModuleBoundaryTest {
    private static final String CHAT_REQUEST = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}]}";

    @TempDir
    Path dir;

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The core's own classes (with module-info.class) and the jars it needs, as they are on this test's class path. */
    private static List<Path> modulePath() {
        Set<Path> paths = new LinkedHashSet<>();
        paths.add(location(Translator.class));
        paths.add(location(com.fasterxml.jackson.annotation.JsonProperty.class));
        paths.add(location(org.mapstruct.factory.Mappers.class));
        paths.add(location(com.fasterxml.jackson.databind.ObjectMapper.class));
        paths.add(location(com.fasterxml.jackson.core.JsonParser.class));
        paths.add(location(tools.jackson.databind.ObjectMapper.class));
        paths.add(location(tools.jackson.core.JsonParser.class));
        return List.copyOf(paths);
    }

    private String compile(Path src, Path out, String moduleInfo, String mainSource) throws IOException {
        Files.createDirectories(src.resolve("consumer"));
        Files.writeString(src.resolve("module-info.java"), moduleInfo);
        Files.writeString(src.resolve("consumer/Main.java"), mainSource);
        // The JDK's own javac, in a process: the test runs patched into the core's module, which does not read
        // java.compiler.
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        List<String> command = new ArrayList<>(List.of(javac.toString(), "-d", out.toString(), "--module-path",
                modulePath().stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                src.resolve("module-info.java").toString(), src.resolve("consumer/Main.java").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String diagnostics = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return process.waitFor() == 0 ? null : diagnostics;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aModulePathConsumerCompilesAndTranslatesWithBothCodecs() throws Exception {
        String moduleInfo = "module consumer { requires dev.crosswalk.translator; exports consumer; }";
        String main = """
                package consumer;
                import dev.crosswalk.translator.Crosswalk;
                import dev.crosswalk.translator.TranslatorOptions;
                import dev.crosswalk.translator.json.JsonCodec;
                public final class Main {
                    public static String jackson2(String chat) {
                        return Crosswalk.translator(TranslatorOptions.builder().codec(JsonCodec.jackson2()).build())
                                .requestToResponses(chat).value();
                    }
                    public static String jackson3(String chat) {
                        return Crosswalk.translator(TranslatorOptions.builder().codec(JsonCodec.jackson3()).build())
                                .requestToResponses(chat).value();
                    }
                }
                """;
        Path out = dir.resolve("out");
        assertThat(compile(dir.resolve("src"), out, moduleInfo, main)).isNull();

        List<Path> path = new ArrayList<>(modulePath());
        path.add(out);
        ModuleFinder finder = ModuleFinder.of(path.toArray(Path[]::new));
        Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(),
                Set.of("consumer", "com.fasterxml.jackson.databind", "tools.jackson.databind"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        assertThat(layer.findModule("dev.crosswalk.translator")).get()
                .satisfies(m -> assertThat(m.isNamed() && !m.getDescriptor().isAutomatic()).isTrue());
        Class<?> consumer = layer.findLoader("consumer").loadClass("consumer.Main");
        for (String codec : List.of("jackson2", "jackson3")) {
            String responses = (String) consumer.getMethod(codec, String.class).invoke(null, CHAT_REQUEST);
            assertThat(responses).as(codec).contains("\"input\"").contains("\"type\":\"function\"").contains("\"name\":\"f\"");
        }
    }

    @Test
    void theMappingPackageIsNotPartOfTheApi() throws Exception {
        String moduleInfo = "module consumer { requires dev.crosswalk.translator; }";
        String main = """
                package consumer;
                public final class Main {
                    static boolean usage() {
                        return dev.crosswalk.translator.mapping.StreamSupport.includeUsage(null);
                    }
                }
                """;
        String errors = compile(dir.resolve("src2"), dir.resolve("out2"), moduleInfo, main);
        assertThat(errors).isNotNull().contains("dev.crosswalk.translator.mapping").containsAnyOf("not visible", "does not export");
        assertThat(new String(Files.readAllBytes(location(Translator.class).resolve("module-info.class")), StandardCharsets.ISO_8859_1))
                .contains("dev/crosswalk/translator/stream");
    }
}
