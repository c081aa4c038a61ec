package dev.crosswalk.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What is published is decided in one place per module ({@code maven.deploy.skip}); the BOM and the Central bundle's
 * exclusions must agree with it, and every module must take the one version from the root.
 */
class BomTest {

    private static final Path ROOT = Path.of(System.getProperty("crosswalk.root", "..")).toAbsolutePath().normalize();

    private record Module(String directory, String artifactId, String packaging, boolean published, Element pom) {
    }

    @Test
    void bomListsEveryPublishedJarAndNothingElse() throws Exception {
        Set<String> publishedJars = new TreeSet<>();
        for (Module module : modules()) {
            if (module.published() && !module.packaging().equals("pom")) {
                publishedJars.add(module.artifactId());
            }
        }
        assertThat(publishedJars).contains("translator-core", "bridge", "crosswalk-spring-ai-starter");

        Element bom = read(ROOT.resolve("crosswalk-bom/pom.xml"));
        assertThat(managedArtifacts(bom)).containsExactlyInAnyOrderElementsOf(publishedJars);
        for (Element dependency : managed(bom)) {
            assertThat(text(dependency, "groupId")).isEqualTo("dev.crosswalk");
            assertThat(text(dependency, "version")).isEqualTo("${project.version}");
        }
    }

    @Test
    void publishedBomHasNoParentAndTheSameList() throws Exception {
        Path flattened = ROOT.resolve("crosswalk-bom/.flattened-pom.xml");
        assertThat(flattened).as("built by the crosswalk-bom module before this one").exists();
        Element published = read(flattened);
        Element source = read(ROOT.resolve("crosswalk-bom/pom.xml"));

        assertThat(child(published, "parent")).as("importing the BOM must not import the parent's versions").isNull();
        assertThat(managedArtifacts(published)).isEqualTo(managedArtifacts(source));
        assertThat(text(published, "version")).isEqualTo(System.getProperty("crosswalk.version"));
    }

    @Test
    void centralBundleLeavesOutExactlyTheUnpublishedModules() throws Exception {
        Set<String> unpublished = new TreeSet<>();
        for (Module module : modules()) {
            if (!module.published()) {
                unpublished.add(module.artifactId());
            }
        }
        assertThat(unpublished).contains("benchmarks", "crosswalk-testkit", "crosswalk-distribution");

        Element central = null;
        for (Element profile : children(child(read(ROOT.resolve("pom.xml")), "profiles"), "profile")) {
            if (text(profile, "id").equals("release")) {
                for (Element plugin : children(child(child(profile, "build"), "plugins"), "plugin")) {
                    if (text(plugin, "artifactId").equals("central-publishing-maven-plugin")) {
                        central = plugin;
                    }
                }
            }
        }
        assertThat(central).as("central-publishing-maven-plugin in the release profile").isNotNull();
        Set<String> excluded = new TreeSet<>();
        for (Element artifact : children(child(child(central, "configuration"), "excludeArtifacts"), "artifact")) {
            excluded.add(artifact.getTextContent().trim());
        }
        assertThat(excluded).isEqualTo(unpublished);
    }

    @Test
    void everyModuleTakesTheOneVersionAndDescribesItself() throws Exception {
        Element root = read(ROOT.resolve("pom.xml"));
        assertThat(text(root, "version")).isEqualTo("${revision}");
        for (String required : List.of("url", "licenses", "developers", "scm")) {
            assertThat(child(root, required)).as("root POM's <%s>, inherited by every module", required).isNotNull();
        }
        for (Module module : modules()) {
            Element pom = module.pom();
            assertThat(text(child(pom, "parent"), "version")).as(module.directory()).isEqualTo("${revision}");
            assertThat(child(pom, "version")).as("%s sets no version of its own", module.directory()).isNull();
            assertThat(text(pom, "name")).as("%s <name>", module.directory()).isNotBlank();
            assertThat(text(pom, "description")).as("%s <description>", module.directory()).isNotBlank();
        }
    }

    private static List<Module> modules() throws Exception {
        List<Module> modules = new ArrayList<>();
        for (Element module : children(child(read(ROOT.resolve("pom.xml")), "modules"), "module")) {
            String directory = module.getTextContent().trim();
            Element pom = read(ROOT.resolve(directory).resolve("pom.xml"));
            Element properties = child(pom, "properties");
            boolean skipped = properties != null && "true".equals(text(properties, "maven.deploy.skip"));
            String packaging = text(pom, "packaging");
            modules.add(new Module(directory, text(pom, "artifactId"), packaging.isEmpty() ? "jar" : packaging,
                    !skipped, pom));
        }
        assertThat(modules).isNotEmpty();
        return modules;
    }

    private static Set<String> managedArtifacts(Element pom) {
        Set<String> artifacts = new TreeSet<>();
        for (Element dependency : managed(pom)) {
            artifacts.add(text(dependency, "artifactId"));
        }
        return artifacts;
    }

    private static List<Element> managed(Element pom) {
        return children(child(child(pom, "dependencyManagement"), "dependencies"), "dependency");
    }

    private static Element read(Path pom) throws Exception {
        assertThat(pom).exists();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(Files.newInputStream(pom));
        return document.getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? "" : element.getTextContent().trim();
    }
}
