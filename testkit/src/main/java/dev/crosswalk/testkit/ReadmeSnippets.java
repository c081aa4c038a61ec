package dev.crosswalk.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks that a README section shows exactly the snippets a test compiles and runs, so the README cannot drift from
 * code that works. Every non-XML fenced block of the section carries a {@code <!-- snippet: PREFIX/NAME -->} marker;
 * the block must equal the snippet, and every {@code // tag::NAME[]} region of the test source must be shown.
 *
 * <pre>{@code
 * @Test
 * void readmeShowsTheSnippets() throws IOException {
 *     ReadmeSnippets.check(Path.of("..", "README.md"), "## Quick start: LangChain4j", "langchain4j/",
 *             ReadmeSnippets.testSource(getClass()), ReadmeSnippets.regionsOf(getClass()));
 * }
 * }</pre>
 */
public final class ReadmeSnippets {

    private static final Pattern BLOCK = Pattern.compile("(?:<!-- snippet: (\\S+) -->\\n)?```(\\w+)\\n(.*?)```",
            Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("(?m)^\\s*// tag::([\\w-]+)\\[]$");

    private ReadmeSnippets() {
    }

    /**
     * @param readme   the README file
     * @param section  the heading that starts the section (the section ends at the next {@code ## } heading)
     * @param prefix   the marker prefix of this section's snippets, e.g. {@code "spring-ai/"}
     * @param source   the test source whose {@code // tag::} regions must all be shown
     * @param snippets the snippet text for a name (the marker without its prefix)
     */
    public static void check(Path readme, String section, String prefix, String source, UnaryOperator<String> snippets)
            throws IOException {
        String text = Files.readString(readme);
        int start = text.indexOf(section);
        assertTrue(start >= 0, "README section " + section);
        int end = text.indexOf("\n## ", start + section.length());
        String shownSection = text.substring(start, end < 0 ? text.length() : end);

        List<String> shown = new ArrayList<>();
        Matcher m = BLOCK.matcher(shownSection);
        while (m.find()) {
            String name = m.group(1);
            if (m.group(2).equals("xml")) {
                continue;   // a dependency to add: nothing to run
            }
            assertNotNull(name, () -> "a " + m.group(2) + " block of the README without a snippet marker:\n" + m.group(3));
            assertTrue(name.startsWith(prefix), () -> "snippet marker " + name + " outside " + prefix);
            String bare = name.substring(prefix.length());
            assertEquals(snippets.apply(bare), m.group(3), "README snippet " + name);
            shown.add(bare);
        }
        Matcher tags = TAG.matcher(source);
        while (tags.find()) {
            if (!shown.contains(tags.group(1))) {
                fail("a snippet the README does not show: " + tags.group(1));
            }
        }
    }

    /** The source of a test class, read from {@code src/test/java} of the module under test. */
    public static String testSource(Class<?> test) throws IOException {
        return Files.readString(Path.of("src/test/java", test.getName().replace('.', '/') + ".java"));
    }

    /** Snippets taken from the {@code // tag::NAME[]} ... {@code // end::NAME[]} regions of a test class. */
    public static UnaryOperator<String> regionsOf(Class<?> test) throws IOException {
        String source = testSource(test);
        return name -> region(source, name);
    }

    /** The lines between {@code // tag::name[]} and {@code // end::name[]}, without their common indentation. */
    public static String region(String source, String name) {
        int open = source.indexOf("// tag::" + name + "[]\n");
        int close = source.indexOf("// end::" + name + "[]\n");
        assertTrue(open >= 0 && close > open, "snippet " + name + " in the test sources");
        List<String> lines = source.substring(source.indexOf('\n', open) + 1, source.lastIndexOf('\n', close) + 1)
                .lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l.isBlank() ? "" : l.substring(indent)).append('\n'));
        return text.toString();
    }
}
