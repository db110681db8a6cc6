"""What a saved news page declares about its article: the metadata of its markup, read strongest first —
JSON-LD ``NewsArticle`` (headline, datePublished, author, publisher, articleSection, image), OpenGraph and
``article:`` tags, ``<link rel=canonical>``, the ``<h1>``, ``<time datetime>``, the date shown under the
headline, and only then htmldate's reading of dates shown on the page — and whether it declares itself an
article at all.  The page's text is ``html.py``'s.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from ..lang.text import fold
from .chrome import stamp_of
from .metadata import (Metadata, MetadataError, outlet_of, parse_date,
                       text_value, web_address, without_site_name)

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                  "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "report", "liveblogposting"}
_NOT_ARTICLE_TYPES = {"website", "collectionpage", "itemlist", "searchresultspage", "profilepage"}
_STAMP_CUE = re.compile(r"\d{1,2}:\d{2}|\b(?:Cập nhật|Ngày đăng|Đăng|Thứ|Chủ nhật|GMT)\b", re.IGNORECASE)
# A reporter's name on a line of its own: capitalised words ("Minh Anh", "NGUYỄN AN", "Trần Minh Nhật"),
# maybe two joined by "-" or "và".
_NAME_WORD = r"[A-ZĐÀ-Ỹ][a-zà-ỹđA-ZĐÀ-Ỹ.]*"
BYLINE = re.compile(rf"^{_NAME_WORD}(?: {_NAME_WORD}){{1,4}}(?:\s*(?:-|–|,|và)\s*{_NAME_WORD}(?: {_NAME_WORD}){{0,4}})?$")
_SEPARATORS = re.compile(r"^[\s|:–—-]+|[\s|:–—-]+$")


@dataclass(frozen=True)
class Markup:
    """The page's ``<meta>`` tags (keys lowercased), its JSON-LD article object ({} when none), the types
    all its JSON-LD objects declare, and its ``<title>``: read once, for the metadata and the page's kind."""

    metas: dict
    article: dict
    types: tuple[str, ...]
    title: str | None


def read_markup(tree) -> Markup:
    """The markup of a page, each JSON-LD script parsed once (broken JSON-LD is ignored, as browsers and
    search engines do)."""
    items = [item for script in tree.xpath("//script[@type='application/ld+json']")
             for item in _ld_items(_json_or_none(script.text))]
    types = tuple(str(k).lower() for item in items for k in _as_list(item.get("@type")))
    article = next((item for item in items
                    if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in _as_list(item.get("@type")))),
                   {})
    return Markup(_meta_tags(tree), article, types, text_value(_first(tree, "//title/text()")))


def declared_type(markup: Markup) -> str | None:
    """"article" when the page declares itself one (og:type, JSON-LD, ``article:published_time``), the type
    it declares when that is a website or a collection, else None."""
    metas = markup.metas
    if markup.article or metas.get("article:published_time") or metas.get("og:type", "").lower() == "article":
        return "article"
    return next((k for k in (metas.get("og:type", "").lower(), *markup.types) if k in _NOT_ARTICLE_TYPES), None)


def page_metadata(tree, markup: Markup, shown: str, warnings: list[str]) -> Metadata:
    """What the page declares about its article (``markup``: its tags and JSON-LD, read once), each value
    with the markup it came from."""
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

    metas, article, page_title = markup.metas, markup.article, markup.title or ""
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
    offer("source", _SEPARATORS.sub("", page_title.replace(without_site_name(page_title, site_names), "", 1)),
          "the site's name in <title>")

    headline = article.get("headline") or article.get("name")
    offer("title", headline, "JSON-LD headline")
    offer("title", _h1(tree, metas.get("og:title") or markup.title, site_names), "the page's <h1>")
    for key, label in (("og:title", "og:title"), ("twitter:title", "twitter:title")):
        if metas.get(key):
            offer("title", without_site_name(text_value(metas[key]) or "", site_names), label)
    offer("title", without_site_name(page_title, site_names), "<title>")

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
    offer("published", _stamp_near_headline(tree, found.get("title", (None,))[0]), "the date shown under the headline",
          parse_date)
    if "published" not in found:
        offer("published", _shown_date(tree), "a date shown on the page (htmldate)", parse_date)
    offer("modified", article.get("dateModified"), "JSON-LD dateModified", parse_date)
    offer("modified", metas.get("article:modified_time"), "article:modified_time", parse_date)

    offer("author", _names(article.get("author")), "JSON-LD author")
    author = metas.get("author") or metas.get("article:author")
    if author and not author.startswith("http"):
        offer("author", author, "<meta name=author>")
    if "author" in found and "source" in found and fold(found["author"][0]).lower() in (
            fold(found["source"][0]).lower(), *(fold(n).lower() for n in site_names)):
        del found["author"]  # (a site that signs its articles with its own name names no author)
    for node in tree.xpath("//body//*[contains(@class,'author') or @itemprop='author' or @rel='author']"):
        name = text_value(node.text_content())
        if name and BYLINE.match(name) and len(name) <= 40:
            offer("author", name, "the page's author element")
            break
    offer("section", article.get("articleSection"), "JSON-LD articleSection")
    offer("section", metas.get("article:section"), "article:section")
    offer("section", metas.get("articlesection"), "itemprop articleSection")
    offer("section", _breadcrumb(tree, found.get("title", (None,))[0]), "the page's breadcrumb")
    offer("image", metas.get("og:image") or metas.get("twitter:image"), "og:image", absolute)
    offer("image", _image_url(article.get("image")), "JSON-LD image", absolute)
    figure_image, caption = _figure(tree)
    offer("image", figure_image, "the first figure", absolute)
    offer("image_caption", caption, "the first figure's caption")
    values = {name: value for name, (value, _) in found.items()}
    return Metadata(**values, evidence={name: evidence for name, (_, evidence) in found.items()})


def _stamp_near_headline(tree, title: str | None) -> str | None:
    """The page's date as it shows it next to the headline ("Thứ Hai, 05/09/2022 15:20"), looked for in
    the few lines after the ``<h1>`` or the headline's text (the site's header often shows today's date,
    and lists of other articles theirs: not those)."""
    texts = [" ".join(t.split()) for t in tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")]
    heading = next(iter(tree.iter("h1")), None)
    start = None
    if heading is not None:
        first = " ".join(heading.text_content().split())
        start = next((n for n, t in enumerate(texts) if t and t in first), None)
    if start is None and title:
        wanted = fold(title).lower()
        start = next((n for n, t in enumerate(texts) if t and fold(t).lower() == wanted), None)
    if start is None:
        return None
    for line in texts[start:start + 60]:
        if line and len(line) <= 100 and _STAMP_CUE.search(line):
            found = stamp_of(line)
            if found:
                return "%04d-%02d-%02d" % found
    return None


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


def _ld_items(data) -> list[dict]:
    if isinstance(data, list):
        return [item for entry in data for item in _ld_items(entry)]
    if isinstance(data, dict):
        return [data] + _ld_items(data.get("@graph", []))
    return []


def _json_or_none(text: str | None):
    try:
        return json.loads(text or "", strict=False)
    except ValueError:
        return None


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


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
    trails = tree.xpath("//*[contains(@class,'breadcrumb') or contains(@id,'breadcrumb') or contains(@class,'bread-crumb')"
                        " or contains(@class,'breadcrumbs')]")
    trails += [node for node in tree.xpath("//body//*[a][count(a) <= 5]")
               if fold(" ".join(node.xpath("./a[1]//text()"))).strip().lower() in ("trang chu", "home")
               and len(node.text_content()) < 200 and re.search(r"[/›»>]", "".join(node.xpath("./text()")))]
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
