"""Every rewrite ``azureml-migrate fix --unsafe-fixes`` makes of the estimator calls in
tests/fix_proof/ is proven with the real SDK: the original and the rewritten module are run
offline, and the whole jobs they would submit are compared (tests/sdk_jobs.py, whose
TOLERANCES is the one list of differences forgiven). A fix labelled safe must hold without
the harness's assumptions."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("azureml.core")
pytest.importorskip("azureml.train.estimator")

from azureml_migrate.engine import check_source  # noqa: E402
from azureml_migrate.fixer import fix_text  # noqa: E402
from azureml_migrate.fixes import Applicability  # noqa: E402
sys.path.insert(0, str(Path(__file__).parent))
from sdk_jobs import canonical, diff_jobs, jobs_of  # noqa: E402

CASES_FILE = Path(__file__).parent / "fix_proof" / "estimators.py"
ESTIMATOR_CODES = ("AML101", "AML102", "AML104", "AML3")


def _cases():
    cases, name, lines = {}, None, []
    for line in CASES_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("# case: "):
            if name:
                cases[name] = "\n".join(lines) + "\n"
            name, lines = line[len("# case: "):], []
        elif name:
            lines.append(line)
    cases[name] = "\n".join(lines) + "\n"
    return cases


CASES = _cases()


def _estimator_findings(source):
    return [f for f in check_source(source) if f.code.startswith(("AML101", "AML103", "AML104", "AML3"))]


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_rewrite_submits_the_same_job(name, tmp_path):
    before = CASES[name]
    result = fix_text(before, "python", unsafe=True)
    after = result.text
    assert after != before, f"{name}: nothing was rewritten"
    assert not _estimator_findings(after), f"{name}: estimator findings remain:\n{after}"
    applicabilities = {f.fix.applicability for f in check_source(before) if f.fix is not None and f.fix.applies}
    safe = applicabilities == {Applicability.SAFE}
    jobs_before, jobs_after = jobs_of(before, tmp_path / "before"), jobs_of(after, tmp_path / "after")
    # a call that was not assigned gets a new variable: only the original's jobs are compared
    assert set(jobs_before) <= set(jobs_after), (sorted(jobs_before), sorted(jobs_after))
    # an estimator handed to EstimatorStep cannot be submitted any more (the step blanked its
    # target): it is no job, only the step that took it is
    compared = sorted(key for key, job in jobs_before.items() if "submit_error" not in job)
    # "# compare: hd" names the jobs a case is about (an estimator only HyperDrive reads is no
    # job of its own: HyperDrive submits it with its tuned arguments removed)
    chosen = [line[len("# compare:"):].split() for line in before.splitlines() if line.startswith("# compare:")]
    if chosen:
        compared = [key for key in compared if key in chosen[0]]
    differences = [line for key in compared for line in diff_jobs(
        canonical(jobs_before[key], assumptions=not safe), canonical(jobs_after[key], assumptions=not safe), key)]
    assert not differences, f"{name} ({'safe' if safe else 'unsafe'}):\n" + "\n".join(differences)
    codes_before = Counter(f.code for f in check_source(before))
    codes_after = Counter(f.code for f in check_source(after))
    assert not codes_after - codes_before, f"{name}: the rewrite introduced {codes_after - codes_before}"
    second = fix_text(after, "python", unsafe=True)
    assert second.text == after, f"{name}: a second run changed the file"


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
    assert after != before and not _estimator_findings(_program(after))
    assert [cell["outputs"] for cell in json.loads(after)["cells"]] == [[], [], []]
    jobs_before = jobs_of(_program(before), tmp_path / "before")
    jobs_after = jobs_of(_program(after), tmp_path / "after")
    assert set(jobs_before) == set(jobs_after) == {"est", "submit:1"}
    for key in jobs_before:
        assert not diff_jobs(canonical(jobs_before[key], assumptions=False),
                             canonical(jobs_after[key], assumptions=False), key)
    assert fix_text(after, "notebook", unsafe=True).text == after
