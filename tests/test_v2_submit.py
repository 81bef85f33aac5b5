"""``Experiment(ws, name).submit(job)`` rewritten with its job by ``azureml-migrate fix --target v2``
(the console script, for real), and proven with both real SDKs.

The original program runs with azureml-core offline (``sdk_submissions.v1_events``: its
``Workspace.from_config()`` and ``Experiment`` stand for the offline workspace and a recording
experiment); the fixed program runs with azure-ai-ml in its own environment, where
``MLClient.from_config(credential=...)`` gives a client that records. Both give their events in
order: each submission compares as the whole job in the canonical form plus its experiment
name, and each ``wait_for_completion(show_output=True)`` as a stream of the job just submitted.
The fixed program must import nothing from azureml (the v2 environment has no azureml-core)
and pyflakes must find no undefined name and no unused import in it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("azureml.core")

sys.path.insert(0, str(Path(__file__).parent))

from job_canonical import diff_jobs, v1_canonical, v2_canonical  # noqa: E402
from sdk_submissions import v1_events  # noqa: E402
from sdk_v2_jobs import v2_results  # noqa: E402
from tests.test_fix_cli import run_fix  # noqa: E402

CLIENT = "ml_client = MLClient.from_config(credential=DefaultAzureCredential())\n"

#: (name, v1 program, text the fixed program must hold)
PROVEN = [
    ("estimator, submitted and waited on (the bundled notebook)",
     "from azureml.core import Workspace, Experiment\n"
     "from azureml.train.estimator import Estimator\n\n"
     "ws = Workspace.from_config()\n"
     "est = Estimator(source_directory='src', entry_script='train.py',\n"
     "                compute_target='cpu-cluster', pip_packages=['matplotlib'])\n"
     "run = Experiment(ws, 'explore').submit(est)\n"
     "run.wait_for_completion(show_output=True)\n",
     CLIENT + "est = command("),
    ("ScriptRunConfig through an experiment name, arguments quoted",
     '"""Train."""\nfrom azureml.core import Experiment, ScriptRunConfig, Workspace\n'
     "ws = Workspace.from_config()\n"
     "exp = Experiment(workspace=ws, name='quoted')\n"
     "src = ScriptRunConfig('src', 'train.py', arguments=['--name', 'run one', '--epochs', 3],\n"
     "                      compute_target='gpu-cluster')\n"
     "exp.submit(src)\n",
     "ml_client.jobs.create_or_update(src, experiment_name='quoted')\n"),
    ("two jobs, one client",
     "from azureml.core import Experiment, ScriptRunConfig, Workspace\n"
     "from azureml.train.estimator import Estimator\n"
     "ws = Workspace.from_config()\n"
     "first = ScriptRunConfig('src', 'train.py', compute_target='cpu-cluster')\n"
     "Experiment(ws, 'a').submit(first)\n"
     "second = Estimator('src', entry_script='train.py', compute_target='gpu-cluster',\n"
     "                   script_params={'--lr': 0.1})\n"
     "run = Experiment(ws, 'b').submit(second)\n"
     "run.wait_for_completion(show_output=True)\n",
     "ml_client.jobs.stream(run.name)\n"),
]

#: (program, why it stays) under --unsafe-fixes
MANUAL = [
    ("from azureml.core import Experiment, ScriptRunConfig, Workspace\nws = Workspace.from_config()\n"
     "src = ScriptRunConfig('src', 'train.py', compute_target='c')\nrun = Experiment(ws, 'x').submit(src)\n"
     "print(run.get_metrics())\n", "run.get_metrics() reads the v1 Run that submit returned"),
    ("from azureml.core import Experiment, ScriptRunConfig, Workspace\nws = Workspace.from_config()\n"
     "src = ScriptRunConfig('src', 'train.py', compute_target='c')\nExperiment(ws, 'x').submit(src, tags={'a': 'b'})\n",
     "submit(tags=...): only the job is rewritten"),
    ("from azureml.core import Experiment, ScriptRunConfig, Workspace\nws = Workspace.get('w', subscription_id='s')\n"
     "src = ScriptRunConfig('src', 'train.py', compute_target='c')\nExperiment(ws, 'x').submit(src)\n",
     "is not bound once by Workspace.from_config()"),
    ("from azureml.core import Experiment, ScriptRunConfig, Workspace\nws = Workspace.from_config()\n"
     "src = ScriptRunConfig('src', 'train.py', compute_target='c')\nrun = Experiment(ws, 'x').submit(src)\n"
     "run.wait_for_completion()\n", "run.wait_for_completion() reads the v1 Run"),
]


def _pyflakes(text: str, folder: Path) -> str:
    path = folder / "fixed_for_pyflakes.py"
    path.write_text(text)
    done = subprocess.run([sys.executable, "-m", "pyflakes", str(path)], capture_output=True, text=True)
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def proven(tmp_path_factory):
    outcomes = []
    for _, program, _ in PROVEN:
        folder = tmp_path_factory.mktemp("fix")
        (folder / "job.py").write_text(program)
        safe = run_fix("--target", "v2", "job.py", cwd=folder)
        after_safe = (folder / "job.py").read_text()
        unsafe = run_fix("--target", "v2", "--unsafe-fixes", "job.py", cwd=folder)
        fixed = (folder / "job.py").read_text()
        again = run_fix("--target", "v2", "--unsafe-fixes", "job.py", cwd=folder)
        outcomes.append(dict(safe=safe, after_safe=after_safe, unsafe=unsafe, fixed=fixed, again=again,
                             second=(folder / "job.py").read_text(), pyflakes=_pyflakes(fixed, folder),
                             v1=v1_events(program, tmp_path_factory.mktemp("v1"))))
    results = v2_results([outcome["fixed"] for outcome in outcomes], tmp_path_factory.mktemp("v2"))
    for outcome, result in zip(outcomes, results):
        outcome["v2"] = result
    return outcomes


def compare_events(v1: list, v2: list) -> list:
    """Differences between the v1 and v2 event sequences (empty: the same submissions and waits)."""
    problems = []
    if [event[0] for event in v1] != [{"stream": "wait"}.get(event[0], event[0]) for event in v2]:
        return [f"events differ: {[e[0] for e in v1]} vs {[e[0] for e in v2]}"]
    submitted = 0
    for old, new in zip(v1, v2):
        if old[0] == "submit":
            submitted += 1
            if old[1] != new[1]:
                problems.append(f"submission {submitted}: experiment {old[1]!r} became {new[1]!r}")
            problems += [f"submission {submitted}: {line}" for line in
                         diff_jobs(v1_canonical(old[2], assumptions=False), v2_canonical(new[2]))]
        elif old[1] is not True or new[1] != f"submitted-{submitted}":
            problems.append(f"wait {old[1:]} became stream of {new[1]!r} after submission {submitted}")
    return problems


@pytest.mark.parametrize("index", range(len(PROVEN)), ids=[case[0] for case in PROVEN])
def test_the_job_and_its_submission_are_the_same_with_azure_ai_ml(index, proven):
    name, program, holds = PROVEN[index]
    outcome = proven[index]
    assert outcome["after_safe"] == program, "unsafe: the client signs in with DefaultAzureCredential"
    assert "DefaultAzureCredential" in outcome["safe"].stdout, outcome["safe"].stdout
    fixed = outcome["fixed"]
    assert outcome["unsafe"].returncode == 0, outcome["unsafe"].stdout + outcome["unsafe"].stderr
    assert holds in fixed and fixed.count("MLClient.from_config(") == 1, fixed
    assert "azureml" not in "".join(line for line in fixed.splitlines(True) if "import" in line), fixed
    assert outcome["pyflakes"] == "", outcome["pyflakes"]
    assert "error" not in outcome["v2"], outcome["v2"].get("error")
    assert len(outcome["v1"]) == len(outcome["v2"]["events"]) > 0
    assert compare_events(outcome["v1"], outcome["v2"]["events"]) == []
    assert outcome["again"].returncode == 0 and outcome["second"] == fixed, outcome["again"].stdout


def test_the_comparison_fails_on_a_changed_experiment_name_or_a_lost_wait(proven):
    v1, v2 = proven[0]["v1"], proven[0]["v2"]["events"]
    renamed = [(event[0], "other", *event[2:]) if event[0] == "submit" else event for event in v2]
    assert compare_events(v1, renamed) != []
    assert compare_events(v1, [event for event in v2 if event[0] != "stream"]) != []
    assert compare_events(v1, [event if event[0] != "stream" else ("stream", "submitted-9") for event in v2]) != []


@pytest.mark.parametrize("program, reason", MANUAL)
def test_a_submission_without_an_exact_v2_form_stays_and_says_why(program, reason, tmp_path):
    (tmp_path / "job.py").write_text(program)
    done = run_fix("--target", "v2", "--unsafe-fixes", "job.py", cwd=tmp_path)
    assert (tmp_path / "job.py").read_text() == program
    assert done.returncode == 1 and reason in done.stdout and "AML504" in done.stdout, done.stdout


def test_a_workspace_read_elsewhere_stays_and_the_client_follows_it(tmp_path):
    program = ("from azureml.core import Experiment, ScriptRunConfig, Workspace\nws = Workspace.from_config()\n"
               "print(ws.name)\nsrc = ScriptRunConfig('src', 'train.py', compute_target='c')\n"
               "Experiment(ws, 'x').submit(src)\n")
    (tmp_path / "job.py").write_text(program)
    done = run_fix("--target", "v2", "--unsafe-fixes", "job.py", cwd=tmp_path)
    fixed = (tmp_path / "job.py").read_text()
    assert "ws = Workspace.from_config()\n" + CLIENT + "print(ws.name)\n" in fixed, fixed
    assert "from azureml.core import Workspace\n" in fixed and "Experiment" not in fixed, fixed
    # ws is still read beside the v2 client: its import stays flagged, manual, saying what to use
    assert done.returncode == 1, done.stdout
    assert "Workspace (from azureml.core)" in done.stdout and "(manual: still read here: get compute and " \
        "datastores from ml_client" in done.stdout, done.stdout
    assert "5 fixed, 1 needs manual work" in done.stdout, done.stdout
    assert _pyflakes(fixed, tmp_path) == ""


def _notebook(cells) -> str:
    return json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                                  "source": source} for source in cells],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 4}, indent=1) + "\n"


def _code(notebook: str) -> str:
    return "\n".join("".join(cell["source"]) + "\n" for cell in json.loads(notebook)["cells"])


def test_a_notebook_connecting_submitting_and_waiting_in_different_cells_is_proven(tmp_path):
    cells = ["from azureml.core import Workspace, Experiment\n\n"
             "ws = Workspace.from_config()\nexp = Experiment(ws, 'nb')",
             "from azureml.train.estimator import Estimator\n\n"
             "est = Estimator(source_directory='src', entry_script='train.py', compute_target='cpu-cluster')\n"
             "run = exp.submit(est)",
             "run.wait_for_completion(show_output=True)"]
    original = _notebook(cells)
    (tmp_path / "nb.ipynb").write_text(original)
    done = run_fix("--target", "v2", "--unsafe-fixes", "nb.ipynb", cwd=tmp_path)
    fixed = (tmp_path / "nb.ipynb").read_text()
    assert done.returncode == 0, done.stdout
    code = _code(fixed)
    assert "azureml" not in "".join(line for line in code.splitlines(True) if "import" in line), code
    assert "".join(json.loads(fixed)["cells"][0]["source"]).endswith(CLIENT.strip()), fixed
    assert _pyflakes(code, tmp_path) == ""
    [result] = v2_results([code], tmp_path / "v2")
    assert "error" not in result, result.get("error")
    assert compare_events(v1_events(_code(original), tmp_path / "v1"), result["events"]) == []
