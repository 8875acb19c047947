"""Which state a story is about: one rule, read by actor resolution and by the coder alike."""

from __future__ import annotations

from collections.abc import Mapping


def story_state_of(
    counts: Mapping[str, int], body_counts: Mapping[str, int], dateline: str | None, *, least: int = 1
) -> tuple[str, str] | None:
    """The state a story is about, and why, from how often it names each state (`counts`, and
    `body_counts` outside title and dateline).

    The dateline's state, unless another is named at least twice as often as any rival and the
    body names the dateline's state never, or only in passing (a third as often or less: the
    host of a summit, a minister quoted once). Else the dominant state, named at least `least`
    times. Else none."""
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    dominant = (
        ranked[0]
        if ranked and ranked[0][1] >= least and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1])
        else None
    )
    if dateline:
        in_body = body_counts.get(dateline, 0)
        passing = dominant is not None and 3 * in_body <= body_counts.get(dominant[0], 0)
        if dominant is None or dominant[0] == dateline or not passing:
            return dateline, "datelined"
    if dominant is not None:
        return dominant[0], f"named {dominant[1]} times"
    return None
