# The extractor on the blind, labelled articles (tests/fixtures/xblind, issue 3): segment
# boundaries, kinds, furniture leaks, claim precision/recall/F1, types, speakers, numbers and
# dates against labels written before the extractor was run on them. Prints the table and every
# mismatch by category; tests/e2e/t0711-extract-blind.sh asserts the same figures with floors.
eval-extract-blind: $(BUILD)/claimtrack
	@python3 tests/eval/extract_labels.py $(BUILD)/claimtrack tests/fixtures/xblind --list
	@echo; echo "tests/fixtures/xblind2 (the second blind set, t0712):"
	@python3 tests/eval/extract_labels.py $(BUILD)/claimtrack tests/fixtures/xblind2 --list
	@echo; echo "tests/fixtures/xblind3 (the third blind set, t0713):"
	@python3 tests/eval/extract_labels.py $(BUILD)/claimtrack tests/fixtures/xblind3 --list
	@echo; echo "tests/fixtures/xblind4 (the fourth blind set, t0714):"
	@python3 tests/eval/extract_labels.py $(BUILD)/claimtrack tests/fixtures/xblind4 --list
	@echo; echo "tests/fixtures/xblind5 (the fifth blind set, t0715):"
	@python3 tests/eval/extract_labels.py $(BUILD)/claimtrack tests/fixtures/xblind5 --list
	@echo; echo "tests/fixtures/xblind6 (the sixth blind set, t0717):"
	@python3 tests/eval/extract_labels.py $(BUILD)/claimtrack tests/fixtures/xblind6 --list
	@echo; echo "tests/fixtures/xblind7 (the seventh blind set, t0718):"
	@python3 tests/eval/extract_labels.py $(BUILD)/claimtrack tests/fixtures/xblind7 --list

.PHONY: eval-extract-blind

# The reported-speech tuning (dev) set (tests/fixtures/xrep): written to tune the speakers on, so
# its figures are no measure of unseen text; tests/e2e/t0716-extract-xrep.sh holds its floors.
eval-extract-dev: $(BUILD)/claimtrack
	@echo "tests/fixtures/xrep (a tuning set, not blind: t0716):"
	@python3 tests/eval/extract_labels.py $(BUILD)/claimtrack tests/fixtures/xrep --list

.PHONY: eval-extract-dev
