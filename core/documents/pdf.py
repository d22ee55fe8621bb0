"""HTML and CSS to PDF with WeasyPrint, offline and with a Chinese font.

Printed documents are rendered from our own templates on the server, so nothing they need
lives elsewhere: the fetcher accepts ``data:`` URLs only, and a stray ``<img src="http://…">``
(or one slipped into a label) is never fetched. Text is set in Debian's Noto CJK fonts
(``fonts-noto-cjk``), found through fontconfig like any system font.

WeasyPrint is imported when the first document is rendered, not with the app: it parses its
own stylesheets on import and adds some 25 MB to a web worker that may never print.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher

TEMPLATES = Path(__file__).parent / "templates"
#: the print stylesheet every document shares (page sizes, fonts, tables, the cover)
STYLESHEET = TEMPLATES / "documents" / "print.css"
#: the only URL scheme a document may load from: images embedded in the HTML itself
ALLOWED_SCHEMES = frozenset({"data"})


def offline_fetcher() -> URLFetcher:
    """A fetcher that refuses every URL but ``data:`` (no network, no local files)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=ALLOWED_SCHEMES, allow_redirects=False)


#: documents are rendered outside requests too (background jobs), so they have their own
#: Jinja environment; autoescaping makes every label and value plain text in the PDF
_templates = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_document(template: str, **context) -> bytes:
    """The PDF of ``documents/<template>`` rendered with ``context``."""
    return render_pdf(_templates.get_template(f"documents/{template}").render(**context))


@cache
def _stylesheet_text() -> str:
    return STYLESHEET.read_text("utf-8")


def render_pdf(html: str) -> bytes:
    """The PDF of ``html`` (a whole document) laid out with the print stylesheet."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    fetcher = offline_fetcher()
    stylesheet = CSS(string=_stylesheet_text(), font_config=fonts, url_fetcher=fetcher)
    document = HTML(string=html, url_fetcher=fetcher, base_url=None)
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts)
