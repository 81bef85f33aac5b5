"""EstimatorStep rewritten as the PythonScriptStep it always was.

``EstimatorStep.__init__`` hands ``PythonScriptStep`` the estimator's script, source directory
and run configuration (with the target, arguments and data references wiped) plus the step's
own arguments; so once the estimator is a ScriptRunConfig, ``PythonScriptStep(...,
runconfig=src.run_config)`` builds the same pipeline node. ``CommandStep(runconfig=src)``
would not run at all: it reads only ``ScriptRunConfig.command``.
"""

from __future__ import annotations

from typing import List, Optional

from .. import sdk
from ..facts import CallFact, ModuleFacts, Value
from ..fixes import Applicability, Edit, Fix, Import, manual
from .code import source_code
from .shared import fix_for_estimator

#: EstimatorStep parameters PythonScriptStep takes as they are
_CARRIED = ("name", "compute_target", "runconfig_pipeline_params", "inputs", "outputs", "allow_reuse", "version")
_KNOWN = frozenset(_CARRIED) | {"estimator", "estimator_entry_script_arguments"}
_STEPS = "azureml.pipeline.steps"


def step_fix(call: CallFact, facts: ModuleFacts) -> Fix:
    title = f"replace {call.canonical}(...) with PythonScriptStep(...)"
    if call.canonical == "MpiStep":
        return manual(title, "MpiStep builds its own estimator from its environment and MPI parameters; that "
                             "rewrite is not automated yet: build a ScriptRunConfig with "
                             "MpiConfiguration and pass its run_config to PythonScriptStep")
    reason = _blocked(call)
    if reason:
        return manual(title, reason)
    estimator = call.argument("estimator")
    source = estimator.call
    assumptions: List[str] = [
        "the service runs a PythonScriptStep node as it ran the EstimatorStep node it replaces (the same script, "
        "arguments and run configuration; the step-type label differs, and the run configuration keeps the "
        "script and target EstimatorStep blanked, which the step's own script_name and compute_target decide)"]
    if source.canonical in sdk.ESTIMATORS:
        estimator_fix = fix_for_estimator(source, facts)
        if not estimator_fix.applies:
            return manual(title, f"the estimator it gets is not rewritten: {estimator_fix.reason}")
        if estimator_fix.reason:
            assumptions.append(estimator_fix.reason)
        if source.argument("inputs") is not None:
            return manual(title, "EstimatorStep wiped the data references of the estimator's inputs; pass them "
                                 "as the step's inputs instead, then rewrite")
        script, directory = source.argument("entry_script"), source.argument("source_directory", 0)
    else:  # already a ScriptRunConfig: an earlier round rewrote the estimator
        script, directory = source.argument("script"), source.argument("source_directory", 0)
        if source.argument("arguments") is not None:
            return manual(title, "the ScriptRunConfig has arguments, which EstimatorStep never allowed")
    parts = [f"script_name={_code(script)}"]
    arguments = call.argument("estimator_entry_script_arguments")
    parts.append(f"arguments={source_code(arguments)}")
    for name in _CARRIED:
        value = call.argument(name)
        if value is not None:
            parts.append(f"{name}={source_code(value)}")
    parts.append(f"runconfig={estimator.text}.run_config")
    parts.append(f"source_directory={_code(directory)}")
    text = f"PythonScriptStep({', '.join(parts)})"
    return Fix(Applicability.UNSAFE, title, (Edit(call.span, text),), (Import(_STEPS, "PythonScriptStep"),),
               "; ".join(assumptions), text)


def _code(value: Optional[Value]) -> str:
    return "None" if value is None else source_code(value)


def _blocked(call: CallFact) -> str:
    if call.has_star_kwargs or call.args:
        return "the call passes positional arguments or **kwargs: which parameters it sets cannot be seen here"
    unknown = [keyword.name for keyword in call.keywords if keyword.name not in _KNOWN]
    if unknown:
        return f"EstimatorStep has no parameter {unknown[0]!r} this tool knows a faithful rewrite of"
    estimator = call.argument("estimator")
    if estimator is None or not estimator.text.isidentifier() or estimator.call is None or (
            estimator.call.canonical not in sdk.ESTIMATORS and estimator.call.canonical != "ScriptRunConfig"):
        return ("estimator= is not a name bound to an estimator call of this module: the step's script and "
                "run configuration come from it")
    if call.argument("estimator_entry_script_arguments") is None:
        return "the SDK rejects an EstimatorStep without estimator_entry_script_arguments"
    if call.argument("compute_target") is None:
        return "the SDK rejects an EstimatorStep without compute_target"
    return ""
