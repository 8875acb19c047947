"""The one schema of the store (SQLAlchemy Core), shared by SQLite and PostgreSQL.

Alembic migrations in `migrations/versions` create and evolve it; this module is what the
code reads and writes through, and what `alembic check` compares the migrations against.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", String(40), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    # running | completed | failed | interrupted (a run left "running" was killed)
    Column("status", String(20), nullable=False),
    Column("extractor", String(200), nullable=False),
    Column("inputs", JSON, nullable=False),
    Column("counts", JSON, nullable=False),
    Column("skipped", JSON, nullable=False),
    Column("message", Text),
    # which process runs it: a run left "running" whose process is gone was killed
    Column("pid", Integer),
    Column("host", String(200)),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("published", Date),
    # How `published` was found: text, page, http, file or ingest (`actorgraph.dating`); NULL on
    # rows stored before migration 0009, whose dates could only be the story's own.
    Column("date_source", String(10)),
    Column("byline", Text),
    Column("place_name", String(200)),
    Column("place_code", String(8)),
    Column("text", Text, nullable=False),
    Column("text_sha256", String(64), nullable=False),
    Column("headings", JSON, nullable=False),
    Column("story_index", Integer, nullable=False, default=0),
    Column("duplicate_of", String(200)),
    Column("containment", Float),
    Column("shingles", Integer, nullable=False),
    Column("extractor", String(200)),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("coded_at", DateTime(timezone=True)),
    Index(None, "text_sha256"),
    Index(None, "published"),
    Index(None, "duplicate_of"),
)

# A fixed sample of each document's shingle hashes (those divisible by a modulus): shared
# samples estimate containment, so excerpts of stored stories are found through an index.
fingerprints = Table(
    "fingerprints",
    metadata,
    Column("hash", BigInteger, primary_key=True, autoincrement=False),
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Index(None, "doc_id"),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("code", String(20)),
    Column("sector", String(10)),
    Column("name", Text, nullable=False),
    Column("type", String(40), nullable=False),
    Column("kb_id", String(200)),
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Column("mentions", JSON, nullable=False),
    Column("roles", JSON, nullable=False),
    Column("first_seen", Date),
    Index(None, "doc_id"),
    Index(None, "code", "sector"),
)

events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(20), nullable=False),
    Column("mode", String(40)),
    Column("context", JSON, nullable=False),
    Column("source", JSON, nullable=False),
    Column("target", JSON, nullable=False),
    Column("modality", String(20), nullable=False),
    Column("date", Date),
    Column("location_name", String(200)),
    Column("location_code", String(8)),
    # the gazetteer's place: coordinates, GeoNames' first-level division and id, and why it was chosen
    Column("location_lat", Float),
    Column("location_lon", Float),
    Column("location_admin1", String(40)),
    Column("location_geonameid", Integer),
    Column("location_reason", String(300)),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("extractor", String(200), nullable=False),
    Column("quad", String(30), nullable=False),
    Column("intensity", Float, nullable=False),
    # the rule that fired ("triggers.tsv:38", "CAMEO.2.0.txt:5447") and its CAMEO code
    Column("rule", String(200)),
    Column("cameo", String(12)),
    # a joint act of the parties listed as source, each toward the others ("X and Y agreed")
    Column("mutual", Boolean, nullable=False, server_default=false()),
    # how many were killed, wounded, detained, displaced or deployed: [{kind, count, approximate, toll, start, end}]
    Column("counts", JSON(none_as_null=True)),
    Index(None, "doc_id"),
    Index(None, "date"),
    Index(None, "type", "date"),
)

# One row per (source code, target code) pair of an event: what the dyad analyses read.
event_dyads = Table(
    "event_dyads",
    metadata,
    Column("event_id", String(40), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("source_code", String(20), primary_key=True),
    Column("target_code", String(20), primary_key=True),
    Column("date", Date),
    Column("type", String(20), nullable=False),
    Column("quad", String(30), nullable=False),
    Column("intensity", Float, nullable=False),
    Column("modality", String(20), nullable=False),
    Column("duplicate", Boolean, nullable=False, default=False),
    Index(None, "source_code", "target_code", "date"),
    Index(None, "target_code", "date"),
    Index(None, "date"),
)

stances = Table(
    "stances",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("holder_code", String(20)),
    Column("holder_sector", String(10)),
    Column("holder_name", Text, nullable=False),
    Column("polarity", String(10), nullable=False),
    Column("target_kind", String(10), nullable=False),  # actor | event | topic
    Column("target_code", String(20)),
    Column("target_name", Text),
    Column("target_event", String(40)),
    Column("target_topic", Text),
    Column("target_key", String(200)),  # one string for whatever the target is; see rows.stance_target
    Column("date", Date),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("extractor", String(200), nullable=False),
    Index(None, "doc_id"),
    Index(None, "holder_code", "polarity"),
    Index(None, "holder_code", "target_key", "date"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("speaker_code", String(20)),
    Column("speaker_sector", String(10)),
    Column("speaker_name", Text),
    Column("speaker_text", Text),
    Column("cue", String(60)),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("content", Text, nullable=False),
    Column("direct", Boolean, nullable=False),
    Column("date", Date),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Index(None, "doc_id"),
    Index(None, "speaker_code"),
)


# ---- aggregates the analyses read (kept current by every write) ------------------------------
# Asserted events of documents that are not duplicates, by day, dyad and type.
dyad_daily = Table(
    "dyad_daily",
    metadata,
    Column("day", Date, primary_key=True),
    Column("source_code", String(20), primary_key=True),
    Column("target_code", String(20), primary_key=True),
    Column("type", String(20), primary_key=True),
    Column("quad", String(30), nullable=False),
    Column("events", Integer, nullable=False),
    Column("intensity", Float, nullable=False),
    Index(None, "source_code", "target_code", "day"),
    Index(None, "target_code", "day"),
)

# Stances of documents that are not duplicates, by day, holder, target and polarity.
stance_daily = Table(
    "stance_daily",
    metadata,
    Column("day", Date, primary_key=True),
    Column("holder_code", String(20), primary_key=True),
    Column("target_key", String(200), primary_key=True),
    Column("polarity", String(10), primary_key=True),
    Column("stances", Integer, nullable=False),
    Index(None, "holder_code", "day"),
)

# ---- news feeds watched by `actorgraph watch` ------------------------------------------------
feeds = Table(
    "feeds",
    metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_status", Integer),
    Column("last_polled_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("failures", Integer, nullable=False, default=0),
)

# Every feed item seen, so a restart neither misses nor repeats one.
feed_items = Table(
    "feed_items",
    metadata,
    Column("feed_url", Text, ForeignKey("feeds.url", ondelete="CASCADE"), primary_key=True),
    Column("item_key", String(64), primary_key=True),  # sha256 of the item's id or link
    Column("url", Text),
    Column("title", Text),
    Column("published", DateTime(timezone=True)),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    # new | ingested | skipped | failed
    Column("status", String(20), nullable=False),
    Column("reason", Text),
    Column("attempts", Integer, nullable=False, default=0),
)

# ---- rollups of the daily aggregates: what whole-store analyses read at a million events ----------
def _rollup(name: str, period: str) -> Table:
    """Dyad counts per week or month, with the quad categories side by side (one row per pair)."""
    return Table(
        name,
        metadata,
        Column(period, Date, primary_key=True),  # the Monday or the first of the month
        Column("source_code", String(20), primary_key=True),
        Column("target_code", String(20), primary_key=True),
        Column("events", Integer, nullable=False),
        Column("verbal_cooperation", Integer, nullable=False),
        Column("material_cooperation", Integer, nullable=False),
        Column("verbal_conflict", Integer, nullable=False),
        Column("material_conflict", Integer, nullable=False),
        Column("intensity", Float, nullable=False),
        Column("conflict", Float, nullable=False),  # summed hostility (a positive number)
        Column("cooperation", Float, nullable=False),
        Index(None, "source_code", "target_code", period),
        Index(None, "target_code", period),
    )


dyad_weekly = _rollup("dyad_weekly", "week")
dyad_monthly = _rollup("dyad_monthly", "month")

stance_monthly = Table(
    "stance_monthly",
    metadata,
    Column("month", Date, primary_key=True),
    Column("holder_code", String(20), primary_key=True),
    Column("target_key", String(200), primary_key=True),
    Column("support", Integer, nullable=False),
    Column("oppose", Integer, nullable=False),
    Column("neutral", Integer, nullable=False),
    Column("stances", Integer, nullable=False),
    Index(None, "holder_code", "month"),
)

# First day each dyad, stance and actor was seen, for "what changed".
dyad_first = Table(
    "dyad_first",
    metadata,
    Column("source_code", String(20), primary_key=True),
    Column("target_code", String(20), primary_key=True),
    Column("first_day", Date, nullable=False),
    Index(None, "first_day"),
)

stance_first = Table(
    "stance_first",
    metadata,
    Column("holder_code", String(20), primary_key=True),
    Column("target_key", String(200), primary_key=True),
    Column("polarity", String(10), primary_key=True),
    Column("first_day", Date, nullable=False),
    Index(None, "first_day"),
)

actor_daily = Table(
    "actor_daily",
    metadata,
    Column("day", Date, primary_key=True),
    Column("code", String(20), primary_key=True),
    Column("name", Text, nullable=False),
    Column("documents", Integer, nullable=False),
    Index(None, "code", "day"),
)

actor_first = Table(
    "actor_first",
    metadata,
    Column("code", String(20), primary_key=True),
    Column("name", Text, nullable=False),
    Column("first_day", Date, nullable=False),
    Index(None, "first_day"),
)

# ---- API keys of `actorgraph serve` -------------------------------------------------------------
# A key is shown once when created; only a salted scrypt hash of its secret is kept. `lookup`
# is the key's public part, so a request costs one indexed read and one hash, however many keys.
api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("lookup", String(32), nullable=False, unique=True),
    Column("secret_hash", String(300), nullable=False),  # scrypt$N$r$p$salt$hash (hex)
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    # What the key may do, space-separated: "read", "write" or both. Keys made before scopes
    # existed (migration 0007) got both, as they could do both.
    Column("scopes", String(40), nullable=False, server_default="read write"),
)

# A dashboard sign-in: the browser's cookie holds a random token, the store only its SHA-256
# (the token has 256 random bits, so no salt or slow hash is needed). A session reads, never
# writes, ends at `expires_at`, on sign-out, or when its key is revoked or deleted.
api_sessions = Table(
    "api_sessions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key_id", Integer, ForeignKey("api_keys.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Index(None, "key_id"),
)

# ---- full-text search over the stories (migration 0005) -----------------------------------------
# The index is dialect-specific DDL, outside this metadata:
# * SQLite: the FTS5 table `documents_fts` (external content, read through the view
#   `documents_fts_source`) with stable integer row numbers in `documents_fts_ids` (the rowid of
#   `documents` may change on VACUUM), kept current by triggers on `documents`. A migration that
#   rebuilds `documents` in batch mode drops those triggers and must create them again.
# * PostgreSQL: the GIN expression index `ix_documents_search` over `SEARCH_VECTOR_PG`, which the
#   database keeps current itself. A query uses the index only when it repeats that expression.
SQLITE_SEARCH_OBJECTS = ("documents_fts", "documents_fts_ids", "documents_fts_source")
PG_SEARCH_INDEX = "ix_documents_search"
# Accented Latin letters and their base letters: "Vucic" finds "Vučić" on PostgreSQL as on SQLite
# (whose tokenizer removes diacritics). Changing these needs a migration rebuilding the index.
SEARCH_FOLD_FROM = (
    "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöøùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħ"
    "ĨĩĪīĬĭĮįİıĴĵĶķĹĺĻļĽľĿŀŁłŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſȘșȚț"
)
SEARCH_FOLD_TO = (
    "AAAAAACEEEEIIIINOOOOOOUUUUYaaaaaaceeeeiiiinoooooouuuuyyAaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHh"
    "IiIiIiIiIiJjKkLlLlLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzsSsTt"
)
SEARCH_CONFIG_PG = "english"
SEARCH_VECTOR_PG = (
    f"to_tsvector('{SEARCH_CONFIG_PG}'::regconfig, "
    f"translate(coalesce(title, '') || ' ' || text, '{SEARCH_FOLD_FROM}', '{SEARCH_FOLD_TO}'))"
)


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Alembic filter: leave the hand-written search objects out of autogenerate's comparison."""
    if type_ == "table" and name and (name in SQLITE_SEARCH_OBJECTS or name.startswith("documents_fts_")):
        return False
    return not (type_ == "index" and name == PG_SEARCH_INDEX)
