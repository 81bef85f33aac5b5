"""``Experiment(ws, name).submit(job)`` written as ``ml_client.jobs.create_or_update(job, experiment_name=name)``.

A v2 command job cannot go through the v1 Experiment, so the job's rewrite and its submission
are one fix group (``v2_fix.submission_group``): the job becomes ``command(...)``, the submission
``ml_client.jobs.create_or_update(job, experiment_name=name)``, and the program gets one
``ml_client = MLClient.from_config(credential=DefaultAzureCredential())``, which reads the same
``config.json`` as ``Workspace.from_config()``. It replaces the ``ws = Workspace.from_config()``
statement when nothing else reads ``ws``, else it goes right after it; a program that has the
client already uses it. An ``exp = Experiment(ws, 'name')`` read only by the submission goes.

The run the submission returned becomes the v2 Job ``create_or_update`` returns, which has no
``wait_for_completion``: ``run.wait_for_completion(show_output=True)`` as a statement of its own
becomes ``ml_client.jobs.stream(run.name)``, which streams the logs until the job ends and raises
when it fails. Any other read of the run is manual, naming it. Always unsafe: the client signs
in with DefaultAzureCredential where ``Workspace.from_config()`` logged in interactively.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple, Union

from .. import sdk
from ..facts import ModuleFacts, RunRead, Span, Submission
from ..fixes import Edit, Import
from .v2_command import Manual

CLIENT = sdk.V2_CLIENT
CLIENT_IMPORTS = (Import("azure.ai.ml", "MLClient"), Import("azure.identity", "DefaultAzureCredential"))
SIGN_IN = ("ml_client = MLClient.from_config(credential=DefaultAzureCredential()) reads the same config.json as "
           "Workspace.from_config() but signs in with DefaultAzureCredential (environment, managed identity, "
           "Azure CLI...) instead of the v1 interactive login")
STREAM = ("ml_client.jobs.stream({run}.name) streams the logs until the job ends as "
          "wait_for_completion(show_output=True) did, and raises azure.ai.ml's JobException instead of "
          "ActivityFailedException when it fails")


@dataclass(frozen=True)
class SubmissionPlan:
    """The edits that submit the rewritten job through ``ml_client``, and what they rest on."""

    #: at the submission: the call
    edits: Tuple[Edit, ...]
    #: an ``exp = Experiment(...)`` read only by the submission (maybe in another cell): deleted
    experiment: Optional[Edit]
    #: at ``ws = Workspace.from_config()`` (it may be in another notebook cell): the client
    #: written there, or that statement deleted; with the imports the client needs
    connection: Tuple[Edit, ...]
    connection_span: Optional[Span]
    imports: Tuple[Import, ...]
    code: str
    #: each streamed wait: the read and its edit
    waits: Tuple[Tuple[RunRead, Edit], ...]
    assumptions: Tuple[str, ...]


def submission_of(job: str, line: int, facts: ModuleFacts) -> Optional[Submission]:
    """The submission of ``job`` (bound at ``line``), when it is the name's only other read."""
    if facts.name_counts.get(job) != 2:
        return None
    return next((found for found in facts.submissions if found.job == job and found.span.line > line), None)


def plan(submission: Submission, facts: ModuleFacts) -> Union[SubmissionPlan, Manual]:
    """How the submission becomes ``ml_client.jobs.create_or_update(...)``, or why it cannot."""
    if submission.blocker:
        return Manual(submission.blocker)
    call = f"ml_client.jobs.create_or_update({submission.job}, experiment_name={submission.experiment_name})"
    edits: List[Edit] = [Edit(submission.span, call)]
    experiment = (Edit(submission.experiment_statement, "") if submission.experiment_statement is not None
                  else None)
    imports: Tuple[Import, ...] = ()
    connecting: List[Edit] = []
    workspace = submission.workspace
    connection = facts.connections.get(workspace)
    # the workspace is read by the experiment (and bound once): nothing else needs it
    only_here = connection is not None and facts.name_counts.get(workspace) == 2 and connection.alone
    if facts.client_line and facts.client_line < submission.span.line:
        if only_here and connection is not None:
            connecting.append(Edit(_lines(connection.span), ""))
    elif facts.name_counts.get("ml_client"):
        return Manual("ml_client is already bound to something else: connect with "
                      f"{CLIENT} under another name by hand")
    elif connection is None or connection.bindings != 1 or connection.span.line >= submission.span.line:
        return Manual(f"the experiment's workspace {workspace} is not bound once by Workspace.from_config() "
                      f"before the submission: connect with {CLIENT} by hand (v2 reads the workspace from "
                      "config.json, or takes its subscription, resource group and name)")
    elif only_here:
        connecting.append(Edit(connection.span, CLIENT))
        imports = CLIENT_IMPORTS
    elif connection.alone:
        connecting.append(Edit.insert(connection.span.end_line, connection.span.end_col, "\n" + CLIENT))
        imports = CLIENT_IMPORTS
    else:
        return Manual(f"the statement binding {workspace} shares its line with another: connect with {CLIENT} by hand")
    assumptions = [SIGN_IN]
    waits = []
    run = submission.target
    for read in submission.run_reads:
        if not read.streamed_wait:
            return Manual(f"{read.text} reads the v1 Run that submit returned; the v2 Job that "
                          "ml_client.jobs.create_or_update returns has no such API: rewrite it by hand "
                          "(ml_client.jobs.stream(job.name) waits and streams; ml_client.jobs.get(job.name) "
                          "reads the job)")
        waits.append((read, Edit(read.span, f"ml_client.jobs.stream({run}.name)")))
    if waits:
        assumptions.append(STREAM.format(run=run))
    code = "\n".join(([CLIENT] if imports else []) + [f"{run} = {call}" if run else call]
                     + [f"ml_client.jobs.stream({run}.name)"] * bool(waits))
    connection_span = connection.span if connecting and connection else None
    return SubmissionPlan(tuple(edits), experiment, tuple(connecting), connection_span,
                          imports, code, tuple(waits), tuple(assumptions))


def _lines(found: Span) -> Span:
    return Span(found.line, 0, found.end_line + 1, 0)
