"""AML102 `azureml-deprecated-import`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator, NamedTuple

from .. import sdk
from ..facts import ImportFact
from .base import Cases, Context, Finding, Rule


class Message(NamedTuple):
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
        Changing an import is safe only when the imported name is bound to the same object
        afterwards or is no longer used anywhere in the module; an import whose name is still
        used by a deprecated call is left for the call's own rule, and the finding says so.
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
                                                  replacement=sdk.DEPRECATED_IMPORTS[canonical]))
        return
    exported = {name: sdk.canonical_class(f"{fact.module}.{name}")
                for name in sdk.STAR_EXPORTS.get(fact.module, frozenset())}
    deprecated = sorted(name for name, canonical in exported.items() if canonical in sdk.DEPRECATED_IMPORTS)
    if deprecated:
        replacements = sorted({sdk.DEPRECATED_IMPORTS[exported[name]] for name in deprecated})
        replacement = f"it brings {', '.join(deprecated)}; import what you use: " + "; ".join(replacements)
        yield RULE.finding(fact.span, Message(name="*", module=fact.module, replacement=replacement))
