"""The ``azureml-migrate`` command: the rule catalog (``rules``, ``explain``)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import List, Optional

from . import __version__
from .catalog import RULES, as_dicts, rule_for


def _rules(args: argparse.Namespace) -> int:
    if args.format == "json":
        print(json.dumps({"rules": list(as_dicts())}, indent=2))
        return 0
    width = max(len(rule.symbol) for rule in RULES)
    for rule in RULES:
        default = "on " if rule.default_enabled else "off"
        print(f"{rule.code}  {rule.msgid}  {rule.symbol:<{width}}  {default}  {rule.summary}")
    return 0


def _explain(args: argparse.Namespace) -> int:
    try:
        rule = rule_for(args.rule)
    except KeyError:
        print(f"azureml-migrate: unknown rule {args.rule!r}; run 'azureml-migrate rules' for the list",
              file=sys.stderr)
        return 2
    print(rule.docs())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="azureml-migrate",
        description="Find deprecated Azure ML SDK v1 training code and what to write instead.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("table", "json"), default="table")
    rules.set_defaults(handler=_rules)
    explain = commands.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule", help="a code (AML301), pylint msgid or symbol")
    explain.set_defaults(handler=_explain)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
