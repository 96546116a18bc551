#!/usr/bin/env bash
# The Europe map (4 sites × 500, 2,500 and 5,500 km, 2,400 px wide, PNG and PDF) drawn by
# reachmap and by GMT on the same machine, in one run, runs alternating so that both see the
# same background load. Prints the median wall time of each and the ratio reachmap / GMT.
#
# Needs (installs nothing itself):
#   apt-get install -y --no-install-recommends gmt gmt-gshhg-low ghostscript
# (gmt draws; gmt-gshhg-low holds coastlines and borders at crude, low and intermediate
# resolution; ghostscript turns GMT's PostScript into PNG and PDF), and a release build:
#   cargo build --release
# Run from the repository root:  bash scripts/bench-vs-gmt.sh [RUNS]   (default 11 of each)
set -euo pipefail
runs=${1:-11}
bin=${REACHMAP:-$PWD/target/release/reachmap}  # REACHMAP=path/to/reachmap to time another build
command -v gmt >/dev/null || { echo "needs gmt: apt-get install -y --no-install-recommends gmt gmt-gshhg-low ghostscript" >&2; exit 1; }
command -v gs >/dev/null || { echo "needs ghostscript: apt-get install -y ghostscript" >&2; exit 1; }
[ -x "$bin" ] || { echo "needs $bin: cargo build --release" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The figure GMT draws: our Europe preset's frame (+proj=laea +lat_0=52 +lon_0=10, x −3,100 to
# 4,000 km, y −2,500 to 2,900 km) 20.32 cm wide at 300 dpi = 2,400 px; ocean, land, borders,
# coast (GSHHG at the resolution GMT picks for this figure, -Da: intermediate, about 1 km, near
# Natural Earth 1:50m's detail), and the 12 range rings as geodesic circles (-SE- takes a
# diameter in km). GMT's run includes turning its PostScript into PNG and PDF (ghostscript).
cat > "$out/circles.txt" <<'EOF'
20.51 54.71 1000
20.51 54.71 5000
20.51 54.71 11000
17.10 54.48 1000
17.10 54.48 5000
17.10 54.48 11000
24.09 44.08 1000
24.09 44.08 5000
24.09 44.08 11000
11.94 49.70 1000
11.94 49.70 5000
11.94 49.70 11000
EOF
gmt_figure() {
    (
        cd "$out/gmt"
        # One modern-mode session for the four commands (GMT otherwise keys it by parent PID).
        export GMT_SESSION_NAME=reachmap-bench-$$
        gmt begin map png,pdf E300
        gmt coast -R-3100/4000/-2500/2900+uk -JA10/52/20.32c -Da -A5000 -G241/238/232 -S219/231/240 \
            -N1/0.5p,169/169/169 -W0.75p,127/140/151
        gmt plot "$out/circles.txt" -SE- -W1.5p,200/30/30
        gmt end
    ) >/dev/null 2>&1
}
reachmap_figure() {
    "$bin" render --site Kaliningrad=54.71,20.51 --site Redzikowo=54.48,17.10 --site Deveselu=44.08,24.09 \
        --site Grafenwöhr=49.70,11.94 --range-km 500,2500,5500 --width-px 2400 \
        -o "$out/reachmap/map.png" -o "$out/reachmap/map.pdf" >/dev/null
}
seconds() {  # wall time of one call of the function named $1
    local start end
    start=$(date +%s.%N)
    "$1"
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

mkdir -p "$out/gmt" "$out/reachmap"
gmt_figure; reachmap_figure  # warm the page cache; not timed
: > "$out/gmt.times"; : > "$out/reachmap.times"
for _ in $(seq "$runs"); do
    seconds gmt_figure >> "$out/gmt.times"
    seconds reachmap_figure >> "$out/reachmap.times"
done
g=$(median < "$out/gmt.times")
r=$(median < "$out/reachmap.times")
size() { stat -c %s "$1" | awk '{ printf "%.0f kB", $1 / 1000 }'; }
echo "Europe map, 2,400 px PNG + PDF, median of $runs alternating runs on $(nproc) cores"
printf '%-28s %8s s   PNG %s (%s)   PDF %s\n' "GMT $(gmt --version)" "$g" \
    "$(size "$out/gmt/map.png")" "$(file -b "$out/gmt/map.png" | cut -d, -f2 | tr -d ' ')" "$(size "$out/gmt/map.pdf")"
printf '%-28s %8s s   PNG %s (%s)   PDF %s\n' "reachmap $("$bin" --version | cut -d' ' -f2)" "$r" \
    "$(size "$out/reachmap/map.png")" "$(file -b "$out/reachmap/map.png" | cut -d, -f2 | tr -d ' ')" \
    "$(size "$out/reachmap/map.pdf")"
echo "ratio reachmap / GMT: $(echo "$r / $g" | bc -l | awk '{ printf "%.3f", $1 }')"
