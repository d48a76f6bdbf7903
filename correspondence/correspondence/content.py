"""Message content: Markdown bodies rendered to sanitised HTML, and the plain-text rule for the other fields.

A body is rendered once, when it is sent, and the HTML is stored: readers never wait for Markdown. Rendering a
pathological body (30,000 characters of `![`) takes markdown-it-py about half a second of pure Python, so it runs
in a worker thread within a time budget, and a body that misses the budget is shown as escaped plain text.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

logger = logging.getLogger(__name__)

# Well above the worst case of a 30,000-character body (about 0.6 s on a busy core), well below a request timeout.
RENDER_BUDGET_SECONDS = 2.0
# Few threads: a burst of pathological sends queues here instead of taking every core from the event loop.
_rendering = ThreadPoolExecutor(max_workers=2, thread_name_prefix="markdown")
# No <img>: a remote image would load from a third party when the letter is opened and tell it who read what, when.
_TAGS = nh3.ALLOWED_TAGS - {"img"}
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _image_as_link(
    renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict, env: EnvType
) -> str:
    """`![text](url)` as a link to the image: the reader chooses to load it."""
    token = tokens[index]
    source = escapeHtml(str(token.attrGet("src") or ""))
    text = escapeHtml(renderer.renderInlineAsText(token.children or [], options, env)) or source
    return f'<a href="{source}">{text}</a>'


def _markdown(*, html: bool) -> MarkdownIt:
    markdown = MarkdownIt("commonmark", {"html": html}).enable("table").enable("strikethrough")
    markdown.add_render_rule("image", _image_as_link)
    return markdown


# Recognises raw HTML, to tell the sender their body contains some; a body without any renders from its tokens.
_parser = _markdown(html=True)
# Escapes raw HTML: renders the bodies that have some (stored before that was refused). nh3 cleans either output.
_escaping = _markdown(html=False)


@dataclass(frozen=True, slots=True)
class RenderedBody:
    html: str
    has_raw_html: bool


def _has_raw_html(tokens: Sequence[Token]) -> bool:
    return any(
        token.type == "html_block"
        or (token.type == "inline" and any(child.type == "html_inline" for child in token.children or []))
        for token in tokens
    )


def _sanitised(rendered: str) -> str:
    return str(nh3.clean(rendered, tags=_TAGS, link_rel="noopener noreferrer nofollow"))


def render_markdown(body: str) -> RenderedBody:
    """The body as sanitised HTML, and whether it holds raw HTML (rendered escaped). Blocks for as long as
    markdown-it-py takes: call `render_body` on the event loop."""
    tokens = _parser.parse(body)
    if _has_raw_html(tokens):
        return RenderedBody(_sanitised(_escaping.render(body)), has_raw_html=True)
    # Without raw HTML, the tokens are those the escaping parser would make: one parse instead of two.
    env: dict[str, Any] = {}
    return RenderedBody(_sanitised(_parser.renderer.render(tokens, _parser.options, env)), has_raw_html=False)


def plain_html(body: str) -> str:
    """The body as escaped text, in linear time: for a body that missed the budget or is not rendered yet."""
    return "<p>" + html.escape(body).replace("\n", "<br>\n") + "</p>"


async def render_body(body: str) -> RenderedBody:
    """`render_markdown` in a worker thread; a body that misses the budget becomes plain text (the thread still
    finishes it, in bounded time: bodies are at most 30,000 characters)."""
    rendering = asyncio.get_running_loop().run_in_executor(_rendering, render_markdown, body)
    try:
        return await asyncio.wait_for(rendering, RENDER_BUDGET_SECONDS)
    except TimeoutError:
        logger.warning("A %d-character body missed the Markdown budget; stored as plain text", len(body))
        return RenderedBody(plain_html(body), has_raw_html=False)


def plain_text_problem(value: str) -> str | None:
    """Why `value` is not plain text, or None. Plain-text fields are shown as they are, never as markup."""
    if _TAG.search(value):
        return "must be plain text: markup is not allowed"
    if _CONTROL.search(value):
        return "must not contain control characters"
    return None
