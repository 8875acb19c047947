"""Tables for notebooks: what the coder found, or what a store holds, as pandas or Arrow.

The columns are those of `actorgraph export` (`export.table_columns`), built from the same rows
the store is written with, so a DataFrame of freshly coded stories and one read back from a
store line up column for column. pandas and pyarrow come with the `frames` extra.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from actorgraph.errors import ConfigError, OptionalDependencyError
from actorgraph.export import arrow_batch, arrow_schema, converted, table_columns

if TYPE_CHECKING:
    from actorgraph.pipeline import Extraction

# What a frame can show, and the store table each is built from.
TABLES = {"documents": "documents", "actors": "actors", "events": "events", "stances": "stances", "quotes": "quotes"}


def extraction_table_rows(extractions: Iterable[Extraction], what: str, extractor: str = "") -> list[dict[str, Any]]:
    """The rows `what` would have in a store holding `extractions`, as an export converts them."""
    from actorgraph.store.rows import extraction_rows

    if what not in TABLES:
        raise ConfigError(f"no table {what!r}: use one of {', '.join(TABLES)}")
    now = datetime.now(UTC)
    rows: list[dict[str, Any]] = []
    for extraction in extractions:
        for row in extraction_rows(extraction, extractor, None, now)[TABLES[what]]:
            rows.append(converted(what, _with_story(row, extraction, what)))
    return rows


def _with_story(row: dict[str, Any], extraction: Extraction, what: str) -> dict[str, Any]:
    # The store's export joins a stance's or quote's story for its date; rows in memory carry it here.
    if what in ("stances", "quotes") and "date" not in row:
        return {**row, "date": extraction.document.published}
    return row


def to_arrow(rows: Sequence[Mapping[str, Any]], what: str) -> Any:
    """Rows of `what` as a `pyarrow.Table` with the export's typed columns."""
    pa = _require("pyarrow")
    cols = table_columns(what)
    schema = arrow_schema(cols)
    return pa.Table.from_batches([arrow_batch(rows, cols, schema)], schema=schema)


def to_pandas(rows: Sequence[Mapping[str, Any]], what: str) -> Any:
    """Rows of `what` as a `pandas.DataFrame` (dates as datetime64, lists as lists)."""
    _require("pandas")
    return to_arrow(rows, what).to_pandas(date_as_object=False)


def _require(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise OptionalDependencyError(f"tables ({module})", "frames") from exc
