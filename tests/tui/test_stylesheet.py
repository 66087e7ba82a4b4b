"""The app's stylesheet parses a source once (tui/stylesheet.py) and still gives Textual's rules."""

from __future__ import annotations

from textual.color import Color
from textual.css.stylesheet import Stylesheet

from copingkit.tui.screens.home import HomeScreen
from copingkit.tui.stylesheet import KeptStylesheet

SIZE = (80, 24)
ONE = "Static { color: $primary; }"
TWO = "Label { background: $surface; }"


def _stock_copy(stylesheet: Stylesheet) -> Stylesheet:
    """A stock Textual stylesheet with the same variables and sources, parsed from nothing."""
    stock = Stylesheet(variables=dict(stylesheet._variables))
    for read_from, source in stylesheet.source.items():
        stock.add_source(
            source.content,
            read_from=read_from,
            is_default_css=source.is_defaults,
            tie_breaker=source.tie_breaker,
            scope=source.scope,
        )
    stock.parse()
    return stock


def _rules(stylesheet: Stylesheet) -> list[tuple[object, ...]]:
    """Each rule's selectors and declarations (a layout object equals only itself, so as text)."""
    return [
        (rule.selectors, repr(rule.styles.get_rules()), rule.is_default_rules, rule.tie_breaker)
        for rule in stylesheet.rules
    ]


def test_a_reparse_keeps_what_it_parsed_and_parses_what_is_new() -> None:
    sheet = KeptStylesheet(variables={"primary": "red", "surface": "black"})
    sheet.add_source(ONE, read_from=("one.tcss", ""))
    sheet.reparse()
    first = sheet.rules[0]
    sheet.add_source(TWO, read_from=("two.tcss", ""))
    sheet.reparse()
    assert sheet.rules[0] is first  # Textual's own reparse makes every rule again
    assert _rules(sheet) == _rules(_stock_copy(sheet))


def test_new_variables_parse_everything_again_and_the_same_ones_nothing() -> None:
    sheet = KeptStylesheet(variables={"primary": "red", "surface": "black"})
    sheet.add_source(ONE, read_from=("one.tcss", ""))
    sheet.reparse()
    first = sheet.rules[0]
    sheet.set_variables({"primary": "red", "surface": "black"})
    sheet.reparse()
    assert sheet.rules[0] is first
    sheet.set_variables({"primary": "blue", "surface": "black"})
    sheet.reparse()
    assert sheet.rules[0] is not first
    assert _rules(sheet) == _rules(_stock_copy(sheet))
    assert sheet.rules[0].styles.color == Color.parse("blue")


async def test_the_open_journal_has_textuals_own_rules(demo, ui) -> None:
    """After the way in, Home and a theme switch, the kept rules are what a stock stylesheet parses."""
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        assert isinstance(app.stylesheet, KeptStylesheet)
        assert isinstance(app.screen, HomeScreen)
        assert _rules(app.stylesheet) == _rules(_stock_copy(app.stylesheet))
        app.theme = "copingkit-high-contrast"
        await ui.settle(pilot)
        assert _rules(app.stylesheet) == _rules(_stock_copy(app.stylesheet))
