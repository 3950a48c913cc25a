#!/bin/sh
# The scale benchmark (make bench): for each size in BENCH_SIZES (default 2000 8000 32000), a fresh
# corpus (bench/corpus_gen.c, seed BENCH_SEED) and a fresh desk, then every stage of the pipeline
# through the claimtrack binary, each timed by bench/runstat.c (wall seconds, getrusage peak RSS of
# the child):
#   ingest   add --manifest of the whole corpus (one commit)
#   match    claimtrack match --stats, when the binary has it (else recorded as skipped)
#   review   BENCH_REVIEWS (200) single review commits
#   report   report --format html and --format json
#   extract  extract --json on the corpus text, in chunks of at most 15 MiB (the command takes one
#            file of at most 16 MiB), the first BENCH_EXTRACT_MB (8) MiB of text
# and, in the same run, the baselines: git fast-import writing the same tree (same paths and
# contents) as one commit into a fresh repository, and wink-nlp on the same extract chunks.
# Writes build/bench/results.json and build/bench/results.md.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/build/bench
ct=$root/build/claimtrack
rs=$out/runstat
sizes=${BENCH_SIZES:-2000 8000 32000}
seed=${BENCH_SEED:-7}
nreviews=${BENCH_REVIEWS:-200}
extract_mb=${BENCH_EXTRACT_MB:-8}
mkdir -p "$out"
bench_start=$(date +%s)
export GIT_AUTHOR_NAME="Bench Desk" GIT_AUTHOR_EMAIL="bench@example.com"
export GIT_COMMITTER_NAME="Bench Desk" GIT_COMMITTER_EMAIL="bench@example.com"
export LC_ALL=C

if [ ! -d "$out/node_modules/wink-eng-lite-web-model" ]; then
	(cd "$out" && npm install --no-audit --no-fund --silent wink-nlp wink-eng-lite-web-model >/dev/null)
fi
cp "$root/bench/wink_extract.js" "$out/wink_extract.js"

# Each step with the seconds since the start: where the whole run's time goes, untimed steps
# (corpus, stream, scripts) included.
note() {
	printf 'bench: [%4ds] %s\n' $(($(date +%s) - bench_start)) "$*" >&2
}

# Waits until both CPUs have been idle for a second (at least 90% of it, up to 20 tries), so a
# short timed run does not share the machine with the kernel still writing back or reclaiming
# after the stage before it; prints the seconds waited and the last second's idle fraction.
settle() {
	python3 - <<'PY'
import time
def snap():
    f = open("/proc/stat").readline().split()[1:]
    v = [int(x) for x in f]
    return v[3] + v[4], sum(v[:8])   # idle + iowait, all but guest time
t0 = time.time()
for k in range(20):
    i0, a0 = snap(); time.sleep(1.0); i1, a1 = snap()
    idle = (i1 - i0) / max(1, a1 - a0)
    if idle >= 0.90:
        break
print("%.1f %.3f" % (time.time() - t0, idle))
PY
}

# The desks of the last run are moved aside, and deleted only once this run's figures are written:
# ext4 slows the creation of files for up to six minutes after many deletions (its check for
# recently deleted inodes, 60 s, or 360 s while the inode table is dirty), and an ingest that
# followed the deletion of the last run's desks spent three times its usual system time.
trash=$out/trash.$$
for n in $sizes; do
	if [ -d "$out/n$n" ]; then
		mkdir -p "$trash"
		mv "$out/n$n" "$trash/"
	fi
done
: >"$out/runs.jsonl"
for n in $sizes; do
	d=$out/n$n
	mkdir -p "$d"
	note "n=$n: corpus"
	"$out/corpus_gen" -s "$seed" "$n" "$d/corpus"

	# Extract chunks: whole articles, at most 15 MiB each, up to extract_mb MiB in all.
	python3 - "$d/corpus" "$d/chunks" "$extract_mb" <<'EOF'
import os, sys
src, dst, cap = sys.argv[1], sys.argv[2], int(sys.argv[3]) << 20
os.makedirs(dst)
files = sorted(f for f in os.listdir(src) if f.endswith(".txt"))
chunk, size, total, k = [], 0, 0, 0
def flush():
    global chunk, size, k
    if chunk:
        with open(os.path.join(dst, "c%03d.txt" % k), "wb") as f:
            f.write(b"\n\n".join(chunk))
        k += 1
    chunk, size = [], 0
for name in files:
    data = open(os.path.join(src, name), "rb").read()
    if total + len(data) > cap:
        break
    if size + len(data) + 2 > 15 << 20:
        flush()
    chunk.append(data)
    size += len(data) + 2
    total += len(data)
flush()
EOF

	note "n=$n: ingest (add --manifest)"
	"$ct" init "$d/desk" >/dev/null
	"$rs" -o "$d/add.out" -j "$d/ingest.json" -- "$ct" -C "$d/desk" add --manifest "$d/corpus/manifest.tsv"
	tail -1 "$d/add.out" >&2

	note "n=$n: baseline: git fast-import of the same tree"
	# The stream is piped: writing it to a file first cost half a minute and 1.4 GB at 32,000
	# articles. fast-import's clock starts at the stream's first byte (runstat -w), and fi_stream
	# (about a sixth of fast-import's time) keeps ahead of it: the summary below checks that
	# fast-import's wall time stayed within its CPU time, i.e. that it did not wait for its input.
	git init -q --bare "$d/fi.git"
	"$rs" -o /dev/stdout -j "$d/fi_stream.json" -- "$out/fi_stream" "$d/desk" |
		"$rs" -w -i /dev/stdin -j "$d/fast_import.json" -- git -C "$d/fi.git" fast-import --quiet
	grep -q '"exit": 0}' "$d/fi_stream.json" || { note "fi_stream failed"; exit 1; }
	[ "$(git -C "$d/fi.git" rev-parse 'refs/heads/main^{tree}')" = "$(git -C "$d/desk" rev-parse 'HEAD^{tree}')" ] ||
		{ note "fast-import wrote another tree than the desk's"; exit 1; }

	if "$ct" help match >/dev/null 2>&1; then
		note "n=$n: match"
		"$rs" -o "$d/match.out" -j "$d/match.json" -- "$ct" -C "$d/desk" match --stats
		tail -1 "$d/match.out" >&2
		python3 "$root/bench/match_quality.py" "$d/desk" "$d/corpus/manifest.tsv" >"$d/match_quality.json"
	else
		echo '{"skipped": "this claimtrack has no match command"}' >"$d/match.json"
		note "n=$n: match skipped: this claimtrack has no match command"
	fi

	note "n=$n: $nreviews reviews"
	git -C "$d/desk" ls-tree -r --name-only HEAD claims/ >"$d/claim-paths"
	python3 - "$d/corpus/manifest.tsv" "$d/claim-paths" "$nreviews" >"$d/review-pairs" <<'EOF'
import sys
# Two sources of one story (same story number in the url), the first claim of each.
stories = {}
for line in open(sys.argv[1]):
    if line.startswith("#") or not line.strip():
        continue
    f = line.rstrip("\n").split("\t")
    stories.setdefault(f[4].rsplit("/", 1)[1].split("-")[0], []).append(f[1])
first = {}
for p in open(sys.argv[2]):
    parts = p.strip().split("/")
    first.setdefault(parts[2], parts[3][:-5])
keys = sorted(stories)
want = int(sys.argv[3])
pairs = [stories[k] for k in keys if len(stories[k]) >= 2 and all(s in first for s in stories[k][:2])]
step = max(1, len(pairs) // want)
picked = pairs[::step][:want]
i = 0
while len(picked) < want:   # small corpora: reuse stories with the later sources
    s = pairs[i % len(pairs)]
    j = 1 + (i // len(pairs)) % (len(s) - 1)
    picked.append([s[j], s[0]])
    i += 1
for s in picked:
    print(first[s[0]], first[s[1]])
EOF
	i=0
	: >"$d/reviews.jsonl"
	while read -r claim evidence; do
		verdict=corroborated
		[ $((i % 3)) -eq 1 ] && verdict=contradicted
		"$rs" -j "$d/r.json" -- "$ct" -C "$d/desk" review "$claim" --verdict $verdict --evidence "$evidence" \
			--note "bench review $i" --reviewer "Reviewer $((i % 4)) <r$((i % 4))@example.com>" ||
			{ note "review $i of $claim failed"; exit 1; }
		cat "$d/r.json" >>"$d/reviews.jsonl"
		i=$((i + 1))
	done <"$d/review-pairs"

	note "n=$n: report"
	"$rs" -o "$d/report.html" -j "$d/report_html.json" -- "$ct" -C "$d/desk" report --format html
	"$rs" -o "$d/report.json" -j "$d/report_json.json" -- "$ct" -C "$d/desk" report --format json

	note "n=$n: extract --json and wink-nlp on the same chunks"
	: >"$d/extract.jsonl"
	# wink-nlp reads its files before its clock starts; claimtrack reads them inside its own. By
	# this point at 32,000 articles the chunks, written before the ingest, may have left the page
	# cache (the desk is 15 GB): read them once first, so neither side times the disk.
	cat "$d"/chunks/*.txt >/dev/null
	# The desk and the reports just written are still being flushed to the disk: the kernel's
	# writeback threads take a CPU now and then, which stalls one of two threads that hand work
	# to each other far more than a single thread. Flush first, for both sides.
	sync
	settle >"$d/settle.txt"
	note "n=$n: settled (seconds waited, idle fraction): $(cat "$d/settle.txt")"
	# One round of each side first, not timed: the first rounds after an idle second were the
	# slowest of both sides in every size (CPUs waking from idle, node loading its model's
	# pages, the JIT): a warm-up, as any benchmark harness takes.
	for c in "$d"/chunks/*.txt; do
		"$ct" extract --json "$c" >/dev/null
	done
	(cd "$out" && REPEAT=1 node wink_extract.js "$d"/chunks/*.txt) >/dev/null
	# extract --json uses the CPUs (up to 4 threads) on a text this long; --jobs 1 is timed too,
	# so that one thread against wink-nlp's one is on record beside it. A claimtrack round takes
	# a fifth of a second: one hiccup of the machine moved a single round by a third. So there
	# are five rounds, each claimtrack, claimtrack --jobs 1, then wink-nlp, and each side's
	# median round is its figure (every round is kept).
	# wink-nlp's clock runs around its processing only: node's start, its model's load and the
	# reading of the files are outside it. A claimtrack process's fixed start (exec, loading
	# libgit2 and its two dozen shared libraries, exit: some 5 ms) is measured too, on an empty
	# file, five times a round, so that its processing time alone can be compared like for like.
	: >"$d/empty.txt"
	: >"$d/start.jsonl"
	: >"$d/extract1.jsonl"
	: >"$d/wink.jsonl"
	for round in 1 2 3 4 5; do
		for k in 1 2 3 4 5; do
			"$rs" -o /dev/null -j "$d/e.json" -- "$ct" extract --json "$d/empty.txt"
			sed "s/^{/{\"round\": $round, /" "$d/e.json" >>"$d/start.jsonl"
		done
		for c in "$d"/chunks/*.txt; do
			"$rs" -o /dev/null -j "$d/e.json" -- "$ct" extract --json "$c"
			sed "s/^{/{\"round\": $round, /" "$d/e.json" >>"$d/extract.jsonl"
			"$rs" -o /dev/null -j "$d/e.json" -- "$ct" extract --json --jobs 1 "$c"
			sed "s/^{/{\"round\": $round, /" "$d/e.json" >>"$d/extract1.jsonl"
		done
		(cd "$out" && REPEAT=1 node wink_extract.js "$d"/chunks/*.txt) >>"$d/wink.jsonl"
	done

	python3 - "$d" "$n" >>"$out/runs.jsonl" <<'EOF'
import json, os, statistics, subprocess, sys
d, n = sys.argv[1], int(sys.argv[2])
def load(name):
    return json.load(open(os.path.join(d, name)))
def lines(name):
    return [json.loads(l) for l in open(os.path.join(d, name)) if l.strip()]
# the claim records of the ingest's commit, listed by git for the reviews' pairs (claim-paths)
claims = sum(1 for _ in open(os.path.join(d, "claim-paths")))
files = claims + 2 * n
corpus_bytes = sum(os.path.getsize(os.path.join(d, "corpus", f)) for f in os.listdir(os.path.join(d, "corpus")) if f.endswith(".txt"))
def stage(r, items, unit):
    return {"seconds": round(r["seconds"], 3), "items": items, "unit": unit,
            "items_per_second": round(items / r["seconds"], 1) if r["seconds"] > 0 else None,
            "user": r["user"], "sys": r["sys"], "cpu_seconds": round(r["user"] + r["sys"], 3),
            "peak_rss_mb": r["peak_rss_mb"]}
ing = load("ingest.json")
fi = load("fast_import.json")
stages = {"ingest": stage(ing, n, "articles")}
stages["ingest"]["records"] = files
stages["ingest"]["corpus_mb"] = round(corpus_bytes / 1e6, 1)
stages["ingest"]["baseline_fast_import"] = stage(fi, files, "records")
# fast-import reads its stream from a pipe: the seconds it was not on a CPU are the most it can
# have waited for fi_stream (with its own I/O); the ingest target counts only while that is small.
stages["ingest"]["baseline_fast_import"]["stream"] = stage(load("fi_stream.json"), files, "records")
stages["ingest"]["baseline_fast_import"]["off_cpu_seconds"] = round(max(0.0, fi["seconds"] - fi["user"] - fi["sys"]), 3)
m = load("match.json")
stages["match"] = m if "skipped" in m else stage(m, claims, "claims")
if "skipped" not in m:
    stages["match"]["quality"] = load("match_quality.json")
rv = lines("reviews.jsonl")
tot = sum(r["seconds"] for r in rv)
secs = sorted(r["seconds"] for r in rv)
stages["review"] = {"ops": len(rv), "seconds": round(tot, 3), "seconds_per_op": round(tot / len(rv), 4),
                    "cpu_seconds_per_op": round(sum(r["user"] + r["sys"] for r in rv) / len(rv), 4),
                    "median_seconds_per_op": round(statistics.median(secs), 4),
                    "items_per_second": round(len(rv) / tot, 1), "peak_rss_mb": max(r["peak_rss_mb"] for r in rv)}
rh, rj = load("report_html.json"), load("report_json.json")
stages["report"] = {"seconds": round(rh["seconds"] + rj["seconds"], 3), "items": claims, "unit": "claims",
                    "items_per_second": round(2 * claims / (rh["seconds"] + rj["seconds"]), 1),
                    "peak_rss_mb": max(rh["peak_rss_mb"], rj["peak_rss_mb"]),
                    "html": stage(rh, claims, "claims"), "json": stage(rj, claims, "claims"),
                    "html_mb": round(os.path.getsize(os.path.join(d, "report.html")) / 1e6, 1),
                    "json_mb": round(os.path.getsize(os.path.join(d, "report.json")) / 1e6, 1)}
# a claimtrack process's fixed start in each round: the median of its five runs on an empty file
starts = {}
for e in lines("start.jsonl"):
    starts.setdefault(e["round"], []).append(e["seconds"])
start = {k: statistics.median(v) for k, v in starts.items()}
def rounds(name):
    # the rounds' sums of seconds (whole processes, and less each process's fixed start) and of
    # CPU seconds, and the median round by the processing time
    by = {}
    for e in lines(name):
        r = by.setdefault(e["round"], {"process": 0.0, "seconds": 0.0, "cpu": 0.0, "peak_rss_mb": 0})
        r["process"] += e["seconds"]
        r["seconds"] += e["seconds"] - start[e["round"]]
        r["cpu"] += e["user"] + e["sys"]
        r["peak_rss_mb"] = max(r["peak_rss_mb"], e["peak_rss_mb"])
    rs = sorted(by.values(), key=lambda r: r["seconds"])
    ps = sorted(r["process"] for r in by.values())
    return rs[len(rs) // 2], [round(r["seconds"], 3) for r in rs], ps[len(ps) // 2], [round(p, 3) for p in ps]
# wink-nlp's median round (each round one run over every chunk)
wks = sorted(lines("wink.jsonl"), key=lambda w: w["seconds"])
wk = wks[len(wks) // 2]
ex, ex_all, ex_p, ex_p_all = rounds("extract.jsonl")
ex1, ex1_all, ex1_p, ex1_p_all = rounds("extract1.jsonl")
ex_s, ex1_s = ex["seconds"], ex1["seconds"]
stages["extract"] = {"seconds": round(ex_s, 3), "bytes": wk["bytes"], "items_per_second": round(wk["bytes"] / ex_s),
                     "unit": "bytes", "mb_per_second": round(wk["bytes"] / ex_s / 1e6, 2),
                     "peak_rss_mb": ex["peak_rss_mb"], "cpu_seconds": round(ex["cpu"], 3), "rounds_seconds": ex_all,
                     "process_seconds": round(ex_p, 3), "process_rounds_seconds": ex_p_all,
                     "start_seconds": round(statistics.median(start.values()), 4),
                     "start_rounds_seconds": [round(start[k], 4) for k in sorted(start)],
                     "baseline_wink": {"seconds": round(wk["seconds"], 3), "mb_per_second": round(wk["bytes_per_second"] / 1e6, 2),
                                       "rounds_seconds": [round(w["seconds"], 3) for w in wks]}}
st = open(os.path.join(d, "settle.txt")).read().split()
stages["extract"]["settle"] = {"waited_seconds": float(st[0]), "idle_fraction": float(st[1])}
stages["extract"]["one_thread"] = {"seconds": round(ex1_s, 3), "mb_per_second": round(wk["bytes"] / ex1_s / 1e6, 2),
                                   "cpu_seconds": round(ex1["cpu"], 3), "rounds_seconds": ex1_all,
                                   "process_seconds": round(ex1_p, 3), "process_rounds_seconds": ex1_p_all}
# Wall-clock ratios are what the targets name; CPU ratios (user + sys of the child) move less
# when other work loads the machine, so both are kept. extract_vs_wink compares processing with
# processing (claimtrack's fixed start taken off, as wink-nlp's start is outside its clock);
# extract_vs_wink_process is the same with claimtrack's whole processes.
ratios = {"ingest_vs_fast_import": round(ing["seconds"] / fi["seconds"], 2),
          "ingest_vs_fast_import_cpu": round((ing["user"] + ing["sys"]) / (fi["user"] + fi["sys"]), 2),
          "extract_vs_wink": round(wk["seconds"] / ex_s, 1),
          "extract_vs_wink_process": round(wk["seconds"] / ex_p, 1),
          "extract_vs_wink_one_thread": round(wk["seconds"] / ex1_s, 1),
          "extract_vs_wink_cpu": round(wk["seconds"] / stages["extract"]["cpu_seconds"], 1)}
print(json.dumps({"articles": n, "claims": claims, "stages": stages, "ratios": ratios}))
EOF
	# Keep what the next size needs room for: the desks are rebuilt on every run.
	rm -rf "$d/fi.git" "$d/chunks"
done

python3 - "$out" "$bench_start" <<'EOF'
import json, math, os, platform, subprocess, sys, time
out = sys.argv[1]
total_seconds = round(time.time() - int(sys.argv[2]))
runs = [json.loads(l) for l in open(os.path.join(out, "runs.jsonl")) if l.strip()]
runs.sort(key=lambda r: r["articles"])
targets = {}
if runs:
    big = runs[-1]
    targets["peak_rss_under_1gib"] = {"max_peak_rss_mb": max(max(s.get("peak_rss_mb", 0) for s in r["stages"].values() if isinstance(s, dict)) for r in runs)}
    targets["peak_rss_under_1gib"]["holds"] = targets["peak_rss_under_1gib"]["max_peak_rss_mb"] < 1024
    targets["ingest_within_1_5x_fast_import"] = {"worst": max(r["ratios"]["ingest_vs_fast_import"] for r in runs)}
    # A baseline slowed by its input would flatter the ratio: fast-import must have been on a CPU
    # for all but 5% of its wall time (reading its stream from a file, it was off a CPU for 1%,
    # 3.5% and 0.4% of it at the three sizes: its own writes).
    starved = [r["articles"] for r in runs
               if r["stages"]["ingest"]["baseline_fast_import"].get("off_cpu_seconds", 0) > 0.05 * r["stages"]["ingest"]["baseline_fast_import"]["seconds"]]
    targets["ingest_within_1_5x_fast_import"]["baseline_waited_at"] = starved
    # Where it waited, the ingest is compared with fast-import's CPU seconds instead: fast-import
    # runs on one thread, so without the wait it could not have taken less than those.
    def fair(r):
        b = r["stages"]["ingest"]["baseline_fast_import"]
        base = min(b["seconds"], b["cpu_seconds"]) if r["articles"] in starved else b["seconds"]
        return round(r["stages"]["ingest"]["seconds"] / base, 2)
    targets["ingest_within_1_5x_fast_import"]["worst_against_cpu_where_waited"] = max(fair(r) for r in runs)
    targets["ingest_within_1_5x_fast_import"]["holds"] = max(fair(r) for r in runs) <= 1.5
    targets["extract_25x_wink"] = {"worst": min(r["ratios"]["extract_vs_wink"] for r in runs),
                                   "worst_whole_process": min(r["ratios"].get("extract_vs_wink_process", 0) for r in runs)}
    targets["extract_25x_wink"]["holds"] = targets["extract_25x_wink"]["worst"] >= 25
# The whole run, corpus generation, baselines and bookkeeping included (the issue: under ten
# minutes on a 2-core machine at the default sizes).
targets["whole_run_under_10_minutes"] = {"seconds": total_seconds, "sizes": [r["articles"] for r in runs],
                                         "holds": total_seconds < 600}
if len(runs) >= 2:
    a, b = runs[0], runs[-1]
    ra = b["stages"]["review"]["seconds_per_op"] / a["stages"]["review"]["seconds_per_op"]
    rc = b["stages"]["review"]["cpu_seconds_per_op"] / a["stages"]["review"]["cpu_seconds_per_op"]
    targets["review_flat"] = {"from": a["articles"], "to": b["articles"], "ratio": round(ra, 2), "cpu_ratio": round(rc, 2),
                              "holds": ra <= 3}
    if "skipped" not in a["stages"]["match"] and "skipped" not in b["stages"]["match"]:
        e = math.log(b["stages"]["match"]["seconds"] / a["stages"]["match"]["seconds"]) / math.log(b["claims"] / a["claims"])
        targets["match_growth"] = {"exponent": round(e, 2), "holds": e <= 1.2}
    else:
        targets["match_growth"] = {"skipped": "no match command in this claimtrack"}
try:
    cpu = [l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")][0]
except Exception:
    cpu = platform.processor()
machine = {"cpu": cpu, "cores": os.cpu_count(), "kernel": platform.release(),
           "git": subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip(),
           "load_at_end": os.getloadavg()[0]}
json.dump({"machine": machine, "runs": runs, "targets": targets}, open(os.path.join(out, "results.json"), "w"), indent=1)

def f(x, nd=2):
    return "-" if x is None else ("%.*f" % (nd, x))
md = ["| articles | claims | stage | seconds | items/s | peak RSS MB | baseline | ratio |", "|---|---|---|---|---|---|---|---|"]
for r in runs:
    s, ra = r["stages"], r["ratios"]
    md.append("| %d | %d | ingest (add --manifest) | %s (cpu %s) | %s articles | %s | fast-import %s s (cpu %s) | %.2fx (cpu %.2fx) |" % (
        r["articles"], r["claims"], f(s["ingest"]["seconds"]), f(s["ingest"]["cpu_seconds"]), f(s["ingest"]["items_per_second"], 0),
        f(s["ingest"]["peak_rss_mb"], 0), f(s["ingest"]["baseline_fast_import"]["seconds"]),
        f(s["ingest"]["baseline_fast_import"]["cpu_seconds"]), ra["ingest_vs_fast_import"], ra["ingest_vs_fast_import_cpu"]))
    m = s["match"]
    if "skipped" in m:
        md.append("| | | match | skipped: %s | | | | |" % m["skipped"])
    else:
        md.append("| | | match | %s | %s claims | %s | | |" % (f(m["seconds"]), f(m["items_per_second"], 0), f(m["peak_rss_mb"], 0)))
        q = m.get("quality")
        if q:
            md.append("| | | match: alignments | %d (%.2f per claim) | %.1f%% within a story | | %.1f%% of story source pairs aligned | %.1f per pair |" % (
                q["alignments"], q["per_claim"], 100 * q["same_story_share"], 100 * q["pairs_aligned_share"],
                q["mean_alignments_per_aligned_pair"]))
    v = s["review"]
    md.append("| | | review (%d commits) | %s per op (cpu %s) | %s | %s | | |" % (v["ops"], f(v["seconds_per_op"], 4),
        f(v["cpu_seconds_per_op"], 4), f(v["items_per_second"], 1), f(v["peak_rss_mb"], 0)))
    p = s["report"]
    md.append("| | | report html + json | %s + %s | %s claims | %s | | |" % (f(p["html"]["seconds"]), f(p["json"]["seconds"]), f(p["items_per_second"], 0), f(p["peak_rss_mb"], 0)))
    e = s["extract"]
    md.append("| | | extract --json (%.1f MB) | %s (cpu %s; whole processes %s, start %s) | %s MB/s | %s | wink-nlp %s MB/s | %.1fx (whole processes %.1fx, cpu %.1fx) |" % (
        e["bytes"] / 1e6, f(e["seconds"]), f(e["cpu_seconds"]), f(e["process_seconds"], 3), f(e["start_seconds"], 4),
        f(e["mb_per_second"]), f(e["peak_rss_mb"], 0),
        f(e["baseline_wink"]["mb_per_second"]), ra["extract_vs_wink"], ra["extract_vs_wink_process"], ra["extract_vs_wink_cpu"]))
    o = e["one_thread"]
    md.append("| | | extract --json --jobs 1 | %s | %s MB/s | | | %.1fx |" % (f(o["seconds"]), f(o["mb_per_second"]), ra["extract_vs_wink_one_thread"]))
md.append("")
for k, v in targets.items():
    md.append("- %s: %s" % (k, json.dumps(v)))
open(os.path.join(out, "results.md"), "w").write("\n".join(md) + "\n")
print("\n".join(md))
EOF
# the last run's desks, moved aside at the start (and any a stopped run left): deleted now that
# nothing is timed any more
for t in "$out"/trash.*; do
	[ -d "$t" ] || continue
	note "deleting the last run's desks ($t)"
	rm -rf "$t"
done
