"""Call facts: what a call's callee resolves to, its arguments as values, where a
RunConfiguration goes, and the receivers of data-reference methods (datastores and paths)."""

from __future__ import annotations

import ast
from typing import Optional, Tuple

from .. import sdk
from ..facts import (DEFAULT_DATASTORE, NOT_LITERAL, CallFact, Confidence, Consumer, DatasetInput, Keyword,
                     Receiver, RegisteredDataset, RequirementKind, RequirementList, RequirementString,
                     RequirementSyntax, Value, ValueKind)
from .scopes import NO_CONSTANT, Tag
from .syntax import dotted_root, literal, segment, span
from ..records import replace

_INTERESTING_METHODS = sdk.DATA_REFERENCE_METHODS
_TAG_RECEIVERS = {Tag.DATASTORE: Receiver.DATASTORE, Tag.DATASTORE_PATH: Receiver.DATASTORE_PATH}


class CallFacts:
    """The call half of ``FactBuilder`` (see ``visitor``): it reads the builder's bindings
    through ``_lookup``/``_qualname`` and adds to its ``facts``."""

    # -- datastores -----------------------------------------------------------------------
    def _value_tag(self, node: ast.AST) -> Optional[str]:
        """``Tag.DATASTORE`` / ``Tag.DATASTORE_PATH`` / ``Tag.DATASET`` when the expression
        yields one, else None."""
        if isinstance(node, ast.Name):
            binding = self._lookup(node.id)
            target = binding.target if binding is not None else None
            return target if target in (Tag.DATASTORE, Tag.DATASTORE_PATH, Tag.DATASET) else None
        if isinstance(node, ast.Subscript):
            container = node.value
            if isinstance(container, ast.Attribute) and container.attr == sdk.DATASTORE_MAPPING_ATTRIBUTE:
                return Tag.DATASTORE
            return None
        if not isinstance(node, ast.Call):
            return None
        func = node.func
        if sdk.canonical_class(self._qualname(func)) == "Datastore":
            return Tag.DATASTORE
        if isinstance(func, ast.Attribute):
            if func.attr in sdk.DATASTORE_FACTORY_METHODS:
                return Tag.DATASTORE
            if (func.attr in sdk.DATASTORE_CLASS_FACTORIES
                    and sdk.canonical_class(self._qualname(func.value)) == "Datastore"):
                return Tag.DATASTORE
            if func.attr == sdk.DATASTORE_PATH_METHOD and self._value_tag(func.value) == Tag.DATASTORE:
                return Tag.DATASTORE_PATH
            if self._makes_dataset(func):
                return Tag.DATASET
        return None

    # -- datasets -------------------------------------------------------------------------
    def _makes_dataset(self, func: ast.Attribute) -> bool:
        """``Dataset.get_by_name(...)``, ``Dataset.File.from_files(...)``, ``<dataset>.register(...)``."""
        owner = func.value
        if func.attr in sdk.DATASET_LOOKUPS:
            return self._qualname(owner) in sdk.DATASET_CLASS_PATHS
        if func.attr in sdk.DATASET_FACTORY_METHODS:
            return (isinstance(owner, ast.Attribute) and owner.attr in sdk.DATASET_FACTORY_ATTRIBUTES
                    and self._qualname(owner.value) in sdk.DATASET_CLASS_PATHS)
        return func.attr in sdk.DATASET_DERIVING_METHODS and self._value_tag(owner) == Tag.DATASET

    def _dataset_input(self, node: ast.AST) -> Optional[DatasetInput]:
        """The dataset input an expression makes: ``<x>.as_named_input(name)`` (``certain`` when
        ``x`` is a dataset made in this module), ``.as_mount()``/``.as_download()`` on that or on
        such a dataset, or a name bound to one of these."""
        if isinstance(node, ast.Name):
            binding = self._lookup(node.id)
            return binding.dataset_input if binding is not None else None
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            return None
        method, receiver = node.func.attr, node.func.value
        if method == sdk.DATASET_INPUT_METHOD:
            named = node.args[0] if node.args else next((kw.value for kw in node.keywords if kw.arg == "name"), None)
            name = literal(named) if named is not None else NOT_LITERAL
            return DatasetInput(segment(self._text, receiver), True, name if isinstance(name, str) else None,
                                "direct", self._value_tag(receiver) == Tag.DATASET)
        mode = sdk.DATASET_MODE_METHODS.get(method)
        if mode is None:
            return None
        inner = self._dataset_input(receiver) if isinstance(receiver, ast.Call) else None
        if inner is not None:
            return replace(inner, mode=mode)
        if self._value_tag(receiver) == Tag.DATASET:
            return DatasetInput(segment(self._text, receiver), False, None, mode, True)
        return None

    def _receiver(self, func: ast.Attribute) -> Tuple[Optional[Receiver], Tuple[str, ...], Optional[str]]:
        """What a method is called on, the source text of the datastore (and path), and the
        datastore's name when the module says it."""
        receiver = func.value
        if isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Attribute) \
                and receiver.func.attr == sdk.DATASTORE_PATH_METHOD:
            path_args = [*receiver.args, *(kw.value for kw in receiver.keywords if kw.arg == "path")]
            parts = [segment(self._text, receiver.func.value)]
            if path_args:
                parts.append(segment(self._text, path_args[0]))
            return Receiver.DATASTORE_PATH, tuple(parts), self._datastore_name(receiver.func.value)
        tag = self._value_tag(receiver)
        if tag == Tag.DATASTORE:
            return Receiver.DATASTORE, (segment(self._text, receiver),), self._datastore_name(receiver)
        return _TAG_RECEIVERS.get(tag), (), None

    def _datastore_name(self, node: ast.AST) -> Optional[str]:
        """The name of the datastore an expression yields, when it is written in the module:
        ``Datastore.get(ws, 'name')``, ``Datastore(ws, 'name')``, ``ws.datastores['name']``, a
        name bound to one of these; ``DEFAULT_DATASTORE`` for ``ws.get_default_datastore()``,
        ``Datastore.get_default(ws)`` and ``Datastore(ws)``; None for anything else."""
        if isinstance(node, ast.Name):
            binding = self._lookup(node.id)
            return binding.datastore if binding is not None and binding.target == Tag.DATASTORE else None
        if isinstance(node, ast.Subscript):
            container, key = node.value, node.slice
            if isinstance(container, ast.Attribute) and container.attr == sdk.DATASTORE_MAPPING_ATTRIBUTE:
                return _datastore_literal(key)
            return None
        if not isinstance(node, ast.Call) or any(isinstance(arg, ast.Starred) for arg in node.args) \
                or any(keyword.arg is None for keyword in node.keywords):
            return None
        func = node.func
        keywords = {keyword.arg: keyword.value for keyword in node.keywords}
        if sdk.canonical_class(self._qualname(func)) == "Datastore":  # Datastore(workspace, name=None)
            name = node.args[1] if len(node.args) > 1 else keywords.get("name")
            return DEFAULT_DATASTORE if name is None else _datastore_literal(name)
        if not isinstance(func, ast.Attribute):
            return None
        if func.attr in sdk.DATASTORE_FACTORY_METHODS and not node.args and not node.keywords:
            return DEFAULT_DATASTORE
        if sdk.canonical_class(self._qualname(func.value)) != "Datastore":
            return None
        if func.attr == "get_default":
            return DEFAULT_DATASTORE
        if func.attr == "get":  # Datastore.get(workspace, datastore_name)
            name = node.args[1] if len(node.args) > 1 else keywords.get("datastore_name")
            return _datastore_literal(name) if name is not None else None
        return None

    # -- registered datasets ---------------------------------------------------------------
    def _registered_dataset(self, node: ast.AST) -> Optional[RegisteredDataset]:
        """``Dataset.get_by_name(ws, 'name'[, version])`` with a literal name, or a name bound to it."""
        if isinstance(node, ast.Name):
            binding = self._lookup(node.id)
            return binding.registered_dataset if binding is not None and binding.target == Tag.DATASET else None
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == sdk.DATASET_LOOKUP
                and self._qualname(node.func.value) in sdk.DATASET_CLASS_PATHS):
            return None
        if any(isinstance(arg, ast.Starred) for arg in node.args) or any(kw.arg is None for kw in node.keywords) \
                or len(node.args) > 3:
            return None
        given = dict(zip(("workspace", "name", "version"), node.args))
        given.update((keyword.arg, keyword.value) for keyword in node.keywords)
        name = literal(given["name"]) if "name" in given else NOT_LITERAL
        if not isinstance(name, str) or not name:
            return None
        return RegisteredDataset(name, literal(given["version"]) if "version" in given else None)

    def _consumed_dataset(self, func: ast.Attribute) -> Optional[RegisteredDataset]:
        """The registered dataset ``<dataset>.as_named_input(n).as_mount()`` or
        ``<dataset>.as_download()`` consumes."""
        receiver = func.value
        if isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Attribute) \
                and receiver.func.attr == sdk.DATASET_INPUT_METHOD:
            receiver = receiver.func.value
        return self._registered_dataset(receiver)

    # -- calls ---------------------------------------------------------------------------
    def _resolve(self, func: ast.expr) -> Tuple[Optional[str], Confidence]:
        """The tracked class a callee reaches: through bindings, else through the host."""
        canonical = sdk.canonical_class(self._qualname(func))
        if canonical is None and self._resolve_callee is not None and self._may_infer(func):
            canonical = sdk.canonical_class(self._resolve_callee(func))
            if canonical is not None:
                return canonical, Confidence.INFERENCE
        return canonical, Confidence.HIGH

    def _may_infer(self, func: ast.expr) -> bool:
        """Whether the host may know more about a callee than its binding tells: an unbound
        name (a builtin, a star import from the user's module), an alias or a re-export."""
        root = dotted_root(func)
        if root is None:
            return False
        binding = self._lookup(root.id)
        return binding is None or binding.inferable

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        self._callees.add(id(func))
        method = func.attr if isinstance(func, ast.Attribute) else None
        canonical, confidence = self._resolve(func)
        self._note_call_arguments(node)
        # where a value goes is judged from the module's own bindings only
        consumer_canonical = self._consumer_class(func, canonical if confidence is Confidence.HIGH else None)
        for keyword in node.keywords:
            if keyword.arg is None:
                continue
            if keyword.arg in sdk.REQUIREMENT_KEYWORDS:
                self._requirements(keyword.value, RequirementKind(sdk.REQUIREMENT_KEYWORDS[keyword.arg]))
            value = keyword.value
            if isinstance(value, (ast.Name, ast.Call)):
                consumer = Consumer(consumer_canonical, method, keyword.arg)
                if isinstance(value, ast.Name):
                    self._lookup_usage(value, consumer)
                    self._handled_names.add(id(value))
                else:
                    self._direct_consumers[id(value)] = consumer
        if method in sdk.REQUIREMENT_METHODS:
            for arg in node.args:
                self._requirements(arg, RequirementKind(sdk.REQUIREMENT_METHODS[method]))
        self._call_fact(node, (canonical, confidence))
        # the children, as ``generic_visit`` would visit them, without its per-field loop
        visit = self.visit
        visit(func)
        for arg in node.args:
            if arg.__class__ is not ast.Constant:
                visit(arg)
        for keyword in node.keywords:
            if keyword.value.__class__ is not ast.Constant:
                visit(keyword.value)

    def _call_fact(self, node: ast.Call,
                   resolved: Optional[Tuple[Optional[str], Confidence]] = None) -> Optional[CallFact]:
        key = id(node)
        if key in self._call_memo:
            return self._call_memo[key]
        func = node.func
        method = func.attr if isinstance(func, ast.Attribute) else None
        canonical, confidence = resolved if resolved is not None else self._resolve(func)
        receiver, receiver_parts, datastore = (self._receiver(func) if method in _INTERESTING_METHODS
                                               else (None, (), None))
        dataset = (self._consumed_dataset(func) if receiver is None and method in sdk.DATASET_MODE_METHODS
                   else None)
        if canonical is None and receiver is None and dataset is None \
                and method not in sdk.PIPELINE_RUNCONFIG_METHOD_NAMES:
            self._call_memo[key] = None
            return None
        fact = CallFact(
            span=span(node),
            canonical=canonical,
            method=method if canonical is None else None,
            receiver=receiver,
            receiver_parts=receiver_parts,
            datastore=datastore,
            dataset=dataset,
            args=tuple(self._value(arg) for arg in node.args if not isinstance(arg, ast.Starred)),
            keywords=tuple(
                Keyword(kw.arg, span(kw), self._value(kw.value)) for kw in node.keywords if kw.arg
            ),
            has_star_kwargs=any(kw.arg is None for kw in node.keywords),
            has_star_args=any(isinstance(arg, ast.Starred) for arg in node.args),
            confidence=confidence,
        )
        if canonical == "DataReference":
            given = node.args[0] if node.args else next(
                (keyword.value for keyword in node.keywords if keyword.arg == "datastore"), None)
            if given is not None and not isinstance(given, ast.Starred):
                fact = replace(fact, datastore=self._datastore_name(given))
        if canonical == "RunConfiguration":
            direct = self._direct_consumers.get(key)
            if key in self._read_only_calls:
                direct = Consumer(read_only=True)
            if direct is not None:
                fact = replace(fact, consumers=(direct,))
        self._call_memo[key] = fact
        self._fact_index[key] = len(self.facts.calls)
        self.facts.calls.append(fact)
        return fact

    def _value(self, node: ast.AST) -> Value:
        if isinstance(node, ast.Call):
            call = self._call_fact(node)
        elif isinstance(node, ast.Name):
            binding = self._lookup(node.id)
            if binding is not None and binding.constant is not NO_CONSTANT:
                return Value(segment(self._text, node), binding.constant)
            call = binding.call if binding is not None else None
            if binding is not None and binding.display is not None:
                if isinstance(binding.display, ast.AST):
                    display = binding.display
                    binding.display = replace(self._value(display),
                                                          held_from=(display.lineno, display.col_offset))
                return replace(binding.display, text=node.id, literal=NOT_LITERAL, held=True)
        else:
            call = None
        kind = None
        datastore = None
        dataset_input = self._dataset_input(node)
        if dataset_input is not None:
            kind = ValueKind.DATASET_INPUT if dataset_input.certain else ValueKind.POSSIBLE_DATA_REFERENCE
        elif call is not None and (call.canonical == "DataReference"
                                   or (call.method in sdk.DATA_REFERENCE_METHODS and call.receiver)):
            kind = ValueKind.DATA_REFERENCE
        elif isinstance(node, (ast.Name, ast.Call, ast.Subscript)):
            tag = self._value_tag(node)
            if tag == Tag.DATASTORE_PATH:  # ``ds.path(p)`` is a DataReference (mount) itself
                kind = ValueKind.DATA_REFERENCE
            elif tag == Tag.DATASTORE:
                kind = ValueKind.DATASTORE
                datastore = self._datastore_name(node)
            elif isinstance(node, ast.Name):
                binding = self._lookup(node.id)
                if binding is not None and binding.uncertain:
                    kind = ValueKind.POSSIBLE_DATA_REFERENCE
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
                    node.func.attr in sdk.DATA_REFERENCE_METHODS or node.func.attr == sdk.DATASTORE_PATH_METHOD):
                kind = ValueKind.POSSIBLE_DATA_REFERENCE
        items = elements = None
        if isinstance(node, ast.Dict) and None not in node.keys:
            items = tuple((self._value(k), self._value(v)) for k, v in zip(node.keys, node.values))
        elif isinstance(node, (ast.List, ast.Tuple)) and not any(isinstance(e, ast.Starred) for e in node.elts):
            elements = tuple(self._value(element) for element in node.elts)
        return Value(segment(self._text, node), literal(node), call, kind, items, elements,
                     dataset_input=dataset_input, datastore=datastore)

    def _literal_source(self, node: ast.AST) -> Optional[str]:
        """A one-line string literal's exact source (what a fix replaces); None otherwise."""
        if getattr(node, "end_lineno", None) != node.lineno:
            return None
        return self._text.segment(node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)

    def _requirements(self, node: ast.AST, kind: RequirementKind) -> None:
        """Each string literal that reaches a requirement site, once, where it is written."""
        elements = self._string_elements(node)
        beside = RequirementList(tuple((element.value, kind) for element in elements)) if len(elements) > 1 else None
        for element in elements:
            if id(element) not in self._recorded_strings:
                self._recorded_strings.add(id(element))
                self.facts.requirements.append(RequirementString(
                    span(element), element.value, kind, raw=self._literal_source(element),
                    syntax=RequirementSyntax.PYTHON, beside=beside))


def _datastore_literal(node: ast.AST) -> Optional[str]:
    """A datastore name written as a string literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
        return node.value
    return None
