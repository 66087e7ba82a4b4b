"""How a coping strategy reads on screen (the Coping and Library screens share it), and the bundled
strategies brought into the open journal before either lists them."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from textual.content import Content

from copingkit.core import content
from copingkit.core.services.readmodels import Strategy

if TYPE_CHECKING:
    from copingkit.core.services import Services

SOURCE_WORDS = {"builtin": "", "mine": "my own", "pack": "from my therapist", "group": "learned from my group"}

_synced: weakref.WeakSet[Services] = weakref.WeakSet()


def ensure_builtin_strategies(services: Services) -> None:
    """Bring the bundled strategies into the open journal once per unlock (new ones, never edits)."""
    if services in _synced:
        return
    from copingkit.core.builtin_content import sync_builtin_content

    sync_builtin_content(services)
    _synced.add(services)


def reaction_label(reaction_id: str | None) -> str:
    for reaction in content.load_reactions():
        if reaction.id == reaction_id:
            return reaction.label
    return reaction_id.replace("-", " ") if reaction_id else "anything"


def source_words(strategy: Strategy) -> str:
    return SOURCE_WORDS.get(strategy.source, "")


def reviewed(strategy: Strategy | None) -> content.Strategy | None:
    """The bundled version of a builtin strategy: its content note, grounding and "when calmer" marks."""
    if strategy is None or strategy.source != "builtin":
        return None
    return content.bundled_strategy(strategy.slug)


def grounds_first(strategy: Strategy | None) -> bool:
    marks = reviewed(strategy)
    return marks is not None and marks.ground_first


def strategy_head(strategy: Strategy) -> Content:
    """Title line, details and any content note, with no markup parsing."""
    parts: list[Content | str | tuple[str, str]] = [(strategy.title, "bold")]
    marks = reviewed(strategy)
    details = [content.WHEN_CALMER] if marks is not None and marks.when_calmer else []
    if strategy.minutes:
        details.append(f"about {strategy.minutes} min")
    if source_words(strategy):
        details.append(source_words(strategy))
    if strategy.favourite:
        details.append("★ favourite")
    if strategy.mean_drop is not None and strategy.mean_drop > 0:
        details.append(f"helped you before: distress down {strategy.mean_drop:.1f} on average")
    if details:
        parts.append(("\n" + " · ".join(details), "dim"))
    if marks is not None and marks.content_note:
        parts.append(("\n\n" + content.strategy_note_text(), "bold"))
    return Content.assemble(*parts)
