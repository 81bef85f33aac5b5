"""One sample corpus, every front end: the core, real flake8, real pylint and the real audit
report the same findings (line, column, code, message) on every file in ``tests/samples``.

Each sample carries its expected findings next to the code (``# expect: AML101:7``, column as
flake8 prints it); ``<sample>.expected`` holds the full messages, in flake8's output format.
Regenerate those after a deliberate message change with ``AML_UPDATE_SAMPLES=1 pytest
tests/test_sample_corpus.py`` and review the diff. A sample marked ``# target: v2`` is checked
by every front end with that target chosen; the others with the default target, where the
rules of another target's family stay off.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from azureml_migrate.catalog import RULES, rule_for
from azureml_migrate.engine import check_source
from azureml_migrate.rules import Options
from tests.annotations import SAMPLES, expected_findings, inferred_findings, sample_files, sample_target
from tests.test_flake8_samples import flake8_findings
from tests.test_pylint_plugin import pylint_messages

Finding = Tuple[int, int, str, str]
UPDATING = os.environ.get("AML_UPDATE_SAMPLES") == "1"
_PARSEABLE = sample_files()
_DEFAULT_TARGET = [sample for sample in _PARSEABLE if sample_target(sample) is None]
_V2_TARGET = [sample for sample in _PARSEABLE if sample_target(sample) == "v2"]


def _expected_path(sample: Path) -> Path:
    return sample.with_suffix(".expected")


def _read_expected(sample: Path) -> List[Finding]:
    findings = []
    for line in _expected_path(sample).read_text(encoding="utf-8").splitlines():
        position, code, message = line.split(" ", 2)
        row, col, _ = position.split(":")
        findings.append((int(row), int(col), code, message))
    return findings


def core_findings(sample: Path) -> List[Finding]:
    target = sample_target(sample)
    options = Options(target=target, target_rules=(target,)) if target else Options()
    return [(f.span.line, f.span.col + 1, f.code, f.message)
            for f in check_source(sample.read_text(encoding="utf-8"), options)]


@pytest.fixture(scope="module")
def pylint_by_file() -> Dict[Tuple[str, str], List[Finding]]:
    """pylint's findings by (file name, confidence)."""
    found: Dict[Tuple[str, str], List[Finding]] = {}
    messages = pylint_messages(_DEFAULT_TARGET) + pylint_messages(
        _V2_TARGET, "--disable=all", "--enable=azureml-migrate", "--azureml-target=v2")
    for message in messages:
        found.setdefault((Path(message["path"]).name, message["confidence"]), []).append(
            (message["line"], message["column"] + 1, rule_for(message["symbol"]).code, message["message"]))
    return found


@pytest.fixture(scope="module")
def audit_by_file() -> Dict[str, List[Finding]]:
    items = []
    for samples, target in ((_DEFAULT_TARGET, "scriptrunconfig"), (_V2_TARGET, "v2")):
        codes = ",".join(rule.code for rule in RULES if rule.target in (None, target))
        result = subprocess.run(
            [sys.executable, "-m", "azureml_migrate.cli", "audit", "--isolated", "--format", "json", "--exit-zero",
             "--target", target, "--extend-select", codes, *map(str, samples)],
            capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        assert report["errors"] == []
        items.extend(report["findings"])
    found: Dict[str, List[Finding]] = {}
    for item in items:
        found.setdefault(Path(item["path"]).name, []).append(
            (item["line"], item["column"], item["code"], item["message"]))
    return found


@pytest.mark.parametrize("sample", _PARSEABLE, ids=lambda p: p.name)
def test_core_matches_the_annotations_and_the_expected_messages(sample):
    core = core_findings(sample)
    if UPDATING:
        _expected_path(sample).write_text(
            "".join(f"{line}:{col}: {code} {message}\n" for line, col, code, message in core), encoding="utf-8")
    assert sorted((line, col, code) for line, col, code, _ in core) == expected_findings(sample)
    assert core == _read_expected(sample)


@pytest.mark.parametrize("sample", _PARSEABLE, ids=lambda p: p.name)
def test_flake8_reports_what_the_core_reports(sample):
    target = sample_target(sample)
    extra = (f"--azureml-target={target}",) if target else ()
    assert flake8_findings(sample, *extra) == _read_expected(sample)


@pytest.mark.parametrize("sample", _PARSEABLE, ids=lambda p: p.name)
def test_pylint_reports_what_the_core_reports_and_only_adds_inferred_findings(sample, pylint_by_file):
    assert sorted(pylint_by_file.get((sample.name, "HIGH"), [])) == sorted(_read_expected(sample))
    inferred = sorted((line, col, code) for line, col, code, _ in pylint_by_file.get((sample.name, "INFERENCE"), []))
    assert inferred == inferred_findings(sample)


@pytest.mark.parametrize("sample", _PARSEABLE, ids=lambda p: p.name)
def test_the_audit_reports_what_the_core_reports(sample, audit_by_file):
    assert sorted(audit_by_file.get(sample.name, [])) == sorted(_read_expected(sample))


def test_every_rule_has_a_sample_with_findings():
    annotated = {code for path in sample_files() for _, _, code in expected_findings(path)}
    assert {rule.code for rule in RULES if not rule.retired} <= annotated
    names = {path.name[:6].upper() for path in sample_files()}
    assert {rule.code for rule in RULES if not rule.retired} <= names


def test_every_sample_has_its_expected_messages():
    expected = sorted(path.stem for path in SAMPLES.glob("*.expected"))
    assert expected == sorted(path.stem for path in SAMPLES.glob("*.py"))
