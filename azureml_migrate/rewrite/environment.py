"""The Environment an estimator built, replayed with public SDK calls: the same CondaDependencies
calls in the same order, the framework scenario's base image and packages (minus those the user
pinned), the image, registry and user-managed flag, and PyTorch's NCCL_TREE_THRESHOLD."""

from __future__ import annotations

import posixpath
from typing import List, Optional, Tuple, Union

from .. import sdk
from ..facts import CallFact, ModuleFacts, Value
from . import frameworks
from .code import Blocked, package_name, source_code
from .layout import Atom, Statement, call as call_code, listing
from .plan import CONDA, CORE, RUNCONFIG, Names, Plan, falsy, held_display_reaches, is_none, one_line


#: the base of the Environment's name in ``specification``: one no module binds
_PLACEHOLDER = "<environment>"


def specification(call: CallFact, facts: ModuleFacts) -> Optional[Tuple[str, ...]]:
    """The Environment the rewrite writes for ``call``, as its statements and imports in one-line
    form with a placeholder variable: two calls with the same specification get equal
    Environments. None when the rewrite writes none (``environment_definition``) or cannot."""
    definition = call.argument("environment_definition")
    if definition is not None and not is_none(definition):
        return None
    plan = Plan(call, Names(_PLACEHOLDER, facts), facts)
    try:
        environment(plan)
    except Blocked:
        return None
    return tuple(one_line(line) for line in plan.before) + tuple(str(item) for item in plan.imports)


def environment(plan: Plan) -> None:
    """The Environment statements before the call (none when it reuses a shared one, whose
    specification they are all the same, so its assumptions still hold) and its argument."""
    written, imported = len(plan.before), len(plan.imports)
    _environment(plan)
    shared = plan.shared
    if shared is not None and not shared.define:
        del plan.before[written:]
        del plan.imports[imported:]


def _environment(plan: Plan) -> None:
    call = plan.call
    definition = call.argument("environment_definition")
    if definition is not None and not is_none(definition):
        env = source_code(definition)
        if call.canonical == "PyTorch":
            # the estimator set this on the very Environment object it was given
            plan.before.append(f"{env}.environment_variables['NCCL_TREE_THRESHOLD'] = '0'")
        plan.arguments.append(f"environment={env}")
        plan.part("environment_definition", f"ScriptRunConfig(environment={env})")
        return
    env = plan.shared.name if plan.shared is not None else plan.names.new("env")
    plan.before.append(f"{env} = {plan.need(CORE, 'Environment')}({_environment_name(call)!r})")
    framework = _framework_scenario(plan) if call.canonical in sdk.FRAMEWORK_ESTIMATORS else None
    image = _literal_or_code(call.argument("custom_docker_image"))
    if image is None and call.canonical == "Estimator":
        image = _literal_or_code(call.argument("custom_docker_base_image"))
    gpu = _flag(call, "use_gpu", False)
    if image is None and framework is not None:
        image = repr(framework[0])
    if image is None and gpu:
        image = plan.need(RUNCONFIG, "DEFAULT_GPU_IMAGE")
    if image is not None:
        plan.before.append(Statement(f"{env}.docker.base_image = ", Atom(image)))
    registry = call.argument("image_registry_details")
    if registry is not None and not is_none(registry):
        plan.before.append(f"{env}.docker.base_image_registry = {source_code(registry)}")
    use_docker = call.argument("use_docker")
    images = [name for name in ("custom_docker_image", "custom_docker_base_image") if call.keyword(name)]
    if use_docker is not None and use_docker.is_literal and use_docker.literal is False and images:
        raise Blocked(f"the SDK rejects use_docker=False together with {images[0]}")
    user_managed = call.argument("user_managed")
    if user_managed is not None and not (user_managed.is_literal and user_managed.literal is False):
        plan.before.append(f"{env}.python.user_managed_dependencies = {source_code(user_managed)}")
    _conda(plan, env, framework)
    if call.canonical == "PyTorch":
        plan.before.append(f"{env}.environment_variables['NCCL_TREE_THRESHOLD'] = '0'")
    plan.arguments.append(f"environment={env}")


def _environment_name(call: CallFact) -> str:
    script = call.argument("entry_script")
    if script is not None and script.is_literal and isinstance(script.literal, str) and script.literal:
        return posixpath.splitext(posixpath.basename(script.literal))[0] + "-env"
    return "train-env"


def _literal_or_code(value: Optional[Value]) -> Optional[str]:
    if value is None or is_none(value):
        return None
    return source_code(value)


def _flag(call: CallFact, name: str, default: bool) -> bool:
    value = call.argument(name)
    if value is None:
        return default
    if value.is_literal and isinstance(value.literal, bool):
        return value.literal
    raise Blocked(f"{name}={source_code(value)} is not True or False here: the environment depends on it")


def _framework_scenario(plan: Plan) -> Optional[Tuple[str, Tuple[str, ...]]]:
    """The framework's scenario (image, pip packages), or None when the estimator adds none."""
    call = plan.call
    framework = call.canonical
    version_value = call.argument("framework_version")
    version = None
    if version_value is not None and not is_none(version_value):
        if not (version_value.is_literal and isinstance(version_value.literal, (str, int, float))):
            raise Blocked(f"framework_version={source_code(version_value)} is not a literal: the environment "
                          "(image and packages) depends on it")
        version = str(version_value.literal)
    gpu = _flag(call, "use_gpu", False)
    found = frameworks.scenario(framework, version, gpu)
    if found is None:
        raise Blocked(f"the SDK rejects {framework} framework_version={version!r} with use_gpu={gpu}: "
                      "no scenario ships for it")
    chosen = version or frameworks.DEFAULT_VERSIONS[framework]
    target = call.argument("compute_target")
    if may_run_prebuilt_image(call):
        user_managed = call.argument("user_managed")
        if user_managed is not None and not falsy(user_managed):
            raise Blocked(f"if {source_code(target)} is an AmlCompute cluster, the estimator ran its prebuilt "
                          "framework image as it is; with user_managed the rewrite's full-build image would have "
                          "none of the framework's packages: pass a string compute target or the image yourself",
                          "user_managed on a framework estimator: pass a string compute target or the image yourself")
        processor = "gpu" if gpu else "cpu"
        plan.assumptions.append(
            f"if {source_code(target)} is an AmlCompute cluster, the estimator ran the prebuilt image "
            f"{frameworks.PREBUILT_REGISTRY}/{framework.lower()}:{chosen}-{processor}; the rewrite builds the "
            "same scenario's image and packages instead (the prebuilt image is assumed to hold them; the "
            f"curated environment AzureML-{framework}-{chosen}-{processor.upper()} is the other choice where "
            "your workspace still has it)")
    return found


def may_run_prebuilt_image(call: CallFact) -> bool:
    """Whether a framework estimator ran its prebuilt image with user-managed dependencies when
    the compute target is an AmlCompute cluster (no custom image, no user packages, a target
    that is not a string)."""
    if call.canonical not in sdk.FRAMEWORK_ESTIMATORS or call.keyword("custom_docker_image") is not None:
        return False
    has_user_packages = any(call.keyword(name) for name in (
        "pip_packages", "conda_packages", "pip_requirements_file", "pip_requirements_file_path",
        "conda_dependencies_file", "conda_dependencies_file_path"))
    target = call.argument("compute_target")
    string_target = target is not None and target.is_literal and isinstance(target.literal, str)
    return not has_user_packages and not string_target


def _packages(plan: Plan, value: Value, parameter: str) -> List[str]:
    """The package list written in the call, or bound to a name whose binding reaches the call
    unchanged (``pip = [...]`` in the cell before, as microsoft/AzureML-BERT and
    danielsc/azureml-workshop-2019 write it): the estimator copied its strings when it was built."""
    if value.is_literal and isinstance(value.literal, (list, tuple)) and all(
            isinstance(item, str) for item in value.literal):
        return list(value.literal)
    if (value.held and value.elements is not None and held_display_reaches(plan, value)
            and all(element.is_literal and isinstance(element.literal, str) for element in value.elements)):
        return [element.literal for element in value.elements]
    if value.held and value.elements is not None:
        raise Blocked(f"{parameter}={source_code(value)} is bound or used elsewhere too: write the list in the call, "
                      "then run fix again; the packages depend on what it holds when the estimator is built")
    raise Blocked(f"{parameter}={source_code(value)} is not a list of strings written here: the packages the "
                  "estimator kept and their order depend on its contents",
                  f"{parameter}={source_code(value)} is not a list of strings: write the list in the call")


def _conda(plan: Plan, env: str, framework: Optional[Tuple[str, Tuple[str, ...]]]) -> None:
    call = plan.call
    conda_file = call.argument("conda_dependencies_file") or call.argument("conda_dependencies_file_path")
    conda_import = plan.names.imported(CONDA, "CondaDependencies")
    conda_names = conda_import.bound
    deps = plan.names.new("conda")
    if conda_file is not None and not is_none(conda_file):
        path = _project_path(call, conda_file)
        plan.imports.append(conda_import)
        plan.before.append(f"{env}.python.conda_dependencies = {conda_names}({path})")
        plan.part(("conda_dependencies_file", "conda_dependencies_file_path"), plan.before[-1])
        return
    pip_value = call.argument("pip_packages")
    pip = _packages(plan, pip_value, "pip_packages") if pip_value is not None and not is_none(pip_value) else []
    conda_value = call.argument("conda_packages")
    conda = (_packages(plan, conda_value, "conda_packages")
             if conda_value is not None and not is_none(conda_value) else [])
    requirements = call.argument("pip_requirements_file") or call.argument("pip_requirements_file_path")
    has_requirements = requirements is not None and not is_none(requirements)
    if has_requirements and framework is not None:
        raise Blocked("which of the framework's packages the estimator kept depends on the requirements file's "
                      "contents: write the Environment from the file and the framework's packages yourself")
    lines: List[Union[str, Statement]] = []
    if has_requirements:
        path = _project_path(call, requirements)
        extra = f" + [package for package in {pip!r} if package not in requirements]" if pip else ""
        lines += [f"with open({path}) as requirements_file:\n    requirements = requirements_file.read().splitlines()",
                  Statement("", call_code(f"{deps}.set_pip_requirements", [
                      f"['azureml-defaults'] + {conda_names}.merge_requirements(requirements{extra})"]))]
    elif framework is not None and not any(package_name(item) == frameworks.SCENARIO_DEFAULT_PIP for item in pip):
        # add_pip_package moves a package it already holds to the end: the estimator's
        # ['azureml-defaults', *pip] followed by the framework's packages one by one is this list
        lines.append(_pip_requirements(deps, pip + _framework_packages(pip, conda, framework)))
    elif pip:
        lines.append(_pip_requirements(deps, ['azureml-defaults'] + pip))
    for package in conda:
        lines.append(f"{deps}.add_conda_package({package!r})")
    if framework is not None:
        lines.append(f"{deps}.add_conda_package({frameworks.SCENARIO_PYTHON!r})")
        if any(package_name(item) == frameworks.SCENARIO_DEFAULT_PIP for item in pip):
            kept = _framework_packages(pip, conda, framework)
            lines.append(_pip_requirements(deps, ['azureml-defaults'] + pip))
            lines.append(Statement("for package in ", listing([repr(item) for item in kept]),
                                   f":\n    {deps}.add_pip_package(package)"))
    if lines:
        plan.imports.append(conda_import)
        plan.before.append(f"{deps} = {conda_names}()")
        plan.before.extend(lines)
        plan.before.append(f"{env}.python.conda_dependencies = {deps}")
        text = "; ".join([f"{deps} = {conda_names}()"] + [str(line) for line in lines]
                         + [f"{env}.python.conda_dependencies = {deps}"])
        plan.part(("pip_packages", "conda_packages", "pip_requirements_file", "pip_requirements_file_path",
                   "use_gpu", "framework_version"), text)


def _framework_packages(pip: List[str], conda: List[str], framework: Tuple[str, Tuple[str, ...]]) -> List[str]:
    """The framework scenario's pip packages the estimator added, minus those the user pinned."""
    user = {package_name(item) for item in pip + conda} - {frameworks.SCENARIO_DEFAULT_PIP, "python"}
    return [item for item in (frameworks.SCENARIO_DEFAULT_PIP,) + framework[1] if package_name(item) not in user]


def _pip_requirements(deps: str, packages: List[str]) -> Statement:
    return Statement("", call_code(f"{deps}.set_pip_requirements", [listing([repr(item) for item in packages])]))


def _project_path(call: CallFact, file_value: Value) -> str:
    """A file the estimator read relative to source_directory, as a path from the current directory."""
    source = call.argument("source_directory", 0)
    if not (file_value.is_literal and isinstance(file_value.literal, str)):
        raise Blocked(f"{source_code(file_value)} is not a literal path: the estimator read it relative to "
                      "source_directory, and the rewrite must name the same file")
    if source is None or is_none(source):
        base = "."
    elif source.is_literal and isinstance(source.literal, str):
        base = source.literal
    else:
        raise Blocked(f"source_directory={source_code(source)} is not a literal: the estimator read "
                      f"{file_value.literal!r} relative to it")
    return repr(posixpath.normpath(posixpath.join(base, file_value.literal)))
