# The pair scorer on the Microsoft Research Paraphrase Corpus (../shared/data/mrpc): accuracy and
# F1 of "same fact" on a held-out fifth of the train file. Optional: make check never reads it.
MRPC_DATA ?= ../shared/data/mrpc
MRPC_FILE = $(MRPC_DATA)/msr_paraphrase_train.txt

$(BUILD)/tools/match_eval: tools/match_eval.c $(BUILD)/libct.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libct.a $(ALL_LDFLAGS) $(PKG_LIBS)

eval-match: deps
	@[ -r "$(MRPC_FILE)" ] || { \
	  echo "claimtrack: MRPC data not found: '$(MRPC_FILE)' (set MRPC_DATA=DIR)" >&2; exit 1; }
	@$(MAKE) --no-print-directory -s $(BUILD)/tools/match_eval
	@$(BUILD)/tools/match_eval $(MRPC_FILE)

.PHONY: eval-match

# The held-out story5 (tests/fixtures/story5): prints the comparer's and the matcher's figures on
# it, with the dependence coverage per pair of outlets. tests/e2e/t0764 asserts the same figures
# with floors; this target only prints them.
STORY5 = tests/fixtures/story5
eval-story5: $(BUILD)/claimtrack
	@python3 tests/eval/story_pairs.py $(BUILD)/claimtrack $(STORY5)/README.md --published 2027-10-18
	@python3 tests/eval/match_story.py $(BUILD)/claimtrack $(STORY5) $(STORY5)/README.md --deps \
	  --outlet pressline=2027-10-18 ossery-ledger=2027-10-19 newsroll=2027-10-19 \
	  buzzhub=2027-10-19 tidende-english=2027-10-20

.PHONY: eval-story5
