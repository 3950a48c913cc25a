#!/bin/bash
# add --manifest: the sources a TSV file lists (file, id, outlet, published, url), one commit for
# all of them; a bad line or an unreadable file names the line and commits nothing.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
h0=$(head_of)
mkdir ../m
cp "$FIXTURES/bridge.txt" "$FIXTURES/market.txt" ../m/
cp "$FIXTURES/ferry.txt" ../m/ferry-copy.txt
tab=$(printf '\t')

# Relative to the manifest's directory; comments, blank lines and CRLF skipped; empty published
# and url, an empty id (the file name), a missing url column.
printf '%s\n' "# file${tab}id${tab}outlet${tab}published${tab}url" "" \
	"bridge.txt${tab}ost-bridge${tab}Ostvale Post${tab}2025-10-14${tab}https://post.example/bridge" \
	"market.txt${tab}${tab}Wend Gazette${tab}${tab}" >../m/manifest.tsv
printf 'ferry-copy.txt\tferry\tWend Gazette\t2025-10-15\r\n' >>../m/manifest.tsv
expect_ok ct add --manifest ../m/manifest.tsv
expect_stdout_contains "added ost-bridge (Ostvale Post): 6 claims"
expect_stdout_contains "added market (Wend Gazette): 4 claims"
expect_stdout_contains "added ferry (Wend Gazette): 2 claims"
expect_stdout_contains "Add 3 sources, 12 claims"
assert_eq "$h0" "$(git rev-parse HEAD~1)" "exactly one new commit"
assert_clean
fsck_ok
expect_ok ct show ost-bridge --json
json_assert "$OUT" 'd["outlet"] == "Ostvale Post" and d["published"] == "2025-10-14"' "bridge metadata"
json_assert "$OUT" 'd["url"] == "https://post.example/bridge"' "bridge url"
expect_ok ct show market --json
json_assert "$OUT" 'd["published"] is None and d["url"] is None' "empty published and url are none"
expect_ok ct show ferry --json
json_assert "$OUT" 'd["published"] == "2025-10-15" and d["url"] is None' "CRLF line, url column left off"

# The same manifest again: nothing to commit.
h1=$(head_of)
expect_ok ct add --manifest ../m/manifest.tsv
expect_stdout_contains "nothing to commit"
assert_untouched "$h1"

# Bad manifests: the error names the line; nothing is committed.
cp "$FIXTURES/quotes.txt" ../m/
bad() {
	printf '%s\n' "quotes.txt${tab}quotes${tab}Ostvale Post" "$1" >../m/bad.tsv
	expect_fail 3 ct add --manifest ../m/bad.tsv
	expect_stderr_contains "$2"
	assert_untouched "$h1"
}
bad "market.txt${tab}m2${tab}Wend Gazette${tab}15/10/2025" "line 2: published must be a date written YYYY-MM-DD: '15/10/2025'"
bad "market.txt${tab}m2${tab}Wend Gazette${tab}${tab}not a url" "line 2: url must be an absolute URL"
bad "market.txt${tab}m2${tab}${tab}2025-10-15" "line 2: the outlet (third column) is empty"
bad "market.txt" "line 2: expected tab-separated columns"
bad "market.txt${tab}m2${tab}W${tab}${tab}${tab}extra" "line 2: more than 5 tab-separated columns"
bad "market.txt${tab}../up${tab}Wend Gazette" "line 2: invalid source id '../up'"
bad "market.txt${tab}quotes${tab}Wend Gazette" "lines 1 and 2 would both be source 'quotes'"
bad "missing.txt${tab}m2${tab}Wend Gazette" "cannot read file"
expect_stderr_contains "line 2"
expect_stderr_contains "nothing was committed"
bad "empty.txt${tab}m2${tab}Wend Gazette" "cannot read file"
: >../m/empty.txt
bad "empty.txt${tab}m2${tab}Wend Gazette" "source is empty"

printf '# only a comment\n\n' >../m/none.tsv
expect_fail 3 ct add --manifest ../m/none.tsv
expect_stderr_contains "names no source"
expect_fail 3 ct add --manifest ../m/does-not-exist.tsv
expect_stderr_contains "cannot read manifest"
printf 'a\0b\tc\td\n' >../m/nul.tsv
expect_fail 3 ct add --manifest ../m/nul.tsv
expect_stderr_contains "NUL"
assert_untouched "$h1"

# --manifest takes no FILE and no per-source option; add without either is a usage error.
expect_fail 2 ct add --manifest ../m/manifest.tsv ../m/quotes.txt
expect_stderr_contains "--manifest names the files"
expect_fail 2 ct add --manifest ../m/manifest.tsv --outlet X
expect_fail 2 ct add
assert_untouched "$h1"

# A good manifest after the failures: the new source only.
printf 'quotes.txt\tquotes\tOstvale Post\t2025-10-16\thttps://post.example/q\n' >../m/more.tsv
expect_ok ct add --manifest "$(cd ../m && pwd)/more.tsv"
expect_stdout_contains "added quotes (Ostvale Post): 3 claims"
assert_eq "$h1" "$(git rev-parse HEAD~1)" "one commit"
assert_clean
fsck_ok
