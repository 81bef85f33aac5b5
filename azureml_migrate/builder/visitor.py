"""The one fact builder: facts of a Python ``ast`` tree, for flake8, pylint and the audit.

Names are resolved the way Python binds them, without importing anything: ``import x as y``,
``from x import y as z``, module attributes (``dnn.PyTorch``), star imports from SDK modules,
``match`` captures and local shadowing. Like pyflakes, function bodies are walked after the
enclosing scope, so they see that scope's final bindings. Imports in ``except ImportError:``
fallback blocks are compatibility shims: they bind nothing and produce no facts.

A host that knows more (pylint, through astroid) passes ``resolve_callee``: it is asked only
about callees the builder cannot resolve, and what it finds carries confidence INFERENCE.
"""

from __future__ import annotations

import ast
from typing import Callable, Dict, List, Optional, Set, Tuple

from .. import sdk
from ..facts import AttributeAssignment, CallFact, Consumer, ImportFact, ModuleFacts, ValueKind
from ..source_text import SourceText
from . import fixable
from .calls import CallFacts
from .flow import DataFlow, new_flow_state
from .scopes import NO_CONSTANT, OPAQUE, Binding, Scope, ScopeKind, Tag, local_names
from .syntax import catches_import_error, import_indent, import_names, is_sdk_module, span
from ..records import replace

#: Asked about a callee (a name or attribute chain) the builder could not resolve: the
#: qualified name it reaches (``"azureml.train.dnn.PyTorch"``), or None.
CalleeResolver = Callable[[ast.expr], Optional[str]]


#: Fields that hold only nodes without children or facts: ``Load``/``Store``, ``+``, ``not``,
#: ``<``, ``and``.
_LEAF_FIELDS = frozenset({"ctx", "op", "ops"})
#: Per node class: its fields other than ``_LEAF_FIELDS``.
_CHILD_FIELDS: Dict[type, Tuple[str, ...]] = {}


def _held_display(node: ast.AST) -> bool:
    """A display a rewrite may read through the name bound to it: a dict without ``**`` (script
    parameters), or a list or tuple of string literals (package lists)."""
    if isinstance(node, ast.Dict):
        return None not in node.keys
    return isinstance(node, (ast.List, ast.Tuple)) and all(
        isinstance(element, ast.Constant) and isinstance(element.value, str) for element in node.elts)


def _maybe_data_reference(node: ast.AST) -> bool:
    """``x.path(...)``/``x.as_mount()``... where ``x`` is not known to be a datastore."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and (node.func.attr in sdk.DATA_REFERENCE_METHODS or node.func.attr == sdk.DATASTORE_PATH_METHOD))


class FactBuilder(CallFacts, DataFlow, ast.NodeVisitor):
    _handlers: Dict[type, object] = {}

    def __init__(self, source: Optional[str], resolve_callee: Optional[CalleeResolver] = None, for_v2: bool = True):
        self.facts = ModuleFacts()
        self._for_v2 = for_v2
        self._resolve_callee = resolve_callee
        self._text = SourceText(source)
        self._expressions_may_bind = source is None or ":=" in source
        #: a function may rebind a module name (``global``): then no module constant is certain
        self._may_declare_global = source is None or "global" in source
        self._scope = Scope(ScopeKind.MODULE, None)
        self._deferred: List[Tuple[ast.AST, Scope]] = []
        self._handled_names: Set[int] = set()
        self._direct_consumers: Dict[int, Consumer] = {}
        self._call_memo: Dict[int, Optional[CallFact]] = {}
        #: module-level constants bound once so far (``FW = '1.6'``)
        self._constants: Set[str] = set()
        self._constant_names_seen: Set[str] = set()
        self._top_level: Set[int] = set()
        #: function bodies walked, and whether a call walked later taught one of them a
        #: parameter's class (the module is built again with what was learned)
        self._walked_functions: Set[int] = set()
        self.learned_late = False
        self._tracked_calls: List[Tuple[int, Binding]] = []
        self._fact_index: Dict[int, int] = {}
        #: callees of calls (``f`` in ``f()``), and calls whose result is only read from
        self._callees: Set[int] = set()
        self._read_only_calls: Set[int] = set()
        #: requirement strings already recorded (one literal may reach several requirement sites)
        self._recorded_strings: Set[int] = set()
        new_flow_state(self)

    # -- driving -------------------------------------------------------------------------
    def visit(self, node: ast.AST) -> None:
        """``NodeVisitor.visit`` with the handler looked up once per node class, not per node."""
        handler = self._handlers.get(node.__class__)
        if handler is None:
            handler = self._handlers[node.__class__] = getattr(
                type(self), "visit_" + node.__class__.__name__, FactBuilder.generic_visit)
        handler(self, node)

    def generic_visit(self, node: ast.AST) -> None:
        """Visit the children that can hold facts; contexts and operators never do, and
        constants are skipped without a call (the hottest loop of the builder)."""
        cls = node.__class__
        fields = _CHILD_FIELDS.get(cls)
        if fields is None:
            fields = _CHILD_FIELDS[cls] = tuple(f for f in cls._fields if f not in _LEAF_FIELDS)
        visit = self.visit
        for field in fields:
            value = getattr(node, field, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, ast.AST) and item.__class__ is not ast.Constant:
                        visit(item)
            elif isinstance(value, ast.AST) and value.__class__ is not ast.Constant:
                visit(value)

    def visit_Constant(self, node: ast.Constant) -> None:
        return None

    # the most common statements, visited as ``generic_visit`` would, without its field loop
    def visit_Expr(self, node: ast.Expr) -> None:
        if node.value.__class__ is not ast.Constant:
            self.visit(node.value)

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None and node.value.__class__ is not ast.Constant:
            self.visit(node.value)

    def visit_If(self, node: ast.If) -> None:
        visit = self.visit
        visit(node.test)
        for statement in node.body:
            visit(statement)
        for statement in node.orelse:
            visit(statement)

    def build(self, tree: ast.AST) -> ModuleFacts:
        self._top_level = {id(statement) for statement in getattr(tree, "body", ())}
        self.visit(tree)
        while self._deferred:
            deferred, self._deferred = self._deferred, []
            for node, parent in deferred:
                self._walk_function(node, parent)
        for index, binding in self._tracked_calls:
            fact = self.facts.calls[index]
            self.facts.calls[index] = replace(fact, consumers=tuple(binding.usages))
        if fixable.needs_fill(self.facts, self._for_v2):
            from . import sites

            sites.fill(tree, self.facts, self._text, self._for_v2)
        return self.facts

    def _walk_function(self, node: ast.AST, parent: Scope) -> None:
        self._walked_functions.add(id(node))
        saved, saved_method = self._scope, self._method
        self._scope = Scope(ScopeKind.FUNCTION, parent, local_names(node, self._expressions_may_bind))
        self._method = node if id(node) in self._method_class else None
        self._bind_parameters(node)
        body = node.body if isinstance(node.body, list) else [node.body]
        for statement in body:
            self.visit(statement)
        self._scope, self._method = saved, saved_method

    # -- binding and lookup --------------------------------------------------------------
    def _bind(self, name: str, binding: Binding = OPAQUE) -> None:
        bindings = self._scope.binding_scope(name).bindings
        if name in self._constants:
            # a second binding: a function body (walked last) cannot tell which one it reads
            self._constants.discard(name)
            previous = bindings.get(name)
            if previous is not None:
                previous.constant = NO_CONSTANT
        bindings[name] = binding

    def _lookup(self, name: str) -> Optional[Binding]:
        return self._scope.lookup(name)

    def _qualname(self, node: ast.AST) -> Optional[str]:
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        binding = self._lookup(node.id)
        target = binding.qualified_name if binding is not None else None
        if target is None:
            return None
        parts.append(target)
        return ".".join(reversed(parts))

    # -- scopes --------------------------------------------------------------------------
    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        for child in node.decorator_list:
            self.visit(child)
        self._visit_arguments(node.args)
        self._note_parameter_defaults(node)
        if node.returns is not None:
            self.visit(node.returns)
        self._bind(node.name, Binding(function=node))
        self._deferred.append((node, self._scope))

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._visit_arguments(node.args)
        self._note_parameter_defaults(node)
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
        step_base = self._class_step_base[id(node)] = self._step_base(node)
        for statement in node.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._method_class[id(statement)] = node
        saved = self._scope
        self._scope = Scope(ScopeKind.CLASS, saved)
        for statement in node.body:
            self.visit(statement)
        self._scope = saved
        self._bind(node.name, Binding(step_base=step_base))

    def _visit_comprehension(self, node: ast.AST) -> None:
        generators = node.generators
        self.visit(generators[0].iter)
        saved = self._scope
        self._scope = Scope(ScopeKind.FUNCTION, saved, local_names(node, self._expressions_may_bind))
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
            if is_sdk_module(alias.name):
                self.facts.imports_azureml = True
            if alias.asname:
                self._bind(alias.asname, Binding(alias.name))
            else:
                top = alias.name.split(".")[0]
                self._bind(top, Binding(top))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level:
            for alias in node.names:
                if alias.name != "*":
                    self._bind(alias.asname or alias.name, Binding(alias=True))
            return
        where = span(node)
        from_sdk = is_sdk_module(module)
        names = import_names(node) if from_sdk else ()
        indent = import_indent(node, self._text) if from_sdk else None
        self.facts.imports_azureml = self.facts.imports_azureml or from_sdk
        for alias in node.names:
            if alias.name == "*":
                for name in sdk.STAR_EXPORTS.get(module, ()):
                    self._bind(name, Binding(f"{module}.{name}"))
            else:
                self._bind(alias.asname or alias.name, Binding(f"{module}.{alias.name}"))
            if from_sdk:
                self.facts.imports.append(ImportFact(where, module, alias.name, alias.asname, names,
                                                     indent=indent))

    def visit_Try(self, node: ast.Try) -> None:
        for statement in node.body:
            self.visit(statement)
        for handler in node.handlers:
            if handler.type is not None and catches_import_error(handler):
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

    # -- ``match`` captures bind their names -------------------------------------------------
    def visit_MatchAs(self, node) -> None:
        if node.pattern is not None:
            self.visit(node.pattern)
        if node.name:
            self._bind(node.name)

    def visit_MatchStar(self, node) -> None:
        if node.name:
            self._bind(node.name)

    def visit_MatchMapping(self, node) -> None:
        self.generic_visit(node)
        if node.rest:
            self._bind(node.rest)

    def visit_Global(self, node: ast.Global) -> None:
        return None

    visit_Nonlocal = visit_Global

    # -- assignments ---------------------------------------------------------------------
    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        single_name = len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
        if (single_name and node.value.__class__ is ast.Constant and id(node) in self._top_level
                and not self._may_declare_global and node.targets[0].id not in self._constant_names_seen
                and node.targets[0].id not in self._scope.bindings):
            name = node.targets[0].id
            self._constant_names_seen.add(name)
            binding = Binding()
            binding.constant = node.value.value
            self._bind(name, binding)
            self._constants.add(name)
            return
        for target in node.targets:
            if isinstance(target, ast.Attribute):
                self._note_self_attribute(target, node.value)
            if single_name:
                self._bind_assignment(target.id, node.value)
            elif isinstance(target, ast.Subscript) and self._registers_data_reference(target, node.value):
                self.visit(target.value)
            else:
                self._visit_target(target)

    def _registers_data_reference(self, target: ast.Subscript, value: ast.AST) -> bool:
        """``rc.data_references[r.data_reference_name] = r.to_config()`` for a data reference ``r``
        made in this module (a name, or an item of a dict display bound to a name): the
        registration a reference needs, reported where ``r`` is made."""
        key = target.slice
        if not (isinstance(target.value, ast.Attribute) and target.value.attr == sdk.DATA_REFERENCES_ATTRIBUTE
                and isinstance(key, ast.Attribute) and key.attr == "data_reference_name"
                and isinstance(value, ast.Call) and not value.args and not value.keywords
                and isinstance(value.func, ast.Attribute) and value.func.attr == "to_config"
                and ast.dump(value.func.value) == ast.dump(key.value)):
            return False
        return self._value(key.value).kind is ValueKind.DATA_REFERENCE or self._held_data_reference(key.value)

    def _held_data_reference(self, node: ast.AST) -> bool:
        """``params['--data']`` where ``params = {...}`` holds a data reference under that key."""
        if not (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name)
                and isinstance(node.slice, ast.Constant)):
            return False
        binding = self._lookup(node.value.id)
        if binding is None or binding.display is None:
            return False
        display = self._value(node.value)  # the display the name holds, as a Value
        return any(
            key.is_literal and key.literal == node.slice.value and item.kind is ValueKind.DATA_REFERENCE
            for key, item in display.items or ())

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
        dataset_input = self._dataset_input(value)
        if dataset_input is not None:
            binding = Binding(Tag.DATASET_INPUT)
            binding.dataset_input = dataset_input
            self._bind(name, binding)
            return
        tag = self._value_tag(value)
        if tag is not None:
            binding = Binding(tag)
            if tag == Tag.DATASTORE:
                binding.datastore = self._datastore_name(value)
            elif tag == Tag.DATASET:  # which registered dataset, for a v2 input (None: not a lookup)
                binding.registered_dataset = self._registered_dataset(value)
            self._bind(name, binding)
            return
        fact = self._call_memo.get(id(value)) if isinstance(value, ast.Call) else None
        if fact is not None and fact.canonical == "RunConfiguration":
            binding = Binding(tracked=True)
            self._tracked_calls.append((self._fact_index[id(value)], binding))
            self._bind(name, binding)
            return
        remembered = sdk.ESTIMATORS | sdk.PARAMETER_SAMPLINGS | {
            "DataReference", "ScriptRunConfig", "MpiConfiguration", "TensorflowConfiguration", "PyTorchConfiguration"}
        if fact is not None and (fact.canonical in remembered
                                 or (fact.method in sdk.DATA_REFERENCE_METHODS and fact.receiver)):
            # estimators and data references: a rewrite must know what the name holds
            self._bind(name, Binding(call=fact))
            return
        target = self._sdk_target(value)
        if target is not None:
            self._bind(name, Binding(target))
            return
        strings = self._string_elements(value) if not isinstance(value, ast.Call) else []
        # ``script_params = {...}`` or ``pip = ['a', 'b']`` read by an estimator call later: the
        # rewrite reads its items (built into a Value only if a tracked call takes the name)
        display = value if _held_display(value) else None
        binding = Binding(alias=isinstance(value, (ast.Name, ast.Attribute)), strings=tuple(strings), display=display)
        binding.uncertain = _maybe_data_reference(value)
        self._bind(name, binding)

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
                self.facts.attribute_assignments.append(AttributeAssignment(span(target), target.attr))
            self.visit_Attribute(target)
        elif isinstance(target, ast.Subscript):
            container = target.value
            if isinstance(container, ast.Attribute) and container.attr == sdk.DATA_REFERENCES_ATTRIBUTE:
                self.facts.attribute_assignments.append(
                    AttributeAssignment(span(target), container.attr, item=True))
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
        """Record where a tracked RunConfiguration goes; without one bound yet, nothing to do."""
        if not self._tracked_calls or id(node) in self._handled_names:
            return
        binding = self._lookup(node.id)
        if binding is not None and binding.usages is not None:
            binding.usages.append(consumer)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        value = node.value
        if value.__class__ is ast.Name:
            # reading or tweaking ``rc.<attr>`` neither sends the object anywhere nor is one:
            # the name is not a usage, and a loaded name has nothing else to visit
            return
        if isinstance(value, ast.Call) and isinstance(node.ctx, ast.Load) and id(node) not in self._callees:
            # ``RunConfiguration().target``: a throwaway instance, only read
            self._read_only_calls.add(id(value))
        self.visit(value)
