"""AML104 `azureml-hyperdrive-estimator`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator, NamedTuple

from .. import hints, sdk
from ..facts import CallFact
from .base import Cases, Context, Finding, Rule


class Message(NamedTuple):
    what: str
    replacement: str


RULE = Rule(
    code="AML104", number="04", symbol="azureml-hyperdrive-estimator", name="hyperdrive-estimator",
    summary='HyperDriveConfig(estimator=...) or HyperDriveRunConfig(...)',
    message="{what} is deprecated: use {replacement}",
    fields=Message,
    concerns=sdk.ESTIMATOR_DEPRECATED_IN,
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
    fix_safety="""
        Passing `run_config=` instead of `estimator=` changes one thing the SDK did for you:
        arguments also present in the parameter space are no longer stripped from the
        script's arguments. A rewrite is safe only when no argument of the run is in the
        parameter space; otherwise it is unsafe (stating that assumption) or manual.
        `azureml-migrate fix` applies safe fixes, and unsafe ones only with `--unsafe-fixes`.
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


_CAVEAT = ("; arguments that are also in the parameter space are no longer stripped, "
           "remove them from arguments")


@RULE.on_calls("HyperDriveRunConfig")
def check_run_config(call: CallFact, context: Context) -> Iterator[Finding]:
    others = [f"{kw.name}={hints.code(kw.value)}" for kw in call.keywords if kw.name != "estimator"]
    estimator = call.argument("estimator", 0)
    source = hints.estimator_argument(estimator) if estimator is not None else "ScriptRunConfig(...)"
    replacement = f"HyperDriveConfig({', '.join(['run_config=src', *others])}) where src = {source}{_CAVEAT}"
    yield RULE.finding(call.span, Message(what="HyperDriveRunConfig(...)", replacement=replacement),
                       confidence=call.confidence)


@RULE.on_calls("HyperDriveConfig")
def check_estimator_keyword(call: CallFact, context: Context) -> Iterator[Finding]:
    keyword = call.keyword("estimator")
    if keyword is None:
        return
    replacement = f"run_config=src where src = {hints.estimator_argument(keyword.value)}{_CAVEAT}"
    yield RULE.finding(keyword.span, Message(what="HyperDriveConfig(estimator=...)", replacement=replacement),
                       confidence=call.confidence)
