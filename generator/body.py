"""Raw blocks → a clean Markdown body (subheadings, captions, quotes, source line)."""
from __future__ import annotations

import re

from .structure import Block, RawDocument

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START_SPECIAL = re.compile(r"^(\s*)([#>+=~-]|\d+[.)])(\s|$)")


def escape_markdown(text: str) -> str:
    """Make scraped text render literally: no accidental emphasis, lists, HTML or links."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    return _LINE_START_SPECIAL.sub(lambda m: f"{m.group(1)}\\{m.group(2)}{m.group(3)}", text)


def caption_markdown(block: Block) -> str:
    """A caption as an italic-only paragraph; the renderer turns it into a figure caption."""
    text = escape_markdown(block.text.strip())
    if block.credit:
        text = f"{text} Ảnh: {escape_markdown(block.credit)}"
    return f"*{text}*"


def render_body(doc: RawDocument) -> str:
    """The article body as Markdown (the headline, if any, is left to the front matter)."""
    parts = []
    for block in doc.blocks:
        if block.kind == "title":
            continue
        if block.kind == "heading":
            parts.append(f"## {escape_markdown(block.text)}")
        elif block.kind == "caption":
            parts.append(caption_markdown(block))
        elif block.kind == "source":
            parts.append(f"*Nguồn: {escape_markdown(block.text)}*")
        else:
            parts.append(escape_markdown(block.text))
    return "\n\n".join(parts) + "\n"
