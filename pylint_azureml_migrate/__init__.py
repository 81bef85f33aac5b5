"""pylint plugin: ``load-plugins=pylint_azureml_migrate``.

A thin translation of the shared core's findings into pylint messages; the messages are
generated from the rule catalog, facts come from the shared fact builder, and astroid is
only asked about callees the builder cannot resolve (see ``inference``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pylint_azureml_migrate.checker import AzureMLMigrateChecker

if TYPE_CHECKING:
    from pylint.lint import PyLinter

__all__ = ["AzureMLMigrateChecker", "register"]


def register(linter: "PyLinter") -> None:
    """Entry point pylint calls for ``--load-plugins=pylint_azureml_migrate``."""
    linter.register_checker(AzureMLMigrateChecker(linter))
