"""flake8 plugin (entry point ``AML``): a thin translation of the shared core's findings.

Settings come from ``[tool.azureml-migrate]`` (see ``azureml_migrate.linter_settings``);
flake8's own ``--select``/``--extend-select``/``--azureml-min-sdk-version``/``--azureml-target``
override it.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Dict, Iterator, List, Optional, Tuple, Type

from azureml_migrate import __version__
from azureml_migrate.engine import check_tree, may_have_findings
from azureml_migrate.ids import INTERNAL_ERROR_CODE
from azureml_migrate.sdk import DEFAULT_MIN_SDK_VERSION

if TYPE_CHECKING:
    from packaging.version import Version

    from azureml_migrate.linter_settings import LinterSettings
    from azureml_migrate.options import Options


def _version(text: str) -> "Version":
    """flake8's option type; ``packaging`` is imported only when the option is given (its
    version pattern alone costs more than the rest of the plugin's start)."""
    from packaging.version import InvalidVersion, Version

    try:
        return Version(str(text).strip())
    except InvalidVersion:
        raise argparse.ArgumentTypeError(f"not a version: {text!r} (expected e.g. 1.15.0)") from None


def _target(text: str) -> str:
    """flake8's option type for ``--azureml-target``: a clear usage error on a bad value."""
    from azureml_migrate.settings import ConfigError, parse_target

    try:
        return parse_target(text, "--azureml-target")
    except ConfigError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


class AzureMLMigrateChecker:
    name = "azureml-migrate-lint"
    version = __version__
    #: flake8's own options, kept until a file needs the settings built from them
    _host_options: Dict[str, object] = {}
    _settings: Optional["LinterSettings"] = None
    _options: Dict[Tuple["Version", str, Tuple[str, ...]], "Options"] = {}

    def __init__(self, tree, lines: List[str], filename: str) -> None:
        self._tree = tree
        self._lines = lines
        self._filename = filename

    @classmethod
    def add_options(cls, manager) -> None:
        manager.add_option(
            "--azureml-min-sdk-version",
            type=_version,
            default=None,
            parse_from_config=True,
            help="oldest azureml SDK version requirements must allow; overrides min-sdk-version "
                 f"in [tool.azureml-migrate]. (Default: {DEFAULT_MIN_SDK_VERSION})",
        )
        manager.add_option(
            "--azureml-target",
            type=_target,
            default=None,
            parse_from_config=True,
            help="what to migrate to: scriptrunconfig or v2 (azure-ai-ml; turns on the v2 rules); "
                 "overrides target in [tool.azureml-migrate]. (Default: scriptrunconfig)",
        )

    @classmethod
    def parse_options(cls, options) -> None:
        """The default-off rules are left out by the shared selection, not by flake8's default
        ignore, so that ``extend-select`` in [tool.azureml-migrate] can turn them on."""
        given = options.azureml_min_sdk_version
        cls._host_options = {
            "host_select": getattr(options, "select", None),
            "host_extend_select": getattr(options, "extend_select", None) or (),
            "host_min_sdk_version": _version(given) if given is not None else None,
            "host_target": getattr(options, "azureml_target", None),
        }
        cls._settings = None
        cls._options = {}

    @classmethod
    def settings(cls) -> "LinterSettings":
        """Built on the first file that passes the prefilter: the settings read the rule catalog,
        which every flake8 start (in editors, on files without azureml) would otherwise import."""
        if cls._settings is None:
            from azureml_migrate.linter_settings import LinterSettings

            cls._settings = LinterSettings(**cls._host_options)
        return cls._settings

    @classmethod
    def rule_options(cls, min_sdk_version: "Version", target: str = "scriptrunconfig",
                     target_rules: Tuple[str, ...] = ()) -> "Options":
        """Built on the first file that passes the prefilter: importing the rules costs ~50 ms,
        which every flake8 start would otherwise pay, also in editors on files without azureml."""
        key = (min_sdk_version, target, target_rules)
        if key not in cls._options:
            from azureml_migrate.options import Options

            cls._options[key] = Options(min_sdk_version=min_sdk_version, target=target, target_rules=target_rules)
        return cls._options[key]

    def run(self) -> Iterator[Tuple[int, int, str, Type["AzureMLMigrateChecker"]]]:
        source = "".join(self._lines)
        quick = may_have_findings(source)
        if not quick and "azureml" not in source:
            return
        from azureml_migrate.settings import ConfigError

        settings = self.settings()
        try:
            view = settings.for_file(self._filename)
        except ConfigError as error:
            yield (1, 0, f"{INTERNAL_ERROR_CODE} azureml-migrate-lint configuration error: {error}", type(self))
            return
        if view.excludes(self._filename, settings.cwd):
            return
        if not quick and not may_have_findings(source, target_rules=view.target_rules):
            return
        try:
            options = self.rule_options(view.min_sdk_version, view.target, view.target_rules)
            findings = check_tree(self._tree, source, options)
        except Exception as error:  # never hand flake8 a traceback
            yield (1, 0, f"{INTERNAL_ERROR_CODE} azureml-migrate-lint could not check "
                         f"{self._filename}: {type(error).__name__}: {error}", type(self))
            return
        for finding in findings:
            if view.reports(finding.code, self._filename, settings.cwd):
                yield (finding.span.line, finding.span.col, f"{finding.code} {finding.message}", type(self))
