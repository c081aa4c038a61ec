#!/usr/bin/env bash
# Measures what the README's Install section reports: the packages' sizes, and the bridge's start-up time (from exec
# to the first 200 on GET /health) on the runtime image and, for comparison, with java -jar on the installed JDK.
# Run after `mvn -pl distribution -am package -Dmaven.test.skip.exec=true`:  distribution/src/main/sh/measure.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs=${1:-10}
target=$PWD/target
archive=$(ls "$target"/crosswalk-*-linux-x64.tar.gz)
home=${archive%-linux-x64.tar.gz}
deb=$(ls "$target"/crosswalk_*_amd64.deb 2>/dev/null || true)
jar=$PWD/../bridge/target/crosswalk.jar

echo "tar.gz:                  $(du -h "$archive" | cut -f1)"
echo "unpacked (runtime + lib): $(du -sh "$home" | cut -f1) (runtime/ $(du -sh "$home/runtime" | cut -f1), lib/ $(du -sh "$home/lib" | cut -f1))"
if [ -n "$deb" ]; then
    echo ".deb:                    $(du -h "$deb" | cut -f1), installed $(dpkg-deb -f "$deb" Installed-Size) KiB"
fi

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
startup() {   # command... -> milliseconds until /health answers 200
    local p t0 t1 pid
    p=$(port)
    t0=$(date +%s%N)
    "$@" serve --upstream http://127.0.0.1:9/v1 --upstream-api chat --port "$p" >/dev/null 2>&1 &
    pid=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$p/health"; do sleep 0.005; done
    t1=$(date +%s%N)
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo $(( (t1 - t0) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

image=$(for _ in $(seq "$runs"); do startup env PATH=/usr/bin:/bin "$home/bin/crosswalk"; done | median)
echo "start-up, runtime image:  ${image} ms (median of $runs)"
if [ -f "$jar" ]; then
    jdk=$(for _ in $(seq "$runs"); do startup java -jar "$jar"; done | median)
    echo "start-up, java -jar:      ${jdk} ms (median of $runs, $(java -version 2>&1 | sed -n 1p))"
fi
