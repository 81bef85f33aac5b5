"""What only astroid can tell: the class a callee reaches through assignments and through the
user's own modules, asked by the one fact builder about callees it cannot resolve.

``cls = PyTorch; cls(...)`` and ``from mypkg.compat import PyTorch`` (a re-export) are followed
with astroid's own scope lookup; findings this resolves carry confidence INFERENCE. An
``azureml`` module is never loaded (it stays a dotted name), so findings do not depend on
whether the SDK is installed, and nothing is imported or run: astroid only parses.
"""

from __future__ import annotations

import ast
import os
from pathlib import PurePath
from typing import Dict, List, Optional, Tuple, Union

import astroid
from astroid import modutils, nodes

from azureml_migrate import sdk

#: How many assignments and re-exports are followed before giving up.
_MAX_STEPS = 20
#: Inference reads other files through astroid: any failure there means "unknown".
_INFERENCE_ERRORS = (Exception,)

#: A dotted name we do not load (any ``azureml`` path), or a node of the user's code.
_Symbol = Union[str, nodes.NodeNG]
_Position = Tuple[int, int, Optional[int], Optional[int]]


def _is_sdk_name(dotted: str) -> bool:
    return dotted == "azureml" or dotted.startswith("azureml.")


#: Module kinds astroid finds only in the interpreter itself (``_io``, frozen ``os``).
_INTERPRETER_MODULE_TYPES = frozenset({"C_BUILTIN", "PY_FROZEN"})
#: Directories inside the standard library's directory that hold installed packages.
_INSTALLED_PACKAGE_DIRS = frozenset({"site-packages", "dist-packages"})


def _in_standard_library(dotted: str, context_file: Optional[str]) -> bool:
    """Whether astroid would build ``dotted`` from Python's standard library, found the way
    ``astroid.MANAGER.ast_from_module_name`` finds it (same search, from the same directory).

    The standard library never imports azureml, so nothing in it can lead a callee to a
    tracked class: building it (``inspect``, ``os``, ``tempfile``: ~1 s of a pylint run over
    azureml.train.hyperdrive) would only ever end in "unknown".
    """
    old_cwd = os.getcwd()
    try:
        if context_file:
            os.chdir(os.path.dirname(context_file))
        found = astroid.MANAGER.file_from_module_name(dotted, context_file)
    except _INFERENCE_ERRORS:
        return False
    finally:
        os.chdir(old_cwd)
    if found.type.name in _INTERPRETER_MODULE_TYPES:
        return True
    if not found.location:
        return False
    location = PurePath(os.path.abspath(found.location))
    if _INSTALLED_PACKAGE_DIRS.intersection(location.parts):
        return False
    return any(location.is_relative_to(directory) for directory in modutils.STD_LIB_DIRS)


def _position(node) -> _Position:
    return (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)


def _in_import_fallback(node: nodes.NodeNG) -> bool:
    """A statement in an ``except ImportError:`` block binds nothing (as in the fact builder)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.ExceptHandler) and parent.type is not None:
            caught = parent.type.elts if isinstance(parent.type, nodes.Tuple) else [parent.type]
            if any(isinstance(c, nodes.Name) and c.name in sdk.IMPORT_ERROR_NAMES for c in caught):
                return True
        parent = parent.parent
    return False


class CalleeInference:
    """``resolve_callee`` for one astroid module: maps an ``ast`` callee to astroid's node by
    position, then follows bindings the way Python would run them."""

    def __init__(self, module: nodes.Module):
        self._module = module
        self._callees: Optional[Dict[_Position, nodes.NodeNG]] = None
        self._loaded: Dict[str, Optional[nodes.Module]] = {}

    def __call__(self, func: ast.expr) -> Optional[str]:
        if self._callees is None:
            self._callees = {_position(call.func): call.func for call in self._module.nodes_of_class(nodes.Call)
                             if isinstance(call.func, (nodes.Name, nodes.Attribute))}
        node = self._callees.get(_position(func))
        if node is None:
            return None
        try:
            symbol = self._expression(node, [0])
        except _INFERENCE_ERRORS:
            return None
        return symbol if isinstance(symbol, str) else None

    def _expression(self, node: nodes.NodeNG, steps: List[int]) -> Optional[_Symbol]:
        steps[0] += 1
        if steps[0] > _MAX_STEPS:
            return None
        if isinstance(node, nodes.Name):
            _, assignments = node.lookup(node.name)
            bindings = [b for b in assignments if not _in_import_fallback(b)]
            if not assignments:
                bindings = self._star_imports(node.root(), node.name)[-1:]
            # only a name with one binding astroid can see here is followed
            return self._binding(bindings[0], node.name, steps) if len(bindings) == 1 else None
        if isinstance(node, nodes.Attribute):
            return self._member(self._expression(node.expr, steps), node.attrname, steps)
        return None

    def _binding(self, binding: nodes.NodeNG, name: str, steps: List[int]) -> Optional[_Symbol]:
        steps[0] += 1
        if steps[0] > _MAX_STEPS:
            return None
        statement = binding.statement() if isinstance(binding, nodes.AssignName) else binding
        if isinstance(statement, nodes.Import):
            for dotted, asname in statement.names:
                if asname == name:
                    return self._module_symbol(dotted, statement)
                if asname is None and dotted.split(".")[0] == name:
                    return self._module_symbol(name, statement)
            return None
        if isinstance(statement, nodes.ImportFrom):
            original = next((alias for alias, asname in statement.names
                             if alias != "*" and (asname or alias) == name), name)
            if statement.level:
                base: Optional[_Symbol] = statement.do_import_module(statement.modname)
            else:
                base = self._module_symbol(statement.modname, statement)
            return self._member(base, original, steps)
        if isinstance(binding, nodes.AssignName) and isinstance(statement, (nodes.Assign, nodes.AnnAssign)):
            targets = statement.targets if isinstance(statement, nodes.Assign) else [statement.target]
            if targets == [binding] and isinstance(statement.value, (nodes.Name, nodes.Attribute)):
                return self._expression(statement.value, steps)
        return None

    def _module_symbol(self, dotted: str, context: nodes.NodeNG) -> Optional[_Symbol]:
        """An SDK module stays a name (never loaded); any other is parsed by astroid."""
        if _is_sdk_name(dotted):
            return dotted
        if dotted not in self._loaded:
            context_file = context.root().file
            if _in_standard_library(dotted, context_file):
                self._loaded[dotted] = None
                return None
            try:
                self._loaded[dotted] = astroid.MANAGER.ast_from_module_name(dotted, context_file=context_file)
            except _INFERENCE_ERRORS:
                self._loaded[dotted] = None
        return self._loaded[dotted]

    def _member(self, base: Optional[_Symbol], attribute: str, steps: List[int]) -> Optional[_Symbol]:
        if base is None:
            return None
        if isinstance(base, str):
            return f"{base}.{attribute}"
        if not isinstance(base, nodes.Module):
            return None
        bindings = [b for b in base.locals.get(attribute, ()) if not _in_import_fallback(b)]
        bindings.extend(self._star_imports(base, attribute))
        if bindings:
            latest = max(bindings, key=lambda b: (b.lineno or 0, b.col_offset or 0))
            return self._binding(latest, attribute, steps)
        return self._module_symbol(f"{base.name}.{attribute}", base)

    @staticmethod
    def _star_imports(module: nodes.Module, name: str) -> List[nodes.ImportFrom]:
        """SDK star imports that bind ``name``: astroid binds them only when the SDK is installed."""
        return [statement for statement in module.body
                if isinstance(statement, nodes.ImportFrom) and not statement.level
                and ("*", None) in statement.names and name in sdk.STAR_EXPORTS.get(statement.modname, ())]
