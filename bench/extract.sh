#!/bin/sh
# Extractor speed against wink-nlp, on the same text in the same run (make bench-extract).
# Installs wink-nlp and its model into build/bench/ with npm; writes build/bench/extract.json.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/build/bench
mkdir -p "$out"
if [ ! -d "$out/node_modules/wink-eng-lite-web-model" ]; then
	(cd "$out" && npm install --no-audit --no-fund --silent wink-nlp wink-eng-lite-web-model >/dev/null)
fi
cp "$root/bench/wink_extract.js" "$out/wink_extract.js"
files=$(ls "$root"/examples/story/*.txt "$root"/tests/fixtures/text/*.txt 2>/dev/null)
repeat=${REPEAT:-200}
ct=$(REPEAT=$repeat "$out/extract_bench" $files)
wink=$(cd "$out" && REPEAT=$repeat node wink_extract.js $files)
echo "$ct"
echo "$wink"
python3 - "$ct" "$wink" "$out/extract.json" <<'PY'
import json, sys
ct, wk = json.loads(sys.argv[1]), json.loads(sys.argv[2])
ratio = ct["bytes_per_second"] / wk["bytes_per_second"]
json.dump({"claimtrack": ct, "wink": wk, "ratio": round(ratio, 1)}, open(sys.argv[3], "w"), indent=1)
print("extract: claimtrack %.1f MB/s, wink-nlp %.2f MB/s: %.1fx" %
      (ct["bytes_per_second"] / 1e6, wk["bytes_per_second"] / 1e6, ratio))
PY
