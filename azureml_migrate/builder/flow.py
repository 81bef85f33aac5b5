"""Data flow inside a module: what a name, a parameter or ``self.<attribute>`` carries.

- a tracked class (or SDK module) bound to another name, given as a parameter default, or
  passed to a function of the same module, is known under its new name there;
- requirement strings reach a requirement keyword or method through a name, a list or tuple
  concatenation, or an attribute set on ``self`` in the same class;
- a subclass of a pipeline step passes ``runconfig=`` to the step through ``super().__init__``.

A name rebound to anything else stops carrying what it carried (plain binding rules).
"""

from __future__ import annotations

import ast
from typing import Dict, List, Optional

from .. import sdk
from .scopes import Binding
from .syntax import is_sdk_module

_STRING_CONTAINERS = (ast.List, ast.Tuple, ast.Set)
#: Builtins that copy a sequence: ``list(extra)`` carries ``extra``'s strings.
_COPIES = frozenset({"list", "tuple", "set", "sorted"})
#: Classes whose ``runconfig=`` (or similar) makes a RunConfiguration a pipeline one.
_PIPELINE_CONSUMER_CLASSES = frozenset(canonical for canonical, _ in sdk.PIPELINE_RUNCONFIG_CONSUMERS)
#: How deep a chain of names and concatenations is followed for requirement strings.
_MAX_STRING_DEPTH = 20


class DataFlow:
    """The data-flow half of ``FactBuilder``: it reads bindings through ``_lookup``/``_qualname``."""

    # -- classes under other names -------------------------------------------------------------
    def _sdk_target(self, node: ast.AST) -> Optional[str]:
        """The SDK name (``azureml.train.dnn.PyTorch``) a name or attribute chain reaches, or None."""
        if not isinstance(node, (ast.Name, ast.Attribute)):
            return None
        target = self._qualname(node)
        return target if target is not None and is_sdk_module(target) else None

    def _note_parameter_defaults(self, node: ast.AST) -> None:
        """``def make(estimator_class=PyTorch)``: the parameter holds the class in the body."""
        args = node.args
        positional = [*args.posonlyargs, *args.args]
        pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults))
        pairs += [(arg, default) for arg, default in zip(args.kwonlyargs, args.kw_defaults) if default is not None]
        for arg, default in pairs:
            target = self._sdk_target(default)
            if target is not None:
                self._parameter_classes.setdefault(id(node), {})[arg.arg] = target

    def _note_call_arguments(self, node: ast.Call) -> None:
        """``submit(TensorFlow)`` into ``def submit(estimator_class)`` of the same module."""
        func = node.func
        binding = self._lookup(func.id) if isinstance(func, ast.Name) else None
        function = binding.function if binding is not None else None
        if function is None:
            return
        args = function.args
        names = [arg.arg for arg in [*args.posonlyargs, *args.args]]
        passed = list(zip(names, (arg for arg in node.args if not isinstance(arg, ast.Starred))))
        if any(isinstance(arg, ast.Starred) for arg in node.args):
            passed = []
        passed += [(keyword.arg, keyword.value) for keyword in node.keywords if keyword.arg]
        for name, value in passed:
            target = self._sdk_target(value)
            if target is None:
                continue
            known = self._parameter_classes.setdefault(id(function), {})
            # two calls passing different classes: the parameter holds neither for sure
            learned = target if known.get(name, target) == target else None
            if id(function) in self._walked_functions and (name not in known or known[name] != learned):
                self.learned_late = True  # its body was read without it: build again
            known[name] = learned

    def _bind_parameters(self, node: ast.AST) -> None:
        for name, target in self._parameter_classes.get(id(node), {}).items():
            if target is not None:
                self._scope.bindings[name] = Binding(target)

    # -- requirement strings -----------------------------------------------------------------
    def _string_elements(self, node: ast.AST, depth: int = 0) -> List[ast.Constant]:
        """The string literals an expression is made of: a display, a name bound to one, a
        ``+`` of those, or ``self.<attribute>`` set to one in the same class."""
        if depth > _MAX_STRING_DEPTH:
            return []
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node]
        if isinstance(node, _STRING_CONTAINERS):
            return [element for element in node.elts if isinstance(element, ast.Constant)
                    and isinstance(element.value, str)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self._string_elements(node.left, depth + 1) + self._string_elements(node.right, depth + 1)
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _COPIES
                and len(node.args) == 1 and not node.keywords):
            return self._string_elements(node.args[0], depth + 1)
        if isinstance(node, ast.Name):
            binding = self._lookup(node.id)
            return list(binding.strings) if binding is not None else []
        attribute = self._self_attribute(node)
        if attribute is not None:
            return list(self._class_strings.get(attribute, ()))
        return []

    def _self_attribute(self, node: ast.AST) -> Optional[tuple]:
        """(class, attribute) for ``self.<attribute>`` in a method, ``self`` being its first parameter."""
        method = self._method
        if method is None or not isinstance(node, ast.Attribute) or not isinstance(node.value, ast.Name):
            return None
        args = method.args
        first = [*args.posonlyargs, *args.args][:1]
        if not first or first[0].arg != node.value.id:
            return None
        return (id(self._method_class[id(method)]), node.attr)

    def _note_self_attribute(self, target: ast.AST, value: ast.AST) -> None:
        attribute = self._self_attribute(target)
        if attribute is not None:
            strings = self._string_elements(value)
            if strings:
                self._class_strings[attribute] = tuple(strings)

    # -- pipeline step subclasses ------------------------------------------------------------
    def _step_base(self, node: ast.ClassDef) -> Optional[str]:
        for base in node.bases:
            canonical = sdk.canonical_class(self._qualname(base))
            if canonical in _PIPELINE_CONSUMER_CLASSES:
                return canonical
            binding = self._lookup(base.id) if isinstance(base, ast.Name) else None
            if binding is not None and binding.step_base is not None:
                return binding.step_base
        return None

    def _consumer_class(self, func: ast.AST, canonical: Optional[str]) -> Optional[str]:
        """The class a call hands its keywords to: the callee, or the pipeline step a subclass
        (``MyStep(runconfig=rc)``, ``super().__init__(runconfig=rc)`` inside it) extends."""
        if canonical is not None:
            return canonical
        if isinstance(func, ast.Name):
            binding = self._lookup(func.id)
            return binding.step_base if binding is not None else None
        if (isinstance(func, ast.Attribute) and func.attr == "__init__" and isinstance(func.value, ast.Call)
                and isinstance(func.value.func, ast.Name) and func.value.func.id == "super"
                and self._method is not None):
            return self._class_step_base.get(id(self._method_class[id(self._method)]))
        return None


def new_flow_state(builder) -> None:
    """The data-flow tables of a fresh builder."""
    builder._parameter_classes: Dict[int, Dict[str, Optional[str]]] = {}
    builder._class_strings: Dict[tuple, tuple] = {}
    builder._class_step_base: Dict[int, Optional[str]] = {}
    builder._method_class: Dict[int, ast.ClassDef] = {}
    builder._method = None
