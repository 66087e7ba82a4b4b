"""The guided tools: what each one is called, the destination that opens it, and the library
strategies it can walk a person through.

The Tools screen lists them; the Coping and Library screens offer "Guide me" for a strategy that has
one (`tool_for_strategy`). Each opens by destination name (tui/navigation.py), so none of those
screens imports another.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Tool:
    id: str
    title: str
    blurb: str
    destination: str
    arguments: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Keyword arguments for the destination's screen."""
    strategies: tuple[str, ...] = ()
    """Slugs of the library strategies this tool guides."""


def _breathing(pattern_id: str) -> Mapping[str, str]:
    return MappingProxyType({"pattern_id": pattern_id})


TOOLS: tuple[Tool, ...] = (
    Tool(
        "longer-out",
        "Longer breath out",
        "In 4, out 6, no holding. The one to start with.",
        "breathing",
        _breathing("longer-out"),
        ("paced-breathing", "belly-breathing"),
    ),
    Tool(
        "short-hold",
        "Longer out, short pause",
        "In 4, pause 2, out 6. Skip the hold if it feels uncomfortable.",
        "breathing",
        _breathing("short-hold"),
    ),
    Tool(
        "box",
        "Box breathing",
        "In 4, hold 4, out 4, hold 4. Skip the hold if it feels uncomfortable.",
        "breathing",
        _breathing("box"),
        ("box-breathing",),
    ),
    Tool(
        "grounding",
        "5-4-3-2-1 grounding",
        "Come back to the room through your senses.",
        "grounding",
        strategies=("five-four-three-two-one",),
    ),
    Tool(
        "muscle",
        "Tense and let go",
        "Progressive muscle relaxation, one part at a time.",
        "muscle-relaxation",
        strategies=("muscle-relaxation",),
    ),
    Tool(
        "safe-place",
        "A calm place",
        "Picture a place where you feel calm.",
        "safe-place",
        strategies=("calm-place",),
    ),
)


def tool_for_strategy(slug: str) -> Tool | None:
    """The guided tool that walks through a library strategy, or None if there is none."""
    return next((tool for tool in TOOLS if slug in tool.strategies), None)


__all__ = ["TOOLS", "Tool", "tool_for_strategy"]
