"""The generator's own data files (outlets, people, provinces) and their reader."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_DataLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_data(name: str) -> Any:
    """One of the generator's own YAML data files (gazetteer, vocabularies) by name, read with libyaml when
    present."""
    return yaml.load((Path(__file__).parent / name).read_text(encoding="utf-8"), Loader=_DataLoader)
