# Check-worthiness model: train-checkworthy regenerates src/extract/cw_model.c from the public data
# in ../shared/data; eval-checkworthy prints the shipped weights' figures on the held-out parts.
# Optional targets, included by the Makefile: make check never builds the trainer nor reads the data.
CW_DATA ?= ../shared/data
CW_FILES = claimbuster/cb_3class_data_small.json claimbuster/cb_2class_kfold_25ncs.json \
           clef2019/CT19-T1-Training.csv

$(BUILD)/tools/cw_train: tools/cw_train.c $(BUILD)/libct.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libct.a $(ALL_LDFLAGS) $(PKG_LIBS)

cw-data-check:
	@for f in $(CW_FILES); do \
	  [ -r "$(CW_DATA)/$$f" ] || { \
	    echo "claimtrack: check-worthiness data not found: '$(CW_DATA)/$$f' (set CW_DATA=DIR)" >&2; \
	    exit 1; }; \
	done

train-checkworthy: cw-data-check deps
	@$(MAKE) --no-print-directory -s $(BUILD)/tools/cw_train
	$(BUILD)/tools/cw_train $(CW_DATA) src/extract/cw_model.c
	@$(MAKE) --no-print-directory build

eval-checkworthy: cw-data-check deps
	@$(MAKE) --no-print-directory -s $(BUILD)/tools/cw_train
	@$(BUILD)/tools/cw_train --eval $(CW_DATA)

.PHONY: train-checkworthy eval-checkworthy cw-data-check
