"""The app's stylesheet: Textual's, except that a source already parsed is not parsed again.

Textual 8.2's `Stylesheet.reparse` builds a fresh stylesheet and parses every source from nothing:
app.tcss, each screen's .tcss and every widget's DEFAULT_CSS. It runs when a screen brings CSS not
seen yet, when the theme is applied, and twice more whenever a mode's first screen is shown, so
unlock → Home parsed all of it three times (about a third of that step). The rules of one source
depend only on its text, where it was read from, its scope and the CSS variables; `KeptStylesheet`
keeps them, so `reparse` parses only the new sources, and forgets them all when a variable changes
(a theme switch), as Textual does.

Its reach into Textual's private API (`_parse_rules`, `_variables`, `_invalid_css`,
`_require_parse`) is checked against Textual 8.2.8, pinned in pyproject.toml; tests/tui/test_stylesheet.py
compares its rules with a stock stylesheet's.
"""

from __future__ import annotations

from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation


class KeptStylesheet(Stylesheet):
    """A Textual stylesheet that parses each source once for as long as the CSS variables stay."""

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._kept: dict[tuple[str, CSSLocation, bool, int, str], list[RuleSet]] = {}

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope)
        rules = self._kept.get(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            self._kept[key] = rules
        return rules

    def set_variables(self, variables: dict[str, str]) -> None:
        """New variables (a theme): every source parses again. The same ones (Textual sets them on
        every CSS refresh): nothing to do."""
        if variables == self._variables:
            return
        self._kept.clear()
        super().set_variables(variables)

    def reparse(self) -> None:
        """Textual's reparse, parsing only the sources this stylesheet hasn't parsed yet.

        As in Textual, a source with an error raises (again) and the rules in use stay as they were.
        """
        self._invalid_css = set()
        self._require_parse = True
        self.parse()


__all__ = ["KeptStylesheet"]
