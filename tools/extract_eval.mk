# The extractor on the blind, labelled articles (tests/fixtures/xblind, issue 3): segment
# boundaries, kinds, furniture leaks, claim precision/recall/F1, types, speakers, numbers and
# dates against labels written before the extractor was run on them. Prints the table and every
# mismatch by category; tests/e2e/t0711-extract-blind.sh asserts the same figures with floors.
eval-extract-blind: $(BUILD)/claimtrack
	@python3 tests/eval/extract_labels.py $(BUILD)/claimtrack tests/fixtures/xblind --list
	@for n in 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27; do \
		echo; echo "tests/fixtures/xblind$$n (blind set $$n, tests/e2e/t07*-extract-blind$$n.sh):"; \
		python3 tests/eval/extract_labels.py $(BUILD)/claimtrack tests/fixtures/xblind$$n --list || exit 1; \
	done

.PHONY: eval-extract-blind

# The reported-speech tuning (dev) set (tests/fixtures/xrep): written to tune the speakers on, so
# its figures are no measure of unseen text; tests/e2e/t0716-extract-xrep.sh holds its floors.
eval-extract-dev: $(BUILD)/claimtrack
	@echo "tests/fixtures/xrep (a tuning set, not blind: t0716):"
	@python3 tests/eval/extract_labels.py $(BUILD)/claimtrack tests/fixtures/xrep --list

.PHONY: eval-extract-dev
