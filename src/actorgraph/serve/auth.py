"""API keys: created once and shown once, kept only as a salted scrypt hash, revocable.

A key reads `ag_<lookup>_<secret>`. The lookup part is stored in clear and indexed, so checking
a key costs one row read and one scrypt; the secret is random (192 bits), stored only hashed.
Revocation is read from the store on every request, so revoking takes effect at once, in every
process serving the store.

A key has scopes: `read` (the API's GET routes when reading needs a key, the schema, the
dashboard) and `write` (`POST /api/documents`). Signing in to the dashboard trades a key for a
session: a random token in the browser's cookie, kept in the store only as a SHA-256, that expires
and can only read. The key itself never sits in a cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, or_, select, update

from actorgraph.errors import ActorgraphError
from actorgraph.store import schema

__all__ = [
    "SCOPES", "SESSION_COOKIE", "SESSION_LIFETIME", "ApiKey", "ApiKeyError", "SignInRequired", "Verifier",
    "create_key", "end_session", "list_keys", "revoke_key", "session_key", "start_session", "verify_key",
]

PREFIX = "ag_"
SCOPES = ("read", "write")
SESSION_COOKIE = "actorgraph_session"
SESSION_LIFETIME = timedelta(hours=12)
_LOOKUP_HEX = 12
# scrypt cost: 16 MiB and a few tens of milliseconds per check; verified keys are remembered.
_N, _R, _P = 2**14, 8, 1


class ApiKeyError(ActorgraphError):
    """A request's API key (or session) is malformed, unknown, expired or revoked (`revoked` says which)."""

    def __init__(self, message: str, *, revoked: bool = False) -> None:
        super().__init__(message)
        self.revoked = revoked


class SignInRequired(Exception):
    """A browser asked for a page of a keyed store without a valid key or session: send it to /login."""

    def __init__(self, back: str) -> None:
        super().__init__(back)
        self.back = back


@dataclass(frozen=True)
class ApiKey:
    """What is stored about a key (never the key itself)."""

    id: int
    name: str
    lookup: str
    created_at: datetime
    revoked_at: datetime | None
    scopes: frozenset[str]

    @property
    def hint(self) -> str:
        """How the key starts, to recognise it in a list."""
        return f"{PREFIX}{self.lookup}_…"

    def may(self, scope: str) -> bool:
        """Whether the key's scopes include `scope`."""
        return scope in self.scopes

    @property
    def scope_names(self) -> str:
        """The scopes in their usual order, e.g. "read, write"."""
        return ", ".join(s for s in SCOPES if s in self.scopes) or "none"


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


def _scopes(stored: str | None) -> frozenset[str]:
    return frozenset(stored.split()) & frozenset(SCOPES) if stored else frozenset()


def _row(row: Any) -> ApiKey:
    return ApiKey(row.id, row.name, row.lookup, row.created_at, row.revoked_at, _scopes(row.scopes))


def _columns() -> tuple[Any, ...]:
    k = schema.api_keys.c
    return k.id, k.name, k.lookup, k.created_at, k.revoked_at, k.scopes


def _checked_scopes(scopes: Iterable[str]) -> frozenset[str]:
    chosen = frozenset(s.strip().lower() for s in scopes)
    unknown = sorted(chosen - frozenset(SCOPES))
    if unknown:
        raise ActorgraphError(f"unknown scope {unknown[0]!r} (scopes are {' and '.join(SCOPES)})")
    if not chosen:
        raise ActorgraphError(f"a key needs at least one scope ({' or '.join(SCOPES)})")
    return chosen


def create_key(store: Any, name: str, scopes: Iterable[str] = SCOPES) -> tuple[ApiKey, str]:
    """Store a new key's hash; return the record and the key (shown this once only)."""
    chosen = _checked_scopes(scopes)
    lookup = secrets.token_hex(_LOOKUP_HEX // 2)
    secret = secrets.token_urlsafe(24)
    now = datetime.now(UTC)
    stored_scopes = " ".join(s for s in SCOPES if s in chosen)
    with store.engine.begin() as conn:
        result = conn.execute(
            insert(schema.api_keys).values(
                name=name, lookup=lookup, secret_hash=_hash(secret, secrets.token_bytes(16)), created_at=now,
                scopes=stored_scopes,
            )
        )
        key_id = int(result.inserted_primary_key[0])
    return ApiKey(key_id, name, lookup, now, None, chosen), f"{PREFIX}{lookup}_{secret}"


def list_keys(store: Any) -> list[ApiKey]:
    """Every key, oldest first, revoked ones included."""
    with store.engine.connect() as conn:
        return [_row(r) for r in conn.execute(select(*_columns()).order_by(schema.api_keys.c.id))]


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
        rows = conn.execute(select(*_columns()).where(or_(*conditions))).all()
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
        # Its dashboard sign-ins end with it (they would be refused anyway; this tidies up).
        conn.execute(delete(schema.api_sessions).where(schema.api_sessions.c.key_id == found.id))
    return ApiKey(found.id, found.name, found.lookup, found.created_at, now, found.scopes)


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
            row = conn.execute(select(*_columns(), k.secret_hash).where(k.lookup == lookup)).first()
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


# ---- dashboard sessions -------------------------------------------------------------------------------
def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(value: datetime) -> datetime:
    # SQLite hands back the stored UTC times without their zone.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def start_session(store: Any, key: ApiKey, lifetime: timedelta = SESSION_LIFETIME) -> str:
    """Open a session for a verified key that may read; return its token (for the cookie only)."""
    if not key.may("read"):
        raise ApiKeyError(f"the API key '{key.name}' may not read (its scopes: {key.scope_names})")
    if getattr(store, "readonly", False):
        # A session is a row in the store: a server that may not write cannot keep one.
        raise ApiKeyError("this server opened its store read-only, so it cannot keep a sign-in; "
                          "send the key with each request instead (X-API-Key)")
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    s = schema.api_sessions
    with store.engine.begin() as conn:
        # Expired sessions are of no use to anyone: clear them out as new ones come in.
        conn.execute(delete(s).where(s.c.expires_at < now))
        conn.execute(insert(s).values(key_id=key.id, token_hash=_token_hash(token), created_at=now,
                                      expires_at=now + lifetime))
    return token


def session_key(store: Any, token: str | None) -> ApiKey:
    """The key behind a live session, with its scopes narrowed to reading; raise `ApiKeyError` otherwise."""
    if not token:
        raise ApiKeyError("not signed in")
    s = schema.api_sessions.c
    with store.engine.connect() as conn:
        row = conn.execute(
            select(*_columns(), s.expires_at)
            .select_from(schema.api_sessions.join(schema.api_keys, schema.api_keys.c.id == s.key_id))
            .where(s.token_hash == _token_hash(token))
        ).first()
    if row is None:
        raise ApiKeyError("the session is not known (sign in again)")
    if _aware(row.expires_at) <= datetime.now(UTC):
        raise ApiKeyError("the session has expired (sign in again)")
    record = _row(row)
    if record.revoked_at is not None:
        raise ApiKeyError(f"the API key '{record.name}' was revoked on {record.revoked_at:%Y-%m-%d}", revoked=True)
    # A stolen cookie must not be able to add stories: a session only ever reads.
    return ApiKey(record.id, record.name, record.lookup, record.created_at, None, record.scopes & {"read"})


def end_session(store: Any, token: str | None) -> None:
    """Forget a session (signing out); unknown tokens are ignored."""
    if token:
        with store.engine.begin() as conn:
            conn.execute(delete(schema.api_sessions).where(schema.api_sessions.c.token_hash == _token_hash(token)))
