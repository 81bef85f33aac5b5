"""An exact test on a parsed module, before any fact is built: can a rule of the default families
report anything in it?

The text prefilter (``engine.may_have_findings``) lets through every module that names azureml
and a tracked class, which is all of the SDK's own code and most code that merely uses the SDK.
Most such modules cannot have a finding, and the tree says so cheaply: every finding of the
default families comes from

- a call (or an import) of a name bound, through an absolute import, to a path of a class some
  rule checks (``CHECKED_PATHS``); the builder resolves callees through nothing else;
- a data-reference method or the ``data_references`` attribute (``engine.DATA_REFERENCE_MARKERS``);
- a requirement string reaching a requirement keyword or method, which names an SDK package,
  so its value contains ``azureml``.

The test reads the module's statements (not their expressions), then only the statements
written on a line that spells a name bound to such a path or a requirement keyword or method,
and answers True ("may have a finding") whenever such a name is used where the builder could
resolve it: called, assigned, a parameter default, an argument of a function of the module, a
class base. ``tests/test_prefilter.py`` holds it to the builder (same findings with and without
it on every corpus and fuzzed program) and to the rules (what they register on).
"""

from __future__ import annotations

import ast
from bisect import bisect_left
from typing import Dict, FrozenSet, Iterable, Iterator, List, Optional, Set, Tuple

from . import sdk

#: Classes some rule of the default families checks a call or an import of.
CHECKED_CLASSES: FrozenSet[str] = frozenset(
    sdk.ESTIMATORS | sdk.DEPRECATED_STEPS | sdk.DISTRIBUTED_HELPERS | set(sdk.DEPRECATED_IMPORTS)
    | {"HyperDriveRunConfig", "HyperDriveConfig", "RunConfiguration", "DataReference"})
#: Their import paths, and every dotted prefix of one (``azureml``, ``azureml.train.dnn``): a
#: name bound to a prefix reaches the class through attributes.
CHECKED_PATHS: FrozenSet[str] = frozenset(
    ".".join(parts[:end])
    for path, canonical in sdk.CLASS_PATHS.items() if canonical in CHECKED_CLASSES
    for parts in (path.split("."),) for end in range(1, len(parts) + 1))
#: Identifiers a requirement site is spelled with (``pip_packages=``, ``.add_pip_package(``).
REQUIREMENT_NAMES: Tuple[str, ...] = tuple(sorted({*sdk.REQUIREMENT_KEYWORDS, *sdk.REQUIREMENT_METHODS}))
#: Most modules lack ``_package``, which all requirement names but these contain: one scan
#: then stands for the others.
_PACKAGE_PART = "_package"
_OTHER_REQUIREMENT_NAMES = tuple(name for name in REQUIREMENT_NAMES if _PACKAGE_PART not in name)
#: Text that makes the test answer True at once: data-reference methods and attributes.
_DATA_REFERENCE_MARKERS = (*sorted(sdk.DATA_REFERENCE_METHODS), sdk.DATA_REFERENCES_ATTRIBUTE)

#: Where an expression sits, for a name bound to a checked path (see ``_place``).
_NEUTRAL, _RESOLVED = object(), object()
_BLOCK_FIELDS = ("body", "orelse", "finalbody")
_PART_FIELDS = ("handlers", "cases")
#: Per statement class: its blocks of statements, its handlers or cases, its other fields; a
#: class with neither blocks nor parts is a simple statement.
_FIELDS: Dict[type, Tuple[Tuple[str, ...], Tuple[str, ...], Tuple[str, ...]]] = {}


def tree_may_have_findings(tree: ast.AST, source: str) -> bool:
    """False only when the default families (no target family, no host inference) report
    nothing in this module; ``source`` is the text ``tree`` was parsed from."""
    if (not isinstance(tree, ast.Module) or not source.isascii()
            or any(marker in source for marker in _DATA_REFERENCE_MARKERS)):
        return True  # identifiers are spelled as written only in ASCII text (NFKC)
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    bound: Dict[str, str] = {}
    for unit in _units(tree.body, _lines_spelling(source, ("import",))):
        node = unit.node
        if node.__class__ is ast.Import:
            for alias in node.names:
                top = alias.name.split(".")[0]
                _bind(bound, alias.asname or top, alias.name if alias.asname else top)
        elif node.__class__ is ast.ImportFrom and not node.level and _import_from(bound, node):
            return True
    requirement_names = [name for name in (REQUIREMENT_NAMES if _PACKAGE_PART in source else _OTHER_REQUIREMENT_NAMES)
                         if name in source]
    if not bound and not requirement_names:
        return False
    examined = _Expressions(bound, source)
    for unit in _units(tree.body, _lines_spelling(source, [*bound, *requirement_names])):
        if examined.resolves(unit):
            return True
    if not examined.string_names:
        return False
    if ":=" in source:
        return True  # a string bound by ``:=`` may reach a requirement site
    return _strings_reach_sites(tree, source, examined.string_names)


def _strings_reach_sites(tree: ast.Module, source: str, names: Set[str]) -> bool:
    """Whether a name (or ``self.<name>``) read by a requirement site may hold a string naming
    an SDK package: every assignment to it is read, and the names its value reads, in turn."""
    done: Set[str] = set()
    while names - done:
        wanted = names - done
        done |= wanted
        for unit in _units(tree.body, _lines_spelling(source, wanted)):
            node = unit.node
            if node.__class__ is ast.Assign:
                targets = node.targets
            elif node.__class__ is ast.AnnAssign and node.value is not None:
                targets = [node.target]
            else:
                continue
            if any((target.__class__ is ast.Name and target.id in wanted)
                   or (target.__class__ is ast.Attribute and target.attr in wanted) for target in targets):
                if _may_name_sdk_package(node.value, names):
                    return True
    return False


def _bind(bound: Dict[str, str], name: str, target: str) -> None:
    if target in CHECKED_PATHS:
        bound[name] = target


def _import_from(bound: Dict[str, str], node: ast.ImportFrom) -> bool:
    """Bind what ``from module import ...`` binds; True when it imports a deprecated name."""
    module = node.module or ""
    for alias in node.names:
        if alias.name == "*":
            for name in sdk.STAR_EXPORTS.get(module, ()):
                if sdk.CLASS_PATHS.get(f"{module}.{name}") in sdk.DEPRECATED_IMPORTS:
                    return True
                _bind(bound, name, f"{module}.{name}")
            continue
        target = f"{module}.{alias.name}"
        if sdk.CLASS_PATHS.get(target) in sdk.DEPRECATED_IMPORTS:
            return True
        _bind(bound, alias.asname or alias.name, target)
    return False


def _units(body: List[ast.stmt], lines: List[int]) -> Iterator["_Placed"]:
    """The simple statements, and the expressions of compound statements' headers, written on
    any of ``lines`` (sorted): only the blocks that span such a line are entered."""
    if not lines:
        return
    stack = [body]
    while stack:
        for node in stack.pop():
            decorators = getattr(node, "decorator_list", None)
            start = decorators[0].lineno if decorators else node.lineno
            index = bisect_left(lines, start)
            if index == len(lines) or lines[index] > node.end_lineno:
                continue
            cls = node.__class__
            fields = _FIELDS.get(cls)
            if fields is None:
                fields = _FIELDS[cls] = (
                    tuple(name for name in cls._fields if name in _BLOCK_FIELDS),
                    tuple(name for name in cls._fields if name in _PART_FIELDS),
                    tuple(name for name in cls._fields if name not in _BLOCK_FIELDS and name not in _PART_FIELDS))
            blocks, parts, others = fields
            if not blocks and not parts:
                yield _Placed(node, None, "")
                continue
            for name in blocks:
                stack.append(getattr(node, name))
            for name in parts:
                for part in getattr(node, name):
                    stack.append(part.body)
                    yield from _header(part, ("body",), lines)
            yield from _header(node, blocks + parts, lines)


def _header(node: ast.AST, skipped: Tuple[str, ...], lines: List[int]) -> Iterator["_Placed"]:
    """The expressions of a compound statement's header (or of a handler or ``match`` case)
    written on any of ``lines``; nodes without a position (``arguments``, ``withitem``) are
    split into their expressions."""
    for name in node._fields:
        if name in skipped:
            continue
        value = getattr(node, name, None)
        for item in value if value.__class__ is list else (value,):
            if not isinstance(item, ast.AST):
                continue
            if getattr(item, "end_lineno", None) is None:
                yield from _header(item, (), lines)
                continue
            index = bisect_left(lines, item.lineno)
            if index < len(lines) and lines[index] <= item.end_lineno:
                yield _Placed(item, node, name)


class _Placed:
    """A header expression with where it sits (``ClassDef.bases``, ``arguments.defaults``)."""

    __slots__ = ("node", "parent", "field")

    def __init__(self, node: ast.AST, parent: ast.AST, field: str) -> None:
        self.node, self.parent, self.field = node, parent, field


def _lines_spelling(source: str, words: Iterable[str]) -> List[int]:
    """The sorted line numbers where any of ``words`` is spelled as a whole identifier."""
    offsets: List[int] = []
    for word in set(words):
        size = len(word)
        start = source.find(word)
        while start >= 0:
            end = start + size
            if not (start and _identifier_char(source[start - 1])) and not (
                    end < len(source) and _identifier_char(source[end])):
                offsets.append(start)
            start = source.find(word, end)
    offsets.sort()
    lines: List[int] = []
    line, previous = 1, 0
    for offset in offsets:
        line += source.count("\n", previous, offset)
        previous = offset
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


def function_names(source: str) -> Set[str]:
    """Every name spelled ``def <whitespace> name`` in ASCII text: the functions whose calls teach
    the builder a parameter's class (a superset: text in strings counts too). A scan, not a
    regex: compiling one cost more than the scans of a whole flake8 run on SDK code."""
    names: Set[str] = set()
    size = len(source)
    start = source.find("def")
    while start >= 0:
        end = start + 3
        while end < size and source[end].isspace():
            end += 1
        if end > start + 3 and end < size and (source[end].isalpha() or source[end] == "_"):
            name_start = end
            while end < size and _identifier_char(source[end]):
                end += 1
            names.add(source[name_start:end])
        start = source.find("def", end)
    return names


def _identifier_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class _Expressions:
    """The expression walk of one unit: does a bound name reach a place where the builder
    resolves it, and which requirement sites are there?"""

    def __init__(self, bound: Dict[str, str], source: str) -> None:
        self.bound = bound
        self.source = source
        self._functions: Optional[Set[str]] = None
        #: the names (and ``self.<name>`` attributes) requirement sites read strings from
        self.string_names: Set[str] = set()

    def resolves(self, unit: "_Placed") -> bool:
        if unit.parent is None:  # a simple statement
            stack = [(child, _place(unit.node, name)) for name, child in _children(unit.node)]
        else:
            stack = [(unit.node, _place(unit.parent, unit.field))]
        bound = self.bound
        while stack:
            node, place = stack.pop()
            cls = node.__class__
            if cls is ast.Constant:
                continue
            if cls is ast.keyword:
                stack.append((node.value, place))  # an argument: judged by its call
                continue
            if cls is ast.Name or cls is ast.Attribute:
                root, path = _dotted(node)
                if root is not None:
                    target = bound.get(root.id)
                    if (target is not None and place is not _NEUTRAL and f"{target}{path}" in CHECKED_PATHS
                            and (place is _RESOLVED or place in self.functions())):
                        return True
                    continue
            if cls is ast.Call and self._requirement_site(node):
                return True
            stack.extend((child, _place(node, name)) for name, child in _children(node))
        return False

    def functions(self) -> Set[str]:
        """The module's function names, read when a bound name is passed to a call of a name."""
        if self._functions is None:
            self._functions = function_names(self.source)
        return self._functions

    def _requirement_site(self, call: ast.Call) -> bool:
        """True when a string written in a requirement site may name an SDK package; the names
        it reads strings through are kept for ``_strings_reach_sites``."""
        func = call.func
        if func.__class__ is ast.Attribute and func.attr in sdk.REQUIREMENT_METHODS:
            if any(_may_name_sdk_package(arg, self.string_names) for arg in call.args):
                return True
        for keyword in call.keywords:
            if keyword.arg in sdk.REQUIREMENT_KEYWORDS and _may_name_sdk_package(keyword.value, self.string_names):
                return True
        return False


def _children(node: ast.AST) -> Iterable[Tuple[str, ast.AST]]:
    for name in node._fields:
        value = getattr(node, name, None)
        if value.__class__ is list:
            for item in value:
                if isinstance(item, ast.AST):
                    yield name, item
        elif isinstance(value, ast.AST):
            yield name, value


def _place(parent: ast.AST, field: str) -> object:
    """Whether the builder resolves a name or attribute chain found directly in this field
    (``_RESOLVED``): a callee, an assigned value, a parameter default, a class base; or the
    name of the function it is an argument of (the builder learns the class a parameter of a
    function of the module holds); else ``_NEUTRAL``."""
    cls = parent.__class__
    if cls is ast.Call:
        if field == "func":
            return _RESOLVED
        func = parent.func
        return func.id if func.__class__ is ast.Name else _NEUTRAL
    if field == "value" and cls in (ast.Assign, ast.AnnAssign, ast.NamedExpr):
        return _RESOLVED
    if (cls is ast.arguments and field in ("defaults", "kw_defaults")) or (cls is ast.ClassDef and field == "bases"):
        return _RESOLVED
    return _NEUTRAL


def _dotted(node: ast.AST) -> Tuple[Optional[ast.Name], str]:
    """``a.b.c`` -> (the Name ``a``, ``".b.c"``); (None, "") when the chain has another root."""
    parts: List[str] = []
    while node.__class__ is ast.Attribute:
        parts.append(node.attr)
        node = node.value
    if node.__class__ is not ast.Name:
        return None, ""
    return node, "".join(f".{part}" for part in reversed(parts))


def _may_name_sdk_package(node: ast.AST, names: Set[str]) -> bool:
    """Whether a string the builder reads as a requirement from this expression (a literal, a
    display's elements, a ``+`` of those, a copy like ``list(...)``) may name an SDK package;
    adds to ``names`` the names and attributes it reads strings through."""
    stack = [node]
    while stack:
        node = stack.pop()
        cls = node.__class__
        if cls is ast.Constant:
            if isinstance(node.value, str) and _names_sdk_package_first(node.value):
                return True
        elif cls is ast.Name:
            names.add(node.id)
        elif cls is ast.Attribute:
            names.add(node.attr)
        elif cls in (ast.List, ast.Tuple, ast.Set):
            stack.extend(node.elts)
        elif cls is ast.BinOp:
            stack.extend((node.left, node.right))
        elif cls is ast.Call:
            stack.extend(node.args)
    return False


def _names_sdk_package_first(text: str) -> bool:
    """Whether a requirement string may name an SDK package: a pip requirement starts with its
    name, a conda match spec too or after its ``channel::``, and every SDK package is named
    ``azureml-...`` (``requirements.parse_pip``/``parse_conda``, ``sdk.SDK_RELEASE_TRAIN``)."""
    head = text.lstrip().lower()
    return head.startswith("azureml") or head.partition("::")[2].startswith("azureml")
