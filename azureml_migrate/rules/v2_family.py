"""What the rules of the v2 family share: when they report, and how they read v1 imports.

The family flags SDK v1 APIs that have no life under SDK v2 (azure-ai-ml). Its rules are off by
default and report only when the host turns the family on (``target = "v2"``, or a selection
that names the family or a rule: ``Options.target_rules``). Names the fact builder does not
track as calls (``Environment``, ``Experiment``, ``Run``...) are flagged where they are
imported: every use of them goes through that import.
"""

from __future__ import annotations

from typing import Mapping, Optional, Tuple

from ..facts import ImportFact
from ..fixes import Fix
from .aml102_deprecated_import import unused_import_fix
from .base import Context

TARGET = "v2"
#: The message every rule of the family uses; ``replacement`` says what v2 writes instead.
MESSAGE = "{what} is SDK v1 (support ended 2026-06-30): {replacement}"
CONCERNS = "1.0.0"


def reports(context: Context) -> bool:
    """Whether the host has turned the v2 family on for this module."""
    return TARGET in context.options.target_rules


def imported(fact: ImportFact, names: Mapping[str, Tuple[str, ...]]) -> Optional[str]:
    """The v1 name an import binds, when ``names`` maps it to one of the modules it is
    imported from (``{"Environment": ("azureml.core", "azureml.core.environment")}``)."""
    modules = names.get(fact.name)
    return fact.name if modules is not None and fact.module in modules else None


#: why a flagged v1 import that is still read stays (the findings on its reads say what to write)
STILL_READ = "still read here: migrate its reads first (their findings say how), then the import goes"


def import_fix_or_manual(fact: ImportFact, context: Context) -> dict:
    """The finding's ``fix`` (:func:`unused_fix`), or its ``manual`` reason while it is read."""
    fix = unused_fix(fact, context)
    return {"fix": fix} if fix is not None else {"manual": STILL_READ}


def unused_fix(fact: ImportFact, context: Context) -> Optional[Fix]:
    """Under target v2, the deletion of a v1 import nothing reads any more (the v2 rewrites of
    its uses leave it behind); None while it is read, and under the ScriptRunConfig target."""
    return unused_import_fix(fact) if context.options.target == TARGET else None
