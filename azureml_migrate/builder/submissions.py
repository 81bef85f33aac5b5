"""Submissions through a v1 Experiment and the workspaces they use, read for the v2 rewrite.

``rewrite/v2_submit.py`` rewrites a job together with its submission, so it needs to know the
statement that submits it (``[run =] Experiment(ws, 'name').submit(job)``, or ``exp.submit(job)``
with ``exp = Experiment(ws, 'name')`` read only there), every later read of the returned run,
and the ``ws = Workspace.from_config()`` the experiment connects with. Only top-level
statements are read: a submission inside a function or a branch stays manual. One walk of the
top level plus one of the tree for the run's reads, only for modules a fix may touch.
"""

from __future__ import annotations

import ast
from typing import Dict, List, Mapping, Optional, Tuple

from .. import sdk
from ..facts import Connection, ModuleFacts, RunRead, Span, Submission
from ..source_text import SourceText
from .syntax import comments, segment, span

_EXPERIMENT = frozenset({"azureml.core.Experiment", "azureml.core.experiment.Experiment"})
_WORKSPACE = frozenset({"azureml.core.Workspace", "azureml.core.workspace.Workspace"})


def fill(tree: ast.AST, facts: ModuleFacts, text: SourceText, bound: Mapping[str, int]) -> None:
    """Add the module's submissions, connections and client line to ``facts``; ``bound``:
    how often the module binds each name."""
    body: List[ast.stmt] = list(getattr(tree, "body", []))
    experiments: Dict[str, Tuple[ast.Call, Span]] = {}
    for index, statement in enumerate(body):
        has_its_lines = alone(body, index)
        target, value = _assignment(statement)
        if target is not None and isinstance(value, ast.Call):
            if alone and bound.get(target) == 1 and isinstance(statement, ast.Assign):
                where = span(statement)
                facts.call_bindings[target] = (where, segment(text, value), tuple(
                    comment for _, _, comment in comments(text, where)))
            if _resolves(value.func, facts, _WORKSPACE, "from_config") and not value.args and not value.keywords:
                facts.connections[target] = Connection(span(statement), has_its_lines, bound.get(target, 0))
            elif _experiment_call(value, facts) is not None and has_its_lines:
                experiments[target] = (value, Span(statement.lineno, 0, (statement.end_lineno or 0) + 1, 0))
            elif target == "ml_client" and ast.unparse(statement) == sdk.V2_CLIENT and not facts.client_line:
                facts.client_line = statement.lineno
        submit = _submit_call(value if target is not None or isinstance(statement, ast.Expr) else None)
        if submit is not None:
            found = _submission(submit, target if target and bound.get(target) == 1 else None, experiments,
                                facts, text)
            if found is not None and target is not None and found.target is None:
                found = Submission(**{**found.__dict__, "blocker": found.blocker or
                                      f"{target} is bound more than once: what reads the run is not followed"})
            if found is not None:
                facts.submissions.append(found)
    targets = {found.target for found in facts.submissions if found.target}
    if targets:
        reads = _reads(tree, targets, facts, text)
        facts.submissions[:] = [
            Submission(**{**found.__dict__, "run_reads": tuple(reads.get(found.target, ()))})
            if found.target else found for found in facts.submissions]


def _assignment(statement: ast.stmt) -> Tuple[Optional[str], Optional[ast.expr]]:
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
        return statement.targets[0].id, statement.value
    if isinstance(statement, ast.Expr):
        return None, statement.value
    return None, None


def alone(body: List[ast.stmt], index: int) -> bool:
    """Whether a top-level statement has its lines to itself (no ``a; b``)."""
    statement = body[index]
    before = body[index - 1].end_lineno if index else 0
    after = body[index + 1].lineno if index + 1 < len(body) else None
    return (before or 0) < statement.lineno and (after is None or after > (statement.end_lineno or 0))


def _resolves(func: ast.expr, facts: ModuleFacts, paths: frozenset, method: Optional[str] = None) -> bool:
    """``Name`` (or ``Name.method`` with ``method``) where the module binds Name only to ``paths``."""
    if method is not None:
        if not (isinstance(func, ast.Attribute) and func.attr == method):
            return False
        func = func.value
    if not isinstance(func, ast.Name):
        return False
    sources = facts.name_sources.get(func.id)
    return bool(sources) and set(sources) <= paths


def _experiment_call(node: ast.expr, facts: ModuleFacts) -> Optional[Tuple[ast.expr, ast.expr]]:
    """(workspace, name) of ``Experiment(ws, name)`` / ``Experiment(workspace=ws, name=name)``."""
    if not isinstance(node, ast.Call) or not _resolves(node.func, facts, _EXPERIMENT):
        return None
    given: Dict[str, ast.expr] = dict(zip(("workspace", "name"), node.args))
    if len(node.args) > 2 or any(keyword.arg not in ("workspace", "name") for keyword in node.keywords):
        return None
    given.update((keyword.arg, keyword.value) for keyword in node.keywords if keyword.arg)
    if set(given) != {"workspace", "name"}:
        return None
    return given["workspace"], given["name"]


def _submit_call(node: Optional[ast.expr]) -> Optional[ast.Call]:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "submit":
        return node
    return None


def _submission(call: ast.Call, target: Optional[str], experiments: Dict[str, Tuple[ast.Call, Span]],
                facts: ModuleFacts, text: SourceText) -> Optional[Submission]:
    receiver = call.func.value  # type: ignore[attr-defined]
    statement_span = None
    if isinstance(receiver, ast.Name) and receiver.id in experiments and facts.name_counts.get(receiver.id) == 2:
        experiment, statement_span = experiments[receiver.id]
    elif isinstance(receiver, ast.Call):
        experiment = receiver
    else:
        return None
    found = _experiment_call(experiment, facts)
    if found is None:
        return None
    workspace, name = found
    job = call.args[0] if len(call.args) == 1 else None
    blocker = ""
    if not isinstance(job, ast.Name):
        return None
    if call.keywords:
        blocker = (f"submit({', '.join(keyword.arg or '**' for keyword in call.keywords)}=...): only the job is "
                   "rewritten; tags and run settings go on the v2 job by hand")
    name_is_literal = isinstance(name, ast.Constant) and isinstance(name.value, str)
    if statement_span is not None and not name_is_literal:
        blocker = blocker or "the experiment's name is not a literal: it would be read at the submission instead"
    return Submission(span(call), job.id, segment(text, name), segment(text, workspace), name_is_literal,
                      statement_span, target, (), blocker)


def _reads(tree: ast.AST, targets: set, facts: ModuleFacts, text: SourceText) -> Dict[str, List[RunRead]]:
    """Every load of the runs' names, marking ``run.wait_for_completion(show_output=True)`` statements."""
    waits: Dict[int, bool] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            call = node.value
            func = call.func
            if (isinstance(func, ast.Attribute) and func.attr == "wait_for_completion"
                    and isinstance(func.value, ast.Name) and func.value.id in targets and not call.args
                    and len(call.keywords) == 1 and call.keywords[0].arg == "show_output"
                    and isinstance(call.keywords[0].value, ast.Constant) and call.keywords[0].value.value is True):
                waits[id(func.value)] = True
    reads: Dict[str, List[RunRead]] = {}
    parents: Dict[int, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in targets and isinstance(node.ctx, ast.Load):
            shown: ast.AST = node
            parent = parents.get(id(node))
            if isinstance(parent, ast.Attribute):
                shown = parents.get(id(parent), parent) if isinstance(parents.get(id(parent)), ast.Call) else parent
            reads.setdefault(node.id, []).append(RunRead(span(shown), segment(text, shown), waits.get(id(node), False)))
    for found in reads.values():
        found.sort(key=lambda read: (read.span.line, read.span.col))
    return reads
