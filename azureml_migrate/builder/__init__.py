"""The one fact builder: ``build_facts(tree, source)`` for flake8, pylint and the audit."""

from __future__ import annotations

import ast
import sys
import threading
from typing import List, Optional

from ..facts import ModuleFacts
from .visitor import CalleeResolver, FactBuilder

__all__ = ["CalleeResolver", "build_facts"]

#: Python frames the builder spends per level of ``ast`` nesting, with room to spare.
_FRAMES_PER_LEVEL = 8
#: The deepest tree the fallback walks: above every nesting CPython 3.11+ can parse (3.13:
#: ~10,000); only 3.9/3.10 parse deeper, and such code is not checked.
_MAX_DEPTH = 12_000
#: C stack per Python frame for the fallback thread (3.9/3.10 recurse on the C stack).
_STACK_BYTES_PER_FRAME = 1024


def _depth(tree: ast.AST) -> int:
    """Nesting depth of a tree, measured without recursion."""
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def _build_deep(tree: ast.AST, source: Optional[str], resolve_callee: Optional[CalleeResolver],
                for_v2: bool) -> ModuleFacts:
    """Build facts for a tree nested deeper than the recursion limit allows.

    Any tree ``ast.parse`` returns is bounded (CPython limits nesting while it builds the tree),
    so the recursive builder runs in a thread with a stack and recursion limit sized to this
    tree, rather than giving up on a file that Python itself accepts.
    """
    depth = _depth(tree)
    if depth > _MAX_DEPTH:
        raise RecursionError(f"code nested {depth} levels deep is too deep to check")
    frames = depth * _FRAMES_PER_LEVEL + 1000
    outcome: List[object] = []

    def run() -> None:
        try:
            outcome.append(_build(tree, source, resolve_callee, for_v2))
        except BaseException as error:  # handed to the calling thread below
            outcome.append(error)

    previous_limit = sys.getrecursionlimit()
    previous_stack = threading.stack_size()
    sys.setrecursionlimit(max(previous_limit, frames))
    try:
        threading.stack_size(max(previous_stack, 32 * 2**20, frames * _STACK_BYTES_PER_FRAME))
        try:
            worker = threading.Thread(target=run, name="azureml-migrate-deep-facts")
            worker.start()
        finally:
            threading.stack_size(previous_stack)
        worker.join()
    finally:
        sys.setrecursionlimit(previous_limit)
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


#: How often a module is built again because a call walked late taught a function body its
#: parameter's class (one more round per function of a chain of such calls).
_MAX_ROUNDS = 8


def _build(tree: ast.AST, source: Optional[str], resolve_callee: Optional[CalleeResolver],
           for_v2: bool) -> ModuleFacts:
    """Build; while a call read late passed a tracked class into a function whose body was
    already read (``_create_estimator(PyTorch, ...)`` inside a method defined after it), build
    again knowing it: the classes parameters hold reach a fixed point over the call graph."""
    builder = FactBuilder(source, resolve_callee, for_v2)
    facts = builder.build(tree)
    for _ in range(_MAX_ROUNDS):
        if not builder.learned_late:
            break
        learned = {function: dict(known) for function, known in builder._parameter_classes.items()}
        builder = FactBuilder(source, resolve_callee, for_v2)
        builder._parameter_classes.update(learned)
        facts = builder.build(tree)
    return facts


def build_facts(tree: ast.AST, source: Optional[str] = None,
                resolve_callee: Optional[CalleeResolver] = None, for_v2: bool = True) -> ModuleFacts:
    """Facts of one parsed module; ``source`` gives arguments their original text, and
    ``resolve_callee`` lets a host resolve callees the builder cannot (see ``CalleeResolver``).
    ``for_v2`` False: no v2 rule or rewrite reads these facts, so what only those need of a
    fix's surroundings is not recorded (``fixable.needs_fill``)."""
    try:
        return _build(tree, source, resolve_callee, for_v2)
    except RecursionError:
        return _build_deep(tree, source, resolve_callee, for_v2)
