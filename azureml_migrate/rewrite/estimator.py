"""An Estimator call rewritten into the ScriptRunConfig code that submits the same job.

The rewrite replays, with public SDK calls, what the estimator's constructor did with each
parameter (``azureml/train/_estimator_helper.py`` and the framework estimators): the same
CondaDependencies calls in the same order, the framework scenario's image and packages, the
Docker setting the estimator defaulted to, PyTorch's implicit ``NCCL_TREE_THRESHOLD``, data
references bound once and registered in the run configuration. What it cannot replay
faithfully makes the fix manual, with the reason; what rests on an assumption makes it unsafe.
``tests/test_fix_sdk_proof.py`` builds both jobs with the real SDK and compares them whole.
"""

from __future__ import annotations

import dataclasses
from typing import AbstractSet, Callable, Iterable, List, Optional, Tuple, Union

from ..facts import CallFact, ModuleFacts, Span, Value, ValueKind
from ..fixes import Applicability, Edit, Fix, Import, manual
from .code import Blocked, literal_code, source_code
from .distributed import distributed_job_config
from .environment import environment, may_run_prebuilt_image
from .layout import (Atom, Bracketed, Statement, call as call_code, keyword as keyword_code, listing, render,
                     split_call, substituted)
from .plan import CORE, RUNCONFIG, Names, Plan, SharedEnvironment, falsy, held_display_reaches, is_none, one_line
from ..records import replace
from ..settings import DEFAULT_LINE_LENGTH
from .usage import Tuning, stripped, tuning

#: every parameter an estimator constructor takes, and what becomes of it
_HANDLED = frozenset({
    "source_directory", "compute_target", "entry_script", "script_params", "node_count",
    "process_count_per_node", "distributed_backend", "distributed_training", "use_gpu", "use_docker",
    "custom_docker_base_image", "custom_docker_image", "image_registry_details", "user_managed",
    "conda_packages", "pip_packages", "conda_dependencies_file_path", "pip_requirements_file_path",
    "conda_dependencies_file", "pip_requirements_file", "environment_variables", "environment_definition",
    "inputs", "shm_size", "resume_from", "max_run_duration_seconds", "framework_version",
    "worker_count", "parameter_server_count",
})
#: client-side switches with no effect on the job
_DROPPED = frozenset({"_disable_validation", "_show_lint_warnings", "_show_package_warnings"})
#: parameters with no faithful rewrite: (why, what a message says to do)
_MANUAL = {
    "vm_size": ("vm_size asks for run-based compute, which ScriptRunConfig cannot create: create an AmlCompute "
                "cluster and pass it as compute_target",
                "vm_size: create an AmlCompute cluster and pass it as compute_target"),
    "vm_priority": ("vm_priority belongs to run-based compute, which ScriptRunConfig cannot create: set it on "
                    "an AmlCompute cluster and pass that as compute_target",
                    "vm_priority: set it on an AmlCompute cluster and pass that as compute_target"),
    "source_directory_data_store": ("source_directory_data_store has no ScriptRunConfig parameter, and the "
                                    "data reference the estimator built for it comes from a private SDK method",
                                    "set src.run_config.source_directory_data_store by hand"),
    "_enable_optimized_mode": ("_enable_optimized_mode (incremental build on a prebuilt framework image) has "
                               "no ScriptRunConfig equivalent", ""),
}
_ENVIRONMENT_PARAMETERS = ("pip_packages", "conda_packages", "conda_dependencies_file", "conda_dependencies_file_path",
                           "pip_requirements_file", "pip_requirements_file_path", "custom_docker_image",
                           "custom_docker_base_image", "image_registry_details", "use_gpu", "user_managed", "shm_size",
                           "environment_variables")

_DISTRIBUTED = ("node_count", "process_count_per_node", "distributed_backend", "distributed_training",
                "worker_count", "parameter_server_count")


def estimator_fix(call: CallFact, facts: ModuleFacts, line_length: int = DEFAULT_LINE_LENGTH,
                  shared: Optional[SharedEnvironment] = None) -> Fix:
    """The fix for an estimator call: the ScriptRunConfig statements, or why there is none;
    ``shared``: the module's Environment of the same specification it writes or reuses."""
    title = f"replace {call.canonical}(...) with ScriptRunConfig(...)"
    try:
        return rewrite(call, facts, title, line_length=line_length, shared=shared)
    except Blocked as blocked:
        return manual(title, str(blocked), brief=blocked.brief)


def rewrite(call: CallFact, facts: ModuleFacts, title: str, wrap: Optional[Callable[[str, int], str]] = None,
            assumptions: Tuple[str, ...] = (), imports: Tuple[Import, ...] = (),
            line_length: int = DEFAULT_LINE_LENGTH, shared: Optional[SharedEnvironment] = None) -> Fix:
    """The ScriptRunConfig statements for an estimator call, placed before the call's statement
    and laid out to ``line_length``.

    ``wrap`` turns the ScriptRunConfig's name and the line length into the expression that
    replaces the call (a step built from it); without it the call becomes the name, or the
    statement ``name = Estimator(...)`` becomes the rewrite. Raises ``Blocked``.
    """
    site = call.site
    if site is None:
        raise Blocked("the call is not a statement of its own (it sits in a compound statement's header, a "
                      "lambda, a comprehension or after ';'): move it into an assignment first",
                      "the call is not a statement of its own: move it into an assignment first")
    _check_parameters(call)
    target = site.target if wrap is None else None
    later_edits: Tuple[Edit, ...] = ()
    if target is not None:
        later_edits = _later_reads(call, facts, target, site.span.end_line)
    plan = Plan(call, Names(target or "src", facts), facts, line_length, shared=shared)
    plan.assumptions.extend(assumptions)
    plan.imports.extend(imports)
    environment(plan)
    _script_run_config_arguments(plan)
    src = target or plan.names.new("config")
    srcs = plan.need(CORE, "ScriptRunConfig")
    statement = Statement(f"{src} = ", call_code(srcs, plan.arguments))
    indent = site.indent
    # the replaced text's comments (the whole statement's, or the call's when only it is
    # replaced) stay, above the statements that replace it; ``wrap`` keeps the call's itself
    kept = site.comments if target is not None else () if wrap is not None else within(site.comments, call.span)
    lines = [comment for _, _, comment in kept] + [
        render(line, len(indent), line_length)
        for line in plan.before + [statement] + [_named(line, src) for line in plan.after + plan.last]]
    text = "".join(f"{indent}{line}\n" if index else f"{line}\n"
                   for index, line in enumerate(_indented(lines, indent)))
    code = "\n".join(lines)
    if shared is not None and not shared.define:
        code = f"# {shared.name}: the same Environment, written by {shared.writer}\n{code}"
    if target is not None:
        # the statement is exactly ``target = Estimator(...)``: it becomes the rewrite
        edits = (Edit(site.span, text.rstrip("\n")),) + later_edits
    else:
        replacement = wrap(src, line_length) if wrap is not None else src
        start = Edit.insert(site.span.line, site.span.col, text + indent)
        edits = (start, Edit(call.span, replacement))
        code += f"\n# ... then {replacement} where the call was"
    # a deletion ending where the statements are inserted would be two edits at one point
    deleted = [(name, span) for name, span in plan.deleted
               if wrap is None and (target is not None or span.end_line < site.span.line)]
    edits += tuple(Edit(span, "", optional=True) for _, span in deleted)
    code += "".join(f"\n# ... and {name} = {{...}}, which only the call read, is deleted" for name, _ in deleted)
    applicability = Applicability.UNSAFE if plan.assumptions else Applicability.SAFE
    reason = "; ".join(dict.fromkeys(plan.assumptions))
    parts = tuple((name, " ".join(text.replace("{src}", src).split())) for name, text in plan.parts)
    return Fix(applicability, title, edits, tuple(dict.fromkeys(plan.imports)), reason, code, parts)


def _named(line: Union[str, Statement], src: str) -> Union[str, Statement]:
    """An ``after`` statement with the ScriptRunConfig's name for ``{src}``."""
    if isinstance(line, Statement):
        return dataclasses.replace(line, head=line.head.replace("{src}", src),
                                   body=substituted(line.body, "{src}", src))
    return line.replace("{src}", src)


def within(comments: Tuple[Tuple[int, int, str], ...], span: Span) -> Tuple[Tuple[int, int, str], ...]:
    """The comments of a statement inside ``span`` (those a replacement of that span would drop)."""
    return tuple(comment for comment in comments
                 if (span.line, span.col) <= comment[:2] < (span.end_line, span.end_col))


def _indented(lines: List[str], indent: str) -> List[str]:
    """Multi-line statements (a ``for`` with its body) get the site's indentation inside too."""
    out: List[str] = []
    for line in lines:
        parts = line.split("\n")
        out.append(parts[0] + "".join(f"\n{indent}{part}" for part in parts[1:]))
    return out


#: what code may read from the rewritten name afterwards: ScriptRunConfig has it too, and the
#: job reads it at submission as the estimator's did
_READABLE_LATER = frozenset({"run_config"})
#: estimator attributes that are only a path into the run configuration, which a ScriptRunConfig
#: holds too (``_mml_base_estimator``: ``conda_dependencies`` returns
#: ``self.run_config.environment.python.conda_dependencies``, the very object the rewrite's
#: Environment holds; ``run_config`` returns ``self._estimator_config``, which microsoft/AzureML-BERT's
#: notebooks change directly)
_READ_THROUGH_RUN_CONFIG = {"conda_dependencies": "run_config.environment.python.conda_dependencies",
                            "_estimator_config": "run_config"}


def _later_reads(call: CallFact, facts: ModuleFacts, name: str, after_line: int) -> Tuple[Edit, ...]:
    """The estimator's own attributes read after the call would fail on a ScriptRunConfig: a
    property that is a path into the run configuration (``est.conda_dependencies``) is read
    through that path instead, when no other estimator statement binds the name (the read is
    then this call's object); any other attribute leaves the call to the user."""
    reads = [(attribute, span) for reader, attribute, line, span in facts.attribute_reads
             if reader == name and line > after_line and attribute not in _READABLE_LATER]
    if not reads:
        return ()
    rebinding = any(other.site is not None and other.site.target == name and other.span != call.span
                    for other in facts.calls)
    read = sorted({attribute for attribute, span in reads
                   if attribute not in _READ_THROUGH_RUN_CONFIG or span is None or rebinding})
    if not read and reads and may_run_prebuilt_image(call):
        raise Blocked(f"{name}.{reads[0][0]} is used after the call, but if "
                      f"{source_code(call.argument('compute_target'))} is an AmlCompute cluster the estimator ran "
                      "its prebuilt framework image with user-managed dependencies, where those changes had no "
                      "effect; the rewrite's Environment would build them: pass the packages you need as "
                      "pip_packages or conda_packages of the estimator (or a string compute target) first",
                      f"{name}.{reads[0][0]} is used later: pass its packages as the estimator's pip_packages")
    if not read:
        return tuple(Edit(span, f"{name}.{_READ_THROUGH_RUN_CONFIG[attribute]}") for attribute, span in reads)
    raise Blocked(f"{name}.{read[0]} is read later: change that code to read src.run_config first; "
                  "a ScriptRunConfig has no such attribute",
                  f"{name}.{read[0]} is read later: read src.run_config there")


def _check_parameters(call: CallFact) -> None:
    if call.has_star_kwargs:
        raise Blocked("the call passes **kwargs: which estimator parameters it sets cannot be seen here",
                      "the call passes **kwargs: write its parameters out")
    if len(call.args) > 1:
        raise Blocked("the call passes more than source_directory by position")
    for keyword in call.keywords:
        if keyword.name in _MANUAL:
            raise Blocked(*_MANUAL[keyword.name])
        if keyword.name not in _HANDLED and keyword.name not in _DROPPED:
            raise Blocked(f"{call.canonical} has no parameter {keyword.name!r} this tool knows a faithful rewrite of")
    if call.argument("compute_target") is None or is_none(call.argument("compute_target")):
        raise Blocked("no compute_target: create an AmlCompute cluster and pass it as compute_target; the "
                      "estimator asked for run-based 'amlcompute' compute, which ScriptRunConfig cannot create")
    script = call.argument("entry_script")
    if script is None or is_none(script):
        raise Blocked("no entry_script: pass the training script as entry_script, then run fix again")
    if script.is_literal and isinstance(script.literal, str) and script.literal.endswith(".ipynb"):
        raise Blocked("entry_script is a notebook: convert it to a .py script; it ran through "
                      "azureml.contrib.notebook, which ScriptRunConfig has no equivalent of")
    definition = call.argument("environment_definition")
    if definition is not None and not is_none(definition):
        clashing = [name for name in _ENVIRONMENT_PARAMETERS
                    if call.keyword(name) is not None and not falsy(call.argument(name))]
        if clashing:
            raise Blocked(f"the SDK rejects environment_definition together with {', '.join(clashing)}")
    files = [name for name in ("conda_dependencies_file", "conda_dependencies_file_path") if call.keyword(name)]
    packages = [name for name in ("pip_packages", "conda_packages", "pip_requirements_file",
                                  "pip_requirements_file_path") if call.keyword(name)]
    if files and packages:
        raise Blocked(f"the SDK rejects {files[0]} together with {', '.join(packages)}: decide which one "
                      "defines the environment")
    use_docker = call.argument("use_docker")
    images = [name for name in ("custom_docker_image", "custom_docker_base_image") if call.keyword(name)]
    if use_docker is not None and use_docker.is_literal and use_docker.literal is False and images:
        raise Blocked(f"the SDK rejects use_docker=False together with {images[0]}")
    user_managed = call.argument("user_managed")
    if user_managed is not None and not (user_managed.is_literal and user_managed.literal is False) and (
            packages or files):
        raise Blocked(f"the SDK rejects user_managed together with {', '.join(packages + files)}")


# -- ScriptRunConfig's own arguments -----------------------------------------------------------
def _script_run_config_arguments(plan: Plan) -> None:
    call = plan.call
    source = call.argument("source_directory", 0)
    environment = plan.arguments.pop()
    plan.arguments.append(f"source_directory={source_code(source) if source is not None else repr('.')}")
    plan.arguments.append(f"script={source_code(call.argument('entry_script'))}")
    params = call.argument("script_params")
    if params is not None and not is_none(params):
        bound, registered = len(plan.before), len(plan.after)
        arguments = _arguments(plan, params)
        unread = _read_only_here(plan, params)
        if unread is not None:
            plan.deleted.append((params.text, unread))
        written = plan.before[bound:] + plan.after[registered:]
        if arguments.items:
            plan.arguments.append(keyword_code("arguments", arguments))
            written.insert(len(plan.before) - bound, plan.arguments[-1])
        plan.part("script_params", *(written or ["script_params left out: it passes no arguments"]))
    plan.arguments.append(f"compute_target={source_code(call.argument('compute_target'))}")
    plan.arguments.append(environment)
    distributed = distributed_job_config(call, plan)
    if distributed is not None:
        plan.arguments.append(keyword_code("distributed_job_config", split_call(distributed)))
        plan.part(_DISTRIBUTED, plan.arguments[-1])
    plan.part(_DISTRIBUTED, *[line for line in plan.after if ".node_count = " in one_line(line)])
    definition = call.argument("environment_definition")
    if definition is None or is_none(definition):
        use_docker = call.argument("use_docker")
        docker = [f"use_docker={source_code(use_docker) if use_docker is not None else 'True'}"]
        shm = call.argument("shm_size")
        if shm is not None and not is_none(shm):
            docker.append(f"shm_size={source_code(shm)}")
        docker_configuration = plan.need(RUNCONFIG, "DockerConfiguration")
        plan.arguments.append(keyword_code("docker_runtime_config", call_code(docker_configuration, docker)))
        plan.part(("use_docker", "shm_size"), plan.arguments[-1])
    for name in ("resume_from", "max_run_duration_seconds"):
        value = call.argument(name)
        if value is not None and not is_none(value):
            plan.arguments.append(f"{name}={source_code(value)}")
    variables = call.argument("environment_variables")
    if variables is not None and not is_none(variables):
        plan.after.append(f"{{src}}.run_config.environment_variables = {source_code(variables)}")
        plan.part("environment_variables", plan.after[-1])
    inputs = call.argument("inputs")
    if inputs is not None and not is_none(inputs):
        bound, registered = len(plan.before), len(plan.after)
        _inputs(plan, inputs)
        plan.part("inputs", *plan.before[bound:], *plan.after[registered:])


def _arguments(plan: Plan, params: Value) -> Bracketed:
    """The estimator's flattening of a script_params dict display: key, value in order, list
    values expanded, None and '' dropped, data references as ``str(reference)`` and registered.
    The parameters a HyperDrive run tunes are left out of the ScriptRunConfig HyperDrive reads
    (``usage.Tuning``): of this one, or of a second one written after it."""
    if params.items is None:
        raise Blocked(f"script_params={source_code(params)} is not a dict written here: its keys, values and "
                      "data references decide the arguments")
    tuned = tuning(plan.call, plan.facts)
    dropped = tuned.space if tuned is not None and tuned.variant is None else frozenset()
    chunks = _held_chunks(plan, params, dropped) if params.held else _chunks(plan, params, dropped)
    if tuned is not None and tuned.variant is not None:
        _hyperdrive_variant(plan, tuned, [parts for key, parts in chunks if key not in tuned.space])
    return _listed(parts for _, parts in chunks)


def _listed(chunks: Iterable[List[str]]) -> Bracketed:
    return listing([part for parts in chunks for part in parts])


def _hyperdrive_variant(plan: Plan, tuned: Tuning, chunks: List[List[str]]) -> None:
    """The ScriptRunConfig HyperDrive reads when the estimator has other readers too: its
    arguments without the tuned ones, and the first ScriptRunConfig's run configuration
    itself (not a copy), as HyperDrive read the estimator's, so later changes reach both."""
    resume_from = plan.call.argument("resume_from")
    if resume_from is not None and not is_none(resume_from):
        raise Blocked("resume_from adds arguments to a ScriptRunConfig, and HyperDrive also reads this estimator "
                      "with its tuned arguments removed: rewrite the two uses yourself")
    srcs = plan.need(CORE, "ScriptRunConfig")
    listed = _listed(chunks)
    # no arguments left: ``arguments=[]`` and none submit the same job (ScriptRunConfig then
    # takes the run configuration's arguments, which the submission reads all the same)
    arguments = ["source_directory={src}.source_directory", "script={src}.script",
                 *([keyword_code("arguments", listed)] if listed.items else []), "run_config={src}.run_config"]
    statement = Statement(f"{tuned.variant} = ", call_code(srcs, arguments))
    plan.last.append(statement)
    plan.part("script_params", statement)


def _chunks(plan: Plan, params: Value, dropped: AbstractSet[str]) -> List[Tuple[Optional[str], List[str]]]:
    """Each script_params entry's arguments, with the entry's name as HyperDrive compares it."""
    chunks: List[Tuple[Optional[str], List[str]]] = []
    for key, value in params.items:
        if stripped(key) in dropped:
            _untuned(plan, key, value)
            continue
        parts: List[str] = []
        chunks.append((stripped(key), parts))
        if not _blank(key):
            parts.append(_plain_argument(plan, key))
        if _blank(value):
            continue
        if value.is_literal and isinstance(value.literal, (list, tuple)):
            parts.extend(literal_code(item) for item in value.literal if not _blank_literal(item))
        elif value.elements is not None and not value.held:
            parts.extend(_argument(plan, element) for element in value.elements if not _blank(element))
        else:
            parts.append(_argument(plan, value))
    return chunks


def _untuned(plan: Plan, key: Value, value: Value) -> None:
    """A script parameter HyperDrive tunes: it removed it from the arguments (the estimator had
    registered its data reference all the same)."""
    plan.part("script_params", f"{key.text} left out: HyperDrive tunes it, and removed it from the estimator's "
              "arguments")
    if value.kind is ValueKind.DATA_REFERENCE:
        _register(plan, value)
    elif value.dataset_input is not None:
        _register_dataset_input(plan, value)


def _read_only_here(plan: Plan, params: Value) -> Optional[Span]:
    """The whole lines of ``name = {...}`` when the rewrite leaves that dict unread: a
    top-level statement of its own, before the call, every key and value a literal (the
    rewrite writes them, and evaluating them did nothing else), the name not exported and read
    by nothing that may see this binding (no other occurrence at all, or only the call's
    between it and an unconditional top-level ``name = ...`` that reads nothing of it)."""
    facts, name = plan.facts, params.text
    found = facts.top_level_displays.get(params.held_from) if params.held and params.items is not None else None
    if found is None or not found[1] or name in facts.exported_names:
        return None
    statement = found[0]
    call = plan.call
    if (statement.end_line, statement.end_col) > (call.span.line, call.span.col):
        return None
    if not all(key.is_literal and value.is_literal for key, value in params.items):
        return None
    whole = Span(statement.line, 0, statement.end_line + 1, 0)
    if facts.name_counts.get(name) == 2:
        return whole
    occurrences = facts.held_name_occurrences.get(name)
    if occurrences is None or any(nested for _, _, nested in occurrences):
        return None
    later = [(line, col) for line, col, _ in occurrences if (line, col) >= (call.span.end_line, call.span.end_col)]
    if not later:
        return whole
    rebinding_end = facts.top_level_assignments.get(later[0])
    if rebinding_end is None or (len(later) > 1 and later[1] < rebinding_end):
        return None
    return whole


def _held_chunks(plan: Plan, params: Value, dropped: AbstractSet[str]) -> List[Tuple[Optional[str], List[str]]]:
    """``script_params=params`` where ``params = {...}`` is bound once and used only here: the
    arguments read the values through the name, so each object (a data reference above all) is
    the one the dict holds, as it was for the estimator."""
    name = params.text
    if not held_display_reaches(plan, params):
        raise Blocked(f"script_params={name} is bound or used elsewhere too: write the dict in the call, "
                      "then run fix again; the arguments depend on what it holds when the estimator is built")
    chunks: List[Tuple[Optional[str], List[str]]] = []
    for key, value in params.items:
        if not (key.is_literal and isinstance(key.literal, str)):
            raise Blocked(f"script_params={name} has a key that is not a string written there: {key.text}")
        if stripped(key) in dropped:
            held = f"{name}[{key.literal!r}]"
            if value.kind is ValueKind.DATA_REFERENCE:
                plan.after.append(_registration(held))
            elif value.dataset_input is not None:
                _dataset_assumption(plan, value)
                plan.after.append(_data_registration(held))
            continue
        parts: List[str] = []
        chunks.append((stripped(key), parts))
        if not _blank(key):
            parts.append(literal_code(key.literal))
        if _blank(value):
            continue
        held = f"{name}[{key.literal!r}]"
        if value.is_literal and isinstance(value.literal, (list, tuple)):
            parts.extend(literal_code(item) for item in value.literal if not _blank_literal(item))
        elif value.is_literal:
            parts.append(literal_code(value.literal))
        elif value.kind is ValueKind.DATA_REFERENCE:
            plan.after.append(_registration(held))
            parts.append(f"str({held})")
        elif value.kind is ValueKind.DATASTORE:
            raise _datastore_blocked(held)
        elif value.kind is ValueKind.DATASET_INPUT:
            parts.append(held)
        elif value.kind is ValueKind.POSSIBLE_DATA_REFERENCE and "as_named_input" not in value.text:
            raise Blocked(f"cannot tell whether {held} is a data reference (registered in the run configuration "
                          "by the estimator) or a dataset input: bind the datastore in this module")
        elif value.kind is ValueKind.POSSIBLE_DATA_REFERENCE:
            plan.assumptions.append(f"{held} is a dataset input, which ScriptRunConfig resolves at submission as "
                                    "the estimator did at construction")
            parts.append(held)
        elif value.elements is not None and not value.held:
            raise Blocked(f"{held} is a list with computed elements: expand it yourself")
        else:
            parts.append(_plain_argument(plan, replace(value, text=held)))
    return chunks


def _blank(value: Value) -> bool:
    return value.is_literal and _blank_literal(value.literal)


def _blank_literal(item: object) -> bool:
    return item is None or item == ""


def _argument(plan: Plan, value: Value) -> str:
    if value.kind is ValueKind.DATA_REFERENCE:
        return f"str({_register(plan, value)})"
    if value.kind is ValueKind.DATASTORE:
        raise _datastore_blocked(source_code(value))
    return _plain_argument(plan, value)


def _datastore_blocked(text: str) -> Blocked:
    return Blocked(f"the estimator turned the datastore {text} into its default data reference; write "
                   f"reference = DataReference(datastore={text}, data_reference_name={text}.name), pass "
                   "str(reference) and register reference.to_config() in src.run_config.data_references "
                   "(a new legacy data reference the tool does not write for you)",
                   f"the datastore {text} was the default data reference: register one by hand")


def _plain_argument(plan: Plan, value: Value) -> str:
    """A value passed on as it is. A dataset input made of a dataset of this module needs no
    assumption: ScriptRunConfig's submit (``_update_args_and_io``) puts it in the run
    configuration's data under its name and passes 'DatasetConsumptionConfig:<name>', which is
    what the estimator did at construction (facts, script_params)."""
    if value.is_literal:
        return literal_code(value.literal)
    text = source_code(value)
    if value.kind is ValueKind.DATASET_INPUT:
        return text
    if value.kind is ValueKind.POSSIBLE_DATA_REFERENCE:
        if "as_named_input" not in text:
            raise Blocked(f"cannot tell whether {text} is a data reference (registered in the run configuration "
                          "by the estimator) or a dataset input: bind the datastore in this module")
        plan.assumptions.append(f"{text} is a dataset input, which ScriptRunConfig resolves at submission as the "
                                "estimator did at construction")
        return text
    plan.assumptions.append(f"{text} holds a plain value, not a DataReference or Datastore (the estimator turned "
                            "those into data references; ScriptRunConfig passes them as they are)")
    return text


def _register(plan: Plan, value: Value) -> str:
    """Bind a data reference once (each ``as_mount()`` names a new one) and register it."""
    text = source_code(value)
    if not text.isidentifier():
        name = plan.names.new("data")
        plan.before.append(f"{name} = {text}")
    else:
        name = text
    plan.after.append(_registration(name))
    return name


def _registration(reference: str) -> Statement:
    """``{src}.run_config.data_references[reference.data_reference_name] = reference.to_config()``"""
    key = Bracketed("[", (Atom(f"{reference}.data_reference_name"),), "]", trailing_comma=False)
    return Statement("{src}.run_config.data_references", key, f" = {reference}.to_config()")


def _data_registration(consumption: str) -> Statement:
    """``{src}.run_config.data[consumption.name] = consumption``"""
    key = Bracketed("[", (Atom(f"{consumption}.name"),), "]", trailing_comma=False)
    return Statement("{src}.run_config.data", key, f" = {consumption}")


def _dataset_assumption(plan: Plan, value: Value) -> None:
    """A dataset input whose dataset this module does not make: only the method's name says
    that it is one (facts ``inputs``: a DatasetConsumptionConfig goes to the data section)."""
    dataset_input = value.dataset_input
    if dataset_input is not None and not dataset_input.certain:
        plan.assumptions.append(f"{dataset_input.dataset} is a v1 Dataset, so {source_code(value)} is a dataset "
                                "input, which the estimator put in the run configuration's data under its name")


def _register_dataset_input(plan: Plan, value: Value) -> None:
    """Bind a dataset input once (an unnamed one draws its name when it is made) and put it
    in the run configuration's data under its name, as the estimator did with ``inputs``."""
    _dataset_assumption(plan, value)
    text = source_code(value)
    name = text
    if not text.isidentifier():
        name = plan.names.new(f"{value.dataset_input.name}_input" if value.dataset_input.name
                              and value.dataset_input.name.isidentifier() else "dataset_input")
        plan.before.append(f"{name} = {text}")
    plan.after.append(_data_registration(name))


def _dataset_inputs_in(params: Optional[Value]) -> List[Value]:
    """The dataset inputs among script_params' values (list values too)."""
    if params is None or params.items is None:
        return []
    values = [element for _, value in params.items for element in (value.elements or (value,))]
    return [value for value in values if value.dataset_input is not None]


def _same_name_both_ways(plan: Plan, listed: Value) -> None:
    """The estimator put ``inputs`` in the data section first and script_params' dataset inputs
    after them, so the latter won a name both use; ScriptRunConfig keeps the data section's.
    Either the two are one object, or their names provably differ."""
    for passed in _dataset_inputs_in(plan.call.argument("script_params")):
        if passed.text == listed.text and listed.text.isidentifier():
            continue
        mine, theirs = listed.dataset_input.name, passed.dataset_input.name
        if mine is not None and theirs is not None:
            if mine == theirs:
                raise Blocked(f"inputs and script_params both have a dataset input named {mine!r}: the estimator "
                              "used script_params' one, ScriptRunConfig would use the one in run_config.data; "
                              "keep one of them, then run fix again")
            continue
        plan.assumptions.append(f"the dataset inputs {source_code(listed)} (inputs) and {source_code(passed)} "
                                "(script_params) have different names (the estimator kept script_params' one of "
                                "a name both use, ScriptRunConfig the one in run_config.data)")


def _inputs(plan: Plan, inputs: Value) -> None:
    if inputs.elements is None or inputs.held:
        raise Blocked(f"inputs={source_code(inputs)} is not a list written here: each element must be "
                      "registered as the estimator did")
    for element in inputs.elements:
        text = source_code(element)
        if element.kind is ValueKind.DATA_REFERENCE:
            _register(plan, element)
        elif element.kind is ValueKind.DATASTORE:
            raise _datastore_blocked(text)
        elif element.dataset_input is not None:
            _same_name_both_ways(plan, element)
            _register_dataset_input(plan, element)
        else:
            raise Blocked(f"inputs element {text} is not a data reference or dataset input made in this module: a "
                          "Datastore input was registered as its default data reference, a dataset input in the "
                          "run configuration's data; bind it in this module or register it yourself",
                          f"bind {text} in this module, or register it yourself")
