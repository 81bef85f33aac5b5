"""``azureml-migrate fix --target v2`` on a ScriptRunConfig, run for real (the console script),
and the job it writes proven with both real SDKs: the v1 job of the original program and the v2
job of the fixed program have one canonical form.

The v2 side runs in azure-ai-ml's own environment, which has no azureml-core: the fixed
program's v1 import line is replaced there by a stand-in for each v1 name it binds, after the
test has checked that the fix left no read of ``ScriptRunConfig`` (a stand-in ``Environment``
that builds no v2 environment proves the job does not read the v1 name).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("azureml.core")

sys.path.insert(0, str(Path(__file__).parent))

from job_canonical import diff_jobs, v1_canonical, v2_canonical  # noqa: E402
from sdk_jobs import jobs_of  # noqa: E402
from sdk_v2_jobs import v2_results  # noqa: E402
from tests.test_fix_cli import run_fix  # noqa: E402

#: (name, program, applied without --unsafe-fixes, text the fixed program must hold)
PROVEN = [
    ("literal arguments",
     "from azureml.core import ScriptRunConfig\n"
     "src = ScriptRunConfig('src', 'train.py', arguments=['--epochs', 3, '--lr', 0.01],\n"
     "                      compute_target='gpu-cluster')\n",
     True, "from azure.ai.ml.entities import Environment\n"),
    ("quoted for the v2 shell",
     "from azureml.core import ScriptRunConfig\n"
     "src = ScriptRunConfig('src', script='train.py', arguments=['--name', 'run one', '--files', '*.csv'],\n"
     "                      compute_target='cpu-cluster', max_run_duration_seconds=3600)\n",
     False, "'run one' --files '*.csv'"),
    ("v1 Environment bound in the module",
     "from azureml.core import Environment, ScriptRunConfig\n"
     "env = Environment('unused')\n"
     "src = ScriptRunConfig(source_directory='src', script='train.py', compute_target='gpu-cluster')\n",
     True, "from azure.ai.ml.entities import Environment as V2Environment\n"),
]
#: a stand-in for the v1 import the fix leaves (a name still read), in the environment without
#: azureml-core; the unread ScriptRunConfig import is deleted by the fix
_STAND_INS = {"from azureml.core import Environment\n": "Environment = str\n"}

MANUAL = [
    ("from azureml.core import Experiment, ScriptRunConfig\n"
     "src = ScriptRunConfig('src', 'train.py', compute_target='gpu-cluster')\n"
     "Experiment(ws, 'x').submit(src)\n", "workspace ws is not bound once by Workspace.from_config()"),
    ("from azureml.core import Experiment, ScriptRunConfig\n"
     "Experiment(ws, 'x').submit(ScriptRunConfig('src', 'train.py', compute_target='gpu-cluster'))\n",
     "not bound by a statement of its own"),
    ("from azureml.core import ScriptRunConfig\nsrc = ScriptRunConfig('src', 'train.py')\n",
     "v2 local jobs always run in Docker"),
    ("from azureml.core import ScriptRunConfig\nsrc = ScriptRunConfig('src', 'train.py', compute_target='c', "
     "environment=env)\n", "environment="),
]


def _v2_program(fixed: str) -> str:
    assert "ScriptRunConfig" not in fixed, fixed
    first, rest = fixed.split("\n", 1)
    if first + "\n" in _STAND_INS:
        return _STAND_INS[first + "\n"] + rest
    assert "from azureml" not in fixed and "import azureml" not in fixed, fixed
    return fixed


@pytest.fixture(scope="module")
def fixed(tmp_path_factory):
    """Per proven case: the v1 job, the fix run without and with --unsafe-fixes, the v2 result."""
    outcomes = []
    for name, program, _, _ in PROVEN:
        folder = tmp_path_factory.mktemp("fix")
        (folder / "job.py").write_text(program)
        safe_only = run_fix("--target", "v2", "job.py", cwd=folder)
        after_safe = (folder / "job.py").read_text()
        unsafe = run_fix("--target", "v2", "--unsafe-fixes", "job.py", cwd=folder)
        outcomes.append((jobs_of(program, tmp_path_factory.mktemp("v1"))["src"], safe_only, after_safe, unsafe,
                         (folder / "job.py").read_text()))
    results = v2_results([_v2_program(outcome[-1]) for outcome in outcomes], tmp_path_factory.mktemp("v2"))
    return [outcome + (result,) for outcome, result in zip(outcomes, results)]


@pytest.mark.parametrize("index", range(len(PROVEN)), ids=[case[0] for case in PROVEN])
def test_the_fixed_program_builds_the_v1_job_with_azure_ai_ml(index, fixed):
    name, program, safe, holds = PROVEN[index]
    v1_job, safe_only, after_safe, unsafe, text, result = fixed[index]
    # only the v1 Environment import is left (AML502, manual), where the program binds one
    assert "AML501" not in unsafe.stdout and unsafe.returncode == (1 if "V2Environment" in holds else 0), \
        unsafe.stdout + unsafe.stderr
    assert "ScriptRunConfig(" not in text and holds in text, text
    assert (after_safe != program) is safe, safe_only.stdout
    if not safe:
        assert "AML501 unsafe fix not applied" in safe_only.stdout and "v2 runs its command through a shell" in \
            safe_only.stdout
    assert "error" not in result, result.get("error")
    assert diff_jobs(v1_canonical(v1_job, assumptions=False), v2_canonical(result["jobs"]["src"])) == []


def test_a_second_run_changes_nothing(fixed, tmp_path):
    text = fixed[0][4]
    (tmp_path / "job.py").write_text(text)
    again = run_fix("--target", "v2", "--unsafe-fixes", "job.py", cwd=tmp_path)
    assert again.returncode == 0 and (tmp_path / "job.py").read_text() == text, again.stdout


@pytest.mark.parametrize("program, reason", MANUAL)
def test_what_is_not_rewritten_stays_and_says_why(program, reason, tmp_path):
    (tmp_path / "job.py").write_text(program)
    done = run_fix("--target", "v2", "--unsafe-fixes", "job.py", cwd=tmp_path)
    assert (tmp_path / "job.py").read_text() == program
    assert done.returncode == 1 and reason in done.stdout and "AML501" in done.stdout, done.stdout


def test_the_scriptrunconfig_target_offers_no_v2_rewrite(tmp_path):
    program = PROVEN[0][1]
    (tmp_path / "job.py").write_text(program)
    done = run_fix("--select", "AML501", "--unsafe-fixes", "job.py", cwd=tmp_path)
    assert (tmp_path / "job.py").read_text() == program
    assert "AML501" in done.stdout, done.stdout
