"""actorgraph: who did what to whom in news about international politics and security.

The Python API (see README, "From Python"):

    import actorgraph
    coder = actorgraph.Coder()
    results = coder.code(text, published="2025-04-02")
    results.to_pandas("events")
    with actorgraph.open_store("sqlite:///news.db") as store:
        store.events(since="2025-01-01", actor="SRB")

Names load on first use, so `import actorgraph` stays cheap for the command line.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from actorgraph.coding import Coder, Results, Store, open_store
    from actorgraph.pipeline import Extraction
    from actorgraph.types import Actor, ActorRef, Count, Document, Event, Mention, Place, Quote, Span, Stance

_WHERE = {
    "Coder": "actorgraph.coding",
    "Results": "actorgraph.coding",
    "Store": "actorgraph.coding",
    "open_store": "actorgraph.coding",
    "Extraction": "actorgraph.pipeline",
    **{
        name: "actorgraph.types"
        for name in ("Actor", "ActorRef", "Count", "Document", "Event", "Mention", "Place", "Quote", "Span", "Stance")
    },
}

__all__ = [
    "Actor",
    "ActorRef",
    "Coder",
    "Count",
    "Document",
    "Event",
    "Extraction",
    "Mention",
    "Place",
    "Quote",
    "Results",
    "Span",
    "Stance",
    "Store",
    "__version__",
    "open_store",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'actorgraph' has no attribute {name!r}")
