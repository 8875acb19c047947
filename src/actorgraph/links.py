"""The addresses a story may carry as its `url`: absolute http(s) URLs, nothing else.

A story's URL ends up as a link on the dashboard and in API answers that other tools render, so
a `javascript:`, `data:` or `vbscript:` address would run in a reader's browser. Rather than
list the dangerous schemes (browsers keep adding ways to spell them), only the two web schemes
are accepted, with a host.
"""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["WEB_SCHEMES", "url_problem", "web_url"]

WEB_SCHEMES = frozenset({"http", "https"})


def url_problem(value: str) -> str | None:
    """Why `value` (surrounding spaces aside) is no http(s) address, or None when it is one.

    The reason completes "must be an http:// or https:// address (...)".
    """
    value = value.strip()
    # Browsers drop tabs and newlines inside a URL, so "java\tscript:" would still run a script.
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in value):
        return "it contains control characters"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - reading the port is what checks it
    except ValueError:
        return "it is not a well-formed URL"
    if parts.scheme.lower() not in WEB_SCHEMES:
        return f"its scheme is '{parts.scheme}'" if parts.scheme else "it has no scheme"
    if not parts.hostname:
        return "it names no host"
    return None


def web_url(value: object) -> str | None:
    """`value` without surrounding spaces when it is an http(s) address; None for anything else."""
    if not isinstance(value, str) or url_problem(value) is not None:
        return None
    return value.strip()
