"""The rules, one module each, and the dispatch of facts to their checks.

Rules report everything they see; which codes are shown is the host's choice (flake8
select/ignore, pylint enable/disable, the audit's configuration). Adding a rule: write its
module (catalog entry, check, cases), list it in ``_MODULE_NAMES`` (a rule of the default
families also in ``DEFAULT_READS``), regenerate the docs.
"""

from __future__ import annotations

import importlib
from typing import Dict, FrozenSet, List, Mapping, Optional, Tuple

from .. import sdk
from ..facts import ModuleFacts
from ..ids import FLAKE8_PREFIX
from .base import Check, Context, Finding, Options, Rule

__all__ = ["RULES", "Finding", "Options", "Rule", "check_module", "rule_of_code"]

#: The rule modules, in catalog order.
_MODULE_NAMES = (
    "aml101_estimator", "aml102_deprecated_import", "aml103_pipeline_step", "aml104_hyperdrive",
    "aml105_distributed_helper", "aml201_handmade_runconfig", "aml202_pipeline_runconfig",
    "aml203_data_reference", "aml301_environment_parameter", "aml302_script_params",
    "aml303_distributed_parameter", "aml304_data_parameter", "aml305_run_based_compute",
    "aml401_sdk_too_old", "aml402_sdk_lower_bound",
    # the v2 family (target = "v2")
    "aml501_v2_script_run_config", "aml502_v2_environment", "aml503_v2_run_configuration", "aml504_v2_submission",
    "aml505_v2_hyperdrive", "aml506_v2_data_input", "aml507_v2_pipeline", "aml508_v2_run_context",
    "aml509_v2_sdk_requirement",
)
#: What the checks of each rule of the default families read: per fact, the keys they
#: registered on (``()``: every fact of that kind). A module is imported only when a module's
#: facts hold what it reads (importing all 24 is most of what a flake8 run on SDK code paid);
#: ``tests/test_rules.py`` holds this table to the decorators.
DEFAULT_READS: Mapping[str, Mapping[str, FrozenSet[str]]] = {
    "aml101_estimator": {"call": sdk.ESTIMATORS},
    "aml102_deprecated_import": {"import": frozenset()},
    "aml103_pipeline_step": {"call": sdk.DEPRECATED_STEPS},
    "aml104_hyperdrive": {"call": frozenset({"HyperDriveRunConfig", "HyperDriveConfig"})},
    "aml105_distributed_helper": {"call": sdk.DISTRIBUTED_HELPERS},
    "aml201_handmade_runconfig": {"call": frozenset({"RunConfiguration"})},
    "aml202_pipeline_runconfig": {"call": frozenset({"RunConfiguration"})},
    "aml203_data_reference": {"call": frozenset({"DataReference"}), "method": sdk.DATA_REFERENCE_METHODS,
                              "assignment": frozenset()},
    "aml301_environment_parameter": {"call": sdk.ESTIMATORS},
    "aml302_script_params": {"call": sdk.ESTIMATORS},
    "aml303_distributed_parameter": {"call": sdk.ESTIMATORS},
    "aml304_data_parameter": {"call": sdk.ESTIMATORS},
    "aml305_run_based_compute": {"call": sdk.ESTIMATORS},
    "aml401_sdk_too_old": {"requirement": frozenset()},
    "aml402_sdk_lower_bound": {"requirement": frozenset()},
}
#: Each rule module by the code its name spells (``aml101_estimator`` is the rule with number 101).
_MODULE_OF_CODE: Mapping[str, str] = {f"{FLAKE8_PREFIX}{name[3:6]}": name for name in _MODULE_NAMES}
_FACT_KINDS = ("call", "method", "import", "assignment", "requirement", "submission")


def _load(names) -> Tuple[Rule, ...]:
    return tuple(importlib.import_module(f"{__name__}.{name}").RULE for name in names)


def __getattr__(name: str):
    """``RULES``, every rule (retired ones included) in catalog order: importing them all
    waits for the first caller that needs the whole catalog."""
    if name == "RULES":
        rules = _load(_MODULE_NAMES)
        globals()["RULES"] = rules
        return rules
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def rule_of_code(code: str) -> Optional[Rule]:
    """One rule by its code, loading only its module: whether a reported code is on needs that
    rule's family and default, and a flake8 run with one finding should not load the catalog."""
    name = _MODULE_OF_CODE.get(code)
    return None if name is None else importlib.import_module(f"{__name__}.{name}").RULE


def _index(rules: Tuple[Rule, ...]) -> Dict[str, Dict[str, List[Check]]]:
    """Per fact kind: the checks of active rules by the key they registered on (a class, a
    method), or ``""``."""
    index: Dict[str, Dict[str, List[Check]]] = {kind: {} for kind in _FACT_KINDS}
    for rule in rules:
        if rule.retired:
            continue
        for fact, registered in rule.checks.items():
            for keys, check in registered:
                for key in keys or ("",):
                    index[fact].setdefault(key, []).append(check)
    return index


_INDEXES: Dict[Tuple[str, ...], Dict[str, Dict[str, List[Check]]]] = {}


def _needed(facts: ModuleFacts, options: Options) -> Tuple[str, ...]:
    """The rule modules whose checks may report on these facts: every one when a target
    family is on, else the default rules that read what the facts hold."""
    if options.target_rules:
        return _MODULE_NAMES
    present: Dict[str, set] = {"import": {""} if facts.imports else set(),
                               "assignment": {""} if facts.attribute_assignments else set(),
                               "requirement": {""} if facts.requirements else set(),
                               "call": {call.canonical for call in facts.calls if call.canonical},
                               "method": {call.method for call in facts.calls if not call.canonical}}
    return tuple(name for name, reads in DEFAULT_READS.items()
                 if any(present[fact] & (keys or {""}) for fact, keys in reads.items()))


def check_module(facts: ModuleFacts, options: Options = Options()) -> List[Finding]:
    """Every finding of one module's facts, in source order."""
    names = _needed(facts, options)
    index = _INDEXES.get(names)
    if index is None:
        index = _INDEXES[names] = _index(_load(names))
    context = Context(facts, options)
    findings: List[Finding] = []
    import_checks = index["import"].get("", ())
    for fact in facts.imports:
        for check in import_checks:
            findings.extend(check(fact, context))
    call_checks, method_checks = index["call"], index["method"]
    for call in facts.calls:
        checks = call_checks.get(call.canonical, ()) if call.canonical else method_checks.get(call.method, ())
        for check in checks:
            findings.extend(check(call, context))
    for kind, facts_of_kind in (("assignment", facts.attribute_assignments), ("requirement", facts.requirements),
                                ("submission", facts.submissions)):
        checks = index[kind].get("", ())
        for fact in facts_of_kind:
            for check in checks:
                findings.extend(check(fact, context))
    findings.sort(key=lambda f: (f.span.line, f.span.col, f.code))
    return findings
