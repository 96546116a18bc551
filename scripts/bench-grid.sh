#!/usr/bin/env bash
# Times `reachmap reach --totals --population-grid` on a synthetic global 2.5′ grid (8,640 × 4,320
# float32 cells, as GPW v4's 2.5-minute population count) with 1,000 sites, against the same run
# without the grid: the README's figure. Needs a release build and Python with numpy and tifffile
# (`pip install numpy==2.4.6 tifffile==2026.3.3`); PYTHON names the interpreter.
#
#   cargo build --release && bash scripts/bench-grid.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
BIN=target/release/reachmap
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$PYTHON" - "$WORK" <<'EOF'
import sys
import numpy as np
import tifffile

work = sys.argv[1]
rng = np.random.default_rng(2026)
# People per cell: lognormal, so most cells hold few and some many (the values do not change the
# work; nodata in a tenth of the cells, as oceans are in GPW).
cells = rng.lognormal(3.0, 2.0, size=(4320, 8640)).astype(np.float32)
cells[rng.random((4320, 8640)) < 0.1] = -3.4028230607370965e38
d = 2.5 / 60
tifffile.imwrite(
    f"{work}/global.tif",
    cells,
    compression="zlib",
    rowsperstrip=16,
    extratags=[
        (33550, "d", 3, [d, d, 0.0], True),
        (33922, "d", 6, [0.0, 0.0, 0.0, -180.0, 90.0, 0.0], True),
        (34735, "H", 16, [1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326], True),
        (42113, "s", 0, "-3.40282306073709653e+38", True),
    ],
)
# 1,000 sites between 60° S and 72° N.
with open(f"{work}/sites.txt", "w") as out:
    for k, (lat, lon) in enumerate(zip(rng.uniform(-60, 72, 1000), rng.uniform(-180, 180, 1000))):
        out.write(f"--site\nS{k + 1}={lat:.4f},{lon:.4f}\n")
EOF

mapfile -t SITES <"$WORK/sites.txt"
time_of() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
for km in 1000 2350 5500; do
  without=$(time_of "$BIN" reach "${SITES[@]}" --range-km "$km" --totals --format csv --no-land)
  with=$(time_of "$BIN" reach "${SITES[@]}" --range-km "$km" --totals --format csv --no-land --population-grid "$WORK/global.tif")
  printf '%5s km: %6.2f s with the grid, %6.2f s without\n' "$km" "$with" "$without"
done
