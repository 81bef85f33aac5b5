"""Whether a fix may touch a module: only then does the builder import ``sites`` and make its
extra pass over the tree (``sites.fill``) to record a fix's surroundings."""

from __future__ import annotations

from .. import sdk
from ..facts import ModuleFacts
from .syntax import is_sdk_module

#: calls whose fix places statements before the call's statement, or needs the name it binds
V1_REWRITTEN_CALLS = sdk.ESTIMATORS | sdk.DEPRECATED_STEPS | {"HyperDriveConfig"}
#: and with the v2 rules or rewrites on: ScriptRunConfig (the v2 fix, ``rewrite/v2_fix.py``)
REWRITTEN_CALLS = V1_REWRITTEN_CALLS | {"ScriptRunConfig"}


def needs_sites(facts: ModuleFacts, for_v2: bool = True) -> bool:
    """Whether a call here may be rewritten: then its statement is looked up."""
    rewritten = REWRITTEN_CALLS if for_v2 else V1_REWRITTEN_CALLS
    return any(call.canonical in rewritten for call in facts.calls)


#: v1 names a v2 rewrite leaves imported and unread (their import is then deleted)
V2_LEFT_IMPORTS = frozenset({"Experiment", "Workspace", "ScriptRunConfig", "Environment", "CondaDependencies",
                             "DockerConfiguration", "HyperDriveConfig", "PrimaryMetricGoal", "NoTerminationPolicy",
                             "BanditPolicy", "MedianStoppingPolicy", "TruncationSelectionPolicy",
                             *sdk.PARAMETER_SAMPLINGS, "choice", "randint", "uniform", "quniform", "loguniform",
                             "qloguniform", "normal", "qnormal", "lognormal", "qlognormal"})


def needs_fill(facts: ModuleFacts, for_v2: bool = True) -> bool:
    """A module with a call a fix may rewrite, or a deprecated import (or, for the v2 rules and
    rewrites, a v1 import) a fix may drop. Without those, a ScriptRunConfig call and v1 imports
    alone (every module that submits v1 jobs, and the SDK's own) need no sites."""
    return needs_sites(facts, for_v2) or any(
        fact.name in sdk.DEPRECATED_IMPORTS
        or (for_v2 and fact.name in V2_LEFT_IMPORTS and is_sdk_module(fact.module))
        for fact in facts.imports)
