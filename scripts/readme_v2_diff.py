"""Write (``--write``) or print the README's v2 diff of the bundled example from the real command.

The README shows what ``azureml-migrate fix --diff --target v2 --unsafe-fixes --extend-exclude README.md .`` prints in
``examples/legacy_project``: the diff, and the summary line. ``tests/test_readme_v2_diff.py``
checks the README block is exactly that output, so when a v2 rewrite changes the output, run
``python scripts/readme_v2_diff.py --write`` and review the README diff.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Tuple

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PROJECT = ROOT / "examples" / "legacy_project"
# The example's own README.md quotes the v1 code it documents; fix never writes Markdown, so its
# suggested block diffs would only repeat the Python diff.
COMMAND = ("fix", "--diff", "--target", "v2", "--unsafe-fixes", "--extend-exclude", "README.md", ".")
START, END = "<!-- v2-diff: start (scripts/readme_v2_diff.py --write) -->\n", "<!-- v2-diff: end -->\n"


def command_output() -> Tuple[str, str]:
    """(the diff, the summary line) of the real console script, run next to this interpreter."""
    script = Path(sys.executable).parent / "azureml-migrate"
    done = subprocess.run([str(script), *COMMAND], cwd=PROJECT, capture_output=True, text=True, check=False)
    if done.returncode != 1 or not done.stdout:
        raise SystemExit(f"unexpected result {done.returncode}:\n{done.stderr}")
    return done.stdout, done.stderr.splitlines()[-1]


def block(diff: str, summary: str) -> str:
    return (f"{START}```sh\n$ cd examples/legacy_project && azureml-migrate {' '.join(COMMAND)}\n```\n\n"
            f"```diff\n{diff}```\n\nand on standard error, after the findings left (each manual, with its "
            f"reason):\n\n```text\n{summary}\n```\n{END}")


def shown(readme: str) -> str:
    """The README's block, markers included."""
    start = readme.index(START)
    return readme[start:readme.index(END, start) + len(END)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="replace the README block")
    arguments = parser.parse_args()
    text = block(*command_output())
    if not arguments.write:
        sys.stdout.write(text)
        return
    readme = README.read_text(encoding="utf-8")
    README.write_text(readme.replace(shown(readme), text), encoding="utf-8")


if __name__ == "__main__":
    main()
