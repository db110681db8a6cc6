"""``build.py serve`` as a real subprocess: rebuild on edit, error overlay, live reload, path safety.

One server (module scope) serves a project copied into a temporary folder; every
test that edits an article puts the file back and waits for the site to follow.
"""
from __future__ import annotations

import http.client
import re
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import REPO, count_renders, make_project, run_cli

SITE_TITLE = "Lưu trữ phát biểu và tin bài"  # content/site.yaml
START_TIMEOUT = 20.0
CHANGE_TIMEOUT = 15.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, timeout: float = 5.0) -> tuple[int, str]:
    """GET ``path`` exactly as given (no normalization); returns status and body text."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


class Server:
    """The ``serve`` subprocess; its output is drained in a thread so the pipe never fills."""

    def __init__(self, root: Path, port: int, prelude: str = "") -> None:
        """``prelude``: Python run in the server's process before it starts (to simulate failures)."""
        self.root = root
        self.port = port
        self.lines: list[str] = []
        arguments = ["--root", str(root), "serve", "--port", str(port)]
        command = [sys.executable, str(REPO / "build.py"), *arguments]
        if prelude:
            command = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(REPO)!r})\n{prelude}\n"
                       f"from generator.cli import run; sys.argv[1:] = {arguments!r}; run({str(REPO)!r})"]
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=str(root))
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        for raw in self.proc.stdout:
            self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines[-40:])

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"serve exited with {self.proc.returncode}:\n{self.output}")
            try:
                if get(self.port, "/", timeout=1.0)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        pytest.fail(f"serve did not answer 200 on / within {START_TIMEOUT:.0f} s:\n{self.output}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._reader.join(2)
        if self.proc.stdout:
            self.proc.stdout.close()

    def wait_for(self, path: str, predicate, what: str, timeout: float = CHANGE_TIMEOUT) -> str:
        """Poll ``path`` until ``predicate(body)``; returns that body."""
        deadline = time.monotonic() + timeout
        body = ""
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"serve exited with {self.proc.returncode} while waiting for {what}:\n{self.output}")
            try:
                status, body = get(self.port, path)
                if status == 200 and predicate(body):
                    return body
            except OSError:
                pass
            time.sleep(0.2)
        pytest.fail(f"{what}: not seen on {path} within {timeout:.0f} s\nserver output:\n{self.output}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("serve") / "site")
    assert run_cli(root, "import") == 0
    srv = Server(root, free_port())
    try:
        srv.wait_ready()
        yield srv
    finally:
        srv.stop()


def article(root: Path) -> tuple[Path, str]:
    """A dated article's Markdown file and its page's URL path."""
    md = sorted((root / "content" / "articles").glob("[0-9]*/*/*.md"))[0]
    rel = md.relative_to(root / "content" / "articles").with_suffix("")
    page = "/" + rel.as_posix() + "/index.html"
    assert (root / "public" / rel / "index.html").is_file(), page
    return md, page


def set_title(text: str, title: str) -> str:
    new, count = re.subn(r"(?m)^title: .*$", "title: " + title, text, count=1)
    assert count == 1
    return new


def new_title() -> str:
    return f"Tiêu đề kiểm thử {uuid.uuid4().hex[:12]}"


def restore(server: Server, md: Path, original: str, page: str) -> None:
    """Put the file back and wait until the server shows it again (so later tests start clean)."""
    md.write_text(original, encoding="utf-8")
    title = re.search(r"(?m)^title: (.*)$", original).group(1).strip()
    server.wait_for(page, lambda body: title in body and 'id="build-error"' not in body, "restored article")


def build_error_text(body: str) -> str | None:
    match = re.search(r'<div id="build-error".*?</div>', body, re.S)
    return re.sub(r"<[^>]+>", " ", match.group(0)) if match else None


def test_edit_rebuilds_without_restart(server):
    md, page = article(server.root)
    original = md.read_text(encoding="utf-8")
    title = new_title()
    pid = server.proc.pid
    try:
        md.write_text(set_title(original, title), encoding="utf-8")
        server.wait_for("/", lambda body: title in body, "new title on the home page")
        server.wait_for(page, lambda body: title in body, "new title on the article page")
        assert server.proc.poll() is None and server.proc.pid == pid
    finally:
        restore(server, md, original, page)


def test_broken_front_matter_shows_overlay_and_last_good_site(server):
    md, page = article(server.root)
    original = md.read_text(encoding="utf-8")
    old_title = re.search(r"(?m)^title: (.*)$", original).group(1).strip()
    broken, count = re.subn(r"(?m)^date: .*$", "date: hôm qua", original, count=1)
    assert count == 1
    try:
        md.write_text(broken, encoding="utf-8")
        body = server.wait_for("/", lambda b: 'id="build-error"' in b, "#build-error on the home page")
        overlay = build_error_text(body)
        assert md.name in overlay, overlay
        # In Vietnamese, with what to do about this error (a date), folding on a click.
        assert "Lỗi khi dựng trang" in overlay and "YYYY-MM-DD" in overlay and "<details open>" in body
        # The last good site is still served under the overlay.
        assert SITE_TITLE in body
        assert old_title in body
        assert body.count('href="') > 10
        article_body = server.wait_for(page, lambda b: 'id="build-error"' in b, "#build-error on the article")
        assert old_title in article_body
        # Fix it: the overlay goes away.
        md.write_text(original, encoding="utf-8")
        body = server.wait_for("/", lambda b: 'id="build-error"' not in b, "#build-error gone after the fix")
        assert SITE_TITLE in body and old_title in body
    finally:
        restore(server, md, original, page)


def test_live_reload_in_browser(server, browser):
    md, page_path = article(server.root)
    original = md.read_text(encoding="utf-8")
    title = new_title()
    frames: list[str] = []
    page = browser.new_page()
    try:
        page.on("websocket", lambda ws: ws.on("framesent", lambda payload: frames.append(str(payload))))
        page.goto(f"http://127.0.0.1:{server.port}/")
        # livereload.js says hello, then "info": from then on the server counts this tab as a waiter.
        deadline = time.monotonic() + 10
        while not any('"info"' in f for f in frames) and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        assert any('"info"' in f for f in frames), f"livereload never connected; frames sent: {frames}"
        page.wait_for_timeout(500)
        page.evaluate("window.__notReloaded = true")
        md.write_text(set_title(original, title), encoding="utf-8")
        page.wait_for_function("t => document.body && document.body.innerText.includes(t)", arg=title,
                               timeout=CHANGE_TIMEOUT * 1000)
        assert page.evaluate("window.__notReloaded === undefined"), "the title changed without a reload?"
    finally:
        page.close()
        restore(server, md, original, page_path)


TRAVERSALS = [
    "/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/..%2f..%2fetc%2fpasswd",
    "/%252e%252e/etc/passwd",
    "/static/../../build.py",
    # The project folder sits right above public/: its sources must not leak either.
    "/../content/site.yaml",
    "/%2e%2e/content/site.yaml",
    "/static/..%2f..%2fcontent%2fsite.yaml",
]


def test_no_path_traversal(server):
    assert get(server.port, "/static/style.css")[0] == 200  # sanity: real files are served
    for path in TRAVERSALS:
        status, body = get(server.port, path)
        assert status in (400, 404), f"{path} → {status}"
        for secret in ("root:", "import sys", "base_url:"):
            assert secret not in body, f"{path} leaked {secret!r}"


def _request(port: int, method: str, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request(method, path, headers=headers or {})
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


def test_another_host_name_is_refused_dns_rebinding(server):
    """Regression: any Host header was served, so a web page whose name resolves to 127.0.0.1 could read it."""
    assert _request(server.port, "GET", "/", {"Host": "evil.example:8000"}).status == 403
    for host in (f"127.0.0.1:{server.port}", f"localhost:{server.port}", "localhost"):
        assert _request(server.port, "GET", "/", {"Host": host}).status == 200, host


def test_head_is_answered_like_get_without_a_body(server):
    """Regression: HEAD answered 500."""
    head, got = _request(server.port, "HEAD", "/static/style.css"), _request(server.port, "GET", "/static/style.css")
    assert head.status == 200 and head.body == b""
    assert head.getheader("Content-Type") == got.getheader("Content-Type") and got.body
    # (Its Content-Length is 0: livereload's WSGI container counts the body it is given.)
    assert _request(server.port, "POST", "/").status == 405


def test_no_open_redirect_and_no_500_for_long_names(server):
    """Regression: `//archive` redirected to another site (a protocol-relative Location); a path segment over
    255 bytes answered 500."""
    response = _request(server.port, "GET", "//archive")
    assert response.status == 301 and response.getheader("Location") == "/archive/"
    assert _request(server.port, "GET", "/" + "a" * 300 + "/").status == 404


def _upgrade(port: int, origin: str) -> int:
    headers = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
               "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Origin": origin}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", "/livereload", headers=headers)
    status = conn.getresponse().status
    conn.close()
    return status


def test_live_reload_socket_is_closed_to_other_origins(server):
    """Regression: a page of any origin could open the live-reload socket (and was told the absolute path of
    every saved file), and any page could trigger a reload through /forcereload."""
    assert _upgrade(server.port, "https://evil.example") == 403
    assert _upgrade(server.port, f"http://127.0.0.1:{server.port}") == 101
    assert _request(server.port, "GET", "/forcereload?path=x").status == 404


def test_the_reload_message_names_no_path_of_this_machine(tmp_path):
    from generator.serve import ProjectWatcher

    static = tmp_path / "static"
    static.mkdir()
    (static / "style.css").write_text("a{}", encoding="utf-8")
    (static / "page.md").write_text("x", encoding="utf-8")
    watcher = ProjectWatcher([static], tmp_path / "public", lambda changed: None, events=False)
    try:
        for name, told in (("style.css", "style.css"), ("page.md", "*")):
            time.sleep(0.2)
            (static / name).write_text("changed " + name, encoding="utf-8")
            found, deadline = (None, None), time.monotonic() + 5
            while found == (None, None) and time.monotonic() < deadline:
                time.sleep(0.05)
                found = watcher.examine()
            assert found[0] == told and str(tmp_path) not in str(found)
    finally:
        watcher.stop.set()


def test_bad_and_busy_ports_are_one_line_errors(tmp_path):
    """Regression: --port 80000 listened on 14464; a busy port ended in a traceback."""
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    bad = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "serve", "--port", "80000"],
                         capture_output=True, text=True, timeout=30)
    assert bad.returncode == 2 and "not a port number" in bad.stderr and "Traceback" not in bad.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        result = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "serve", "--port",
                                 str(taken)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1 and f"cannot listen on 127.0.0.1:{taken}" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def _non_loopback_ip() -> str | None:
    ip = socket.gethostbyname(socket.gethostname())
    if not ip.startswith("127."):
        return ip
    # The hostname maps to loopback (common in containers): ask the routing table instead.
    # A UDP connect sends nothing; it only picks the outgoing interface.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("198.51.100.1", 9))  # a documentation address
            ip = sock.getsockname()[0]
        except OSError:
            return None
    return None if ip.startswith("127.") or ip == "0.0.0.0" else ip


def test_listens_on_loopback_only(server):
    ip = _non_loopback_ip()
    if ip is None:
        pytest.skip("no non-loopback IPv4 address: the hostname resolves to 127.x and there is no route out")
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((ip, server.port), timeout=3).close()


@pytest.mark.parametrize("events", [True, False], ids=["file-events", "polling"])
def test_watcher_runs_one_rebuild_per_burst_of_saves(tmp_path, monkeypatch, events):
    from generator import serve as preview
    from generator.serve import ProjectWatcher

    # The burst below takes ~30 ms, but a loaded CI machine can pause this test for
    # longer than the 50 ms the server waits for quiet, which splits it in two. A wider
    # window tests the same coalescing without depending on the scheduler.
    monkeypatch.setattr(preview, "_SETTLE_MS", 400)

    content = tmp_path / "content"
    content.mkdir()
    article = content / "a.md"
    article.write_text("một", encoding="utf-8")
    builds = []
    watcher = ProjectWatcher([content], tmp_path / "public", lambda changed: builds.append(changed), events=events)
    try:
        time.sleep(0.3)
        assert watcher.examine() == (None, None) and not builds
        for n in range(5):  # an editor saving in several quick steps
            article.write_text("hai" * (n + 1), encoding="utf-8")
            time.sleep(0.005)
        (content / "b.md").write_text("ba", encoding="utf-8")
        deadline = time.monotonic() + 5
        found = (None, None)
        while time.monotonic() < deadline and found == (None, None):
            time.sleep(0.03)
            found = watcher.examine()
        assert found[0] == "*" and len(builds) == 1  # two files changed: one rebuild, told which
        assert builds[0] == sorted([str(article), str(content / "b.md")])
        time.sleep(0.3)
        assert watcher.examine() == (None, None) and len(builds) == 1
    finally:
        watcher.stop.set()


def test_stopped_server_keeps_its_state_for_the_next_build(tmp_path, monkeypatch):
    """SIGTERM (as Ctrl+C) stops `serve` cleanly, and the state of its builds is saved: the next `build`
    continues from it (a small incremental build), not from scratch."""
    from generator.build.pipeline import Builder
    from generator.project import Project

    root = make_project(tmp_path / "site")
    assert run_cli(root, "import") == 0
    srv = Server(root, free_port())
    try:
        srv.wait_ready()
        md, _ = article(root)
        original = md.read_text(encoding="utf-8")
        md.write_text(set_title(original, new_title()), encoding="utf-8")
        deadline = time.monotonic() + CHANGE_TIMEOUT
        while sum(line.startswith("rebuilt") for line in srv.lines) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        srv.stop()
    assert srv.proc.returncode == 0, srv.output
    assert "kept the preview's build state for the next build" in srv.output
    rendered = count_renders(monkeypatch)
    md.write_text(md.read_text(encoding="utf-8") + "\nMột đoạn thêm sau khi dừng xem trước.\n", encoding="utf-8")
    cli = Builder(Project(root))
    cli.wait_until_saved()
    assert cli.build().written
    # a fresh state renders every page and search file (about 85 here); a body edit, a handful
    assert rendered and rendered[0] < len([p for p in (root / "public").rglob("*") if p.is_file()]) / 4


def test_the_error_overlay_hint_fits_the_error():
    from generator.serve import error_hint

    assert "hai lần" in error_hint("content/articles/a.md:3: invalid YAML: the key `title` appears twice; keep one")
    assert "ngoặc kép" in error_hint("content/articles/a.md:2: invalid YAML: mapping values are not allowed here")
    assert "sửa chính tả" in error_hint("content/articles/a.md:4: unknown field `titel` (known: title, date)")
    assert "YYYY-MM-DD" in error_hint("content/articles/a.md:5: `date` must be YYYY-MM-DD, YYYY-MM, YYYY or null")
    assert error_hint("something else went wrong") == "Sửa lỗi ở tệp và dòng được nêu."

