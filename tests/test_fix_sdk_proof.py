"""Every rewrite ``azureml-migrate fix --unsafe-fixes`` makes of the estimator calls in
tests/fix_proof/ is proven with the real SDK: the original and the rewritten module are run
offline, and the whole jobs they would submit are compared (tests/sdk_jobs.py, whose
TOLERANCES is the one list of differences forgiven). A fix labelled safe must hold without
the harness's assumptions."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("azureml.core")
pytest.importorskip("azureml.train.estimator")

from azureml_migrate.fixer import fix_text  # noqa: E402
sys.path.insert(0, str(Path(__file__).parent))
from fix_proving import estimator_findings, prove, read_cases  # noqa: E402
from sdk_jobs import canonical, diff_jobs, jobs_of  # noqa: E402

CASES = read_cases(Path(__file__).parent / "fix_proof" / "estimators.py")


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_rewrite_submits_the_same_job(name, tmp_path):
    before = CASES[name]
    assert fix_text(before, "python", unsafe=True).text != before, f"{name}: nothing was rewritten"
    left = prove(name, before, tmp_path)
    assert not left, f"{name}: estimator findings remain: {[f.fix.reason for f in left]}"


def _notebook(cells):
    return json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                                  "source": source.splitlines(keepends=True)} for source in cells],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def _program(notebook_text):
    return "".join("".join(cell["source"]) + "\n" for cell in json.loads(notebook_text)["cells"])


def test_a_notebook_rewrite_submits_the_same_job(tmp_path):
    cells = ["import os\n",
             "from azureml.train.dnn import PyTorch\n",
             "est = PyTorch(source_directory='src', entry_script='train.py', compute_target='local',\n"
             "              framework_version='1.6', pip_packages=['tqdm'])\n"
             "run = exp.submit(est)\n"]
    before = _notebook(cells)
    after = fix_text(before, "notebook", unsafe=True).text
    assert after != before and not estimator_findings(_program(after))
    assert [cell["outputs"] for cell in json.loads(after)["cells"]] == [[], [], []]
    jobs_before = jobs_of(_program(before), tmp_path / "before")
    jobs_after = jobs_of(_program(after), tmp_path / "after")
    assert set(jobs_before) == set(jobs_after) == {"est", "submit:1"}
    for key in jobs_before:
        assert not diff_jobs(canonical(jobs_before[key], assumptions=False),
                             canonical(jobs_after[key], assumptions=False), key)
    assert fix_text(after, "notebook", unsafe=True).text == after


def test_a_notebook_that_binds_script_params_in_each_cell_submits_the_same_jobs(tmp_path):
    """The public notebooks' shape: ``script_params`` bound again in each cell before its
    estimator, a markdown-free run of cells; every call is rewritten and proven."""
    cells = ["from azureml.core import Datastore\nfrom azureml.train.dnn import PyTorch, TensorFlow\n"
             "store = Datastore.get(ws, 'mydatastore')\n",
             "script_params = {'--data-folder': store.as_mount(), '--epochs': 5}\n"
             "est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster,\n"
             "              framework_version='1.6', script_params=script_params)\n"
             "run = exp.submit(est)\n",
             "script_params = {'--data-folder': store.path('mnist').as_download(), '--batch-size': 64}\n"
             "tf_est = TensorFlow(source_directory='src', entry_script='train.py', compute_target=cluster,\n"
             "                    framework_version='2.0', script_params=script_params)\n"
             "tf_run = exp.submit(tf_est)\n",
             "script_params = {'--epochs': 1}\n"]
    before = _notebook(cells)
    after = fix_text(before, "notebook", unsafe=True).text
    assert after != before and not estimator_findings(_program(after)), estimator_findings(_program(after))
    jobs_before = jobs_of(_program(before), tmp_path / "before")
    jobs_after = jobs_of(_program(after), tmp_path / "after")
    assert {"est", "tf_est", "submit:1", "submit:2"} <= set(jobs_before) == set(jobs_after)
    for key in jobs_before:
        assert not diff_jobs(canonical(jobs_before[key]), canonical(jobs_after[key]), key)
    assert fix_text(after, "notebook", unsafe=True).text == after
