"""``init DIR``: a new archive — its folders, commented settings, the starter vocabulary, a note on
overriding the theme, a .gitignore and a README for the people who keep it."""
from __future__ import annotations

import shutil
from pathlib import Path

from .errors import ToolError
from .project import STARTER, command_name

SITE_YAML = """\
# Settings of this archive (every key is checked: an unknown one is an error). Defaults are shown.
title: Lưu trữ tin bài                  # the site's name, in every page's header and feed
description: Kho lưu trữ tin bài và phát biểu tiếng Việt.   # for search engines and the home page
base_url: https://example.org/          # where the site will be published (its path counts: /luu-tru/)
language: vi
page_size: 10                           # articles per listing page
feed_size: 20                           # entries in each Atom feed
pretty_links: false                     # true: links end in / (only for a site served over HTTP)
author: Ban biên tập                    # the feeds' author
"""

GITIGNORE = """\
# Built output and caches: made again by every build.
public/
.public.*
.cache/
content/.import.lock
"""

TEMPLATES_README = """\
# Your own templates

A file here with the name of one of the default theme's templates replaces it; the others stay the
default's, and each is also reachable as `default/NAME`. To change one part of every page, save this as
`templates/base.html`:

```
{% extends "default/base.html" %}
{% block footer %}<footer class="site-footer"><div class="wrap">© Ban biên tập</div></footer>{% endblock %}
```

The blocks of `base.html`: `head`, `extra_head`, `header`, `header_search`, `menu_search`, `content`,
`footer`, `scripts`. Builds stay incremental while your templates show only the configuration, the page's
address, the glossary and an article page's own `article`; one that reads more (`site.articles`, a
listing's articles) has every page rendered on each build. Styles: put `static/style.css` here to replace
the default stylesheet, or add your own file under `static/`.
"""

README = """\
# {title}

An archive of Vietnamese news and speeches, made with `{command}`.

1. Put raw articles in `content/raw/`: plain text (`.txt`, with an optional `NAME.meta.yaml` beside it),
   saved pages (`.html`), or batch files with one article per row (`.jsonl`, `.json`, `.csv`, `.tsv`).
2. `{command} import` writes each as Markdown with front matter in `content/articles/`.
3. `{command} review` lists the fields the import was not sure of. Correct them in the article and
   delete them from its `review:` list; a later import keeps every article you edited.
4. `{command} serve` previews the site on http://127.0.0.1:8000/ and rebuilds on every save.
5. `{command} build` writes the site to `public/`: copy that folder to any static host, or open
   `public/index.html` from a USB stick.

Settings are in `content/site.yaml`, the topic vocabulary in `content/tags.yaml`, abbreviations in
`content/glossary.yaml`; `templates/README.md` says how to change the look.
"""


def init_project(folder: Path) -> list[Path]:
    """Make a new archive in ``folder`` (created if need be); returns the files written.  An archive already
    there (``content/site.yaml``) is left as it is: a ToolError says so."""
    folder = folder.resolve()
    if (folder / "content" / "site.yaml").exists():
        raise ToolError(f"{folder} already holds an archive (content/site.yaml); nothing was written")
    command = command_name()
    files = {
        folder / "content" / "site.yaml": SITE_YAML,
        folder / "templates" / "README.md": TEMPLATES_README,
        folder / ".gitignore": GITIGNORE,
        folder / "README.md": README.format(title=folder.name, command=command),
    }
    written = []
    (folder / "content" / "raw").mkdir(parents=True, exist_ok=True)
    (folder / "content" / "articles").mkdir(exist_ok=True)
    (folder / "static").mkdir(exist_ok=True)
    for path, text in files.items():
        if path.exists():  # (a README or .gitignore of the user's own is theirs)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    for name in ("tags.yaml", "glossary.yaml"):
        shutil.copyfile(STARTER / name, folder / "content" / name)
        written.append(folder / "content" / name)
    return written
