"""One fix per rewritten call, shared by every finding on it.

The estimator rule and the parameter rules all report on one estimator call; they carry the same
Fix (so ``azureml-migrate fix`` applies it once), and each quotes the part of it that concerns
its own parameter when that part is short. The fix is computed once per call of a module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ..fixes import Fix
from ..settings import DEFAULT_LINE_LENGTH

if TYPE_CHECKING:
    from ..facts import CallFact, ModuleFacts, Submission
    from .v2_fix import Settled

__all__ = ["PARAMETER_FIX_SAFETY", "fix_for_consumer", "fix_for_estimator", "parameter_replacement",
           "script_run_config_v2_fix", "submission_group", "sweep_fix"]


def fix_for_estimator(call: "CallFact", facts: "ModuleFacts", target: str = "scriptrunconfig",
                      line_length: int = DEFAULT_LINE_LENGTH) -> Fix:
    """``rewrite.groups.fix_for_estimator``, imported on the first finding that needs a fix: the
    rewrite modules cost more to load than every rule together, and most checked modules
    (the SDK's own, code that imports azureml without a deprecated call) never need them."""
    from .groups import fix_for_estimator as build

    return build(call, facts, target, line_length)


def fix_for_consumer(call: "CallFact", facts: "ModuleFacts", target: str = "scriptrunconfig",
                     line_length: int = DEFAULT_LINE_LENGTH) -> Optional[Fix]:
    """``rewrite.groups.fix_for_consumer``, imported on first use (see ``fix_for_estimator``)."""
    from .groups import fix_for_consumer as build

    return build(call, facts, target, line_length)


def script_run_config_v2_fix(call: "CallFact", facts: "ModuleFacts") -> Fix:
    """``rewrite.v2_fix.script_run_config_v2_fix``, imported on first use (see ``fix_for_estimator``)."""
    from .v2_fix import script_run_config_v2_fix as build

    return build(call, facts)


def sweep_fix(call: "CallFact", facts: "ModuleFacts") -> Fix:
    """``rewrite.v2_fix.sweep_fix``, imported on first use (see ``fix_for_estimator``)."""
    from .v2_fix import sweep_fix as build

    return build(call, facts)


def submission_group(submission: "Submission", facts: "ModuleFacts") -> "Settled":
    """``rewrite.v2_fix.submission_group``, imported on first use (see ``fix_for_estimator``)."""
    from .v2_fix import submission_group as build

    return build(submission, facts)


PARAMETER_FIX_SAFETY = """
    Every finding on one estimator call carries the same fix, the call's whole rewrite
    (the estimator rule's), and quotes its own parameter's part of it: applying it once
    fixes them all, and its safety is the rewrite's, which is that of the rewrite's fix group
    (the estimator and every call that reads it as an estimator, applied together or not at
    all). See the estimator rule (`azureml-estimator`) for when it is safe, unsafe or manual.
"""


#: a parameter's part of the fix longer than this is left to the rewrite shown with the finding
SHORT_PART = 80


def parameter_replacement(fix: Fix, parameters, replacement: str, dropped: str = "") -> str:
    """What a parameter finding says: its part of the fix when short (``dropped`` when the
    rewrite leaves the parameter out, as the estimator ignored it), else ``replacement`` in a
    few words; the message's status says whether the fix writes it."""
    names = (parameters,) if isinstance(parameters, str) else tuple(parameters)
    if fix.applies:
        parts = [fix.part(name) for name in names]
        text = "; ".join(dict.fromkeys(part for part in parts if part))
        if len(text) <= SHORT_PART:
            return text or dropped or replacement
    return replacement
