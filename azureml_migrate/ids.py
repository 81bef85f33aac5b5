"""Identifiers every front end needs before any rule is loaded (kept import-free: the flake8
plugin reads them at every flake8 start, also in editors on files without azureml)."""

#: pylint checker id shared by every message (external range 51-99, unused by well-known plugins)
PYLINT_CHECKER_ID = "73"
FLAKE8_PREFIX = "AML"
#: Not a rule: reported when the plugin itself fails on a file, so the run goes on.
INTERNAL_ERROR_CODE = f"{FLAKE8_PREFIX}000"
