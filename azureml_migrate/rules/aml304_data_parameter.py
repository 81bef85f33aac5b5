"""AML304 `azureml-estimator-data-param`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from .. import hints, sdk
from ..facts import CallFact, Value
from ..rewrite.shared import PARAMETER_FIX_SAFETY, fix_for_estimator, parameter_replacement
from ..records import record
from .base import Cases, Context, Finding, FixAvailability, Rule


@record
class Message:
    param: str
    cls: str
    replacement: str


RULE = Rule(
    code="AML304", number="12", symbol="azureml-estimator-data-param", name="estimator-data-parameter",
    summary='Data parameters on an estimator (inputs, source_directory_data_store)',
    message="'{param}' on {cls} attaches data: {replacement}",
    fields=Message,
    concerns="1.19.0",
    what="""
        Flags `inputs=` and `source_directory_data_store=` on an estimator call.
    """,
    why="""
        ScriptRunConfig has neither parameter. Datasets go into `arguments` (as
        `ds.as_mount()`), or into `src.run_config.data`; a source-directory datastore is
        set on `src.run_config`.
    """,
    example="""
        est = Estimator('src', entry_script='train.py', inputs=[mnist.as_named_input('mnist')])
    """,
    instead="""
        src = ScriptRunConfig('src', script='train.py', environment=env,
                              arguments=['--data', mnist.as_named_input('mnist').as_mount()])
    """,
    fix_safety=PARAMETER_FIX_SAFETY,
    fix=FixAvailability.SOMETIMES,
    cases=Cases(
        invalid=(
            (
                'from azureml.train.estimator import Estimator\n'
                "est = Estimator('src', inputs=[mnist.as_named_input('mnist')])\n"
            ),
            "from azureml.train.estimator import Estimator\nest = Estimator('src', source_directory_data_store=ds)\n",
        ),
        valid=(
            "from azureml.core import ScriptRunConfig\nsrc = ScriptRunConfig('src', arguments=[mnist.as_mount()])\n",
        ),
    ),
)


@RULE.on_calls(*sdk.ESTIMATORS)
def check(call: CallFact, context: Context) -> Iterator[Finding]:
    for keyword in call.keywords:
        if keyword.name in sdk.DATA_PARAMETERS and hints.changes_the_job(keyword):
            fix = fix_for_estimator(call, context.facts, context.options.target,
                                    context.options.line_length)
            replacement = parameter_replacement(fix, keyword.name, _replacement(keyword.name, keyword.value))
            yield RULE.finding(keyword.span, Message(param=keyword.name, cls=call.canonical, replacement=replacement),
                               confidence=call.confidence, fix=fix)


def _replacement(name: str, value: Value) -> str:
    if name == "inputs":
        return "register them in src.run_config, or pass ds.as_mount() in arguments"
    return "no ScriptRunConfig parameter: set src.run_config.source_directory_data_store"
