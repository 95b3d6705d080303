# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED := ../shared/corpus
GATE := .gate

.PHONY: run test lint gate bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,dask]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/communique run corpus/releases --out outputs

test: $(STAMP)
	$(BIN)/ruff check communique tests bench
	$(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory gate

# Quality floors: just below what was measured (raise them as quality rises).
# Topic floors of kremlin/ukraine were reset for the v1.1 gold (measured .536 / .575),
# then raised with the topic work. Last measured (issue 16, this stop; corpus = 72 docs
# with 12 releases in new house styles): corpus .987/.941/.989/.960/.980/.849/.984,
# kremlin 1/1/.992/.983/1/.690/.984, ukraine 1/1/1/1/1/.794/.968, feeds 1 on dates,
# types and locations (dates/locations/persons/roles/countries/topics/types).
gate: $(STAMP)
	rm -rf $(GATE)
	$(BIN)/communique evaluate corpus/annotated $(GATE)/corpus --run corpus/releases \
	  --min event_dates=0.98 --min event_locations=0.93 --min persons=0.98 \
	  --min person_roles=0.95 --min countries=0.97 --min topics=0.84 --min event_types=0.98
	$(BIN)/communique evaluate corpus/feeds/gold $(GATE)/feeds --run corpus/feeds/releases \
	  --min event_dates=0.99 --min event_types=0.99 --min event_locations=0.99
	@if [ -d $(SHARED)/kremlin/gold ]; then \
	  $(BIN)/communique evaluate $(SHARED)/seed/gold $(GATE)/seed --run $(SHARED)/seed/releases \
	    --min event_dates=1 --min event_locations=1 --min persons=1 --min person_roles=1 \
	    --min countries=1 --min topics=0.79 --min event_types=1 && \
	  $(BIN)/communique evaluate $(SHARED)/kremlin/gold $(GATE)/kremlin \
	    --run $(SHARED)/kremlin/releases.jsonl \
	    --min event_dates=0.99 --min event_locations=0.99 --min persons=0.98 \
	    --min person_roles=0.97 --min countries=0.99 --min topics=0.68 --min event_types=0.98 && \
	  $(BIN)/communique evaluate $(SHARED)/ukraine/gold $(GATE)/ukraine \
	    --run $(SHARED)/ukraine/releases.jsonl \
	    --min event_dates=0.99 --min event_locations=0.99 --min persons=0.99 \
	    --min person_roles=0.99 --min countries=0.99 --min topics=0.78 --min event_types=0.96; \
	else echo "gate: $(SHARED) not found; shared gold floors not checked"; fi

lint: $(STAMP)
	$(BIN)/ruff check communique tests bench

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(GATE) outputs/records.jsonl outputs/*.csv outputs/*.json outputs/*.jsonl \
	  outputs/report outputs/*.db outputs/.cache
