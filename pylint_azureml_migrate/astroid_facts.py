"""Facts from an astroid module: the pylint adapter's twin of ``azureml_migrate.ast_facts``.

Rules read the same facts whichever linter hosts them, so this builder must produce exactly
what the ``ast`` builder produces for the same code (the parity and differential fuzz tests
hold it to that), with names resolved through astroid's scopes and their binding tables
(``locals``) instead of a hand-kept binding table; see ``_FactBuilder._binding``.

On top of that, when a callee does not resolve to a tracked class through its import, the
builder follows it further — through plain assignments (``cls = PyTorch; cls(...)``) and
into the user's own modules (``from mypkg.compat import PyTorch``) — and reports what it finds
with ``INFERENCE`` confidence. It never loads an ``azureml`` module, so the findings are the
same whether or not the SDK is installed, and it never imports or runs anything: astroid only
parses.
"""

from __future__ import annotations

import ast
import dataclasses
from typing import Dict, Iterator, List, Optional, Sequence, Tuple, Union

import astroid
from astroid import nodes

from azureml_migrate import sdk
from azureml_migrate.facts import (
    HIGH,
    INFERENCE,
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
from azureml_migrate.source_text import SourceText

_DATASTORE = "<datastore>"
_DATASTORE_PATH = "<datastore_path>"
#: How many assignments and re-exports inference follows before it gives up.
_MAX_INFERENCE_STEPS = 20
#: How deep a chain of ``x = ds.path(...)`` assignments the datastore tagging follows.
_MAX_TAG_DEPTH = 50
#: Inference reads other files through astroid: any failure there means "no finding".
_INFERENCE_ERRORS = (Exception,)

#: What an expression resolves to during inference: a dotted name we do not load (any
#: ``azureml`` path), or an astroid node of the user's code (a module, a class ...).
_Symbol = Union[str, nodes.NodeNG]


def _span(node: nodes.NodeNG) -> Span:
    line = node.lineno
    col = node.col_offset or 0
    end_line = node.end_lineno or line
    end_col = node.end_col_offset
    return Span(line, col, end_line, col if end_col is None else end_col)


def _has_position(node: nodes.NodeNG) -> bool:
    """Nodes a transform synthesized have no position: facts need one, so they are skipped."""
    return isinstance(getattr(node, "lineno", None), int)


def _position(node: nodes.NodeNG) -> Tuple[int, int]:
    return (node.lineno or 0, node.col_offset or 0)


def _literal(node: nodes.NodeNG):
    try:
        return ast.literal_eval(node.as_string())
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError, AttributeError):
        return NOT_LITERAL


def _catches_import_error(handler: nodes.ExceptHandler) -> bool:
    caught = handler.type
    if caught is None:
        return False
    elements = caught.elts if isinstance(caught, nodes.Tuple) else [caught]
    return any(isinstance(e, nodes.Name) and e.name in sdk.IMPORT_ERROR_NAMES for e in elements)


def _is_sdk_name(dotted: str) -> bool:
    return dotted == "azureml" or dotted.startswith("azureml.")


def _segment(text: SourceText, node: nodes.NodeNG) -> str:
    segment = text.segment(node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)
    if segment is not None:
        return segment
    try:
        return node.as_string()
    except (RecursionError, ValueError, AttributeError, TypeError):
        return "..."


class _FactBuilder:
    def __init__(self, module: nodes.Module, source: Optional[str]):
        self.module = module
        self.facts = ModuleFacts()
        self.locations: Dict[Span, nodes.NodeNG] = {}
        self._text = SourceText(source)
        self._fallback_handlers: Dict[int, bool] = {}
        self._call_memo: Dict[int, Optional[CallFact]] = {}
        self._fact_index: Dict[int, int] = {}
        self._usages_by_name: Dict[str, List[nodes.NodeNG]] = {}
        self._tracked: List[Tuple[int, nodes.AssignName]] = []
        self._loaded_modules: Dict[str, Optional[nodes.Module]] = {}
        self._star_index: Dict[int, List[nodes.ImportFrom]] = {}

    # -- driving -------------------------------------------------------------------------
    def build(self) -> ModuleFacts:
        for node in self._walk():
            if isinstance(node, nodes.ImportFrom):
                self._import_from(node)
            elif isinstance(node, nodes.Call):
                self._visit_call(node)
            elif isinstance(node, (nodes.AssignAttr, nodes.DelAttr)):
                self._attribute_target(node)
            elif isinstance(node, nodes.Subscript):
                self._subscript_target(node)
            if isinstance(node, nodes.Name) or (
                    isinstance(node, nodes.AssignName) and isinstance(node.parent, nodes.AugAssign)):
                self._usages_by_name.setdefault(node.name, []).append(node)
        for index, assigned in self._tracked:
            fact = self.facts.calls[index]
            self.facts.calls[index] = dataclasses.replace(fact, consumers=tuple(self._consumers(assigned)))
        return self.facts

    def _walk(self) -> Iterator[nodes.NodeNG]:
        """Every node in source order, except ``except ImportError:`` fallback blocks."""
        stack: List[nodes.NodeNG] = [self.module]
        while stack:
            node = stack.pop()
            if isinstance(node, nodes.ExceptHandler) and _catches_import_error(node):
                continue  # a compatibility fallback: neither a finding nor a binding
            yield node
            stack.extend(reversed(list(node.get_children())))

    def _remember(self, span: Span, node: nodes.NodeNG) -> Span:
        self.locations.setdefault(span, node)
        return span

    # -- binding and lookup --------------------------------------------------------------
    def _in_fallback(self, node: nodes.NodeNG) -> bool:
        """Whether a node sits in an ``except ImportError:`` block, which binds nothing."""
        parent = node.parent
        while parent is not None:
            if isinstance(parent, nodes.ExceptHandler):
                key = id(parent)
                if key not in self._fallback_handlers:
                    self._fallback_handlers[key] = _catches_import_error(parent)
                if self._fallback_handlers[key]:
                    return True
            parent = parent.parent
        return False

    def _binds(self, statement: nodes.NodeNG, name: str) -> bool:
        if self._in_fallback(statement):
            return False
        if isinstance(statement, nodes.ImportFrom) and any(alias == "*" for alias, _ in statement.names):
            explicit = any((asname or alias) == name for alias, asname in statement.names if alias != "*")
            return explicit or (not statement.level and name in sdk.STAR_EXPORTS.get(statement.modname, ()))
        return True

    def _star_imports(self, module: nodes.Module, name: str) -> List[nodes.ImportFrom]:
        """SDK star imports binding ``name``: astroid binds them only when the SDK is installed."""
        key = id(module)
        if key not in self._star_index:
            self._star_index[key] = [
                statement for statement in module.nodes_of_class(
                    nodes.ImportFrom, skip_klass=(nodes.FunctionDef, nodes.ClassDef))
                if not statement.level and ("*", None) in statement.names and not self._in_fallback(statement)
            ]
        return [statement for statement in self._star_index[key]
                if name in sdk.STAR_EXPORTS.get(statement.modname, ())]

    def _binding(self, node: nodes.NodeNG, name: str) -> Optional[nodes.NodeNG]:
        """The node that binds ``name`` where ``node`` uses it, or None if nothing we know does.

        Read from astroid's scope tables (``locals``) in the order Python runs the code, which
        is the order the ``ast`` builder walks it: in straight-line code and class bodies the
        latest binding before the use; from a function or lambda body, the enclosing scope's
        last binding; a function's own names are local even before they are bound.
        ``lookup()`` itself is not used: its branch-aware filtering (names bound in a ``try``
        body are unseen in its handlers, ``del`` and ``except ... as`` hide what they shadow)
        would make pylint and flake8 disagree.
        """
        deferred = False
        innermost = True
        scope = self._starting_scope(node)
        while scope is not None:
            if innermost or not isinstance(scope, nodes.ClassDef):
                # a fallback import binds nothing, yet makes the name local to a function all the same
                local = [b for b in scope.locals.get(name, ()) if not (
                    isinstance(scope, nodes.ComprehensionScope) and isinstance(b.parent, nodes.NamedExpr))]
                bindings = [b for b in local if b is not node and self._binds(b, name)
                            and not self._binds_after_reading(b, node)]
                if isinstance(scope, nodes.Module):
                    bindings.extend(b for b in self._star_imports(scope, name) if b not in bindings)
                frame = scope.frame()
                if deferred or isinstance(scope, nodes.ComprehensionScope):
                    # a comprehension binds its targets before it evaluates its element
                    eligible = bindings
                else:
                    # a ``global`` assignment in a function body runs after the code here
                    eligible = [b for b in bindings if not self._in_body_of_nested(b, frame)
                                and _position(b) <= _position(node)]
                if eligible:
                    return max(eligible, key=lambda b: (self._in_body_of_nested(b, frame), _position(b)))
                if local and isinstance(scope, (nodes.FunctionDef, nodes.Lambda, nodes.ComprehensionScope)):
                    return None  # a local not bound yet: nothing we know
            if isinstance(scope, (nodes.FunctionDef, nodes.Lambda)):
                deferred = True
            innermost = False
            scope = self._starting_scope(scope) if scope.parent is not None else None
        return None

    @staticmethod
    def _starting_scope(node: nodes.NodeNG) -> Optional[nodes.NodeNG]:
        """The scope ``node`` is evaluated in: decorators, defaults, annotations and bases run
        in the scope around their function or class, a comprehension's first iterable too."""
        child, scope = node, node.parent.scope() if node.parent is not None else None
        while scope is not None and scope is not child:
            if isinstance(scope, (nodes.FunctionDef, nodes.Lambda, nodes.ClassDef)):
                body = scope.body if isinstance(scope.body, list) else [scope.body]
                inside = any(statement is child or statement.parent_of(child) for statement in body)
            elif isinstance(scope, nodes.ComprehensionScope):
                first = scope.generators[0].iter
                inside = not (first is child or first.parent_of(child))
            else:
                inside = True
            if inside:
                return scope
            child, scope = scope, scope.parent.scope() if scope.parent is not None else None
        return scope

    @staticmethod
    def _in_body_of_nested(binding: nodes.NodeNG, frame: nodes.NodeNG) -> bool:
        """Whether a binding of ``frame``'s scope is made inside a nested function (``global``)."""
        return binding.frame() is not frame and not isinstance(binding, (nodes.FunctionDef, nodes.ClassDef))

    @staticmethod
    def _binds_after_reading(binding: nodes.NodeNG, use: nodes.NodeNG) -> bool:
        """``name = f(name)``, ``(name := f(name))``, ``for name in name``: the use comes first."""
        parent = binding.parent
        if isinstance(parent, (nodes.Assign, nodes.AnnAssign, nodes.AugAssign, nodes.NamedExpr)):
            value = parent.value
        elif isinstance(parent, (nodes.For, nodes.Comprehension)):
            value = parent.iter
        else:
            return False
        return value is not None and (value is use or value.parent_of(use))

    @staticmethod
    def _import_target(statement: nodes.NodeNG, name: str) -> Optional[str]:
        """The dotted name an import binds ``name`` to, as the ``ast`` builder records it."""
        if isinstance(statement, nodes.Import):
            for alias, asname in statement.names:
                if asname == name:
                    return alias
                if asname is None and alias.split(".")[0] == name:
                    return name
            return None
        if isinstance(statement, nodes.ImportFrom) and not statement.level:
            for alias, asname in statement.names:
                if alias != "*" and (asname or alias) == name:
                    return f"{statement.modname}.{alias}"
            if ("*", None) in statement.names:
                return f"{statement.modname}.{name}"
        return None

    def _qualname(self, node: nodes.NodeNG) -> Optional[str]:
        parts = []
        while isinstance(node, nodes.Attribute):
            parts.append(node.attrname)
            node = node.expr
        if not isinstance(node, nodes.Name):
            return None
        target = self._import_target(self._binding(node, node.name), node.name)
        if target is None:
            return None
        parts.append(target)
        return ".".join(reversed(parts))

    @staticmethod
    def _single_assignment_value(assigned: nodes.NodeNG) -> Optional[nodes.NodeNG]:
        """The value of ``name = value`` (or ``name: T = value``, ``(name := value)``)."""
        if not isinstance(assigned, nodes.AssignName):
            return None
        parent = assigned.parent
        if isinstance(parent, nodes.Assign) and len(parent.targets) == 1 and parent.targets[0] is assigned:
            return parent.value
        if isinstance(parent, nodes.AnnAssign) and parent.target is assigned:
            return parent.value
        if isinstance(parent, nodes.NamedExpr) and parent.target is assigned:
            return parent.value
        return None

    def _value_tag(self, node: nodes.NodeNG, depth: int = 0) -> Optional[str]:
        """``_DATASTORE`` / ``_DATASTORE_PATH`` when the expression yields one, else None."""
        if depth > _MAX_TAG_DEPTH:
            return None
        if isinstance(node, nodes.Name):
            value = self._single_assignment_value(self._binding(node, node.name))
            return self._value_tag(value, depth + 1) if value is not None else None
        if isinstance(node, nodes.Subscript):
            container = node.value
            if isinstance(container, nodes.Attribute) and container.attrname == sdk.DATASTORE_MAPPING_ATTRIBUTE:
                return _DATASTORE
            return None
        if not isinstance(node, nodes.Call):
            return None
        func = node.func
        if sdk.canonical_class(self._qualname(func)) == "Datastore":
            return _DATASTORE
        if isinstance(func, nodes.Attribute):
            if func.attrname in sdk.DATASTORE_FACTORY_METHODS:
                return _DATASTORE
            if func.attrname in sdk.DATASTORE_CLASS_FACTORIES \
                    and sdk.canonical_class(self._qualname(func.expr)) == "Datastore":
                return _DATASTORE
            if func.attrname == sdk.DATASTORE_PATH_METHOD and self._value_tag(func.expr, depth + 1) == _DATASTORE:
                return _DATASTORE_PATH
        return None

    def _receiver(self, func: nodes.Attribute) -> Tuple[Optional[str], Tuple[str, ...]]:
        """What a method is called on, and the source text of the datastore (and path)."""
        receiver = func.expr
        if isinstance(receiver, nodes.Call) and isinstance(receiver.func, nodes.Attribute) \
                and receiver.func.attrname == sdk.DATASTORE_PATH_METHOD:
            path_args = [*receiver.args, *(kw.value for kw in receiver.keywords or ())]
            parts = [_segment(self._text, receiver.func.expr)]
            if path_args:
                parts.append(_segment(self._text, path_args[0]))
            return "datastore_path", tuple(parts)
        tag = self._value_tag(receiver)
        if tag == _DATASTORE:
            return "datastore", (_segment(self._text, receiver),)
        if tag == _DATASTORE_PATH:
            return "datastore_path", ()
        return None, ()

    # -- inference beyond imports ----------------------------------------------------------
    def _inferred_class(self, func: nodes.NodeNG) -> Optional[str]:
        """The tracked class a callee reaches through assignments and the user's own modules."""
        try:
            symbol = self._resolve_expression(func, [0])
        except _INFERENCE_ERRORS:
            return None
        return sdk.canonical_class(symbol) if isinstance(symbol, str) else None

    def _resolve_expression(self, node: nodes.NodeNG, steps: List[int]) -> Optional[_Symbol]:
        steps[0] += 1
        if steps[0] > _MAX_INFERENCE_STEPS:
            return None
        if isinstance(node, nodes.Name):
            return self._resolve_binding(self._binding(node, node.name), node.name, steps)
        if isinstance(node, nodes.Attribute):
            return self._member(self._resolve_expression(node.expr, steps), node.attrname, steps)
        return None

    def _resolve_binding(self, statement: Optional[nodes.NodeNG], name: str,
                         steps: List[int]) -> Optional[_Symbol]:
        steps[0] += 1
        if statement is None or steps[0] > _MAX_INFERENCE_STEPS:
            return None
        if isinstance(statement, nodes.Import):
            target = self._import_target(statement, name)
            return self._module_symbol(target, statement) if target is not None else None
        if isinstance(statement, nodes.ImportFrom):
            original = next((alias for alias, asname in statement.names
                             if alias != "*" and (asname or alias) == name), name)
            if statement.level:
                try:
                    base: Optional[_Symbol] = statement.do_import_module(statement.modname)
                except _INFERENCE_ERRORS:
                    return None
            else:
                base = self._module_symbol(statement.modname, statement)
            return self._member(base, original, steps)
        value = self._single_assignment_value(statement)
        if value is not None and isinstance(value, (nodes.Name, nodes.Attribute)):
            return self._resolve_expression(value, steps)
        return None

    def _module_symbol(self, dotted: str, context: nodes.NodeNG) -> Optional[_Symbol]:
        """An SDK module stays a name (never loaded); any other is parsed by astroid."""
        if _is_sdk_name(dotted):
            return dotted
        if dotted not in self._loaded_modules:
            try:
                self._loaded_modules[dotted] = astroid.MANAGER.ast_from_module_name(
                    dotted, context_file=context.root().file)
            except _INFERENCE_ERRORS:
                self._loaded_modules[dotted] = None
        return self._loaded_modules[dotted]

    def _member(self, base: Optional[_Symbol], attribute: str, steps: List[int]) -> Optional[_Symbol]:
        if base is None:
            return None
        if isinstance(base, str):
            return f"{base}.{attribute}"
        if not isinstance(base, nodes.Module):
            return None
        candidates = [s for s in base.locals.get(attribute, ()) if self._binds(s, attribute)]
        candidates.extend(s for s in self._star_imports(base, attribute) if s not in candidates)
        if candidates:
            return self._resolve_binding(max(candidates, key=_position), attribute, steps)
        return self._module_symbol(f"{base.name}.{attribute}", base)

    # -- imports -------------------------------------------------------------------------
    def _import_from(self, node: nodes.ImportFrom) -> None:
        module = node.modname or ""
        if node.level or not _is_sdk_name(module) or not _has_position(node):
            return
        span = self._remember(_span(node), node)
        for name, asname in node.names:
            self.facts.imports.append(ImportFact(span, module, name, asname))

    # -- attribute assignments -------------------------------------------------------------
    @staticmethod
    def _in_comprehension_target(node: nodes.NodeNG) -> bool:
        parent = node.parent
        while isinstance(parent, (nodes.Tuple, nodes.List, nodes.Starred)):
            parent = parent.parent
        return isinstance(parent, nodes.Comprehension)

    def _attribute_target(self, node: nodes.NodeNG) -> None:
        if node.attrname == sdk.DATA_REFERENCES_ATTRIBUTE and _has_position(node) \
                and not self._in_comprehension_target(node):
            span = self._remember(_span(node), node)
            self.facts.attribute_assignments.append(AttributeAssignment(span, node.attrname))

    def _subscript_target(self, node: nodes.Subscript) -> None:
        if node.ctx == astroid.Context.Load or not _has_position(node) or self._in_comprehension_target(node):
            return
        container = node.value
        if isinstance(container, nodes.Attribute) and container.attrname == sdk.DATA_REFERENCES_ATTRIBUTE:
            span = self._remember(_span(node), node)
            self.facts.attribute_assignments.append(AttributeAssignment(span, container.attrname, item=True))

    # -- calls ---------------------------------------------------------------------------
    def _visit_call(self, node: nodes.Call) -> None:
        method = node.func.attrname if isinstance(node.func, nodes.Attribute) else None
        for keyword in node.keywords or ():
            if keyword.arg in sdk.REQUIREMENT_KEYWORDS:
                self._requirements(keyword.value, sdk.REQUIREMENT_KEYWORDS[keyword.arg])
        if method in sdk.REQUIREMENT_METHODS:
            for argument in node.args:
                self._requirements(argument, sdk.REQUIREMENT_METHODS[method])
        self._call_fact(node)

    def _consumer(self, keyword: nodes.Keyword) -> Consumer:
        """``Callee(keyword=value)``, the callee resolved through imports only, as flake8 does."""
        call = keyword.parent
        func = call.func
        method = func.attrname if isinstance(func, nodes.Attribute) else None
        return Consumer(sdk.canonical_class(self._qualname(func)), method, keyword.arg)

    def _call_fact(self, node: nodes.Call) -> Optional[CallFact]:
        key = id(node)
        if key in self._call_memo:
            return self._call_memo[key]
        self._call_memo[key] = None
        if not _has_position(node):
            return None
        func = node.func
        method = func.attrname if isinstance(func, nodes.Attribute) else None
        canonical = sdk.canonical_class(self._qualname(func))
        confidence = HIGH
        if canonical is None:
            canonical = self._inferred_class(func)
            confidence = INFERENCE
        receiver, receiver_parts = self._receiver(func) if method in sdk.DATA_REFERENCE_METHODS else (None, ())
        if canonical is None and receiver is None and method not in sdk.PIPELINE_RUNCONFIG_METHOD_NAMES:
            return None
        keywords = node.keywords or ()
        span = _span(node)
        fact = CallFact(
            span=self._remember(span, node),
            canonical=canonical,
            method=method if canonical is None else None,
            receiver=receiver,
            receiver_parts=receiver_parts,
            args=tuple(self._value(arg) for arg in node.args if not isinstance(arg, nodes.Starred)),
            keywords=tuple(
                Keyword(kw.arg, self._remember(_span(kw), kw) if _has_position(kw) else span, self._value(kw.value))
                for kw in keywords if kw.arg
            ),
            has_star_args=any(isinstance(arg, nodes.Starred) for arg in node.args),
            has_star_kwargs=any(kw.arg is None for kw in keywords),
            confidence=confidence if canonical is not None else HIGH,
        )
        if canonical == "RunConfiguration":
            fact = self._with_direct_consumer(node, fact)
        self._call_memo[key] = fact
        self._fact_index[key] = len(self.facts.calls)
        self.facts.calls.append(fact)
        return fact

    def _with_direct_consumer(self, node: nodes.Call, fact: CallFact) -> CallFact:
        """Where a RunConfiguration goes: straight into a keyword, or into a variable to follow."""
        parent = node.parent
        if isinstance(parent, nodes.Keyword) and parent.arg and isinstance(parent.parent, nodes.Call):
            return dataclasses.replace(fact, consumers=(self._consumer(parent),))
        for assigned in self._assigned_names(parent):
            if self._single_assignment_value(assigned) is node:
                self._tracked.append((len(self.facts.calls), assigned))
        return fact

    @staticmethod
    def _assigned_names(parent: nodes.NodeNG) -> Sequence[nodes.NodeNG]:
        if isinstance(parent, nodes.Assign):
            return parent.targets
        if isinstance(parent, (nodes.AnnAssign, nodes.NamedExpr)):
            return [parent.target]
        return []

    def _consumers(self, assigned: nodes.AssignName) -> Iterator[Consumer]:
        """Every use of a variable holding a RunConfiguration, as the consumer it feeds."""
        for usage in self._usages_by_name.get(assigned.name, ()):
            parent = usage.parent
            if isinstance(parent, (nodes.Attribute, nodes.AssignAttr, nodes.DelAttr)) and parent.expr is usage:
                continue  # reading or tweaking ``rc.<attr>`` sends the object nowhere
            if self._binding(usage, usage.name) is not assigned:
                continue
            if isinstance(parent, nodes.Keyword) and parent.arg and isinstance(parent.parent, nodes.Call):
                yield self._consumer(parent)
            else:
                yield Consumer()

    def _value(self, node: nodes.NodeNG) -> Value:
        call = self._call_fact(node) if isinstance(node, nodes.Call) else self._estimator_held_by(node)
        kind = None
        if call is not None and (call.canonical == "DataReference"
                                 or (call.method in sdk.DATA_REFERENCE_METHODS and call.receiver)):
            kind = "data_reference"
        items = elements = None
        if isinstance(node, nodes.Dict) and not any(isinstance(k, nodes.DictUnpack) for k, _ in node.items):
            items = tuple((self._value(k), self._value(v)) for k, v in node.items)
        elif isinstance(node, (nodes.List, nodes.Tuple)) and not any(isinstance(e, nodes.Starred) for e in node.elts):
            elements = tuple(self._value(element) for element in node.elts)
        return Value(_segment(self._text, node), _literal(node), call, kind, items, elements)

    def _estimator_held_by(self, node: nodes.NodeNG) -> Optional[CallFact]:
        """The estimator call a name was assigned, so ``HyperDriveConfig(estimator=est)`` can be
        rewritten (the same single-assignment rule as the ``ast`` builder's bindings)."""
        if not isinstance(node, nodes.Name):
            return None
        value = self._single_assignment_value(self._binding(node, node.name))
        if not isinstance(value, nodes.Call):
            return None
        fact = self._call_fact(value)
        return fact if fact is not None and fact.canonical in sdk.ESTIMATORS else None

    def _requirements(self, node: nodes.NodeNG, kind: str) -> None:
        elements = node.elts if isinstance(node, (nodes.List, nodes.Tuple, nodes.Set)) else [node]
        for element in elements:
            if isinstance(element, nodes.Const) and isinstance(element.value, str) and _has_position(element):
                span = self._remember(_span(element), element)
                self.facts.requirements.append(RequirementString(span, element.value, kind))


def build_facts(module: nodes.Module, source: Optional[str] = None) -> Tuple[ModuleFacts, Dict[Span, nodes.NodeNG]]:
    """Facts of one astroid module, and the node at each fact's span (pylint reports on nodes)."""
    builder = _FactBuilder(module, source)
    return builder.build(), builder.locations
