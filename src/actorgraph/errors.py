"""One exception tree; every message says what went wrong and what the user can do."""

from __future__ import annotations


class ActorgraphError(Exception):
    """Base class for errors a user can act on."""


class InputError(ActorgraphError):
    """An input (file, URL, record) cannot be used; the run goes on without it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ConfigError(ActorgraphError):
    """A setting is missing or wrong."""


class ModelMissingError(ActorgraphError):
    """The spaCy pipeline package is not installed."""


class KnowledgeBaseError(ActorgraphError):
    """A knowledge-base file is malformed."""


class OptionalDependencyError(ActorgraphError):
    """An optional part was asked for but its extra is not installed."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(f"{feature} needs the '{extra}' extra: pip install 'actorgraph[{extra}]'")
        self.extra = extra


class StoreError(ActorgraphError):
    """The store cannot be used: not an SQLite database or not ours, damaged, read-only, disk full."""


class SchemaVersionError(StoreError):
    """The store's schema is not the one this code reads and writes: older (run `actorgraph db
    upgrade`) or newer (upgrade actorgraph). Nothing migrates a store behind the user's back."""

    def __init__(self, message: str, *, behind: bool) -> None:
        super().__init__(message)
        self.behind = behind
