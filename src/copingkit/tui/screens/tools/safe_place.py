"""Safe-place imagery: picturing a calm place in detail, step by step."""

from __future__ import annotations

from copingkit.tui.screens.tools.walkthrough import WalkthroughScreen


class SafePlaceScreen(WalkthroughScreen):
    SLUG = "calm-place"
    TITLE_TEXT = "A calm place"
    INTRO = "Take your time with each step. You can keep your eyes open."
    ENDING = "You can come back to this place whenever you like, with its word."
