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
# then raised with the topic work (measured .584 / .719; seed .800, corpus .852).
# corpus floors reset when 12 releases in new house styles were added (72 docs;
# measured dates .961, locations .842, persons .940, roles .900, countries .922,
# topics .838, types .979): raise them again as the participants/places/topics work lands.
gate: $(STAMP)
	rm -rf $(GATE)
	$(BIN)/communique evaluate corpus/annotated $(GATE)/corpus --run corpus/releases \
	  --min event_dates=0.95 --min event_locations=0.83 --min persons=0.93 \
	  --min person_roles=0.89 --min countries=0.91 --min topics=0.83 --min event_types=0.97
	$(BIN)/communique evaluate corpus/feeds/gold $(GATE)/feeds --run corpus/feeds/releases \
	  --min event_dates=0.99 --min event_types=0.99 --min event_locations=0.54
	@if [ -d $(SHARED)/kremlin/gold ]; then \
	  $(BIN)/communique evaluate $(SHARED)/seed/gold $(GATE)/seed --run $(SHARED)/seed/releases \
	    --min event_dates=1 --min event_locations=1 --min persons=1 --min person_roles=1 \
	    --min countries=1 --min topics=0.79 --min event_types=1 && \
	  $(BIN)/communique evaluate $(SHARED)/kremlin/gold $(GATE)/kremlin \
	    --run $(SHARED)/kremlin/releases.jsonl \
	    --min event_dates=0.96 --min event_locations=0.80 --min persons=0.97 \
	    --min person_roles=0.96 --min countries=0.98 --min topics=0.58 --min event_types=0.93 && \
	  $(BIN)/communique evaluate $(SHARED)/ukraine/gold $(GATE)/ukraine \
	    --run $(SHARED)/ukraine/releases.jsonl \
	    --min event_dates=0.97 --min event_locations=0.95 --min persons=0.97 \
	    --min person_roles=0.97 --min countries=0.97 --min topics=0.71 --min event_types=0.95; \
	else echo "gate: $(SHARED) not found; shared gold floors not checked"; fi

lint: $(STAMP)
	$(BIN)/ruff check communique tests bench

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(GATE) outputs/records.jsonl outputs/*.csv outputs/*.json outputs/*.jsonl \
	  outputs/report outputs/*.db outputs/.cache
