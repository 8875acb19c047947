"""The evaluation harness: the extractor scored against gold files, dev and test apart.

Gold comes in named sets (`default_gold_sets`): the `dev.*` sets are read while improving the
coder (their scores are dev figures, not accuracy); the `test.*` sets were written by
annotators who never saw the coder and are frozen: only their scores are ever looked at.

Two kinds of gold:

* PLOVER's gold sentences (JSON Lines: `text`, `event`, `source`/`target` code lists). An
  expected event is found when an output event of that sentence has the same type, a source
  code in common (any source when none is expected) and, where a target is expected, a target
  code in common. Codes `IGO`/`NGO` stand for any organisation. Events marked `negated` are
  left out; each output event matches at most one expected event; precision is over all
  output events of those sentences.
* Our own article gold (`*.gold.json`: events, stances, quotes, non-events, actors for one
  article file), matched the same way and additionally within the evidence sentence.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from actorgraph.ingest import read_inputs
from actorgraph.ontology import EVENT_TYPES
from actorgraph.pipeline import Extraction, Resources, extract, prepare_articles
from actorgraph.segment import content_id, normalize
from actorgraph.types import ORGANISATION_TYPES, ActorRef, Article, Document, Event

ORG_MARKERS = {"IGO", "NGO", "IMG", "ISM"}


@dataclass
class Score:
    """Counts for one category: true positives, output and expected."""

    matched: int = 0
    output: int = 0
    expected: int = 0
    # Output that is right without answering an expected item (another event of a gold
    # sentence); it counts for precision only.
    extra_right: int = 0

    @property
    def precision(self) -> float:
        return (self.matched + self.extra_right) / self.output if self.output else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "matched": self.matched,
            "output": self.output,
            "expected": self.expected,
        }


@dataclass
class Report:
    """Scores by section (plover, articles, stances, quotes, ...) and by event type."""

    sections: dict[str, Score] = field(default_factory=dict)
    by_type: dict[str, dict[str, Score]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    misses: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sections": {k: v.as_dict() for k, v in self.sections.items()},
            "by_type": {k: {t: s.as_dict() for t, s in v.items()} for k, v in self.by_type.items()},
            "extra": self.extra,
        }


def codes_of(ref: ActorRef, states: set[str]) -> set[str]:
    """The codes an output actor answers to: its own, and IGO for any organisation."""
    found = {ref.code} if ref.code else set()
    if (ref.code and ref.code not in states) or (ref.type in ORGANISATION_TYPES):
        found |= ORG_MARKERS
    return found


def _expected_codes(values: Iterable[str]) -> set[str]:
    out = set()
    for value in values:
        if value in ORG_MARKERS:
            out |= ORG_MARKERS
        else:
            out.add(value)
    return out


def event_matches(event: Event, kind: str, source: Sequence[str], target: Sequence[str], states: set[str]) -> bool:
    """The PLOVER rule: same type, overlapping source codes, overlapping target codes if any."""
    if event.type != kind:
        return False
    if source:
        out = set().union(*(codes_of(r, states) for r in event.source)) if event.source else set()
        if not out & _expected_codes(source):
            return False
    if target:
        out = set().union(*(codes_of(r, states) for r in event.target)) if event.target else set()
        if not out & _expected_codes(target):
            return False
    return True


def _match(
    events: Sequence[Event], expected: Sequence[dict[str, Any]], states: set[str], *, text: str | None = None
) -> tuple[list[bool], set[int]]:
    """Greedy one-to-one matching; returns which expected were found and the used outputs."""
    pairs = match_pairs(events, expected, states, text=text)
    return [p is not None for p in pairs], {p for p in pairs if p is not None}


def match_pairs(
    events: Sequence[Event], expected: Sequence[dict[str, Any]], states: set[str], *, text: str | None = None
) -> list[int | None]:
    """Greedy one-to-one matching: for each expected event, the index of the output it matched."""
    used: set[int] = set()
    pairs: list[int | None] = []
    for gold in expected:
        hit = None
        for index, event in enumerate(events):
            if index in used:
                continue
            if text is not None and gold.get("evidence") and not same_sentence(gold["evidence"], event.evidence.text):
                continue
            if event_matches(event, gold["type"], gold.get("source") or [], gold.get("target") or [], states):
                used.add(index)
                hit = index
                break
        pairs.append(hit)
    return pairs


def same_sentence(gold_evidence: str, sentence: str) -> bool:
    """Whether a gold evidence excerpt comes from this output sentence.

    Gold excerpts may carry a dateline or headline words that segmentation put on a line of
    their own; most of the excerpt must still be found in the sentence.
    """
    gold, out = _norm(gold_evidence), _norm(sentence)
    if gold in out:
        return True
    from difflib import SequenceMatcher

    match = SequenceMatcher(None, gold, out, autojunk=False).find_longest_match(0, len(gold), 0, len(out))
    return match.size >= 0.6 * len(gold)


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').split())


# ---- PLOVER sentences ------------------------------------------------------------------------
def evaluate_plover(
    path: Path | Sequence[Path], resources: Resources, report: Report, *, name: str = "plover"
) -> None:
    """Score the extractor on gold sentences in PLOVER's shape (one main event per sentence).

    Our own sentence gold adds `other_events` (events the sentence also holds: finding them is
    no error) and sentences with `"event": null` (any event found there is a false alarm).
    Recall counts main events; precision counts every output event that matches a main or
    other event.
    """
    states = _states(resources)
    paths = [path] if isinstance(path, Path) else list(path)
    records = [
        {**json.loads(line), "_path": str(p)}
        for p in paths
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    documents = []
    for record in records:
        text = normalize(record["text"]).strip()
        documents.append(
            Document(
                id=record["id"], source=record["_path"], text=text, title=None, published=None, byline=None, place=None
            )
        )
    results = {ex.document.id: ex for ex in extract(documents, resources)}
    total = Score()
    per_type: dict[str, Score] = defaultdict(Score)
    misses = []
    for record in records:
        extraction = results[record["id"]]
        events = [e for e in extraction.events if e.modality != "negated"]
        main = (
            [
                {
                    "type": record["event"],
                    "source": [s["code"] for s in record.get("source", []) if s.get("code")],
                    "target": [t["code"] for t in record.get("target", []) if t.get("code")],
                }
            ]
            if record.get("event") and record.get("modality", "asserted") != "negated"
            else []
        )
        others = [o for o in record.get("other_events", []) if o.get("modality", "asserted") != "negated"]
        found, used = _match(events, main, states)
        _found_others, used_others = _match([e for i, e in enumerate(events) if i not in used], others, states)
        total.expected += len(main)
        total.output += len(events)
        total.matched += sum(found)
        # precision: events that match a main or another event of the sentence are right
        total.extra_right += len(used_others)
        for gold, hit in zip(main, found, strict=True):
            per_type[gold["type"]].expected += 1
            per_type[gold["type"]].matched += hit
        for event in events:
            per_type[event.type].output += 1
        if main and not found[0]:
            misses.append(
                {"id": record["id"], "text": record["text"], "expected": main[0], "output": [_brief(e) for e in events]}
            )
        elif not main and events and not used_others:
            misses.append({"id": record["id"], "text": record["text"], "expected": None, "output": [_brief(e) for e in events]})
    report.sections[name] = total
    report.by_type[name] = dict(sorted(per_type.items()))
    report.misses[name] = misses


def _brief(event: Event) -> str:
    src = "+".join(r.code or "?" for r in event.source) or "-"
    tgt = "+".join(r.code or "?" for r in event.target) or "-"
    return f"{event.type} {src}->{tgt} {event.modality}"


# ---- article gold ----------------------------------------------------------------------------
def evaluate_articles(
    gold_dirs: Sequence[Path], resources: Resources, report: Report, *, name: str = "articles"
) -> None:
    """Score events, stances, quotes, non-events and actors against `*.gold.json` files."""
    states = _states(resources)
    events_score, stance_score, quote_score, actor_score = Score(), Score(), Score(), Score()
    place_score, count_score = Score(), Score()
    near: Counter[str] = Counter()
    modality: Counter[str] = Counter()
    per_type: dict[str, Score] = defaultdict(Score)
    violations = []
    misses = []
    files = 0
    for gold_dir in gold_dirs:
        for gold_path in sorted(gold_dir.glob("*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            extractions = _extract_article(gold_path, gold, resources)
            if not extractions:
                continue
            files += 1
            events = [e for ex in extractions for e in ex.events]
            asserted = [e for e in events if e.modality != "negated"]
            expected = [g for g in gold.get("events", []) if g.get("modality") != "negated"]
            pairs = match_pairs(asserted, expected, states, text="")
            found = [p is not None for p in pairs]
            for g, index in zip(expected, pairs, strict=True):
                if index is not None:
                    _score_place(g, asserted[index], place_score, near)
                    _score_counts(g, asserted[index], count_score, near)
            events_score.expected += len(expected)
            events_score.output += len(asserted)
            events_score.matched += sum(found)
            for g, hit in zip(expected, found, strict=True):
                per_type[g["type"]].expected += 1
                per_type[g["type"]].matched += hit
                if not hit:
                    misses.append({"file": gold_path.name, "expected": g})
            for e in asserted:
                per_type[e.type].output += 1
            # Modality of every expected event found (negated ones included).
            for g in gold.get("events", []):
                candidates = [
                    e
                    for e in events
                    if same_sentence(g.get("evidence", ""), e.evidence.text)
                    and event_matches(e, g["type"], g.get("source") or [], g.get("target") or [], states)
                ]
                if candidates:
                    modality["found"] += 1
                    modality["right"] += any(e.modality == g.get("modality", "asserted") for e in candidates)
            for non_event in gold.get("non_events", []):
                bad = [
                    e
                    for e in asserted
                    if e.modality == "asserted"
                    and e.trigger is not None
                    and _norm(e.trigger.text) in _norm(non_event["evidence"])
                    and _norm(non_event["evidence"]) in _norm(e.evidence.text)
                ]
                if bad:
                    violations.append(
                        {"file": gold_path.name, "non_event": non_event["evidence"], "output": [_brief(e) for e in bad]}
                    )
            _score_stances(gold, extractions, states, stance_score)
            _score_quotes(gold, extractions, states, quote_score)
            _score_actors(gold, extractions, actor_score, resources.kb)
    report.sections[name] = events_score
    report.extra[f"{name}.places.within_{NEAR_KM}km"] = round(near["near"] / near["both"], 4) if near["both"] else 0.0
    report.extra[f"{name}.counts.approximate_right"] = (
        round(near["approx_right"] / near["counted"], 4) if near["counted"] else 0.0
    )
    parts = (("stances", stance_score), ("quotes", quote_score), ("actors", actor_score), ("places", place_score),
             ("counts", count_score))
    for part, score in parts:
        if score.expected:  # gold that annotates no quotes (say) is no measure of them
            report.sections[f"{name}.{part}"] = score
    report.by_type[name] = dict(sorted(per_type.items()))
    report.extra[f"{name}.files"] = files
    report.extra[f"{name}.modality_accuracy"] = (
        round(modality["right"] / modality["found"], 4) if modality["found"] else 0.0
    )
    report.extra[f"{name}.non_event_violations"] = len(violations)
    report.misses[name] = misses
    report.misses[f"{name}.non_events"] = violations


NEAR_KM = 30  # a place found within this distance of the gold's is the same place


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    import math

    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _score_place(gold: dict[str, Any], event: Event, score: Score, near: Counter[str]) -> None:
    """A found event's place against the gold's: the same town (within NEAR_KM) where the gold
    gives coordinates, else the same country. Only events found at all are scored."""
    place, found = gold.get("place"), event.location
    score.expected += place is not None
    score.output += found is not None
    if place is None or found is None:
        return
    if place.get("lat") is not None and found.lat is not None and found.lon is not None:
        near["both"] += 1
        close = _km((place["lat"], place["lon"]), (found.lat, found.lon)) <= NEAR_KM
        near["near"] += close
        score.matched += close
    elif place.get("lat") is None:
        score.matched += found.lat is None and found.code == place.get("country")


def _score_counts(gold: dict[str, Any], event: Event, score: Score, near: Counter[str]) -> None:
    """A found event's counts against the gold's: same kind and same number (or both none)."""
    expected = [dict(c) for c in gold.get("counts") or []]
    score.expected += len(expected)
    score.output += len(event.counts)
    for count in event.counts:
        for index, wanted in enumerate(expected):
            if wanted.get("kind") == count.kind and wanted.get("count") == count.count:
                score.matched += 1
                near["counted"] += 1
                near["approx_right"] += bool(wanted.get("approximate")) == count.approximate
                del expected[index]
                break


def _extract_article(gold_path: Path, gold: dict[str, Any], resources: Resources) -> list[Extraction]:
    folder = gold_path.parent.parent / ("corpus" if (gold_path.parent.parent / "corpus").exists() else "articles")
    # `path`: an article kept elsewhere (the seed page beside the repository), relative to the gold
    article = (gold_path.parent / gold["path"]).resolve() if gold.get("path") else folder / gold["file"]
    if not article.exists():
        return []
    read = list(read_inputs([str(article)], resources.settings, warn=lambda *_: None))
    if gold.get("published"):
        # The gold's own date stands in for the metadata a real feed would carry: a dateline
        # without a year takes its year from it, and an undated story the date itself (not the
        # file's modification time, which says when the gold was written).
        day = date.fromisoformat(gold["published"])
        read = [replace(a, published=a.published or day) if isinstance(a, Article) else a for a in read]
    documents = prepare_articles(read, resources, warn=lambda *_: None).documents
    if gold.get("id"):
        documents = [d for d in documents if d.id == gold["id"] or d.id.startswith(gold["id"] + "#")]
    return list(extract(documents, resources))


def _score_greedy(
    expected: Sequence[dict[str, Any]], outputs: Sequence[Any], fits: Callable[[dict[str, Any], Any], bool],
    score: Score,
) -> None:
    """Each expected item takes the first output that fits it and no earlier item took."""
    score.expected += len(expected)
    score.output += len(outputs)
    used: set[int] = set()
    for g in expected:
        index = next((i for i, out in enumerate(outputs) if i not in used and fits(g, out)), None)
        if index is not None:
            used.add(index)
            score.matched += 1


def _score_stances(gold: dict[str, Any], extractions: Sequence[Extraction], states: set[str], score: Score) -> None:
    def fits(g: dict[str, Any], stance: Any) -> bool:
        return (
            stance.polarity == g.get("polarity")
            and same_sentence(g.get("evidence", ""), stance.evidence.text)
            and (not g.get("holder") or g["holder"] in codes_of(stance.holder, states) | {stance.holder.code})
        )

    _score_greedy(gold.get("stances", []), [s for ex in extractions for s in ex.stances], fits, score)


def _score_quotes(gold: dict[str, Any], extractions: Sequence[Extraction], states: set[str], score: Score) -> None:
    def fits(g: dict[str, Any], quote: Any) -> bool:
        content, out = _norm(g.get("content", "")), _norm(quote.content.text)
        if not content or not (content in out or (out and out in content and len(out) > 0.5 * len(content))):
            return False
        return not g.get("speaker") or (quote.speaker is not None and g["speaker"] in codes_of(quote.speaker, states))

    _score_greedy(gold.get("quotes", []), [q for ex in extractions for q in ex.quotes], fits, score)


def _score_actors(gold: dict[str, Any], extractions: Sequence[Extraction], score: Score, kb: Any) -> None:
    """An expected actor is found when an output actor has its code and its name.

    Names compare folded, and through the knowledge base: "U.S." and "United States" name
    the same state, "KFOR" and "Kosovo Force" the same mission.
    """
    from actorgraph.text import fold_key, shorter_name

    actors = [a for ex in extractions for a in ex.actors]
    have = {(a.code, fold_key(a.name)) for a in actors}
    for g in gold.get("actors", []):
        score.expected += 1
        code, name = g.get("code"), g.get("name", "")
        found = kb.lookup(name)
        names = {fold_key(name)} | {fold_key(entry.name) for entry, _alias in found}
        names_state = any(entry.kind == "state" and entry.code == code for entry, _alias in found)
        # a state is found when any of its actors is ("Bulgaria's parliament" names Bulgaria)
        if (
            any((code, n) in have for n in names)
            or (names_state and any(a.code == code for a in actors))
            # a shorter form of a listed person's name in the gold, the full listed name out: one person
            or any(a.code == code and a.type == "person" and shorter_name(name, a.name) for a in actors)
        ):
            score.matched += 1
    score.output += len({(a.code, a.name) for a in actors})


def _states(resources: Resources) -> set[str]:
    return set(resources.coder.states)


# ---- gold sets ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class GoldSet:
    """Gold files scored together as one section: sentences (JSON Lines) or article gold dirs."""

    name: str  # "dev.articles", "test.sentences", ...
    kind: str  # "sentences" or "articles"
    paths: tuple[Path, ...]

    @property
    def frozen(self) -> bool:
        """Test gold is never read while tuning: its misses are never shown."""
        return self.name.startswith("test.")


def default_gold_sets(root: Path, shared: Path | None, samples: Path) -> list[GoldSet]:
    """The project's gold: PLOVER's dev half, our sentences and articles, the seed page; dev and test."""
    sets: list[GoldSet] = []
    plover = shared / "eval" / "plover" / "gsr_dev.jsonl" if shared is not None else None
    if plover is not None and plover.exists():
        sets.append(GoldSet("dev.plover", "sentences", (plover,)))
    eval_dir = root / "eval"
    dev_sentences = tuple(sorted((eval_dir / "sentences").glob("*.jsonl")))
    if dev_sentences:
        sets.append(GoldSet("dev.sentences", "sentences", dev_sentences))
    dev_articles = tuple(d for d in (samples / "gold", eval_dir / "dev" / "gold") if d.is_dir())
    if dev_articles:
        sets.append(GoldSet("dev.articles", "articles", dev_articles))
    seed = eval_dir / "seeds" / "gold"
    if seed.is_dir() and shared is not None and (shared / "corpus" / "seeds").is_dir():
        sets.append(GoldSet("dev.seed", "articles", (seed,)))
    test_sentences = tuple(sorted((eval_dir / "test" / "sentences").glob("*.jsonl")))
    if test_sentences:
        sets.append(GoldSet("test.sentences", "sentences", test_sentences))
    if (eval_dir / "test" / "gold").is_dir():
        sets.append(GoldSet("test.articles", "articles", (eval_dir / "test" / "gold",)))
    return sets


def evaluate_sets(sets: Sequence[GoldSet], resources: Resources, report: Report) -> None:
    """Score every gold set into `report`, one section (and its sub-sections) per set."""
    for gold in sets:
        if gold.kind == "sentences":
            evaluate_plover(gold.paths, resources, report, name=gold.name)
        else:
            evaluate_articles(gold.paths, resources, report, name=gold.name)
        if gold.frozen:
            for key in [k for k in report.misses if k == gold.name or k.startswith(gold.name + ".")]:
                report.misses[key] = []  # frozen: scores only, never the sentences missed


def sets_checksum(sets: Sequence[GoldSet]) -> str:
    """Checksum of every gold file of the sets and of the articles they annotate."""
    paths: list[Path] = []
    for gold in sets:
        if gold.kind == "sentences":
            paths.extend(gold.paths)
            continue
        for gold_dir in gold.paths:
            for gold_path in gold_dir.glob("*.gold.json"):
                paths.append(gold_path)
                data = json.loads(gold_path.read_text(encoding="utf-8"))
                article = (
                    (gold_path.parent / data["path"]).resolve()
                    if data.get("path")
                    else gold_dir.parent / ("corpus" if (gold_dir.parent / "corpus").exists() else "articles") / data["file"]
                )
                if article.exists():
                    paths.append(article)
    return corpus_checksum(paths)


# ---- baseline gate -----------------------------------------------------------------------------
def corpus_checksum(paths: Iterable[Path]) -> str:
    """A checksum of the gold files and the articles they annotate."""
    digest = hashlib.sha256()
    # ordered by name and content, never by where the checkout lies (../shared may be a link)
    for name, content in sorted((path.name, path.read_bytes()) for path in paths):
        digest.update(name.encode())
        digest.update(content)
    return digest.hexdigest()[:16]


FLOOR_METRICS = {
    "dev.plover": ("precision", "recall", "f1"),
    "dev.sentences": ("precision", "recall", "f1"),
    "dev.articles": ("precision", "recall", "f1"),
    "dev.articles.stances": ("f1",),
    "dev.articles.quotes": ("f1",),
    "dev.articles.actors": ("recall",),
    "dev.seed": ("precision", "recall"),
    "dev.seed.stances": ("recall",),
    "test.sentences": ("precision", "recall", "f1"),
    "test.articles": ("precision", "recall", "f1"),
    "test.articles.stances": ("f1",),
    "test.articles.quotes": ("f1",),
    "dev.articles.places": ("f1",),
    "dev.articles.counts": ("f1",),
}


def baseline_of(report: Report, checksum: str, margin: float) -> dict[str, Any]:
    """Floors a little under today's scores, with the checksum of the gold they hold for."""
    floors = {
        section: {m: round(max(0.0, getattr(report.sections[section], m) - margin), 3) for m in metrics}
        for section, metrics in FLOOR_METRICS.items()
        if section in report.sections
    }
    return {
        "checksum": checksum,
        "margin": margin,
        "floors": floors,
        "scores": {k: v.as_dict() for k, v in report.sections.items()},
    }


def below_floors(report: Report, floors: dict[str, dict[str, float]]) -> list[str]:
    """Metrics under their committed floor, as human-readable lines."""
    problems = []
    for section, metrics in floors.items():
        score = report.sections.get(section)
        for metric, floor in metrics.items():
            value = float(report.extra.get(section, 0.0)) if score is None else getattr(score, metric)
            if value + 1e-9 < floor:
                problems.append(f"{section} {metric} {value:.3f} < floor {floor:.3f}")
    return problems


__all__ = [
    "Report",
    "Score",
    "evaluate_plover",
    "evaluate_articles",
    "GoldSet",
    "below_floors",
    "default_gold_sets",
    "evaluate_sets",
    "event_matches",
    "sets_checksum",
    "EVENT_TYPES",
    "content_id",
]
