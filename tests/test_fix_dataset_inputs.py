"""Estimator calls with v1 Dataset inputs (``inputs=[ds.as_named_input('x')]``, a dataset input
in ``script_params``) are rewritten to the ScriptRunConfig that submits the same whole job,
proven with the real SDK offline: the datasets are real ``FileDataset``/``TabularDataset``
objects (``sdk_offline.dataset_service``), and every case checks that its inputs reached the job's
data section, so a proof never passes with nothing to compare. The label (safe, unsafe, manual
with its reason) is the one each case states (tests/fix_proof/datasets.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("azureml.core")
pytest.importorskip("azureml.train.estimator")

sys.path.insert(0, str(Path(__file__).parent))
from fix_proving import estimator_findings, prove, read_cases  # noqa: E402
from sdk_jobs import canonical, jobs_of  # noqa: E402
from sdk_offline import dataset_service, no_network, quiet, workspace_objects  # noqa: E402

from azureml_migrate.engine import check_source  # noqa: E402
from azureml_migrate.fixer import fix_text  # noqa: E402
from azureml_migrate.fixes import Applicability  # noqa: E402

CASES = read_cases(Path(__file__).parent / "fix_proof" / "datasets.py")


def _expected(case: str):
    label, data = case.splitlines()[:2]
    assert label.startswith("# ") and (data.startswith("# data: ") or label.startswith("# manual: ")), case
    return label[2:], data[len("# data: "):].split() if data.startswith("# data: ") else []


def _labels(source: str):
    return {f.fix.applicability for f in estimator_findings(source) if f.fix is not None}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_dataset_input_is_rewritten_to_the_same_job_with_its_stated_label(name, tmp_path):
    case = CASES[name]
    label, data = _expected(case)
    if label.startswith("manual: "):
        reasons = [f.fix.reason for f in estimator_findings(case) if f.fix is not None and f.fix.reason]
        assert reasons and all(reason.startswith(label[len("manual: "):]) for reason in reasons), reasons
        assert fix_text(case, "python", unsafe=True).text == case
        return
    assert _labels(case) == {Applicability(label)}
    assert (fix_text(case, "python", unsafe=False).text != case) == (label == "safe")
    assert prove(name, case, tmp_path / "proof") == []
    job = canonical(jobs_of(case, tmp_path / "jobs")["est"])
    assert sorted(job["run_config"]["data"]) == sorted(data), "the dataset inputs did not reach the job"
    for entry in job["run_config"]["data"].values():
        assert entry["dataLocation"]["dataset"]["id"], "a dataset input the job cannot resolve proves nothing"


def test_a_dataset_rewrite_passes_the_consumption_config_where_the_estimator_had_it():
    after = fix_text(CASES["script_params_and_inputs_together"], "python", unsafe=False).text
    assert "arguments=['--data', mnist.as_named_input('mnist').as_mount()]" in after
    assert "est.run_config.data[est_labels_input.name] = est_labels_input" in after
    assert not [f for f in check_source(after) if f.code.startswith("AML3")]


def test_reading_a_dataset_still_needs_the_network_and_is_refused():
    """Only the service's answers about datasets are stood in for: reading the data itself
    (listing a FileDataset's files) still reaches for the storage account, and is refused."""
    from azureml.core import Dataset

    with quiet(), no_network() as attempts:
        env = workspace_objects()
        with dataset_service(env["ws"], env["default_ds"]):
            files = Dataset.File.from_files(path=(env["ds"], "mnist/"))
            with pytest.raises(Exception):  # the SDK wraps the refusal in its own error types
                files.to_path()
    assert attempts, "listing a dataset's files did not try the network: the harness would not notice"
