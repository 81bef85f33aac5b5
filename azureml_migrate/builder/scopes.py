"""Name binding as Python does it: what a name holds, and which names a scope makes local."""

from __future__ import annotations

import ast
from typing import Dict, Iterable, List, Optional, Set, Tuple

from ..facts import CallFact, Consumer

_MATCH_CAPTURES = tuple(getattr(ast, name) for name in ("MatchAs", "MatchStar") if hasattr(ast, name))
_MATCH_MAPPING = getattr(ast, "MatchMapping", ())


class Tag:
    """Value tags a binding can carry instead of a qualified name."""

    DATASTORE = "<datastore>"
    DATASTORE_PATH = "<datastore_path>"
    #: a v1 dataset made in this module (``Dataset.get_by_name(ws, n)``)
    DATASET = "<dataset>"
    #: a dataset input of such a dataset (``dataset.as_named_input('x')``); the binding's
    #: ``dataset_input`` says which
    DATASET_INPUT = "<dataset_input>"


NO_CONSTANT = object()


class Binding:
    """What a name is bound to: a qualified name or value tag, the RunConfiguration whose uses
    are collected, an estimator call, or nothing we know."""

    __slots__ = ("target", "usages", "call", "alias", "function", "strings", "step_base", "display", "uncertain",
                 "constant", "dataset_input", "datastore", "registered_dataset")

    def __init__(self, target: Optional[str] = None, tracked: bool = False,
                 call: Optional[CallFact] = None, alias: bool = False, function: Optional[ast.AST] = None,
                 strings: Tuple[ast.Constant, ...] = (), step_base: Optional[str] = None,
                 display: Optional[object] = None):
        self.target = target
        self.usages: Optional[List[Consumer]] = [] if tracked else None
        #: the estimator the name holds, so ``HyperDriveConfig(estimator=est)`` can be rewritten
        self.call = call
        #: the function definition a name holds (its parameters learn from its calls)
        self.function = function
        #: the string literals a name holds (``pip_packages = ['azureml-core==1.0']``)
        self.strings = strings
        #: for a subclass of a pipeline step, the step class it extends
        self.step_base = step_base
        #: bound to another name or attribute (``cls = PyTorch``) or by a relative import:
        #: inference may follow it
        self.alias = alias
        #: the dict display a name holds (``script_params = {...}``), for a rewrite that reads it:
        #: its ``ast.Dict`` until a tracked call takes the name, then its ``Value``
        self.display = display
        #: bound to ``x.path(...)``/``x.as_mount()`` on an unknown ``x``: maybe a data reference
        self.uncertain = False
        #: a module-level constant (``FW = '1.6'``, a top-level statement): its value, read like a
        #: literal while no other binding of the name replaced it
        self.constant = NO_CONSTANT
        #: the dataset input (``facts.DatasetInput``) a name bound to ``Tag.DATASET_INPUT`` holds
        self.dataset_input = None
        #: for a name bound to a datastore: its name when the binding says it (``CallFact.datastore``)
        self.datastore: Optional[str] = None
        #: for a name bound to ``Dataset.get_by_name(...)``: which one (``facts.RegisteredDataset``)
        self.registered_dataset = None

    @property
    def inferable(self) -> bool:
        """Whether a host's inference may know more: an alias, or a name from the user's own
        module (a re-export); never a name the builder knows is something else."""
        target = self.qualified_name
        return self.alias or (target is not None and not (target == "azureml" or target.startswith("azureml.")))

    @property
    def qualified_name(self) -> Optional[str]:
        target = self.target
        return None if target is None or target.startswith("<") else target


OPAQUE = Binding()


class ScopeKind:
    MODULE = "module"
    CLASS = "class"
    FUNCTION = "function"


class Scope:
    __slots__ = ("kind", "bindings", "local_names", "parent")

    def __init__(self, kind: str, parent: Optional["Scope"], local_names: Set[str] = frozenset()):
        self.kind = kind
        self.parent = parent
        self.bindings: Dict[str, Binding] = {}
        self.local_names = local_names

    def binding_scope(self, name: str) -> "Scope":
        """Where assigning ``name`` binds it: ``global``/``nonlocal`` names live further out."""
        scope = self
        while scope.kind == ScopeKind.FUNCTION and name not in scope.local_names and scope.parent:
            scope = scope.parent
        return scope

    def lookup(self, name: str) -> Optional[Binding]:
        """The binding a use of ``name`` sees; class scopes are skipped from nested scopes."""
        scope: Optional[Scope] = self
        innermost = True
        while scope is not None:
            if scope.kind != ScopeKind.CLASS or innermost:
                if name in scope.bindings:
                    return scope.bindings[name]
                if scope.kind != ScopeKind.MODULE and name in scope.local_names:
                    return OPAQUE
            innermost = False
            scope = scope.parent
        return None


_TARGET_CONTAINER_CLASSES = frozenset({ast.Tuple, ast.List, ast.Starred})
_SCOPE_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_SCOPE_DEFINITION_CLASSES = frozenset(_SCOPE_DEFINITIONS)
_NESTED_SCOPES = (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def local_names(node: ast.AST, expressions_may_bind: bool = True) -> Set[str]:
    """Names a function, lambda or comprehension binds in its own scope.

    Without ``:=`` in the module an expression binds nothing outside assignment targets, so
    with ``expressions_may_bind=False`` the walk reads only statements and their targets
    (``_statement_names``): the same names, at a fraction of the cost.
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
    if expressions_may_bind:
        _all_names(roots, names, declared)
    else:
        _statement_names(roots, names, declared)
    return names - declared


def _bound_here(child: ast.AST, names: Set[str], declared: Set[str]) -> None:
    """The names one non-expression node binds (or declares global/nonlocal) itself."""
    if isinstance(child, (ast.Global, ast.Nonlocal)):
        declared.update(child.names)
    elif isinstance(child, (ast.Import, ast.ImportFrom)):
        for alias in child.names:
            if alias.name != "*":
                names.add((alias.asname or alias.name).split(".")[0])
    elif isinstance(child, ast.ExceptHandler) and child.name:
        names.add(child.name)
    elif isinstance(child, _MATCH_CAPTURES) and child.name:
        names.add(child.name)
    elif isinstance(child, _MATCH_MAPPING) and child.rest:
        names.add(child.rest)


def _all_names(roots: Iterable[ast.AST], names: Set[str], declared: Set[str]) -> None:
    """Every node of the scope, expressions included (``:=`` binds in the enclosing function)."""
    stack = list(roots)
    while stack:
        child = stack.pop()
        if isinstance(child, _SCOPE_DEFINITIONS):
            names.add(child.name)
            stack.extend(child.decorator_list)
            continue
        if isinstance(child, _NESTED_SCOPES):
            continue
        if isinstance(child, ast.Name):
            if isinstance(child.ctx, (ast.Store, ast.Del)):
                names.add(child.id)
        else:
            _bound_here(child, names, declared)
        stack.extend(ast.iter_child_nodes(child))


#: Fields of statements (and of handlers, ``with`` items, ``match`` cases and patterns) that
#: hold binding targets; every other expression-valued field only reads names.
_TARGET_FIELDS = frozenset({"targets", "target", "optional_vars", "name"})
#: Per node class: the fields the statement walk follows: nested blocks, handlers, ``with``
#: items and targets; the most common statements are listed, others are derived on first use.
_WALKED_FIELDS: Dict[type, Tuple[str, ...]] = {
    **dict.fromkeys((ast.Expr, ast.Return, ast.Raise, ast.Assert, ast.Pass, ast.Break, ast.Continue,
                     ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal), ()),
    ast.Assign: ("targets",), ast.Delete: ("targets",),
    ast.AugAssign: ("target",), ast.AnnAssign: ("target",),
    ast.If: ("body", "orelse"), ast.While: ("body", "orelse"),
    ast.For: ("target", "body", "orelse"), ast.AsyncFor: ("target", "body", "orelse"),
    ast.With: ("items", "body"), ast.AsyncWith: ("items", "body"), ast.withitem: ("optional_vars",),
    ast.Try: ("body", "handlers", "orelse", "finalbody"), ast.ExceptHandler: ("body",),
}
#: Nodes that bind or declare names themselves (``_bound_here``).
_BINDING_NODES = frozenset({ast.Global, ast.Nonlocal, ast.Import, ast.ImportFrom, ast.ExceptHandler,
                            *_MATCH_CAPTURES, *((_MATCH_MAPPING,) if _MATCH_MAPPING else ())})


def _statement_names(roots: Iterable[ast.AST], names: Set[str], declared: Set[str]) -> None:
    """``_all_names`` for a module without ``:=``: only statements, their nested blocks and
    their targets are read; an expression that is not a target is never entered."""
    stack = list(roots)
    pop, push = stack.pop, stack.append
    while stack:
        child = pop()
        if isinstance(child, ast.expr):
            cls = child.__class__
            if cls is ast.Name:
                if child.ctx.__class__ is not ast.Load:
                    names.add(child.id)
            elif cls in _TARGET_CONTAINER_CLASSES and child.ctx.__class__ is not ast.Load:
                stack.extend(ast.iter_child_nodes(child))
            continue
        cls = child.__class__
        if cls in _SCOPE_DEFINITION_CLASSES:
            names.add(child.name)
            continue
        if cls in _BINDING_NODES:
            _bound_here(child, names, declared)
        fields = _WALKED_FIELDS.get(cls)
        if fields is None:
            fields = _WALKED_FIELDS[cls] = tuple(f for f in cls._fields if f not in ("ctx", "op", "ops"))
        for field in fields:
            value = getattr(child, field, None)
            if value.__class__ is list:
                if value and (field in _TARGET_FIELDS or not isinstance(value[0], ast.expr)):
                    for item in value:
                        if isinstance(item, ast.AST):
                            push(item)
            elif isinstance(value, ast.AST) and (field in _TARGET_FIELDS or not isinstance(value, ast.expr)):
                push(value)
