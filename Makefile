# Two commands on a fresh machine: `make scan` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: scan report test bench fuzz eval stages clean install readme

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt torch==2.13.0
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,ray]'
	touch $(STAMP)

# Exit 1 only means "findings at or above --fail-on"; the report is still written.
scan: $(STAMP)
	mkdir -p reports
	$(BIN)/factcheck scan seeds -o reports/seeds.md --fail-on never

# The seeds report as Markdown and HTML, and a screenshot of the HTML one in Debian's chromium
# (apt-get install chromium; Playwright drives it and downloads nothing).
report: $(STAMP)
	mkdir -p reports
	$(BIN)/factcheck scan seeds -o reports/seeds.md --fail-on never
	$(BIN)/factcheck scan seeds --format html -o reports/seeds.html --fail-on never
	$(BIN)/python -m factcheck.report.browser reports/seeds.html reports/seeds.png

# Lint, formatting and complexity first (ruff, configured in pyproject.toml; radon: no function rated D or
# worse): a failure there stops before the slow suite.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@out="$$($(BIN)/radon cc -n D factcheck)"; if [ -n "$$out" ]; then echo "$$out"; echo "radon: split the functions above"; exit 1; fi
	$(BIN)/python -m pytest

# Default sizes took 7 minutes here (403 s), plus about 10 for ONNX Runtime's settings (benchmarks/ORT.md); BENCH_ARGS=--large adds grouping at 25k-200k sentences (41 minutes in all).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/stories_bench.py
	$(BIN)/python benchmarks/ort_settings.py

# Per-check precision and recall on the seeds, the fixture corpus and the real-coverage corpus
# (answer keys scored with ../shared/eval/score.py's matching).
eval: $(STAMP)
	$(BIN)/python benchmarks/evaluate.py --verbose

# Where the missed figure and date items were lost, stage by stage, and what kinds of finding hit traps: the open
# half item by item, the sealed half in counts only.
stages: $(STAMP)
	$(BIN)/python benchmarks/stages.py
	$(BIN)/python benchmarks/stages.py --traps
	$(BIN)/python benchmarks/stages.py --sealed
	$(BIN)/python benchmarks/stages.py --sealed --traps

# 10,000 examples per fuzz target (a normal test run uses 200); trees up to 1,500 folders deep: 300 (a normal run: 12).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz FUZZ_DEEP_TREES=300 $(BIN)/python -m pytest tests/test_fuzz.py -p no:cacheprovider --hypothesis-show-statistics -q

# The README's check table, written anew from the rule files (factcheck explain --markdown): after adding a check.
readme: $(STAMP)
	$(BIN)/python -c "import pathlib, subprocess; from factcheck.explain import with_check_table; \
	p = pathlib.Path('README.md'); \
	t = subprocess.run(['$(BIN)/factcheck', 'explain', '--markdown'], check=True, capture_output=True, text=True).stdout; \
	p.write_text(with_check_table(p.read_text(encoding='utf-8'), t), encoding='utf-8')"

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
