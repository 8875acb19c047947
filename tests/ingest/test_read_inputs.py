"""`read_inputs` over files, directories, stdin and JSON Lines: one Article or Skipped per input."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from actorgraph.config import Settings
from actorgraph.ingest import date_in_name, read_inputs
from actorgraph.types import Article, Skipped

# --- Sample material (written for these tests) ---------------------------------------------------

STORY_SUMMIT = (
    "ANKARA, March 12 — Turkey's foreign minister met his Greek counterpart on Tuesday and both "
    "said they would resume talks on maritime boundaries in the Aegean after a pause of two years.\n"
)
STORY_PROTEST = (
    "TBILISI — Thousands of protesters gathered outside parliament on Sunday night to oppose a "
    "draft law on foreign funding, which the opposition says copies legislation used in Russia.\n"
)
STORY_SANCTIONS = (
    "WASHINGTON — The Treasury Department imposed sanctions on three shipping companies it "
    "accused of helping to move oil in breach of the price cap, officials said on Friday.\n"
)
STORY_CEASEFIRE = (
    "KHARTOUM — Army and paramilitary commanders agreed to a 72-hour ceasefire to allow aid "
    "convoys into the city, mediators in Jeddah said, though fighting was reported at dawn.\n"
)

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ministers agree to reopen border crossing | The Evening Ledger</title>
<meta property="og:title" content="Ministers agree to reopen border crossing">
<meta property="article:published_time" content="2024-03-12T09:15:00+00:00">
<meta name="author" content="Maria Lindqvist">
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Ministers agree to reopen border crossing</h1>
<p>The foreign ministers of Serbia and Kosovo agreed on Tuesday to reopen the Jarinje border
crossing, which had been closed for three weeks after clashes between police and local
protesters.</p>
<p>The agreement was reached in Brussels after six hours of talks mediated by the European
Union's special envoy, who said both sides had made "difficult but necessary" concessions.</p>
<p>Trucks carrying food and medicine are expected to cross from Thursday morning, officials said.
Opposition parties in Belgrade criticised the deal as rushed.</p>
</article>
<footer>Copyright The Evening Ledger. All rights reserved.</footer>
</body>
</html>
"""

EMPTY_SHELL_HTML = """<!DOCTYPE html>
<html><head><title>Loading…</title>
<script src="/static/app.js"></script></head>
<body><div id="root"></div>
<script>window.__STATE__ = {"route": "/world/2024/03/12"};</script>
</body></html>
"""

# Pages whose only text is site furniture: a JavaScript notice, or navigation and a footer.
NOSCRIPT_SHELL_HTML = EMPTY_SHELL_HTML.replace(
    "</body>", "<noscript>Please enable JavaScript to read this article.</noscript></body>"
)
NOT_FOUND_HTML = """<!DOCTYPE html>
<html><head><title>Page not found | The Evening Ledger</title></head>
<body>
<nav><a href="/">Home</a></nav>
<footer>(c) 2024 The Evening Ledger</footer>
</body></html>
"""


def articles(items: list[Article | Skipped]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def skipped(items: list[Article | Skipped]) -> list[Skipped]:
    return [item for item in items if isinstance(item, Skipped)]


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def __call__(self, source: str, message: str) -> None:
        self.calls.append((source, message))


@pytest.fixture
def small(settings: Settings) -> Settings:
    return settings.model_copy(update={"max_bytes": 1000})


# --- Directories --------------------------------------------------------------------------------


def test_directory_is_read_recursively_in_sorted_order_without_hidden_files(tmp_path: Path, settings: Settings) -> None:
    root = tmp_path / "corpus"
    (root / "world" / "europe").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "world" / ".drafts").mkdir()
    (root / "b_protest.txt").write_text(STORY_PROTEST, encoding="utf-8")
    (root / "a_summit.txt").write_text(STORY_SUMMIT, encoding="utf-8")
    (root / "world" / "sanctions.txt").write_text(STORY_SANCTIONS, encoding="utf-8")
    (root / "world" / "europe" / "ceasefire.txt").write_text(STORY_CEASEFIRE, encoding="utf-8")
    # Hidden files and anything under hidden directories are not news.
    (root / ".notes.txt").write_text("remember to check the Aegean story", encoding="utf-8")
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / "world" / ".drafts" / "unpublished.txt").write_text(STORY_SUMMIT, encoding="utf-8")

    items = list(read_inputs([str(root)], settings))

    assert skipped(items) == []
    got = [(Path(a.source).relative_to(root).as_posix(), a.text) for a in articles(items)]
    assert got == [
        ("a_summit.txt", STORY_SUMMIT),
        ("b_protest.txt", STORY_PROTEST),
        ("world/europe/ceasefire.txt", STORY_CEASEFIRE),
        ("world/sanctions.txt", STORY_SANCTIONS),
    ]
    assert [a.order for a in articles(items)] == [0, 1, 2, 3]
    assert all(not a.from_html for a in articles(items))


def test_hidden_parts_are_judged_below_the_given_directory_only(tmp_path: Path, settings: Settings) -> None:
    # The user may keep the corpus itself under a dot-directory; that alone must not hide it.
    root = tmp_path / ".archive" / "2024"
    root.mkdir(parents=True)
    (root / "summit.txt").write_text(STORY_SUMMIT, encoding="utf-8")

    items = list(read_inputs([str(root)], settings))

    assert [a.text for a in articles(items)] == [STORY_SUMMIT]


@pytest.mark.parametrize("hidden_only", [False, True], ids=["empty", "only-hidden"])
def test_directory_without_usable_files_is_skipped(tmp_path: Path, settings: Settings, hidden_only: bool) -> None:
    root = tmp_path / "inbox"
    root.mkdir()
    if hidden_only:
        (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
        (root / ".cache").mkdir()
        (root / ".cache" / "story.txt").write_text(STORY_PROTEST, encoding="utf-8")

    items = list(read_inputs([str(root)], settings))

    assert len(items) == 1
    assert isinstance(items[0], Skipped)
    assert items[0].input == str(root)
    assert "no files" in items[0].reason


def test_missing_path_is_skipped_and_the_run_goes_on(tmp_path: Path, settings: Settings) -> None:
    present = tmp_path / "present.txt"
    present.write_text(STORY_SANCTIONS, encoding="utf-8")
    missing = tmp_path / "no-such-story.txt"

    items = list(read_inputs([str(missing), str(present)], settings))

    assert isinstance(items[0], Skipped)
    assert items[0].input == str(missing)
    assert "no such file" in items[0].reason
    assert [a.text for a in articles(items)] == [STORY_SANCTIONS]


# --- Single files -------------------------------------------------------------------------------


def test_file_over_max_bytes_is_skipped_naming_the_limit(tmp_path: Path, small: Settings) -> None:
    big = tmp_path / "longread.txt"
    big.write_text((STORY_SUMMIT + STORY_PROTEST + STORY_SANCTIONS) * 3, encoding="utf-8")
    assert big.stat().st_size > 1000
    fits = tmp_path / "brief.txt"
    fits.write_text(STORY_CEASEFIRE, encoding="utf-8")

    items = list(read_inputs([str(big), str(fits)], small))

    assert len(items) == 2
    first, second = items
    assert isinstance(first, Skipped)
    assert first.input == str(big)
    assert f"{big.stat().st_size:,}" in first.reason
    assert "1,000" in first.reason and "--max-bytes" in first.reason
    assert isinstance(second, Article) and second.text == STORY_CEASEFIRE


def test_file_of_exactly_max_bytes_is_accepted(tmp_path: Path, small: Settings) -> None:
    body = (STORY_SUMMIT * 10).encode("utf-8")[:999] + b"\n"
    path = tmp_path / "exact.txt"
    path.write_bytes(body)

    items = list(read_inputs([str(path)], small))

    assert [type(i) for i in items] == [Article]


def test_empty_file_is_skipped(tmp_path: Path, settings: Settings) -> None:
    empty = tmp_path / "placeholder.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("\n\n   \n", encoding="utf-8")

    items = list(read_inputs([str(empty), str(blank)], settings))

    assert [type(i) for i in items] == [Skipped, Skipped]
    assert [i.input for i in items] == [str(empty), str(blank)]
    assert all("empty" in i.reason for i in items)


def test_binary_file_is_skipped_with_its_format(tmp_path: Path, settings: Settings) -> None:
    pdf = tmp_path / "statement.txt"  # misnamed: the content decides
    pdf.write_bytes(b"%PDF-1.4\n%\xc7\xec\x8f\xa2\n5 0 obj\n<</Length 6 0 R>>\nstream\n")

    items = list(read_inputs([str(pdf)], settings))

    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert "PDF" in items[0].reason


def test_windows_1252_file_is_decoded_and_warned_about(tmp_path: Path, settings: Settings) -> None:
    text = (
        "ATHENS — The government spokesman said on Monday that “no decision” had been taken on "
        "the proposed merger, and that Prime Minister’s office would publish a résumé of the "
        "talks by Friday.\n"
    )
    path = tmp_path / "athens.txt"
    path.write_bytes(text.encode("cp1252"))
    warn = Recorder()

    items = list(read_inputs([str(path)], settings, warn=warn))

    assert [a.text for a in articles(items)] == [text]
    assert [source for source, _ in warn.calls] == [str(path)]
    assert "not UTF-8" in warn.calls[0][1]


def test_html_file_gives_article_with_metadata(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "border.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")

    items = list(read_inputs([str(path)], settings))

    assert skipped(items) == []
    main = articles(items)[0]
    assert main.from_html is True
    assert main.source == str(path)
    assert main.title == "Ministers agree to reopen border crossing"
    assert main.published == date(2024, 3, 12)
    assert main.byline == "Maria Lindqvist"
    assert "agreed on Tuesday to reopen the Jarinje border" in main.text
    assert "Opposition parties in Belgrade criticised the deal" in main.text
    # Navigation, footer and markup are not article text.
    assert "All rights reserved" not in main.text
    assert "Sport" not in main.text
    assert "<p>" not in main.text


def test_html_is_recognised_by_content_even_without_html_suffix(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_text(ARTICLE_HTML, encoding="utf-8")

    main = articles(list(read_inputs([str(path)], settings)))[0]

    assert main.from_html is True
    assert main.published == date(2024, 3, 12)


def test_html_page_without_body_text_is_skipped_with_a_reason(tmp_path: Path, settings: Settings) -> None:
    shell = tmp_path / "app-shell.html"
    shell.write_text(EMPTY_SHELL_HTML, encoding="utf-8")
    good = tmp_path / "border.html"
    good.write_text(ARTICLE_HTML, encoding="utf-8")

    items = list(read_inputs([str(shell), str(good)], settings))

    assert isinstance(items[0], Skipped)
    assert items[0].input == str(shell)
    assert "without extractable main text" in items[0].reason
    assert len(articles(items)) >= 1


@pytest.mark.parametrize("page", [NOSCRIPT_SHELL_HTML, NOT_FOUND_HTML], ids=["noscript", "nav-footer"])
def test_html_page_with_only_boilerplate_text_is_skipped(tmp_path: Path, settings: Settings, page: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")

    items = list(read_inputs([str(path)], settings))

    assert len(items) == 1 and isinstance(items[0], Skipped), items
    assert "without extractable main text" in items[0].reason


def test_html_article_without_a_date_gets_no_made_up_date(tmp_path: Path, settings: Settings) -> None:
    undated = ARTICLE_HTML.replace(
        '<meta property="article:published_time" content="2024-03-12T09:15:00+00:00">\n', ""
    ).replace("Copyright The Evening Ledger.", "(c) 2023 The Evening Ledger.")
    assert "2024" not in undated
    path = tmp_path / "2024-03-12_border.html"
    path.write_text(undated, encoding="utf-8")

    main = articles(list(read_inputs([str(path)], settings)))[0]

    assert main.date_hint == date(2024, 3, 12)
    assert main.published is None


# --- stdin --------------------------------------------------------------------------------------


def test_stdin_is_read_when_the_input_is_a_dash(settings: Settings) -> None:
    stream = io.BytesIO(STORY_PROTEST.encode("utf-8"))

    items = list(read_inputs(["-"], settings, stdin=stream))

    assert len(items) == 1
    assert isinstance(items[0], Article)
    assert items[0].source == "<stdin>"
    assert items[0].text == STORY_PROTEST
    assert items[0].date_hint is None


def test_stdin_html_is_extracted(settings: Settings) -> None:
    items = list(read_inputs(["-"], settings, stdin=io.BytesIO(ARTICLE_HTML.encode("utf-8"))))

    main = articles(items)[0]
    assert main.from_html and main.byline == "Maria Lindqvist"


def test_stdin_over_max_bytes_is_skipped(small: Settings) -> None:
    payload = (STORY_SUMMIT * 20).encode("utf-8")
    assert len(payload) > 1000

    items = list(read_inputs(["-"], small, stdin=io.BytesIO(payload)))

    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert items[0].input == "<stdin>"
    assert "1,000" in items[0].reason


def test_empty_stdin_is_skipped(settings: Settings) -> None:
    items = list(read_inputs(["-"], settings, stdin=io.BytesIO(b"")))

    assert items == [Skipped("<stdin>", items[0].reason)]
    assert "empty" in items[0].reason


# --- JSON Lines ---------------------------------------------------------------------------------


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


GOOD_1 = {
    "id": "ledger-0412",
    "text": STORY_SUMMIT,
    "published": "2024-03-12T08:30:00Z",
    "url": "https://ledger.example/world/aegean-talks",
    "source": "The Evening Ledger",
    "title": "Turkey and Greece to resume Aegean talks",
}
GOOD_2 = {"id": 77, "text": STORY_CEASEFIRE, "published": "5 June 2023"}


def test_jsonl_records_become_articles_and_bad_lines_are_skipped(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text(
        jsonl(
            GOOD_1,  # 1
            '{"id": "ledger-0413", "text": "Police detained two',  # 2: cut off mid-record
            {"text": STORY_PROTEST, "title": "No identifier"},  # 3
            {"id": "ledger-0414", "text": "   "},  # 4
            {"id": "ledger-0412", "text": STORY_SANCTIONS},  # 5: repeats line 1's id
            '["ledger-0415", "not an object"]',  # 6
            "",  # 7: blank lines are ignored, not skipped
            GOOD_2,  # 8
        ),
        encoding="utf-8",
    )

    items = list(read_inputs([str(path)], settings))

    first, *middle, last = items
    assert isinstance(first, Article) and isinstance(last, Article)
    assert first.given_id == "ledger-0412"
    assert first.text == STORY_SUMMIT
    assert first.published == date(2024, 3, 12)
    assert first.url == "https://ledger.example/world/aegean-talks"
    assert first.source == "The Evening Ledger"
    assert first.title == "Turkey and Greece to resume Aegean talks"
    assert last.given_id == "77"
    assert last.published == date(2023, 6, 5)
    assert last.text == STORY_CEASEFIRE
    assert last.source == f"{path}:8"  # no url or source in the record: where it came from

    assert all(isinstance(s, Skipped) for s in middle)
    assert [s.input for s in middle] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    reasons = [s.reason for s in middle]
    assert "invalid JSON" in reasons[0]
    assert "no 'id'" in reasons[1]
    assert "no 'text'" in reasons[2]
    assert "ledger-0412" in reasons[3] and "repeats" in reasons[3]
    assert "object" in reasons[4]
    assert first.order < last.order


def test_jsonl_format_can_be_forced_for_any_file_name(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "export.txt"
    path.write_text(jsonl(GOOD_1, GOOD_2), encoding="utf-8")

    auto = list(read_inputs([str(path)], settings))
    forced = list(read_inputs([str(path)], settings, input_format="jsonl"))

    # Without the hint a .txt file is plain text, JSON or not.
    assert len(auto) == 1 and isinstance(auto[0], Article) and auto[0].given_id is None
    assert [a.given_id for a in articles(forced)] == ["ledger-0412", "77"]
    assert skipped(forced) == []


def test_ndjson_suffix_is_also_json_lines(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "feed.NDJSON"
    path.write_text(jsonl(GOOD_2), encoding="utf-8")

    assert [a.given_id for a in articles(list(read_inputs([str(path)], settings)))] == ["77"]


def test_jsonl_from_stdin(settings: Settings) -> None:
    stream = io.BytesIO(jsonl(GOOD_2, {"id": "x-1", "text": STORY_PROTEST}).encode("utf-8"))

    items = list(read_inputs(["-"], settings, input_format="jsonl", stdin=stream))

    assert [a.given_id for a in articles(items)] == ["77", "x-1"]
    assert articles(items)[1].source == "<stdin>:2"


def test_jsonl_unparseable_date_is_dropped_with_a_warning(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "dates.jsonl"
    path.write_text(
        jsonl(
            {"id": "a", "text": STORY_PROTEST, "published": "sometime before the election"},
            {"id": "b", "text": STORY_SANCTIONS, "published": 1710230400},
        ),
        encoding="utf-8",
    )
    warn = Recorder()

    items = list(read_inputs([str(path)], settings, warn=warn))

    assert [(a.given_id, a.published) for a in articles(items)] == [("a", None), ("b", None)]
    assert [source for source, _ in warn.calls] == [f"{path}:1", f"{path}:2"]
    assert "sometime before the election" in warn.calls[0][1]
    assert "int" in warn.calls[1][1]


def test_jsonl_record_with_html_text_is_extracted(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_text(jsonl({"id": "p-1", "text": ARTICLE_HTML}), encoding="utf-8")

    (item,) = list(read_inputs([str(path)], settings))

    assert isinstance(item, Article)
    assert item.from_html and item.given_id == "p-1"
    assert item.title == "Ministers agree to reopen border crossing"
    assert item.published == date(2024, 3, 12)
    assert "<p>" not in item.text and "Jarinje" in item.text


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"], ids=["U+2028", "U+2029"])
def test_jsonl_text_containing_unicode_line_separators(tmp_path: Path, settings: Settings, separator: str) -> None:
    body = f"The envoy arrived in Kyiv on Monday.{separator}Talks begin tomorrow, officials said.\n"
    path = tmp_path / "scraped.jsonl"
    path.write_text(jsonl({"id": "s-1", "text": body}, GOOD_2), encoding="utf-8")

    items = list(read_inputs([str(path)], settings))

    assert skipped(items) == []
    assert [(a.given_id, a.text) for a in articles(items)] == [("s-1", body), ("77", STORY_CEASEFIRE)]
    assert articles(items)[1].source == f"{path}:2"


# --- Dates in file names ------------------------------------------------------------------------


def test_date_in_file_name_becomes_date_hint(tmp_path: Path, settings: Settings) -> None:
    dated = tmp_path / "2024-03-12_story.txt"
    dated.write_text(STORY_SUMMIT, encoding="utf-8")
    undated = tmp_path / "story.txt"
    undated.write_text(STORY_PROTEST, encoding="utf-8")

    items = list(read_inputs([str(dated), str(undated)], settings))

    assert [(a.text, a.date_hint) for a in articles(items)] == [
        (STORY_SUMMIT, date(2024, 3, 12)),
        (STORY_PROTEST, None),
    ]


def test_date_hint_reaches_every_record_of_a_dated_jsonl_file(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "wire_20230605.jsonl"
    path.write_text(jsonl(GOOD_1, GOOD_2), encoding="utf-8")

    items = articles(list(read_inputs([str(path)], settings)))

    assert [a.date_hint for a in items] == [date(2023, 6, 5), date(2023, 6, 5)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2024-03-12_story.txt", date(2024, 3, 12)),
        ("20240312.txt", date(2024, 3, 12)),
        ("reuters_2024_03_12_ukraine.txt", date(2024, 3, 12)),
        ("bulletin.1999.12.31.html", date(1999, 12, 31)),
        ("12345678901.txt", None),  # a long number, not a date
        ("id_202403121.txt", None),  # digits run on past the day
        ("ref9920240312.txt", None),  # digits run on before the year
        ("2024-02-30.txt", None),  # no such day
        ("2024-13-01.txt", None),  # no such month
        ("ukraine-talks.txt", None),
    ],
)
def test_date_in_name(name: str, expected: date | None) -> None:
    assert date_in_name(name) == expected


# --- Order across inputs ------------------------------------------------------------------------


def test_order_increases_across_all_kinds_of_input(tmp_path: Path, settings: Settings) -> None:
    one = tmp_path / "one.txt"
    one.write_text(STORY_SUMMIT, encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY_PROTEST, encoding="utf-8")
    (folder / "b.html").write_text(ARTICLE_HTML, encoding="utf-8")
    records = tmp_path / "records.jsonl"
    records.write_text(jsonl(GOOD_1, GOOD_2), encoding="utf-8")
    missing = tmp_path / "gone.txt"

    items = list(
        read_inputs(
            [str(one), str(missing), str(folder), "-", str(records)],
            settings,
            stdin=io.BytesIO(STORY_SANCTIONS.encode("utf-8")),
        )
    )

    found = articles(items)
    main_stories = [a for a in found if a.part == 0]
    assert [a.text for a in main_stories if not a.from_html] == [
        STORY_SUMMIT,
        STORY_PROTEST,
        STORY_SANCTIONS,
        STORY_SUMMIT,
        STORY_CEASEFIRE,
    ]
    orders = [a.order for a in main_stories]
    assert orders == sorted(orders)
    assert len(set(orders)) == len(orders) == 6
    assert len(skipped(items)) == 1
