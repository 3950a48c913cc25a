# libFuzzer targets (issue 8): `make fuzz` builds build/fuzz/fuzz_<target> with clang,
# -fsanitize=fuzzer,address,undefined, and runs each for FUZZ_SECONDS seconds on its seed corpus
# (tests/fuzz/corpus/<target>/, copied to build/fuzz/corpus/<target>/ where the fuzzer adds what
# it finds). A crash stops the run and leaves its input as build/fuzz/crash-<target>-*; copy it
# to tests/fuzz/regress/<target>/ once fixed, where tests/unit/test_fuzz_regress.c replays it in
# `make check`. The entry points are in tests/fuzz/targets.c.
#
#   make fuzz                       build and run every target for FUZZ_SECONDS (default 60)
#   make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS=extract

FUZZ_TARGETS ?= extract record compare opts
FUZZ_SECONDS ?= 60
FUZZ_DIR      = build/fuzz
FUZZ_DEB_PKGS = clang libclang-rt-dev
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

.PHONY: fuzz fuzz-deps fuzz-build fuzz-bins

fuzz-deps: deps
	$(call deb_install,$(FUZZ_DEB_PKGS))

# The library is compiled with coverage instrumentation (fuzzer-no-link) in its own build dir.
fuzz-build: fuzz-deps
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_DIR) CC=clang OPT="-O1 -g" \
	  SAN="-fsanitize=fuzzer-no-link $(FUZZ_SAN)" fuzz-bins

fuzz-bins: $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%)

$(BUILD)/fuzz_%: tests/fuzz/targets.c $(BUILD)/libct.a
	@echo "  FUZZ    $@"
	$(Q)$(CC) $(ALL_CFLAGS) -DCT_FUZZ_TARGET=$* -o $@ $< $(BUILD)/libct.a \
	  -fsanitize=fuzzer $(FUZZ_SAN) $(LDFLAGS) $(PKG_LIBS)

# -close_fd_mask=3: the option parser prints usage errors; libFuzzer keeps its own output and
# the sanitizer reports on a copy of stderr.
fuzz: fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t; \
	  cp tests/fuzz/corpus/$$t/* $(FUZZ_DIR)/corpus/$$t/; \
	  echo "  RUN     fuzz_$$t for $(FUZZ_SECONDS) s"; \
	  if ! $(FUZZ_DIR)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=20 \
	       -rss_limit_mb=2048 -close_fd_mask=3 -print_final_stats=1 \
	       -artifact_prefix=$(FUZZ_DIR)/crash-$$t- $(FUZZ_DIR)/corpus/$$t \
	       >$(FUZZ_DIR)/fuzz_$$t.log 2>&1; then \
	    tail -n 60 $(FUZZ_DIR)/fuzz_$$t.log; \
	    echo "fuzz: fuzz_$$t failed; the input is $(FUZZ_DIR)/crash-$$t-*"; exit 1; \
	  fi; \
	  grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' $(FUZZ_DIR)/fuzz_$$t.log | tail -n 2 | sed 's/^/    /'; \
	done
