"""A saved HTML news page → its article text and the metadata the page states.

The main text comes from trafilatura (made for news pages: it drops menus, related-article boxes, share
bars, comments and footers), with what Vietnamese pages need besides (the lead put back, subheadings kept,
the closing byline); the metadata is what the page's markup declares (``page_meta.py``).  A page with no
article — a tag listing, a home page — is refused.
"""
from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from ..lang.text import fold, normalize
from .metadata import Metadata, text_value
from .page_meta import BYLINE, declared_type, page_metadata, read_markup
from .raw import RawInputError, clean_text, decode_bytes

MIN_TEXT = 250  # characters: less is a teaser, a gallery or an error page, not an article …
MIN_ARTICLE_TEXT = 80  # … unless the page declares itself an article (JSON-LD, og:type, article: tags)

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)


def decode_page(data: bytes, shown: str, warnings: list[str]) -> str:
    """The page's text: in the encoding its ``<meta charset>`` declares when Python knows it, else found
    as for text files (UTF-8, UTF-16, the Vietnamese Windows code page)."""
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            return data.decode(name)
        except LookupError:
            pass
        except UnicodeDecodeError:
            pass  # (a page that lies about its encoding: found from its bytes)
    return decode_bytes(data, shown, warnings)


def read_html(data: bytes, shown: str, warnings: list[str] | None = None) -> tuple[str, Metadata]:
    """The article text of a saved page (headline first, paragraphs separated by blank lines) and its
    metadata; RawInputError when the page holds no article."""
    warnings = [] if warnings is None else warnings
    if not data.strip():
        raise RawInputError(shown, "file is empty; add the page or delete the file")
    # (NFC and one tone placement before parsing: a page in the Windows code page spells its tones as
    # combining marks, and the text is matched against the page's own nodes below)
    page = normalize(decode_page(data, shown, warnings))
    try:
        tree = lxml.html.document_fromstring(page)
    except (etree.ParserError, ValueError) as exc:
        raise RawInputError(shown, f"not an HTML page ({exc}); save the page again or remove the file") from None
    markup = read_markup(tree)
    meta = page_metadata(tree, markup, shown, warnings)
    declared = declared_type(markup)
    paragraphs, meta = _article_text(tree, meta)
    body = "\n\n".join(paragraphs)
    why = _not_an_article(tree, body, declared)
    if why:
        raise RawInputError(shown, f"not an article page: {why} — a tag, category or home page? "
                                   "Save the article's own page, or remove the file")
    return (f"{meta.title}\n\n{body}" if meta.title else body), meta


def _article_text(tree, meta: Metadata) -> tuple[list[str], Metadata]:
    """The article's paragraphs, by trafilatura, with what Vietnamese pages need besides: subheadings kept,
    the lead put back, the closing byline taken as the author; and the metadata that reading adds (the
    byline, the body's first photo)."""
    import trafilatura  # (only pages need it: imported on the first one)

    lead = _lead(tree)
    _keep_subheadings(tree)
    # (Tables left out: old CMSs lay whole pages out in them, and their cells came out as "| … |" rows.)
    text = trafilatura.extract(tree, output_format="txt", include_comments=False, include_tables=False,
                               include_images=False, deduplicate=False, favor_precision=True) or ""
    paragraphs = [line.strip() for line in clean_text(text).split("\n") if line.strip()]
    if paragraphs and meta.title and fold(paragraphs[0]).lower() == fold(meta.title).lower():
        paragraphs.pop(0)  # (the headline comes first, once: read_html puts it there)
    if lead and not any(lead[:60] in p for p in paragraphs[:3]):
        paragraphs.insert(0, lead)  # (the lead, outside the article's body element on many sites)
    if meta.image is None and paragraphs and (image := _body_image(tree, paragraphs[0])):
        address = urljoin(meta.url, image) if meta.url else image
        if address.startswith(("http://", "https://")):
            meta = replace(meta, image=address, evidence=meta.evidence | {"image": "the first photo of the body"})
    if paragraphs and BYLINE.match(paragraphs[-1]) and len(paragraphs[-1]) <= 40:
        byline = paragraphs.pop()  # (the reporter's name closing the article)
        if meta.author is None:
            meta = replace(meta, author=byline, evidence=meta.evidence | {"author": "the byline ending the article"})
    return paragraphs, meta


def _not_an_article(tree, body: str, declared: str | None) -> str | None:
    """Why the page is not one article, or None.  A listing of other articles: it calls itself a website or
    a collection (many article pages of small sites do too) and its headline links outweigh its text
    twice over; or most of its text is the text of links.  Or too little text: 250 characters, 80 for a
    page that declares itself an article (a short brief)."""
    anchors = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    headlines = {fold(t).lower() for t in anchors if len(t.split()) >= 6}
    if declared not in (None, "article") and len(headlines) >= 8 and sum(map(len, headlines)) > 2 * len(body):
        return f"the page calls itself a {declared}, not an article, and links {len(headlines)} headlines"
    paragraphs = body.split("\n\n") if body else []
    links = {fold(t).lower() for t in anchors if len(t.split()) >= 4}
    linked = sum(len(p) for p in paragraphs if fold(p).lower() in links
                 or any(fold(p).lower().startswith(t) for t in links if len(t) >= 30))
    if paragraphs and linked >= 0.4 * len(body):
        return f"{linked * 100 // len(body)} % of its text is links to other articles"
    if len(body) < (MIN_ARTICLE_TEXT if declared == "article" else MIN_TEXT):
        return f"only {len(body)} characters of text"
    return None


_NOT_PHOTO = re.compile(r"logo|banner|icon|avatar|/adv?/|quangcao|ads?[_/.-]|sprite|blank|pixel", re.IGNORECASE)


def _body_image(tree, paragraph: str | None) -> str | None:
    """The first photo inside the element that holds the article's text (found by its first paragraph)."""
    if not paragraph:
        return None
    holders = tree.xpath("//body//*[text()[contains(., $s)]]", s=paragraph[:40])
    node = holders[0] if holders else None
    while node is not None and len(node.text_content()) < 500:
        node = node.getparent()
    if node is None:
        return None
    for image in node.iter("img"):
        source = image.get("data-src") or image.get("src")
        if source and not _NOT_PHOTO.search(source):
            return source
    return None


_LEAD_CLASSES = ("sapo", "description", "chapeau", "article__sapo", "detail-sapo", "summary", "lead", "excerpt")


def _lead(tree) -> str | None:
    """The article's lead (sapo), which many Vietnamese sites keep outside the element of the body."""
    condition = " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {c} ')" for c in _LEAD_CLASSES)
    for node in tree.xpath(f"//body//*[self::p or self::div or self::h2 or self::span][{condition}]"):
        if node.xpath("ancestor::nav or ancestor::footer or ancestor::aside or .//a[@href]"):
            continue
        text = text_value(node.text_content())
        if text and len(text) >= 40:
            return text
    return None


def _keep_subheadings(tree) -> None:
    """Subheadings of the body as paragraphs: trafilatura leaves ``<h2>``–``<h4>`` out, and a speech's
    sections would go with them.  Only a heading followed by prose counts (not "Tin liên quan")."""
    for heading in tree.xpath("//body//*[self::h2 or self::h3 or self::h4]"):
        following = heading.getnext()
        if following is not None and following.tag == "p" and len(following.text_content().strip()) >= 80:
            heading.tag = "p"


