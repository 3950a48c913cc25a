# The scale benchmark (make bench): the whole pipeline at BENCH_SIZES articles (default 2000 8000
# 32000) against git fast-import and wink-nlp in the same run; see bench/run.sh and BENCH.md.
# Never part of make check. Writes build/bench/results.json and build/bench/results.md.

BENCH_SIZES ?= 2000 8000 32000

$(BUILD)/bench/corpus_gen: bench/corpus_gen.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(WARN) $(OPT) -D_GNU_SOURCE $(CFLAGS) -o $@ $<

$(BUILD)/bench/runstat: bench/runstat.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(WARN) $(OPT) -D_GNU_SOURCE $(CFLAGS) -o $@ $<

$(BUILD)/bench/fi_stream: bench/fi_stream.c $(BUILD)/libct.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libct.a $(ALL_LDFLAGS) $(PKG_LIBS)

bench: deps
	@$(MAKE) --no-print-directory $(BUILD)/claimtrack $(BUILD)/bench/corpus_gen $(BUILD)/bench/runstat \
	  $(BUILD)/bench/fi_stream
	@BENCH_SIZES="$(BENCH_SIZES)" sh bench/run.sh
