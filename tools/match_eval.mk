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
STORY5_OUTLETS = pressline=2027-10-18 ossery-ledger=2027-10-19 newsroll=2027-10-19 \
  buzzhub=2027-10-19 tidende-english=2027-10-20
eval-story5: $(BUILD)/claimtrack
	@python3 tests/eval/story_pairs.py $(BUILD)/claimtrack $(STORY5)/README.md --published 2027-10-18
	@python3 tests/eval/match_story.py $(BUILD)/claimtrack $(STORY5) $(STORY5)/README.md --deps \
	  --outlet $(STORY5_OUTLETS)

.PHONY: eval-story5

# The held-out story6 (tests/fixtures/story6), a copper mine collapse: the same figures as
# eval-story5 prints, asserted with floors in tests/e2e/t0765-story6.sh.
STORY6 = tests/fixtures/story6
STORY6_OUTLETS = wirepoint=2027-03-04 varrow-courier=2027-03-05 dailyglance=2027-03-05 \
  hotscoop=2027-03-05 posten-english=2027-03-06
eval-story6: $(BUILD)/claimtrack
	@python3 tests/eval/story_pairs.py $(BUILD)/claimtrack $(STORY6)/README.md --published 2027-03-04
	@python3 tests/eval/match_story.py $(BUILD)/claimtrack $(STORY6) $(STORY6)/README.md --deps \
	  --outlet $(STORY6_OUTLETS)

.PHONY: eval-story6

# The held-out story7 (tests/fixtures/story7), a museum theft: the same figures as eval-story5
# prints, asserted with floors in tests/e2e/t0766-story7.sh.
STORY7 = tests/fixtures/story7
STORY7_OUTLETS = pressbeam=2027-10-19 brannick-sentinel=2027-10-20 morningdigest=2027-10-20 \
  viraldesk=2027-10-20 dagblad-english=2027-10-21
eval-story7: $(BUILD)/claimtrack
	@python3 tests/eval/story_pairs.py $(BUILD)/claimtrack $(STORY7)/README.md --published 2027-10-19
	@python3 tests/eval/match_story.py $(BUILD)/claimtrack $(STORY7) $(STORY7)/README.md --deps \
	  --outlet $(STORY7_OUTLETS)

.PHONY: eval-story7

# The held-out story8 (tests/fixtures/story8), a wildfire evacuation, written blind: the same
# figures as eval-story5 prints, asserted with floors in tests/e2e/t0767-story8.sh.
STORY8 = tests/fixtures/story8
STORY8_OUTLETS = newsarc=2027-10-11 eldmoor-gazette=2027-10-12 todaybrief=2027-10-12 \
  clickflash=2027-10-12 avis-english=2027-10-13
eval-story8: $(BUILD)/claimtrack
	@python3 tests/eval/story_pairs.py $(BUILD)/claimtrack $(STORY8)/README.md --published 2027-10-11
	@python3 tests/eval/match_story.py $(BUILD)/claimtrack $(STORY8) $(STORY8)/README.md --deps \
	  --outlet $(STORY8_OUTLETS)

.PHONY: eval-story8

# The matcher on every fixture story at once (the same outlets and dates as the e2e tests
# t0771, t0773, t0774, t0764, t0765, t0766 and t0767): the figures of each, one after the other. Prints only.
eval-stories: $(BUILD)/claimtrack
	@echo "== example story" && python3 tests/eval/match_story.py $(BUILD)/claimtrack examples/story \
	  examples/story/README.md --outlet harbour-herald=2025-10-15 coastline-daily=2025-10-15 \
	  wire-service=2025-10-15 sloppy-rewrite=2025-10-16 translated-copy=2025-10-16 opinion-column=2025-10-18
	@echo "== story2" && python3 tests/eval/match_story.py $(BUILD)/claimtrack tests/fixtures/story2 \
	  tests/fixtures/story2/README.md --outlet kelder-courier=2026-03-11 meridian-wire=2026-03-11 \
	  ridgeline-post=2026-03-12 clickstream=2026-03-12 nordlys-english=2026-03-13
	@echo "== story3" && python3 tests/eval/match_story.py $(BUILD)/claimtrack tests/fixtures/story3 \
	  tests/fixtures/story3/README.md --outlet brenmouth-herald=2026-05-17 tidewire=2026-05-17 \
	  islands-digest=2026-05-18 quickfeed=2026-05-18 nordkyst-english=2026-05-19
	@echo "== story4" && python3 tests/eval/match_story.py $(BUILD)/claimtrack tests/fixtures/story4 \
	  tests/fixtures/story4/README.md --outlet tresk-gazette=2027-02-12 corewire=2027-02-12 \
	  citypulse=2027-02-13 snapnews=2027-02-13 ostbladet-english=2027-02-14
	@echo "== story5" && python3 tests/eval/match_story.py $(BUILD)/claimtrack $(STORY5) $(STORY5)/README.md \
	  --outlet $(STORY5_OUTLETS)
	@echo "== story6" && python3 tests/eval/match_story.py $(BUILD)/claimtrack $(STORY6) $(STORY6)/README.md \
	  --outlet $(STORY6_OUTLETS)
	@echo "== story7" && python3 tests/eval/match_story.py $(BUILD)/claimtrack $(STORY7) $(STORY7)/README.md \
	  --outlet $(STORY7_OUTLETS)
	@echo "== story8" && python3 tests/eval/match_story.py $(BUILD)/claimtrack $(STORY8) $(STORY8)/README.md \
	  --outlet $(STORY8_OUTLETS)

.PHONY: eval-stories
