"""Raw blocks → a clean Markdown body (subheadings, captions, quotes, source line)."""
from __future__ import annotations

import re

from .blocks import Block, RawDocument

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START_SPECIAL = re.compile(r"^(\s*)([#>+-]|\d+(?=[.)]))(\s|$|[.)])")


def escape_markdown(text: str) -> str:
    """Make scraped text render literally: no accidental emphasis, lists, HTML or links.  Only escapes that
    Markdown takes back are written (``1\\.``, not ``\\1.``, which would show its backslash)."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    return _LINE_START_SPECIAL.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match) -> str:
    indent, mark, after = match.groups()
    if mark[0].isdigit():  # "1." or "1)" starting a line would make a list: escape the dot or bracket
        return f"{indent}{mark}\\{after}" if after in ".)" else match.group(0)
    return f"{indent}\\{mark}{after}"


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
