"""AML505 `azureml-v2-hyperdrive`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator, Optional

from ..facts import CallFact, ImportFact
from ..rewrite.shared import sweep_fix
from . import v2_family
from ..records import record
from .base import Cases, Context, Finding, FixAvailability, Rule


@record
class Message:
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
_HYPERDRIVE = ("azureml.train.hyperdrive",)
#: the other v1 HyperDrive names a sweep rewrite leaves imported and unread, by their modules
#: (checked against the SDK)
LEFT_BEHIND = {
    "HyperDriveConfig": (*_HYPERDRIVE, "azureml.train.hyperdrive.runconfig"),
    "PrimaryMetricGoal": (*_HYPERDRIVE, "azureml.train.hyperdrive.runconfig"),
    "NoTerminationPolicy": (*_HYPERDRIVE, "azureml.train.hyperdrive.policy"),
    **{name: (*_HYPERDRIVE, "azureml.train.hyperdrive.sampling") for name in _SAMPLINGS},
    **{name: (*_HYPERDRIVE, "azureml.train.hyperdrive.parameter_expressions")
       for name in ("choice", "randint", "uniform", "quniform", "loguniform", "qloguniform", "normal", "qnormal",
                    "lognormal", "qlognormal")},
}

RULE = Rule(
    code="AML505", number="20", symbol="azureml-v2-hyperdrive", name="v2-hyperdrive",
    summary="HyperDriveConfig, its samplings and policies, when migrating to SDK v2 (sweep jobs)",
    message=v2_family.MESSAGE,
    fields=Message,
    concerns=v2_family.CONCERNS,
    default_enabled=False,
    target=v2_family.TARGET,
    fix=FixAvailability.SOMETIMES,
    what="""
        Flags `HyperDriveConfig(...)` and `RandomParameterSampling(...)`,
        `GridParameterSampling(...)`, `BayesianParameterSampling(...)` calls, and the import of
        `BanditPolicy`, `MedianStoppingPolicy` and `TruncationSelectionPolicy` from
        `azureml.train.hyperdrive`, and under `target = "v2"` any other import from
        `azureml.train.hyperdrive` that nothing reads (left behind by the rewrite). Part of the
        v2 family: on with `target = "v2"` or when selected.
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
        With `target = "v2"`, `hd = HyperDriveConfig(...)` whose trial (`run_config=` a
        ScriptRunConfig, or `estimator=` an estimator, bound once and read only here, or written
        in the call) the v2 fix renders becomes `hd = command(...).sweep(...)` plus
        `hd.set_limits(...)`, and the trial's statement goes, as do the statements of a sampling
        and a policy bound once at the top level and read only by it. Each tuned parameter is appended to
        the command as `<key> ${{inputs.<name>}}` (dashes dropped, `-` as `_`) with its
        distribution as the input (`choice` as `Choice([...])`, `uniform` as `Uniform(...)`...);
        with `estimator=` the tuned parameters leave the script parameters, as HyperDrive removed
        them. Every limit is written: `max_total_trials`, `max_concurrent_trials` (v1's
        `max_concurrent_runs or max_total_runs`), `timeout` (v1's `max_duration_minutes`, 7 days
        by default, in seconds) and `trial_timeout` (the trial's own timeout: `.sweep()` drops a
        `command(timeout=...)`); every policy field is written (`evaluation_interval`,
        `delay_evaluation`, the one slack v1 sent). The v2 harness proves the sweep the same as
        the v1 HyperDrive run, with its submission rewritten too when
        `Experiment(ws, name).submit(hd)` is its only reader. Always unsafe: v1 HyperDrive
        appended `<key> <value>` service-side, v2 reads the primary metric from MLflow, and a
        TruncationSelectionPolicy's `exclude_finished_jobs=False` has no v2 field. Manual, with
        the reason: a sampling or policy bound otherwise or read again, `properties=` on a sampling, a
        parameter expression that is not a literal call, `resume_from`/`resume_child_runs`
        (v2 has no warm start), `pipeline=`, `max_duration_minutes` above the v1 limit, a trial
        the v2 fix does not render or that is read elsewhere, and a HyperDriveConfig read by
        more than its submission. The imports left behind are deleted once nothing reads them.
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
    sweep = _sweep_reading(call, context) if context.options.target == v2_family.TARGET else None
    fix = sweep_fix(sweep, context.facts) if sweep is not None else None
    yield RULE.finding(call.span, Message(what=f"{call.canonical}(...)", replacement=replacement),
                       confidence=call.confidence,
                       **({"fix": fix} if fix is not None else
                          {"manual": "no v2 sweep is written for it: nothing proves its space, objective and limits "
                                     "the same"}))


def _sweep_reading(call: CallFact, context: Context) -> Optional[CallFact]:
    """The HyperDriveConfig whose v2 sweep rewrites ``call``: itself, or the one reading the
    sampling (written in it, or bound to a name it reads)."""
    if call.canonical == "HyperDriveConfig":
        return call
    for reader in context.facts.calls:
        sampling = reader.argument("hyperparameter_sampling", 0) if reader.canonical == "HyperDriveConfig" else None
        if sampling is not None and sampling.call is not None and sampling.call.span == call.span:
            return reader
    return None


@RULE.on_imports
def check_import(fact: ImportFact, context: Context) -> Iterator[Finding]:
    if not v2_family.reports(context):
        return
    name = v2_family.imported(fact, POLICIES)
    unused = None if fact.used else v2_family.unused_fix(fact, context)
    if name is not None:
        yield RULE.finding(fact.span, Message(
            what=f"{name} (from {fact.module})",
            replacement=f"use azure.ai.ml.sweep.{name} and write evaluation_interval and delay_evaluation "
                        "(v2's evaluation_interval defaults to 0, v1's to 1)"), fix=unused)
    elif unused is not None and v2_family.imported(fact, LEFT_BEHIND) is not None:
        yield RULE.finding(fact.span, Message(what=f"{fact.name} (from {fact.module}), read by nothing,",
                                              replacement="delete the import"), fix=unused)
