"""AML102 `azureml-deprecated-import`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Dict, Iterable, Iterator, List, Optional

from .. import sdk
from ..facts import ImportFact, Span
from ..fixes import Applicability, Edit, Fix
from ..records import record
from .base import Cases, Context, Finding, FixAvailability, Rule


@record
class Message:
    name: str
    module: str
    replacement: str


RULE = Rule(
    code="AML102", number="02", symbol="azureml-deprecated-import", name="deprecated-import",
    summary=(
        'Importing a deprecated training name (estimators, Mpi/Gloo/Nccl/ParameterServer, '
        'HyperDriveRunConfig, EstimatorStep, MpiStep, estimator bases)'
    ),
    message="'{name}' from {module} is deprecated: {replacement}",
    fields=Message,
    concerns=sdk.ESTIMATOR_DEPRECATED_IN,
    fix=FixAvailability.SOMETIMES,
    what="""
        Flags each deprecated name imported from the SDK, one finding per name, and star
        imports from modules that export deprecated names. Imports inside
        `try: ... except ImportError:` fallback blocks are compatibility code and are not
        flagged.
    """,
    why="""
        Removing the import is the last step of a migration: once nothing imports the old
        names, no code path can construct them. The finding names the import to use
        instead.
    """,
    example="""
        from azureml.train.estimator import Estimator, Mpi
    """,
    instead="""
        from azureml.core import Environment, ScriptRunConfig
        from azureml.core.runconfig import MpiConfiguration
    """,
    fix_safety="""
        The fix deletes a deprecated imported name that nothing in the module reads any more
        (the whole statement when it imported nothing else and stands alone on its lines), or
        that the module imports again before anything reads it (a notebook that imports
        `Estimator` in every cell): safe, the module runs the same. A read in a function, or an
        import in a loop, keeps it. A name that is still read has no fix: it goes once the calls
        that use it are rewritten by their own rules' fixes, on a later round of the fixer.
        `azureml-migrate fix` applies safe fixes, and unsafe ones only with `--unsafe-fixes`.
    """,
    cases=Cases(
        invalid=(
            'from azureml.train.estimator import Estimator\n',
            'from azureml.train.dnn import *\n',
        ),
        valid=(
            'from azureml.core import ScriptRunConfig\n',
            'try:\n    import pandas\nexcept ImportError:\n    from azureml.train.estimator import Estimator\n',
        ),
    ),
)


@RULE.on_imports
def check(fact: ImportFact, context: Context) -> Iterator[Finding]:
    if fact.name != "*":
        canonical = sdk.canonical_class(f"{fact.module}.{fact.name}")
        if canonical in sdk.DEPRECATED_IMPORTS:
            yield RULE.finding(fact.span, Message(name=fact.name, module=fact.module,
                                                  replacement=sdk.DEPRECATED_IMPORTS[canonical]),
                               **_fix_or_manual(unused_import_fix(fact)))
        return
    exported = {name: sdk.canonical_class(f"{fact.module}.{name}")
                for name in sdk.STAR_EXPORTS.get(fact.module, frozenset())}
    deprecated = sorted(name for name, canonical in exported.items() if canonical in sdk.DEPRECATED_IMPORTS)
    if deprecated:
        replacements = _merged(sdk.DEPRECATED_IMPORTS[exported[name]] for name in deprecated)
        yield RULE.finding(fact.span, Message(name="*", module=fact.module,
                                              replacement=f"it brings {', '.join(deprecated)}"),
                           hint="\n".join(replacements), manual="import the names you use by name")


def _merged(statements: Iterable[str]) -> List[str]:
    """``from M import a, b`` statements, one per module, each name once, in first-seen order."""
    names: Dict[str, List[str]] = {}
    for statement in statements:
        module, _, imported = statement[len("from "):].partition(" import ")
        for name in imported.split(", "):
            if name not in names.setdefault(module, []):
                names[module].append(name)
    return [f"from {module} import {', '.join(imported)}" for module, imported in sorted(names.items())]


def _fix_or_manual(fix: Optional[Fix]) -> dict:
    """A name still read has no fix yet: its uses are migrated first."""
    return {"fix": fix} if fix is not None else {"manual": "remove it once its uses are migrated"}


def unused_import_fix(fact: ImportFact) -> Optional[Fix]:
    """Drop a deprecated name nothing reads any more: from the statement, or the whole
    statement when it imported nothing else. A name still used has no fix: its uses are
    migrated first (the rules on calls say how), then this import goes."""
    if fact.used or not fact.names:
        return None
    imported = (fact.name, fact.asname)
    shown = _alias(*imported)
    rest = list(fact.names)
    rest.remove(imported)
    if rest:
        return Fix(Applicability.SAFE, f"remove the unused '{shown}' from the import",
                   (Edit(fact.span, _statement(fact, rest)),), code=_statement(fact, rest))
    if fact.indent is None:
        return None  # shares its line with other code: deleting the line would delete that too
    whole_lines = Span(fact.span.line, 0, fact.span.end_line + 1, 0)
    return Fix(Applicability.SAFE, f"delete the unused import of '{shown}'", (Edit(whole_lines, ""),),
               code=f"# the unused import of {shown} is deleted")


def _alias(name: str, asname: Optional[str]) -> str:
    return f"{name} as {asname}" if asname else name


def _statement(fact: ImportFact, names: list) -> str:
    """The import without the dropped name; parenthesized over lines as the original was."""
    aliases = [_alias(name, asname) for name, asname in names]
    if fact.span.end_line == fact.span.line or fact.indent is None:
        return f"from {fact.module} import {', '.join(aliases)}"
    inner = "".join(f"{fact.indent}    {alias},\n" for alias in aliases)
    return f"from {fact.module} import (\n{inner}{fact.indent})"
