# tests/e2e/sync-lib.sh: helpers of the sync tests (t053x), sourced after lib.sh.
#
#   write_review DIR CLAIM EMAIL NAME VERDICT DATE   writes one review record into the desk DIR
#                                                    (path printed), as the review command would
#   commit_all DIR MESSAGE                           stock git add -A + commit (hooks run)
#   same_heads DIR...                                every DIR has the same HEAD

write_review() {
	python3 - "$@" <<'PYEOF'
import hashlib, json, os, sys
d, claim, email, name, verdict, date = sys.argv[1:]
key = hashlib.sha256(email.lower().encode()).hexdigest()[:16]
path = "reviews/%s/%s/%s.json" % (claim[:2], claim, key)
os.makedirs(os.path.join(d, os.path.dirname(path)), exist_ok=True)
rec = {"claim": claim, "claim_version": 1, "reviewer": {"name": name, "email": email},
       "verdict": verdict, "evidence": [], "note": None, "date": date}
with open(os.path.join(d, path), "w", encoding="utf-8") as f:
    json.dump(rec, f, indent="\t")
    f.write("\n")
print(path)
PYEOF
}

commit_all() {
	git -C "$1" add -A
	git -C "$1" commit -q -m "$2" || fail "stock git commit in $1 failed"
}

same_heads() {
	local first d
	first=$(head_of "$1")
	for d in "$@"; do
		assert_eq "$first" "$(head_of "$d")" "HEAD of $d"
	done
}

# claim_of DIR SOURCE: the id of the first claim of SOURCE in the desk DIR.
claim_of() {
	git -C "$1" ls-files "claims/*/$2/*.json" | head -n 1 | sed 's|.*/||; s|\.json$||'
}
