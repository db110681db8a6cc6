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
from dataclasses import replace
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from ..lang.text import fold, normalize
from .chrome import stamp_of
from .metadata import (Metadata, MetadataError, outlet_of, parse_date,
                       text_value, web_address, without_site_name)
from .raw import RawInputError, clean_text, decode_bytes

MIN_TEXT = 250  # characters: less is a teaser, a gallery or an error page, not an article …
MIN_ARTICLE_TEXT = 80  # … unless the page declares itself an article (JSON-LD, og:type, article: tags)

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                  "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "report", "liveblogposting"}
# A reporter's name on a line of its own: capitalised words ("Minh Anh", "NGUYỄN AN", "Trần Minh Nhật"),
# maybe two joined by "-" or "và".
_NAME_WORD = r"[A-ZĐÀ-Ỹ][a-zà-ỹđA-ZĐÀ-Ỹ.]*"
_BYLINE = re.compile(rf"^{_NAME_WORD}(?: {_NAME_WORD}){{1,4}}(?:\s*(?:-|–|,|và)\s*{_NAME_WORD}(?: {_NAME_WORD}){{0,4}})?$")
_SEPARATORS = re.compile(r"^[\s|:–—-]+|[\s|:–—-]+$")
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
    meta = page_metadata(tree, shown, warnings)
    declared = _declared_type(tree)
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
    if paragraphs and _BYLINE.match(paragraphs[-1]) and len(paragraphs[-1]) <= 40:
        byline = paragraphs.pop()  # (the reporter's name closing the article)
        if meta.author is None:
            meta = replace(meta, author=byline, evidence=meta.evidence | {"author": "the byline ending the article"})
    return paragraphs, meta


_NOT_ARTICLE_TYPES = {"website", "collectionpage", "itemlist", "searchresultspage", "profilepage"}


def _declared_type(tree) -> str | None:
    """"article" when the page declares itself one (og:type, JSON-LD, ``article:published_time``), the type
    it declares when that is a website or a collection, else None."""
    metas = _meta_tags(tree)
    if _json_ld_article(tree) or metas.get("article:published_time") or metas.get("og:type", "").lower() == "article":
        return "article"
    kinds = [metas.get("og:type", "").lower()] + [
        str(k).lower() for script in tree.xpath("//script[@type='application/ld+json']")
        for item in _ld_items(_json_or_none(script.text)) for k in _as_list(item.get("@type"))]
    return next((k for k in kinds if k in _NOT_ARTICLE_TYPES), None)


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


def _json_or_none(text: str | None):
    try:
        return json.loads(text or "", strict=False)
    except ValueError:
        return None


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


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
    page_title = _title(tree) or ""
    offer("source", _SEPARATORS.sub("", page_title.replace(without_site_name(page_title, site_names), "", 1)),
          "the site's name in <title>")

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
        if name and _BYLINE.match(name) and len(name) <= 40:
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


_STAMP_CUE = re.compile(r"\d{1,2}:\d{2}|\b(?:Cập nhật|Ngày đăng|Đăng|Thứ|Chủ nhật|GMT)\b", re.IGNORECASE)


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


def _json_ld_article(tree) -> dict:
    """The page's JSON-LD article object (``NewsArticle`` and kin), or {}; broken JSON-LD is ignored, as
    browsers and search engines do."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        for item in _ld_items(_json_or_none(script.text)):
            kinds = _as_list(item.get("@type"))
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
