"""The v2 rendering of a job (a ScriptRunConfig, a generic Estimator) as the fix
``azureml-migrate fix --target v2`` applies.

The rendering (``v2_command``) says what the command job is; this module says where it goes
and how far it can be trusted in the program around it. The call is replaced by
``command(...)`` with its names imported through ``Names.imported`` (``Environment`` of
azure.ai.ml.entities is aliased ``V2Environment`` where the module binds azureml.core's). The
job is proven the same by the v2 harness (``tests/test_v2_fix.py``); arguments the v2 shell
reads differently make the fix unsafe, naming them. The v1 API that reads the job afterwards
(``Experiment.submit``, ``HyperDriveConfig``) cannot take a v2 command job: a job read only by
its ``Experiment(ws, name).submit(job)`` is rewritten together with that submission, as one fix
group (``submission_group``, ``v2_submit``); a job read only by a HyperDriveConfig becomes the
trial of that sweep (``v2_sweep``: one fix, the sweep's, joined with the sweep's submission when
there is one); a job read otherwise, or built inside another expression, is manual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from .. import sdk
from ..facts import CallFact, ModuleFacts, Span, Submission
from ..fixes import Applicability, Edit, Fix, Import, manual
from ..messages import needs_manual_work_first
from .plan import LINE_LENGTH, Names
from .v2_command import Manual, NameFor, V2Command, script_run_config_as_command
from .v2_estimator import estimator_as_command
from .v2_submit import CLIENT, plan, submission_of
from .v2_sweep import SweepRendering, reader_of, render_sweep

#: the aliases a v2 name takes where the module binds the name to something else
_ALIASES = {"Environment": "V2Environment", "command": "v2_command", "BanditPolicy": "V2BanditPolicy",
            "MedianStoppingPolicy": "V2MedianStoppingPolicy",
            "TruncationSelectionPolicy": "V2TruncationSelectionPolicy"}
#: the job calls a submission may submit
_JOBS = sdk.ESTIMATORS | {"ScriptRunConfig", "HyperDriveConfig"}
SWEEP_TITLE = "replace HyperDriveConfig(...) with a v2 sweep job (command(...).sweep(...))"


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
        submission = submission_of(site.target, site.span.line, facts)
        sweep = reader_of(site.target, site.span.line, facts) if submission is None else None
        if sweep is not None:
            return sweep_fix(sweep, facts)
        if submission is None:
            return manual(title, f"{site.target} is used again (HyperDriveConfig, a second submission...): the v1 "
                                 "API that reads it cannot take a v2 command job; only a job read once, by "
                                 "Experiment(ws, name).submit(job), is rewritten with its submission",
                          code=rendered.code)
        return submission_group(submission, facts).job
    text = _written(rendered.code, rendered.arguments, len(site.indent) + len(site.target) + 3, site.indent)
    applicability = Applicability.UNSAFE if rendered.assumptions else Applicability.SAFE
    return Fix(applicability, title, (Edit(call.span, text),), tuple(dict.fromkeys(imports)),
               "; ".join(rendered.assumptions), f"{site.target} = {rendered.code}")


def _naming(facts: ModuleFacts) -> Tuple[List[Import], NameFor]:
    names = Names("job", facts)
    imports: List[Import] = []

    def name_for(module: str, name: str) -> str:
        needed = names.imported(module, name, _ALIASES.get(name, ""))
        imports.append(needed)
        return needed.bound

    return imports, name_for


def sweep_fix(call: CallFact, facts: ModuleFacts) -> Fix:
    """The v2 sweep fix of ``hd = HyperDriveConfig(...)`` (the fix of its trial's findings too):
    with its submission's group when ``Experiment(ws, name).submit(hd)`` is its only reader,
    alone when nothing reads it, else manual."""
    site = call.site
    target = site.target if site is not None else None
    if site is not None and target is not None:
        submission = submission_of(target, site.span.line, facts)
        if submission is not None:
            return submission_group(submission, facts).job
    imports, name_for = _naming(facts)
    rendered = render_sweep(call, facts, name_for)
    if isinstance(rendered, Manual):
        return manual(SWEEP_TITLE, rendered.reason)
    if facts.name_counts.get(target or "", 0) != 1:
        return manual(SWEEP_TITLE, f"{target} is read by more than its Experiment(ws, name).submit({target}): the "
                                   "v1 API that reads it cannot take a v2 sweep job", code=rendered.code)
    return Fix(Applicability.UNSAFE, SWEEP_TITLE, rendered.edits, tuple(dict.fromkeys(imports)),
               "; ".join(rendered.assumptions), rendered.code)


@dataclass(frozen=True)
class Settled:
    """The settled fixes of one submission's group: the job's, the submission's, each streamed
    wait's by its span, and the connection's (``ws = Workspace.from_config()``) with its span."""

    job: Fix
    submit: Fix
    waits: Dict[Span, Fix]
    connection: Optional[Tuple[Span, Fix]] = None
    #: the deletion of ``exp = Experiment(ws, name)``, with its span
    experiment: Optional[Tuple[Span, Fix]] = None


def _job_call(submission: Submission, facts: ModuleFacts) -> Optional[CallFact]:
    found = [call for call in facts.calls if call.site is not None and call.site.target == submission.job
             and call.span.line < submission.span.line and call.canonical in _JOBS]
    return found[0] if len(found) == 1 else None


def submission_group(submission: Submission, facts: ModuleFacts) -> Settled:
    """The settled fixes of a job read only by its submission: one group, at the weakest
    member's trust."""
    key = f"submit@{submission.span.line}:{submission.span.col}"
    cached = _groups.get(id(facts))
    if cached is not None and cached[0] is facts and key in cached[1]:
        return cached[1][key]
    if cached is None or cached[0] is not facts:
        if len(_groups) > 32:
            _groups.clear()
        cached = _groups[id(facts)] = (facts, {})
    settled = _settle(submission, facts, key)
    cached[1][key] = settled
    return settled


_groups: Dict[int, Tuple[ModuleFacts, Dict[str, "Settled"]]] = {}


def _settle(submission: Submission, facts: ModuleFacts, key: str) -> Settled:
    call = _job_call(submission, facts)
    submit_title = f"submit {submission.job} with ml_client.jobs.create_or_update(...)"
    wait_title = f"wait with ml_client.jobs.stream({submission.target}.name)"
    reads = [read for read in submission.run_reads if read.streamed_wait]

    def all_manual(reason: str, job_fix: Optional[Fix] = None, brief: str = "") -> Settled:
        job = job_fix or manual(f"replace {submission.job} = ...(...) with azure.ai.ml command(...)", reason,
                                group=key, brief=brief)
        return Settled(job, manual(submit_title, reason, group=key, brief=brief),
                       {read.span: manual(wait_title, reason, group=key, brief=brief) for read in reads})

    if call is None or call.site is None or call.site.target is None:
        return all_manual(f"{submission.job} is not bound once by a ScriptRunConfig or estimator call of this module, "
                          "which is all the v2 fix rewrites with its submission")
    title = f"replace {call.canonical}(...) with azure.ai.ml command(...)"
    imports, name_for = _naming(facts)
    site = call.site
    rendered: object
    if call.canonical == "HyperDriveConfig":
        title = SWEEP_TITLE
        rendered = render_sweep(call, facts, name_for)
    elif call.canonical == "ScriptRunConfig":
        rendered = script_run_config_as_command(call, name_for)
    else:
        rendered = estimator_as_command(call, name_for)
    if isinstance(rendered, Manual):
        reason = rendered.reason
        return all_manual(f"it goes together with the rewrite of {site.target} = {call.canonical}(...), which needs "
                          f"a manual rewrite first: {reason}", manual(title, reason, group=key),
                          needs_manual_work_first(f"{site.target} = {call.canonical}(...)"))
    planned = plan(submission, facts)
    if isinstance(planned, Manual):
        return all_manual(f"it goes together with the submission of {submission.job}, which needs a manual "
                          f"rewrite first: {planned.reason}", manual(title, planned.reason, rendered.code, key),
                          needs_manual_work_first(f"the submission of {submission.job}"))
    reason = "; ".join((*rendered.assumptions, *planned.assumptions))
    if isinstance(rendered, SweepRendering):
        job_edits, job_code = rendered.edits, rendered.code
    else:
        assert isinstance(rendered, V2Command)
        text = _written(rendered.code, rendered.arguments, len(site.indent) + len(site.target) + 3, site.indent)
        job_edits, job_code = (Edit(call.span, text),), f"{site.target} = {rendered.code}"
    job = Fix(Applicability.UNSAFE, title, job_edits, tuple(dict.fromkeys(imports)), reason, job_code, group=key)
    submit = Fix(Applicability.UNSAFE, submit_title, planned.edits, (), reason, planned.code, group=key)
    waits = {read.span: Fix(Applicability.UNSAFE, wait_title, (edit,), (), reason, edit.text, group=key)
             for read, edit in planned.waits}
    connection = None
    if planned.connection_span is not None:
        connection = (planned.connection_span, Fix(
            Applicability.UNSAFE, "connect with ml_client = MLClient.from_config(...)", planned.connection,
            planned.imports, reason, CLIENT, group=key))
    experiment = None
    if planned.experiment is not None:
        experiment = (planned.experiment.span, Fix(
            Applicability.UNSAFE, "delete the Experiment only the submission read", (planned.experiment,), (),
            reason, "", group=key))
    return Settled(job, submit, waits, connection, experiment)


def _written(code: str, arguments: Sequence[str], start: int, indent: str) -> str:
    """The call on one line when it fits, else one argument per line."""
    if start + len(code) <= LINE_LENGTH:
        return code
    callee = code[:code.index("(")]
    return f"{callee}(\n" + "".join(f"{indent}    {argument},\n" for argument in arguments) + f"{indent})"
