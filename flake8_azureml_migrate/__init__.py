"""flake8 plugin (entry point ``AML``): a thin translation of the shared core's findings."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Iterator, List, Optional, Tuple, Type

from packaging.version import InvalidVersion, Version

from azureml_migrate import __version__
from azureml_migrate.catalog import DEFAULT_DISABLED, INTERNAL_ERROR_CODE
from azureml_migrate.engine import check_tree, may_have_findings
from azureml_migrate.sdk import DEFAULT_MIN_SDK_VERSION

if TYPE_CHECKING:
    from azureml_migrate.rules import Options


def _version(text: str) -> Version:
    try:
        return Version(str(text).strip())
    except InvalidVersion:
        raise argparse.ArgumentTypeError(f"not a version: {text!r} (expected e.g. 1.15.0)") from None


class AzureMLMigrateChecker:
    name = "azureml-migrate-lint"
    version = __version__
    min_sdk_version = Version(DEFAULT_MIN_SDK_VERSION)
    _options: Optional["Options"] = None

    def __init__(self, tree, lines: List[str], filename: str) -> None:
        self._tree = tree
        self._lines = lines
        self._filename = filename

    @classmethod
    def add_options(cls, manager) -> None:
        manager.add_option(
            "--azureml-min-sdk-version",
            type=_version,
            default=DEFAULT_MIN_SDK_VERSION,
            parse_from_config=True,
            help="oldest azureml SDK version requirements must allow. "
                 "(Default: %(default)s)",
        )
        manager.extend_default_ignore(list(DEFAULT_DISABLED))

    @classmethod
    def parse_options(cls, options) -> None:
        cls.min_sdk_version = _version(options.azureml_min_sdk_version)
        cls._options = None

    @classmethod
    def rule_options(cls) -> "Options":
        """Built on the first file that passes the prefilter: importing the rules costs ~50 ms,
        which every flake8 start would otherwise pay, also in editors on files without azureml."""
        if cls._options is None:
            from azureml_migrate.rules import Options

            cls._options = Options(min_sdk_version=cls.min_sdk_version)
        return cls._options

    def run(self) -> Iterator[Tuple[int, int, str, Type["AzureMLMigrateChecker"]]]:
        source = "".join(self._lines)
        if not may_have_findings(source):
            return
        try:
            findings = check_tree(self._tree, source, self.rule_options())
        except Exception as error:  # never hand flake8 a traceback
            yield (1, 0, f"{INTERNAL_ERROR_CODE} azureml-migrate-lint could not check "
                         f"{self._filename}: {type(error).__name__}: {error}", type(self))
            return
        for finding in findings:
            yield (finding.span.line, finding.span.col, f"{finding.code} {finding.message}", type(self))
