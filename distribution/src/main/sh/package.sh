#!/usr/bin/env bash
# Packages the bridge so that it runs without a Java installation (called by this module's pom in `package`; it can
# also be run by hand). From the bridge's jars it builds:
#   - a runtime image: jlink with only the JDK modules jdeps finds in those jars, plus the modules they load as
#     services (jdeps cannot see those), and the jars with a bin/crosswalk launcher;
#   - crosswalk-VERSION-linux-x64.tar.gz of that image;
#   - crosswalk_DEBVERSION-1_amd64.deb with jpackage (the launcher in /usr/bin), to which the optional systemd unit and
#     its /etc/crosswalk/crosswalk.conf are added.
# Usage: package.sh VERSION LIB_DIR MAIN_JAR REPOSITORY_ROOT OUT_DIR DEB(auto|required|skip)
set -euo pipefail

version=$1 lib=$2 main_jar=$3 root=$4 out=$5 deb=$6
src=$root/distribution/src/main
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
name=crosswalk-$version
image=$out/$name
work=$out/package-work
rm -rf "$image" "$work" "$out/$name-linux-x64.tar.gz" "$out"/crosswalk_*.deb
mkdir -p "$work"

# 1. The JDK modules. jdeps reads every class of every jar (multi-release jars as Java 17 sees them); the list is
#    its last line (warnings about packages split across a jar's versions come before it).
#    A jar with a module descriptor at its root (translator-core) would make jdeps resolve its `requires` on a module
#    path it does not have; jdeps reads such a jar as an exploded copy without the descriptor, like the class path.
scan=$work/jdeps-scan
mkdir -p "$scan"
for jar in "$lib"/*.jar; do
    if "$java_home/bin/jar" tf "$jar" | grep -qx 'module-info.class'; then
        dir=$scan/$(basename "$jar" .jar)
        mkdir -p "$dir" && (cd "$dir" && "$java_home/bin/jar" xf "$jar") && rm -f "$dir/module-info.class"
    else
        cp "$jar" "$scan/"
    fi
done
modules=$("$java_home/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 \
    --class-path "$scan/*:$(find "$scan" -mindepth 1 -maxdepth 1 -type d | paste -sd: -)" \
    "$scan"/*.jar $(find "$scan" -mindepth 1 -maxdepth 1 -type d) | tail -n 1)
# Loaded through ServiceLoader, invisible to jdeps: the EC key exchange and signatures of TLS 1.3 to HTTPS upstreams
# (a module of its own before JDK 22), and the DNS name service the JDK's resolver falls back to.
for service in jdk.crypto.ec jdk.naming.dns; do
    if "$java_home/bin/java" --list-modules | grep "^$service@" >/dev/null; then modules=$modules,$service; fi
done
echo "$modules" | tr ',' '\n' > "$out/runtime-modules.txt"
echo "runtime modules: $modules"

# 2. The runtime image. zip compression: a smaller image starts as fast as an uncompressed one (measured).
compress=zip-6
if [[ $("$java_home/bin/jlink" --version) == 17.* ]]; then compress=2; fi
"$java_home/bin/jlink" --add-modules "$modules" --output "$image/runtime" --strip-debug --no-header-files \
    --no-man-pages --compress="$compress" --generate-cds-archive >/dev/null
mkdir -p "$image/bin" "$image/lib"
cp "$lib"/*.jar "$image/lib/"
install -m 755 "$src/dist/bin/crosswalk" "$image/bin/crosswalk"
cp "$root/LICENSE" "$root/NOTICE" "$image/"
if [ -f "$out/THIRD-PARTY.txt" ]; then cp "$out/THIRD-PARTY.txt" "$image/"; fi

# 3. The archive: entries in name order, owned by root, dated by the build's outputTimestamp.
epoch=$(date -d "${OUTPUT_TIMESTAMP:-1970-01-01T00:00:00Z}" +%s)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$out" -cf - "$name" \
    | gzip -9n > "$out/$name-linux-x64.tar.gz"
echo "built $out/$name-linux-x64.tar.gz"

# 4. The .deb.
if [ "$deb" = skip ]; then exit 0; fi
missing=""
for tool in jpackage:"$java_home/bin/jpackage" fakeroot:fakeroot dpkg-deb:dpkg-deb; do
    command -v "${tool#*:}" >/dev/null || missing="$missing ${tool%%:*}"
done
if [ -n "$missing" ]; then
    if [ "$deb" = required ]; then echo "cannot build the .deb, missing:$missing" >&2; exit 1; fi
    echo "WARNING: .deb not built, missing:$missing (apt-get install fakeroot; -Dcrosswalk.deb=required makes this fatal)"
    exit 0
fi
# Debian orders 0.1.0~SNAPSHOT before 0.1.0; jpackage accepts no '-' in a version.
deb_version=${version/-/\~}
mkdir -p "$work/input"
cp "$lib"/*.jar "$work/input/"
"$java_home/bin/jpackage" --type deb --dest "$work/jpackage" --input "$work/input" --main-jar "$main_jar" \
    --main-class dev.crosswalk.bridge.Main --runtime-image "$image/runtime" --install-dir /usr \
    --name crosswalk --app-version "$deb_version" --linux-package-name crosswalk --linux-app-category net \
    --description "Serves OpenAI Chat Completions and Responses over an upstream that speaks only one of them" \
    --vendor "The Crosswalk authors" --copyright "Copyright 2026 The Crosswalk authors" \
    --license-file "$root/LICENSE" --linux-deb-maintainer "crosswalk@users.noreply.github.com" \
    --about-url "https://github.com/crosswalk-dev/crosswalk"
built=$(ls "$work/jpackage"/crosswalk_*.deb)
# jpackage cannot place files outside the application: unpack, add the unit and its configuration (a conffile, so an
# upgrade keeps the administrator's edits), repack.
tree=$work/deb
dpkg-deb -R "$built" "$tree"
install -D -m 644 "$src/deb/crosswalk.service" "$tree/usr/lib/systemd/system/crosswalk.service"
install -D -m 644 "$src/deb/crosswalk.conf" "$tree/etc/crosswalk/crosswalk.conf"
echo /etc/crosswalk/crosswalk.conf >> "$tree/DEBIAN/conffiles"
(cd "$tree" && find . -path ./DEBIAN -prune -o -path ./etc -prune -o -type f -printf '%P\0' | sort -z \
    | xargs -0 md5sum > DEBIAN/md5sums)
sed -i "s/^Installed-Size: .*/Installed-Size: $(du -sk --exclude=DEBIAN "$tree" | cut -f1)/" "$tree/DEBIAN/control"
fakeroot dpkg-deb -Zxz --build "$tree" "$out/$(basename "$built")" >/dev/null
echo "built $out/$(basename "$built")"
