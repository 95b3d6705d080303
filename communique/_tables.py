"""`communique.read_run(out_dir)`: a run's tables as pandas DataFrames with real dtypes.

Why from records.jsonl and not the CSVs: the CSV cells are text, escaped against
spreadsheet formulas (`'=...`); the database writer's row builders
(`writers.db.collect_tables`) give the same rows as the CSVs with their Python
values, so every table here matches its CSV and its SQLite table by construction,
including tables other parts of Communique add to the writers later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.models.records import EVENT_TYPES, MODES, ROLE_CATEGORIES
from communique.pipeline.eventcodes.rows import PloverEvent, PloverMode

if TYPE_CHECKING:
    import pandas as pd

DATE_COLUMNS = frozenset({"published", "date_start", "date_end", "date"})
FLOAT_COLUMNS = frozenset({"location_lat", "location_lon", "lat", "lon"})
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "type": EVENT_TYPES,
    "mode": MODES,
    "role_category": ROLE_CATEGORIES,
    "plover_event": PloverEvent.__args__,  # type: ignore[attr-defined]
    "plover_mode": PloverMode.__args__,  # type: ignore[attr-defined]
    "direction": ("host", "symmetric"),
    "source_type": ("country", "organization"),
    "target_type": ("country", "organization"),
}
BOOLEAN_COLUMNS = frozenset({"date_year_inferred"})
INTEGER_ENDINGS = ("_index", "_count", "_start", "_end")  # offsets, positions and counts
CATEGORY_COLUMNS = frozenset({"cameo_code", "language", "country_code",
                              "location_country_code"})


@dataclass
class Run:
    """The tables of one output folder, by name (`documents`, `events`, `participants`,
    `topics`, `dyads`, `errors`, and any table a newer writer adds), each a DataFrame.

    >>> import tempfile
    >>> run = read_run(tempfile.mkdtemp())
    >>> sorted(run.tables)[:3], str(run.events["date_start"].dtype)
    (['documents', 'dyads', 'errors'], 'datetime64[ns]')
    """

    out_dir: Path
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"{name!r}: this run has the tables {sorted(tables)}")


def read_run(out_dir: str | Path) -> Run:
    """The tables of a `communique run` output folder as typed DataFrames.

    Dates are `datetime64[ns]`, counts and offsets nullable `Int64`, flags `boolean`,
    the record vocabularies (event type, mode, role category, PLOVER codes)
    categoricals with every value of the vocabulary, other text `string`.

    >>> import communique, tempfile
    >>> empty = communique.read_run(tempfile.mkdtemp())
    >>> list(empty.events.columns[:3]), len(empty.events)
    (['doc_id', 'event_index', 'type'], 0)
    """
    import pandas as pd

    from communique.pipeline.writers.db import collect_tables

    folder = Path(out_dir)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: not an output folder of `communique run`")
    tables = {}
    for name, (columns, rows) in collect_tables(folder).items():
        frame = pd.DataFrame.from_records(rows, columns=columns)
        tables[name] = pd.DataFrame({c: typed(c, frame[c]) for c in columns},
                                    index=pd.RangeIndex(len(frame)))
    return Run(folder, tables)


def typed(column: str, values: pd.Series) -> pd.Series:
    """One column with its dtype, decided by its name (the fixed columns) or its values."""
    import pandas as pd

    if column in DATE_COLUMNS:
        return pd.to_datetime(values, format="%Y-%m-%d", errors="coerce").astype("datetime64[ns]")
    if column in VOCABULARIES:
        return values.astype(pd.CategoricalDtype(VOCABULARIES[column]))
    if column in CATEGORY_COLUMNS:
        return values.astype("category")
    if column in FLOAT_COLUMNS:
        return values.astype("Float64")
    if column in BOOLEAN_COLUMNS:
        return values.astype("boolean")
    if column.endswith(INTEGER_ENDINGS) or column == "session":
        return values.astype("Int64")
    return values.astype(_kind(values.dropna().tolist()))


def _kind(present: list[Any]) -> str:
    """The nullable pandas dtype of a column's non-null values."""
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "Int64"
    if present and all(isinstance(v, int | float) and not isinstance(v, bool)
                       for v in present):
        return "Float64"
    return "string"
