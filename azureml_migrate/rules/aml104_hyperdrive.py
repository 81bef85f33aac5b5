"""AML104 `azureml-hyperdrive-estimator`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator, NamedTuple

from .. import hints, sdk
from ..facts import CallFact, Keyword, Span
from ..fixes import Applicability, Edit, Fix, manual
from ..rewrite.shared import fix_for_estimator
from .base import Cases, Context, Finding, FixAvailability, Rule


class Message(NamedTuple):
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
    fix_safety="""
        For `HyperDriveConfig(estimator=...)` the fix renames the keyword to `run_config=`
        when its value is a ScriptRunConfig or an estimator call of the module that its own
        fix rewrites, and is never more trusted than that rewrite. It is unsafe when the run
        has script arguments: with `estimator=`, HyperDrive removed arguments also in the
        parameter space, with `run_config=` they stay on the command line. It is manual when
        the value is not such a call. `HyperDriveRunConfig(...)` findings carry no fix: the
        message shows the HyperDriveConfig to write.
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
    source = _replacing(estimator)
    replacement = f"HyperDriveConfig({', '.join(['run_config=src', *others])}) where src = {source}{_CAVEAT}"
    yield RULE.finding(call.span, Message(what="HyperDriveRunConfig(...)", replacement=replacement),
                       confidence=call.confidence)


@RULE.on_calls("HyperDriveConfig")
def check_estimator_keyword(call: CallFact, context: Context) -> Iterator[Finding]:
    keyword = call.keyword("estimator")
    if keyword is None:
        return
    fix = _keyword_fix(keyword, context)
    if fix.applies:
        replacement = f"run_config={keyword.value.text} once it is a ScriptRunConfig{_CAVEAT}"
    else:
        replacement = f"run_config=src where src = {_replacing(keyword.value)}{_CAVEAT}; no automatic fix: {fix.reason}"
    yield RULE.finding(keyword.span, Message(what="HyperDriveConfig(estimator=...)", replacement=replacement),
                       confidence=call.confidence, fix=fix)


def _replacing(estimator) -> str:
    if estimator is None:
        return "the ScriptRunConfig of the training run"
    return f"the ScriptRunConfig that replaces {hints.code(estimator)} (its own finding's fix writes it)"


def _keyword_fix(keyword: Keyword, context: Context) -> Fix:
    """``estimator=`` becomes ``run_config=`` when the value is (or becomes, by its own fix) a
    ScriptRunConfig; never more trusted than the estimator's own rewrite."""
    title = "pass the ScriptRunConfig as run_config="
    value = keyword.value
    name = Span(keyword.span.line, keyword.span.col, keyword.span.line, keyword.span.col + len("estimator"))
    if value.call is not None and value.call.canonical == "ScriptRunConfig":
        # the estimator was rewritten already (an earlier round of ``azureml-migrate fix``)
        duplicates = ("none of the script's arguments is also in the parameter space (with estimator= HyperDrive "
                      "removed such duplicates; with run_config= they stay on the command line)")
        unsafe = value.call.argument("arguments") is not None
        return Fix(Applicability.UNSAFE if unsafe else Applicability.SAFE, title, (Edit(name, "run_config"),),
                   reason=duplicates if unsafe else "", code=f"run_config={value.text}")
    estimator = value.call if value.call is not None and value.call.canonical in sdk.ESTIMATORS else None
    if estimator is None:
        return manual(title, f"{value.text} is not an estimator call of this module that the fix rewrites")
    estimator_fix = fix_for_estimator(estimator, context.facts)
    if not estimator_fix.applies:
        return manual(title, f"the estimator it gets is not rewritten: {estimator_fix.reason}")
    reasons = [estimator_fix.reason] if estimator_fix.reason else []
    if estimator.argument("script_params") is not None:
        reasons.append("none of the script's arguments is also in the parameter space (with estimator= HyperDrive "
                       "removed such duplicates; with run_config= they stay on the command line)")
    applicability = Applicability.UNSAFE if reasons else Applicability.SAFE
    return Fix(applicability, title, (Edit(name, "run_config"),), reason="; ".join(reasons),
               code=f"run_config={value.text}")
