"""A HyperDriveConfig written as the SDK v2 sweep job that runs the same trials.

``hd = HyperDriveConfig(run_config=src | estimator=est, hyperparameter_sampling=..., policy=...,
primary_metric_name=..., primary_metric_goal=..., max_total_runs=..., ...)`` becomes::

    hd = command(..., command='python train.py ... --lr ${{inputs.lr}}', inputs={'lr': Choice([...])}).sweep(
        primary_metric=..., goal=..., sampling_algorithm=..., early_termination_policy=...)
    hd.set_limits(max_total_trials=..., max_concurrent_trials=..., timeout=..., trial_timeout=...)

The trial is the job HyperDrive read (``v2_command``/``v2_estimator`` render it), its statement
is deleted (a command with sweep inputs is no job of its own: azure-ai-ml refuses to submit it),
and so are those of a sampling and a policy bound once at the top level and read only here,
each tuned parameter is appended as ``<key> ${{inputs.<name>}}`` and becomes an input holding its
v2 distribution. Every trap of the v1→v2 facts is written out: the trial's timeout goes to
``set_limits(trial_timeout=...)`` (``.sweep()`` drops a ``command(timeout=...)``), the sweep's
timeout is v1's ``max_duration_minutes`` (default 7 days; v2's is 60), ``max_concurrent_trials``
is v1's ``max_concurrent_runs or max_total_runs``, and each policy field is written (v2's
``BanditPolicy()`` sends ``evaluation_interval=0``, v1's default is 1). With ``estimator=``
HyperDrive removed the tuned parameters from the script parameters; the rendering leaves them out
too. Always unsafe: v1 HyperDrive appended ``<key> <value>`` service-side (facts A6), and a v2
sweep reads its primary metric from MLflow. Anything not read statically is manual, saying why.
``tests/test_v2_sweep.py`` proves each rendering against the v1 HyperDrive job.
"""

from __future__ import annotations

import ast
import keyword
import shlex
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from .. import sdk
from ..facts import CallFact, Keyword, ModuleFacts, Span, Value
from ..fixes import Edit
from .v2_command import Manual, NameFor, V2Command, script_run_config_as_command
from .v2_estimator import estimator_as_command
from ..records import replace

SWEEP = "azure.ai.ml.sweep"
#: HyperDriveConfig's parameters in signature order
_PARAMETERS = ("hyperparameter_sampling", "primary_metric_name", "primary_metric_goal", "max_total_runs",
               "max_concurrent_runs", "max_duration_minutes", "policy", "estimator", "run_config", "resume_from",
               "resume_child_runs", "pipeline", "debug_flag", "custom_run_id")
_WHY_NOT = {
    "resume_from": "v2 sweeps have no warm start from earlier HyperDrive runs",
    "resume_child_runs": "v2 sweeps cannot resume child runs of an earlier HyperDrive run",
    "pipeline": "a pipeline sweep is not rendered for v2",
    "debug_flag": "a private switch of the HyperDrive service",
    "custom_run_id": "v2 names a job with name=, which is not rendered for sweeps",
}
#: ``azureml.train.hyperdrive.runconfig.MAX_DURATION_MINUTES``: the default and the service's limit
V1_MAX_DURATION_MINUTES = 10080
_SAMPLINGS = {"RandomParameterSampling": "random", "GridParameterSampling": "grid",
              "BayesianParameterSampling": "bayesian"}
#: v1 parameter expression -> (v2 class, v1 parameters with the v2 keyword each becomes)
_EXPRESSIONS = {
    "randint": ("Randint", (("upper", "upper"),)),
    "uniform": ("Uniform", (("min_value", "min_value"), ("max_value", "max_value"))),
    "quniform": ("QUniform", (("min_value", "min_value"), ("max_value", "max_value"), ("q", "q"))),
    "loguniform": ("LogUniform", (("min_value", "min_value"), ("max_value", "max_value"))),
    "qloguniform": ("QLogUniform", (("min_value", "min_value"), ("max_value", "max_value"), ("q", "q"))),
    "normal": ("Normal", (("mu", "mu"), ("sigma", "sigma"))),
    "qnormal": ("QNormal", (("mu", "mu"), ("sigma", "sigma"), ("q", "q"))),
    "lognormal": ("LogNormal", (("mu", "mu"), ("sigma", "sigma"))),
    "qlognormal": ("QLogNormal", (("mu", "mu"), ("sigma", "sigma"), ("q", "q"))),
}
_EXPRESSION_MODULES = ("azureml.train.hyperdrive", "azureml.train.hyperdrive.parameter_expressions")
_POLICY_MODULES = ("azureml.train.hyperdrive", "azureml.train.hyperdrive.policy")
_GOAL_MODULES = ("azureml.train.hyperdrive", "azureml.train.hyperdrive.runconfig")
#: v1 policy -> its parameters in signature order with their defaults (``None``: required)
_POLICIES = {
    "BanditPolicy": (("evaluation_interval", 1), ("slack_factor", None), ("slack_amount", None),
                     ("delay_evaluation", 0)),
    "MedianStoppingPolicy": (("evaluation_interval", 1), ("delay_evaluation", 0)),
    "TruncationSelectionPolicy": (("truncation_percentage", None), ("evaluation_interval", 1),
                                  ("delay_evaluation", 0)),
}
APPENDED = ("v1 HyperDrive appended '<key> <value>' to the script's arguments for each sampled parameter "
            "(service-side, facts A6); the sweep writes '<key> ${{inputs.<name>}}' in the command")
MLFLOW = ("a v2 sweep reads the primary metric {metric!r} from MLflow: the script must log it with "
          "mlflow.log_metric (run.log is v1)")
TRUNCATION = ("v1 TruncationSelectionPolicy always sent exclude_finished_jobs=False; v2 has no such field and is "
              "assumed to do the same")


@dataclass(frozen=True)
class SweepRendering:
    """The edits that turn the HyperDriveConfig and its trial into a v2 sweep job, the code
    they write, the imports they need, and the assumptions the job's sameness rests on."""

    edits: Tuple[Edit, ...]
    code: str
    assumptions: Tuple[str, ...]


def trial_value(call: CallFact) -> Optional[Value]:
    """What a HyperDriveConfig sweeps: its ``run_config=`` or ``estimator=``."""
    return call.keyword("run_config").value if call.keyword("run_config") else (
        call.keyword("estimator").value if call.keyword("estimator") else None)


def reader_of(job: str, line: int, facts: ModuleFacts) -> Optional[CallFact]:
    """The HyperDriveConfig that reads ``job`` (bound at ``line``) as its only other use."""
    if facts.name_counts.get(job) != 2:
        return None
    for call in facts.calls:
        value = trial_value(call) if call.canonical == "HyperDriveConfig" else None
        if value is not None and value.text == job and call.span.line > line:
            return call
    return None


def render_sweep(call: CallFact, facts: ModuleFacts, name_for: NameFor) -> Union[SweepRendering, Manual]:
    """The v2 sweep job for ``hd = HyperDriveConfig(...)``, or why there is none."""
    site = call.site
    if site is None or site.target is None:
        return Manual("the HyperDriveConfig is not bound by a statement of its own (hd = HyperDriveConfig(...))")
    given = _given(call)
    if isinstance(given, Manual):
        return given
    trial = _trial(given, facts)
    if isinstance(trial, Manual):
        return trial
    trial_call, deleted = trial
    space = _space(given["hyperparameter_sampling"], facts, name_for, call.span.line)
    if isinstance(space, Manual):
        return space
    sampling, parameters, sampling_binding = space
    metric, goal = given.get("primary_metric_name"), _goal(given.get("primary_metric_goal"), facts)
    if isinstance(goal, Manual):
        return goal
    if metric is None or not metric.is_literal or not isinstance(metric.literal, str):
        return Manual("primary_metric_name= is not a string literal")
    limits = _limits(given)
    if isinstance(limits, Manual):
        return limits
    policy = _policy(given.get("policy"), facts, name_for, call.span.line)
    if isinstance(policy, Manual):
        return policy
    policy_code, policy_assumptions, policy_binding = policy
    if trial_call.canonical == "ScriptRunConfig":
        rendered = script_run_config_as_command(trial_call, name_for)
    else:
        tuned = {parameter_key.lstrip("-") for parameter_key, _, _ in parameters}
        rendered = estimator_as_command(_without_tuned(trial_call, tuned), name_for)
    if isinstance(rendered, Manual):
        return Manual(f"the trial {trial_call.canonical}(...) needs a manual rewrite first: {rendered.reason}")
    command = _swept_command(rendered, parameters)
    if isinstance(command, Manual):
        return command
    arguments, trial_timeout = command
    sweep_arguments = [f"primary_metric={metric.literal!r}", f"goal={goal!r}", f"sampling_algorithm={sampling!r}"]
    if policy_code is not None:
        sweep_arguments.append(f"early_termination_policy={policy_code}")
    total, concurrent, minutes = limits
    set_limits = (f"{site.target}.set_limits(max_total_trials={total!r}, max_concurrent_trials={concurrent!r}, "
                  f"timeout={minutes * 60!r}, trial_timeout={trial_timeout!r})")
    indent = site.indent
    callee = rendered.code[:rendered.code.index("(")]
    text = (f"{callee}(\n" + "".join(f"{indent}    {argument},\n" for argument in arguments)
            + f"{indent}).sweep(\n" + "".join(f"{indent}    {argument},\n" for argument in sweep_arguments)
            + f"{indent})\n{indent}{set_limits}")
    edits = [Edit(call.span, text)]
    # the statements of the trial, sampling and policy go; the comments inside them stay there
    if deleted:
        trial_site = trial_call.site
        edits.append(_deletion(trial_site.span, trial_site.indent,
                               tuple(comment for _, _, comment in trial_site.comments)))
    for binding in (sampling_binding, policy_binding):
        if binding is not None:
            where, _, comments = binding
            edits.append(_deletion(where, " " * where.col, comments))
    code = (f"{site.target} = {callee}({', '.join(arguments)}).sweep({', '.join(sweep_arguments)})\n{set_limits}")
    assumptions = (*rendered.assumptions, APPENDED, MLFLOW.format(metric=metric.literal), *policy_assumptions)
    return SweepRendering(tuple(edits), code, tuple(dict.fromkeys(assumptions)))


def _deletion(where: Span, indent: str, comments: Tuple[str, ...]) -> Edit:
    return Edit(Span(where.line, 0, where.end_line + 1, 0), "".join(f"{indent}{comment}\n" for comment in comments))


Binding = Tuple[Span, str, Tuple[str, ...]]


def _bound(value: Value, facts: ModuleFacts, line: int, what: str) -> Union[Binding, Manual]:
    """The top-level statement binding ``value`` (a name) to a call, when HyperDriveConfig at
    ``line`` is that name's only reader and so can take the call into its own."""
    binding = facts.call_bindings.get(value.text)
    if binding is None or facts.name_counts.get(value.text) != 2 or binding[0].line >= line:
        return Manual(f"the {what} {value.text} is not bound once, by a top-level statement of its own before the "
                      "HyperDriveConfig, and read only there (it may be changed before the submission)")
    return binding


def _given(call: CallFact) -> Union[Dict[str, Value], Manual]:
    if call.has_star_args or call.has_star_kwargs or len(call.args) > len(_PARAMETERS):
        return Manual("arguments passed with * or ** are not read statically")
    given: Dict[str, Value] = dict(zip(_PARAMETERS, call.args))
    for passed in call.keywords:
        if passed.name in given or passed.name not in _PARAMETERS:
            return Manual(f"the SDK rejects {passed.name}= here")
        given[passed.name] = passed.value
    for name, value in given.items():
        if name in _WHY_NOT and not (value.is_literal and value.literal is None):
            return Manual(f"{name}=: {_WHY_NOT[name]}")
    missing = [name for name in _PARAMETERS[:4] if name not in given]
    if missing:
        return Manual(f"the SDK rejects the call: {', '.join(missing)} missing")
    if ("estimator" in given) == ("run_config" in given):
        return Manual("the SDK takes exactly one of estimator= and run_config=")
    return given


def _trial(given: Dict[str, Value], facts: ModuleFacts) -> Union[Tuple[CallFact, bool], Manual]:
    """The job call HyperDrive sweeps, and whether its own statement is to be deleted."""
    value = given.get("run_config") or given["estimator"]
    call = value.call
    wanted = {"ScriptRunConfig"} if "run_config" in given else sdk.ESTIMATORS
    if call is None or call.canonical not in wanted:
        return Manual(f"{value.text} is not a {' or '.join(sorted(wanted))} call of this module")
    if not value.text.isidentifier():
        return call, False
    record = next((found for found in facts.calls if found.span == call.span and found.canonical == call.canonical),
                  None)
    if (record is None or record.site is None or record.site.target != value.text
            or facts.name_counts.get(value.text) != 2):
        return Manual(f"{value.text} is used again, or not bound once by a statement of its own: the sweep takes "
                      "its place, so HyperDrive must be its only reader")
    return record, True


def _without_tuned(call: CallFact, tuned: set) -> CallFact:
    """The estimator call as HyperDrive read it: tuned parameters left out of script_params
    (``HyperDriveConfig._remove_duplicate_arguments``, for estimators only)."""
    found = call.keyword("script_params")
    if found is None or not found.value.is_literal or not isinstance(found.value.literal, dict):
        return call
    kept = {key: value for key, value in found.value.literal.items()
            if not (isinstance(key, str) and key.lstrip("-") in tuned)}
    replaced = Keyword(found.name, found.span, replace(found.value, literal=kept))
    return replace(call, keywords=tuple(replaced if item is found else item for item in call.keywords))


def _parsed(value: Value) -> Optional[ast.expr]:
    try:
        return ast.parse(value.text.strip(), mode="eval").body
    except SyntaxError:
        return None


def _resolves(node: ast.expr, facts: ModuleFacts, modules: Sequence[str], names: Sequence[str]) -> Optional[str]:
    """The v1 name ``node`` (a bare name) is bound to by ``from <module> import <name>``."""
    if not isinstance(node, ast.Name):
        return None
    sources = facts.name_sources.get(node.id) or set()
    found = [path.rsplit(".", 1) for path in sources if "." in path]
    if len(sources) != 1 or len(found) != 1:
        return None
    module, name = found[0]
    return name if module in modules and name in names else None


def _literal(node: ast.expr) -> Any:
    return ast.literal_eval(node)


def _space(value: Value, facts: ModuleFacts, name_for: NameFor,
           line: int) -> Union[Tuple[str, List[Tuple[str, str, str]], Optional[Binding]], Manual]:
    """The sampling algorithm, each parameter as (v1 key, v2 input name, v2 distribution), and
    the statement binding the sampling when it is bound to a name."""
    call = value.call
    if call is None or call.canonical not in _SAMPLINGS:
        return Manual(f"hyperparameter_sampling={value.text} is not a parameter sampling call of this module")
    binding: Optional[Binding] = None
    if value.text.isidentifier():
        found = _bound(value, facts, line, "sampling")
        if isinstance(found, Manual):
            return found
        binding = found
    if call.has_star_args or call.has_star_kwargs or len(call.args) > 2 or any(
            passed.name not in ("parameter_space", "properties") for passed in call.keywords):
        return Manual(f"{call.canonical}: its arguments are not read statically")
    properties = call.argument("properties", 1)
    if properties is not None and not (properties.is_literal and properties.literal is None):
        return Manual(f"{call.canonical}(properties=...): seeds and rules are not rendered for v2")
    space = call.argument("parameter_space", 0)
    node = _parsed(space) if space is not None else None
    if not isinstance(node, ast.Dict) or not node.keys or None in node.keys:
        return Manual(f"{call.canonical}: the parameter space is not a dict display")
    parameters: List[Tuple[str, str, str]] = []
    for key_node, expression in zip(node.keys, node.values):
        key = key_node.value if isinstance(key_node, ast.Constant) else None
        if not isinstance(key, str):
            return Manual("a parameter name is not a string literal")
        name = key.lstrip("-").replace("-", "_")
        if not name.isidentifier() or keyword.iskeyword(name) or shlex.quote(key) != key:
            return Manual(f"the parameter {key!r} makes no v2 input name (or needs shell quoting)")
        if name in (found for _, found, _ in parameters):
            return Manual(f"two parameters are both named {name!r} in v2")
        distribution = _distribution(key, expression, facts, name_for)
        if isinstance(distribution, Manual):
            return distribution
        parameters.append((key, name, distribution))
    return _SAMPLINGS[call.canonical], parameters, binding


def _distribution(key: str, node: ast.expr, facts: ModuleFacts, name_for: NameFor) -> Union[str, Manual]:
    function = _resolves(node.func, facts, _EXPRESSION_MODULES, ("choice", *_EXPRESSIONS)) if isinstance(
        node, ast.Call) else None
    if function is None or not isinstance(node, ast.Call):
        return Manual(f"{key}: only choice(...), uniform(...) and the other parameter expressions of "
                      "azureml.train.hyperdrive, imported by name and called with literals, are rendered")
    try:
        arguments = [_literal(item) for item in node.args]
        keywords = {item.arg: _literal(item.value) for item in node.keywords if item.arg}
    except ValueError:
        return Manual(f"{key}: {function}(...) is not called with literals")
    if len(keywords) != len(node.keywords) or any(isinstance(item, ast.Starred) for item in node.args):
        return Manual(f"{key}: {function}(...) is called with * or **")
    if function == "choice":
        if keywords:
            return Manual(f"{key}: choice() takes its options by position")
        options = arguments[0] if len(arguments) == 1 and isinstance(arguments[0], list) else arguments
        if not options or any(isinstance(item, bool) or not isinstance(item, (int, float, str)) for item in options):
            return Manual(f"{key}: choice() options must be numbers or strings")
        if any(isinstance(item, str) and (shlex.quote(item) != item or "${{" in item) for item in options):
            return Manual(f"{key}: a choice() string would be split or expanded by the v2 shell")
        return f"{name_for(SWEEP, 'Choice')}({list(options)!r})"
    v2_class, parameters = _EXPRESSIONS[function]
    if len(arguments) > len(parameters) or any(name not in (v1 for v1, _ in parameters) for name in keywords):
        return Manual(f"{key}: the SDK rejects this {function}(...) call")
    values = dict(zip((v1 for v1, _ in parameters), arguments), **keywords)
    if set(values) != {v1 for v1, _ in parameters} or any(
            isinstance(item, bool) or not isinstance(item, (int, float)) for item in values.values()):
        return Manual(f"{key}: {function}(...) needs every bound as a number")
    return f"{name_for(SWEEP, v2_class)}(" + ", ".join(f"{v2}={values[v1]!r}" for v1, v2 in parameters) + ")"


def _goal(value: Optional[Value], facts: ModuleFacts) -> Union[str, Manual]:
    node = _parsed(value) if value is not None else None
    if (isinstance(node, ast.Attribute) and node.attr in ("MAXIMIZE", "MINIMIZE")
            and _resolves(node.value, facts, _GOAL_MODULES, ("PrimaryMetricGoal",))):
        return node.attr.lower()
    return Manual("primary_metric_goal= is not PrimaryMetricGoal.MAXIMIZE or .MINIMIZE")


def _number(value: Optional[Value], name: str, default: Optional[int]) -> Union[Optional[int], Manual]:
    if value is None:
        return default
    literal = value.literal if value.is_literal else Manual(f"{name}= is not a literal")
    if isinstance(literal, Manual):
        return literal
    if literal is None:
        return default
    if isinstance(literal, bool) or not isinstance(literal, int) or literal < 0:
        return Manual(f"{name}= is not a whole number")
    return literal


def _limits(given: Dict[str, Value]) -> Union[Tuple[int, int, int], Manual]:
    total = _number(given.get("max_total_runs"), "max_total_runs", None)
    concurrent = _number(given.get("max_concurrent_runs"), "max_concurrent_runs", None)
    minutes = _number(given.get("max_duration_minutes"), "max_duration_minutes", V1_MAX_DURATION_MINUTES)
    for found in (total, concurrent, minutes):
        if isinstance(found, Manual):
            return found
    if not total or minutes is None:
        return Manual("max_total_runs= must be a positive whole number")
    assert isinstance(total, int) and isinstance(minutes, int)
    if minutes > V1_MAX_DURATION_MINUTES:
        return Manual(f"max_duration_minutes={minutes}: the v1 service cut it to {V1_MAX_DURATION_MINUTES}; v2 "
                      "takes longer sweeps, so choose the timeout by hand")
    # HyperDriveConfig: ``max_concurrent_runs or max_total_runs``
    return total, concurrent or total, minutes


def _policy(value: Optional[Value], facts: ModuleFacts, name_for: NameFor,
            line: int) -> Union[Tuple[Optional[str], Tuple[str, ...], Optional[Binding]], Manual]:
    """The v2 policy with every field written (None for none), the assumptions it rests on,
    and the statement binding it when it is bound to a name."""
    if value is None or value.is_literal and value.literal is None:
        return None, (), None
    binding: Optional[Binding] = None
    if value.text.isidentifier():
        found = _bound(value, facts, line, "policy")
        if isinstance(found, Manual):
            return found
        binding = found
        value = Value(found[1])
    found_policy = _policy_call(value, facts, name_for)
    if isinstance(found_policy, Manual):
        return found_policy
    return (*found_policy, binding)


def _policy_call(value: Value, facts: ModuleFacts,
                 name_for: NameFor) -> Union[Tuple[Optional[str], Tuple[str, ...]], Manual]:
    node = _parsed(value)
    kind = _resolves(node.func, facts, _POLICY_MODULES, (*_POLICIES, "NoTerminationPolicy")) if isinstance(
        node, ast.Call) else None
    if kind is None or not isinstance(node, ast.Call):
        return Manual(f"policy={value.text} is not a policy of azureml.train.hyperdrive called by its name")
    if kind == "NoTerminationPolicy":
        return (None, ()) if not node.args and not node.keywords else Manual("NoTerminationPolicy takes nothing")
    table = _POLICIES[kind]
    try:
        given = dict(zip((name for name, _ in table), (_literal(item) for item in node.args)))
        given.update((item.arg, _literal(item.value)) for item in node.keywords if item.arg)
    except ValueError:
        return Manual(f"{kind}(...) is not called with literals")
    if (len(node.args) > len(table) or any(item.arg is None for item in node.keywords)
            or any(name not in dict(table) for name in given)):
        return Manual(f"the SDK rejects this {kind}(...) call")
    values = dict(table, **given)
    written: List[Tuple[str, Any]] = []
    if kind == "BanditPolicy":
        factor, amount = values["slack_factor"], values["slack_amount"]
        if (factor is None and amount is None) or (factor and amount):
            return Manual("the SDK rejects a BanditPolicy without exactly one of slack_factor and slack_amount")
        # BanditPolicy: ``if slack_factor:`` sends the factor, else the amount
        written.append(("slack_factor", factor) if factor else ("slack_amount", amount))
    if kind == "TruncationSelectionPolicy":
        written.append(("truncation_percentage", values["truncation_percentage"]))
    written += [(name, values[name]) for name in ("evaluation_interval", "delay_evaluation")]
    if any(isinstance(number, bool) or not isinstance(number, (int, float)) for _, number in written):
        return Manual(f"{kind}(...): every field must be a number")
    code = f"{name_for(SWEEP, kind)}(" + ", ".join(f"{name}={number!r}" for name, number in written) + ")"
    return code, ((TRUNCATION,) if kind == "TruncationSelectionPolicy" else ())


def _swept_command(rendered: V2Command, parameters: List[Tuple[str, str, str]]) -> Union[Tuple[List[str], int], Manual]:
    """The trial's ``command(...)`` arguments with the tuned parameters appended as inputs and
    its timeout taken out (``.sweep()`` drops it; it becomes the trial timeout)."""
    arguments: List[str] = []
    timeout: Optional[int] = None
    entries = ", ".join(f"{name!r}: {distribution}" for _, name, distribution in parameters)
    appended = "".join(f" {key} ${{{{inputs.{name}}}}}" for key, name, _ in parameters)
    has_inputs = False
    for argument in rendered.arguments:
        keyword_name, _, text = argument.partition("=")
        if keyword_name == "timeout":
            timeout = ast.literal_eval(text)
            continue
        if keyword_name == "command":
            argument = f"command={ast.literal_eval(text) + appended!r}"
        elif keyword_name == "inputs":
            node = _parsed(Value(text))
            if not isinstance(node, ast.Dict) or None in node.keys:
                return Manual("the trial's inputs are not a dict display")
            taken = {key.value for key in node.keys if isinstance(key, ast.Constant)}
            clash = taken & {name for _, name, _ in parameters}
            if clash:
                return Manual(f"{', '.join(sorted(clash))} is both a data input and a tuned parameter in v2")
            argument = f"inputs={text.rstrip()[:-1].rstrip()}, {entries}}}" if taken else f"inputs={{{entries}}}"
            has_inputs = True
        arguments.append(argument)
    if not has_inputs:
        where = next(index for index, argument in enumerate(arguments) if argument.startswith("command="))
        arguments.insert(where + 1, f"inputs={{{entries}}}")
    if not isinstance(timeout, int):
        return Manual("the trial's timeout is not known")
    return arguments, timeout
