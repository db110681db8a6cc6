"""Markdown body → safe HTML: captions become figures, raw HTML is sanitized."""
from __future__ import annotations

import contextlib
import html
import re
import signal
import threading
import time

import nh3

_ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "h5", "h6", "em", "strong", "blockquote", "ul", "ol", "li", "a", "figure", "figcaption",
    "br", "hr", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "abbr", "sup", "sub", "img", "span",
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"}, "abbr": {"title"}, "img": {"src", "alt", "title"}, "figure": {"class"},
    "th": {"align"}, "td": {"align"},
}
_TAG = re.compile(r"<[^>]+>")


def _converter():
    """Python-Markdown with photo captions as figures; made on first use (plain bodies never need it)."""
    import markdown
    from markdown.extensions import Extension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension
    from markdown.treeprocessors import Treeprocessor

    class CaptionFigures(Treeprocessor):
        """A paragraph that is only one emphasised run is a photo caption."""

        def run(self, root) -> None:
            for p in list(root.iter("p")):
                children = list(p)
                if (len(children) == 1 and children[0].tag == "em" and not (p.text or "").strip()
                        and not (children[0].tail or "").strip()):
                    em = children[0]
                    p.tag = "figure"
                    p.set("class", "caption")
                    em.tag = "figcaption"
                    em.tail = None

    class CaptionExtension(Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (markdown's API name)
            md.treeprocessors.register(CaptionFigures(md), "caption_figures", 5)

    # Extensions as objects, not names: a name makes Markdown scan every installed package's entry points.
    md = markdown.Markdown(extensions=[SaneListExtension(), TableExtension(), CaptionExtension()],
                           output_format="html")
    md.ESCAPED_CHARS.append("<")  # "\<" is how the importer writes a scraped "<": shown as "<", never as "\<"
    return md


_MD = None


# The plain documents the importer writes — paragraphs, "## " subheadings, "*caption*" lines, backslash
# escapes — converted directly; anything else goes through Python-Markdown.  The fast path gives the bytes
# Markdown gives (tests/test_markup.py checks it on generated documents) at a tenth of the cost.
# ``\<`` and ``\|`` too: the importer escapes every ``<`` and ``|`` of scraped text.  (Python-Markdown, told
# that ``<`` is escapable below, agrees; before, ``\<`` showed as written, and a long paragraph full of
# them went through Python-Markdown, whose inline pass is quadratic in the matches of one paragraph: 28 s.)
_ESCAPABLE = set("\\`*_{}[]()>#+-.!<|")
_PLAIN_TEXT = re.compile(r"(?:[^\x00-\x1f\\`*_\[\]<>&|]|\\[\\`*_{}\[\]()<>#+.!|-])+")
_SPECIAL = re.compile(r"[\x00-\x1f\\`*_\[\]<>&|]")  # what _PLAIN_TEXT takes only escaped, or not at all
_RISKY_LINE_START = re.compile(r"[\s#>+*=_-]|\d+\.(?:\s|$)")
_UNESCAPE = re.compile(r"\\(.)")


def _plain(text: str) -> str | None:
    """``text`` as HTML when it has no inline Markdown but backslash escapes; None otherwise."""
    if not text or text != text.strip():
        return None
    if _SPECIAL.search(text) is None:  # most lines: one scan of a character class
        return html.escape(text, quote=False)
    if not _PLAIN_TEXT.fullmatch(text):
        return None
    return html.escape(_UNESCAPE.sub(r"\1", text), quote=False)


def _fast_html(source: str) -> str | None:
    blocks = source.strip("\n").split("\n\n")
    out = []
    for block in blocks:
        if not block or block[0] == "\n" or block[-1] == "\n":
            return None  # more than one blank line, or a whitespace-only line: let Markdown decide
        if block.startswith("## "):
            text = _plain(block[3:])
            if text is None or "\n" in block or block.endswith("#"):
                return None
            out.append(f"<h2>{text}</h2>")
        elif block.startswith("*") and block.endswith("*") and len(block) > 2 and "\n" not in block:
            text = _plain(block[1:-1])
            if text is None:
                return None
            out.append(f'<figure class="caption"><figcaption>{text}</figcaption></figure>')
        else:
            if "\\" not in block:
                if block.count("*") == 1:
                    # One asterisk pairs with nothing: it is text (written as the escape that means it), unless
                    # it starts a list item.
                    star = block.index("*")
                    if (star == 0 or block[star - 1] == "\n") and block[star + 1:star + 2] in ("", " ", "\t", "\n"):
                        return None
                    block = block.replace("*", "\\*")
                if block.count("_") == 1:  # (nor does one underscore, as in "tên_tệp")
                    block = block.replace("_", "\\_")
            lines = block.split("\n")
            if any(not line or _RISKY_LINE_START.match(line) or line != line.rstrip() for line in lines):
                return None
            texts = [_plain(line) for line in lines]
            if any(t is None for t in texts):
                return None
            out.append("<p>" + "\n".join(texts) + "</p>")  # type: ignore[arg-type]
    return "\n".join(out)


def _markdown_html(source: str) -> str:
    global _MD
    if _MD is None:
        _MD = _converter()
    _MD.reset()
    return _MD.convert(source)


MARKDOWN_SECONDS = 10.0  # the most one body may take in Python-Markdown (the importer's bodies take ms)


class SlowMarkdown(Exception):
    """Python-Markdown took longer than ``MARKDOWN_SECONDS`` on one body."""


def render_markdown(source: str) -> str:
    """Markdown → sanitized HTML fragment (scripts, handlers and javascript: URLs removed), over-long
    paragraphs split for reading (``readable_paragraphs``).  Raises SlowMarkdown when Python-Markdown, on a
    body the direct path does not take, runs past its time."""
    rendered = _fast_html(source)
    if rendered is not None:
        # Only text it escaped itself, in tags it chose: sanitizing would change nothing but how a no-break
        # space is written (tests/test_markup.py checks that this equals sanitizing, on any text).
        return readable_paragraphs(rendered.replace("\xa0", "&nbsp;"))
    with _time_limit(MARKDOWN_SECONDS):
        return readable_paragraphs(sanitize(_markdown_html(source)))


LONG_PARAGRAPH = 900  # characters: a scraped page that lost its paragraph breaks
PARAGRAPH_SENTENCES, PARAGRAPH_CHARS = 5, 600  # what one readable paragraph holds, at most (where it can)
_PLAIN_PARAGRAPH = re.compile(r"<p>([^<\n]{%d,})</p>" % LONG_PARAGRAPH)
# A sentence ends at . ! ? … before a space and a capital (or an opening quote); "TP. HCM", "Q.1" and
# initials stay whole because a short abbreviation is not a sentence.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][”\"»)]))\s+(?=[“\"(]?[A-ZĐÀ-Ỹ])")
_OPENERS, _CLOSERS = "“(«", "”)»"


def _sentences(text: str) -> list[str]:
    """``text`` cut at sentence ends outside quotes and brackets."""
    pieces, start, depth, ends = [], 0, 0, {m.start(): m.end() for m in _SENTENCE_END.finditer(text)}
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        elif i in ends and depth == 0 and len(text[start:i].split()) >= 4:
            pieces.append(text[start:i])
            start = ends[i]
    pieces.append(text[start:])
    return pieces


def _regrouped(match: re.Match[str]) -> str:
    paragraphs, current = [], []
    for sentence in _sentences(match.group(1)):
        if current and (len(current) >= PARAGRAPH_SENTENCES or sum(map(len, current)) + len(sentence) > PARAGRAPH_CHARS):
            paragraphs.append(" ".join(current))
            current = []
        current.append(sentence)
    paragraphs.append(" ".join(current))
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


# Photo captions before the first paragraph (a scraped page's lead photo, without its photo).
_LEADING_CAPTIONS = re.compile(r'\A((?:<figure class="caption">.*?</figure>\n?)+)(<p>.*?</p>\n?)', re.S)


def readable_paragraphs(html: str) -> str:
    """The body as a reader meets it: captions that open it (their photo is not there) after its first
    paragraph, which they accompany; and a plain paragraph of ``LONG_PARAGRAPH`` characters or more — a
    scraped page that lost its breaks — split at sentence ends (never inside quotes or brackets) into
    paragraphs of a few sentences.  The text itself is unchanged; paragraphs holding markup are left whole."""
    if html.startswith('<figure class="caption">'):
        html = _LEADING_CAPTIONS.sub(lambda m: m.group(2).rstrip("\n") + "\n" + m.group(1), html, count=1)
    if len(html) < LONG_PARAGRAPH + 7 or "<p>" not in html:
        return html
    return _PLAIN_PARAGRAPH.sub(_regrouped, html)


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Raise SlowMarkdown in this block after ``seconds`` (a timer signal: only on the main thread, where
    builds and workers run; elsewhere no limit).  A timer already running (a caller's own) is honoured: it
    fires once, when it would have — in the block or after it."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    started = time.monotonic()
    previous = signal.getsignal(signal.SIGALRM)
    outer, interval = signal.setitimer(signal.ITIMER_REAL, 0)
    pending = [bool(outer) and outer < seconds]  # the caller's timer fires first, inside the block

    def expired(signum, frame):
        if pending[0]:  # the caller's: our own limit comes after it
            pending[0] = False
            signal.setitimer(signal.ITIMER_REAL, max(seconds - (time.monotonic() - started), 0.001))
            return previous(signum, frame) if callable(previous) else None
        raise SlowMarkdown()

    signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, outer if pending[0] else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer and (pending[0] or outer >= seconds):  # the caller's timer, for what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001), interval)


def sanitize(rendered: str) -> str:
    """Only the allowed tags, attributes and URL schemes of an HTML fragment."""
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
