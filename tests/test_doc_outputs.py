"""Every example of tool output in the README, docs/ and ``explain`` is what the tool prints.

Examples in Markdown carry a marker with their exact command (``scripts/doc_outputs.py``,
which also rewrites them: ``python scripts/doc_outputs.py --write``); a rule's "Use instead"
that is a rewrite is computed by ``fix`` itself (``Rule.instead_is_fix``) and compared here with
the real console script.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from azureml_migrate.catalog import RULES

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("doc_outputs", ROOT / "scripts" / "doc_outputs.py")
doc_outputs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(doc_outputs)
_spec = importlib.util.spec_from_file_location("readme_v2_diff", ROOT / "scripts" / "readme_v2_diff.py")
readme_v2_diff = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(readme_v2_diff)

EXAMPLES = [example for document in doc_outputs.documents() for example in doc_outputs.examples(document)]
# a line only the tool prints: a finding (flake8, pylint, concise), an annotation, a diff header
TOOL_OUTPUT_LINE = re.compile(r"^\S+:\d+:\d+: (?:AML|W73)\d+|^::(?:warning|error) |^##vso\[|^--- a/|"
                              r"^\d+ findings? in \d+ files?", re.MULTILINE)
FENCE = re.compile(r"^```[\w-]*\n(.*?)^```$", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: f"{example.document.name}: {example.command}")
def test_the_example_is_what_its_command_prints(example):
    produced = doc_outputs.run(example.command)
    assert produced.strip(), "the command printed nothing"
    assert example.shown == produced, ("run `python scripts/doc_outputs.py --write` after checking the change: "
                                       + example.command)


def _region_of_readme_v2_diff(text):
    """The README's v2 diff is tool output kept identical by tests/test_readme_v2_diff.py."""
    start = text.index(readme_v2_diff.START)
    return range(start, text.index(readme_v2_diff.END, start))


def test_every_block_of_tool_output_is_marked():
    for document in doc_outputs.documents():
        text = document.read_text(encoding="utf-8")
        marked = {example.start for example in doc_outputs.examples(document)}
        generated = _region_of_readme_v2_diff(text) if document.name == "README.md" else range(0)
        for block in FENCE.finditer(text):
            if TOOL_OUTPUT_LINE.search(block.group(1)) and block.start(1) not in generated:
                assert block.start(1) in marked, f"{document.name}: unmarked tool output:\n{block.group(1)[:300]}"
    covered = {(example.document.name, example.command.split("&& ", 1)[1].split()[0]) for example in EXAMPLES}
    assert {("README.md", "flake8"), ("README.md", "azureml-migrate"), ("audit.md", "azureml-migrate"),
            ("pylint.md", "pylint")} <= covered


def test_check_finds_drift_and_write_repairs_it(tmp_path):
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "page.md"
    page.write_text("Intro\n\n<!-- output: printf 'one\\ntwo\\n' -->\n```text\n$ show\none\nold\n```\n\nEnd\n",
                    encoding="utf-8")
    assert doc_outputs.check(tmp_path) == ["docs/page.md: printf 'one\\ntwo\\n'"]
    assert doc_outputs.check(tmp_path, write=True)
    assert page.read_text(encoding="utf-8") == (
        "Intro\n\n<!-- output: printf 'one\\ntwo\\n' -->\n```text\n$ show\none\ntwo\n```\n\nEnd\n")
    assert doc_outputs.check(tmp_path) == []


def fix_of_example(rule) -> str:
    script = Path(sys.executable).parent / "azureml-migrate"
    result = subprocess.run([str(script), "fix", "--unsafe-fixes", "--isolated", "--extend-select", rule.code,
                             "--stdin-filename", "example.py", "-"],
                            input=rule.example + "\n", capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_use_instead_is_what_fix_writes_when_fix_rewrites_the_example(rule):
    rewritten = fix_of_example(rule)
    if rule.instead_is_fix:
        assert rule.use_instead() == rewritten
        assert rewritten in rule.docs()
    elif rewritten and rewritten != rule.example:
        # a rewrite (not just the removal of an unused import): the docs must show it
        assert rule.instead == rewritten, f"{rule.code}: set instead_is_fix=True"


def test_explain_aml101_shows_what_fix_writes():
    script = Path(sys.executable).parent / "azureml-migrate"
    page = subprocess.run([str(script), "explain", "AML101"], capture_output=True, text=True, check=True).stdout
    (rule,) = [rule for rule in RULES if rule.code == "AML101"]
    use_instead = page.split("## Use instead\n", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    assert use_instead.strip() == fix_of_example(rule)
    assert "Environment.get(" not in use_instead
