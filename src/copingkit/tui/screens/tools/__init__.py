"""Guided tools: paced breathing, 5-4-3-2-1 grounding, tense-and-let-go, a calm place.

`ToolsScreen` lists them (the list itself is tui/guided_tools.py); each tool is its own destination.
"""

from __future__ import annotations

from copingkit.tui.screens.tools.menu import ToolsScreen

__all__ = ["ToolsScreen"]
