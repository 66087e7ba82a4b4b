"""Guided tools: paced breathing, 5-4-3-2-1 grounding, tense-and-let-go, a calm place.

`ToolsScreen` lists them; `tool_for_strategy(slug)` says which tool can guide a library strategy.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from copingkit.tui.screens.tools.menu import TOOLS, ToolsScreen


def tool_for_strategy(slug: str) -> Callable[[], Screen] | None:
    """A factory for the guided tool that walks through a strategy, or None if there is none."""
    for tool in TOOLS:
        if slug in tool.strategies:
            return tool.make
    return None


__all__ = ["TOOLS", "ToolsScreen", "tool_for_strategy"]
