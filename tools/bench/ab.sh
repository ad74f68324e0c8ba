#!/usr/bin/env bash
# Before/after measurement of a change: `zoo4j bench` from two builds, alternating (machines drift: compare within one
# run), one JSON line per run prefixed by the build's directory name. A build is a directory holding zoo4j-cli.jar and
# lib/ (copy cli/target/zoo4j-cli.jar and cli/target/lib after `./mvnw package -DskipTests`).
# Usage: tools/bench/ab.sh BUILD_A BUILD_B "BENCH ARGS" [ROUNDS]   e.g. ab.sh /tmp/before /tmp/after "resnet20 --format NHWC" 3
set -euo pipefail
a=$1 b=$2 args=$3 rounds=${4:-2}
tcmalloc=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
[ -f "$tcmalloc" ] && export LD_PRELOAD=$tcmalloc
for _ in $(seq "$rounds"); do
  for build in "$a" "$b"; do
    # shellcheck disable=SC2086 # the bench arguments are words
    printf '%s\t%s\n' "$(basename "$build")" "$(java -Djava.awt.headless=true -cp "$build/zoo4j-cli.jar:$build/lib/*" \
      org.zoo4j.cli.Zoo4j bench $args --json 2>/dev/null | tail -n 1)"
  done
done
