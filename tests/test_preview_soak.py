"""A preview session at pool scale: many rounds of the edits a theme author and an editor make, each
checked over HTTP — no hang, no traceback, the server always answering.

Regression: ``serve`` hung for good after some rebuilds (its SIGTERM handler, inherited by forked render
workers, interrupted one inside its queue's lock when the pool was stopped), and nearly every rebuild
printed worker tracebacks.
"""
from __future__ import annotations

import re
import signal
import time

import pytest

from tests.conftest import add_articles
from tests.test_serve import Server, build_error_text, free_port, get

ROUNDS = 30
WAIT = 20.0  # seconds for one change to show: far more than it takes; a hang fails here


def _until(server: Server, path: str, predicate, what: str) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            pytest.fail(f"serve exited with {server.proc.returncode} waiting for {what}:\n{server.output}")
        try:
            status, body = get(server.port, path, timeout=WAIT)
        except OSError:
            status, body = 0, ""
        if status == 200 and predicate(body):
            return body
        time.sleep(0.03)
    pytest.fail(f"{what}: not seen on {path} within {WAIT:.0f} s (a hung rebuild?)\n{server.output}")


def _set(path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
    assert count == 1
    path.write_text(changed, encoding="utf-8")


@pytest.mark.timeout(240)
def test_many_rounds_of_article_template_css_and_broken_edits(tmp_path):
    root = tmp_path / "site"
    articles = add_articles(root)
    edited, broken = articles[120], articles[200]
    page = "/{}/{:02d}/{}/index.html"  # filled in below from the article's date
    date = re.search(r"(?m)^date: (\d{4})-(\d{2})", edited.read_text(encoding="utf-8"))
    page = page.format(date[1], int(date[2]), edited.stem)
    templates, static = root / "templates", root / "static"
    templates.mkdir()
    static.mkdir()
    (static / "extra.css").write_text("/* round 0 */\n", encoding="utf-8")
    server = Server(root, free_port())
    try:
        server.wait_ready()
        _until(server, page, lambda body: "Bài số 120" in body, "the edited article's page")
        for n in range(1, ROUNDS + 1):
            _set(edited, r"^title: .*$", f'title: "Bài số 120 · vòng {n}"')
            _until(server, page, lambda body: f"vòng {n}<" in body, f"round {n}: the article edit")

            (templates / "article.html").write_text(
                '{% extends "base.html" %}\n{% block content %}<h1>{{ article.title }}</h1>'
                f'<p id="soak">mẫu {n}</p>{{% endblock %}}\n', encoding="utf-8")
            _until(server, page, lambda body: f'<p id="soak">mẫu {n}</p>' in body, f"round {n}: the template edit")

            (static / "extra.css").write_text(f"/* round {n} */\n", encoding="utf-8")
            _until(server, "/static/extra.css", lambda body: f"round {n} " in body, f"round {n}: the CSS edit")

            _set(broken, r"^date: .*$", "date: hôm qua")
            body = _until(server, "/", lambda b: 'id="build-error"' in b, f"round {n}: the error overlay")
            assert broken.name in build_error_text(body)
            _set(broken, r"^date: .*$", f"date: 2020-0{n % 9 + 1}-1{n % 9}")
            _until(server, "/", lambda b: 'id="build-error"' not in b, f"round {n}: the overlay gone after the fix")
        server.proc.send_signal(signal.SIGTERM)
        server.proc.wait(15)
    finally:
        server.stop()
    output = "\n".join(server.lines)
    assert server.proc.returncode == 0, output[-3000:]
    for bad in ("Traceback", "KeyboardInterrupt", "internal error"):
        assert bad not in output, output[-3000:]
    assert output.count("build failed") == ROUNDS  # one per broken front matter, and no other


@pytest.mark.timeout(120)
def test_a_worker_killed_under_serve_is_shown_and_the_next_save_rebuilds(tmp_path):
    root = tmp_path / "site"
    articles = add_articles(root)
    kill = tmp_path / "kill-render-workers"  # while it exists, every render worker dies at its first page
    server = Server(root, free_port(), prelude=f"""
import os, signal
from generator.build import workers as parallel_render
real = parallel_render._render_one
def render(todo, publisher, number):
    if os.path.exists({str(kill)!r}):
        os.kill(os.getpid(), signal.SIGKILL)
    return real(todo, publisher, number)
parallel_render._render_one = render
""")
    date = re.search(r"(?m)^date: (\d{4})-(\d{2})", articles[7].read_text(encoding="utf-8"))
    page = f"/{date[1]}/{date[2]}/{articles[7].stem}/index.html"
    templates = root / "templates"
    templates.mkdir()
    try:
        server.wait_ready()
        kill.touch()
        (templates / "article.html").write_text('{% extends "base.html" %}{% block content %}<p id="v">một</p>'
                                                "{% endblock %}", encoding="utf-8")
        body = _until(server, "/", lambda b: 'id="build-error"' in b, "the error overlay")
        assert "a worker process ended abruptly" in build_error_text(body)
        assert 'id="v"' not in get(server.port, page)[1]  # the last good site, untouched
        kill.unlink()
        (templates / "article.html").write_text('{% extends "base.html" %}{% block content %}<p id="v">hai</p>'
                                                "{% endblock %}", encoding="utf-8")
        _until(server, page, lambda b: '<p id="v">hai</p>' in b and 'id="build-error"' not in b, "the next build")
    finally:
        server.stop()
    output = "\n".join(server.lines)
    assert "Traceback" not in output and "KeyboardInterrupt" not in output, output[-3000:]
