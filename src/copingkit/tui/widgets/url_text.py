"""A web address that wraps only after a "/", "?", "&" or "-", never in the middle of a word."""

from __future__ import annotations

import re

from textual.content import Content
from textual.widget import Widget

_BREAK_AFTER = re.compile(r"(?<=[/?&\-])")


def url_lines(url: str, width: int) -> list[str]:
    """`url` in lines of at most `width` cells, broken after a separator; a part longer than a line
    (no separator in reach) stays whole on its own line rather than being cut."""
    if width <= 0 or len(url) <= width:
        return [url]
    lines: list[str] = []
    line = ""
    for part in _BREAK_AFTER.split(url):
        if line and len(line) + len(part) > width:
            lines.append(line)
            line = ""
        line += part
    if line:
        lines.append(line)
    return lines


class UrlText(Widget):
    DEFAULT_CSS = "UrlText { height: auto; }"

    def __init__(self, url: str, *, style: str = "", classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.url = url
        self.url_style = style

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: ANN001 - Textual signature
        return len(url_lines(self.url, width))

    def render(self) -> Content:
        lines = url_lines(self.url, self.content_region.width or self.size.width)
        return Content.styled("\n".join(lines), self.url_style) if self.url_style else Content("\n".join(lines))
