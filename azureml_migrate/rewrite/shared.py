"""One fix per rewritten call, shared by every finding on it.

The estimator rule and the parameter rules all report on one estimator call; they carry the same
Fix (so ``azureml-migrate fix`` applies it once), and each quotes the part of it that concerns
its own parameter. The fix is computed once per call of a module.
"""

from __future__ import annotations

from typing import Dict

from ..facts import CallFact, ModuleFacts
from ..fixes import Fix
from .estimator import estimator_fix
from .usage import recorded

_cache: Dict[int, tuple] = {}

#: the fix safety of every rule that reports a parameter of an estimator call (the docs' text)
PARAMETER_FIX_SAFETY = """
    Every finding on one estimator call carries the same fix, the call's whole rewrite
    (the estimator rule's), and quotes its own parameter's part of it: applying it once
    fixes them all, and its safety is the rewrite's. See the estimator rule (`azureml-estimator`) for
    when it is safe, unsafe or manual.
"""


def fix_for_estimator(call: CallFact, facts: ModuleFacts) -> Fix:
    call = recorded(call, facts)
    key = id(call)
    cached = _cache.get(key)
    if cached is not None and cached[0] is call and cached[1] is facts:
        return cached[2]
    if len(_cache) > 256:
        _cache.clear()
    fix = estimator_fix(call, facts)
    _cache[key] = (call, facts, fix)
    return fix


def parameter_replacement(fix: Fix, parameters, replacement: str, dropped: str = "") -> str:
    """What a parameter finding says: its part of the fix (``dropped`` when the rewrite leaves
    the parameter out, as the estimator ignored it), or the replacement to write by hand and why
    nothing is rewritten."""
    names = (parameters,) if isinstance(parameters, str) else tuple(parameters)
    if fix.applies:
        parts = [fix.part(name) for name in names]
        text = "; ".join(dict.fromkeys(part for part in parts if part))
        return f"{text or dropped or replacement} ({fix.applicability.value} fix)"
    return f"{replacement}; no automatic fix for this call: {fix.reason}"
