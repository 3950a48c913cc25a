#!/bin/bash
# add feeds the SQLite index the records it stages (a second thread writes them) and commits the
# index as reflecting the new commit, instead of reading the records back out of git afterwards.
# The index it leaves must hold the same rows as one rebuilt from the desk, over a bulk add of
# many batches, a re-add that reads the old claims half way through, and an add that changes
# nothing.
. "$(dirname "$0")/lib.sh"

# rows DB: every row of the record tables, without the row ids (those follow insertion order),
# then the commit the index says it reflects.
rows() {
	python3 - "$1" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for t, cols in (("sources", "path, id, outlet, published, title, version, json"),
                ("claims", "path, id, source, sentence, type, status, version, checkworthy, ftext, json"),
                ("reviews", "*"), ("broken", "*"), ("match_dirty", "*")):
    for r in sorted(repr(r) for r in c.execute("SELECT %s FROM %s" % (cols, t))):
        print(t, r)
print("commit", c.execute("SELECT value FROM meta WHERE key = 'commit'").fetchone()[0])
EOF
}

# same_as_rebuilt: the index equals one rebuilt from HEAD, and is at HEAD.
same_as_rebuilt() {
	rows .git/claimtrack/index.db >../fed || fail "cannot read the index"
	grep -qx "commit $(git rev-parse HEAD)" ../fed || fail "the index is not at HEAD: $(tail -1 ../fed)"
	expect_ok ct claims --all --json
	cp "$OUT" ../fed-claims
	expect_ok ct claims --search "crowns council"
	cp "$OUT" ../fed-search
	expect_ok ct index --rebuild
	rows .git/claimtrack/index.db >../rebuilt
	test_cmp ../rebuilt ../fed
	expect_ok ct claims --all --json
	test_cmp ../fed-claims "$OUT"
	expect_ok ct claims --search "crowns council"
	test_cmp ../fed-search "$OUT"
}

# 120 articles, each of a fixture's sentences with figures of its own: ~1 MB of records, several
# of the feed's batches.
mkdir corpus
python3 - corpus "$FIXTURES" <<'EOF'
import os, sys
out, fx = sys.argv[1], sys.argv[2]
base = [open(os.path.join(fx, f)).read() for f in ("bridge.txt", "market.txt", "ferry.txt")]
with open(os.path.join(out, "manifest.tsv"), "w") as m:
    for i in range(120):
        text = base[i % 3].replace("40 million", "%d million" % (40 + i)).replace("7 to 2", "%d to 2" % (3 + i % 5))
        extra = "".join("The council said %d people from district %d signed the petition on %d May 2025.\n"
                        % (100 + 7 * i + j, j, 1 + (i + j) % 28) for j in range(12))
        with open(os.path.join(out, "a%03d.txt" % i), "w") as f:
            f.write(text + "\n" + extra)
        m.write("a%03d.txt\tsrc-%03d\tOutlet %d\t2025-05-%02d\t\n" % (i, i, i % 7, 1 + i % 28))
EOF

new_desk desk
cd desk
expect_ok ct add --manifest ../corpus/manifest.tsv
expect_stdout_contains "Add 120 sources"
same_as_rebuilt

# A re-add mixing new sources (queued for the index) with changed ones (whose old claims the add
# reads from the index while it runs) and unchanged ones.
python3 - ../corpus <<'EOF'
import os, sys
d = sys.argv[1]
for i in (5, 60, 119):
    p = os.path.join(d, "a%03d.txt" % i)
    t = open(p).read().replace("signed the petition", "marched to the hall").replace("3 crowns", "4 crowns")
    open(p, "w").write(t)
with open(os.path.join(d, "manifest2.tsv"), "w") as m:
    for i in range(120, 150):
        with open(os.path.join(d, "a%03d.txt" % i), "w") as f:
            f.write("Ferry Fares Rise\n\nThe ferry company said fares rose %d percent in %d.\n" % (i, 1900 + i))
        m.write("a%03d.txt\tsrc-%03d\tOutlet X\t\t\n" % (i, i))
    for i in (5, 7, 60, 119):
        m.write("a%03d.txt\tsrc-%03d\tOutlet %d\t2025-05-%02d\t\n" % (i, i, i % 7, 1 + i % 28))
EOF
expect_ok ct add --manifest ../corpus/manifest2.tsv
expect_stdout_contains "updated src-005"
expect_stdout_contains "unchanged: src-007"
expect_stdout_contains "Add 30 sources, update 3 sources"
same_as_rebuilt
expect_ok ct claims --source src-060 --all --json
json_assert "$OUT" "any(c['status'] == 'superseded' for c in d)" "a superseded claim of src-060"

# Nothing changed: no commit, and the index is still at HEAD.
h=$(head_of)
expect_ok ct add --manifest ../corpus/manifest2.tsv
assert_untouched "$h"
same_as_rebuilt
assert_clean
fsck_ok
