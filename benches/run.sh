#!/usr/bin/env bash
# Times qbank against yq, a PyYAML script and /bin/true on generated corpora, in one run,
# and prints a Markdown table with ratios and peak memory. Usage: benches/run.sh [SIZES...]
# (default: 1000 10000 100000). Installs hyperfine, yq, GNU time and PyYAML if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

install() { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
command -v hyperfine >/dev/null || install hyperfine
command -v yq >/dev/null || install yq
[ -x /usr/bin/time ] || install time
python3 -c 'import yaml' 2>/dev/null || pip install --quiet pyyaml

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
work=target/bench
mkdir -p "$work"
# The binary a package ships: the dist profile (fat LTO; see Cargo.toml).
cargo build --profile dist --quiet
bin=$PWD/target/dist/qbank
export QBANK_CACHE_DIR=$PWD/$work/cache
filter='list --tag system-design'

peak_kib() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

hyperfine -N --style none --warmup 20 --runs 200 --export-json "$work/startup.json" \
  -n true /bin/true -n 'qbank show 12' "$bin show 12" >/dev/null

for n in "${sizes[@]}"; do
  corpus=$work/corpus-$n.yaml
  [ -f "$corpus" ] || python3 benches/gen_corpus.py "$n" "$corpus"
  runs=10
  [ "$n" -ge 100000 ] && runs=3
  rm -rf "$QBANK_CACHE_DIR"
  hyperfine --style none --runs "$runs" --export-json "$work/cold-$n.json" \
    --prepare "rm -rf '$QBANK_CACHE_DIR'" -n cold "$bin --no-builtin --corpus $corpus $filter" >/dev/null
  hyperfine --style none --runs "$runs" --warmup 1 --export-json "$work/warm-$n.json" \
    -n warm "$bin --no-builtin --corpus $corpus $filter" >/dev/null
  hyperfine --style none --runs "$runs" --export-json "$work/others-$n.json" \
    -n yq "yq '[.[] | select(.tags | index(\"system-design\"))] | length' $corpus" \
    -n pyyaml "python3 benches/pyyaml_filter.py $corpus system-design" >/dev/null
  rm -rf "$QBANK_CACHE_DIR"
  cold_peak=$(peak_kib "$bin" --no-builtin --corpus "$corpus" $filter)
  warm_peak=$(peak_kib "$bin" --no-builtin --corpus "$corpus" $filter)
  echo "$n $(stat -c %s "$corpus") $cold_peak $warm_peak" >>"$work/memory.txt.new"
done
mv "$work/memory.txt.new" "$work/memory.txt"

python3 - "$work" "${sizes[@]}" <<'PY'
import json, sys
work, sizes = sys.argv[1], sys.argv[2:]
def median(path, name):
    for r in json.load(open(f"{work}/{path}"))["results"]:
        if r["command"] == name:
            return r["median"]
start = {r["command"]: r["median"] for r in json.load(open(f"{work}/startup.json"))["results"]}
print(f"Start-up: `qbank show 12` {start['qbank show 12']*1000:.2f} ms, `/bin/true` {start['true']*1000:.2f} ms "
      f"(ratio {start['qbank show 12']/start['true']:.1f}x)\n")
memory = {line.split()[0]: line.split()[1:] for line in open(f"{work}/memory.txt")}
print("| questions | corpus | qbank cold | qbank warm | yq | PyYAML (C) | yq / cold | yq / warm | peak cold | peak warm |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in sizes:
    cold, warm = median(f"cold-{n}.json", "cold"), median(f"warm-{n}.json", "warm")
    yq, py = median(f"others-{n}.json", "yq"), median(f"others-{n}.json", "pyyaml")
    size, cold_kib, warm_kib = (int(x) for x in memory[n])
    mb = size / 1e6
    print(f"| {int(n):,} | {mb:.1f} MB | {cold*1000:.0f} ms | {warm*1000:.0f} ms | {yq*1000:.0f} ms | {py*1000:.0f} ms "
          f"| {yq/cold:.1f}x | {yq/warm:.1f}x | {cold_kib/1024:.0f} MiB ({cold_kib*1024/size:.2f}x) "
          f"| {warm_kib/1024:.0f} MiB ({warm_kib*1024/size:.2f}x) |")
PY
