# Two commands on a fresh machine with Python 3.11 and make: `make site`, `make test`.
PYTHON ?= python3.11
BUILD_FLAGS ?=
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
CHROMIUM ?= /usr/bin/chromium

.PHONY: site serve check test test-fast browser-deps clean constraints screenshots vendor-plotly lighthouse

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

# Test-only tools from npm, pinned in package-lock.json: axe-core and the Nu HTML Checker.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "error: npm (Node.js) is needed for the accessibility and HTML checks"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

site: $(STAMP)
	$(PY) build.py build $(BUILD_FLAGS)

serve: $(STAMP)
	$(PY) build.py serve

check: $(STAMP)
	$(PY) build.py check

# Debian's chromium drives the browser tests, with CJK fonts so pages render as readers see
# them; install what is missing (needs root or sudo). EDPLANS_CHROMIUM points elsewhere (CI).
browser-deps:
	@need=""; \
	[ -x "$${EDPLANS_CHROMIUM:-$(CHROMIUM)}" ] || need="chromium"; \
	fc-list :lang=zh 2>/dev/null | grep -q . || need="$$need fonts-noto-cjk"; \
	command -v java >/dev/null || need="$$need default-jre-headless"; \
	if [ -n "$$need" ]; then \
	  command -v apt-get >/dev/null || { echo "error: install$$need, or set EDPLANS_CHROMIUM"; exit 1; }; \
	  echo "installing$$need for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$need >/dev/null; \
	fi

test: $(STAMP) $(NODE_STAMP) browser-deps
	$(PY) -m pytest

test-fast: $(STAMP) $(NODE_STAMP)
	$(PY) -m pytest -m "not browser"

# Lighthouse (pinned in package-lock.json) on the freshly built site with Debian's chromium:
# a markdown table of scores and metrics for a list of pages (bench/lighthouse.py, see
# bench/README.md). Not part of `make test`. LIGHTHOUSE_FLAGS="--runs 3 --out lh.md" etc.
LIGHTHOUSE_FLAGS ?=
lighthouse: $(STAMP) $(NODE_STAMP) browser-deps
	$(PY) build.py build --quiet $(BUILD_FLAGS)
	EDPLANS_CHROMIUM="$${EDPLANS_CHROMIUM:-$(CHROMIUM)}" $(PY) bench/lighthouse.py site $(LIGHTHOUSE_FLAGS)

# The README's screenshots of the featured theme pages (desktop and phone).
screenshots: $(STAMP) browser-deps
	$(PY) build.py build $(BUILD_FLAGS)
	$(PY) docs/screenshots.py

clean:
	rm -rf site .cache

# Refresh the full pin list (transitive packages too) after changing pyproject.toml.
constraints: $(STAMP)
	$(PY) -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

# Refresh the vendored plotly.js basic bundle (edplans/vendor, see its README) from npm: by
# default the plotly.js version the installed plotly.py ships; PLOTLY_JS=x.y.z for another.
# Updates the bundle, its licence, the README's version and sha256 and PLOTLY_JS_VERSION.
PLOTLY_JS ?= $(shell $(PY) -c 'from plotly.offline import get_plotlyjs_version as v; print(v())')
VENDOR := edplans/vendor
vendor-plotly: $(STAMP)
	@command -v npm >/dev/null || { echo "error: npm (Node.js) is needed to download plotly.js"; exit 1; }
	@set -e; version="$(PLOTLY_JS)"; \
	old=$$(sed -n 's/^PLOTLY_JS_VERSION = "\(.*\)"$$/\1/p' edplans/render/site.py); \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	tgz=$$(npm pack --silent --pack-destination "$$tmp" "plotly.js-basic-dist-min@$$version"); \
	tar -xzf "$$tmp/$$tgz" -C "$$tmp" package/plotly-basic.min.js package/LICENSE; \
	head -c 300 "$$tmp/package/plotly-basic.min.js" | grep -q "plotly.js (basic - minified) v$$version" \
	  || { echo "error: the downloaded bundle's header does not name v$$version"; exit 1; }; \
	rm -f $(VENDOR)/plotly-basic-*.min.js; \
	cp "$$tmp/package/plotly-basic.min.js" "$(VENDOR)/plotly-basic-$$version.min.js"; \
	cp "$$tmp/package/LICENSE" $(VENDOR)/plotly.js-LICENSE; \
	sum=$$(sha256sum "$(VENDOR)/plotly-basic-$$version.min.js" | cut -d' ' -f1); \
	sed -i "s/^PLOTLY_JS_VERSION = \".*\"$$/PLOTLY_JS_VERSION = \"$$version\"/" edplans/render/site.py; \
	sed -i -e "s/$$(printf '%s' "$$old" | sed 's/\./\\./g')/$$version/g" -e "s/[0-9a-f]\{64\}/$$sum/" $(VENDOR)/README.md; \
	echo "$(VENDOR)/plotly-basic-$$version.min.js: $$(wc -c < "$(VENDOR)/plotly-basic-$$version.min.js") bytes, sha256 $$sum (was v$$old)"
