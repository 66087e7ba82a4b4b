"""Checks for the HTML pages copingkit writes: nothing on them loads, runs or points anywhere else."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_TAGS = {"script", "link", "img", "iframe", "object", "embed", "a", "base", "form", "video", "audio", "source"}
_ATTRIBUTES = {"src", "href", "srcset", "action", "xlink:href", "poster", "data"}
_CSS = re.compile(r"@import|url\(", re.IGNORECASE)


class _Outside(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name in _ATTRIBUTES or name.startswith("on"):
                self.found.append(f"{tag} {name}={value}")
            if name == "style" and value and _CSS.search(value):
                self.found.append(f"{tag} style={value}")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and _CSS.search(data):
            self.found.append(f"<style> {_CSS.search(data).group(0)}")  # type: ignore[union-attr]


def outside_references(page: str) -> list[str]:
    """Every element, attribute or CSS rule in `page` that would load, run or link to something elsewhere."""
    parser = _Outside()
    parser.feed(page)
    parser.close()
    return parser.found
