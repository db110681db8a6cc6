"""Markdown body → safe HTML: captions become figures, raw HTML is sanitized."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "h5", "h6", "em", "strong", "blockquote", "ul", "ol", "li", "a", "figure", "figcaption",
    "br", "hr", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "abbr", "sup", "sub", "img", "span",
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"}, "abbr": {"title"}, "img": {"src", "alt", "title"}, "figure": {"class"},
    "th": {"align"}, "td": {"align"},
}
_TAG = re.compile(r"<[^>]+>")


class _CaptionFigures(Treeprocessor):
    """A paragraph that is only one emphasised run is a photo caption."""

    def run(self, root: etree.Element) -> None:
        for p in list(root.iter("p")):
            children = list(p)
            if (len(children) == 1 and children[0].tag == "em" and not (p.text or "").strip()
                    and not (children[0].tail or "").strip()):
                em = children[0]
                p.tag = "figure"
                p.set("class", "caption")
                em.tag = "figcaption"
                em.tail = None


class _CaptionExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (markdown's API name)
        md.treeprocessors.register(_CaptionFigures(md), "caption_figures", 5)


def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["sane_lists", "tables", _CaptionExtension()], output_format="html")


_MD = _converter()


def render_markdown(source: str) -> str:
    """Markdown → sanitized HTML fragment (scripts, handlers and javascript: URLs removed)."""
    _MD.reset()
    rendered = _MD.convert(source)
    return nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, blocks separated by newlines."""
    text = re.sub(r"</(p|h\d|li|figure|blockquote)>", "\n", fragment)
    return html.unescape(_TAG.sub("", text)).strip()
