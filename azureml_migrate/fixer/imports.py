"""The imports a fix needs: which are bound before their first use, which clash, and where new
ones go.

A program runs in order (a notebook's code cells one after the other), so a name a fix uses is
present only where an import of the same object runs before the use: an earlier statement of
the use's block or of a block around it. An import after the use, or in a branch the use is not
in, does not count; every import path of ``sdk.REPLACEMENT_PATHS`` binds the same object. A name
the use's scope binds to anything else is a clash, and the fix is left alone (rewrites alias a
name the module binds otherwise, so this is rare).

New names join a one-line ``from M import ...`` of the same module that runs before the use, or
go on lines of their own at the program's import line when it runs before the use, else right
before the top-level statement holding the use. Never inside a function or class, never after
the use, never into a notebook cell that starts with a cell magic. The body of a cell magic that
runs outside the kernel (``%%writefile x.py``) is a program of its own: its imports count only
for uses in it, and its new imports go into it, below the magic line.
"""

from __future__ import annotations

import ast
import bisect
from dataclasses import dataclass, field
from typing import Callable, Dict, Hashable, Iterable, List, Optional, Sequence, Tuple

from .. import sdk
from ..fixes import Import

#: (program line, column) of a name's first use
Position = Tuple[int, int]
#: program line -> (the program region it runs in, whether new imports may be written there)
ProgramLayout = Callable[[int], Tuple[Hashable, bool]]
#: where new import lines go: ("before", line) the statement starting there, or ("after", line)
#: the statement ending there; indented as the line of the third member (0: not indented)
Point = Tuple[str, int, int]

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda,
           ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_BODIES = ("body", "orelse", "finalbody")


def _whole(line: int) -> Tuple[Hashable, bool]:
    return None, True


def identity(item: Import) -> str:
    """What an import binds: the replacement object any of its paths reaches, else its path."""
    path = f"{item.module}.{item.name}"
    return sdk.REPLACEMENT_PATHS.get(path, path)


@dataclass(frozen=True)
class _Binding:
    #: the object an absolute ``from`` import binds (see ``identity``), None for anything else
    identity: Optional[str]
    #: the statement list the binding statement sits in, and its index there
    body: int
    index: int
    region: Hashable


@dataclass
class _Scope:
    kind: str  # "module", "function" or "class"
    parent: Optional["_Scope"]
    bindings: Dict[str, List[_Binding]] = field(default_factory=dict)

    def bind(self, name: str, binding: _Binding) -> None:
        self.bindings.setdefault(name, []).append(binding)


@dataclass
class _Body:
    """A statement list: its statements' start positions (for bisection) and its scope."""

    statements: List[ast.stmt]
    starts: List[Position]
    scope: _Scope


class ModuleNames:
    """What a program binds where, to tell whether a fix's names are there at its first use."""

    def __init__(self, tree: ast.Module, layout: ProgramLayout = _whole) -> None:
        self.tree = tree
        self.layout = layout
        self.module = _Scope("module", None)
        self._bodies: Dict[int, _Body] = {}
        self._import_points: Dict[Hashable, Optional[Tuple[Point, float]]] = {}
        #: module -> indexes of the one-line top-level ``from module import ...`` statements
        self._from_imports: Dict[str, List[int]] = {}
        for index, statement in enumerate(tree.body):
            if (isinstance(statement, ast.ImportFrom) and not statement.level and statement.module
                    and statement.lineno == statement.end_lineno
                    and all(alias.name != "*" for alias in statement.names)):
                self._from_imports.setdefault(statement.module, []).append(index)
        self._walk()

    @classmethod
    def of(cls, tree: ast.Module, layout: ProgramLayout = _whole) -> "ModuleNames":
        return cls(tree, layout)

    # -- what is bound where ------------------------------------------------------------------
    def _walk(self) -> None:
        """Every statement list with its scope, and every binding in its scope (explicit stack:
        deep nesting must not exhaust recursion)."""
        stack: List[Tuple[List[ast.stmt], _Scope]] = [(self.tree.body, self.module)]
        while stack:
            body, scope = stack.pop()
            key = id(body)
            self._bodies[key] = _Body(body, [_start(statement) for statement in body], scope)
            for index, statement in enumerate(body):
                region = self.layout(statement.lineno)[0] if scope is self.module else None

                def bind(name: str, found: Optional[str] = None, into: _Scope = scope) -> None:
                    into.bind(name, _Binding(found, key, index, region))

                self._bind_statement(statement, bind)
                if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    inner = _Scope("class" if isinstance(statement, ast.ClassDef) else "function", scope)
                    if not isinstance(statement, ast.ClassDef):
                        for argument in _arguments(statement.args):
                            inner.bind(argument, _Binding(None, key, -1, None))
                    stack.append((statement.body, inner))
                    continue
                for name in _BODIES:
                    inner_body = getattr(statement, name, None)
                    if isinstance(inner_body, list) and inner_body and isinstance(inner_body[0], ast.stmt):
                        stack.append((inner_body, scope))
                for handler in getattr(statement, "handlers", ()) or ():
                    if handler.name:
                        bind(handler.name)
                    stack.append((handler.body, scope))
                for case in getattr(statement, "cases", ()) or ():
                    for node in _expression_nodes([case.pattern, case.guard]):
                        _bind_node(node, bind)
                    stack.append((case.body, scope))

    def _bind_statement(self, statement: ast.stmt, bind: Callable[..., None]) -> None:
        if isinstance(statement, ast.ImportFrom):
            for alias in statement.names:
                if alias.name != "*":
                    found = (identity(Import(statement.module or "", alias.name))
                             if not statement.level and statement.module else None)
                    bind(alias.asname or alias.name, found)
            return
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                bind(alias.asname or alias.name.split(".")[0])
            return
        if isinstance(statement, (ast.Global, ast.Nonlocal)):
            into = self.module if isinstance(statement, ast.Global) else None
            for name in statement.names:
                if into is not None:
                    bind(name, into=into)
                else:
                    bind(name)
            return
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bind(statement.name)
            parts: List[ast.AST] = list(statement.decorator_list)
            if isinstance(statement, ast.ClassDef):
                parts += statement.bases + [keyword.value for keyword in statement.keywords]
            else:
                parts += [item for item in statement.args.defaults + statement.args.kw_defaults if item]
        else:
            parts = [value for name, value in ast.iter_fields(statement)
                     if name not in _BODIES + ("handlers", "cases")]
        for node in _expression_nodes(parts):
            _bind_node(node, bind)

    # -- a use ------------------------------------------------------------------------------
    def _chain(self, use: Position) -> Tuple[Dict[int, float], List[_Scope]]:
        """Per statement list around ``use``: the index of the statement holding it (``n + 0.5``
        when it falls after statement ``n``); and the scopes its names resolve in, innermost
        first (a class body only when the use is directly in it)."""
        chain, scopes, _ = self._descend(use)
        resolving = [scope for position, scope in enumerate(reversed(scopes))
                     if scope.kind != "class" or position == 0]
        return chain, resolving

    def _descend(self, use: Position) -> Tuple[Dict[int, float], List[_Scope], Optional[List[ast.stmt]]]:
        """The chain and scopes around ``use`` (outermost first), and the body of the innermost
        function holding it."""
        chain: Dict[int, float] = {}
        key = id(self.tree.body)
        scopes = [self.module]
        function_body: Optional[List[ast.stmt]] = None
        while True:
            body = self._bodies[key]
            index = bisect.bisect_right(body.starts, use) - 1
            if index < 0:
                chain[key] = -0.5
                break
            statement = body.statements[index]
            if use > (statement.end_lineno or statement.lineno, statement.end_col_offset or 0):
                chain[key] = index + 0.5
                break
            chain[key] = index
            inner = _inner_bodies(statement)
            found = None
            for candidate in inner:
                candidate_body = self._bodies.get(id(candidate))
                if candidate_body is not None and candidate_body.starts and candidate_body.starts[0] <= use:
                    last = candidate_body.statements[-1]
                    if use <= (last.end_lineno or last.lineno, last.end_col_offset or 0):
                        found = candidate
            if found is None:
                break
            key = id(found)
            scope = self._bodies[key].scope
            if scope is not scopes[-1]:
                scopes.append(scope)
                function_body = found if scope.kind == "function" else None
        return chain, scopes, function_body

    def _state(self, item: Import, use: Position, chain: Dict[int, float], scopes: Sequence[_Scope]) -> str:
        """"present", "missing" or "clash" for the name ``item`` binds, at ``use``."""
        wanted = identity(item)
        region = self.layout(use[0])[0]
        for scope in scopes:
            bindings = scope.bindings.get(item.bound, [])
            if scope is self.module:
                bindings = [binding for binding in bindings if binding.region == region]
            if not bindings:
                continue
            if any(binding.identity != wanted for binding in bindings):
                return "clash"
            if any(chain.get(binding.body, -1) > binding.index for binding in bindings):
                return "present"
            # a function's own name is local everywhere in it: unbound before its import
            return "clash" if scope.kind == "function" else "missing"
        return "missing"

    def missing(self, imports: Sequence[Import], use: Position) -> Tuple[List[Import], Optional[str]]:
        """(the imports to add for a fix whose first use of them is at ``use``, why the fix
        cannot have them, if it cannot)."""
        chain, scopes = self._chain(use)
        needed = []
        for item in imports:
            state = self._state(item, use, chain, scopes)
            if state == "clash":
                return [], f"name {item.bound} is already bound to something else where the fix would use it"
            if state == "missing":
                needed.append(item)
        if needed and self._points(use)[0] is None:
            return [], (f"no line that runs before the fix can import {needed[0].bound} (the cells before it "
                        "start with a cell magic)")
        return needed, None

    # -- where new imports go -------------------------------------------------------------------
    def _writable(self, line: int, region: Hashable) -> bool:
        found_region, writable = self.layout(line)
        return writable and found_region == region

    def _points(self, use: Position) -> Tuple[Optional[Point], Optional[float]]:
        """(where new import lines for a use go, the index of the top-level statement holding the
        use, or None when they go into the use's function); (None, None) when no line before the
        use may take them."""
        region = self.layout(use[0])[0]
        chain, _, function_body = self._descend(use)
        if function_body is not None:
            local = self._function_point(function_body, region)
            if local is not None:
                return local, None
        top = chain[id(self.tree.body)]
        statements = self.tree.body
        line = self._import_point(region)
        if line is not None and line[1] <= top:
            return line[0], top
        held = int(top) if top == int(top) else None
        if held is not None and 0 <= held < len(statements) and self._writable(_start(statements[held])[0], region):
            return ("before", _start(statements[held])[0], 0), top
        for index in range(min(int(top + 0.5), len(statements)) - 1, -1, -1):
            statement = statements[index]
            end = statement.end_lineno or statement.lineno
            if self.layout(statement.lineno)[0] == region and self._writable(end, region):
                return ("after", end, 0), top
        return None, None

    def _function_point(self, body: List[ast.stmt], region: Hashable) -> Optional[Point]:
        """After a function's leading imports when one of them imports azureml: the user imports
        the SDK where it is used, and so does the fix (the use is in this function only)."""
        last, azureml = None, False
        for position, statement in enumerate(body):
            docstring = (position == 0 and isinstance(statement, ast.Expr)
                         and isinstance(statement.value, ast.Constant) and isinstance(statement.value.value, str))
            if not (docstring or isinstance(statement, (ast.Import, ast.ImportFrom))):
                break
            last, azureml = statement, azureml or _imports_azureml(statement)
        if last is None or not azureml:
            return None
        end = last.end_lineno or last.lineno
        return ("after", end, last.lineno) if self._writable(end, region) else None

    def _import_point(self, region: Hashable) -> Optional[Tuple[Point, float]]:
        """The region's import line, as import_line puts it for a module: after the leading
        docstring and imports when one imports azureml, else after the first top-level azureml
        import; with its place among the top-level statements."""
        if region not in self._import_points:
            self._import_points[region] = self._find_import_point(region)
        return self._import_points[region]

    def _find_import_point(self, region: Hashable) -> Optional[Tuple[Point, float]]:
        statements = [(index, statement) for index, statement in enumerate(self.tree.body)
                      if self.layout(statement.lineno)[0] == region]
        if not statements:
            return None
        leading_end, leading_azureml, position = None, False, 0
        for position, (index, statement) in enumerate(statements):
            docstring = (position == 0 and isinstance(statement, ast.Expr)
                         and isinstance(statement.value, ast.Constant) and isinstance(statement.value.value, str))
            if not (docstring or isinstance(statement, (ast.Import, ast.ImportFrom))):
                break
            leading_end = (index, statement)
            leading_azureml = leading_azureml or _imports_azureml(statement)
        else:
            position = len(statements)
        after = leading_end
        if not leading_azureml:
            after = next(((index, statement) for index, statement in statements[position:]
                          if _imports_azureml(statement)), leading_end)
        if after is None:
            index, statement = statements[0]
            line = _start(statement)[0]
            return (("before", line, 0), index) if self._writable(line, region) else None
        index, statement = after
        end = statement.end_lineno or statement.lineno
        return (("after", end, 0), index + 0.5) if self._writable(end, region) else None

    def plan(self, uses: Dict[Import, List[Position]],
             can_join: Callable[[ast.ImportFrom], bool] = lambda statement: True) -> "ImportPlan":
        """Where each needed import goes: joined to a statement, or on new lines at a point;
        ``can_join(statement)`` says whether a statement is free to extend this round."""
        joined: Dict[int, Tuple[ast.ImportFrom, List[str]]] = {}
        points: Dict[Point, Dict[str, List[str]]] = {}
        for item, positions in uses.items():
            # the first use of each place the import may go: a region, or a function's imports
            first: Dict[Tuple[Hashable, Optional[Point]], Position] = {}
            for position in positions:
                point, top = self._points(position)
                if point is not None:
                    place = (self.layout(position[0])[0], point if top is None else None)
                    first[place] = min(position, first.get(place, position))
            for (region, _), use in first.items():
                point, top = self._points(use)
                if point is None:
                    continue
                statement = None if top is None else self._joinable(item.module, region, top, can_join)
                if statement is not None:
                    names = joined.setdefault(id(statement), (statement, []))[1]
                    if item.alias() not in names:
                        names.append(item.alias())
                    continue
                names = points.setdefault(point, {}).setdefault(item.module, [])
                if item.alias() not in names:
                    names.append(item.alias())
        new_lines = tuple((point, tuple(f"from {module} import {', '.join(sorted(names))}"
                                        for module, names in sorted(modules.items())))
                          for point, modules in sorted(points.items(), key=lambda entry: entry[0][1]))
        return ImportPlan(tuple((statement, tuple(names)) for statement, names in joined.values()), new_lines)

    def _joinable(self, module: str, region: Hashable, top: float,
                  can_join: Callable[[ast.ImportFrom], bool]) -> Optional[ast.ImportFrom]:
        """The last one-line top-level ``from module import ...`` that runs before the use, in its
        region and a cell that may be written."""
        indexes = self._from_imports.get(module, [])
        for index in reversed(indexes[:bisect.bisect_left(indexes, int(top + 0.5))]):
            statement = self.tree.body[index]
            if self._writable(statement.lineno, region) and can_join(statement):
                return statement
        return None


@dataclass(frozen=True)
class ImportPlan:
    """Where each needed import is written: joined to an existing statement, or on new lines."""

    #: (statement, names) to append to a one-line ``from module import ...``
    joined: Tuple[Tuple[ast.ImportFrom, Tuple[str, ...]], ...] = ()
    #: (point, statements) new import statements, sorted, at each point
    new_lines: Tuple[Tuple[Point, Tuple[str, ...]], ...] = ()


def join_text(line_text: str, statement: ast.ImportFrom, added: Sequence[str]) -> Tuple[int, str]:
    """(byte column to insert at, text) to add names to a one-line ``from M import a``
    (or ``from M import (a, b)``)."""
    encoded = line_text.encode("utf-8", errors="surrogatepass")
    end = statement.end_col_offset or 0
    names = ", ".join(added)
    if encoded[end - 1:end] == b")":
        inside = encoded[:end - 1].rstrip()
        return end - 1, (f" {names}" if inside.endswith(b",") else f", {names}")
    return end, f", {names}"


def wrapped_import(statement: ast.ImportFrom, indent: str) -> str:
    """A one-line ``from M import a, b as c`` as black wraps it when it is too long:
    parenthesised, one name a line with a trailing comma, lines after the first indented as
    ``indent`` (the statement's own)."""
    names = [alias.name + (f" as {alias.asname}" if alias.asname else "") for alias in statement.names]
    module = "." * statement.level + (statement.module or "")
    return f"from {module} import (\n" + "".join(f"{indent}    {name},\n" for name in names) + f"{indent})"


# -- helpers -----------------------------------------------------------------------------------
def _start(statement: ast.stmt) -> Position:
    """Where a statement starts, its decorators included."""
    decorators = getattr(statement, "decorator_list", None)
    if decorators:
        first = min(decorators, key=lambda node: (node.lineno, node.col_offset))
        # the ``@`` sits one column before the decorator's expression
        return min((first.lineno, max(first.col_offset - 1, 0)), (statement.lineno, statement.col_offset))
    return statement.lineno, statement.col_offset


def _inner_bodies(statement: ast.stmt) -> List[List[ast.stmt]]:
    bodies = [getattr(statement, name) for name in _BODIES if getattr(statement, name, None)]
    bodies += [handler.body for handler in getattr(statement, "handlers", ()) or ()]
    bodies += [case.body for case in getattr(statement, "cases", ()) or ()]
    return [body for body in bodies if isinstance(body, list) and body and isinstance(body[0], ast.stmt)]


def _arguments(arguments: ast.arguments) -> Iterable[str]:
    for argument in arguments.posonlyargs + arguments.args + arguments.kwonlyargs:
        yield argument.arg
    for argument in (arguments.vararg, arguments.kwarg):
        if argument is not None:
            yield argument.arg


def _expression_nodes(parts: Iterable[object]) -> Iterable[ast.AST]:
    """Every node under ``parts`` that runs in their scope (lambdas and comprehensions bind in
    their own)."""
    stack: List[ast.AST] = []
    for part in parts:
        if isinstance(part, list):
            stack.extend(item for item in part if isinstance(item, ast.AST))
        elif isinstance(part, ast.AST):
            stack.append(part)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, _NESTED):
            continue
        stack.extend(ast.iter_child_nodes(node))


def _bind_node(node: ast.AST, bind: Callable[..., None]) -> None:
    if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
        bind(node.id)
    elif type(node).__name__ in ("MatchAs", "MatchStar") and getattr(node, "name", None):
        bind(node.name)
    elif type(node).__name__ == "MatchMapping" and getattr(node, "rest", None):
        bind(node.rest)


def _imports_azureml(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.ImportFrom):
        return not statement.level and (statement.module or "").split(".")[0] == "azureml"
    return isinstance(statement, ast.Import) and any(alias.name.split(".")[0] == "azureml"
                                                     for alias in statement.names)
