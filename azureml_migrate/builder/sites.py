"""What a fix needs to know about where facts sit, filled after the main walk.

Only modules with a call a fix rewrites, or a deprecated import a fix may drop, pay for this
one extra pass: the statement each rewritten call sits in, the identifiers the module uses
(so new names collide with none), where imports go, and which imported names are still read.
"""

from __future__ import annotations

import ast
import bisect
from collections import Counter, deque
from typing import Dict, Iterator, List, Optional, Set, Tuple

from .. import sdk
from ..facts import CallFact, ModuleFacts, Span, StatementSite
from ..source_text import SourceText
from . import submissions
from .fixable import REWRITTEN_CALLS, needs_sites
from .syntax import comments, is_sdk_module, span
from ..records import replace

_COMPOUND = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try,
             ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef) + (
                 (ast.Match,) if hasattr(ast, "Match") else ()) + (
                 (ast.TryStar,) if hasattr(ast, "TryStar") else ())


#: fields that hold only context and operator markers (``Load``, ``Add``, ``Eq``): nothing read here
_MARKER_FIELDS = frozenset({"ctx", "op", "ops"})
#: per node class: its fields other than ``_MARKER_FIELDS``
_CHILD_FIELDS: Dict[type, Tuple[str, ...]] = {}


def _child_nodes(node: ast.AST) -> List[ast.AST]:
    """``ast.iter_child_nodes`` less the context and operator markers and the constants: a
    third of a tree's nodes, none of which binds, reads or imports a name."""
    cls = node.__class__
    fields = _CHILD_FIELDS.get(cls)
    if fields is None:
        fields = _CHILD_FIELDS[cls] = tuple(name for name in cls._fields if name not in _MARKER_FIELDS)
    children: List[ast.AST] = []
    append = children.append
    for name in fields:
        value = getattr(node, name, None)
        if value.__class__ is list:
            for item in value:
                if item.__class__ is not ast.Constant and isinstance(item, ast.AST):
                    append(item)
        elif value.__class__ is not ast.Constant and isinstance(value, ast.AST):
            append(value)
    return children


#: node classes with no child ``_child_nodes`` would give (a third of a module's nodes are names)
_LEAVES = frozenset({ast.Name, ast.alias})


def _walk(tree: ast.AST) -> Iterator[ast.AST]:
    """``ast.walk`` (its breadth-first order) over ``_child_nodes``."""
    todo = deque([tree])
    while todo:
        node = todo.popleft()
        if node.__class__ not in _LEAVES:
            todo.extend(_child_nodes(node))
        yield node


def fill(tree: ast.AST, facts: ModuleFacts, text: SourceText, for_v2: bool = True) -> None:
    """Add statement sites, name counts (for the names a fix may take or read through), the
    attributes read from names, the import line and import usage to ``facts``: one walk, only
    for modules a fix may touch."""
    facts.import_line = import_line(tree)
    counts: Counter = Counter()
    loaded: Set[str] = set()
    sources = _Sources()
    submitted: Counter = Counter()
    # by exact node class (``ast.parse`` builds no subclass): the walk meets every node
    for node in _walk(tree):
        cls = node.__class__
        if cls is ast.Name:
            counts[node.id] += 1
            if node.ctx.__class__ is ast.Load:
                loaded.add(node.id)
            else:
                sources.other(node.id)
        elif cls is ast.Attribute:
            if node.value.__class__ is ast.Name:
                loaded_span = span(node) if node.ctx.__class__ is ast.Load else None
                facts.attribute_reads.append((node.value.id, node.attr, node.lineno, loaded_span))
        elif cls is ast.Call:
            if node.func.__class__ is ast.Attribute and node.func.attr == "submit":
                passed = _submitted_name(node)
                if passed is not None:
                    submitted[passed] += 1
        elif cls is ast.arg:
            counts[node.arg] += 1
            sources.other(node.arg)
        elif cls is ast.alias:
            counts[(node.asname or node.name).split(".")[0]] += 1
        elif cls in _DEFINITIONS:
            counts[node.name] += 1
            sources.other(node.name)
        elif cls in _Sources.NOTED:
            sources.note(node)
    facts.name_counts = dict(counts)
    facts.submitted_names = dict(submitted)
    facts.name_sources = sources.by_name
    facts.foreign_star_import = sources.foreign_star
    held = {value.text for call in facts.calls for value in (*call.args, *(k.value for k in call.keywords))
            if value.held}
    if held:
        rebound = {name for name in held if counts.get(name, 0) != 2}
        if rebound:
            facts.held_name_occurrences = _occurrences(tree, rebound)
        body = getattr(tree, "body", [])
        assignments = [(index, statement) for index, statement in enumerate(body)
                       if isinstance(statement, ast.Assign) and len(statement.targets) == 1
                       and isinstance(statement.targets[0], ast.Name)]
        facts.top_level_displays = {
            (statement.value.lineno, statement.value.col_offset): (span(statement), submissions.alone(body, index))
            for index, statement in assignments if isinstance(statement.value, _HELD_DISPLAYS)}
        facts.top_level_assignments = {
            (statement.lineno, statement.col_offset): (statement.end_lineno or statement.lineno,
                                                       statement.end_col_offset or 0)
            for _, statement in assignments if statement.targets[0].id in held}
        facts.exported_names = frozenset(_exported(tree))
    rewritten = needs_sites(facts, for_v2)
    if rewritten or (for_v2 and any(fact.name == "Workspace" for fact in facts.imports)):
        # a Workspace import is judged by the v2 submission rule with the module's client_line
        submissions.fill(tree, facts, text, sources.count)
    if rewritten:
        index = _BodyIndex()
        facts.calls[:] = [_with_site(call, tree, text, index) for call in facts.calls]
    unused = [index for index, fact in enumerate(facts.imports)
              if fact.name != "*" and (fact.asname or fact.name) not in loaded]
    rebound = {index: fact.asname or fact.name for index, fact in enumerate(facts.imports)
               if fact.name != "*" and index not in unused and sources.count[fact.asname or fact.name] > 1}
    if rebound:
        reached = reached_imports(tree, {(facts.imports[index].span, name) for index, name in rebound.items()})
        unused += [index for index, name in rebound.items() if (facts.imports[index].span, name) not in reached]
    if unused:
        exported = _exported(tree)
        for index in unused:
            fact = facts.imports[index]
            if (fact.asname or fact.name) not in exported:
                facts.imports[index] = replace(fact, used=False)


_DEFINITIONS = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})


def _submitted_name(node: ast.Call) -> Optional[str]:
    """``NAME`` of ``<anything>.submit(NAME, ...)`` or ``.submit(config=NAME, ...)``."""
    passed = node.args[0] if node.args else next(
        (keyword.value for keyword in node.keywords if keyword.arg == "config"), None)
    return passed.id if isinstance(passed, ast.Name) else None


class _Sources:
    """What binds each name: the object an absolute ``from`` import binds (its name in
    ``sdk.REPLACEMENT_PATHS``, else the imported path), or "" for anything else, so a rewrite
    knows which names it can reuse and which it must alias."""

    def __init__(self) -> None:
        self.by_name: Dict[str, Set[str]] = {}
        self.foreign_star = False
        #: how many times each name is bound
        self.count: Counter = Counter()

    def other(self, name: str) -> None:
        self.by_name.setdefault(name, set()).add("")
        self.count[name] += 1

    #: the node classes ``note`` reads (imports, ``except ... as``, ``match`` captures)
    NOTED = frozenset({ast.ImportFrom, ast.Import, ast.ExceptHandler} | {
        getattr(ast, name) for name in ("MatchAs", "MatchStar", "MatchMapping") if hasattr(ast, name)})

    def note(self, node: ast.AST) -> None:
        if isinstance(node, ast.ImportFrom):
            module = "" if node.level else node.module or ""
            for alias in node.names:
                if alias.name == "*":
                    self.foreign_star = self.foreign_star or not is_sdk_module(module)
                    continue
                path = f"{module}.{alias.name}"
                self.by_name.setdefault(alias.asname or alias.name, set()).add(
                    sdk.REPLACEMENT_PATHS.get(path, path) if module else "")
                self.count[alias.asname or alias.name] += 1
        elif isinstance(node, ast.Import):
            for alias in node.names:
                self.other((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            self.other(node.name)
        elif type(node).__name__ in ("MatchAs", "MatchStar") and getattr(node, "name", None):
            self.other(node.name)
        elif type(node).__name__ == "MatchMapping" and getattr(node, "rest", None):
            self.other(node.rest)


_DEFERRING = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)


def reached_imports(tree: ast.AST, imports: Set[Tuple[Span, str]]) -> Set[Tuple[Span, str]]:
    """The (import statement, name it binds) pairs among ``imports`` (names bound more than
    once) whose binding some read of the name may see as the program runs in order: a read at
    module level after the import and before the next top-level statement that binds the name
    again, or a read in a function defined by a top-level statement that starts before that
    rebinding (the function runs later, when this binding may still hold; one defined after the
    rebinding can never see it). An import in a loop, a function or a class is taken as read."""
    body = getattr(tree, "body", [])
    starts = [(statement.lineno, statement.col_offset) for statement in body]
    if all(_in_nesting_statement(body, starts, found) for found, _ in imports):
        return set(imports)  # each one taken as read: no read needs finding
    names = {name for _, name in imports}
    rebinding: Dict[str, list] = {name: [] for name in names}
    for statement in body:
        for name in _bound_by(statement) & names:
            rebinding[name].append((statement.lineno, statement.col_offset))
    reads: Dict[str, list] = {name: [] for name in names}
    #: for each name read inside a function: the starts of the top-level statements holding those reads
    deferred: Dict[str, list] = {name: [] for name in names}
    module_level: Dict[Span, bool] = {}
    stack = [(node, False, False, (node.lineno, node.col_offset)) for node in body]
    while stack:
        node, in_function, nested, top = stack.pop()
        if in_function:  # and so nested: nothing below changes how a read or an import counts
            _read_in_function(node, names, top, deferred, module_level)
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in names:
            (deferred if in_function else reads)[node.id].append(top if in_function else (node.lineno, node.col_offset))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            module_level[span(node)] = not nested
        inner_function = in_function or isinstance(node, _DEFERRING)
        inner_nested = nested or isinstance(node, _LOOPS + _DEFERRING + (ast.ClassDef,))
        stack.extend((child, inner_function, inner_nested, top) for child in _child_nodes(node))
    for positions in (*reads.values(), *deferred.values()):
        positions.sort()
    reached = set()
    for found, name in imports:
        end = (found.end_line, found.end_col)
        later = bisect.bisect_left(rebinding[name], end)
        until = rebinding[name][later] if later < len(rebinding[name]) else (float("inf"), 0)
        first_read = bisect.bisect_left(reads[name], end)
        if (not module_level.get(found, False) or (deferred[name] and deferred[name][0] < until)
                or (first_read < len(reads[name]) and reads[name][first_read] < until)):
            reached.add((found, name))
    return reached


def _in_nesting_statement(body: List[ast.stmt], starts: List[Tuple[int, int]], found: Span) -> bool:
    """Whether the span lies inside a top-level function, class or loop (an import there is
    taken as read by ``reached_imports``), found by a binary search of the top-level starts."""
    index = bisect.bisect_right(starts, (found.line, found.col)) - 1
    if index < 0:
        return False
    holder = body[index]
    return (isinstance(holder, _LOOPS + _DEFERRING + (ast.ClassDef,))
            and (found.end_line, found.end_col) <= (holder.end_lineno or holder.lineno, holder.end_col_offset or 0))


def _read_in_function(root: ast.AST, names: Set[str], top: Tuple[int, int], deferred: Dict[str, list],
                      module_level: Dict[Span, bool]) -> None:
    """``reached_imports`` below a function: every read of ``names`` is deferred to the
    top-level statement ``top`` and every import is nested, so no context is carried."""
    todo = [root]
    while todo:
        node = todo.pop()
        cls = node.__class__
        if cls is ast.Name:
            if node.id in names and node.ctx.__class__ is ast.Load:
                deferred[node.id].append(top)
            continue
        if cls is ast.Import or cls is ast.ImportFrom:
            module_level[span(node)] = False
        todo.extend(_child_nodes(node))


def _bound_by(statement: ast.stmt) -> Set[str]:
    """The names a top-level statement binds for certain (imports, plain assignments, defs)."""
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        return {(alias.asname or alias.name).split(".")[0] for alias in statement.names if alias.name != "*"}
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {statement.name}
    if isinstance(statement, ast.Assign):
        return {target.id for target in statement.targets if isinstance(target, ast.Name)}
    if isinstance(statement, ast.AnnAssign) and statement.value is not None and isinstance(statement.target, ast.Name):
        return {statement.target.id}
    return set()


_NESTING = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.ListComp, ast.SetComp,
            ast.DictComp, ast.GeneratorExp)


def _occurrences(tree: ast.AST, names: Set[str]) -> Dict[str, List[Tuple[int, int, bool]]]:
    """``(line, column, nested)`` of each occurrence of ``names`` (one walk, only for modules
    with a display read through a name bound or used more than once)."""
    found: Dict[str, List[Tuple[int, int, bool]]] = {name: [] for name in names}
    stack: List[Tuple[ast.AST, bool]] = [(tree, False)]
    while stack:
        node, nested = stack.pop()
        if isinstance(node, ast.Name) and node.id in names:
            found[node.id].append((node.lineno, node.col_offset, nested))
        elif isinstance(node, (ast.arg, ast.Global, ast.Nonlocal)):
            for name in getattr(node, "names", None) or [getattr(node, "arg", None)]:
                if name in names:
                    found[name].append((node.lineno, node.col_offset, True))
        inner = nested or isinstance(node, _NESTING)
        stack.extend((child, inner) for child in _child_nodes(node))
    return {name: sorted(places) for name, places in found.items()}


def _exported(tree: ast.AST) -> Set[str]:
    """The strings of a top-level ``__all__``: names a module re-exports keep their import."""
    return {item.value for statement in getattr(tree, "body", []) if _assigns_all(statement)
            for item in ast.walk(statement.value) if isinstance(item, ast.Constant) and isinstance(item.value, str)}


#: the displays a name may hold for a rewrite to read (``visitor._held_display``)
_HELD_DISPLAYS = (ast.Dict, ast.List, ast.Tuple)
_DEFERRED = (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")


class _BodyIndex:
    """Where each statement of a body starts, listed once per body: a call is placed by a
    binary search at each level, so placing N calls costs O(N log N), not a scan of the body
    per call (quadratic in a module of N top-level estimator calls)."""

    def __init__(self) -> None:
        self._starts: Dict[int, List[Tuple[int, int]]] = {}

    def candidates(self, body: List[ast.AST], position: Tuple[int, int]) -> List[ast.AST]:
        """The one statement of ``body`` that may hold ``position`` (the last one starting at
        or before it), or every ``match`` case (cases carry no position)."""
        if not body or not hasattr(body[0], "lineno"):
            return list(body)
        starts = self._starts.get(id(body))
        if starts is None:
            starts = self._starts[id(body)] = [(statement.lineno, statement.col_offset) for statement in body]
        index = bisect.bisect_right(starts, position) - 1
        return [body[index]] if index >= 0 else []


def _innermost_statement(tree: ast.AST, call: CallFact, index: Optional[_BodyIndex] = None) -> Optional[ast.stmt]:
    """The innermost statement holding the call, found by descending through statement bodies
    (one binary search per level), never by walking expressions."""
    return _innermost(tree, call, index)[0]


def _innermost(tree: ast.AST, call: CallFact,
               index: Optional[_BodyIndex] = None) -> Tuple[Optional[ast.stmt], Optional[list]]:
    """The innermost statement holding the call, and the statement list it is one of."""
    index = index if index is not None else _BodyIndex()
    found: Optional[ast.stmt] = None
    holder: Optional[list] = None
    bodies = [getattr(tree, "body", [])]
    position, end = (call.span.line, call.span.col), (call.span.end_line, call.span.end_col)
    while bodies:
        body = bodies.pop()
        for statement in index.candidates(body, position):
            if isinstance(statement, (ast.ExceptHandler,)) or type(statement).__name__ == "match_case":
                bodies.append(statement.body)
                continue
            start = (statement.lineno, statement.col_offset)
            stop = (statement.end_lineno or statement.lineno, statement.end_col_offset or 0)
            if start <= position and end <= stop:
                found, holder = statement, body
                bodies = [getattr(statement, name) for name in _BODIES if getattr(statement, name, None)]
                break
    return found, holder


def _runs_deferred(statement: ast.stmt, call: CallFact) -> bool:
    """A call inside a lambda or comprehension of its statement runs later, or many times."""
    for node in _walk(statement):
        if isinstance(node, _DEFERRED):
            inner = span(node)
            if ((inner.line, inner.col) <= (call.span.line, call.span.col)
                    and (call.span.end_line, call.span.end_col) <= (inner.end_line, inner.end_col)):
                return True
    return False


def _with_site(call: CallFact, tree: ast.AST, text: SourceText, index: _BodyIndex) -> CallFact:
    if call.canonical not in REWRITTEN_CALLS:
        return call
    statement, holder = _innermost(tree, call, index)
    if statement is None or isinstance(statement, _COMPOUND) or _runs_deferred(statement, call):
        return call
    site = _site(call, statement, text)
    if site is not None and holder:
        first = holder[0]
        site = replace(site, block=(first.lineno, first.col_offset))
    return replace(call, site=site) if site is not None else call


def _site(call: CallFact, innermost: ast.stmt, text: SourceText) -> Optional[StatementSite]:
    """Where statements can go before ``innermost``: nothing but indentation before it."""
    indent = text.segment(innermost.lineno, 0, innermost.lineno, innermost.col_offset)
    if indent is None or indent.strip():
        return None
    target = None
    if (isinstance(innermost, ast.Assign) and len(innermost.targets) == 1
            and isinstance(innermost.targets[0], ast.Name) and isinstance(innermost.value, ast.Call)
            and span(innermost.value) == call.span):
        target = innermost.targets[0].id
    where = span(innermost)
    return StatementSite(where, indent, target, comments(text, where))


def _assigns_all(node: ast.stmt) -> bool:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
        node, (ast.AugAssign, ast.AnnAssign)) else []
    return getattr(node, "value", None) is not None and any(
        isinstance(target, ast.Name) and target.id == "__all__" for target in targets)


def import_line(tree: ast.AST) -> int:
    """Where a fix adds imports: after the leading docstring and imports when they import from
    azureml, else after the first top-level azureml import (a notebook's first cell is often
    ``%pip install`` and settings; the SDK is imported further down, and so are its new names)."""
    body = getattr(tree, "body", [])
    line, leading_azureml, index = 1, False, 0
    for index, statement in enumerate(body):
        docstring = (index == 0 and isinstance(statement, ast.Expr)
                     and isinstance(statement.value, ast.Constant) and isinstance(statement.value.value, str))
        if not (docstring or isinstance(statement, (ast.Import, ast.ImportFrom))):
            break
        line = (statement.end_lineno or statement.lineno) + 1
        leading_azureml = leading_azureml or _imports_azureml(statement)
    else:
        return line
    if leading_azureml:
        return line
    for statement in body[index:]:
        if _imports_azureml(statement):
            return (statement.end_lineno or statement.lineno) + 1
    return line


def _imports_azureml(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.ImportFrom):
        return not statement.level and is_sdk_module(statement.module or "")
    return isinstance(statement, ast.Import) and any(is_sdk_module(alias.name) for alias in statement.names)
