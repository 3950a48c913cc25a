# Check-worthiness model: train-checkworthy regenerates src/extract/cw_model.c from the public data
# in ../shared/data; eval-checkworthy reports the shipped weights on the held-out parts.
# Optional targets: make check never reads the data.
CW_DATA ?= ../shared/data

$(BUILD)/tools/cw_train: tools/cw_train.c $(BUILD)/libct.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libct.a $(ALL_LDFLAGS) $(PKG_LIBS)

cw-data-check:
	@[ -d "$(CW_DATA)/claimbuster" ] && [ -d "$(CW_DATA)/clef2019" ] || \
	  { echo "check-worthiness data not found in $(CW_DATA) (set CW_DATA=...)"; exit 1; }

train-checkworthy: deps cw-data-check
	@$(MAKE) --no-print-directory $(BUILD)/tools/cw_train
	$(BUILD)/tools/cw_train $(CW_DATA) src/extract/cw_model.c
	@$(MAKE) --no-print-directory build

eval-checkworthy: deps cw-data-check
	@$(MAKE) --no-print-directory $(BUILD)/tools/cw_train
	@$(BUILD)/tools/cw_train --eval $(CW_DATA)

.PHONY: train-checkworthy eval-checkworthy cw-data-check
