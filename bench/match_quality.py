#!/usr/bin/env python3
"""What the scale benchmark's match stage found, against the corpus's own truth: corpus_gen writes
each story's articles with the story's number in their url, so an alignment between two sources
of different stories is a false one (two different events), and every pair of sources of one
story shares facts that should be aligned. Reads the desk's index (read only) after `match`;
prints one JSON object: alignments per claim, the share of alignments within a story, the share
of same-story source pairs with at least one alignment and the alignments per such pair.
Usage: match_quality.py DESK MANIFEST"""
import sqlite3, sys, collections, json
desk, manifest = sys.argv[1], sys.argv[2]
story = {}
for line in open(manifest):
    if line.startswith('#') or not line.strip():
        continue
    f = line.rstrip('\n').split('\t')
    story[f[1]] = f[4].rsplit('/', 1)[1].split('-')[0]
db = sqlite3.connect('file:%s/.git/claimtrack/index.db?mode=ro' % desk, uri=True)
nclaims = db.execute('select count(*) from claims').fetchone()[0]
tot = same = 0
rel = collections.Counter()
cross = collections.Counter()
pairs = collections.Counter()
# counted by SQLite per pair of sources and relation: a tenth of the rows through Python
for sa, sb, r, k in db.execute('select sa, sb, relation, count(*) from alignments group by sa, sb, relation'):
    tot += k
    if story.get(sa) == story.get(sb):
        same += k
        rel[r] += k
        pairs[(min(sa, sb), max(sa, sb))] += k
    else:
        cross[r] += k
bystory = collections.defaultdict(list)
for s, st in story.items():
    bystory[st].append(s)
want = sum(len(v) * (len(v) - 1) // 2 for v in bystory.values())
print(json.dumps({"claims": nclaims, "alignments": tot, "per_claim": round(tot / nclaims, 2),
                  "same_story_share": round(same / max(tot, 1), 3),
                  "story_source_pairs": want, "pairs_aligned": len(pairs),
                  "pairs_aligned_share": round(len(pairs) / max(want, 1), 3),
                  "mean_alignments_per_aligned_pair": round(same / max(len(pairs), 1), 2),
                  "same_story_relations": dict(sorted(rel.items())),
                  "cross_story_relations": dict(sorted(cross.items()))}))
