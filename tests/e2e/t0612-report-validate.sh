#!/bin/bash
# report: the HTML passes the Nu HTML Checker (npm vnu-jar, on java) and the ClaimReview items
# pass the structured-data testing tool (npm structured-data-testing-tool, Google preset and
# the ClaimReview schema), on the golden fixture report and on a report of hostile text. Both
# tools are installed into build/tools by `make report-tools` (tools/report.mk); when they are
# missing (offline), each step says "skip" and the test passes. Neither needs the network.
. "$(dirname "$0")/lib.sh"

GOLDEN=$SRC_ROOT/tests/golden/report
tools=$(dirname "$CLAIMTRACK")/tools/node_modules
vnu=$tools/vnu-jar/build/dist/vnu.jar
sdtt=$tools/.bin/sdtt

new_desk desk
cd desk
expect_ok ct config organisation.name '<b>Fact & Desk</b>'
expect_ok ct add --id evil --outlet '<b>"Evil" & Co</b>' --url "https://evil.example/a?x=1&y='2'" \
	--published 2025-03-03 "$FIXTURES/hostile.txt"
expect_ok ct add --id good --outlet "Good | News" --published 2025-03-04 "$FIXTURES/hostile-other.txt"
expect_ok ct claims --json
cp "$OUT" ../claims.json
script=$(json_eval ../claims.json "[c['id'] for c in d if c['source'] == 'evil' and '<script>' in c['text']]")
good=$(json_eval ../claims.json "[c['id'] for c in d if c['source'] == 'good' and '12 million' in c['text']]")
expect_ok ct review "$script" --verdict contradicted -e "$good" --note '</script><script>alert(2)</script>'
expect_ok ct report --format html -o ../hostile.html
expect_ok ct report --format jsonld -o ../hostile.jsonld
cd ..

if ! command -v java >/dev/null 2>&1; then
	skip_step "java is not installed: the Nu HTML Checker is not run"
elif [ ! -f "$vnu" ]; then
	skip_step "the Nu HTML Checker is not installed in $(dirname "$CLAIMTRACK")/tools (make report-tools)"
else
	run_capture java -jar "$vnu" --also-check-svg "$GOLDEN/fixture.html" hostile.html
	[ "$LAST_RC" -eq 0 ] && [ ! -s "$ERR" ] || fail "the Nu HTML Checker reports problems"
	# The checker can fail: a report with a stray end tag is refused.
	sed 's|</main>|</div>|' hostile.html >broken.html
	run_capture java -jar "$vnu" --errors-only broken.html
	[ "$LAST_RC" -ne 0 ] && grep -q 'Stray end tag' "$ERR" || fail "the Nu HTML Checker accepted a broken page"
fi

if [ ! -x "$sdtt" ]; then
	skip_step "the structured-data testing tool is not installed in $(dirname "$CLAIMTRACK")/tools (make report-tools)"
else
	for f in "$GOLDEN/fixture.html" "$GOLDEN/fixture.jsonld" hostile.html hostile.jsonld; do
		run_capture "$sdtt" --file "$f" --presets Google --schemas ClaimReview
		[ "$LAST_RC" -eq 0 ] || fail "sdtt refuses $f"
		grep -q 'Failed: 0' "$OUT" || fail "sdtt: failed tests on $f"
		grep -q 'Schema.org schemas: ClaimReview' "$OUT" || fail "sdtt: no ClaimReview in $f"
	done
	# The tester can fail: ClaimReview items without claimReviewed are refused.
	sed 's/"claimReviewed"/"claimText"/' "$GOLDEN/fixture.jsonld" >broken.jsonld
	run_capture "$sdtt" --file broken.jsonld --presets Google --schemas ClaimReview
	[ "$LAST_RC" -ne 0 ] || fail "sdtt accepted ClaimReview items without claimReviewed"
fi
