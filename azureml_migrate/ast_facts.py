"""Facts from a Python ``ast`` tree: used by the flake8 plugin and the audit.

Names are resolved the way Python binds them, without importing anything: ``import x as y``,
``from x import y as z``, module attributes (``dnn.PyTorch``), star imports from SDK modules,
and local shadowing. Like pyflakes, function bodies are walked after the enclosing scope, so
they see that scope's final bindings. Imports in ``except ImportError:`` fallback blocks are
compatibility shims: they bind nothing and produce no facts.
"""

from __future__ import annotations

import ast
import dataclasses
import sys
import threading
from typing import Dict, Iterable, List, Optional, Set, Tuple

from . import sdk
from .facts import (
    NOT_LITERAL,
    AttributeAssignment,
    CallFact,
    Consumer,
    ImportFact,
    Keyword,
    ModuleFacts,
    RequirementString,
    Span,
    Value,
)
from .source_text import SourceText

_DATASTORE = "<datastore>"
_DATASTORE_PATH = "<datastore_path>"
_INTERESTING_METHODS = sdk.DATA_REFERENCE_METHODS


class _Binding:
    """What a name is bound to: a qualified name, a value tag, an estimator call, or nothing
    we know."""

    __slots__ = ("target", "usages", "call")

    def __init__(self, target: Optional[str] = None, tracked: bool = False,
                 call: Optional[CallFact] = None):
        self.target = target
        self.usages: Optional[List[Consumer]] = [] if tracked else None
        #: the estimator the name holds, so ``HyperDriveConfig(estimator=est)`` can be rewritten
        self.call = call


_OPAQUE = _Binding()


class _Scope:
    __slots__ = ("kind", "bindings", "local_names", "parent")

    def __init__(self, kind: str, parent: Optional["_Scope"], local_names: Set[str] = frozenset()):
        self.kind = kind
        self.parent = parent
        self.bindings: Dict[str, _Binding] = {}
        self.local_names = local_names


_TARGET_CONTAINERS = (ast.Tuple, ast.List, ast.Starred)


def _local_names(node: ast.AST, expressions_may_bind: bool = True) -> Set[str]:
    """Names a function, lambda or comprehension binds in its own scope.

    Without ``:=`` in the module an expression binds nothing outside assignment targets, so
    with ``expressions_may_bind=False`` the walk skips every other expression: the same names,
    at a fraction of the cost (this walk was most of the time spent on a typical module).
    """
    names: Set[str] = set()
    declared: Set[str] = set()
    args = getattr(node, "args", None)
    if isinstance(args, ast.arguments):
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if arg is not None:
                names.add(arg.arg)
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
        roots: Iterable[ast.AST] = [gen.target for gen in node.generators]
    elif isinstance(node, ast.Lambda):
        roots = []
    else:
        roots = node.body
    stack = list(roots)
    while stack:
        child = stack.pop()
        if not expressions_may_bind and isinstance(child, ast.expr):
            if isinstance(child, ast.Name):
                if not isinstance(child.ctx, ast.Load):
                    names.add(child.id)
            elif isinstance(child, _TARGET_CONTAINERS) and not isinstance(child.ctx, ast.Load):
                stack.extend(ast.iter_child_nodes(child))
            continue
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(child.name)
            stack.extend(child.decorator_list)
            continue
        if isinstance(child, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            continue
        if isinstance(child, (ast.Global, ast.Nonlocal)):
            declared.update(child.names)
        elif isinstance(child, ast.Name) and isinstance(child.ctx, (ast.Store, ast.Del)):
            names.add(child.id)
        elif isinstance(child, (ast.Import, ast.ImportFrom)):
            for alias in child.names:
                if alias.name != "*":
                    names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(child, ast.ExceptHandler) and child.name:
            names.add(child.name)
        elif hasattr(ast, "MatchAs") and isinstance(child, (ast.MatchAs, ast.MatchStar)) and child.name:
            names.add(child.name)
        stack.extend(ast.iter_child_nodes(child))
    return names - declared


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    elements = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    return any(isinstance(e, ast.Name) and e.id in sdk.IMPORT_ERROR_NAMES for e in elements)


def _span(node: ast.AST) -> Span:
    end_line = getattr(node, "end_lineno", None) or node.lineno
    end_col = getattr(node, "end_col_offset", None)
    return Span(node.lineno, node.col_offset, end_line, node.col_offset if end_col is None else end_col)


def _literal(node: ast.AST):
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return NOT_LITERAL


def _segment(text: SourceText, node: ast.AST) -> str:
    segment = text.segment(node.lineno, node.col_offset,
                           getattr(node, "end_lineno", None), getattr(node, "end_col_offset", None))
    if segment is not None:
        return segment
    try:
        return ast.unparse(node)
    except (RecursionError, ValueError, AttributeError):
        return "..."


#: Nodes without children or facts: ``Load``/``Store``, ``+``, ``not``, ``<``, ``and``.
_LEAVES = (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)


class _FactBuilder(ast.NodeVisitor):
    _handlers: Dict[type, object] = {}

    def __init__(self, source: Optional[str]):
        self.facts = ModuleFacts()
        self._text = SourceText(source)
        self._expressions_may_bind = source is None or ":=" in source
        self._scope = _Scope("module", None)
        self._deferred: List[Tuple[ast.AST, _Scope]] = []
        self._handled_names: Set[int] = set()
        self._direct_consumers: Dict[int, Consumer] = {}
        self._call_memo: Dict[int, Optional[CallFact]] = {}
        self._tracked_calls: List[Tuple[int, _Binding]] = []
        self._fact_index: Dict[int, int] = {}

    # -- driving -------------------------------------------------------------------------
    def visit(self, node: ast.AST) -> None:
        """``NodeVisitor.visit`` with the handler looked up once per node class, not per node."""
        handler = self._handlers.get(node.__class__)
        if handler is None:
            handler = self._handlers[node.__class__] = getattr(
                type(self), "visit_" + node.__class__.__name__, _FactBuilder.generic_visit)
        handler(self, node)

    def generic_visit(self, node: ast.AST) -> None:
        """Visit the children that can hold facts; contexts and operators never do."""
        for field in node._fields:
            value = getattr(node, field, None)
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST) and not isinstance(item, _LEAVES):
                        self.visit(item)
            elif isinstance(value, ast.AST) and not isinstance(value, _LEAVES):
                self.visit(value)

    def visit_Constant(self, node: ast.Constant) -> None:
        return None

    def build(self, tree: ast.AST) -> ModuleFacts:
        self.visit(tree)
        while self._deferred:
            deferred, self._deferred = self._deferred, []
            for node, parent in deferred:
                self._walk_function(node, parent)
        for index, binding in self._tracked_calls:
            fact = self.facts.calls[index]
            self.facts.calls[index] = dataclasses.replace(fact, consumers=tuple(binding.usages))
        return self.facts

    def _walk_function(self, node: ast.AST, parent: _Scope) -> None:
        saved = self._scope
        self._scope = _Scope("function", parent, _local_names(node, self._expressions_may_bind))
        body = node.body if isinstance(node.body, list) else [node.body]
        for statement in body:
            self.visit(statement)
        self._scope = saved

    # -- binding and lookup --------------------------------------------------------------
    def _bind(self, name: str, binding: _Binding = _OPAQUE) -> None:
        scope = self._scope
        while scope.kind == "function" and name not in scope.local_names and scope.parent:
            # ``global``/``nonlocal`` names are not local: bind where they live
            scope = scope.parent
        scope.bindings[name] = binding

    def _lookup(self, name: str) -> Optional[_Binding]:
        scope: Optional[_Scope] = self._scope
        innermost = True
        while scope is not None:
            if scope.kind != "class" or innermost:
                if name in scope.bindings:
                    return scope.bindings[name]
                if scope.kind != "module" and name in scope.local_names:
                    return _OPAQUE
            innermost = False
            scope = scope.parent
        return None

    def _qualname(self, node: ast.AST) -> Optional[str]:
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        binding = self._lookup(node.id)
        if binding is None or binding.target is None or binding.target.startswith("<"):
            return None
        parts.append(binding.target)
        return ".".join(reversed(parts))

    def _value_tag(self, node: ast.AST) -> Optional[str]:
        """``_DATASTORE`` / ``_DATASTORE_PATH`` when the expression yields one, else None."""
        if isinstance(node, ast.Name):
            binding = self._lookup(node.id)
            return binding.target if binding is not None and binding.target in (_DATASTORE, _DATASTORE_PATH) else None
        if isinstance(node, ast.Subscript):
            container = node.value
            if isinstance(container, ast.Attribute) and container.attr == sdk.DATASTORE_MAPPING_ATTRIBUTE:
                return _DATASTORE
            return None
        if not isinstance(node, ast.Call):
            return None
        func = node.func
        if sdk.canonical_class(self._qualname(func)) == "Datastore":
            return _DATASTORE
        if isinstance(func, ast.Attribute):
            if func.attr in sdk.DATASTORE_FACTORY_METHODS:
                return _DATASTORE
            if (func.attr in sdk.DATASTORE_CLASS_FACTORIES
                    and sdk.canonical_class(self._qualname(func.value)) == "Datastore"):
                return _DATASTORE
            if func.attr == sdk.DATASTORE_PATH_METHOD and self._value_tag(func.value) == _DATASTORE:
                return _DATASTORE_PATH
        return None

    def _receiver(self, func: ast.Attribute) -> Tuple[Optional[str], Tuple[str, ...]]:
        """What a method is called on, and the source text of the datastore (and path)."""
        receiver = func.value
        if isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Attribute) \
                and receiver.func.attr == sdk.DATASTORE_PATH_METHOD:
            path_args = [*receiver.args, *(kw.value for kw in receiver.keywords)]
            parts = [_segment(self._text, receiver.func.value)]
            if path_args:
                parts.append(_segment(self._text, path_args[0]))
            return "datastore_path", tuple(parts)
        tag = self._value_tag(receiver)
        if tag == _DATASTORE:
            return "datastore", (_segment(self._text, receiver),)
        if tag == _DATASTORE_PATH:
            return "datastore_path", ()
        return None, ()

    # -- scopes --------------------------------------------------------------------------
    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        for child in node.decorator_list:
            self.visit(child)
        self._visit_arguments(node.args)
        if node.returns is not None:
            self.visit(node.returns)
        self._bind(node.name)
        self._deferred.append((node, self._scope))

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._visit_arguments(node.args)
        self._deferred.append((node, self._scope))

    def _visit_arguments(self, args: ast.arguments) -> None:
        for default in [*args.defaults, *args.kw_defaults]:
            if default is not None:
                self.visit(default)
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if arg is not None and arg.annotation is not None:
                self.visit(arg.annotation)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for child in [*node.decorator_list, *node.bases, *node.keywords]:
            self.visit(child)
        saved = self._scope
        self._scope = _Scope("class", saved)
        for statement in node.body:
            self.visit(statement)
        self._scope = saved
        self._bind(node.name)

    def _visit_comprehension(self, node: ast.AST) -> None:
        generators = node.generators
        self.visit(generators[0].iter)
        saved = self._scope
        self._scope = _Scope("function", saved, _local_names(node, self._expressions_may_bind))
        for index, generator in enumerate(generators):
            if index:
                self.visit(generator.iter)
            self.visit(generator.target)
            for condition in generator.ifs:
                self.visit(condition)
        for field_name in ("elt", "key", "value"):
            child = getattr(node, field_name, None)
            if child is not None:
                self.visit(child)
        self._scope = saved

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _visit_comprehension

    # -- imports -------------------------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname:
                self._bind(alias.asname, _Binding(alias.name))
            else:
                top = alias.name.split(".")[0]
                self._bind(top, _Binding(top))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level:
            for alias in node.names:
                if alias.name != "*":
                    self._bind(alias.asname or alias.name)
            return
        span = _span(node)
        from_sdk = module == "azureml" or module.startswith("azureml.")
        for alias in node.names:
            if alias.name == "*":
                for name in sdk.STAR_EXPORTS.get(module, ()):
                    self._bind(name, _Binding(f"{module}.{name}"))
            else:
                self._bind(alias.asname or alias.name, _Binding(f"{module}.{alias.name}"))
            if from_sdk:
                self.facts.imports.append(ImportFact(span, module, alias.name, alias.asname))

    def visit_Try(self, node: ast.Try) -> None:
        for statement in node.body:
            self.visit(statement)
        for handler in node.handlers:
            if handler.type is not None and _catches_import_error(handler):
                continue  # a compatibility fallback: neither a finding nor a binding
            self.visit(handler)
        for statement in [*node.orelse, *node.finalbody]:
            self.visit(statement)

    visit_TryStar = visit_Try

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.type is not None:
            self.visit(node.type)
        if node.name:
            self._bind(node.name)
        for statement in node.body:
            self.visit(statement)

    def visit_Global(self, node: ast.Global) -> None:
        return None

    visit_Nonlocal = visit_Global

    # -- assignments ---------------------------------------------------------------------
    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        single_name = len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
        for target in node.targets:
            if single_name:
                self._bind_assignment(target.id, node.value)
            else:
                self._visit_target(target)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
        self.visit(node.annotation)
        if isinstance(node.target, ast.Name) and node.value is not None:
            self._bind_assignment(node.target.id, node.value)
        else:
            self._visit_target(node.target)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.visit(node.value)
        if isinstance(node.target, ast.Name):
            self._lookup_usage(node.target)
            self._bind(node.target.id)
        else:
            self._visit_target(node.target)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self._bind_assignment(node.target.id, node.value)

    def _bind_assignment(self, name: str, value: ast.AST) -> None:
        tag = self._value_tag(value)
        if tag is not None:
            self._bind(name, _Binding(tag))
            return
        fact = self._call_memo.get(id(value)) if isinstance(value, ast.Call) else None
        if fact is not None and fact.canonical == "RunConfiguration":
            binding = _Binding(tracked=True)
            self._tracked_calls.append((self._fact_index[id(value)], binding))
            self._bind(name, binding)
            return
        if fact is not None and fact.canonical in sdk.ESTIMATORS:
            self._bind(name, _Binding(call=fact))
            return
        self._bind(name)

    def _visit_target(self, target: ast.AST) -> None:
        """Bind or record an assignment target (not a plain name with a known value)."""
        if isinstance(target, ast.Name):
            self._bind(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._visit_target(element)
        elif isinstance(target, ast.Starred):
            self._visit_target(target.value)
        elif isinstance(target, ast.Attribute):
            if target.attr == sdk.DATA_REFERENCES_ATTRIBUTE:
                self.facts.attribute_assignments.append(AttributeAssignment(_span(target), target.attr))
            self.visit_Attribute(target)
        elif isinstance(target, ast.Subscript):
            container = target.value
            if isinstance(container, ast.Attribute) and container.attr == sdk.DATA_REFERENCES_ATTRIBUTE:
                self.facts.attribute_assignments.append(
                    AttributeAssignment(_span(target), container.attr, item=True))
            self.visit(target.value)
            self.visit(target.slice)
        else:
            self.visit(target)

    def visit_For(self, node: ast.For) -> None:
        self.visit(node.iter)
        self._visit_target(node.target)
        for statement in [*node.body, *node.orelse]:
            self.visit(statement)

    visit_AsyncFor = visit_For

    def visit_withitem(self, node: ast.withitem) -> None:
        self.visit(node.context_expr)
        if node.optional_vars is not None:
            self._visit_target(node.optional_vars)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self._visit_target(target)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self._lookup_usage(node)
        else:
            self._bind(node.id)

    def _lookup_usage(self, node: ast.Name, consumer: Consumer = Consumer()) -> None:
        if id(node) in self._handled_names:
            return
        binding = self._lookup(node.id)
        if binding is not None and binding.usages is not None:
            binding.usages.append(consumer)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.value, ast.Name):
            # reading or tweaking ``rc.<attr>`` neither sends the object anywhere nor is one
            self._handled_names.add(id(node.value))
        self.visit(node.value)

    # -- calls ---------------------------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        method = func.attr if isinstance(func, ast.Attribute) else None
        canonical = sdk.canonical_class(self._qualname(func))
        for keyword in node.keywords:
            if keyword.arg is None:
                continue
            if keyword.arg in sdk.REQUIREMENT_KEYWORDS:
                self._requirements(keyword.value, sdk.REQUIREMENT_KEYWORDS[keyword.arg])
            value = keyword.value
            if isinstance(value, (ast.Name, ast.Call)):
                consumer = Consumer(canonical, method, keyword.arg)
                if isinstance(value, ast.Name):
                    self._lookup_usage(value, consumer)
                    self._handled_names.add(id(value))
                else:
                    self._direct_consumers[id(value)] = consumer
        if method in sdk.REQUIREMENT_METHODS:
            for arg in node.args:
                self._requirements(arg, sdk.REQUIREMENT_METHODS[method])
        self._call_fact(node, canonical, method)
        self.generic_visit(node)

    def _call_fact(self, node: ast.Call, canonical: Optional[str] = None,
                   method: Optional[str] = None, resolved: bool = True) -> Optional[CallFact]:
        key = id(node)
        if key in self._call_memo:
            return self._call_memo[key]
        func = node.func
        if not resolved:
            method = func.attr if isinstance(func, ast.Attribute) else None
            canonical = sdk.canonical_class(self._qualname(func))
        receiver, receiver_parts = self._receiver(func) if method in _INTERESTING_METHODS else (None, ())
        if canonical is None and receiver is None and method not in sdk.PIPELINE_RUNCONFIG_METHOD_NAMES:
            self._call_memo[key] = None
            return None
        fact = CallFact(
            span=_span(node),
            canonical=canonical,
            method=method if canonical is None else None,
            receiver=receiver,
            receiver_parts=receiver_parts,
            args=tuple(self._value(arg) for arg in node.args if not isinstance(arg, ast.Starred)),
            keywords=tuple(
                Keyword(kw.arg, _span(kw), self._value(kw.value)) for kw in node.keywords if kw.arg
            ),
            has_star_args=any(isinstance(arg, ast.Starred) for arg in node.args),
            has_star_kwargs=any(kw.arg is None for kw in node.keywords),
        )
        direct = self._direct_consumers.get(key)
        if canonical == "RunConfiguration" and direct is not None:
            fact = dataclasses.replace(fact, consumers=(direct,))
        self._call_memo[key] = fact
        self._fact_index[key] = len(self.facts.calls)
        self.facts.calls.append(fact)
        return fact

    def _value(self, node: ast.AST) -> Value:
        if isinstance(node, ast.Call):
            call = self._call_fact(node, resolved=False)
        elif isinstance(node, ast.Name):
            binding = self._lookup(node.id)
            call = binding.call if binding is not None else None
        else:
            call = None
        kind = None
        if call is not None and (call.canonical == "DataReference"
                                 or (call.method in sdk.DATA_REFERENCE_METHODS and call.receiver)):
            kind = "data_reference"
        items = elements = None
        if isinstance(node, ast.Dict) and None not in node.keys:
            items = tuple((self._value(k), self._value(v)) for k, v in zip(node.keys, node.values))
        elif isinstance(node, (ast.List, ast.Tuple)) and not any(isinstance(e, ast.Starred) for e in node.elts):
            elements = tuple(self._value(element) for element in node.elts)
        return Value(_segment(self._text, node), _literal(node), call, kind, items, elements)

    def _requirements(self, node: ast.AST, kind: str) -> None:
        elements = node.elts if isinstance(node, (ast.List, ast.Tuple, ast.Set)) else [node]
        for element in elements:
            if isinstance(element, ast.Constant) and isinstance(element.value, str):
                self.facts.requirements.append(RequirementString(_span(element), element.value, kind))


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


def _build_deep(tree: ast.AST, source: Optional[str]) -> ModuleFacts:
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
            outcome.append(_FactBuilder(source).build(tree))
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


def build_facts(tree: ast.AST, source: Optional[str] = None) -> ModuleFacts:
    """Facts of one parsed module; ``source`` gives arguments their original text."""
    try:
        return _FactBuilder(source).build(tree)
    except RecursionError:
        return _build_deep(tree, source)
