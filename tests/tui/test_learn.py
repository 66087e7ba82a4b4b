"""Learn cards: every bundled card is listed and readable, with its sources and the care notice."""

from __future__ import annotations

from textual.widgets import OptionList

from copingkit.core import content
from copingkit.core.vault import Vault
from copingkit.tui.screens.learn import LearnScreen

SIZE = (100, 32)


async def test_every_card_is_listed_and_shows_with_sources(make_app, ui) -> None:
    app = make_app(demo_vault=Vault.in_memory())
    cards = content.load_learn_cards()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("question_mark")
        await ui.settle(pilot)
        assert isinstance(app.screen, LearnScreen)
        options = app.screen.query_one("#learn-list", OptionList)
        assert [str(option.prompt) for option in options.options] == [card.title for card in cards]
        text = ui.screen_text(app)
        assert cards[0].title in text and cards[0].sources[0].name in text and content.learn_notice() in text
        finding = next(i for i, card in enumerate(cards) if card.topic == "finding-a-group")
        options.highlighted = finding
        await pilot.pause()
        assert cards[finding].body[0] in ui.screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LearnScreen)
