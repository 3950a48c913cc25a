#!/bin/sh
# Extractor speed against wink-nlp, on the same text in the same run (make bench-extract).
# Installs wink-nlp and its model into build/bench/ with npm; writes build/bench/extract.json.
# ROUNDS rounds (default 5) each run claimtrack then wink-nlp, REPEAT times over the files; the
# figure printed is the median of the rounds' ratios, so a round slowed down by other work on a
# shared machine moves it less than it moves a single run.
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
rounds=${ROUNDS:-5}
runs=
r=0
while [ "$r" -lt "$rounds" ]; do
	ct=$(REPEAT=$repeat "$out/extract_bench" $files)
	wink=$(cd "$out" && REPEAT=$repeat node wink_extract.js $files)
	echo "$ct"
	echo "$wink"
	runs="$runs$ct
$wink
"
	r=$((r + 1))
done
printf '%s' "$runs" | python3 -c '
import json, statistics, sys
lines = [json.loads(l) for l in sys.stdin if l.strip()]
ct = [l for l in lines if l["tool"] == "claimtrack"]
wk = [l for l in lines if l["tool"] == "wink-nlp"]
ratios = [c["bytes_per_second"] / w["bytes_per_second"] for c, w in zip(ct, wk)]
med = statistics.median(ratios)
cmed = statistics.median(c["bytes_per_second"] for c in ct)
wmed = statistics.median(w["bytes_per_second"] for w in wk)
json.dump({"rounds": [{"claimtrack": c, "wink": w, "ratio": round(x, 1)} for c, w, x in zip(ct, wk, ratios)],
           "ratio": round(med, 1), "ratio_min": round(min(ratios), 1), "ratio_max": round(max(ratios), 1)},
          open(sys.argv[1], "w"), indent=1)
print("extract: claimtrack %.1f MB/s, wink-nlp %.2f MB/s: %.1fx (median of %d rounds, %.1fx to %.1fx)" %
      (cmed / 1e6, wmed / 1e6, med, len(ratios), min(ratios), max(ratios)))
' "$out/extract.json"
