"""``HyperDriveConfig(estimator=...)`` becomes ``run_config=``: the keyword's own fix.

The change is right only when the value is a ScriptRunConfig, so when the value is an
estimator call of the module the fix joins that estimator's fix group
(``azureml_migrate.rewrite.groups``): both are applied together or neither is.
"""

from __future__ import annotations

from typing import List, Optional, Set

from .. import sdk
from ..facts import CallFact, Keyword, ModuleFacts, Span, Value
from ..fixes import Applicability, Edit, Fix, manual
from .usage import parameter_space, stripped, tuned_parameters

TITLE = "pass the ScriptRunConfig as run_config="
_DUPLICATES = ("none of the script's arguments is also in the parameter space (with estimator= HyperDrive "
               "removed such duplicates; with run_config= they stay on the command line)")


def keyword_fix(call: CallFact, keyword: Keyword, facts: ModuleFacts) -> Fix:
    """``estimator=`` becomes ``run_config=`` when the value is (or becomes, by the fix of its
    group) a ScriptRunConfig, and only when no script argument is also a tuned parameter
    (HyperDrive removed those for estimators only). The estimator's own trust is not folded in
    here: the group settles it."""
    value = keyword.value
    name = Span(keyword.span.line, keyword.span.col, keyword.span.line, keyword.span.col + len("estimator"))
    reasons: List[str] = []
    dropped_by_the_rewrite = False
    if value.call is not None and value.call.canonical == "ScriptRunConfig":
        # the estimator was rewritten already (an earlier round of ``azureml-migrate fix``)
        arguments = value.call.argument("arguments")
        names = _argument_names(arguments) if arguments is not None else set()
    elif value.call is not None and value.call.canonical in sdk.ESTIMATORS:
        params = value.call.argument("script_params")
        names = _script_param_names(params) if params is not None else set()
        # the estimator's own fix leaves tuned parameters out of the arguments, as HyperDrive did,
        # when the estimator is read only here
        dropped_by_the_rewrite = tuned_parameters(value.call, facts) is not None
    else:
        return manual(TITLE, f"{value.text} is not an estimator call of this module that the fix rewrites")
    space = parameter_space(call.argument("hyperparameter_sampling", 0))
    if names is None or space is None:
        if names != set():
            reasons.append(_DUPLICATES)
    elif names & space and not dropped_by_the_rewrite:
        duplicated = ", ".join(sorted(names & space))
        return manual(TITLE, f"{duplicated} is both a script argument and a tuned parameter: remove it from the "
                             "script's arguments, then run fix again; HyperDrive removed it from an estimator's "
                             "arguments but keeps it with run_config=")
    applicability = Applicability.UNSAFE if reasons else Applicability.SAFE
    return Fix(applicability, TITLE, (Edit(name, "run_config"),), reason="; ".join(reasons),
               code=f"run_config={value.text}")


def _script_param_names(params: Value) -> Optional[Set[str]]:
    """The argument names of a script_params dict, as HyperDrive compared them; None if unknown."""
    if params.items is None:
        return None
    names = {stripped(key) for key, _ in params.items}
    return None if None in names else names


def _argument_names(arguments: Value) -> Optional[Set[str]]:
    """Option names in a ScriptRunConfig's arguments list; None if it is not all literal."""
    if arguments.elements is None or not all(element.is_literal for element in arguments.elements):
        return None if arguments.elements is None or any(
            isinstance(element.literal, str) for element in arguments.elements if element.is_literal) else set()
    return {element.literal.lstrip("-") for element in arguments.elements
            if isinstance(element.literal, str) and element.literal.startswith("-")}
