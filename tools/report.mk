# Report validators (issue 6), used by tests/e2e/t0610-report-validate.sh when they can be
# installed: the Nu HTML Checker (npm vnu-jar, runs on java) and the structured-data testing tool
# (npm structured-data-testing-tool), both into $(BUILD)/tools with npm. When npm cannot install
# them (offline), the rule prints a visible "skip:" line and succeeds; the test then skips too.

REPORT_TOOLS = $(BUILD)/tools
REPORT_TOOLS_PKGS = vnu-jar@26.9.27 structured-data-testing-tool@4.5.0

.PHONY: report-tools

report-tools:
	@if [ -f $(REPORT_TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar ] && \
	    [ -f $(REPORT_TOOLS)/node_modules/structured-data-testing-tool/package.json ]; then :; \
	elif ! command -v npm >/dev/null 2>&1; then \
	  echo "skip: report validators: npm is not installed"; \
	else \
	  mkdir -p $(REPORT_TOOLS) && \
	  if npm install --prefix $(REPORT_TOOLS) --no-audit --no-fund --loglevel=error \
	       $(REPORT_TOOLS_PKGS) >$(REPORT_TOOLS)/npm.log 2>&1; then \
	    echo "  NPM     $(REPORT_TOOLS): vnu-jar, structured-data-testing-tool"; \
	  else \
	    echo "skip: report validators: npm install failed (offline?), see $(REPORT_TOOLS)/npm.log"; \
	  fi; \
	fi

# The e2e tests find the tools beside the binary under test ($(BUILD)/tools).
e2e: report-tools
