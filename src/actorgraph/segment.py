"""Clean and segment: a page of text becomes one or more stories (`Document`s).

Raw text from files has hard line-wraps, boilerplate ("Original post Here", share lines,
bare section labels) and can hold several stories (a main article followed by teasers). This
module undoes the wraps, drops the boilerplate, splits stories at the page's own markers,
finds each story's title, byline and dateline, and records which lines are headings so that
sentence splitting keeps them apart. Offsets of everything later are into `Document.text`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from actorgraph.links import web_url
from actorgraph.types import Article, DateSource, Document, Place

# Resolves a place name (a city or a country) to an ISO3 code, or None.
PlaceResolver = Callable[[str], "str | None"]

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_TERMINAL = tuple(".!?;\"”’')»…") + (":",)
_SMALL_WORDS = {
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "and",
    "or",
    "but",
    "nor",
    "with",
    "by",
    "from",
    "as",
    "over",
    "into",
    "vs",
    "vs.",
    "via",
    "after",
    "amid",
    "against",
    "between",
    "about",
    "under",
    "up",
    "out",
    "off",
    "than",
    "is",
    "are",
    "its",
    "his",
    "her",
    "their",
    "be",
    "s",
    "’s",
    "'s",
    "if",
    "per",
    "new",
    "not",
    "no",
}
SECTION_LABELS = {
    "news",
    "world",
    "world news",
    "region",
    "regional",
    "politics",
    "opinion",
    "analysis",
    "business",
    "economy",
    "sport",
    "sports",
    "culture",
    "home",
    "latest",
    "latest news",
    "top stories",
    "top story",
    "featured",
    "breaking",
    "breaking news",
    "balkans",
    "europe",
    "international",
    "local",
    "national",
    "security",
    "defence",
    "defense",
    "diplomacy",
    "society",
    "editorial",
    "editorials",
    "commentary",
    "feature",
    "features",
    "in brief",
    "more news",
    "most read",
    "trending",
    "video",
    "photos",
    "related",
    "related news",
    "related articles",
    "see also",
    "albania",
    "kosovo",
    "serbia",
    "croatia",
    "bosnia",
    "montenegro",
    "north macedonia",
    "macedonia",
    "middle east",
    "africa",
    "asia",
    "americas",
}
_END_MARKERS = re.compile(
    r"^(original post( here)?|read more|read the full (story|article)|continue reading|"
    r"full story|more »|read more »|source: .{1,60})\W*$",
    re.I,
)
_BOILERPLATE = re.compile(
    r"^(share( this( article| story)?)?( on (facebook|twitter|x|linkedin|whatsapp|telegram|email))?|"
    r"tweet|print|email|e-mail this|copy link|comments?( \(\d+\))?|advertisement|"
    r"(sign up|subscribe)\b.{0,80}|follow us\b.{0,80}|(click|tap) here\b.{0,80}|"
    r"(©|copyright)\b.{0,120}|all rights reserved.{0,80}|tags?:.{0,200}|"
    r"(previous|next) (article|post|story).{0,120}|you (may|might) also like.{0,40}|"
    r"more from\b.{0,60}|we use cookies.{0,200}|accept( all)? cookies|"
    r"(photo|image|video|file photo)( credit)?:.{0,150}|listen to (this|the) article.{0,40})\W*$",
    re.I,
)
_TRAILING_MARKER = re.compile(r"\s*(original post( here)?|read more( »)?|continue reading)\s*$", re.I)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?(?:\s*\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2})"
)
_DASH = r"\s*(?:—|–|-{1,2}|:)\s*"
# "BRUSSELS/DUBAI": a story filed from two places
_CAPS_PLACE = r"[A-Z][A-Z'’.\-]+(?:(?:\s+|/)[A-Z][A-Z'’.\-]+){0,3}"
_TAIL = r"(?:,\s*[A-Z][a-z]+(?:[ -](?:(?:and|of|the)\s+)?[A-Z][a-z]+){0,3})?"
_AGENCY = r"(?:\s*\((?P<agency>[A-Za-z][\w .&/-]{0,30})\))?"
_DATELINE_PLACE_FIRST = re.compile(rf"^(?P<place>{_CAPS_PLACE}{_TAIL})(?:,?\s*(?P<date>{_DATE}))?{_AGENCY}{_DASH}")
_DATELINE_TITLE_PLACE = re.compile(rf"^(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?),\s*(?P<date>{_DATE}){_AGENCY}{_DASH}")
_DATELINE_DATE_FIRST = re.compile(rf"^(?P<date>{_DATE}){_DASH}")
_NAME_WORD = r"[A-Z][\w'’.\-]*"
_INLINE_BYLINE = re.compile(
    rf"^By\s+(?P<by>{_NAME_WORD}(?:\s+(?:and\s+)?(?!{_CAPS_PLACE}\b[,\s])[A-Z][a-z][\w'’.\-]*)*)\s+(?=[A-Z]{{2}})"
)
_BYLINE_LINE = re.compile(
    rf"^By:?\s+(?:the\s+)?(?P<by>{_NAME_WORD}(?:[\s,]+(?:and\s+)?(?:{_NAME_WORD}|de|van|von|al-\w+)){{0,8}})"
    r"(?:\s*[|,]\s*.{0,60})?$"
)
_PAREN_BYLINE = re.compile(r"^\((?P<by>[^()]{3,120}?)\s*\)$")
_REPORTING_BY = re.compile(r"(?:Reporting|Writing|Additional reporting) by ([^;)]+)", re.I)


@dataclass
class _Line:
    text: str
    kind: str  # text | heading | label | boiler | end | byline | blank
    after_blank: bool = False


@dataclass
class _Story:
    lines: list[_Line] = field(default_factory=list)
    byline: str | None = None

    @property
    def has_body(self) -> bool:
        return any(line.kind == "text" for line in self.lines)


def normalize(text: str) -> str:
    """Unicode NFC, unified line ends and spaces, no zero-width characters."""
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = re.sub(r"[^\S\n]+", " ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def unwrap(lines: list[str]) -> list[str]:
    """Join physical lines that a hard wrap split in the middle of a sentence.

    Blank lines are kept (as empty strings) because they separate stories and paragraphs.
    """
    non_blank = [len(line) for line in lines if line]
    widest = max(non_blank, default=0)
    # Text wrapped at a fixed width: most lines come close to the widest one, none is long.
    wrapped = (
        len(non_blank) >= 4 and widest <= 100 and sum(1 for n in non_blank if n >= 0.7 * widest) >= 0.5 * len(non_blank)
    )
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line and _continues(out[-1], line, wrapped, widest):
            if out[-1].endswith("-") and out[-1][-2:-1].isalpha() and line[:1].islower():
                out[-1] = out[-1] + line
            else:
                out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return out


def _continues(previous: str, line: str, wrapped: bool, widest: int) -> bool:
    if previous.endswith(_TERMINAL):
        return False
    first = line[:1]
    if first.islower() or first in ",;)–—":
        return True
    if wrapped and len(previous) >= 0.6 * widest:
        last_word = previous.rsplit(" ", 1)[-1]
        return last_word[:1].islower() or last_word[:1].isdigit() or last_word in {"&", "-"}
    return False


def is_heading(line: str) -> bool:
    """A title-like line: short, no sentence-final punctuation, mostly capitalised words."""
    words = line.split()
    if not words or len(words) > 22 or len(line) > 170:
        return False
    if line.endswith((".", ",", ";", "…", ":", '"', "”")) and not _ends_with_abbreviation(line):
        return False
    content = [w for w in words if w.lower().strip("“”\"'‘’(") not in _SMALL_WORDS]
    if not content:
        return False
    capitalised = sum(1 for w in content if w.lstrip("“”\"'‘’(")[:1].isupper() or w[:1].isdigit())
    return capitalised / len(content) >= 0.75


def _ends_with_abbreviation(line: str) -> bool:
    return bool(re.search(r"\b(?:[A-Z]\.){2,}$", line))


def _classify(line: str) -> str:
    if not line:
        return "blank"
    low = line.lower().strip(" :|»›>")
    if len(line) <= 40 and low in SECTION_LABELS:
        return "label"
    if _END_MARKERS.match(line):
        return "end"
    if _BOILERPLATE.match(line):
        return "boiler"
    if _byline_of(line) is not None:
        return "byline"
    if is_heading(line):
        return "heading"
    return "text"


def _byline_of(line: str) -> str | None:
    if len(line) > 140:
        return None
    match = _BYLINE_LINE.match(line)
    if match and not line.endswith("."):
        return match.group("by").strip(" ,")
    match = _PAREN_BYLINE.match(line)
    if match:
        inner = match.group("by").strip()
        reporting = _REPORTING_BY.search(inner)
        if reporting:
            return reporting.group(1).strip()
        words = inner.split()
        if re.search(r"\b(editorial board|staff|correspondents?|desk|newsroom|editors?)\b", inner, re.I):
            return inner
        if 1 < len(words) <= 6 and all(w[:1].isupper() or w.lower() in {"and", "de", "van"} for w in words):
            return inner
    return None


def split_stories(text: str, *, raw: bool, title: str | None = None) -> list[_Story]:
    """Split a cleaned page into stories at its own markers (labels, end markers, bylines).

    A line equal to the page's known `title` is a heading whatever its capitalisation.
    """
    physical = text.split("\n")
    lines = unwrap(physical) if raw else physical
    classified: list[_Line] = []
    blank = True
    for raw_line in lines:
        if not raw_line:
            blank = True
            continue
        # A teaser that ends with "Original post Here" on the same line: the story ends.
        trimmed = _TRAILING_MARKER.sub("", raw_line) if len(raw_line) > 40 else raw_line
        kind = "heading" if title is not None and trimmed == title else _classify(trimmed)
        classified.append(_Line(trimmed, kind, after_blank=blank))
        if trimmed != raw_line and kind == "text":
            classified.append(_Line("", "end"))
        blank = False

    _promote_headlines(classified)
    stories: list[_Story] = []
    current = _Story()
    ended = False

    def close() -> None:
        nonlocal current, ended
        if current.lines or current.byline:
            stories.append(current)
        current = _Story()
        ended = False

    for index, line in enumerate(classified):
        if line.kind == "label":
            if current.has_body:
                close()
            continue
        if line.kind == "boiler":
            continue
        if line.kind == "end":
            ended = current.has_body or ended
            continue
        if line.kind == "byline":
            name = _byline_of(line.text)
            if current.has_body and line.text.startswith("("):
                current.byline = current.byline or name
                ended = True
            elif current.has_body and ended:
                close()
                current.byline = name
            else:
                current.byline = current.byline or name
            continue
        if (
            ended
            and current.has_body
            or (
                line.kind == "heading"
                and current.has_body
                and line.after_blank
                and _next_text_has_dateline(classified, index)
            )
        ):
            close()
        current.lines.append(line)
    close()
    return [story for story in stories if story.has_body]


def _promote_headlines(lines: list[_Line]) -> None:
    """Sentence-case headlines: a short unpunctuated line standing alone before the body.

    Many outlets write headlines in sentence case ("Serbia objects to defence pact"), which
    the capitalisation test misses; their layout gives them away: a line without final
    punctuation at the start of the page or after a break, followed by a blank line or by
    a dateline.
    """
    for index, line in enumerate(lines):
        if line.kind != "text" or line.text.endswith(_TERMINAL) or len(line.text.split()) > 25:
            continue
        previous = lines[index - 1] if index else None
        starts = previous is None or line.after_blank or previous.kind in ("label", "end", "boiler")
        following = lines[index + 1] if index + 1 < len(lines) else None
        if not starts or following is None:
            continue
        if following.after_blank or _match_dateline(following.text, lambda _name: None) is not None:
            line.kind = "heading"


def _next_text_has_dateline(lines: list[_Line], index: int) -> bool:
    for line in lines[index + 1 : index + 4]:
        if line.kind == "text":
            return _match_dateline(line.text, lambda _name: None) is not None or bool(_INLINE_BYLINE.match(line.text))
        if line.kind not in ("heading", "byline"):
            return False
    return False


@dataclass(frozen=True)
class _Dateline:
    end: int  # where the dateline ends in the line
    place: str | None
    date_text: str | None


def _match_dateline(line: str, resolve_place: PlaceResolver) -> _Dateline | None:
    match = _DATELINE_PLACE_FIRST.match(line)
    if match:
        place = match.group("place")
        city = place.split(",")[0].split("/")[0].strip()
        has_support = bool(match.group("date") or match.group("agency") or "," in place)
        # A bare upper-case word before a dash could be an acronym ("NATO — the alliance"):
        # without a date, agency or country after it, it must be a known place or look like one.
        looks_like_place = " " in city or len(city) >= 5
        if has_support or looks_like_place or resolve_place(city.title()) is not None:
            return _Dateline(match.end(), place, match.group("date"))
    match = _DATELINE_TITLE_PLACE.match(line)
    if match:
        return _Dateline(match.end(), match.group("place"), match.group("date"))
    match = _DATELINE_DATE_FIRST.match(line)
    if match:
        rest = line[match.end() :]
        words = rest.split()
        place = None
        taken = 0
        # The place after a leading date runs into the first sentence ("– Tirana Albania has
        # expressed"): take the longest run of up to three words that names a known place,
        # else one capitalised word if the text after it still starts a sentence.
        for size in (3, 2, 1):
            candidate = " ".join(words[:size]).rstrip(",:")
            if len(words) > size and candidate[:1].isupper() and resolve_place(candidate):
                place, taken = candidate, size
                break
        if place is None and len(words) > 1 and words[0][:1].isupper() and words[1][:1].isupper():
            place, taken = words[0].rstrip(",:"), 1
        if place is None:
            return _Dateline(match.end(), None, match.group("date"))
        consumed = rest.index(words[taken - 1]) + len(words[taken - 1])
        tail = rest[consumed:]
        consumed += len(tail) - len(tail.lstrip(" ,:—–-"))
        return _Dateline(match.end() + consumed, place, match.group("date"))
    return None


def _parse_date(value: str | None, fallback_year: int | None) -> date | None:
    if not value:
        return None
    from dateutil import parser

    has_year = bool(re.search(r"\d{4}", value))
    if not has_year and fallback_year is None:
        return None
    try:
        default = parser.parse("2000-01-01").replace(year=fallback_year or 2000)
        return parser.parse(value.replace(".", " "), default=default, fuzzy=True).date()
    except (ValueError, OverflowError):
        return None


def _place_of(raw: str | None, resolve_place: PlaceResolver) -> Place | None:
    if not raw:
        return None
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    city = parts[0].split("/")[0].strip()  # "BRUSSELS/DUBAI": the first place filed from
    name = city.title() if city.isupper() else city
    code = resolve_place(name)
    for part in parts[1:]:
        code = code or resolve_place(part)
    return Place(name=name, code=code)


def segment(article: Article, resolve_place: PlaceResolver = lambda _name: None) -> list[Document]:
    """Turn one article into its stories, each a `Document` with title, byline, dateline."""
    text = normalize(article.text)
    title = normalize(article.title).strip() if article.title else None
    stories = split_stories(text, raw=not article.from_html, title=title)
    documents: list[Document] = []
    for index, story in enumerate(stories, start=article.part):
        documents.append(_build(article, story, index, resolve_place))
    return documents


def _build(article: Article, story: _Story, index: int, resolve_place: PlaceResolver) -> Document:
    lines = list(story.lines)
    title: str | None = None
    if lines and lines[0].kind == "heading":
        title = lines[0].text
    elif index == 0 and article.title:
        title = article.title.strip()
    byline = story.byline or (article.byline if index == 0 else None)
    # The date an input states for itself (HTML metadata, a JSON Lines `published`, a date in
    # the file name) is the main story's own. A later story on the page prefers its own
    # dateline and takes the input's date only as its page's (see `actorgraph.dating`).
    main = index == 0
    published = article.published if main else None
    date_source: DateSource | None = "text" if published is not None else None
    place: Place | None = None

    parts: list[str] = []
    headings: list[tuple[int, int]] = []
    offset = 0
    dateline_seen = False
    for line in lines:
        body = line.text
        if line.kind == "text" and not dateline_seen:
            dateline_seen = True
            inline = _INLINE_BYLINE.match(body)
            if inline:
                byline = byline or inline.group("by").strip()
                body = body[inline.end() :]
            found = _match_dateline(body, resolve_place)
            if found is not None:
                dateline_text = body[: found.end].rstrip()
                rest = body[found.end :].lstrip()
                place = _place_of(found.place, resolve_place)
                reference = article.published or article.date_hint
                found_date = _parse_date(found.date_text, reference.year if reference else None)
                if published is None and found_date is not None:
                    published, date_source = found_date, "text"
                if rest:
                    headings.append((offset, offset + len(dateline_text)))
                    parts.append(dateline_text)
                    offset += len(dateline_text) + 1
                    body = rest
        if line.kind == "heading":
            headings.append((offset, offset + len(body)))
        parts.append(body)
        offset += len(body) + 1
    if published is None and main and article.date_hint is not None:
        published, date_source = article.date_hint, "text"
    elif published is None and (article.published or article.date_hint) is not None:
        published, date_source = article.published or article.date_hint, "page"
    doc_text = "\n".join(parts)
    if article.given_id is not None:
        doc_id = article.given_id if index == 0 else f"{article.given_id}#{index + 1}"
    else:
        doc_id = content_id(doc_text)
    return Document(
        id=doc_id,
        source=article.source,
        text=doc_text,
        title=title,
        published=published,
        byline=byline,
        place=place,
        # Whatever read the article, a story only ever links to a web address (see `links`).
        url=web_url(article.url),
        headings=tuple(headings),
        story_index=index,
        order=article.order,
        date_source=date_source,
    )


def content_id(text: str, salt: str = "") -> str:
    """A document id derived from its text (and a salt to tell apart exact copies)."""
    return hashlib.sha256((salt + "\0" + text if salt else text).encode("utf-8")).hexdigest()[:16]
