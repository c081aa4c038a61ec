package dev.crosswalk.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .deb: what dpkg says it installs (the command on the PATH, the runtime, the unit and its configuration). */
class DebPackageIT {

    private static final Path DIST = Path.of(System.getProperty("crosswalk.dist", "target"));
    private static final String VERSION = System.getProperty("crosswalk.version");

    @TempDir
    Path temp;

    @Test
    void installsTheCommandTheRuntimeAndAnOptionalUnit() throws Exception {
        Path deb = deb();

        String info = RuntimeImageIT.run(List.of("dpkg-deb", "--info", deb.toString()), Map.of());
        assertThat(info).contains("Package: crosswalk")
                .contains("Version: " + VERSION.replace('-', '~') + "-1")
                .contains("Architecture: amd64")
                .containsPattern("conffiles");
        String conffiles = RuntimeImageIT.run(List.of("dpkg-deb", "--info", deb.toString(), "conffiles"), Map.of());
        assertThat(conffiles.lines()).contains("/etc/crosswalk/crosswalk.conf");

        String contents = RuntimeImageIT.run(List.of("dpkg-deb", "--contents", deb.toString()), Map.of());
        assertThat(contents).containsPattern("-rwxr-xr-x root/root .* \\./usr/bin/crosswalk\\n")
                .containsPattern(" \\./usr/lib/crosswalk/runtime/bin/java\\n")
                .containsPattern(" \\./usr/lib/crosswalk/app/bridge-" + VERSION.replace(".", "\\.") + "\\.jar\\n")
                .containsPattern("-rw-r--r-- root/root .* \\./usr/lib/systemd/system/crosswalk\\.service\\n")
                .containsPattern(" \\./etc/crosswalk/crosswalk\\.conf\\n");

        // The files themselves: the unit runs the installed command on the configuration the package ships.
        RuntimeImageIT.run(List.of("dpkg-deb", "-x", deb.toString(), temp.toString()), Map.of());
        String unit = Files.readString(temp.resolve("usr/lib/systemd/system/crosswalk.service"));
        assertThat(unit).contains("ExecStart=/usr/bin/crosswalk serve --config /etc/crosswalk/crosswalk.conf")
                .contains("DynamicUser=yes")
                .contains("[Install]");
        assertThat(temp.resolve("etc/crosswalk/crosswalk.conf")).exists();

    }

    private static Path deb() throws Exception {
        Path deb;
        try (Stream<Path> files = Files.list(DIST)) {
            deb = files.filter(p -> p.getFileName().toString().matches("crosswalk_.*_amd64\\.deb")).findFirst().orElse(null);
        }
        if (!"required".equals(System.getProperty("crosswalk.deb"))) {
            assumeTrue(deb != null, "no .deb was built (crosswalk.deb=auto and jpackage/fakeroot/dpkg-deb missing)");
        }
        assertThat(deb).as(".deb in " + DIST).isNotNull();
        return deb;
    }
}
