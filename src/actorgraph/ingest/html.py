"""HTML pages to main text and metadata, with trafilatura."""

from __future__ import annotations

import re
import warnings
from datetime import date
from typing import Any

from actorgraph.errors import InputError
from actorgraph.types import Article

# Fewer words than this after extraction is a navigation shell, a "please enable JavaScript"
# page or an error page, not an article.
MIN_WORDS = 12
_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html|head|body|article|p|div)[\s>]", re.I)


def looks_like_html(head: bytes | str) -> bool:
    """Whether the first bytes of an input look like an HTML document."""
    sample = head[:2048]
    if isinstance(sample, str):
        sample = sample.encode("utf-8", "ignore")
    return bool(_HTML_SNIFF.search(sample))


def parse_html(html: str, source: str, *, url: str | None = None, order: int = 0) -> Article:
    """Extract the main article (text, title, date, author) from an HTML page."""
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            # a trafilatura Document (its attributes are read below), typed loosely by the library
            extracted: Any = trafilatura.bare_extraction(
                html,
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                favor_recall=True,
                # Only dates the page states (meta tags, time elements), not a copyright year
                # in the footer, which would pass for a publication date.
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        except Exception as exc:  # trafilatura raises many lxml types on broken markup
            raise InputError(source, f"cannot parse HTML ({type(exc).__name__})") from exc
    if extracted is None or not (extracted.text or "").strip():
        raise InputError(source, "HTML page without extractable main text")
    words = len(extracted.text.split())
    if words < MIN_WORDS:
        raise InputError(source, f"HTML page without extractable main text (only {words} words left)")
    return Article(
        source=source,
        text=extracted.text,
        title=(extracted.title or None),
        published=_iso_date(extracted.date),
        byline=(extracted.author or None),
        url=url or extracted.url or None,
        from_html=True,
        order=order,
    )


_SKIP_CONTAINERS = {"nav", "footer", "header", "aside", "form", "script", "style", "noscript", "template"}
_HEADINGS = {"h1", "h2", "h3", "h4"}
_READ_MORE = re.compile(r"\s*(read more|continue reading|more)\s*[»›>]*\s*$", re.I)


def parse_page(html: str, source: str, *, url: str | None = None, order: int = 0) -> list[Article]:
    """The main article of a page and the teaser stories around it (headline + summary).

    News portals follow the main story with teasers of other stories; trafilatura keeps only
    the main text, so the teasers are found separately: a heading outside the main text,
    followed by a paragraph of running text.
    """
    main = parse_html(html, source, url=url, order=order)
    teasers = []
    for part, (title, body) in enumerate(_teasers(html, main.text), start=1):
        teasers.append(
            Article(
                source=source,
                text=f"{title}\n{body}",
                title=title,
                published=None,
                url=url,
                from_html=True,
                order=order,
                part=part,
            )
        )
    return [main, *teasers]


def _teasers(html: str, main_text: str) -> list[tuple[str, str]]:
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except Exception:  # noqa: BLE001 - broken markup simply has no teasers to offer
        return []
    main_folded = " ".join(main_text.split())
    found: list[tuple[str, str]] = []
    for heading in root.iter(*_HEADINGS):
        if any(a.tag in _SKIP_CONTAINERS for a in heading.iterancestors()):
            continue
        title = " ".join(heading.text_content().split())
        if len(title.split()) < 3 or title in main_folded:
            continue
        body = _following_text(heading)
        if len(body.split()) < 12 or body[:60] in main_folded:
            continue
        found.append((title, body))
    return found


def _following_text(heading) -> str:  # noqa: ANN001 - lxml element
    parts: list[str] = []
    for sibling in heading.itersiblings():
        if sibling.tag in _HEADINGS or sibling.tag in _SKIP_CONTAINERS:
            break
        if sibling.tag in ("p", "div", "span", "section"):
            text = " ".join(sibling.text_content().split())
            if text:
                parts.append(_READ_MORE.sub("", text))
        if sum(len(p) for p in parts) > 2000:
            break
    return "\n".join(p for p in parts if p)


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
