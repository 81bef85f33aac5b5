"""Rewrites that need no guesswork: a module constant bound once reads like its literal, and a
class handed to a helper from a method defined after it is known there (a fixed point over
the module's calls). Run through the real core (``check_source``) and real flake8."""

from __future__ import annotations

import subprocess
import sys

import pytest

from azureml_migrate.engine import check_source
from azureml_migrate.facts import Confidence

IMPORT = "from azureml.train.dnn import PyTorch, TensorFlow\n"
CALL = "PyTorch(source_directory='src', entry_script='t.py', compute_target='local', framework_version={})"


def estimator_fix(source):
    [finding] = [f for f in check_source(source) if f.code == "AML101"]
    return finding.fix


def test_a_constant_bound_once_reads_like_its_literal():
    by_name = estimator_fix(IMPORT + "FW = '1.6'\nest = " + CALL.format("FW") + "\n")
    by_literal = estimator_fix(IMPORT + "FW = '1.6'\nest = " + CALL.format("'1.6'") + "\n")
    assert by_name.applies and (by_name.applicability, by_name.code) == (by_literal.applicability, by_literal.code)


@pytest.mark.parametrize("program", [
    # bound again: a function (run later) cannot tell which value it reads
    "FW = '1.6'\ndef make():\n    return " + CALL.format("FW") + "\nFW = '1.5'\n",
    "FW = '1.6'\ndef make():\n    return " + CALL.format("FW") + "\nFW += '.1'\n",
    "FW = '1.6'\ndef make():\n    return " + CALL.format("FW") + "\nfor FW in ['1.5']:\n    pass\n",
    # a function may rebind it
    "FW = '1.6'\ndef bump():\n    global FW\n    FW = '1.5'\nest = " + CALL.format("FW") + "\n",
    # bound under a condition: it may not be bound at all
    "if flag:\n    FW = '1.6'\nest = " + CALL.format("FW") + "\n",
    # bound first to something else
    "FW = version()\nFW = '1.6'\nest = " + CALL.format("FW") + "\n",
])
def test_a_name_that_may_hold_another_value_is_not_a_literal(program):
    fix = estimator_fix(IMPORT + program)
    assert not fix.applies and "framework_version" in fix.reason, fix.reason


def test_a_top_level_call_reads_the_constant_that_reaches_it():
    """In execution order the call runs before the name is bound again."""
    fix = estimator_fix(IMPORT + "FW = '1.6'\nest = " + CALL.format("FW") + "\nFW = '1.5'\n")
    assert fix.applies


AI_UTILITIES = IMPORT + '''

def _create_estimator(estimator_class, folder, target, **kwargs):
    return estimator_class(source_directory=folder, entry_script='train.py', compute_target=target,
                           framework_version='1.6', **kwargs)


def _curried(estimator_class):
    def make(folder, target):
        return _create_estimator(estimator_class, folder, target)
    return make


class PyTorchExperiment:
    def submit(self, folder):
        return _create_estimator(PyTorch, folder, 'gpu')


class CurriedExperiment:
    def submit(self, folder):
        return _curried(PyTorch)(folder, 'gpu')
'''


def test_a_class_passed_from_a_method_defined_later_is_resolved_with_high_confidence():
    findings = [f for f in check_source(AI_UTILITIES) if f.code == "AML101"]
    assert [(f.span.line, f.confidence) for f in findings] == [(5, Confidence.HIGH)]
    assert "'PyTorch' is deprecated" in findings[0].message


def test_two_methods_passing_different_classes_leave_the_parameter_unknown():
    source = AI_UTILITIES + '''

class TensorFlowExperiment:
    def submit(self, folder):
        return _create_estimator(TensorFlow, folder, 'gpu')
'''
    assert [f for f in check_source(source) if f.code == "AML101"] == []


def test_flake8_reports_it(tmp_path):
    (tmp_path / "experiment.py").write_text(AI_UTILITIES, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "flake8", "--select", "AML101", "experiment.py"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.stdout.startswith("experiment.py:5:12: AML101 'PyTorch' is deprecated"), result


def test_a_curried_helper_alone_is_resolved_too():
    source = AI_UTILITIES.replace("class PyTorchExperiment:\n    def submit(self, folder):\n"
                                  "        return _create_estimator(PyTorch, folder, 'gpu')\n", "")
    assert "PyTorchExperiment" not in source
    findings = [f for f in check_source(source) if f.code == "AML101"]
    assert [(f.span.line, f.confidence) for f in findings] == [(5, Confidence.HIGH)]
