"""AML104 `azureml-hyperdrive-estimator`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from .. import hints, sdk
from ..facts import CallFact
from ..rewrite.shared import fix_for_consumer
from .base import Cases, Context, Finding, FixAvailability, Rule
from ..records import replace
from ..records import record


@record
class Message:
    what: str
    replacement: str


RULE = Rule(
    code="AML104", number="04", symbol="azureml-hyperdrive-estimator", name="hyperdrive-estimator",
    summary='HyperDriveConfig(estimator=...) or HyperDriveRunConfig(...)',
    message="{what} is deprecated: use {replacement}",
    fields=Message,
    concerns=sdk.ESTIMATOR_DEPRECATED_IN,
    fix=FixAvailability.SOMETIMES,
    what="""
        Flags the `estimator=` keyword of `HyperDriveConfig(...)` (reported at the keyword)
        and every `HyperDriveRunConfig(...)` call.
    """,
    why="""
        HyperDrive sweeps a ScriptRunConfig through `run_config=`. Beware one behaviour
        change: with `estimator=` HyperDrive removed script arguments that also appear in
        the parameter space; with `run_config=` they are no longer stripped, so remove them
        from `arguments` yourself.
    """,
    example="""
        hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling,
                              primary_metric_name='accuracy',
                              primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                              max_total_runs=8)
    """,
    instead="""
        hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=sampling,
                              primary_metric_name='accuracy',
                              primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                              max_total_runs=8)
    """,
    instead_v2="""
        sweep = command(code='src', command='python train.py --lr ${{inputs.lr}}', environment=env,
                        compute='gpu-cluster', inputs={'lr': Choice([0.01, 0.1])}).sweep(
            primary_metric='accuracy', goal='maximize', sampling_algorithm='random')
        sweep.set_limits(max_total_trials=8, max_concurrent_trials=8, timeout=604800, trial_timeout=2592000)
    """,
    fix_safety="""
        For `HyperDriveConfig(estimator=...)` the fix renames the keyword to `run_config=`
        when its value is a ScriptRunConfig or an estimator call of the module. With an
        estimator call, the rename and the estimator's rewrite are one fix group: applied
        together or not at all, at the safety of the weaker, and a message says which decides
        it (an estimator that stays manual keeps `estimator=`; a rename that stays manual
        keeps the estimator an estimator). With `estimator=`,
        HyperDrive removed script arguments that are also tuned parameters; with
        `run_config=` they stay on the command line. So the fix is safe when the script's
        arguments and the sampling's parameter space, both written in the module, share no
        name; manual, naming the parameter, when they do; unsafe when either cannot be read.
        When the estimator is also read elsewhere (submitted on its own first), its rewrite
        writes a second ScriptRunConfig for HyperDrive that shares the first one's run
        configuration and leaves the tuned arguments out, and `run_config=` names that one.
        `HyperDriveRunConfig(...)` returns `HyperDriveConfig(<its parameters>,
        estimator=...)`, so it becomes `HyperDriveConfig(run_config=..., ...)` with every
        parameter by name, under the same rules and in the same group.
    """,

    cases=Cases(
        invalid=(
            (
                'from azureml.train.hyperdrive import HyperDriveConfig\n'
                'hd = HyperDriveConfig(estimator=est, max_total_runs=4)\n'
            ),
            'from azureml.train.hyperdrive import HyperDriveRunConfig\nhd = HyperDriveRunConfig(est)\n',
        ),
        valid=(
            (
                'from azureml.train.hyperdrive import HyperDriveConfig\n'
                'hd = HyperDriveConfig(run_config=src, max_total_runs=4)\n'
            ),
        ),
    ),
)


_CAVEAT = ("arguments that are also in the parameter space are no longer stripped: "
           "remove them from arguments")


@RULE.on_calls("HyperDriveRunConfig")
def check_run_config(call: CallFact, context: Context) -> Iterator[Finding]:
    fix = fix_for_consumer(call, context.facts, context.options.target, context.options.line_length)
    assert fix is not None
    if not fix.applies and not fix.code:
        # what to write by hand
        others = [f"{kw.name}={hints.code(kw.value)}" for kw in call.keywords if kw.name != "estimator"]
        estimator = call.argument("estimator", 0)
        fix = replace(fix, code=f"src = ScriptRunConfig(...)  # {_replacing(estimator)}\n"
                                            f"hd = HyperDriveConfig({', '.join(['run_config=src', *others])})\n"
                                            f"# {_CAVEAT}")
    yield RULE.finding(call.span,
                       Message(what="HyperDriveRunConfig(...)", replacement="HyperDriveConfig(run_config=src)"),
                       confidence=call.confidence, fix=fix)


@RULE.on_calls("HyperDriveConfig")
def check_estimator_keyword(call: CallFact, context: Context) -> Iterator[Finding]:
    keyword = call.keyword("estimator")
    if keyword is None:
        return
    fix = fix_for_consumer(call, context.facts, context.options.target,
                           context.options.line_length)
    assert fix is not None
    replacement = f"run_config={hints.code(keyword.value)}, its ScriptRunConfig"
    yield RULE.finding(keyword.span, Message(what="HyperDriveConfig(estimator=...)", replacement=replacement),
                       confidence=call.confidence, fix=fix)


def _replacing(estimator) -> str:
    if estimator is None:
        return "the ScriptRunConfig of the training run"
    return f"the ScriptRunConfig that replaces {hints.code(estimator)} (its own finding's fix writes it)"
