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

# The stories written blind (tests/fixtures/storyN): `make eval-storyN` prints the comparer's
# and the matcher's figures on one of them, with the dependence coverage per pair of outlets; the
# e2e tests t0764-t0767 assert the same figures with floors (this only prints them). STORYN_FIRST
# is the first outlet's day (the comparer's anchor for weekdays), STORYN_OUTLETS each outlet's.
STORY5_OUTLETS = pressline=2027-10-18 ossery-ledger=2027-10-19 newsroll=2027-10-19 \
  buzzhub=2027-10-19 tidende-english=2027-10-20
STORY5_FIRST = 2027-10-18
# story6: a copper mine collapse
STORY6_OUTLETS = wirepoint=2027-03-04 varrow-courier=2027-03-05 dailyglance=2027-03-05 \
  hotscoop=2027-03-05 posten-english=2027-03-06
STORY6_FIRST = 2027-03-04
# story7: a museum theft
STORY7_OUTLETS = pressbeam=2027-10-19 brannick-sentinel=2027-10-20 morningdigest=2027-10-20 \
  viraldesk=2027-10-20 dagblad-english=2027-10-21
STORY7_FIRST = 2027-10-19
# story8: a wildfire evacuation
STORY8_OUTLETS = newsarc=2027-10-11 eldmoor-gazette=2027-10-12 todaybrief=2027-10-12 \
  clickflash=2027-10-12 avis-english=2027-10-13
STORY8_FIRST = 2027-10-11
BLIND_STORIES = 5 6 7 8

define eval_story
eval-story$(1): $$(BUILD)/claimtrack
	@python3 tests/eval/story_pairs.py $$(BUILD)/claimtrack tests/fixtures/story$(1)/README.md \
	  --published $$(STORY$(1)_FIRST)
	@python3 tests/eval/match_story.py $$(BUILD)/claimtrack tests/fixtures/story$(1) \
	  tests/fixtures/story$(1)/README.md --deps --outlet $$(STORY$(1)_OUTLETS)

.PHONY: eval-story$(1)
endef
$(foreach n,$(BLIND_STORIES),$(eval $(call eval_story,$(n))))

define blind_story_line
@echo "== story$(1)" && python3 tests/eval/match_story.py $(BUILD)/claimtrack tests/fixtures/story$(1) \
	  tests/fixtures/story$(1)/README.md --outlet $(STORY$(1)_OUTLETS)

endef

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
	$(foreach n,$(BLIND_STORIES),$(call blind_story_line,$(n)))

.PHONY: eval-stories
