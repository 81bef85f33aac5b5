"""AML505 `azureml-v2-hyperdrive`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator, NamedTuple

from ..facts import CallFact, ImportFact
from . import v2_family
from .base import Cases, Context, Finding, FixAvailability, Rule


class Message(NamedTuple):
    what: str
    replacement: str


_SAMPLINGS = {"RandomParameterSampling": "random", "GridParameterSampling": "grid",
              "BayesianParameterSampling": "bayesian"}
#: v1 early-termination policies, by the modules they are imported from (checked against the SDK).
POLICIES = {
    "BanditPolicy": ("azureml.train.hyperdrive", "azureml.train.hyperdrive.policy"),
    "MedianStoppingPolicy": ("azureml.train.hyperdrive", "azureml.train.hyperdrive.policy"),
    "TruncationSelectionPolicy": ("azureml.train.hyperdrive", "azureml.train.hyperdrive.policy"),
}

RULE = Rule(
    code="AML505", number="20", symbol="azureml-v2-hyperdrive", name="v2-hyperdrive",
    summary="HyperDriveConfig, its samplings and policies, when migrating to SDK v2 (sweep jobs)",
    message=v2_family.MESSAGE,
    fields=Message,
    concerns=v2_family.CONCERNS,
    default_enabled=False,
    target=v2_family.TARGET,
    fix=FixAvailability.NEVER,
    what="""
        Flags `HyperDriveConfig(...)` and `RandomParameterSampling(...)`,
        `GridParameterSampling(...)`, `BayesianParameterSampling(...)` calls, and the import of
        `BanditPolicy`, `MedianStoppingPolicy` and `TruncationSelectionPolicy` from
        `azureml.train.hyperdrive`. Part of the v2 family: on with `target = "v2"` or when
        selected.
    """,
    why="""
        SDK v2 sweeps a command job: `command(..., inputs={'lr': Choice([...])}).sweep(...)`,
        the parameters named in the command as `${{inputs.lr}}`. Its defaults differ: a
        sweep's timeout defaults to 60 days (v1: 7 days), `BanditPolicy()` sends
        `evaluation_interval=0` (v1: 1), and a `timeout=` given to `command()` is dropped by
        `.sweep()` (use `trial_timeout`). Write every limit and policy field out.
    """,
    example="""
        hd = HyperDriveConfig(run_config=src,
                              hyperparameter_sampling=RandomParameterSampling({'--lr': choice(0.1, 0.2)}),
                              policy=BanditPolicy(slack_factor=0.1),
                              primary_metric_name='accuracy', primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                              max_total_runs=8)
    """,
    instead="""
        sweep = command(code='src', command='python train.py --lr ${{inputs.lr}}', environment=env,
                        compute='gpu-cluster', inputs={'lr': Choice([0.1, 0.2])}).sweep(
            primary_metric='accuracy', goal='maximize', sampling_algorithm='random',
            early_termination_policy=BanditPolicy(slack_factor=0.1, evaluation_interval=1, delay_evaluation=0))
        sweep.set_limits(max_total_trials=8, max_concurrent_trials=8, timeout=604800, trial_timeout=2592000)
    """,
    fix_safety="""
        No rewrite is offered yet: a sweep is rewritten only where the v2 harness proves its
        search space, objective, sampling, policy and limits the same as the v1 HyperDrive run.
    """,
    cases=Cases(
        invalid=(
            "from azureml.train.hyperdrive import HyperDriveConfig\nhd = HyperDriveConfig(run_config=src)\n",
            "from azureml.train.hyperdrive import BanditPolicy\n",
        ),
        valid=(
            "from azure.ai.ml.sweep import BanditPolicy\npolicy = BanditPolicy(slack_factor=0.1)\n",
        ),
    ),
)


@RULE.on_calls("HyperDriveConfig", *_SAMPLINGS)
def check_call(call: CallFact, context: Context) -> Iterator[Finding]:
    if not v2_family.reports(context):
        return
    if call.canonical == "HyperDriveConfig":
        replacement = ("sweep a command job: command(..., inputs={<name>: Choice(...)}).sweep(primary_metric=..., "
                       "goal=..., sampling_algorithm=..., early_termination_policy=...) and write "
                       "set_limits(max_total_trials=, max_concurrent_trials=, timeout=, trial_timeout=)")
    else:
        replacement = (f"use sweep(sampling_algorithm='{_SAMPLINGS[call.canonical]}') with the space as command "
                       "inputs (Choice, Uniform, LogUniform...), named as identifiers")
    yield RULE.finding(call.span, Message(what=f"{call.canonical}(...)", replacement=replacement),
                       confidence=call.confidence,
                       manual="no v2 sweep is written for it: nothing proves its space, objective and limits the same")


@RULE.on_imports
def check_import(fact: ImportFact, context: Context) -> Iterator[Finding]:
    if not v2_family.reports(context):
        return
    name = v2_family.imported(fact, POLICIES)
    if name is not None:
        yield RULE.finding(fact.span, Message(
            what=f"{name} (from {fact.module})",
            replacement=f"use azure.ai.ml.sweep.{name} and write evaluation_interval and delay_evaluation "
                        "(v2's evaluation_interval defaults to 0, v1's to 1)"))
