# Quick start: `make demo` renders the sample issue, `make test` runs the tests.
# Both install what is missing first: Debian packages (fonts, poppler, qpdf) and a venv.

VENV   := .venv
PYTHON := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test compare bench system test-system clean

demo: system $(STAMP)
	@echo "== rendering the sample issue issues/3144"
	$(VENV)/bin/broadsheet render issues/3144 -o out/3144.pdf --preview out
	@echo "== done. The command is $(CURDIR)/$(VENV)/bin/broadsheet; run it as ./broadsheet here,"
	@echo "   or put it on your PATH: export PATH=\"$(CURDIR)/$(VENV)/bin:\$$PATH\""

test: test-system $(STAMP)
	$(PYTHON) -m pytest

compare: system $(STAMP)
	$(PYTHON) -m pip install --quiet -e '.[test,bench]'
	$(PYTHON) bench/compare_text.py --out out/compare

bench: system $(STAMP)
	$(PYTHON) -m pip install --quiet -e '.[test,bench]'
	$(PYTHON) bench/bench.py

system:
	@sh scripts/install-system-deps.sh

test-system:
	@sh scripts/install-system-deps.sh --test

$(STAMP): pyproject.toml
	@echo "== creating the Python environment $(VENV)"
	python3 -m venv $(VENV)
	@echo "== updating pip"
	$(PYTHON) -m pip install --quiet --upgrade pip
	@echo "== installing Broadsheet and its Python dependencies into $(VENV) (about a minute)"
	$(PYTHON) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf out $(VENV) *.egg-info
