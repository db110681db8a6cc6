"""``serve``: preview on 127.0.0.1 with live reload, rebuilding when sources change.

livereload (the user's choice) provides the browser connection and the reload
message.  We give it our own watcher, which snapshots every source the build
reads and runs *one* rebuild per burst of saves, and our own WSGI app, which
serves only files inside the output folder and overlays the last build error on
every page while the last good site stays served.
"""
from __future__ import annotations

import gc
import html
import mimetypes
import os
import queue
import re
import signal
import socket
import sys
import threading
import time
import traceback
from pathlib import Path

from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher

from .build.pipeline import Builder, BuildError
from .cache import file_signature
from .content.article import Article
from .content.review import review_items
from .errors import ContentError, ToolError
from .project import Project
from .render.urls import page_file

_SETTLE_MS = 50   # a burst of saves is over when nothing changed for this long
_CHECK_MS = 25    # how often the server looks for changes the watcher found
_POLL_MS = 150    # without file events: how often every input is polled (livereload's own watcher polls
                  # every 800 ms and then ignores changes for seconds)


class PreviewApp:
    """WSGI app: static files from the output folder, nothing outside it, errors overlaid."""

    def __init__(self, output: Path, content: Path | None = None) -> None:
        self.output = output.resolve()
        self.content = content
        self.errors: list[str] = []
        self.reviews: dict[str, Article] = {}  # output file → its article, for articles with fields to review

    def resolve(self, path: str) -> Path | None:
        """The file for a decoded URL path, or None when missing or outside the output folder."""
        if "\x00" in path or "\\" in path:
            return None
        parts = [p for p in path.split("/") if p not in ("", ".")]
        if any(p == ".." for p in parts):
            return None
        target = self.output.joinpath(*parts) if parts else self.output
        try:
            resolved = target.resolve()
        except (OSError, RuntimeError):
            return None
        if resolved != self.output and self.output not in resolved.parents:
            return None
        if resolved.is_dir():
            resolved = resolved / "index.html"
        return resolved if resolved.is_file() else None

    def __call__(self, environ, start_response):
        if not loopback_host(environ.get("HTTP_HOST", "")):  # another name for this address: DNS rebinding
            start_response("403 Forbidden", [("Content-Type", "text/plain"), ("Content-Length", "0")])
            return [b""]
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD"):
            start_response("405 Method Not Allowed", [("Allow", "GET, HEAD"), ("Content-Length", "0")])
            return [b""]
        raw = environ.get("PATH_INFO", "/").encode("latin-1", "replace").decode("utf-8", "replace")
        try:
            target = self.resolve(raw)
        except OSError:  # a name too long for the file system, and the like: not a file of the site
            target = None
        if target is not None and target.name == "index.html" and not raw.endswith(("/", ".html")):
            # "//host" would be a link to another site: the redirect stays on this one
            start_response("301 Moved Permanently", [("Location", "/" + raw.lstrip("/") + "/"),
                                                     ("Content-Length", "0")])
            return [b""]
        status = "200 OK"
        if target is None:
            status = "404 Not Found"
            not_found = self.output / "404.html"
            body = not_found.read_bytes() if not_found.is_file() else b"<!doctype html><title>404</title><h1>404</h1>"
            content_type = "text/html; charset=utf-8"
        else:
            body = target.read_bytes()
            content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if content_type.startswith("text/") or content_type in ("application/javascript", "application/xml"):
                content_type += "; charset=utf-8"
        if self.errors and content_type.startswith("text/html"):
            body = body.replace(b"</body>", self._overlay() + b"</body>", 1)
        article = self.reviews.get(target.relative_to(self.output).as_posix()) if target is not None else None
        if article is not None and content_type.startswith("text/html") and self.content is not None:
            body = re.sub(rb"<body[^>]*>", lambda m: m.group(0) + self._review_banner(article), body, count=1)
        start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body))),
                                ("Cache-Control", "no-store")])
        return [b""] if method == "HEAD" else [body]

    def _review_banner(self, article: Article) -> bytes:
        """What the import was not sure of in this article, and why (the preview only: never published)."""
        queue = review_items(self.content, [article])  # type: ignore[arg-type]
        items = "".join(
            f"<li><strong>{_REVIEW_LABELS[item.field]}</strong>: {html.escape(item.value)} — "
            f"<em>{html.escape(item.evidence)}</em>"
            + (f" (độ tin cậy {item.confidence:.2f})" if item.confidence is not None else "") + "</li>"
            for item in (queue[0] if queue else []))
        return (
            '<div id="review-banner" role="note" style="background:#fef3c7;color:#1f2937;border-bottom:2px solid '
            '#d97706;padding:.75rem 1.25rem;font:15px/1.5 system-ui,sans-serif">'
            "<strong>Cần kiểm tra (chỉ hiện khi xem trước):</strong>"
            f'<ul style="margin:.25rem 0;padding-left:1.25rem">{items}</ul>'
            f"<small>Sửa nếu sai, rồi xoá trường khỏi <code>review:</code> trong "
            f"<code>content/{html.escape(article.source_path)}</code>.</small></div>"
        ).encode("utf-8")

    def _overlay(self) -> bytes:
        """The last build's errors over every page, in Vietnamese, with what to do about the first; a click on
        its heading folds it to one line (no script)."""
        items = "".join(f"<li>{html.escape(e)}</li>" for e in self.errors)
        hint = html.escape(error_hint(self.errors[0])) if self.errors else ""
        return (
            '<div id="build-error" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;'
            'background:#7f1d1d;color:#fff;padding:.75rem 1.25rem;font:15px/1.5 system-ui,sans-serif;z-index:99999">'
            '<details open><summary style="cursor:pointer"><strong>Lỗi khi dựng trang — đang hiển thị bản dựng tốt '
            "gần nhất</strong> (bấm để thu gọn)</summary>"
            f'<ul style="margin:.5rem 0 0;padding-left:1.25rem;font-family:monospace">{items}</ul>'
            f'<p style="margin:.5rem 0 0">{hint} Trang tự tải lại khi dựng xong.</p></details></div>'
        ).encode("utf-8")


# What to do, by what the error says (the first that fits): the editor's usual slips first.
_HINTS = (
    (("appears twice",), "Một khóa được viết hai lần: giữ một dòng, xoá dòng kia."),
    (("invalid YAML",), "Kiểm tra phần đầu bài (giữa hai dòng ---): mỗi dòng “khóa: giá trị”, dấu hai chấm có "
     "khoảng trắng sau, giá trị có dấu hai chấm hoặc # thì đặt trong ngoặc kép, thụt lề bằng dấu cách."),
    (("unknown field", "unknown setting", "unknown key", "unknown batch"),
     "Tên trường không có trong danh sách: sửa chính tả hoặc xoá trường đó."),
    (("`date`", "date_partial"), "Ngày viết dạng YYYY-MM-DD (hoặc YYYY-MM, YYYY), ví dụ 2021-08-17."),
    (("template",), "Lỗi trong mẫu giao diện (templates/): xem dòng được nêu, hoặc xoá tệp mẫu để dùng mẫu mặc định."),
)


def error_hint(message: str) -> str:
    """What an editor can do about a build error, in Vietnamese."""
    lowered = message.lower()
    for needles, hint in _HINTS:
        if any(needle.lower() in lowered for needle in needles):
            return hint
    return "Sửa lỗi ở tệp và dòng được nêu."


_REVIEW_LABELS = {"title": "Tiêu đề", "date": "Ngày", "speaker": "Người phát biểu", "location": "Địa điểm"}


def loopback_host(host: str) -> bool:
    """Whether a Host (or Origin's host) header names this machine's loopback: the preview answers nothing
    else, so that a web page cannot reach it under a name of its own (DNS rebinding)."""
    name = host.rsplit("]", 1)[0].lstrip("[") if host.startswith("[") else host.rsplit(":", 1)[0]
    return name.lower() in ("127.0.0.1", "localhost", "::1")


def _loopback_origin(handler, origin: str) -> bool:
    """The live-reload socket: only pages of this preview may open it (livereload accepts any origin, and
    told every page open in the browser which files were saved)."""
    from urllib.parse import urlsplit

    return loopback_host(urlsplit(origin).netloc) and loopback_host(handler.request.host)


def _harden_livereload() -> None:
    """livereload's handlers, made safe for a browser that has other sites open: the socket checks Origin
    and Host, and the endpoint that let any page trigger a reload is gone (our watcher reloads)."""
    from livereload.handlers import ForceReloadHandler

    LiveReloadHandler.check_origin = _loopback_origin  # type: ignore[method-assign]
    ForceReloadHandler.get = lambda self: self.send_error(404)  # type: ignore[method-assign]


def _snapshot(roots: list[Path], output: Path) -> dict[str, str | None]:
    state = {}
    for root in roots:
        if root.is_file():
            stat = root.stat()
            state[str(root)] = file_signature(stat)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if not d.startswith(".") and Path(dirpath, d) != output]
            for name in filenames:
                if name.startswith(".") or name.endswith(("~", ".swp", ".tmp")):
                    continue
                path = os.path.join(dirpath, name)
                try:
                    stat = os.stat(path)
                except FileNotFoundError:
                    continue
                state[path] = file_signature(stat)
    return state


def _ignored(path: str) -> bool:
    name = os.path.basename(path)
    return name.startswith(".") or name.endswith(("~", ".swp", ".tmp"))


class ProjectWatcher(Watcher):
    """Watches every input of the build; one rebuild per burst of changes.

    File-system events (inotify, through watchfiles) say at once which files
    changed, with no cost while nothing does; where events are not available the
    watcher polls every input's size and time every 150 ms instead."""

    def __init__(self, roots: list[Path], output: Path, rebuild, events: bool = True) -> None:
        super().__init__()
        self.roots = roots
        self.output = output
        self.rebuild = rebuild
        self.state = _snapshot(roots, output)
        self.events: queue.Queue[set[str]] = queue.Queue()
        self.stop = threading.Event()
        self.polling = not (events and self._start_events())

    def _start_events(self) -> bool:
        try:
            import watchfiles
        except ImportError:
            return False
        started = threading.Event()

        def run() -> None:
            try:
                for changes in watchfiles.watch(*self.roots, step=_SETTLE_MS, debounce=2000,
                                                stop_event=self.stop,
                                                watch_filter=lambda change, path: not _ignored(path),
                                                yield_on_timeout=True, rust_timeout=500):
                    started.set()
                    paths = {path for _, path in changes if not Path(path).is_relative_to(self.output)}
                    if paths:
                        self.events.put(paths)
                        if self._wake is not None:  # run the check now, not at the next tick of the timer
                            self._wake()
            except Exception as exc:  # no inotify here (or it broke): fall back to polling
                print(f"file events unavailable ({exc}); polling for changes instead", flush=True)
                self.polling = True
            finally:
                started.set()

        threading.Thread(target=run, name="watch", daemon=True).start()
        started.wait(5)
        return True

    def start(self, callback) -> bool:
        """Check on our own timer (livereload would poll every 800 ms); True tells livereload not to poll."""
        from tornado import ioloop

        loop = ioloop.IOLoop.current()
        self._wake = lambda: loop.add_callback(callback)  # thread-safe: called from the events thread
        ioloop.PeriodicCallback(callback, _CHECK_MS).start()
        return True

    def examine(self):
        if self._changes:
            return self._changes.pop()
        changed = self._poll() if self.polling else self._drain()
        if not changed:
            return None, None
        # What the browser is told: a stylesheet's name (it reloads only that), never a path of this machine
        self.filepath = os.path.basename(changed[0]) if len(changed) == 1 and changed[0].endswith(".css") else "*"
        self.rebuild(changed)
        return self.filepath, None

    def _drain(self) -> list[str]:
        paths: set[str] = set()
        while True:
            try:
                paths |= self.events.get_nowait()
            except queue.Empty:
                return sorted(paths)

    def _poll(self) -> list[str]:
        if self._last_poll and time.monotonic() - self._last_poll < _POLL_MS / 1000:
            return []
        self._last_poll = time.monotonic()
        current = _snapshot(self.roots, self.output)
        if current == self.state:
            return []
        # Coalesce: wait until the files stop changing (editors write in several steps).
        while True:
            time.sleep(_SETTLE_MS / 1000)
            settled = _snapshot(self.roots, self.output)
            if settled == current:
                break
            current = settled
        changed = sorted(p for p in set(current) | set(self.state) if current.get(p) != self.state.get(p))
        self.state = current
        return changed

    _last_poll = 0.0
    _wake = None


def _cannot_listen(host: str, port: int) -> str | None:
    """Why the server could not listen on ``host:port``, or None."""
    try:
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        return f"cannot listen on {host}:{port} ({exc.strerror}); choose another port with --port"
    return None


def serve(project: Project, port: int = 8000, host: str = "127.0.0.1") -> int:
    """Build, then serve ``public/`` with live reload until interrupted."""
    problem = _cannot_listen(host, port)  # a port in use is said before the build, in one line
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    _harden_livereload()
    app = PreviewApp(project.output, project.content)
    builder = Builder(project, in_place=True)
    first = [True]

    def rebuild(changed: list[str] | None = None) -> None:
        started = time.perf_counter()
        try:
            # The first build may reuse the CLI's saved state; later ones keep theirs in memory and look
            # only at the articles the watcher saw change.
            report = builder.build(persist=first[0], changed=changed)
            if first[0] and report.skipped:
                builder.prepare()  # (nothing to build: the saved state is loaded for the first edit now)
            first[0] = False
            # The kept state is millions of long-lived objects: take them out of the cycle collector's
            # reach, or its full passes would add up to a second to later rebuilds.
            gc.freeze()
            app.errors = []
            site = builder.state.site if builder.state is not None else None
            app.reviews = {page_file(a.url): a for a in site.articles if a.review} if site is not None else {}
            print(f"rebuilt in {time.perf_counter() - started:.2f} s: {report.written} written, "
                  f"{report.removed} removed", flush=True)
        except BuildError as exc:
            app.errors = [e.describe() for e in exc.errors]
            print("build failed (serving the last good site):\n  " + "\n  ".join(app.errors), flush=True)
        except Exception as exc:  # keep serving whatever went wrong; show it in the browser
            # (A worker that died or stalled, or a bug of ours: what the builder keeps in memory may be half
            # updated, so the next build starts afresh.)
            builder.forget()
            app.errors = [exc.describe() if isinstance(exc, (ContentError, ToolError))
                          else f"internal error: {type(exc).__name__}: {exc}"]
            print("build failed (serving the last good site):\n  " + app.errors[0], flush=True)
            if os.environ.get("VN_ARCHIVE_DEBUG"):
                traceback.print_exc()

    # Watching starts before the first build: a save made while it runs is seen, and rebuilt after it.
    watcher = ProjectWatcher([r for r in project.input_folders() if r.exists()], project.output.resolve(), rebuild)
    rebuild()
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0  # reload on every rebuild, not once per 3 s
    server = Server(app=app, watcher=watcher)
    print(f"serving {project.output} on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    # A polite stop (SIGTERM) ends the server like Ctrl+C, which livereload catches: the state is kept below.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve(port=port, host=host, debug=False, restart_delay=0)
    finally:
        watcher.stop.set()
        # (Builds run on this thread: none is under way here.)
        try:
            if builder.keep():
                print("kept the preview's build state for the next build", flush=True)
        except Exception as exc:  # the next build only takes longer
            print(f"could not keep the preview's build state ({type(exc).__name__}: {exc})", flush=True)
    return 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
