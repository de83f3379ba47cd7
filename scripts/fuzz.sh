#!/usr/bin/env bash
# Fuzzes the corpus loader, the importers and the history reader for a bounded time each.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 60 s; loader import history)
#
# Runs on the stable toolchain: cargo-fuzz needs nightly-only compiler flags (sanitizer
# coverage), which RUSTC_BOOTSTRAP=1 unlocks on stable. Installs cargo-fuzz if it is missing.
# The seeds in fuzz/seeds/TARGET are copied into a scratch corpus under fuzz/target, so what
# the fuzzer finds never lands in the repository. A crash leaves its input in
# fuzz/artifacts/TARGET and makes this script fail; replay it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(loader import history)

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install --locked cargo-fuzz
fi
export RUSTC_BOOTSTRAP=1
for target in "${targets[@]}"; do
  corpus="fuzz/target/corpus/$target"
  mkdir -p "$corpus"
  cp -n fuzz/seeds/"$target"/* "$corpus"/
  echo "== $target: ${seconds}s"
  cargo fuzz run --fuzz-dir fuzz "$target" "$corpus" -- -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10
done
