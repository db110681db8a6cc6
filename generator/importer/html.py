"""A saved HTML news page → its article text and the metadata the page states.

The main text comes from trafilatura (made for news pages: it drops menus, related-article boxes, share
bars, comments and footers); the metadata is read here from what the page declares, strongest first:
JSON-LD ``NewsArticle`` (headline, datePublished, author, publisher, articleSection, image), OpenGraph and
``article:`` tags, ``<link rel=canonical>``, the ``<h1>``, ``<time datetime>``, and only then htmldate's
reading of dates shown on the page.  A page with no article — a tag listing, a home page — is refused.
"""
from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from ..lang.text import fold
from .metadata import (Metadata, MetadataError, outlet_of, parse_date,
                       text_value, web_address, without_site_name)
from .raw import RawInputError, clean_text, decode_bytes

MIN_TEXT = 250  # characters: less is a teaser, a gallery or an error page, not an article

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                  "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "report", "liveblogposting"}
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
    import trafilatura  # (only pages need it: imported on the first one)

    warnings = [] if warnings is None else warnings
    if not data.strip():
        raise RawInputError(shown, "file is empty; add the page or delete the file")
    page = decode_page(data, shown, warnings)
    try:
        tree = lxml.html.document_fromstring(page)
    except (etree.ParserError, ValueError) as exc:
        raise RawInputError(shown, f"not an HTML page ({exc}); save the page again or remove the file") from None
    meta = page_metadata(tree, shown, warnings)
    text = trafilatura.extract(tree, output_format="txt", include_comments=False, include_tables=True,
                               include_images=False, deduplicate=False, favor_precision=True) or ""
    text = clean_text(text)
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if not paragraphs and not meta.title:
        raise RawInputError(shown, "no article text found in the page (a listing, home or error page?); "
                                   "save the article's own page, or remove the file")
    if paragraphs and meta.title and fold(paragraphs[0]).lower() == fold(meta.title).lower():
        paragraphs.pop(0)  # (the headline comes first below, once)
    body = "\n\n".join(paragraphs)
    listing = _listing(tree, paragraphs)
    if len(body) < MIN_TEXT or listing:
        why = (f"its text is mostly links to other articles ({listing})" if listing
               else f"only {len(body)} characters of text")
        raise RawInputError(shown, f"not an article page: {why} — a tag, category or home page? "
                                   "Save the article's own page, or remove the file")
    return (f"{meta.title}\n\n{body}" if meta.title else body), meta


def _listing(tree, paragraphs: list[str]) -> str | None:
    """Why the extracted text looks like a listing of other articles: most of it is the text of links."""
    links = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    links = {fold(t).lower() for t in links if len(t.split()) >= 4}
    if not paragraphs or not links:
        return None
    linked = sum(len(p) for p in paragraphs if fold(p).lower() in links
                 or any(fold(p).lower().startswith(t) for t in links if len(t) >= 30))
    total = sum(len(p) for p in paragraphs)
    if linked >= 0.4 * total:
        return f"{linked * 100 // total} % of it"
    return None


def page_metadata(tree, shown: str, warnings: list[str]) -> Metadata:
    """What the page declares about its article, each value with the markup it came from."""
    found: dict[str, tuple[object, str]] = {}

    def offer(name: str, value: object, evidence: str, parse=text_value) -> None:
        if name in found or value in (None, "", [], {}):
            return
        try:
            parsed = parse(value)
        except MetadataError as exc:
            warnings.append(f"{shown}: {evidence}: {exc}; not used")
            return
        if parsed is not None:
            found[name] = (parsed, evidence)

    metas = _meta_tags(tree)
    article = _json_ld_article(tree)
    base = _first(tree, "//link[@rel='canonical']/@href") or metas.get("og:url")
    site_names = [n for n in (metas.get("og:site_name"), _publisher(article)) if n]

    def absolute(value: object) -> str | None:
        text = text_value(value)
        return web_address(urljoin(base, text) if base else text) if text else None

    offer("url", _first(tree, "//link[@rel='canonical']/@href"), "<link rel=canonical>", web_address)
    offer("url", metas.get("og:url"), "og:url", web_address)
    offer("url", article.get("url") or _id_of(article.get("mainEntityOfPage")), "JSON-LD url", web_address)

    host_outlet = outlet_of(found["url"][0]) if "url" in found else None
    offer("source", host_outlet, "the address's host (outlets.yaml)")
    offer("source", _publisher(article), "JSON-LD publisher")
    offer("source", metas.get("og:site_name"), "og:site_name")

    headline = article.get("headline") or article.get("name")
    offer("title", headline, "JSON-LD headline")
    offer("title", _h1(tree, metas.get("og:title") or _title(tree), site_names), "the page's <h1>")
    for key, label in (("og:title", "og:title"), ("twitter:title", "twitter:title")):
        if metas.get(key):
            offer("title", without_site_name(text_value(metas[key]) or "", site_names), label)
    offer("title", without_site_name(_title(tree) or "", site_names), "<title>")

    for value, label in ((article.get("datePublished"), "JSON-LD datePublished"),
                         (metas.get("article:published_time"), "article:published_time"),
                         (metas.get("datepublished"), "itemprop datePublished"),
                         (metas.get("pubdate"), "<meta name=pubdate>"),
                         (metas.get("publishdate"), "<meta name=publishdate>"),
                         (metas.get("dc.date.issued") or metas.get("dc.date"), "Dublin Core date"),
                         (metas.get("og:published_time"), "og:published_time"),
                         (_first(tree, "//article//time/@datetime | //time[@pubdate]/@datetime"),
                          "<time datetime>")):
        offer("published", value, label, parse_date)
    if "published" not in found:
        offer("published", _shown_date(tree), "a date shown on the page (htmldate)", parse_date)
    offer("modified", article.get("dateModified"), "JSON-LD dateModified", parse_date)
    offer("modified", metas.get("article:modified_time"), "article:modified_time", parse_date)

    offer("author", _names(article.get("author")), "JSON-LD author")
    author = metas.get("author") or metas.get("article:author")
    if author and not author.startswith("http"):
        offer("author", author, "<meta name=author>")
    offer("section", article.get("articleSection"), "JSON-LD articleSection")
    offer("section", metas.get("article:section"), "article:section")
    offer("section", _breadcrumb(tree, found.get("title", (None,))[0]), "the page's breadcrumb")
    offer("image", metas.get("og:image") or metas.get("twitter:image"), "og:image", absolute)
    offer("image", _image_url(article.get("image")), "JSON-LD image", absolute)
    figure_image, caption = _figure(tree)
    offer("image", figure_image, "the first figure", absolute)
    offer("image_caption", caption, "the first figure's caption")
    values = {name: value for name, (value, _) in found.items()}
    return Metadata(**values, evidence={name: evidence for name, (_, evidence) in found.items()})


def _first(tree, xpath: str) -> str | None:
    found = tree.xpath(xpath)
    return str(found[0]).strip() if found else None


def _meta_tags(tree) -> dict[str, str]:
    """``<meta property|name|itemprop=… content=…>``, keys lowercased; the first of each wins."""
    metas: dict[str, str] = {}
    for tag in tree.iter("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if key and content and content.strip():
            metas.setdefault(key.strip().lower(), content.strip())
    return metas


def _json_ld_article(tree) -> dict:
    """The page's JSON-LD article object (``NewsArticle`` and kin), or {}; broken JSON-LD is ignored, as
    browsers and search engines do."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        for item in _ld_items(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
                return item
    return {}


def _ld_items(data) -> list[dict]:
    if isinstance(data, list):
        return [item for entry in data for item in _ld_items(entry)]
    if isinstance(data, dict):
        return [data] + _ld_items(data.get("@graph", []))
    return []


def _id_of(value) -> str | None:
    if isinstance(value, dict):
        return value.get("@id") or value.get("url")
    return value if isinstance(value, str) else None


def _publisher(article: dict) -> str | None:
    publisher = article.get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    return text_value(publisher.get("name")) if isinstance(publisher, dict) else text_value(publisher)


def _names(value) -> str | None:
    """Author names from JSON-LD: a text, a Person, or a list of them."""
    if isinstance(value, list):
        names = [n for n in (_names(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        return text_value(value.get("name"))
    return text_value(value)


def _image_url(value) -> str | None:
    if isinstance(value, list):
        return _image_url(value[0]) if value else None
    if isinstance(value, dict):
        return value.get("url") or value.get("contentUrl")
    return value if isinstance(value, str) else None


def _title(tree) -> str | None:
    return text_value(_first(tree, "//title/text()"))


def _h1(tree, page_title: str | None, site_names: list[str]) -> str | None:
    """The headline ``<h1>``: of several, the one sharing most words with the page's title; a logo's
    ``<h1>`` (the site's name, a couple of words) is not one."""
    names = {fold(n).lower() for n in site_names}
    heads = [text_value(h.text_content()) for h in tree.iter("h1")]
    heads = [h for h in heads if h and len(h.split()) >= 4 and fold(h).lower() not in names]
    if not heads:
        return None
    if page_title is None:
        return heads[0]
    words = set(fold(page_title).lower().split())
    return max(heads, key=lambda h: len(words & set(fold(h).lower().split())))


def _breadcrumb(tree, title: str | None) -> str | None:
    """The section an article sits in, from the page's breadcrumb: its last entry that is neither the home
    page nor the article itself."""
    trails = tree.xpath("//*[contains(@class,'breadcrumb') or contains(@id,'breadcrumb')]")
    for trail in trails:
        entries = [text_value(a.text_content()) for a in trail.iter("a")] or []
        entries = [e for e in entries if e and fold(e).lower() not in ("trang chu", "home", "trang nhat")
                   and e != title and len(e.split()) <= 6]
        if entries:
            return entries[-1]
    return None


def _figure(tree) -> tuple[str | None, str | None]:
    """The first figure's image address and caption: a ``<figure>`` with a ``<figcaption>``, or the
    table or block with a caption class that Vietnamese CMSs put under an image."""
    for figure in tree.xpath("//figure[.//img]"):
        image = _first(figure, ".//img/@data-src | .//img/@src")
        caption = text_value(" ".join(c.text_content() for c in figure.iter("figcaption")))
        return image, caption
    for holder in tree.xpath("//*[.//img][.//*[contains(translate(@class,'CAPTION','caption'),'caption')]]"
                             "[not(.//figure)]"):
        caption_node = holder.xpath(".//*[contains(translate(@class,'CAPTION','caption'),'caption')]")[0]
        caption = text_value(caption_node.text_content())
        if caption and len(caption) <= 400:
            return _first(holder, ".//img/@data-src | .//img/@src"), caption
    return None, None


def _shown_date(tree) -> str | None:
    """A publication date the page only shows (no markup says it), as htmldate finds it."""
    from htmldate import find_date

    try:
        return find_date(tree, original_date=True, extensive_search=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return None
