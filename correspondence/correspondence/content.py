"""Message content: Markdown bodies rendered to sanitised HTML, and the plain-text rule for the other fields."""

from __future__ import annotations

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

# Rendering escapes raw HTML and refuses javascript: links; nh3 then removes anything that slipped through.
_renderer = MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")
# A second parser that recognises raw HTML, only to tell the sender that their body contains some.
_html_detector = MarkdownIt("commonmark", {"html": True})
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@lru_cache(maxsize=1024)
def render_markdown(body: str) -> str:
    return nh3.clean(_renderer.render(body), link_rel="noopener noreferrer nofollow")


def contains_raw_html(markdown: str) -> bool:
    for token in _html_detector.parse(markdown):
        if token.type == "html_block":
            return True
        if token.type == "inline" and any(child.type == "html_inline" for child in token.children or []):
            return True
    return False


def plain_text_problem(value: str) -> str | None:
    """Why `value` is not plain text, or None. Plain-text fields are shown as they are, never as markup."""
    if _TAG.search(value):
        return "must be plain text: markup is not allowed"
    if _CONTROL.search(value):
        return "must not contain control characters"
    return None
