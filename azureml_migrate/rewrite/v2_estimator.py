"""A generic Estimator written as the SDK v2 command job that runs the same job.

The estimator's effective job is what its constructor built (``_estimator_helper``): the
default CPU image, ``CondaDependencies()`` with its pip packages added to the pip section
after ``azureml-defaults`` and its conda packages after that section, the v1 Environment's
``EXAMPLE_ENV_VAR`` next to the given variables, the script parameters as flags and values in
dict order (an empty string value is a bare flag), the 2g shared memory and the 30-day
timeout. Each is written out for v2. A compute_target passed by name (``cluster``) becomes
``compute=cluster.name``, unsafe: it assumes an azureml.core ComputeTarget. Otherwise only
literal arguments of what that list covers are rendered; anything else is manual with the
parameter that makes it so. The rendering is proven by ``tests/test_v2_estimator.py`` against
the v1 estimator's job in the canonical form.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from typing import Any, Dict, List, Union

from ..facts import CallFact
from .v2_command import (COMMAND, ENVIRONMENT, V1_DEFAULT_CONDA, V1_DEFAULT_ENVIRONMENT_VARIABLES, V1_DEFAULT_IMAGE,
                         V1_DEFAULT_TIMEOUT, Manual, NameFor, V2Command, own_name)

#: the parameters rendered, when literal
_RENDERED = frozenset({"source_directory", "entry_script", "compute_target", "script_params", "pip_packages",
                       "conda_packages", "environment_variables", "max_run_duration_seconds", "shm_size", "use_gpu",
                       "use_docker"})
#: client-side switches with no effect on the job
_DROPPED = frozenset({"_disable_validation", "_show_lint_warnings", "_show_package_warnings"})
#: what a literal of these must be for the rendering to hold
_FIXED = {"use_gpu": False, "use_docker": True}
_PACKAGE_NAME = re.compile(r"[A-Za-z0-9_.\-]+")


@dataclass(frozen=True)
class _Compute:
    """A compute_target passed as a name the module binds (``compute_target=cluster``)."""

    name: str


def estimator_as_command(call: CallFact, name_for: NameFor = own_name) -> Union[V2Command, Manual]:
    """The v2 ``command(...)`` for an Estimator call, or why there is none."""
    if call.canonical != "Estimator":
        return Manual(f"the {call.canonical} estimator's framework image and packages are not rendered for v2 yet")
    values = _values(call)
    if isinstance(values, Manual):
        return values
    for name, required in _FIXED.items():
        if name in values and values[name] is not required:
            return Manual(f"{name}={values[name]!r} is not rendered for v2 yet")
    source_directory = values.get("source_directory", ".")
    script = values.get("entry_script")
    compute = values.get("compute_target")
    if not isinstance(source_directory, str) or not isinstance(script, str) or not script.endswith(".py"):
        return Manual("source_directory and entry_script must be strings naming a Python script")
    assumptions: List[str] = []
    if isinstance(compute, _Compute):
        assumptions.append(f"{compute.name} is an azureml.core ComputeTarget: v2 takes its name ({compute.name}.name)")
        compute_code = f"{compute.name}.name"
    elif isinstance(compute, str) and compute != "local":
        compute_code = repr(compute)
    else:
        return Manual("compute_target must be a cluster: local and run-based compute are not rendered for v2")
    words = _words(script, values.get("script_params") or {})
    if isinstance(words, Manual):
        return words
    conda = _conda(values.get("pip_packages") or [], values.get("conda_packages") or [])
    if isinstance(conda, Manual):
        return conda
    variables = values.get("environment_variables") or {}
    if not isinstance(variables, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                  for k, v in variables.items()):
        return Manual("environment_variables must map strings to strings")
    timeout = values.get("max_run_duration_seconds", V1_DEFAULT_TIMEOUT)
    if not isinstance(timeout, int) or isinstance(timeout, bool):
        return Manual("max_run_duration_seconds must be a whole number")
    shm_size = values.get("shm_size", "2g")
    if not isinstance(shm_size, str):
        return Manual("shm_size must be a string")
    quoted = [shlex.quote(word) for word in words]
    if quoted != words:
        assumptions.append("v2 runs its command through a shell: arguments are quoted for it "
                           f"({' '.join(q for q, w in zip(quoted, words) if q != w)})")
    environment = f"{name_for(*ENVIRONMENT)}(image={V1_DEFAULT_IMAGE!r}, conda_file={conda!r})"
    variables = dict(V1_DEFAULT_ENVIRONMENT_VARIABLES, **variables)
    parameters = (f"code={source_directory!r}", f"command={' '.join(quoted)!r}", f"environment={environment}",
                  f"compute={compute_code}", f"environment_variables={variables!r}",
                  f"shm_size={shm_size!r}", f"timeout={timeout!r}")
    return V2Command(code=f"{name_for(*COMMAND)}({', '.join(parameters)})", arguments=parameters,
                     assumptions=tuple(assumptions))


def _values(call: CallFact) -> Union[Dict[str, Any], Manual]:
    if call.has_star_kwargs or len(call.args) > 1:
        return Manual("only source_directory may be passed by position, and nothing with * or **")
    given = {"source_directory": call.args[0]} if call.args else {}
    given.update((keyword.name, keyword.value) for keyword in call.keywords)
    values = {}
    for name, value in given.items():
        if name in _DROPPED:
            continue
        if name not in _RENDERED:
            return Manual(f"{name}= is not rendered for v2 yet")
        if name == "compute_target" and not value.is_literal and value.text.isidentifier():
            values[name] = _Compute(value.text)
            continue
        if not value.is_literal:
            return Manual(f"{name}= is not a literal")
        values[name] = value.literal
    return values


def _words(script: str, params: Any) -> Union[List[str], Manual]:
    """``python <script>`` then each flag and its value, in dict order; '' is a bare flag."""
    if not isinstance(params, dict):
        return Manual("script_params must be a dict")
    words = ["python", script]
    for flag, value in params.items():
        if not isinstance(flag, str):
            return Manual(f"the script parameter {flag!r} is not a string")
        words.append(flag)
        if value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return Manual(f"the value of script parameter {flag!r} is not a string or a number")
        words.append(str(value))
    if any("${{" in word for word in words):
        return Manual("a script parameter holds '${{', which v2 substitutes in its command")
    return words


def _conda(pip: Any, conda: Any) -> Union[Dict[str, Any], Manual]:
    """The estimator's effective conda specification, where adding the packages is plain appending."""
    if not isinstance(pip, list) or not isinstance(conda, list) or not all(
            isinstance(item, str) for item in pip + conda):
        return Manual("pip_packages and conda_packages must be lists of strings")
    names = [_PACKAGE_NAME.match(item) for item in pip + conda]
    seen = [match.group(0).lower() if match else "" for match in names]
    if "" in seen or len(set(seen)) != len(seen) or {"azureml-defaults", "python"} & set(seen):
        return Manual("a package repeats, is unreadable or is one CondaDependencies already holds: its effective "
                      "specification is not rendered for v2")
    base = V1_DEFAULT_CONDA
    dependencies = [base["dependencies"][0], {"pip": ["azureml-defaults", *pip]}, *conda]
    return {"name": base["name"], "dependencies": dependencies, "channels": list(base["channels"])}
