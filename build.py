#!/usr/bin/env python3
"""Vietnamese news archive generator: python build.py import | build | serve | check."""
from pathlib import Path

from generator.cli import run

if __name__ == "__main__":
    run(default_root=Path(__file__).resolve().parent)
