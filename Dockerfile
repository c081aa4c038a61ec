# The bridge as a container: built from this repository, run on the jlink runtime image (no JDK in the final image),
# as a non-root user.
#   docker build -t crosswalk .
#   docker run --rm -p 8080:8080 -e DEEPSEEK_API_KEY -v "$PWD/client-keys.txt:/etc/crosswalk/client-keys.txt:ro" \
#     crosswalk serve --upstream https://api.deepseek.com/v1 --upstream-api chat \
#     --upstream-key-env DEEPSEEK_API_KEY --client-keys-file /etc/crosswalk/client-keys.txt
# JVM options: -e CROSSWALK_JAVA_OPTS=-Xmx128m (bin/crosswalk then adds -XX:+UseParallelGC and young sizes: README, "JVM options").

# 1. Build: the distribution module links the runtime image and packs it (tests and the .deb are not needed here).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -pl distribution -am package -P '!install-node-sdk' -Dmaven.test.skip.exec=true -Dcrosswalk.deb=skip \
    && mkdir /crosswalk \
    && tar -xzf distribution/target/crosswalk-*-linux-x64.tar.gz -C /crosswalk --strip-components=1

# 2. Run: a small Debian with the runtime image; glibc as the image's JVM expects it.
FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin crosswalk
COPY --from=build /crosswalk /opt/crosswalk
ENV PATH=/opt/crosswalk/bin:$PATH \
    CROSSWALK_HOST=0.0.0.0 \
    CROSSWALK_PORT=8080
USER crosswalk
EXPOSE 8080
# No curl in the image: bash's /dev/tcp asks GET /health and expects a 200 status line.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${CROSSWALK_PORT} && printf 'GET /health HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["crosswalk"]
CMD ["serve", "--help"]
