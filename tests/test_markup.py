"""The direct conversion of plain bodies gives exactly what Python-Markdown gives, or steps aside."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.markup import _fast_html, _markdown_html, render_markdown, sanitize
from tests.conftest import REPO

_SAFE = st.sampled_from(list("aăâđêôơư ÀẢÃ xyz.,;:?\"'()!{}1234567890") + ["\\*", "\\_", "\\#", "\\[", "\\\\"])
_RISKY = st.sampled_from(list("aăâđêôơư ÀẢÃ xyz.,;:?\"'()!#+-=*_`[]<>&|\\\t{}1234567890") + ["\\*", "\\_", "\\#",
                                                                                            "\\[", "\\\\", "\\.",
                                                                                            "\\1", "  ", "\r"])
# Mostly characters the fast path takes, now and then one it must refuse or get exactly right.
_CHARS = st.one_of(_SAFE, _SAFE, _SAFE, _SAFE, _SAFE, _SAFE, _SAFE, _SAFE, _SAFE, _RISKY)
_TEXT = st.lists(_CHARS, min_size=0, max_size=25).map("".join)
_LINE = st.one_of(_TEXT, _TEXT, _TEXT, _TEXT.map(lambda t: "## " + t), _TEXT.map(lambda t: f"*{t}*"),
                  _TEXT.map(lambda t: "1. " + t),
                  _TEXT.map(lambda t: "> " + t), _TEXT.map(lambda t: "    " + t), st.just("---"), st.just(""))
_DOCUMENT = st.lists(st.lists(_LINE, min_size=1, max_size=3).map("\n".join), min_size=1, max_size=5).map("\n\n".join)


@given(_DOCUMENT)
@settings(max_examples=1500, deadline=None)
def test_fast_path_equals_markdown_whenever_it_answers(source):
    fast = _fast_html(source)
    if fast is not None:
        assert fast == _markdown_html(source)


def test_fast_path_takes_imported_bodies():
    for path in sorted((REPO / "tests" / "data").rglob("*.md"))[:50] or [None]:
        if path is None:
            break
        body = path.read_text(encoding="utf-8").split("---\n", 2)[-1]
        fast = _fast_html(body)
        assert fast is None or fast == _markdown_html(body)
    plain = "Đoạn một \\*không nghiêng\\*.\n\n## Tiêu đề phụ\n\n*Ảnh: Chú thích.*\n\nĐoạn hai\ncó hai dòng.\n"
    assert _fast_html(plain) == _markdown_html(plain) is not None
    # A paragraph with one asterisk (scraped text often opens a lede with one): a literal asterisk.
    for lone in ("*Phát huy những kết quả, “Vì an ninh”.", "Dòng một\n*dòng hai", "Giá 5* sao", "a *"):
        assert _fast_html(lone) == _markdown_html(lone) is not None
    for list_item in ("* mục", "Dòng\n* mục", "*"):
        assert _fast_html(list_item) is None
    # So is one underscore (a file name, a marker); two may emphasise.
    for lone in ("tên_tệp.md", "serve _edit 0 17.5", "_đầu dòng", "Dòng một\n_dòng hai", "cuối_", "_"):
        assert _fast_html(lone) == _markdown_html(lone) is not None
    assert _fast_html("hai _gạch_ dưới") is None


_PLAIN_TEXT = st.lists(_SAFE, min_size=1, max_size=30).map("".join)
_PLAIN_BLOCK = st.one_of(st.lists(_PLAIN_TEXT, min_size=1, max_size=3).map("\n".join),
                         _PLAIN_TEXT.map(lambda t: "## " + t), _PLAIN_TEXT.map(lambda t: f"*{t}*"))
_PLAIN_DOCUMENT = st.lists(_PLAIN_BLOCK, min_size=1, max_size=6).map("\n\n".join)


@given(_PLAIN_DOCUMENT)
@settings(max_examples=1500, deadline=None)
def test_plain_documents_take_the_fast_path_correctly(source):
    fast = _fast_html(source)
    if fast is not None:
        assert fast == _markdown_html(source)


# Any text at all, in the shapes the fast path takes: every code point, no-break spaces and escapes often.
_ANY_TEXT = st.lists(st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(["\xa0", "\\*", " "])),
                     min_size=1, max_size=20).map("".join)
_ANY_DOCUMENT = st.lists(st.one_of(_ANY_TEXT, _ANY_TEXT.map(lambda t: "## " + t), _ANY_TEXT.map(lambda t: f"*{t}*")),
                         min_size=1, max_size=4).map("\n\n".join)


@given(st.one_of(_ANY_DOCUMENT, _PLAIN_DOCUMENT, _DOCUMENT))
@settings(max_examples=1500, deadline=None)
def test_fast_path_output_needs_no_sanitizing(source):
    """What the fast path answers is what sanitizing it would give, so it is not sanitized again."""
    from generator.content.markup import readable_paragraphs  # (both paths end with the same reading layout)

    fast = _fast_html(source)
    if fast is not None:
        assert render_markdown(source) == readable_paragraphs(sanitize(fast))
    else:
        assert render_markdown(source) == readable_paragraphs(sanitize(_markdown_html(source)))


def test_a_scraped_paragraph_without_breaks_is_split_at_sentence_ends_text_unchanged():
    import re

    from generator.content.markup import LONG_PARAGRAPH, render_markdown

    sentence = ("Ông Nguyễn Văn A cho biết: “Tỉnh sẽ đẩy mạnh cải cách. Chúng tôi quyết tâm làm tốt.” "
                "Đây là nội dung chính của kỳ họp. ")
    body = (sentence * 12).strip()
    assert len(body) > LONG_PARAGRAPH
    html = render_markdown(body)
    paragraphs = re.findall(r"<p>(.*?)</p>", html)
    assert len(paragraphs) > 2
    assert " ".join(paragraphs).split() == body.split()  # (every word, in order)
    for paragraph in paragraphs:  # never cut inside a quotation
        assert paragraph.count("“") == paragraph.count("”")
        assert paragraph[0].isupper() or paragraph[0] == "“"
    short = "Một đoạn ngắn. Hai câu thôi."
    assert render_markdown(short) == f"<p>{short}</p>"
    marked = body.replace("kỳ họp", "**kỳ họp**", 1)  # (a paragraph holding markup is left as it is)
    assert len(re.findall(r"<p>", render_markdown(marked))) == 1


def test_captions_that_open_the_body_follow_its_first_paragraph():
    from generator.content.markup import render_markdown

    html = render_markdown("*Toàn cảnh hội nghị. Ảnh: TTXVN*\n\nNgày 17/8, Bộ Công an tổ chức hội nghị.\n\nĐoạn hai.")
    assert html.startswith("<p>Ngày 17/8, Bộ Công an tổ chức hội nghị.</p>")
    assert html.index("Toàn cảnh hội nghị") < html.index("Đoạn hai")  # (right after the paragraph)
    within = render_markdown("Ngày 17/8, hội nghị.\n\n*Toàn cảnh. Ảnh: A*\n\nĐoạn hai.")
    assert within.index("Ngày 17/8") < within.index("Toàn cảnh") < within.index("Đoạn hai")  # (left where it is)
