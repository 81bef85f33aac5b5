"""Parity: flake8 users and pylint users get the same findings from the same catalog.

Both real tools run over the same files. Every flake8 finding must come out of pylint with
the same code, line and column (and, on the shared samples, the same message). pylint may
report more only through inference (a class bound to a variable, a re-export from the user's
own module), always with confidence INFERENCE, and on the shared samples only where listed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from azureml_migrate.catalog import rule_for
from tests.annotations import sample_files
from tests.test_pylint_plugin import pylint_messages

ROOT = Path(__file__).parent.parent
#: functional files minus suppression.py, whose ``# pylint: disable`` comments flake8 ignores
FUNCTIONAL_FILES = sorted(path for path in (ROOT / "tests" / "pylint_functional").glob("*.py")
                          if path.name != "suppression.py")
EXAMPLE_FILES = sorted((ROOT / "examples").rglob("*.py"))
_FLAKE8_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>AML\d{3}) (?P<message>.*)$")

Key = Tuple[str, int, int, str]

#: Shared-sample findings only pylint reports, with why: (file, line, 1-based column, code).
PYLINT_ONLY_ON_SAMPLES: Dict[Key, str] = {}


def flake8_findings(paths: List[Path]) -> Dict[Key, str]:
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select=AML", "--extend-select=AML202,AML402",
         *map(str, paths)], capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), result.stderr
    findings = {}
    for line in result.stdout.splitlines():
        match = _FLAKE8_LINE.match(line)
        assert match, line
        key = (str(Path(match["path"]).resolve()), int(match["line"]), int(match["col"]), match["code"])
        findings[key] = match["message"]
    return findings


def pylint_findings(paths: List[Path]) -> Dict[Key, Tuple[str, str]]:
    findings = {}
    for message in pylint_messages(paths, cwd=ROOT):
        key = (str(Path(message["absolutePath"]).resolve()), message["line"], message["column"] + 1,
               rule_for(message["symbol"]).code)
        findings[key] = (message["message"], message["confidence"])
    return findings


@pytest.fixture(scope="module")
def sample_results():
    paths = sample_files()
    return flake8_findings(paths), pylint_findings(paths)


def test_there_is_something_to_compare(sample_results):
    flake8, pylint = sample_results
    assert len(flake8) > 100 and len(pylint) >= len(flake8)
    assert {Path(key[0]).name for key in flake8} == {path.name for path in sample_files()}


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_samples_every_flake8_finding_is_a_pylint_finding_with_the_same_message(sample_results, path):
    flake8, pylint = sample_results
    mine = str(path.resolve())
    for key, message in flake8.items():
        if key[0] != mine:
            continue
        assert key in pylint, f"pylint misses {key[1:]} {message}"
        assert pylint[key] == (message, "HIGH"), key[1:]


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_samples_pylint_reports_nothing_more_than_the_listed_inference_cases(sample_results, path):
    flake8, pylint = sample_results
    mine = str(path.resolve())
    extra = {key: value for key, value in pylint.items() if key[0] == mine and key not in flake8}
    for key, (_, confidence) in extra.items():
        assert confidence == "INFERENCE", key[1:]
        assert (path.name, *key[1:]) in PYLINT_ONLY_ON_SAMPLES, key[1:]


@pytest.mark.parametrize("paths", [FUNCTIONAL_FILES, EXAMPLE_FILES], ids=["functional", "examples"])
def test_other_files_pylint_sees_everything_flake8_sees_and_more_only_by_inference(paths):
    if not paths:
        pytest.skip("no files")
    flake8 = flake8_findings(paths)
    pylint = pylint_findings(paths)
    missing = sorted(key for key in flake8 if key not in pylint)
    assert missing == []
    extra = {key: value for key, value in pylint.items() if key not in flake8}
    assert all(confidence == "INFERENCE" for _, confidence in extra.values()), extra
    differing = sorted(key for key in flake8 if pylint[key][1] == "HIGH" and pylint[key][0] != flake8[key])
    assert differing == []


def test_inference_files_do_show_pylint_only_findings():
    """The inference cases exist: without them the test above would prove little."""
    paths = [path for path in FUNCTIONAL_FILES if path.name.startswith("inference_")]
    extra = set(pylint_findings(paths)) - set(flake8_findings(paths))
    assert {Path(key[0]).name for key in extra} == {path.name for path in paths}
