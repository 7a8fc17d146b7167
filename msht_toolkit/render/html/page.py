"""The HTML page shell: one Jinja2 environment, one base template, ``render_page``.

Every HTML output of msht (report, plan, trend, diff, compare) is one self-contained
file: a page built from ``templates/base.html.j2`` with its one embedded stylesheet
(A4 print styles, tables that stay inside the page, RAG as a word and a colour), no
scripts and no external references. A page template extends the base and fills
``{% block content %}``; the macros in ``templates/macros.html.j2`` draw the common
pieces (RAG badges, tables with fixed column widths, a chart beside its numbers).

Safety: autoescaping is on for every template, and every value a template prints
passes ``clean`` first (``Environment(finalize=...)``): control characters from a
file's text never reach the page. Only markup this package builds itself (the inline
SVG charts) may be marked safe, with ``trusted``.

Jinja2 is imported only here, and this module only by the commands that write HTML,
so ``msht --help`` never pays for it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from msht_toolkit import __version__
from msht_toolkit.scoring.scorer import UNRATED, Rag

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

GENERATOR = f"msht-toolkit {__version__}"
RAGS = tuple(Rag)


def clean(value: object) -> object:
    """What a template prints: None as nothing, text with control characters made safe.

    Markup built by this package (``trusted``) is passed through unchanged; anything
    else is turned into text, cleaned, and then autoescaped by Jinja2.
    """
    from markupsafe import Markup

    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    from msht_toolkit.textsafe import safe_text

    return safe_text(str(value))


def rag_class(rag: object) -> str:
    """The CSS class of a RAG word (``rag-red``...); ``rag-unrated`` for anything else."""
    word = str(rag).split()[0].upper() if rag else UNRATED
    return f"rag-{word.lower()}" if word in RAGS else "rag-unrated"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The shared Jinja2 environment: package templates, autoescape on, strict undefined."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("msht_toolkit", "render/html/templates"),
        autoescape=True,
        finalize=clean,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["rag_class"] = rag_class
    env.globals["generator"] = GENERATOR
    return env


def trusted(markup: str) -> Markup:
    """Mark markup built by this package (an inline SVG chart) as safe to embed.

    Never pass text from a file through this: it would be printed unescaped.
    """
    from markupsafe import Markup

    return Markup(markup)


def render_page(template: str, *, title: str, **context: Any) -> str:
    """Render ``template`` (a page extending ``base.html.j2``) to one HTML document.

    ``title`` is the document's title (the ``<title>`` and, by default, the first
    heading); ``context`` is passed to the template as it is.
    """
    return environment().get_template(template).render(title=title, **context)
