# claimtrack: plain Makefile. `make` builds build/claimtrack; `make check` runs every test;
# `make demo` runs the whole workflow on the example story. V=1 shows the commands.

PREFIX ?= /usr/local
BUILD  ?= build
CC     ?= cc

# Debian packages the project needs; `make deps` installs whichever are missing.
DEB_PKGS = pkg-config git libgit2-dev libsqlite3-dev libcjson-dev libcmocka-dev \
           libutf8proc-dev libstemmer-dev nettle-dev libdeflate-dev python3
TEST_PKGS = openssh-server openssh-client
PKGS     = libgit2 sqlite3 libcjson cmocka libutf8proc nettle libdeflate

WARN    = -std=c11 -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wmissing-prototypes -Wvla \
          -Wwrite-strings -Wformat=2 -Werror
OPT     ?= -O2 -g
# Recursively expanded, so pkg-config runs after `make deps` has installed the packages.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lm -pthread
ALL_CFLAGS = $(WARN) $(OPT) -pthread -D_GNU_SOURCE -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) $(SAN) $(CFLAGS)
ALL_LDFLAGS = $(SAN) $(LDFLAGS)

ifeq ($(V),1)
Q =
else
Q = @
endif

LIB_SRC  = $(filter-out src/main.c,$(shell find src -name '*.c' | LC_ALL=C sort))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/schemas.o $(BUILD)/obj/gen/hooks.o
MAIN_OBJ = $(BUILD)/obj/src/main.o
SCHEMAS  = claims/claim.schema.json claims/source.schema.json reviews/review.schema.json
HOOKS    = hooks/pre-commit hooks/post-merge hooks/post-checkout
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.DELETE_ON_ERROR:
.PHONY: all deps build check unit e2e demo install clean check-sanitize check-tsan test-deps bench eval fuzz bench-extract bench-match

all: deps
	@$(MAKE) --no-print-directory build

build: $(BUILD)/claimtrack

# $(call deb_install,PACKAGES): installs whichever of the Debian packages are missing.
define deb_install
	@missing=; for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	fi
endef

deps:
	$(call deb_install,$(DEB_PKGS))

# What only the tests use: sshd and the ssh client for the sync-over-ssh test (t0534), which runs
# its own sshd on 127.0.0.1 (sshd wants its privilege separation directory, /run/sshd, which the
# package's init script would make).
test-deps: deps
	$(call deb_install,$(TEST_PKGS))
	@[ -d /run/sshd ] || $(SUDO) mkdir -p -m 0755 /run/sshd || true

$(BUILD)/claimtrack: $(MAIN_OBJ) $(BUILD)/libct.a
	@echo "  LINK    $@"
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/libct.a: $(LIB_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The JSON Schemas are compiled into the binary so validate needs no files at run time.
$(BUILD)/gen/schemas.c: $(SCHEMAS) tests/embed.sh
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	$(Q)sh tests/embed.sh $(SCHEMAS) > $@

$(BUILD)/obj/gen/schemas.o: $(BUILD)/gen/schemas.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The matcher keeps each claim's terms in the index (src/cmd/match.c): they are named by a hash of
# the sources of the analysis, so that a binary built from other sources never reads terms another
# analyser wrote.
ANALYSER_SRC = $(sort $(wildcard src/align/*.[ch] src/extract/*.[ch] src/text/*.[ch]))
$(BUILD)/gen/analyser.h: $(ANALYSER_SRC)
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	$(Q)printf '#define CT_ANALYSER_SOURCES "%s"\n' "$$(cat $(ANALYSER_SRC) | sha1sum | cut -c1-16)" > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/src/cmd/match.o: $(BUILD)/gen/analyser.h

# The git hooks, compiled in the same way: init and `hooks install` need no source tree.
$(BUILD)/gen/hooks.c: $(HOOKS) tests/embed-hooks.sh
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	$(Q)sh tests/embed-hooks.sh $(HOOKS) > $@

$(BUILD)/obj/gen/hooks.o: $(BUILD)/gen/hooks.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libct.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libct.a $(ALL_LDFLAGS) $(PKG_LIBS)

check: test-deps
	@$(MAKE) --no-print-directory unit e2e

unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

e2e: $(BUILD)/claimtrack $(BUILD)/tests/faultshim.so
	@sh tests/e2e/run.sh $(abspath $(BUILD)/claimtrack)

# The failure-injection shim of t0855 (LD_PRELOAD), never instrumented: it only wraps libc calls.
$(BUILD)/tests/faultshim.so: tests/fault/faultshim.c
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CC) -std=c11 -Wall -Wextra -Werror -O1 -shared -fPIC -o $@ $< -ldl

# tests/lsan.supp: a leak of libgit2 1.5 itself (see the file); everything else is reported.
check-sanitize: test-deps
	@LSAN_OPTIONS="suppressions=$(abspath tests/lsan.supp):print_suppressions=0" \
	  $(MAKE) --no-print-directory BUILD=build/sanitize CC=clang OPT="-O1 -g" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" unit e2e

# The unit tests of the code that runs threads (the parallel extractor, the matcher's scorers, the
# pack writer and reader) under ThreadSanitizer.
TSAN_TESTS = test_extract_parallel test_match test_pack
check-tsan: test-deps
	@$(MAKE) --no-print-directory BUILD=build/tsan CC=clang OPT="-O1 -g" SAN="-fsanitize=thread" \
	  $(TSAN_TESTS:%=build/tsan/tests/%)
	@TSAN_OPTIONS="halt_on_error=1" sh tests/run-unit.sh $(TSAN_TESTS:%=build/tsan/tests/%)

demo: all
	@sh examples/demo.sh $(abspath $(BUILD)/claimtrack)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 $(BUILD)/claimtrack $(DESTDIR)$(PREFIX)/bin/claimtrack
	install -m 644 docs/claimtrack.1 $(DESTDIR)$(PREFIX)/share/man/man1/claimtrack.1
	install -m 644 docs/claimtrack.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/claimtrack

# Benchmarks (never part of make check): the extractor against wink-nlp in the same run.
$(BUILD)/bench/extract_bench: bench/extract_bench.c $(BUILD)/libct.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libct.a $(ALL_LDFLAGS) $(PKG_LIBS)

bench-extract: deps
	@$(MAKE) --no-print-directory $(BUILD)/bench/extract_bench
	@sh bench/extract.sh

# The matcher on synthetic claims at 1k, 10k, 100k and 300k (MATCH_SIZES), each size in its own
# process for its peak RSS; writes build/bench/match.json (docs/match-speed.md).
MATCH_SIZES ?= 1000 10000 100000 300000

$(BUILD)/bench/match_bench: bench/match_bench.c $(BUILD)/libct.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libct.a $(ALL_LDFLAGS) $(PKG_LIBS)

bench-match: deps
	@$(MAKE) --no-print-directory $(BUILD)/bench/match_bench
	@$(BUILD)/bench/match_bench $(MATCH_SIZES) >$(BUILD)/bench/match.json.tmp && \
	  mv $(BUILD)/bench/match.json.tmp $(BUILD)/bench/match.json && cat $(BUILD)/bench/match.json

include tools/cw.mk
include tools/match_eval.mk
include tools/extract_eval.mk
include tools/report.mk
include tools/bench.mk
include tools/fuzz.mk

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
