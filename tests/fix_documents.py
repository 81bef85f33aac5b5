"""A test document for the fixing loop (``fixer.loop.fix_document``): Python text whose calls
``NAME(...)`` get the fixes a subclass lists by NAME, so a test controls exactly what the loop
is asked to apply (no rule of ours produces these fixes)."""

from __future__ import annotations

import ast
from typing import Dict, Optional, Set, Tuple

from azureml_migrate.facts import Span
from azureml_migrate.fixer.imports import ModuleNames
from azureml_migrate.fixer.model import Candidate, Checked, Program
from azureml_migrate.fixes import Fix


class CallFixes:
    """Every call of a plain name listed by ``fixes`` gets that fix, once per code in ``codes``
    (findings on one call share one fix, as the findings of one estimator call do)."""

    yaml = False
    codes: Tuple[str, ...] = ("AML101",)

    def __init__(self, text: str) -> None:
        self.units = {None: text}

    def fixes(self, span: Span) -> Dict[str, Fix]:
        """The fix of each call name, for a call whose callee is at ``span``."""
        raise NotImplementedError

    def check(self, units) -> Checked:
        tree = ast.parse(units[None])
        checked = Checked(programs=[Program(ModuleNames.of(tree), lambda line: (None, line))])
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                func = node.func
                span = Span(func.lineno, func.col_offset, func.end_lineno, func.end_col_offset)
                fix = self.fixes(span).get(func.id)
                if fix is not None:
                    for code in self.codes:
                        checked.candidates.append(Candidate(code, func.lineno, func.col_offset + 1, "msg", fix,
                                                            None, fix.edits, 0))
        checked.candidates.sort(key=lambda candidate: (candidate.line, candidate.column))
        return checked

    def broken(self, units, changed: Set) -> Optional[str]:
        try:
            ast.parse(units[None])
        except SyntaxError as error:
            return error.msg
        return None

    def assemble(self, units) -> str:
        return units[None]
