"""The rules: pure functions from facts to findings.

Rules report everything they see; which codes are shown is the host's choice (flake8
select/ignore, pylint enable/disable, the audit's configuration).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator, List, Optional

from packaging.version import Version

from . import hints, sdk
from .catalog import RULES_BY_CODE
from .facts import HIGH, CallFact, ImportFact, ModuleFacts, RequirementString, Span, Value
from .requirements import check_requirement


@dataclass(frozen=True)
class Options:
    min_sdk_version: Version = field(default_factory=lambda: Version(sdk.DEFAULT_MIN_SDK_VERSION))


@dataclass(frozen=True)
class Finding:
    code: str
    span: Span
    message: str
    #: a multi-line suggested rewrite, when there is more to say than the message
    hint: str = ""
    confidence: str = HIGH

    @property
    def rule(self):
        return RULES_BY_CODE[self.code]


def _finding(code: str, span: Span, hint: str = "", confidence: str = HIGH, **arguments: str) -> Finding:
    return Finding(code, span, RULES_BY_CODE[code].format(**arguments), hint, confidence)


# -- imports ------------------------------------------------------------------------------
def check_import(fact: ImportFact) -> Iterator[Finding]:
    if fact.name == "*":
        exported = sdk.STAR_EXPORTS.get(fact.module, frozenset())
        deprecated = sorted(
            name for name in exported
            if sdk.canonical_class(f"{fact.module}.{name}") in sdk.DEPRECATED_IMPORTS
        )
        if deprecated:
            replacements = sorted({sdk.DEPRECATED_IMPORTS[sdk.canonical_class(f"{fact.module}.{n}")]
                                   for n in deprecated})
            yield _finding("AML102", fact.span, name="*", module=fact.module,
                           replacement=f"it brings {', '.join(deprecated)}; import what you use: "
                                       + "; ".join(replacements))
        return
    canonical = sdk.canonical_class(f"{fact.module}.{fact.name}")
    if canonical in sdk.DEPRECATED_IMPORTS:
        yield _finding("AML102", fact.span, name=fact.name, module=fact.module,
                       replacement=sdk.DEPRECATED_IMPORTS[canonical])


# -- calls --------------------------------------------------------------------------------
def _estimator(call: CallFact) -> Iterator[Finding]:
    cls = call.canonical
    replacement = hints.script_run_config(call)
    setup = [line for line in hints.environment_setup(call) if line.startswith("env = ")]
    if setup:
        replacement += f" where {setup[0]} (AML301 findings give the rest)"
    yield _finding("AML101", call.span, hints.estimator_snippet(call), call.confidence,
                   cls=cls, replacement=replacement)
    for keyword in call.keywords:
        yield from _estimator_keyword(call, keyword.name, keyword.span, keyword.value)


def _estimator_keyword(call: CallFact, name: str, span: Span, value: Value) -> Iterator[Finding]:
    cls = call.canonical
    confidence = call.confidence
    if name in sdk.ENVIRONMENT_PARAMETERS:
        yield _finding("AML301", span, confidence=confidence, param=name, cls=cls,
                       replacement=hints.environment_parameter(call, name, value))
    elif name == sdk.SCRIPT_PARAMS_PARAMETER:
        arguments = hints.arguments_from_script_params(value)
        replacement = (f"ScriptRunConfig(arguments={arguments})" if arguments is not None else
                       f"ScriptRunConfig(arguments=[...]) with {hints.code(value)} flattened key, value "
                       "in order (list values expanded, None and '' dropped)")
        yield _finding("AML302", span, confidence=confidence, cls=cls, replacement=replacement)
    elif name in sdk.DISTRIBUTED_PARAMETERS:
        config, note = hints.distributed_job_config(call)
        if config is None:
            replacement = note or "delete it: the estimator ignored it without a distributed backend"
        else:
            replacement = f"ScriptRunConfig(distributed_job_config={config})" + (f" ({note})" if note else "")
        yield _finding("AML303", span, confidence=confidence, param=name, cls=cls, replacement=replacement)
    elif name == "inputs":
        yield _finding("AML304", span, confidence=confidence, param=name, cls=cls,
                       replacement="; ".join(hints.input_lines(value))
                       + " (or pass datasets in arguments as ds.as_mount())")
    elif name == "source_directory_data_store":
        yield _finding("AML304", span, confidence=confidence, param=name, cls=cls,
                       replacement=f"no ScriptRunConfig parameter: set src.run_config.source_directory_data_store"
                                   f" = {hints.code(value)}.name")
    elif name in sdk.RUN_BASED_COMPUTE_PARAMETERS:
        arguments = ", ".join(
            f"{parameter}={hints.code(call.argument(parameter))}"
            for parameter in sorted(sdk.RUN_BASED_COMPUTE_PARAMETERS, reverse=True)
            if call.argument(parameter) is not None
        )
        yield _finding("AML305", span, confidence=confidence, param=name, cls=cls,
                       replacement=f"create a cluster once with AmlCompute.provisioning_configuration({arguments})"
                                   " and pass it as ScriptRunConfig(compute_target=cluster)")


def _estimator_argument_text(value: Value, arguments: Optional[Value] = None) -> str:
    """The ScriptRunConfig replacing an estimator argument (a call, or a name holding one)."""
    if value.call is not None and value.call.canonical in sdk.ESTIMATORS:
        return hints.script_run_config(value.call, arguments=arguments)
    text = f"a ScriptRunConfig replacing {hints.code(value)}"
    return text + (f" with arguments={hints.code(arguments)}" if arguments is not None else "")


def _pipeline_step(call: CallFact) -> Iterator[Finding]:
    carried = [f"{name}={hints.code(call.argument(name))}"
               for name in ("name", "compute_target", "inputs", "outputs", "allow_reuse")
               if call.argument(name) is not None]
    if call.canonical == "EstimatorStep":
        estimator = call.argument("estimator")
        arguments = call.argument("estimator_entry_script_arguments")
        source = (_estimator_argument_text(estimator, arguments) if estimator is not None
                  else "ScriptRunConfig(...)")
    else:
        parts = [f"source_directory={hints.code(call.argument('source_directory'))}",
                 f"script={hints.code(call.argument('script_name'))}"]
        if call.argument("arguments") is not None:
            parts.append(f"arguments={hints.code(call.argument('arguments'))}")
        per_node = call.argument("process_count_per_node")
        nodes = call.argument("node_count")
        mpi = ", ".join(
            f"{label}={hints.code(value)}"
            for label, value in (("process_count_per_node", per_node), ("node_count", nodes))
            if value is not None
        )
        parts.append("environment=env")
        parts.append(f"distributed_job_config=MpiConfiguration({mpi})")
        source = f"ScriptRunConfig({', '.join(parts)})"
    replacement = f"CommandStep({', '.join([*carried, 'runconfig=src'])}) where src = {source}"
    yield _finding("AML103", call.span, confidence=call.confidence, cls=call.canonical, replacement=replacement)


def _hyperdrive(call: CallFact) -> Iterator[Finding]:
    caveat = ("; arguments that are also in the parameter space are no longer stripped, "
              "remove them from arguments")
    if call.canonical == "HyperDriveRunConfig":
        others = [f"{kw.name}={hints.code(kw.value)}" for kw in call.keywords if kw.name != "estimator"]
        estimator = call.argument("estimator", 0)
        source = _estimator_argument_text(estimator) if estimator is not None else "ScriptRunConfig(...)"
        replacement = (f"HyperDriveConfig({', '.join(['run_config=src', *others])}) "
                       f"where src = {source}{caveat}")
        yield _finding("AML104", call.span, confidence=call.confidence,
                       what="HyperDriveRunConfig(...)", replacement=replacement)
        return
    keyword = call.keyword("estimator")
    if keyword is None:
        return
    replacement = f"run_config=src where src = {_estimator_argument_text(keyword.value)}{caveat}"
    yield _finding("AML104", keyword.span, confidence=call.confidence,
                   what="HyperDriveConfig(estimator=...)", replacement=replacement)


def _distributed_helper(call: CallFact) -> Iterator[Finding]:
    cls = call.canonical
    if cls == "Mpi":
        count = call.argument("process_count_per_node", 0)
        config = f"MpiConfiguration({'process_count_per_node=' + hints.code(count) if count else ''})"
    elif cls in ("Gloo", "Nccl"):
        config = f"PyTorchConfiguration(communication_backend='{cls}')"
    else:
        parts = [f"{label}={hints.code(value)}" for label, value in (
            ("worker_count", call.argument("worker_count", 0)),
            ("parameter_server_count", call.argument("parameter_server_count", 1))) if value is not None]
        config = f"TensorflowConfiguration({', '.join(parts)})"
    yield _finding("AML105", call.span, confidence=call.confidence, cls=cls,
                   replacement=f"ScriptRunConfig(distributed_job_config={config}), "
                               "with node_count inside the configuration")


def _run_configuration(call: CallFact) -> Iterator[Finding]:
    consumers = call.consumers
    pipeline_only = bool(consumers) and all(
        (c.canonical, c.keyword) in sdk.PIPELINE_RUNCONFIG_CONSUMERS
        or (c.method, c.keyword) in sdk.PIPELINE_RUNCONFIG_METHODS
        for c in consumers
    )
    parts = ["source_directory='.'"]
    for name, label in (("script", "script"), ("arguments", "arguments")):
        value = call.argument(name, 0 if name == "script" else 1)
        if value is not None:
            parts.append(f"{label}={hints.code(value)}")
    parts.append("environment=env")
    source = f"ScriptRunConfig({', '.join(parts)})"
    conda = call.argument("conda_dependencies", 4)
    extra = f" with env.python.conda_dependencies = {hints.code(conda)}" if conda is not None else ""
    if pipeline_only:
        yield _finding("AML202", call.span, confidence=call.confidence,
                       replacement=f"pass runconfig=src.run_config where src = {source}{extra}")
        return
    replacement = (f"use {source[:-1]}, compute_target=..., distributed_job_config=..., "
                   f"docker_runtime_config=DockerConfiguration(...)){extra} and set anything else on src.run_config")
    if any(c.canonical == "ScriptRunConfig" and c.keyword == "run_config" for c in consumers):
        replacement += ("; with run_config= ScriptRunConfig ignores compute_target, environment, "
                        "distributed_job_config, docker_runtime_config and max_run_duration_seconds")
    yield _finding("AML201", call.span, confidence=call.confidence, replacement=replacement)


def _data_reference(call: CallFact) -> Iterator[Finding]:
    if call.canonical == "DataReference":
        datastore = call.argument("datastore", 0)
        path = call.argument("path_on_datastore", 2)
        mode = call.argument("mode", 3)
        download = mode is not None and mode.is_literal and mode.literal == "download"
        method = "as_download()" if download else "as_mount()"
        dataset = (f"Dataset.File.from_files(path=({hints.code(datastore)}, "
                   f"{hints.code(path) if path is not None else repr('<path>')}))")
        yield _finding("AML203", call.span, confidence=call.confidence, what="DataReference(...)",
                       replacement=f"pass {dataset}.{method} in ScriptRunConfig(arguments=[...])")
        return
    if call.method not in sdk.DATA_REFERENCE_METHODS or call.receiver is None:
        return
    parts = call.receiver_parts
    if call.receiver == "datastore_path" and len(parts) == 2:
        dataset = f"Dataset.File.from_files(path=({parts[0]}, {parts[1]}))"
        what = f"{parts[0]}.path(...).{call.method}()"
    elif parts:
        dataset = f"Dataset.File.from_files(path=({parts[0]}, '<folder>'))"
        what = f"{parts[0]}.{call.method}()"
    else:
        dataset = "Dataset.File.from_files(path=(datastore, '<folder>'))"
        what = f".{call.method}()"
    method = "as_mount()" if call.method == "as_mount" else "as_download()"
    yield _finding("AML203", call.span, confidence=call.confidence, what=what,
                   replacement=f"pass {dataset}.{method} in ScriptRunConfig(arguments=[...])")


_CALL_RULES: dict = {
    **{name: _estimator for name in sdk.ESTIMATORS},
    **{name: _pipeline_step for name in sdk.DEPRECATED_STEPS},
    "HyperDriveConfig": _hyperdrive,
    "HyperDriveRunConfig": _hyperdrive,
    **{name: _distributed_helper for name in sdk.DISTRIBUTED_HELPERS},
    "RunConfiguration": _run_configuration,
    "DataReference": _data_reference,
}


def check_call(call: CallFact) -> Iterator[Finding]:
    rule: Callable[[CallFact], Iterator[Finding]] = _CALL_RULES.get(call.canonical, _data_reference)
    yield from rule(call)


# -- requirement strings ------------------------------------------------------------------
def check_requirement_string(fact: RequirementString, options: Options) -> Iterator[Finding]:
    verdict = check_requirement(fact.text, fact.kind, options.min_sdk_version)
    if verdict is not None:
        yield _finding(verdict.code, fact.span, requirement=verdict.requirement,
                       minimum=str(options.min_sdk_version), replacement=verdict.replacement)


def check_module(facts: ModuleFacts, options: Options = Options()) -> List[Finding]:
    """Every finding of one module's facts, in source order."""
    findings: List[Finding] = []
    for fact in facts.imports:
        findings.extend(check_import(fact))
    for call in facts.calls:
        findings.extend(check_call(call))
    for assignment in facts.attribute_assignments:
        target = f".{assignment.attribute}[...]" if assignment.item else f".{assignment.attribute}"
        findings.append(_finding(
            "AML203", assignment.span, what=f"assignment to {target}",
            replacement="pass datasets as ds.as_mount() in ScriptRunConfig(arguments=[...]) "
                        "instead of registering data references"))
    for requirement in facts.requirements:
        findings.extend(check_requirement_string(requirement, options))
    findings.sort(key=lambda f: (f.span.line, f.span.col, f.code))
    return findings
