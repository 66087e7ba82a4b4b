"""One HTML rendering path: every page copingkit writes (the html export, the printable safety plan,
the session report) comes from the Jinja2 templates beside this module, with one stylesheet.

```python
page = render("export.html", title="copingkit journal", entries=[...])
```

Escaping is always on (`autoescape=True`, not per extension): a value only reaches the page raw if
it is `Markup`, and the only `Markup` made here is `markdown()`'s output, whose raw HTML
markdown-it escapes (`html=False`). Links and images stay as the text that was typed, so nothing
on a page points at or loads from anywhere else; the pages carry a Content-Security-Policy that
refuses scripts and every outside resource as a second fence. The stylesheet sets margins but no
paper size, so a page prints on whatever the printer holds (A4 or Letter).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markdown_it import MarkdownIt
from markupsafe import Markup

__all__ = ["Markup", "markdown", "render"]


def render(template: str, **context: Any) -> str:
    """The named template (in templates/) filled from `context`; every value escaped."""
    return _environment().get_template(template).render(**context)


def markdown(text: str) -> Markup:
    """An entry's markdown as HTML: raw HTML escaped, links and images left as their text,
    single newlines kept as line breaks, headings moved below the page's own (h4-h6)."""
    return Markup(_markdown().render(text))


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("copingkit.core.rendering", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["markdown"] = markdown
    return environment


@cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt(
        "commonmark", {"html": False, "xhtmlOut": False, "breaks": True, "linkify": False, "typographer": False}
    )
    md.enable("strikethrough")
    md.disable(["link", "image", "autolink", "reference"])
    md.core.ruler.push("lower_headings", _lower_headings)
    return md


def _lower_headings(state: Any) -> None:
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + 3)}"
