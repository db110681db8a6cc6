"""The body font, shipped with every site: Noto Serif, Vietnamese and Latin subsets, under the SIL Open Font
License.

A reader's machine may have no serif font with every Vietnamese letter (Liberation Serif lacks ư ơ ế ồ ậ, and
a word then mixes two typefaces letter by letter), so the site carries its own.  The font files are not
ours to keep in this repository: the first build fetches the ``@fontsource/noto-serif`` package once from
the npm registry (``PACKAGE``, checked against its published sha512), keeps the eight files a page can use
in the user's cache folder, and every build copies them into ``static/fonts/`` with ``static/fonts.css``.
Offline and without them, ``fonts.css`` says so and pages use the reader's fonts; nothing else changes.
"""
from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from pathlib import Path

PACKAGE = ("@fontsource/noto-serif", "5.3.0",
           "https://registry.npmjs.org/@fontsource/noto-serif/-/noto-serif-5.3.0.tgz",
           "sha512-ZrMzjuQlBIcw+qma1slZQdU3YDJvrjLG+9CWU1bxSf3YTkucwqd3EYa/Kfo4Ts19w8IMTGAmtOE3d6wWlgnBtA==")
SUBSETS = {  # (fontsource's unicode ranges: a page loads only the subsets its text uses)
    "vietnamese": "U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,"
                  "U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB",
    "latin": "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,"
             "U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
}
FACES = [(weight, style) for weight in (400, 700) for style in ("normal", "italic")]
FETCH_SECONDS = 15
RETRY_SECONDS = 24 * 3600


def _files() -> list[str]:
    return [f"noto-serif-{subset}-{weight}-{style}.woff2" for subset in SUBSETS for weight, style in FACES]


def cache_folder() -> Path:
    """Where the fetched files are kept for every project of this user: the user's cache folder, or the
    system's temporary folder where that cannot be written (a read-only home in a container)."""
    name = f"noto-serif-{PACKAGE[1]}"
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vn-archive" / "fonts"
    try:
        root.mkdir(parents=True, exist_ok=True)
        if os.access(root, os.W_OK):
            return root / name
    except OSError:
        pass
    return Path(tempfile.gettempdir()) / "vn-archive-fonts" / name


def _download() -> bytes:
    """The package's tarball: from the registry over HTTPS, else through npm (its configured registry or
    mirror) when npm is there."""
    name, version, url, _ = PACKAGE
    try:
        with urllib.request.urlopen(url, timeout=FETCH_SECONDS) as response:
            return response.read()
    except OSError:
        if not shutil.which("npm"):
            raise
    with tempfile.TemporaryDirectory(prefix="vn-archive-font-") as folder:
        subprocess.run(["npm", "pack", "--silent", f"{name}@{version}", "--pack-destination", folder],
                       check=True, capture_output=True, timeout=4 * FETCH_SECONDS)
        return next(Path(folder).glob("*.tgz")).read_bytes()


def _fetch(folder: Path) -> None:
    """Download the package, check it, keep the files a page can use (and the licence)."""
    _, _, url, integrity = PACKAGE
    try:
        data = _download()
    except (subprocess.SubprocessError, StopIteration) as exc:
        raise OSError(f"npm pack failed: {exc}") from None
    algorithm, _, expected = integrity.partition("-")
    if base64.b64encode(hashlib.new(algorithm, data).digest()).decode() != expected:
        raise OSError(f"{url}: the download does not match the package's published {algorithm}")
    wanted = {f"package/files/{name}": name for name in _files()} | {"package/LICENSE": "OFL.txt"}
    staging = folder.with_name(folder.name + f".{os.getpid()}.part")
    staging.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for member in tar.getmembers():
            if member.name in wanted and member.isfile():
                (staging / wanted[member.name]).write_bytes(tar.extractfile(member).read())
    missing = [name for name in wanted.values() if not (staging / name).is_file()]
    if missing:
        raise OSError(f"{url}: {', '.join(missing)} not in the package")
    try:
        staging.rename(folder)
    except OSError:  # (another build fetched them at the same time)
        if not folder.is_dir():
            raise


_warned = False


def font_files() -> dict[str, bytes]:
    """The files a site publishes for its body font: ``static/fonts.css`` always (empty of rules when the
    font could not be had) and, with it, ``static/fonts/*.woff2`` and the licence."""
    global _warned
    folder = cache_folder()
    names = [*_files(), "OFL.txt"]
    failed = folder.with_name(folder.name + ".failed")  # (an attempt that failed: not tried again for a day)
    if not all((folder / name).is_file() for name in names):
        try:
            if failed.is_file() and time.time() - failed.stat().st_mtime < RETRY_SECONDS:
                raise OSError(failed.read_text(encoding="utf-8", errors="replace").strip() or "fetch failed")
            _fetch(folder)
        except (OSError, tarfile.TarError, ValueError) as exc:
            try:
                failed.parent.mkdir(parents=True, exist_ok=True)
                if not failed.is_file():
                    failed.write_text(str(exc), encoding="utf-8")
            except OSError:
                pass
            if not _warned:
                print(f"note: the body font ({PACKAGE[0]} {PACKAGE[1]}) could not be fetched ({exc}); pages use "
                      f"the reader's fonts until a build can fetch it (next try after a day, or remove {failed})",
                      file=sys.stderr)
                _warned = True
            return {"static/fonts.css": b"/* The body font could not be fetched: the reader's fonts are used. */\n"}
    rules = []
    for subset, ranges in SUBSETS.items():
        for weight, style in FACES:
            rules.append(
                f"@font-face {{ font-family: 'Noto Serif'; font-style: {style}; font-weight: {weight}; "
                f"font-display: swap; src: url(fonts/noto-serif-{subset}-{weight}-{style}.woff2) format('woff2'); "
                f"unicode-range: {ranges}; }}")
    css = ("/* Noto Serif (SIL Open Font License 1.1, fonts/OFL.txt), Vietnamese and Latin subsets, from "
           f"{PACKAGE[0]} {PACKAGE[1]}. */\n" + "\n".join(rules) + "\n")
    files = {"static/fonts.css": css.encode("utf-8")}
    files.update({f"static/fonts/{name}": (folder / name).read_bytes() for name in names})
    return files
