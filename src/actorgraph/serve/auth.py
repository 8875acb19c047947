"""API keys: created once and shown once, kept only as a salted scrypt hash, revocable.

A key reads `ag_<lookup>_<secret>`. The lookup part is stored in clear and indexed, so checking
a key costs one row read and one scrypt; the secret is random (192 bits), stored only hashed.
Revocation is read from the store on every request, so revoking takes effect at once, in every
process serving the store.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, or_, select, update

from actorgraph.errors import ActorgraphError
from actorgraph.store import schema

__all__ = ["ApiKey", "ApiKeyError", "Verifier", "create_key", "list_keys", "revoke_key", "verify_key"]

PREFIX = "ag_"
_LOOKUP_HEX = 12
# scrypt cost: 16 MiB and a few tens of milliseconds per check; verified keys are remembered.
_N, _R, _P = 2**14, 8, 1


class ApiKeyError(ActorgraphError):
    """A request's API key is malformed, unknown or revoked (`revoked` says which)."""

    def __init__(self, message: str, *, revoked: bool = False) -> None:
        super().__init__(message)
        self.revoked = revoked


@dataclass(frozen=True)
class ApiKey:
    """What is stored about a key (never the key itself)."""

    id: int
    name: str
    lookup: str
    created_at: datetime
    revoked_at: datetime | None

    @property
    def hint(self) -> str:
        """How the key starts, to recognise it in a list."""
        return f"{PREFIX}{self.lookup}_…"


def _hash(secret: str, salt: bytes) -> str:
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def _matches(secret: str, stored: str) -> bool:
    try:
        method, n, r, p, salt, digest = stored.split("$")
        if method != "scrypt":
            return False
        computed = hashlib.scrypt(
            secret.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=len(digest) // 2
        )
    except ValueError:
        return False
    return hmac.compare_digest(computed.hex(), digest)


def _split(key: str) -> tuple[str, str] | None:
    """(lookup, secret) of a well-formed key."""
    key = key.strip()
    if not key.startswith(PREFIX) or len(key) < len(PREFIX) + _LOOKUP_HEX + 2:
        return None
    lookup, separator, secret = key[len(PREFIX) :].partition("_")
    if len(lookup) != _LOOKUP_HEX or not separator or not secret:
        return None
    return lookup, secret


def _row(row: Any) -> ApiKey:
    return ApiKey(row.id, row.name, row.lookup, row.created_at, row.revoked_at)


def create_key(store: Any, name: str) -> tuple[ApiKey, str]:
    """Store a new key's hash; return the record and the key (shown this once only)."""
    lookup = secrets.token_hex(_LOOKUP_HEX // 2)
    secret = secrets.token_urlsafe(24)
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        result = conn.execute(
            insert(schema.api_keys).values(
                name=name, lookup=lookup, secret_hash=_hash(secret, secrets.token_bytes(16)), created_at=now
            )
        )
        key_id = int(result.inserted_primary_key[0])
    return ApiKey(key_id, name, lookup, now, None), f"{PREFIX}{lookup}_{secret}"


def list_keys(store: Any) -> list[ApiKey]:
    """Every key, oldest first, revoked ones included."""
    k = schema.api_keys.c
    with store.engine.connect() as conn:
        return [_row(r) for r in conn.execute(select(k.id, k.name, k.lookup, k.created_at, k.revoked_at).order_by(k.id))]


def revoke_key(store: Any, which: str) -> ApiKey:
    """Revoke a key given by id, lookup part, name (when unique) or the key itself."""
    k = schema.api_keys.c
    split = _split(which)
    # The start a list shows (ag_0123456789ab_…) names a key as well as the key itself.
    lookup = split[0] if split else which.strip().removeprefix(PREFIX).rstrip("_…")
    conditions = [k.lookup == lookup, k.name == which]
    if which.isdigit():
        conditions.append(k.id == int(which))
    with store.engine.begin() as conn:
        rows = conn.execute(
            select(k.id, k.name, k.lookup, k.created_at, k.revoked_at).where(or_(*conditions))
        ).all()
        if not rows:
            raise ActorgraphError(f"no API key matches {which!r} (see `actorgraph keys list`)")
        if len(rows) > 1:
            ids = ", ".join(str(r.id) for r in rows)
            raise ActorgraphError(f"{which!r} matches several keys (ids {ids}); give the id")
        found = _row(rows[0])
        if found.revoked_at is not None:
            return found
        now = datetime.now(UTC)
        conn.execute(update(schema.api_keys).where(k.id == found.id).values(revoked_at=now))
    return ApiKey(found.id, found.name, found.lookup, found.created_at, now)


class Verifier:
    """Checks keys against the store, remembering which secrets already passed scrypt."""

    def __init__(self, store: Any, remember: int = 256) -> None:
        self.store = store
        self._remember = remember
        self._passed: dict[tuple[str, str], bytes] = {}
        self._lock = threading.Lock()

    def verify(self, key: str) -> ApiKey:
        """The stored record of a valid, unrevoked key; raise `ApiKeyError` otherwise."""
        split = _split(key)
        if split is None:
            raise ApiKeyError("the API key is malformed (keys look like ag_<12 hex>_<secret>)")
        lookup, secret = split
        k = schema.api_keys.c
        with self.store.engine.connect() as conn:
            row = conn.execute(
                select(k.id, k.name, k.lookup, k.created_at, k.revoked_at, k.secret_hash).where(k.lookup == lookup)
            ).first()
        if row is None:
            raise ApiKeyError("the API key is not known")
        # Only a digest of the secret is remembered, never the secret itself.
        fingerprint = hashlib.sha256(secret.encode()).digest()
        with self._lock:
            known = self._passed.get((lookup, row.secret_hash)) == fingerprint
        if not known:
            if not _matches(secret, row.secret_hash):
                raise ApiKeyError("the API key is not known")
            with self._lock:
                if len(self._passed) >= self._remember:
                    self._passed.clear()
                self._passed[(lookup, row.secret_hash)] = fingerprint
        record = _row(row)
        if record.revoked_at is not None:
            raise ApiKeyError(f"the API key '{record.name}' was revoked on {record.revoked_at:%Y-%m-%d}", revoked=True)
        return record


def verify_key(store: Any, key: str) -> ApiKey:
    """Check one key (see `Verifier` for repeated checks)."""
    return Verifier(store).verify(key)
