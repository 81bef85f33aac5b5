"""The rules, one module each, and the dispatch of facts to their checks.

Rules report everything they see; which codes are shown is the host's choice (flake8
select/ignore, pylint enable/disable, the audit's configuration). Adding a rule: write its
module (catalog entry, check, cases), list it in ``_MODULES``, regenerate the docs.
"""

from __future__ import annotations

from typing import Dict, List, Tuple

from ..facts import ModuleFacts
from . import (
    aml101_estimator,
    aml102_deprecated_import,
    aml103_pipeline_step,
    aml104_hyperdrive,
    aml105_distributed_helper,
    aml201_handmade_runconfig,
    aml202_pipeline_runconfig,
    aml203_data_reference,
    aml301_environment_parameter,
    aml302_script_params,
    aml303_distributed_parameter,
    aml304_data_parameter,
    aml305_run_based_compute,
    aml401_sdk_too_old,
    aml402_sdk_lower_bound,
    aml501_v2_script_run_config,
    aml502_v2_environment,
    aml503_v2_run_configuration,
    aml504_v2_submission,
    aml505_v2_hyperdrive,
    aml506_v2_data_input,
    aml507_v2_pipeline,
    aml508_v2_run_context,
    aml509_v2_sdk_requirement,
)
from .base import Check, Context, Finding, Options, Rule

__all__ = ["RULES", "Finding", "Options", "Rule", "check_module"]

_MODULES = (
    aml101_estimator, aml102_deprecated_import, aml103_pipeline_step, aml104_hyperdrive,
    aml105_distributed_helper, aml201_handmade_runconfig, aml202_pipeline_runconfig,
    aml203_data_reference, aml301_environment_parameter, aml302_script_params,
    aml303_distributed_parameter, aml304_data_parameter, aml305_run_based_compute,
    aml401_sdk_too_old, aml402_sdk_lower_bound,
    # the v2 family (target = "v2")
    aml501_v2_script_run_config, aml502_v2_environment, aml503_v2_run_configuration, aml504_v2_submission,
    aml505_v2_hyperdrive, aml506_v2_data_input, aml507_v2_pipeline, aml508_v2_run_context,
    aml509_v2_sdk_requirement,
)

#: Every rule, retired ones included, in catalog order.
RULES: Tuple[Rule, ...] = tuple(module.RULE for module in _MODULES)


def _index(fact: str) -> Dict[str, List[Check]]:
    """Checks of active rules by the key they registered on (a class, a method), or ``""``."""
    index: Dict[str, List[Check]] = {}
    for rule in RULES:
        if rule.retired:
            continue
        for keys, check in rule.checks.get(fact, ()):
            for key in keys or ("",):
                index.setdefault(key, []).append(check)
    return index


_CALL_CHECKS = _index("call")
_METHOD_CHECKS = _index("method")
_IMPORT_CHECKS = _index("import").get("", [])
_ASSIGNMENT_CHECKS = _index("assignment").get("", [])
_REQUIREMENT_CHECKS = _index("requirement").get("", [])
_SUBMISSION_CHECKS = _index("submission").get("", [])


def check_module(facts: ModuleFacts, options: Options = Options()) -> List[Finding]:
    """Every finding of one module's facts, in source order."""
    context = Context(facts, options)
    findings: List[Finding] = []
    for fact in facts.imports:
        for check in _IMPORT_CHECKS:
            findings.extend(check(fact, context))
    for call in facts.calls:
        checks = _CALL_CHECKS.get(call.canonical, ()) if call.canonical else _METHOD_CHECKS.get(call.method, ())
        for check in checks:
            findings.extend(check(call, context))
    for assignment in facts.attribute_assignments:
        for check in _ASSIGNMENT_CHECKS:
            findings.extend(check(assignment, context))
    for requirement in facts.requirements:
        for check in _REQUIREMENT_CHECKS:
            findings.extend(check(requirement, context))
    for submission in facts.submissions:
        for check in _SUBMISSION_CHECKS:
            findings.extend(check(submission, context))
    findings.sort(key=lambda f: (f.span.line, f.span.col, f.code))
    return findings
