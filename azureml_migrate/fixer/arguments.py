"""The options of ``azureml-migrate fix``, apart from the command (``command.py``): building
the command line (every run of ``azureml-migrate``, the audit's too) imports this module only,
and the fix machinery loads when ``fix`` runs."""

from __future__ import annotations

import argparse


def add_parser(commands) -> None:
    fix = commands.add_parser(
        "fix", help="apply the fixes of the findings to the files (safe fixes; --unsafe-fixes for the rest)",
        description="Rewrite deprecated Azure ML SDK v1 code under PATH where a fix is known: Python files, "
                    "notebook code cells and requirement manifests (Markdown is never rewritten). Exit "
                    "status: 0 no finding left, 1 findings left or files that could not be fixed (with "
                    "--diff: changes to make), 2 usage or configuration error.")
    fix.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                     help="files or directories to fix (default: the current directory)")
    fix.add_argument("--stdin-filename", metavar="NAME",
                     help="with PATH '-': the name of the text read from standard input (its kind, "
                          "per-file ignores and configuration); the fixed text goes to standard output")
    fix.add_argument("--unsafe-fixes", action="store_true",
                     help="also apply fixes that keep the job the same only under a stated assumption")
    fix.add_argument("--diff", action="store_true",
                     help="print a unified diff of each file that would change and write nothing")
    report = fix.add_argument_group("report")
    report.add_argument("--format", choices=("text", "json"), default="text",
                        help="text (default), or json: what was fixed and what remains, per file and "
                             "finding, with reasons and applicability (see docs/fix.md)")
    report.add_argument("--quiet", "-q", action="store_true",
                        help="print nothing but errors (and the diff with --diff)")
    report.add_argument("--show-fixes", action="store_true", help="list each fix applied, by file and line")
    report.add_argument("--statistics", action="store_true",
                        help="count per rule: fixed, fixable with --unsafe-fixes, manual")
    report.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    report.add_argument("--exit-non-zero-on-fix", action="store_true",
                        help="exit 1 when a file was fixed, even if nothing remains")
    rules = fix.add_argument_group("rules (override [tool.azureml-migrate] in pyproject.toml)")
    rules.add_argument("--select", metavar="CODES", help="codes or prefixes to fix and report")
    rules.add_argument("--extend-select", metavar="CODES", action="append", default=[],
                       help="codes to add to the selection")
    rules.add_argument("--ignore", metavar="CODES", help="codes or prefixes to leave alone")
    rules.add_argument("--extend-ignore", metavar="CODES", action="append", default=[],
                       help="codes to add to the ignore list")
    rules.add_argument("--per-file-ignores", metavar="GLOB:CODES", help="e.g. 'legacy/*:AML1,AML3'")
    rules.add_argument("--min-sdk-version", metavar="VERSION",
                       help="oldest azureml SDK version requirements must allow (default 1.15.0)")
    rules.add_argument("--target", metavar="TARGET",
                       help="what to migrate to: scriptrunconfig (default) or v2 (azure-ai-ml; turns on "
                            "the v2 rules)")
    files = fix.add_argument_group("files")
    files.add_argument("--exclude", metavar="GLOB", action="append",
                       help="skip matching files or directories (replaces the configured exclude)")
    files.add_argument("--extend-exclude", metavar="GLOB", action="append", default=[],
                       help="skip these too, keeping the configured exclude")
    config = fix.add_argument_group("configuration")
    config.add_argument("--config", metavar="FILE", help="read [tool.azureml-migrate] from this TOML file")
    config.add_argument("--isolated", action="store_true", help="read no configuration file")
    fix.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from .command import run

    return run(args)
