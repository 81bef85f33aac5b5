"""Where the flake8 plugin's instructions go on the SDK trees of issue 19, by stage (callgrind).

Each stage is one process run under callgrind; the differences between stages are the costs:

- ``parse``: flake8 loaded and run once on a one-line file (the plugin's entry module loaded,
  as in every flake8 start), then each module of the trees read and parsed, as flake8 does;
- ``imports``: ``parse`` plus the modules the first checked module loads (settings, fact
  builder, rules);
- ``settings``: ``imports`` plus the plugin's ``run()`` on every module, the fact builder and
  the rules replaced by nothing (prefilter, configuration lookup, rule options);
- ``full``: the plugin's ``run()`` on every module, as flake8 runs it.

Run it with the Python of a venv that has flake8 and this project installed (not editable):

    python benchmarks/plugin_profile.py --sdk-tree <site-packages>/azureml
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from instructions import FLAKE8_TREES

STAGES = ("parse", "imports", "settings", "full")
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")

#: The measured program; argv: stage, then the modules to check.
PROGRAM = """
import ast, sys, tokenize
import flake8.main.application
stage, files = sys.argv[1], sys.argv[3:]
flake8.main.application.Application().run(["-j1", "--isolated", "--exit-zero", sys.argv[2]])
import flake8_azureml_migrate as plugin
class HostOptions:
    select = extend_select = azureml_min_sdk_version = azureml_target = None
plugin.AzureMLMigrateChecker.parse_options(HostOptions())
if stage != "parse":
    import azureml_migrate.builder, azureml_migrate.linter_settings, azureml_migrate.rules
if stage == "settings":
    plugin.check_tree = lambda *args: []
for name in files:
    with tokenize.open(name) as handle:
        lines = handle.readlines()
    tree = ast.parse("".join(lines))
    if stage in ("settings", "full"):
        list(plugin.AzureMLMigrateChecker(tree, lines, name).run())
"""


def count(python: str, stage: str, one_line: Path, files: list) -> int:
    # run outside the checkout: ``-c`` puts the working directory first on sys.path
    command = [python, "-c", PROGRAM, stage, str(one_line), *files]
    subprocess.run(command, capture_output=True, check=True, cwd=one_line.parent)  # writes missing bytecode
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
                          capture_output=True, text=True, check=True, cwd=one_line.parent)
    match = _COLLECTED.search(done.stderr)
    if match is None:
        raise SystemExit(f"callgrind gave no count: {done.stderr[-2000:]}")
    return int(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sdk-tree", type=Path, required=True, help="an installed azureml package tree")
    parser.add_argument("--python", default=sys.executable, help="the venv's interpreter (flake8 + this project)")
    args = parser.parse_args()
    files = sorted(str(path) for tree in FLAKE8_TREES for path in (args.sdk_tree / tree).rglob("*.py"))
    with tempfile.TemporaryDirectory() as scratch:
        one_line = Path(scratch) / "one_line.py"
        one_line.write_text("x = 1\n", encoding="utf-8")
        counts = {stage: count(str(Path(args.python).absolute()), stage, one_line, files) for stage in STAGES}
    print(f"{len(files)} modules of {', '.join(FLAKE8_TREES)}")
    print("| stage | instructions | over the previous stage |\n|---|---|---|")
    previous = None
    for stage, value in counts.items():
        extra = f"{value - previous:+,}" if previous is not None else ""
        print(f"| {stage} | {value:,} | {extra} |")
        previous = value


if __name__ == "__main__":
    main()
