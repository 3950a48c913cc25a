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
