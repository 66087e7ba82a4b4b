"""The one HTML rendering path: escaping always on, entries' markdown formatted with raw HTML
escaped, one stylesheet, and nothing on any page that loads, runs or links elsewhere."""

from __future__ import annotations

from copingkit.core.rendering import Markup, markdown, render
from copingkit.core.services import Services
from tests.support.html_pages import outside_references

HOSTILE = """# Heading in an entry

Some **bold** and _soft_ words, `code` and ~~struck~~.
A second line of the same paragraph.

<script>alert("x")</script>
<img src="https://tracker.example/p.png">
[a link](https://example.com/page) ![an image](https://example.com/i.png) <https://example.com/auto>
[ref]: https://example.com/ref

- one
- two
"""


def test_markdown_formats_and_escapes_raw_html() -> None:
    html = markdown(HOSTILE)
    assert isinstance(html, Markup)
    assert "<h4>Heading in an entry</h4>" in html
    assert "<strong>bold</strong>" in html and "<em>soft</em>" in html and "<code>code</code>" in html
    assert "<s>struck</s>" in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "~~struck~~.<br>\nA second line" in html.replace("<s>struck</s>", "~~struck~~")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=&quot;https://tracker.example/p.png&quot;&gt;" in html
    assert "[a link](https://example.com/page)" in html and "![an image](https://example.com/i.png)" in html
    assert "[ref]: https://example.com/ref" in html
    assert outside_references(html) == []


def test_every_value_is_escaped_even_in_a_template_that_forgets() -> None:
    page = render("base.html", title='<script>alert(1)</script> & "me"')
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;me&#34;</title>" in page


def test_html_export_renders_entries_markdown_escaped(services: Services) -> None:
    services.journal.create(HOSTILE, title="<b>title</b>", shared=True)
    services.journal.create("not shared **at all**")
    page = services.transfer.export_html(shared_only=True)
    assert "<strong>bold</strong>" in page and "<h4>Heading in an entry</h4>" in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;title&lt;/b&gt;" in page
    assert "at all" not in page
    assert outside_references(page) == []


def test_every_page_uses_the_one_stylesheet_and_refuses_scripts(services: Services) -> None:
    pages = [services.transfer.export_html(), services.safety.export_html(country="GB")]
    styles = {page[page.index("<style>") : page.index("</style>")] for page in pages}
    assert len(styles) == 1
    assert all("Content-Security-Policy\" content=\"default-src 'none'" in page for page in pages)
    assert [outside_references(page) for page in pages] == [[], []]


def test_the_outside_reference_check_sees_each_kind() -> None:
    page = '<img src="x.png"><p style="background: url(x)">a</p><style>@import "x.css";</style><svg onload="x">'
    assert outside_references(page) == [
        "<img>",
        "img src=x.png",
        "p style=background: url(x)",
        "<style> @import",
        "svg onload=x",
    ]
