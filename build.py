#!/usr/bin/env python3
"""Vietnamese news archive generator: python build.py import | build | serve | check."""
import sys
from pathlib import Path

from generator.cli import main

if __name__ == "__main__":
    sys.exit(main(default_root=Path(__file__).resolve().parent))
