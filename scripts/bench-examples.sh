#!/usr/bin/env bash
# Wall time and peak memory of `reachmap render` on each worked example at its own print size
# (180 or 160 mm at 300 dpi): all three formats in one run, and SVG alone. Median of 5 runs.
# Run from the repository root after `cargo build --release`:  bash scripts/bench-examples.sh
set -euo pipefail
bin=${REACHMAP:-target/release/reachmap}  # REACHMAP=path/to/reachmap to time another build
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
measure() {  # label, then the render arguments
    local label=$1; shift
    local times=() mems=()
    for _ in 1 2 3 4 5; do
        /usr/bin/time -f "%e %M" -o "$out/t" "$bin" render "$@" >/dev/null
        read -r t m < "$out/t"
        times+=("$t"); mems+=("$m")
    done
    local t m
    t=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
    m=$(printf '%s\n' "${mems[@]}" | sort -n | sed -n 3p)
    printf '%-40s %6s s  %6d MB\n' "$label" "$t" $((m / 1024))
}
for example in examples/*.toml; do
    name=$(basename "$example" .toml)
    measure "$name: SVG + PNG + PDF" "$example" -o "$out/$name.svg" -o "$out/$name.png" -o "$out/$name.pdf"
    measure "$name: SVG" "$example" -o "$out/$name.svg"
    measure "$name: PNG" "$example" -o "$out/$name.png"
    measure "$name: PDF" "$example" -o "$out/$name.pdf"
done
