"""The pylint checker: catalog rules as pylint messages, findings as ``add_message`` calls."""

from __future__ import annotations

from typing import Dict, Optional, Tuple

from astroid import nodes
from packaging.version import Version
from pylint import interfaces
from pylint.checkers import BaseChecker
from pylint.exceptions import UnknownMessageError

from azureml_migrate.catalog import PYLINT_CHECKER_ID, RULES
from azureml_migrate.engine import PREFILTER_MARKERS
from azureml_migrate.facts import INFERENCE, Span
from azureml_migrate.linter_settings import LinterSettings
from azureml_migrate.rules import Finding, Options, check_module
from azureml_migrate.sdk import DEFAULT_MIN_SDK_VERSION
from pylint_azureml_migrate.astroid_facts import build_facts

#: Not a rule: reported instead of a traceback when the plugin fails on a file.
INTERNAL_ERROR_MSGID = f"F{PYLINT_CHECKER_ID}00"
INTERNAL_ERROR_SYMBOL = "azureml-migrate-internal-error"

#: Class names a re-export from the user's own module keeps: a file that contains none of
#: them nor an ``azureml`` marker cannot produce a finding, even through inference.
_INFERENCE_MARKERS = (
    "Estimator", "PyTorch", "TensorFlow", "Chainer", "SKLearn", "Mpi", "Gloo", "Nccl",
    "ParameterServer", "HyperDrive", "RunConfiguration", "DataReference",
)


def _description(rule) -> str:
    return f"{rule.summary}. {rule.what}\n\nUse instead:\n{rule.instead}"


def _messages() -> Dict[str, Tuple]:
    messages: Dict[str, Tuple] = {
        rule.msgid: ("%s", rule.symbol, _description(rule), {"default_enabled": rule.default_enabled})
        for rule in RULES
        if not rule.retired
    }
    messages[INTERNAL_ERROR_MSGID] = (
        "azureml-migrate-lint could not check %s: %s",
        INTERNAL_ERROR_SYMBOL,
        "The plugin failed on this file; the rest of the pylint run goes on. Please report it.",
    )
    return messages


def may_have_findings(source: str) -> bool:
    """Cheap text test run before any fact is built."""
    return any(marker in source for marker in PREFILTER_MARKERS) or any(
        marker in source for marker in _INFERENCE_MARKERS)


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


def _min_sdk_version(value) -> Version:
    if isinstance(value, tuple):
        return Version(".".join(str(part) for part in value))
    return Version(str(value))


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
                "help": "Oldest azureml SDK version requirements must allow (AML401/AML402); overrides "
                        f"min-sdk-version in [tool.azureml-migrate]. Default: {DEFAULT_MIN_SDK_VERSION}.",
            },
        ),
    )

    def open(self) -> None:
        given = self.linter.config.azureml_min_sdk_version
        self._settings = LinterSettings(
            host_extend_select=[rule.code for rule in RULES if not rule.default_enabled
                                and _enabled(self.linter, rule.msgid)],
            host_min_sdk_version=_min_sdk_version(given) if given is not None else None)
        self._options_by_version: Dict[Version, Options] = {}
        for rule in self._settings.default_off_selected(self._settings.cwd, getattr(self.linter.config, "disable", ())):
            self.linter.enable(rule.msgid)

    def visit_module(self, node: nodes.Module) -> None:
        source = _source(node)
        if source is None or not may_have_findings(source):
            return
        try:
            view = self._settings.for_file(node.file or "-")
            if view.excludes(node.file or "-", self._settings.cwd):
                return
            options = self._options_by_version.setdefault(
                view.min_sdk_version, Options(min_sdk_version=view.min_sdk_version))
            facts, locations = build_facts(node, source)
            findings = [finding for finding in check_module(facts, options)
                        if view.reports(finding.code, node.file or "-", self._settings.cwd)]
        except Exception as error:  # never hand pylint a traceback
            self.add_message(INTERNAL_ERROR_SYMBOL, node=node, line=1, col_offset=0,
                             args=(node.file or node.name, f"{type(error).__name__}: {error}"))
            return
        for finding in findings:
            self._report(finding, locations.get(finding.span, node))

    def _report(self, finding: Finding, node: nodes.NodeNG) -> None:
        span: Span = finding.span
        confidence = interfaces.INFERENCE if finding.confidence == INFERENCE else interfaces.HIGH
        self.add_message(
            finding.rule.symbol,
            node=node,
            line=span.line,
            col_offset=span.col,
            end_lineno=span.end_line,
            end_col_offset=span.end_col,
            args=(finding.message,),
            confidence=confidence,
        )
