from __future__ import annotations

from extract.cli import main

main()
