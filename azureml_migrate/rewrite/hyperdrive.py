"""HyperDrive's estimator readers rewritten to read a ScriptRunConfig.

``HyperDriveConfig(estimator=...)`` becomes ``run_config=``, and ``HyperDriveRunConfig(...)``
becomes ``HyperDriveConfig(run_config=..., <the same parameters>)``: the deprecated class's
``__new__`` returns exactly ``HyperDriveConfig(<its parameters>, estimator=estimator)``.

The change is right only when the value is a ScriptRunConfig, so when the value is an
estimator call of the module the fix joins that estimator's fix group
(``azureml_migrate.rewrite.groups``): both are applied together or neither is. HyperDrive
removed the tuned parameters from an estimator's arguments but keeps a ScriptRunConfig's
whole, so the value written is the ScriptRunConfig the estimator's rewrite leaves them out of
(``usage.Tuning``): the estimator's own name, or the second ScriptRunConfig it writes for
HyperDrive when something else reads the estimator too.
"""

from __future__ import annotations

from typing import List, Optional, Set, Tuple, Union

from .. import sdk
from ..facts import CallFact, Keyword, ModuleFacts, Span, Value
from ..fixes import Applicability, Edit, Fix, manual
from ..settings import DEFAULT_LINE_LENGTH
from .plan import Names
from .steps import laid_out
from .usage import parameter_space, script_param_names, tuning

TITLE = "pass the ScriptRunConfig as run_config="
RUN_CONFIG_TITLE = "replace HyperDriveRunConfig(...) with HyperDriveConfig(run_config=...)"
HYPERDRIVE = "azureml.train.hyperdrive"
_DUPLICATES = ("none of the script's arguments is also in the parameter space (with estimator= HyperDrive "
               "removed such duplicates; with run_config= they stay on the command line)")
#: ``HyperDriveRunConfig.__new__``'s parameters, in order; HyperDriveConfig takes each by name
_RUN_CONFIG_PARAMETERS = ("estimator", "hyperparameter_sampling", "primary_metric_name", "primary_metric_goal",
                          "max_total_runs", "max_concurrent_runs", "max_duration_minutes", "policy")
_REQUIRED = _RUN_CONFIG_PARAMETERS[:5]


def keyword_fix(call: CallFact, keyword: Keyword, facts: ModuleFacts) -> Fix:
    """``estimator=`` becomes ``run_config=`` when the value is (or becomes, by the fix of its
    group) a ScriptRunConfig, and only when no script argument HyperDrive reads is also a tuned
    parameter. The estimator's own trust is not folded in here: the group settles it."""
    swept = _swept(keyword.value, call.argument("hyperparameter_sampling", 0), facts, TITLE)
    if isinstance(swept, Fix):
        return swept
    text, reasons = swept
    if text == keyword.value.text:
        name = Span(keyword.span.line, keyword.span.col, keyword.span.line, keyword.span.col + len("estimator"))
        edit = Edit(name, "run_config")
    else:
        edit = Edit(keyword.span, f"run_config={text}")
    return Fix(_applicability(reasons), TITLE, (edit,), reason="; ".join(reasons), code=f"run_config={text}")


def run_config_fix(call: CallFact, facts: ModuleFacts, line_length: int = DEFAULT_LINE_LENGTH) -> Fix:
    """``HyperDriveRunConfig(est, sampling, ...)`` becomes ``HyperDriveConfig(run_config=src,
    hyperparameter_sampling=sampling, ...)``: every parameter by name (the two classes order
    them differently), the rest of the call as it was; a call with no keywords is replaced
    whole, laid out to ``line_length``."""
    if call.has_star_args or call.has_star_kwargs:
        return manual(RUN_CONFIG_TITLE, "the call passes *args or **kwargs: which parameters it sets cannot be "
                                        "seen here")
    named = dict(zip(_RUN_CONFIG_PARAMETERS, call.args))
    unknown = [keyword.name for keyword in call.keywords
               if keyword.name not in _RUN_CONFIG_PARAMETERS or keyword.name in named]
    missing = [name for name in _REQUIRED if name not in named and call.keyword(name) is None]
    if len(call.args) > len(_RUN_CONFIG_PARAMETERS) or unknown or missing:
        return manual(RUN_CONFIG_TITLE, "the SDK rejects this call: HyperDriveRunConfig takes "
                                        f"{', '.join(_RUN_CONFIG_PARAMETERS)} (the first five required), once each")
    estimator = call.argument("estimator", 0)
    assert estimator is not None
    swept = _swept(estimator, call.argument("hyperparameter_sampling", 1), facts, RUN_CONFIG_TITLE)
    if isinstance(swept, Fix):
        return swept
    text, reasons = swept
    imported = Names("hyperdrive", facts).imported(HYPERDRIVE, "HyperDriveConfig")
    positional = [f"run_config={text}" if name == "estimator" else f"{name}={value.text}"
                  for name, value in named.items()]
    keywords = [f"run_config={text}" if keyword.name == "estimator" else f"{keyword.name}={keyword.value.text}"
                for keyword in call.keywords]
    code = f"{imported.bound}({', '.join(positional + keywords)})"
    if not call.keywords:
        edits: Tuple[Edit, ...] = (Edit(call.span, laid_out(call, imported.bound, positional, line_length)),)
    else:
        first = call.keywords[0]
        head = f"{imported.bound}(" + "".join(f"{argument}, " for argument in positional)
        if first.name == "estimator":
            edits = (Edit(Span(call.span.line, call.span.col, first.span.end_line, first.span.end_col),
                          head + keywords[0]),)
        else:
            edits = (Edit(Span(call.span.line, call.span.col, first.span.line, first.span.col), head),)
            edits += tuple(Edit(keyword.span, f"run_config={text}") for keyword in call.keywords
                           if keyword.name == "estimator")
    return Fix(_applicability(reasons), RUN_CONFIG_TITLE, edits, (imported,), "; ".join(reasons), code)


def _applicability(reasons: List[str]) -> Applicability:
    return Applicability.UNSAFE if reasons else Applicability.SAFE


def _swept(value: Value, sampling: Optional[Value], facts: ModuleFacts,
           title: str) -> Union[Fix, Tuple[str, List[str]]]:
    """What HyperDrive's ``run_config=`` reads in place of the estimator ``value``, and the
    assumptions that rests on; or the manual fix saying why there is none."""
    reasons: List[str] = []
    text = value.text
    dropped_by_the_rewrite = False
    if value.call is not None and value.call.canonical == "ScriptRunConfig":
        # the estimator was rewritten already (an earlier round of ``azureml-migrate fix``)
        arguments = value.call.argument("arguments")
        names = _argument_names(arguments) if arguments is not None else set()
    elif value.call is not None and value.call.canonical in sdk.ESTIMATORS:
        params = value.call.argument("script_params")
        names = script_param_names(params) if params is not None else set()
        # the estimator's rewrite leaves tuned parameters out of the ScriptRunConfig HyperDrive
        # reads, as HyperDrive did: its own, or a second one for HyperDrive
        tuned = tuning(value.call, facts)
        dropped_by_the_rewrite = tuned is not None
        if tuned is not None and tuned.variant is not None:
            text = tuned.variant
    else:
        return manual(title, f"{value.text} is not an estimator call of this module that the fix rewrites")
    space = parameter_space(sampling)
    if names is None or space is None:
        if names != set():
            reasons.append(_DUPLICATES)
    elif names & space and not dropped_by_the_rewrite:
        duplicated = ", ".join(sorted(names & space))
        return manual(title, f"{duplicated} is both a script argument and a tuned parameter: remove it from the "
                             "script's arguments, then run fix again; HyperDrive removed it from an estimator's "
                             "arguments but keeps it with run_config=")
    return text, reasons


def _argument_names(arguments: Value) -> Optional[Set[str]]:
    """Option names in a ScriptRunConfig's arguments list; None if it is not all literal."""
    if arguments.held:
        return None
    if arguments.elements is None or not all(element.is_literal for element in arguments.elements):
        return None if arguments.elements is None or any(
            isinstance(element.literal, str) for element in arguments.elements if element.is_literal) else set()
    return {element.literal.lstrip("-") for element in arguments.elements
            if isinstance(element.literal, str) and element.literal.startswith("-")}
