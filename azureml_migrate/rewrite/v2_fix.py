"""The v2 rendering of a job (a ScriptRunConfig, a generic Estimator) as the fix
``azureml-migrate fix --target v2`` applies.

The rendering (``v2_command``) says what the command job is; this module says where it goes
and how far it can be trusted in the program around it. The call is replaced by
``command(...)`` with its names imported through ``Names.imported`` (``Environment`` of
azure.ai.ml.entities is aliased ``V2Environment`` where the module binds azureml.core's). The
job is proven the same by the v2 harness (``tests/test_v2_fix.py``); arguments the v2 shell
reads differently make the fix unsafe, naming them. The v1 API that reads the job afterwards
(``Experiment.submit``, ``HyperDriveConfig``) cannot take a v2 command job, so a job whose name
is read again, or that is built inside another expression, is manual until its submission is
rewritten with it.
"""

from __future__ import annotations

from typing import Callable, Sequence

from ..facts import CallFact, ModuleFacts
from ..fixes import Applicability, Edit, Fix, manual
from .plan import LINE_LENGTH, Names
from .v2_command import Manual, NameFor, V2Command, script_run_config_as_command
from .v2_estimator import estimator_as_command

#: the aliases a v2 name takes where the module binds the name to something else
_ALIASES = {"Environment": "V2Environment", "command": "v2_command"}


def script_run_config_v2_fix(call: CallFact, facts: ModuleFacts) -> Fix:
    """The ``command(...)`` fix for a ScriptRunConfig call, or why there is none."""
    return _command_fix(call, facts, script_run_config_as_command)


def estimator_v2_fix(call: CallFact, facts: ModuleFacts) -> Fix:
    """The ``command(...)`` fix for an estimator call under target v2, or why there is none."""
    return _command_fix(call, facts, estimator_as_command)


def _command_fix(call: CallFact, facts: ModuleFacts, render: Callable[[CallFact, NameFor], object]) -> Fix:
    title = f"replace {call.canonical}(...) with azure.ai.ml command(...)"
    names = Names("job", facts)
    imports = []

    def name_for(module: str, name: str) -> str:
        needed = names.imported(module, name, _ALIASES.get(name, ""))
        imports.append(needed)
        return needed.bound

    rendered = render(call, name_for)
    if isinstance(rendered, Manual):
        return manual(title, rendered.reason)
    site = call.site
    assert isinstance(rendered, V2Command)
    if site is None or site.target is None:
        return manual(title, f"the {call.canonical} is not bound by a statement of its own "
                             f"(name = {call.canonical}(...)): the v1 code it is passed to cannot take a v2 "
                             "command job; bind it to a name first",
                      code=rendered.code)
    if facts.name_counts.get(site.target, 0) > 1:
        return manual(title, f"{site.target} is used again (Experiment.submit, HyperDriveConfig...): the v1 API that "
                             "reads it cannot take a v2 command job, and its submission is not rewritten with it yet; "
                             "submit the job with ml_client.jobs.create_or_update(job, experiment_name=...)",
                      code=rendered.code)
    text = _written(rendered.code, rendered.arguments, len(site.indent) + len(site.target) + 3, site.indent)
    applicability = Applicability.UNSAFE if rendered.assumptions else Applicability.SAFE
    return Fix(applicability, title, (Edit(call.span, text),), tuple(dict.fromkeys(imports)),
               "; ".join(rendered.assumptions), f"{site.target} = {rendered.code}")


def _written(code: str, arguments: Sequence[str], start: int, indent: str) -> str:
    """The call on one line when it fits, else one argument per line."""
    if start + len(code) <= LINE_LENGTH:
        return code
    callee = code[:code.index("(")]
    return f"{callee}(\n" + "".join(f"{indent}    {argument},\n" for argument in arguments) + f"{indent})"
