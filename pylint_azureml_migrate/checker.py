"""The pylint checker: catalog rules as pylint messages, core findings as ``add_message`` calls.

The module's source goes through the same prefilter, fact builder and rules as flake8 and the
audit; astroid is only asked about callees the builder cannot resolve (``inference``).
"""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from astroid import nodes
from packaging.version import Version
from pylint import interfaces
from pylint.checkers import BaseChecker
from pylint.exceptions import UnknownMessageError

from azureml_migrate.catalog import ACTIVE_RULES, PYLINT_CHECKER_ID
from azureml_migrate.engine import check_source, may_have_findings
from azureml_migrate.facts import Confidence
from azureml_migrate.linter_settings import LinterSettings
from azureml_migrate.rules import Finding, Options
from azureml_migrate.sdk import DEFAULT_MIN_SDK_VERSION
from azureml_migrate.settings import TARGETS, ConfigError
from pylint_azureml_migrate.inference import CalleeInference

#: Not a rule: reported instead of a traceback when the plugin fails on a file.
INTERNAL_ERROR_MSGID = f"F{PYLINT_CHECKER_ID}00"
INTERNAL_ERROR_SYMBOL = "azureml-migrate-internal-error"
#: Not a rule: the ``[tool.azureml-migrate]`` configuration that applies to the file is broken.
CONFIG_ERROR_MSGID = f"F{PYLINT_CHECKER_ID}98"
CONFIG_ERROR_SYMBOL = "azureml-migrate-config-error"

_CONFIDENCE = {Confidence.HIGH: interfaces.HIGH, Confidence.INFERENCE: interfaces.INFERENCE}


def _description(rule) -> str:
    return f"{rule.summary}. {rule.what}\n\nUse instead:\n{rule.instead}"


def _messages() -> Dict[str, Tuple]:
    messages: Dict[str, Tuple] = {
        rule.msgid: ("%s", rule.symbol, _description(rule), {"default_enabled": rule.default_enabled})
        for rule in ACTIVE_RULES
    }
    messages[INTERNAL_ERROR_MSGID] = (
        "azureml-migrate-lint could not check %s: %s",
        INTERNAL_ERROR_SYMBOL,
        "The plugin failed on this file; the rest of the pylint run goes on. Please report it.",
    )
    messages[CONFIG_ERROR_MSGID] = (
        "azureml-migrate configuration error: %s",
        CONFIG_ERROR_SYMBOL,
        "The [tool.azureml-migrate] configuration for this file cannot be read; fix it, and the file is checked.",
    )
    return messages


def _source(module: nodes.Module) -> Optional[str]:
    """The module's text as pylint read it, or None when there is no file behind it."""
    try:
        with module.stream() as stream:
            data = stream.read()
    except (OSError, AttributeError, TypeError):
        return None
    if isinstance(data, str):
        return data
    return data.decode(module.file_encoding or "utf-8", errors="replace")


def _enabled(linter, msgid: str) -> bool:
    """Whether pylint has a message on (False for a linter that does not know our messages)."""
    try:
        return linter.is_message_enabled(msgid)
    except UnknownMessageError:
        return False


def _disabled_by_the_user(linter) -> List[str]:
    """pylint's disabled messages less our default-off ones, which pylint lists there by
    default: ``select``/``extend-select`` in the configuration turn those on."""
    default_off = {rule.symbol for rule in ACTIVE_RULES if not rule.default_enabled}
    return [name for name in getattr(linter.config, "disable", ()) if name not in default_off]


def _min_sdk_version(value) -> Version:
    if isinstance(value, tuple):
        return Version(".".join(str(part) for part in value))
    return Version(str(value))


class _Frames:
    """The innermost function, lambda or class around a position: pylint names it in each
    message (``obj``), and reads scope-level disables from it."""

    def __init__(self, module: nodes.Module):
        self._module = module
        self._frames: List[nodes.NodeNG] = list(
            module.nodes_of_class((nodes.FunctionDef, nodes.ClassDef, nodes.Lambda)))

    def at(self, finding: Finding) -> nodes.NodeNG:
        position = (finding.span.line, finding.span.col)
        inner: nodes.NodeNG = self._module
        for frame in self._frames:
            if (frame.lineno, frame.col_offset) <= position <= (frame.end_lineno, frame.end_col_offset) \
                    and (inner is self._module or inner.parent_of(frame)):
                inner = frame
        return inner


class AzureMLMigrateChecker(BaseChecker):
    """Deprecated Azure ML SDK v1 training code (Estimators, hand-built RunConfiguration...)."""

    name = "azureml-migrate"
    msgs = _messages()
    options = (
        (
            "azureml-min-sdk-version",
            {
                # pylint's version type: validated when the option is read, a clear usage
                # error (exit code 2) instead of a crash on a bad value
                "type": "py_version",
                "default": None,
                "metavar": "<version>",
                "help": "Oldest azureml SDK version requirements must allow; overrides min-sdk-version in "
                        f"[tool.azureml-migrate]. Default: {DEFAULT_MIN_SDK_VERSION}.",
            },
        ),
        (
            "azureml-target",
            {
                # pylint's choice type: a bad value is a usage error (exit code 2), not a crash
                "type": "choice",
                "choices": list(TARGETS),
                "default": None,
                "metavar": "<scriptrunconfig|v2>",
                "help": "What to migrate to: scriptrunconfig or v2 (azure-ai-ml; turns on the v2 rules); "
                        "overrides target in [tool.azureml-migrate]. Default: scriptrunconfig.",
            },
        ),
    )

    def open(self) -> None:
        given = self.linter.config.azureml_min_sdk_version
        self._settings = LinterSettings(
            # a migration target's family follows the target (configured or --azureml-target),
            # not pylint's enabling: --enable=azureml-migrate enables every message of the checker
            host_extend_select=[rule.code for rule in ACTIVE_RULES if not rule.default_enabled
                                and not rule.target and _enabled(self.linter, rule.msgid)],
            host_min_sdk_version=_min_sdk_version(given) if given is not None else None,
            host_target=self.linter.config.azureml_target)
        self._options_by_version: Dict[Tuple[Version, str, Tuple[str, ...]], Options] = {}
        for rule in self._settings.default_off_selected(self._settings.cwd, _disabled_by_the_user(self.linter)):
            self.linter.enable(rule.msgid)

    def visit_module(self, node: nodes.Module) -> None:
        source = _source(node)
        if source is None:
            return
        quick = may_have_findings(source, inference=True)
        if not quick and "azureml" not in source:
            return
        try:
            view = self._settings.for_file(node.file or "-")
        except ConfigError as error:
            self.add_message(CONFIG_ERROR_SYMBOL, node=node, line=1, col_offset=0, args=(str(error),))
            return
        try:
            if view.excludes(node.file or "-", self._settings.cwd):
                return
            if not quick and not may_have_findings(source, inference=True, target_rules=view.target_rules):
                return
            options = self._options_by_version.setdefault(
                (view.min_sdk_version, view.target, view.target_rules),
                Options(min_sdk_version=view.min_sdk_version, target=view.target, target_rules=view.target_rules))
            findings = [finding for finding in check_source(source, options, resolve_callee=CalleeInference(node))
                        if view.reports(finding.code, node.file or "-", self._settings.cwd)]
        except Exception as error:  # never hand pylint a traceback
            self.add_message(INTERNAL_ERROR_SYMBOL, node=node, line=1, col_offset=0,
                             args=(node.file or node.name, f"{type(error).__name__}: {error}"))
            return
        frames = _Frames(node) if findings else None
        for finding in findings:
            self._report(finding, frames.at(finding))

    def _report(self, finding: Finding, frame: nodes.NodeNG) -> None:
        span = finding.span
        self.add_message(
            finding.rule.symbol,
            node=frame,
            line=span.line,
            col_offset=span.col,
            end_lineno=span.end_line,
            end_col_offset=span.end_col,
            args=(finding.message,),
            confidence=_CONFIDENCE[finding.confidence],
        )
