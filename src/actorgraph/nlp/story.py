"""Which state a story is about: one rule, read by actor resolution and by the coder alike."""

from __future__ import annotations

from collections.abc import Mapping


def story_state_of(
    counts: Mapping[str, int],
    body_counts: Mapping[str, int],
    dateline: str | None,
    *,
    least: int = 1,
    lead: str | None = None,
) -> tuple[str, str] | None:
    """The state a story is about, and why, from how often it names each state (`counts`, and
    `body_counts` outside title and dateline) and the first state its body names (`lead`).

    - The dateline's state, when the body names it and no other state dwarfs it (named three
      times as often: an "OUAGADOUGOU" story on a coup in Guinea that quotes Burkina Faso's
      minister once).
    - A dateline whose state the body never names is a foreign bureau's ("BANGKOK" on a story
      about Myanmar): the state the lead names, unless another state dominates the story.
    - Else the dominant state (named at least `least` times and twice as often as any other).
    """
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    dominant = (
        ranked[0]
        if ranked and ranked[0][1] >= least and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1])
        else None
    )
    if dateline:
        named = body_counts.get(dateline, 0)
        dwarfed = dominant is not None and dominant[0] != dateline and dominant[1] >= 3 * max(1, named)
        if named > 0 and not dwarfed:
            return dateline, "datelined"
        if dominant is None or dominant[0] == dateline:
            return (lead, "the lead") if lead else (dateline, "datelined")
    if dominant is not None:
        return dominant[0], f"named {dominant[1]} times"
    return None
