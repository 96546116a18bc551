#!/usr/bin/env bash
# Wall time and peak memory of `reachmap sweep` end to end — candidates valued against the
# whole 34,000-place gazetteer, the ranked CSV and the map as PNG — for about 10,000 and about
# 100,000 candidates (Dark Eagle across Poland, Germany and Romania). Median of 5 runs.
# Run from the repository root after `cargo build --release`:  bash scripts/bench-sweep.sh
set -euo pipefail
bin=${REACHMAP:-target/release/reachmap}  # REACHMAP=path/to/reachmap to time another build
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
region=(--country Poland --country Germany --country Romania --system dark-eagle)
measure() {  # label, then the sweep arguments
    local label=$1; shift
    local times=() mems=()
    for _ in 1 2 3 4 5; do
        /usr/bin/time -f "%e %M" -o "$out/t" "$bin" sweep "$@" >/dev/null
        read -r t m < "$out/t"
        times+=("$t"); mems+=("$m")
    done
    local t m
    t=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
    m=$(printf '%s\n' "${mems[@]}" | sort -n | sed -n 3p)
    printf '%-58s %6s s  %6d MB\n' "$label" "$t" $((m / 1024))
}
count() { echo $(( $(wc -l < "$1") - 1 )); }
"$bin" sweep "${region[@]}" -o "$out/a.csv"
measure "$(count "$out/a.csv") candidates (default step): CSV + PNG map" "${region[@]}" -o "$out/a.csv" -o "$out/a.png"
measure "$(count "$out/a.csv") candidates (default step): CSV" "${region[@]}" -o "$out/a.csv"
"$bin" sweep "${region[@]}" --step-km 2.4 -o "$out/b.csv"
measure "$(count "$out/b.csv") candidates (--step-km 2.4): CSV + PNG map" "${region[@]}" --step-km 2.4 -o "$out/b.csv" -o "$out/b.png"
measure "$(count "$out/b.csv") candidates (--step-km 2.4): CSV" "${region[@]}" --step-km 2.4 -o "$out/b.csv"
