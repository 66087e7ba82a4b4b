"""A place's key goes there from every screen where letters are keys (README, "Using the app").

On a screen with text boxes letters are for writing, so its own letter keys are its own (Journal's
`t` shares, not Tools); on every other place and tool screen no key of the screen's takes a place's
key, which would silently shadow it (breathing's still guide had Import's `m`, tense-and-let-go's
timer had Tools' `t`). Home's `c` and `o` are the two exceptions, and they lead to those places.
"""

from __future__ import annotations

import pytest

from copingkit.tui.navigation import PLACES
from copingkit.tui.typing_guard import has_text_boxes

SIZE = (80, 24)
TOOLS = ("breathing", "grounding", "muscle-relaxation", "safe-place")
SAME_PLACE = {("home", "c"): "checkin", ("home", "o"): "coping"}
"""Home's own c (the check-in just made, in detail) and o (Coping): where the place keys go too."""


@pytest.mark.parametrize("name", [item.name for item in PLACES] + list(TOOLS))
async def test_every_place_key_goes_to_its_place_where_letters_are_keys(demo, ui, name: str) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        if name in TOOLS:
            app.push_destination(name)
        else:
            app.go(name)
        await ui.settle(pilot)
        if has_text_boxes(app.screen):
            return
        # Every binding of the screen and its focused widgets, also those its check_action turns off
        # just now (breathing's still guide is off with animation off, as in these tests).
        own = {
            key: (type(node).__name__, binding.action)
            for node, bindings in app.screen._modal_binding_chain
            if node is not app
            for key, binding in bindings
        }
        taken = {
            item.key: own[item.key]
            for item in PLACES
            if item.key in own and SAME_PLACE.get((name, item.key)) != item.name
        }
        assert taken == {}
