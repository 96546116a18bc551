#!/usr/bin/env bash
# Redraws the README's pictures (docs/*.png) from the worked examples, 1,400 px wide at 200 dpi
# (type as on a 178 mm print). Run from the repository root after building:
#   cargo build --release && bash scripts/make-docs.sh
# (set REACHMAP=path/to/reachmap to use another build). docs/world.png is drawn by hand:
#   reachmap render --preset world --site Kaliningrad=54.71,20.51 --site Guam=13.44,144.79 \
#     --range-km 5500 --band 1000:15000 --width-px 1400 --dpi 200 -o docs/world.png
# docs/serve.png, the local page, is the browser test's screenshot:
#   REACHMAP_BLESS=1 cargo test --test serve_browser
set -euo pipefail
bin=${REACHMAP:-target/release/reachmap}
size=(--width-px 1400 --dpi 200)
for example in inf-europe east-asia kaliningrad-site pershing-1983 footprint-moscow south-china-sea df26-guam-rotation \
    belarus-9m729 spratly-prsm; do
    "$bin" render "examples/$example.toml" "${size[@]}" -o "docs/$example.png"
done
"$bin" render examples/inf-europe.toml "${size[@]}" --theme grayscale -o docs/inf-europe-grayscale.png
"$bin" compare examples/compare-europe.toml --figure docs/compare-europe.png "${size[@]}" >/dev/null
"$bin" compare examples/east-asia.toml --figure docs/compare-east-asia.png "${size[@]}" >/dev/null
"$bin" render examples/launch-area.toml "${size[@]}" -o docs/launch-area.png
"$bin" render examples/sweep-dark-eagle.toml "${size[@]}" -o docs/sweep-dark-eagle.png
"$bin" sweep --country Poland,Germany,Romania --system dark-eagle --metric capitals "${size[@]}" \
    -o docs/sweep-dark-eagle-capitals.png
# 256 colours without dithering: a fifth of the size, no visible change on these maps
# (Pillow, from scripts/requirements.txt).
python3 - <<'PY'
import glob
from PIL import Image
for path in glob.glob("docs/*.png"):
    image = Image.open(path).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)
PY
