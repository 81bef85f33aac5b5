"""AML302 `azureml-script-params`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from .. import hints, sdk
from ..facts import CallFact
from ..rewrite.shared import PARAMETER_FIX_SAFETY, fix_for_estimator, parameter_replacement
from ..records import record
from .base import Cases, Context, Finding, FixAvailability, Rule


@record
class Message:
    cls: str
    replacement: str


RULE = Rule(
    code="AML302", number="10", symbol="azureml-script-params", name="script-params",
    summary='script_params= on an estimator call',
    message="'script_params' on {cls}: use {replacement}",
    fields=Message,
    concerns="1.19.0",
    what="""
        Flags `script_params=` on an estimator call. When the dict is a literal the message
        is the exact `arguments=[...]` list.
    """,
    why="""
        ScriptRunConfig takes a flat `arguments` list. The estimator flattened the dict in
        insertion order, expanded list values in place and dropped keys or values that were
        `None` or `''`; the suggested list does the same.
    """,
    example="""
        est = Estimator('src', entry_script='train.py',
                        script_params={'--lr': 0.01, '--verbose': ''})
    """,
    instead="""
        src = ScriptRunConfig('src', script='train.py', arguments=['--lr', 0.01, '--verbose'])
    """,
    fix_safety=PARAMETER_FIX_SAFETY,
    fix=FixAvailability.SOMETIMES,
    cases=Cases(
        invalid=(
            "from azureml.train.estimator import Estimator\nest = Estimator('src', script_params={'--lr': 0.1})\n",
        ),
        valid=(
            "from azureml.core import ScriptRunConfig\nsrc = ScriptRunConfig('src', arguments=['--lr', 0.1])\n",
        ),
    ),
)


@RULE.on_calls(*sdk.ESTIMATORS)
def check(call: CallFact, context: Context) -> Iterator[Finding]:
    keyword = call.keyword(sdk.SCRIPT_PARAMS_PARAMETER)
    if keyword is None or not hints.changes_the_job(keyword):
        return
    fix = fix_for_estimator(call, context.facts, context.options.target,
                            context.options.line_length)
    replacement = parameter_replacement(fix, keyword.name, "ScriptRunConfig(arguments=[key, value, ...])")
    yield RULE.finding(keyword.span, Message(cls=call.canonical, replacement=replacement), confidence=call.confidence,
                       fix=fix)
