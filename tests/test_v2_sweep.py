"""HyperDrive rewritten as a v2 sweep job (``azureml_migrate.rewrite.v2_sweep``), proven with both
real SDKs: the v1 HyperDriveConfig built offline by azureml and the rendered sweep built by
azure-ai-ml (``_validate()`` and the REST body) have one canonical form. Each trap the rendering
writes out is shown needed by a mutation that leaves it to v2's default; the submission rewrite
is run for real through ``azureml-migrate fix --target v2``."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

pytest.importorskip("azureml.core")
pytest.importorskip("azureml.train.hyperdrive")

sys.path.insert(0, str(Path(__file__).parent))

from azureml_migrate.builder import build_facts  # noqa: E402
from azureml_migrate.fixes import Applicability  # noqa: E402
from azureml_migrate.rewrite.v2_fix import sweep_fix  # noqa: E402
from job_canonical import diff_jobs, v1_canonical, v2_canonical  # noqa: E402
from sdk_jobs import jobs_of  # noqa: E402
from sdk_submissions import v1_events  # noqa: E402
from sdk_v2_jobs import v2_results  # noqa: E402
from tests.test_fix_cli import run_fix  # noqa: E402
from tests.test_v2_submit import _pyflakes, compare_events  # noqa: E402

IMPORT = ("from azureml.core import ScriptRunConfig\n"
          "from azureml.train.estimator import Estimator\n"
          "from azureml.train.hyperdrive import (BanditPolicy, BayesianParameterSampling, GridParameterSampling,\n"
          "    HyperDriveConfig, MedianStoppingPolicy, NoTerminationPolicy, PrimaryMetricGoal,\n"
          "    RandomParameterSampling,\n"
          "    TruncationSelectionPolicy, choice, loguniform, lognormal, normal, qloguniform, qlognormal, qnormal,\n"
          "    quniform, randint, uniform)\n")
SRC = "src = ScriptRunConfig('src', 'train.py', arguments=['--epochs', 3], compute_target='gpu-cluster')\n"
GOAL = "primary_metric_name='accuracy', primary_metric_goal=PrimaryMetricGoal.MAXIMIZE"

#: (name, v1 program after the imports, whether it rests on an assumption beyond A6/MLflow)
PROVEN = [
    ("random, choice and uniform, bandit with slack_factor", SRC +
     "hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling("
     "{'--lr': choice(0.1, 0.2), '--momentum': uniform(0.5, 0.9)}), policy=BanditPolicy(slack_factor=0.1), "
     f"{GOAL}, max_total_runs=8)\n"),
    ("grid, no policy, every limit given", SRC +
     "hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=GridParameterSampling("
     "{'--batch-size': choice([16, 32, 64]), '--optimizer': choice('adam', 'sgd')}), "
     "primary_metric_name='loss', primary_metric_goal=PrimaryMetricGoal.MINIMIZE, max_total_runs=6, "
     "max_concurrent_runs=2, max_duration_minutes=120)\n"),
    ("bayesian, v1 defaults omitted", SRC +
     "hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=BayesianParameterSampling("
     "{'--lr': uniform(0.01, 0.1), '--layers': quniform(1, 5, 1), '--act': choice('relu', 'tanh')}), "
     f"{GOAL}, max_total_runs=60)\n"),
    ("bandit with slack_amount, its interval and delay", SRC +
     "hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling("
     "{'--lr': loguniform(-6, -1)}), policy=BanditPolicy(slack_amount=0.2, evaluation_interval=2, "
     f"delay_evaluation=5), {GOAL}, max_total_runs=10)\n"),
    ("median stopping with v1 defaults", SRC +
     "hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling("
     "{'--seed': randint(100)}), policy=MedianStoppingPolicy(), "
     f"{GOAL}, max_total_runs=4)\n"),
    ("truncation selection", SRC +
     "hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling("
     "{'--lr': qloguniform(-6, -1, 1)}), policy=TruncationSelectionPolicy(20, delay_evaluation=1), "
     f"{GOAL}, max_total_runs=4)\n"),
    ("every other parameter expression, NoTerminationPolicy", SRC +
     "hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling("
     "{'--a': normal(0, 1), '--b': qnormal(0, 1, 2), '--c': lognormal(0, 1), '--d': qlognormal(0, 1, 1)}), "
     f"policy=NoTerminationPolicy(), {GOAL}, max_total_runs=4)\n"),
    ("trial timeout given", "src = ScriptRunConfig('src', 'train.py', compute_target='gpu-cluster', "
     "max_run_duration_seconds=3600)\n"
     "hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling("
     f"{{'--lr': choice(0.1, 0.2)}}), {GOAL}, max_total_runs=4)\n"),
    ("estimator=, a tuned script parameter removed",
     "est = Estimator(source_directory='src', entry_script='train.py', compute_target='gpu-cluster', "
     "script_params={'--lr': 0.01, '--epochs': 3}, pip_packages=['scikit-learn'])\n"
     "hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=RandomParameterSampling("
     "{'lr': choice(0.1, 0.2)}), policy=BanditPolicy(slack_factor=0.1), "
     f"{GOAL}, max_total_runs=4)\n"),
    ("sampling and policy bound to names read only by HyperDrive", SRC +
     "ps = RandomParameterSampling({'--lr': choice(0.1, 0.2)})  # the space\n"
     "policy = MedianStoppingPolicy(evaluation_interval=2,\n"
     "                              delay_evaluation=3)\n"
     f"hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=ps, policy=policy, {GOAL}, "
     "max_total_runs=4)\n"),
    ("trial written in the call",
     "hd = HyperDriveConfig(run_config=ScriptRunConfig('src', 'train.py', compute_target='gpu-cluster'), "
     "hyperparameter_sampling=RandomParameterSampling({'--lr': choice(0.1, 0.2)}), "
     f"{GOAL}, max_total_runs=4)\n"),
]
#: the cases whose sameness rests on an assumption the canonical form only grants with assumptions
ASSUMING = {"truncation selection"}


def _fix(body: str):
    source = IMPORT + body
    facts = build_facts(ast.parse(source), source)
    (call,) = [call for call in facts.calls if call.canonical == "HyperDriveConfig"]
    return sweep_fix(call, facts)


def _v2_program(fix, *replacements) -> str:
    """The fix's code as a program; each (old, new) replacement made once (a mutation)."""
    code = fix.code
    for old, new in replacements:
        assert code.count(old) == 1, (old, code)
        code = code.replace(old, new)
    return "\n".join(sorted({item.statement() for item in fix.imports})) + "\n" + code + "\n"


@pytest.fixture(scope="module")
def proven(tmp_path_factory):
    """For each proven case: its v1 HyperDrive job, its fix, and the v2 sweep job built from it."""
    fixes = [_fix(body) for _, body in PROVEN]
    assert all(fix.applicability is Applicability.UNSAFE for fix in fixes), [fix.reason for fix in fixes]
    v1 = [jobs_of(IMPORT + body, tmp_path_factory.mktemp("v1"))["hd"] for _, body in PROVEN]
    v2 = v2_results([_v2_program(fix) for fix in fixes], tmp_path_factory.mktemp("v2"))
    return {name: (job, fix, result) for (name, _), job, fix, result in zip(PROVEN, v1, fixes, v2)}


@pytest.mark.parametrize("name", [case[0] for case in PROVEN])
def test_the_sweep_is_the_v1_hyperdrive_run(name, proven):
    v1_job, fix, result = proven[name]
    assert "error" not in result, result.get("error")
    v2_job = v2_canonical(result["jobs"]["hd"])
    assert diff_jobs(v1_canonical(v1_job, assumptions=name in ASSUMING), v2_job) == []
    assert v2_job["sweep"] is not None and v2_job["timeout"] is not None
    assert "appended '<key> <value>'" in fix.reason and "MLflow" in fix.reason
    if name in ASSUMING:
        assert "exclude_finished_jobs" in fix.reason
        assert diff_jobs(v1_canonical(v1_job, assumptions=False), v2_job) != []


#: Each trap the rendering writes out, left to v2 (what, case, (old text, new text)...): the jobs then differ.
TRAPS = [
    ('trial timeout given to command() is dropped by .sweep()', 'trial timeout given',
     (', trial_timeout=3600)', ')'), ('}).sweep(', '}, timeout=3600).sweep(')),
    ('the trial timeout left to v2 (undocumented default)', 'random, choice and uniform, bandit with slack_factor',
     (', trial_timeout=2592000', '')),
    ("the sweep timeout left to v2's 60 days (v1: 7 days)", 'random, choice and uniform, bandit with slack_factor',
     ('timeout=604800, ', '')),
    ("v2 BanditPolicy's evaluation_interval=0 (v1: 1)", 'random, choice and uniform, bandit with slack_factor',
     (', evaluation_interval=1', '')),
    ('slack_amount is not slack_factor', 'bandit with slack_amount, its interval and delay',
     ('slack_amount=0.2', 'slack_factor=0.2')),
    ('the delay written', 'bandit with slack_amount, its interval and delay',
     (', delay_evaluation=5', '')),
    ("v2 TruncationSelectionPolicy's evaluation_interval=0 (v1: 1)", 'truncation selection',
     (', evaluation_interval=1', '')),
    ("max_total_trials left to v2's 1000", 'bayesian, v1 defaults omitted',
     ('max_total_trials=60, ', '')),
    ("max_concurrent_trials left to v2's (the total)", 'grid, no policy, every limit given',
     ('max_concurrent_trials=2, ', '')),
    ('the tuned script parameter HyperDrive removed kept', 'estimator=, a tuned script parameter removed',
     ('train.py --epochs 3', 'train.py --lr 0.01 --epochs 3')),
    ('the goal', 'grid, no policy, every limit given',
     ("goal='minimize'", "goal='maximize'")),
    ('the sampling', 'bayesian, v1 defaults omitted',
     ("sampling_algorithm='bayesian'", "sampling_algorithm='random'")),
]


def test_each_trap_written_is_needed(proven, tmp_path):
    programs = []
    for _, case, *replacements in TRAPS:
        programs.append(_v2_program(proven[case][1], *replacements))
    survivors = []
    for (what, case, *_), result in zip(TRAPS, v2_results(programs, tmp_path)):
        assert "error" not in result, (what, result.get("error"))
        v1_job = proven[case][0]
        if diff_jobs(v1_canonical(v1_job, assumptions=case in ASSUMING), v2_canonical(result["jobs"]["hd"])) == []:
            survivors.append(what)
    assert survivors == [], f"trap mutations caught {len(TRAPS) - len(survivors)}/{len(TRAPS)}"


#: (v1 program after the imports, why it stays manual)
MANUAL = [
    (SRC + f"hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling({{'--lr': "
     f"choice(0.1, 0.2)}}), {GOAL}, max_total_runs=4, resume_from=earlier)\n", "resume_from=: v2 sweeps have no warm"),
    (SRC + f"hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling({{'--lr': "
     f"choice(0.1, 0.2)}}), {GOAL}, max_total_runs=4, resume_child_runs=[child])\n", "cannot resume child runs"),
    (SRC + f"policy = BanditPolicy(slack_factor=0.1)\npolicy.x = 1\nhd = HyperDriveConfig(run_config=src, "
     f"hyperparameter_sampling=RandomParameterSampling({{'--lr': choice(0.1, 0.2)}}), policy=policy, {GOAL}, "
     "max_total_runs=4)\n", "the policy policy is not bound once, by a top-level statement of its own"),
    (SRC + f"ps = RandomParameterSampling({{'--lr': choice(0.1, 0.2)}})\nhd = HyperDriveConfig(run_config=src, "
     f"hyperparameter_sampling=ps, {GOAL}, max_total_runs=4)\nprint(ps)\n", "the sampling ps is not bound once"),
    (SRC + f"if True:\n    ps = RandomParameterSampling({{'--lr': choice(0.1, 0.2)}})\nhd = HyperDriveConfig("
     f"run_config=src, hyperparameter_sampling=ps, {GOAL}, max_total_runs=4)\n", "the sampling ps is not bound once"),
    (SRC + f"hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling(space), {GOAL}, "
     "max_total_runs=4)\n", "the parameter space is not a dict display"),
    (SRC + f"hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling({{'--lr': "
     f"choice(*rates)}}), {GOAL}, max_total_runs=4)\n", "choice(...) is not called with literals"),
    (SRC + f"hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling({{'--lr': "
     f"choice(0.1)}}, properties={{'seed': 1}}), {GOAL}, max_total_runs=4)\n", "seeds and rules"),
    (SRC + f"hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling({{'--name': "
     f"choice('a b', 'c')}}), {GOAL}, max_total_runs=4)\n", "split or expanded by the v2 shell"),
    (SRC + f"hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling({{'--lr': "
     f"choice(0.1, 0.2)}}), {GOAL}, max_total_runs=4, max_duration_minutes=20000)\n", "the v1 service cut it"),
    (SRC + f"hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling({{'--lr': "
     f"choice(0.1, 0.2)}}), {GOAL}, max_total_runs=total)\n", "max_total_runs= is not a literal"),
    (SRC + f"print(src)\nhd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling("
     f"{{'--lr': choice(0.1, 0.2)}}), {GOAL}, max_total_runs=4)\n", "src is used again"),
    ("src = ScriptRunConfig('src', 'train.py', compute_target='c', environment=env)\nhd = HyperDriveConfig("
     f"run_config=src, hyperparameter_sampling=RandomParameterSampling({{'--lr': choice(0.1, 0.2)}}), {GOAL}, "
     "max_total_runs=4)\n", "the trial ScriptRunConfig(...) needs a manual rewrite first: environment="),
    (SRC + f"hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling({{'--lr': "
     f"choice(0.1, 0.2)}}), {GOAL}, max_total_runs=4)\nhd2 = hd\n", "hd is read by more than"),
    (SRC + "hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling({'--lr': "
     "choice(0.1, 0.2)}), primary_metric_name='a', primary_metric_goal=goal, max_total_runs=4)\n",
     "primary_metric_goal= is not PrimaryMetricGoal"),
]


@pytest.mark.parametrize("body, reason", MANUAL, ids=[reason for _, reason in MANUAL])
def test_what_is_not_rendered_says_why(body, reason):
    fix = _fix(body)
    assert fix.applicability is Applicability.MANUAL and reason in fix.reason, fix.reason


SUBMITTED = ("from azureml.core import Experiment, ScriptRunConfig, Workspace\n"
             "from azureml.train.hyperdrive import (BanditPolicy, HyperDriveConfig, PrimaryMetricGoal,\n"
             "                                      RandomParameterSampling, choice, uniform)\n\n"
             "ws = Workspace.from_config()\n"
             "src = ScriptRunConfig(source_directory='src', script='train.py', arguments=['--epochs', 3],\n"
             "                      compute_target='gpu-cluster',  # the trial\n"
             "                      )\n"
             "ps = RandomParameterSampling({'--lr': choice(0.1, 0.2), '--momentum': uniform(0.5, 0.9)})\n"
             "early_termination_policy = BanditPolicy(evaluation_interval=2, slack_factor=0.1)\n"
             "hd = HyperDriveConfig(run_config=src,\n"
             "                      hyperparameter_sampling=ps,\n"
             "                      policy=early_termination_policy,\n"
             "                      primary_metric_name='accuracy', primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,\n"
             "                      max_total_runs=8)\n"
             "run = Experiment(ws, 'sweep').submit(hd)\n"
             "run.wait_for_completion(show_output=True)\n")


#: an estimator swept by HyperDrive: the tuned --lr left the script parameters
SUBMITTED_ESTIMATOR = (
    "from azureml.core import Experiment, Workspace\n"
    "from azureml.train.estimator import Estimator\n"
    "from azureml.train.hyperdrive import GridParameterSampling, HyperDriveConfig, PrimaryMetricGoal, choice\n\n"
    "ws = Workspace.from_config()\n"
    "est = Estimator(source_directory='src', entry_script='train.py', compute_target='cpu-cluster',\n"
    "                script_params={'--lr': 0.01, '--epochs': 3})\n"
    "hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=GridParameterSampling({'--lr': choice(0.1, 0.2)}),\n"
    "                      primary_metric_name='loss', primary_metric_goal=PrimaryMetricGoal.MINIMIZE,\n"
    "                      max_total_runs=2, max_concurrent_runs=1)\n"
    "run = Experiment(ws, 'grid').submit(hd)\n")


@pytest.mark.parametrize("program, holds", [
    (SUBMITTED, ("# the trial\nhd = command(", "run = ml_client.jobs.create_or_update(hd, experiment_name='sweep')\n",
                 "ml_client.jobs.stream(run.name)\n")),
    (SUBMITTED_ESTIMATOR, ("command='python train.py --epochs 3 --lr ${{inputs.lr}}'",
                           "run = ml_client.jobs.create_or_update(hd, experiment_name='grid')\n")),
], ids=["run_config, waited on", "estimator"])
def test_a_submitted_hyperdrive_config_becomes_a_submitted_sweep_job(program, holds, tmp_path):
    (tmp_path / "job.py").write_text(program)
    safe = run_fix("--target", "v2", "job.py", cwd=tmp_path)
    assert (tmp_path / "job.py").read_text() == program, "unsafe: A6, MLflow and the DefaultAzureCredential"
    assert "appended '<key> <value>'" in safe.stdout, safe.stdout
    done = run_fix("--target", "v2", "--unsafe-fixes", "job.py", cwd=tmp_path)
    fixed = (tmp_path / "job.py").read_text()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "azureml" not in "".join(line for line in fixed.splitlines(True) if "import" in line), fixed
    assert all(text in fixed for text in holds) and "HyperDriveConfig" not in fixed, fixed
    assert _pyflakes(fixed, tmp_path) == ""
    again = run_fix("--target", "v2", "--unsafe-fixes", "job.py", cwd=tmp_path)
    assert again.returncode == 0 and (tmp_path / "job.py").read_text() == fixed, again.stdout
    [result] = v2_results([fixed], tmp_path / "v2")
    assert "error" not in result, result.get("error")
    events = v1_events(program, tmp_path / "v1")
    assert [event[0] for event in events][:1] == ["submit"]
    assert len(result["events"]) == len(events) and compare_events(events, result["events"]) == []


def test_a_hyperdrive_config_with_a_manual_reason_leaves_the_program_as_it_was(tmp_path):
    program = SUBMITTED.replace("max_total_runs=8)", "max_total_runs=8, resume_from=None, pipeline=p)")
    (tmp_path / "job.py").write_text(program)
    done = run_fix("--target", "v2", "--unsafe-fixes", "job.py", cwd=tmp_path)
    assert "pipeline=: a pipeline sweep is not rendered for v2" in done.stdout, done.stdout
    fixed = (tmp_path / "job.py").read_text()
    assert "HyperDriveConfig(run_config=src" in fixed and "ScriptRunConfig(source_directory" in fixed, fixed
