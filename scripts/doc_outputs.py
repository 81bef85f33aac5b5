"""Examples of tool output in the README and docs/, produced by the tool.

An example is a fenced block right after a marker naming the exact shell command, run from the
repository root, whose standard output it shows:

    <!-- output: cd examples/legacy_project && azureml-migrate audit --format concise . | head -3 -->
    ```text
    $ azureml-migrate audit            (an optional prompt line, kept as written)
    ...the command's output...
    ```

``python scripts/doc_outputs.py`` lists the examples that differ from their command's output
(exit 1 if any); ``--write`` rewrites them. The commands run with this interpreter's scripts
directory first on PATH (its ``azureml-migrate``, ``flake8``, ``pylint``), without colour.
``tests/test_doc_outputs.py`` runs the check.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Iterator, List, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ("README.md", "docs/*.md")
MARKER = re.compile(r"^<!-- output: (?P<command>.+?) -->\n```(?P<info>[\w-]*)\n(?P<body>.*?)^```$",
                    re.MULTILINE | re.DOTALL)


class Example(NamedTuple):
    document: Path
    command: str
    start: int  # where the block's body starts in the document
    end: int
    prompt: str  # the kept "$ ..." line with its newline, or ""
    shown: str  # the output the block shows


def documents(root: Path = ROOT) -> List[Path]:
    return [path for pattern in DOCUMENTS for path in sorted(root.glob(pattern))]


def examples(document: Path) -> Iterator[Example]:
    text = document.read_text(encoding="utf-8")
    for match in MARKER.finditer(text):
        body = match.group("body")
        prompt = body.split("\n", 1)[0] + "\n" if body.startswith("$ ") else ""
        yield Example(document, match.group("command"), match.start("body"), match.end("body"), prompt,
                      body[len(prompt):])


def run(command: str, root: Path = ROOT) -> str:
    """The command's standard output, as a shell runs it from the repository root."""
    environment = {key: value for key, value in os.environ.items() if key not in ("FORCE_COLOR", "COLUMNS")}
    environment.update(NO_COLOR="1", PATH=str(Path(sys.executable).parent) + os.pathsep + environment.get("PATH", ""))
    result = subprocess.run(["bash", "-c", command], cwd=root, env=environment,
                            capture_output=True, text=True, check=False)
    if result.returncode not in (0, 1):  # 1: findings, the usual outcome of the examples
        raise RuntimeError(f"{command!r} exited {result.returncode}: {result.stderr}")
    output = result.stdout
    return output if output.endswith("\n") or not output else output + "\n"


def check(root: Path = ROOT, write: bool = False) -> List[str]:
    """The commands whose example differs from their output (rewritten with ``write``)."""
    drifted = []
    for document in documents(root):
        found = list(examples(document))
        text = document.read_text(encoding="utf-8")
        for example in reversed(found):
            produced = run(example.command, root)
            if produced != example.shown:
                drifted.append(f"{document.relative_to(root)}: {example.command}")
                text = text[:example.start] + example.prompt + produced + text[example.end:]
        if write and drifted:
            document.write_text(text, encoding="utf-8")
    return drifted


def main(argv: List[str] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite the examples that differ")
    args = parser.parse_args(argv)
    drifted = check(write=args.write)
    for line in drifted:
        print(("rewrote " if args.write else "differs: ") + line)
    return 1 if drifted and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())
