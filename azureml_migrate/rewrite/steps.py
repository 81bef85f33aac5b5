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
from ..facts import CallFact, Keyword, ModuleFacts, Value
from ..fixes import Applicability, Edit, Fix, Import, manual
from ..settings import DEFAULT_LINE_LENGTH
from .code import Blocked, source_code
from .estimator import rewrite, within
from .layout import call as call_code, expression
from .plan import Names
from ..records import replace

#: EstimatorStep parameters PythonScriptStep takes as they are
_CARRIED = ("name", "compute_target", "runconfig_pipeline_params", "inputs", "outputs", "allow_reuse", "version")
_KNOWN = frozenset(_CARRIED) | {"estimator", "estimator_entry_script_arguments"}
_STEPS = "azureml.pipeline.steps"


def step_fix(call: CallFact, facts: ModuleFacts, line_length: int = DEFAULT_LINE_LENGTH) -> Fix:
    """The step's own fix; an EstimatorStep whose estimator is rewritten with it gets the group's
    (``groups.fix_for_consumer``)."""
    title = f"replace {call.canonical}(...) with PythonScriptStep(...)"
    if call.canonical == "MpiStep":
        try:
            return _mpi_step_fix(call, facts, title, line_length)
        except Blocked as blocked:
            return manual(title, str(blocked), brief=blocked.brief)
    reason = _blocked(call)
    if reason:
        return manual(title, reason)
    estimator = call.argument("estimator")
    source = estimator.call
    assumptions: List[str] = [_STEP_LABEL.format(step="EstimatorStep")[:-1] + (
        ", and the run configuration keeps the script and target EstimatorStep blanked, which the step's own "
        "script_name and compute_target decide)")]
    if facts.name_counts.get(estimator.text, 0) > 2:
        # bound once and read here once: any other reader sees what EstimatorStep did to it
        return manual(title, f"EstimatorStep blanks the target, arguments and data references of "
                             f"{estimator.text}.run_config in place, and {estimator.text} is read elsewhere too, "
                             "which sees that; PythonScriptStep leaves the run configuration whole: give the step "
                             "an estimator of its own, then rewrite",
                      brief=f"{estimator.text} is read elsewhere too: give the step an estimator of its own")
    if source.canonical in sdk.ESTIMATORS:
        # the estimator's own rewrite is in this fix's group, which settles how far both are trusted
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
    step = _step_import(facts)
    text = laid_out(call, step.bound, parts, line_length)
    return Fix(Applicability.UNSAFE, title, (Edit(call.span, text),), (step,), "; ".join(assumptions), text)


def laid_out(call: CallFact, callee: str, arguments: List[str], line_length: int) -> str:
    """``callee(arguments)`` in the place of ``call``, laid out to ``line_length``, with the
    comments the call held (it is replaced whole)."""
    site = call.site
    comments = [text for _, _, text in within(site.comments, call.span)] if site is not None else []
    indent = site.indent if site is not None and site.span.line == call.span.line else ""
    return expression(call_code(callee, arguments, comments), indent, call.span.col, line_length)


def _step_import(facts: ModuleFacts) -> Import:
    return Names("step", facts).imported(_STEPS, "PythonScriptStep")


#: MpiStep parameters handed to the Estimator it builds, by the Estimator's name for them
_MPI_ESTIMATOR = {"source_directory": "source_directory", "compute_target": "compute_target",
                  "script_name": "entry_script", "node_count": "node_count",
                  "process_count_per_node": "process_count_per_node", "use_gpu": "use_gpu",
                  "use_docker": "use_docker", "custom_docker_image": "custom_docker_image",
                  "image_registry_details": "image_registry_details", "user_managed": "user_managed",
                  "conda_packages": "conda_packages", "pip_packages": "pip_packages",
                  "pip_requirements_file_path": "pip_requirements_file_path",
                  "environment_definition": "environment_definition"}
#: MpiStep parameters PythonScriptStep takes as they are (environment_variables become params)
_MPI_CARRIED = ("name", "arguments", "compute_target", "inputs", "outputs", "allow_reuse", "version", "hash_paths")
_STEP_LABEL = ("the service runs a PythonScriptStep node as it ran the {step} node it replaces (the same script, "
               "arguments and run configuration; the step-type label differs)")


def _mpi_step_fix(call: CallFact, facts: ModuleFacts, title: str, line_length: int) -> Fix:
    """MpiStep built an Estimator(distributed_backend='mpi', ...) from its parameters and passed
    that estimator's run configuration to PythonScriptStep: the rewrite builds the same
    configuration as a ScriptRunConfig and passes its run_config."""
    if call.has_star_kwargs or call.args:
        raise Blocked("the call passes positional arguments or **kwargs: which parameters it sets cannot be seen here")
    known = set(_MPI_ESTIMATOR) | set(_MPI_CARRIED) | {"environment_variables"}
    unknown = [keyword.name for keyword in call.keywords if keyword.name not in known]
    if unknown:
        raise Blocked(f"MpiStep has no parameter {unknown[0]!r} this tool knows a faithful rewrite of")
    for required in ("name", "source_directory", "script_name", "arguments", "compute_target", "node_count",
                     "process_count_per_node"):
        if call.argument(required) is None:
            raise Blocked(f"the SDK rejects an MpiStep without {required}")
    for count in ("node_count", "process_count_per_node"):
        value = call.argument(count)
        if not (value.is_literal and isinstance(value.literal, int)):
            raise Blocked(f"{count}={value.text} is not a number written here: a PipelineParameter becomes a "
                          "runconfig_pipeline_params entry the rewrite does not reproduce")
    keywords = [Keyword(_MPI_ESTIMATOR[keyword.name], keyword.span, keyword.value)
                for keyword in call.keywords if keyword.name in _MPI_ESTIMATOR]
    keywords.append(Keyword("distributed_backend", call.span, Value("'mpi'", "mpi")))
    estimator = replace(call, canonical="Estimator", keywords=tuple(keywords), args=())
    step_import = _step_import(facts)

    def step(src: str, width: int) -> str:
        parts = [f"script_name={source_code(call.argument('script_name'))}"]
        parts += [f"{name}={source_code(call.argument(name))}" for name in _MPI_CARRIED
                  if call.argument(name) is not None]
        variables = call.argument("environment_variables")
        if variables is not None:
            # MpiStep passed them as step parameters (AML_PARAMETER_<name>), not as variables
            parts.append(f"params={source_code(variables)}")
        parts.append(f"runconfig={src}.run_config")
        parts.append(f"source_directory={source_code(call.argument('source_directory'))}")
        return laid_out(call, step_import.bound, parts, width)

    return rewrite(estimator, facts, title, wrap=step, assumptions=(_STEP_LABEL.format(step="MpiStep"),),
                   imports=(step_import,), line_length=line_length)


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
