"""Messages are one line a person reads in a tooltip: what is deprecated, the replacement in a
few words, and whether ``azureml-migrate fix`` writes it. Checked on the bundled example, through
the real console script, real flake8 and real pylint."""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from azureml_migrate.fixes import Applicability, Fix, manual
from azureml_migrate.messages import FIXABLE, MANUAL, UNSAFE_FIXABLE, Status, brief, render
from tests.test_audit_support import audit_command

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "legacy_project"
STATUS = re.compile(r" \((fixable|fixable with --unsafe-fixes|manual|manual: [^\n]+)\)$")


@pytest.fixture(scope="module")
def example_findings():
    done = subprocess.run([*audit_command(), "audit", "--format", "json", "-q", str(EXAMPLE)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    return json.loads(done.stdout)["findings"]


def test_every_message_is_one_line_that_ends_with_what_fix_can_do(example_findings):
    assert example_findings
    for finding in example_findings:
        message = finding["message"]
        assert "\n" not in message and STATUS.search(message), message
        assert "safe fix)" not in message and "no automatic fix" not in message


def test_the_status_agrees_with_the_fix(example_findings):
    for finding in example_findings:
        applicability = (finding["fix"] or {}).get("applicability", "manual")
        expected = {"safe": "(fixable)", "unsafe": "(fixable with --unsafe-fixes)"}.get(applicability, "(manual")
        assert expected in finding["message"], finding


def test_common_messages_are_short(example_findings):
    lengths = [len(finding["message"]) for finding in example_findings]
    assert statistics.median(lengths) < 160
    fixable = [finding["message"] for finding in example_findings if finding["message"].endswith("(fixable)")]
    assert fixable and all(len(message) < 160 for message in fixable), fixable


def test_the_rewrite_is_still_in_the_json_hint(example_findings):
    estimator = next(finding for finding in example_findings if finding["code"] == "AML101")
    assert "ScriptRunConfig(" in estimator["hint"] and "ScriptRunConfig(" not in estimator["message"].split(":")[0]


@pytest.mark.parametrize("tool", ["flake8", "pylint"])
def test_linter_messages_say_fixable_not_safe_fix(tool, tmp_path):
    script = tmp_path / "submit.py"
    script.write_text("from azureml.train.dnn import PyTorch\n"
                      "est = PyTorch(source_directory='src', entry_script='train.py', compute_target='gpu')\n")
    if tool == "flake8":
        command = [sys.executable, "-m", "flake8", "--select=AML", str(script)]
    else:
        command = [sys.executable, "-m", "pylint", "--load-plugins=pylint_azureml_migrate", "--disable=all",
                   "--enable=azureml-estimator", "--score=n", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, check=False).stdout
    estimator_lines = [line for line in output.splitlines() if "'PyTorch' is deprecated" in line]
    assert estimator_lines, output
    for line in estimator_lines:
        assert "use ScriptRunConfig with an Environment (fixable)" in line and "safe fix" not in line, line


def test_a_long_manual_reason_is_cut_between_clauses_never_inside_code():
    reason = ("dataset input ds.as_named_input('a: b; c'): add it to src.run_config.data by hand; "
              "write src.run_config.data[item.name] = item with item = ds.as_named_input('a: b; c')")
    assert brief(reason) == "dataset input ds.as_named_input('a: b; c'): add it to src.run_config.data by hand"
    assert brief("x" * 100 + ": y") == "x" * 100
    assert brief("the estimator's run configuration: x") == "the estimator's run configuration: x"
    assert brief("short") == "short"


def test_status_words():
    assert Status.of(Fix(Applicability.SAFE, "t")) == Status(FIXABLE)
    assert Status.of(Fix(Applicability.UNSAFE, "t", reason="r")) == Status(UNSAFE_FIXABLE)
    assert Status.of(manual("t", "no entry_script: pass the training script as entry_script")) == \
        Status(MANUAL, "no entry_script: pass the training script as entry_script")
    assert Status.of(manual("t", "a long why: " + "x" * 120, brief="do this")) == Status(MANUAL, "do this")
    assert render("'PyTorch' is deprecated", Status(UNSAFE_FIXABLE)) == \
        "'PyTorch' is deprecated (fixable with --unsafe-fixes)"
    assert render("x", Status(MANUAL, "do this")) == "x (manual: do this)"
    assert render("x", Status()) == "x (manual)"
    with pytest.raises(ValueError):
        Status(FIXABLE, "a fixable finding has no manual reason")


def test_the_json_status_is_the_data_the_message_ends_with(example_findings):
    labels = set()
    for finding in example_findings:
        labels.add(finding["status"])
        ending = f"{finding['status']}: {finding['reason']}" if finding["reason"] else finding["status"]
        assert finding["message"].endswith(f" ({ending})"), finding
        if finding["fix"] is not None:
            label = {"safe": FIXABLE, "unsafe": UNSAFE_FIXABLE, "manual": MANUAL}[finding["fix"]["applicability"]]
            assert label == finding["status"], finding
    assert labels == {FIXABLE, UNSAFE_FIXABLE, MANUAL}


def test_a_blocked_group_member_names_the_member_that_blocks_it_in_a_few_words(tmp_path):
    script = tmp_path / "tune.py"
    script.write_text("from azureml.train.dnn import PyTorch\n"
                      "from azureml.train.hyperdrive import HyperDriveConfig\n"
                      "est = PyTorch(source_directory='src', compute_target='gpu')\n"
                      "config = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling,\n"
                      "                          primary_metric_name='loss', primary_metric_goal=goal,\n"
                      "                          max_total_runs=4)\n")
    done = subprocess.run([*audit_command(), "audit", "--format", "json", "-q", "--isolated", str(script)],
                          capture_output=True, text=True, check=False)
    findings = {finding["code"]: finding for finding in json.loads(done.stdout)["findings"]}
    estimator, tuning = findings["AML101"], findings["AML104"]
    assert estimator["reason"] == "no entry_script: pass the training script as entry_script, then run fix again"
    assert tuning["status"] == "manual" and tuning["reason"] == "est = PyTorch(...) needs manual work first"
    assert tuning["message"] == ("HyperDriveConfig(estimator=...) is deprecated: use run_config=est, its "
                                 "ScriptRunConfig (manual: est = PyTorch(...) needs manual work first)")
    # the whole reason stays in the fix, and in the hint the full format shows
    assert tuning["fix"]["reason"].startswith("it goes together with the rewrite of est = PyTorch(...), which needs "
                                              "a manual rewrite first: no entry_script")
