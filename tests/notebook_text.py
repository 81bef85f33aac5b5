"""Notebooks written by tests: the ``.ipynb`` text of a list of cells, and the program its code
cells make (in order, as the proofs run a notebook)."""

from __future__ import annotations

import json
from typing import Sequence, Tuple


def notebook(cells: Sequence[Tuple[str, str]]) -> str:
    """The ``.ipynb`` text of ``(kind, source)`` cells, ``kind`` being ``code`` or ``markdown``."""
    return json.dumps({"cells": [{"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True),
                                  **({"execution_count": None, "outputs": []} if kind == "code" else {})}
                                 for kind, source in cells],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def program(notebook_text: str) -> str:
    """The notebook's code cells, in order, as one program."""
    return "".join("".join(cell["source"]) + "\n" for cell in json.loads(notebook_text)["cells"]
                   if cell["cell_type"] == "code")
