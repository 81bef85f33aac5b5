"""The ``azureml-migrate`` command: the rule catalog (``rules``, ``explain``), ``audit``, ``fix``
and the editors' language ``server``."""

from __future__ import annotations

import os
import re
import sys


def _forget_current_directory() -> None:
    """Take the current directory off the import path before anything else is imported.

    ``python -m azureml_migrate.cli`` puts it first (and an empty ``PYTHONPATH`` entry puts it
    anywhere), so the audited repository's own ``yaml/`` or ``packaging/`` would be imported in
    place of ours and run. pylint's ``modify_sys_path`` does the same for its entry points.
    """
    try:
        here = os.getcwd()
    except OSError:  # the current directory was deleted: nothing there to import
        return
    sys.path[:] = [entry for entry in sys.path if entry and os.path.abspath(entry) != here]


_forget_current_directory()

import argparse  # noqa: E402 - the import path is made safe first
import json  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import List, Optional  # noqa: E402

from . import __version__  # noqa: E402
from .fixer import arguments as fix_arguments  # noqa: E402


def _rules(args: argparse.Namespace) -> int:
    from .catalog import RULES, as_dicts

    if args.format == "json":
        print(json.dumps({"rules": list(as_dicts())}, indent=2))
        return 0
    width = max(len(rule.symbol) for rule in RULES)
    for rule in RULES:
        default = "on " if rule.default_enabled else "off"
        print(f"{rule.code}  {rule.msgid}  {rule.symbol:<{width}}  {default}  {rule.summary}")
    return 0


def _explain(args: argparse.Namespace) -> int:
    from .catalog import rule_for

    try:
        rule = rule_for(args.rule)
    except KeyError:
        print(f"azureml-migrate: unknown rule {args.rule!r}; run 'azureml-migrate rules' for the list",
              file=sys.stderr)
        return 2
    print(rule.docs())
    return 0


EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _server(args: argparse.Namespace) -> int:
    from .server import serve

    return serve()


#: in a help string: the codes of the rules that are off by default, ", " or "," between them
_DEFAULT_OFF, _DEFAULT_OFF_LIST = "{default-off}", "{default-off,}"


class _RulesHelpFormatter(argparse.HelpFormatter):
    """Fills the rules that are off by default into help strings when help is shown: knowing
    them imports the whole catalog (every rule module), which a run of the command does not
    otherwise need."""

    def _get_help_string(self, action: argparse.Action) -> Optional[str]:
        text = super()._get_help_string(action)
        if text and (_DEFAULT_OFF in text or _DEFAULT_OFF_LIST in text):
            from .catalog import DEFAULT_DISABLED

            text = text.replace(_DEFAULT_OFF, ", ".join(DEFAULT_DISABLED)).replace(
                _DEFAULT_OFF_LIST, ",".join(DEFAULT_DISABLED))
        return text


def _add_audit_parser(commands) -> None:
    from .audit.formats import FORMATS

    audit = commands.add_parser(
        "audit", help="audit files or whole repositories (every file kind) and report",
        formatter_class=_RulesHelpFormatter,
        description="Check Python files, notebooks, Markdown, requirement and environment files under "
                    "PATH for deprecated Azure ML SDK v1 training code. Exit status: 0 nothing found, "
                    "1 findings or unreadable files, 2 usage or configuration error.")
    audit.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                       help="files or directories to audit (default: the current directory); '-' reads "
                            "standard input")
    audit.add_argument("--stdin-filename", metavar="NAME",
                       help="with PATH '-': the name to report the text from standard input under; its kind "
                            "(.py, .ipynb, requirements.txt ...), configuration, excludes and per-file ignores "
                            "are that path's")
    report = audit.add_argument_group("report")
    report.add_argument("--format", choices=sorted(FORMATS), default=None,
                        help="report format (default: full on a terminal, concise otherwise; text is concise)")
    report.add_argument("--quiet", "-q", action="store_true",
                        help="print the findings only: no summary line (warnings still go to stderr)")
    report.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    report.add_argument("--statistics", action="store_true", help="count findings per rule after the report")
    report.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings or file errors remain")
    rules = audit.add_argument_group("rules (override [tool.azureml-migrate] in pyproject.toml)")
    rules.add_argument("--select", metavar="CODES", help="codes or prefixes to report (default: the rules "
                       f"that are on by default, which leaves out {_DEFAULT_OFF})")
    rules.add_argument("--extend-select", metavar="CODES", action="append", default=[],
                       help=f"codes to add to the selection, e.g. {_DEFAULT_OFF_LIST}")
    rules.add_argument("--ignore", metavar="CODES", help="codes or prefixes not to report")
    rules.add_argument("--extend-ignore", metavar="CODES", action="append", default=[],
                       help="codes to add to the ignore list")
    rules.add_argument("--per-file-ignores", metavar="GLOB:CODES",
                       help="e.g. 'legacy/*:AML1,AML3 notebooks/*:AML'")
    rules.add_argument("--min-sdk-version", metavar="VERSION",
                       help="oldest azureml SDK version requirements must allow (default 1.15.0)")
    rules.add_argument("--target", metavar="TARGET",
                       help="what to migrate to: scriptrunconfig (default) or v2 (azure-ai-ml; turns on "
                            "the v2 rules)")
    files = audit.add_argument_group("files")
    files.add_argument("--exclude", metavar="GLOB", action="append",
                       help="skip matching files or directories (repeatable or comma list; replaces the "
                            "configured exclude)")
    files.add_argument("--extend-exclude", metavar="GLOB", action="append", default=[],
                       help="skip these too, keeping the configured exclude")
    files.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                       help="worker processes (default: all cores; 1 checks in this process)")
    gate = audit.add_argument_group("baseline")
    gate.add_argument("--baseline", metavar="FILE", help="report and fail only on findings not in FILE")
    gate.add_argument("--no-baseline", action="store_true", help="ignore the configured baseline")
    gate.add_argument("--write-baseline", metavar="FILE",
                      help="record every current finding in FILE, and every file that cannot be checked "
                           "(path and reason); no baseline applied, exit 0")
    config = audit.add_argument_group("configuration")
    config.add_argument("--config", metavar="FILE", help="read [tool.azureml-migrate] from this TOML file")
    config.add_argument("--isolated", action="store_true", help="read no configuration file")
    config.add_argument("--show-settings", action="store_true",
                        help="print the effective settings and the file they came from, then exit")
    audit.set_defaults(handler=_audit)


def _usage_error(message: str) -> int:
    print(f"azureml-migrate audit: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _audit(args: argparse.Namespace) -> int:
    """The audit command; its modules are imported here so ``rules`` and ``explain`` stay quick."""
    from .audit import baseline as baseline_file
    from .audit import coverage, discovery, runner
    from .audit.config import CommandLine, ConfigError, describe, load_settings
    from .audit.formats import DOCUMENT_FORMATS, render

    if args.jobs is not None and args.jobs < 1:
        return _usage_error(f"--jobs must be 1 or more, not {args.jobs} (leave it out to use all cores)")
    if args.format is None:
        args.format = "full" if sys.stdout.isatty() and not args.output else "concise"
    cwd = Path.cwd()
    for target in (args.output, args.write_baseline):
        if target and not (cwd / target).parent.is_dir():
            return _usage_error(f"cannot write {target}: no such directory {(cwd / target).parent}")
    standard_input = "-" in args.paths
    if standard_input and len(args.paths) > 1:
        return _usage_error("'-' (standard input) cannot be audited together with other paths")
    if args.stdin_filename is not None and not standard_input:
        return _usage_error("--stdin-filename names standard input: give PATH '-' too")
    missing = [path for path in args.paths if not standard_input and discovery.missing(cwd / path)]
    if missing:
        return _usage_error(f"no such file or directory: {', '.join(missing)}")
    flags = CommandLine(
        select=args.select, ignore=args.ignore, extend_select=args.extend_select,
        extend_ignore=args.extend_ignore, exclude=args.exclude, extend_exclude=args.extend_exclude,
        per_file_ignores=args.per_file_ignores, min_sdk_version=args.min_sdk_version,
        baseline=args.baseline, no_baseline=args.no_baseline or bool(args.write_baseline), target=args.target)
    try:
        settings = load_settings([args.stdin_filename or "."] if standard_input else args.paths, flags, cwd,
                                 config_file=args.config, use_config=not args.isolated)
        if args.show_settings:
            sys.stdout.write(describe(settings, cwd))
            return EXIT_CLEAN
        known = baseline_file.read(settings.baseline) if settings.baseline is not None else None
    except ConfigError as error:
        return _usage_error(str(error))
    if standard_input:
        result = _audit_standard_input(args.stdin_filename, settings, cwd)
    else:
        try:
            result = runner.run(args.paths, settings, cwd, jobs=args.jobs or 0)
        except FileNotFoundError as error:
            return _usage_error(f"no such file or directory: {error.filename or error}")
        for warning in coverage.warnings(args.paths, result.checked, settings, cwd):
            print(f"azureml-migrate: {warning}", file=sys.stderr)
    # a gate over directories that found nothing to look at is misconfigured: fail it (named
    # files that are excluded only warn: pre-commit passes such files as a matter of course)
    looked_at_nothing = result.files_checked == 0 and any(os.path.isdir(cwd / path) for path in args.paths)
    shown_baseline = runner.display_path(settings.baseline, cwd) if settings.baseline is not None else ""
    relative = runner.anchored(cwd, _fingerprint_anchor(args, settings, cwd))
    report = runner.build_report(result, known, shown_baseline, relative)

    if args.write_baseline:
        return _write_baseline(args, report, relative)
    try:
        if args.output:
            with open(cwd / args.output, "w", encoding="utf-8", newline="\n") as stream:
                render(args.format, report, stream, _text_style(args, None))
        else:
            render(args.format, report, sys.stdout, _text_style(args, sys.stdout))
        if args.statistics:
            from .audit.formats.common import statistics

            document_on_stdout = args.format in DOCUMENT_FORMATS and not args.output
            (sys.stderr if document_on_stdout else sys.stdout).write(statistics(report))
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as error:
        return _usage_error(f"cannot write {args.output or 'the report'}: {error.strerror or error}")

    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if report.findings or report.errors or looked_at_nothing else EXIT_CLEAN


def _text_style(args: argparse.Namespace, terminal):
    """The style of a terminal format (colour only where ``terminal`` wants it); None for the
    other formats, which take none, so their runs do not import the terminal formats."""
    from .audit.formats import TERMINAL_FORMATS

    if args.format not in TERMINAL_FORMATS:
        return None
    from .audit.formats.text import TextStyle, wants_colour

    return TextStyle(colour=terminal is not None and wants_colour(terminal), quiet=args.quiet)


def _audit_standard_input(name: Optional[str], settings, cwd: Path):
    """``audit -``: standard input read as bytes, at most the size bound of a file (a larger
    input is that file's error, not a full memory), checked as the file ``name``."""
    from .audit import runner
    from .audit.files import MAX_FILE_BYTES

    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(MAX_FILE_BYTES + 1) if stream is not None else sys.stdin.read().encode("utf-8")
    problem = None
    if len(data) > MAX_FILE_BYTES:
        problem = f"standard input too large: over {MAX_FILE_BYTES // (1024 * 1024)} MiB, the most the audit reads"
    result = runner.run_standard_input(data, name, settings, cwd, problem)
    if name and result.files_checked == 0:
        print(f"azureml-migrate: warning: {name} is not checked: excluded by the exclude setting", file=sys.stderr)
    return result


def _fingerprint_anchor(args: argparse.Namespace, settings, cwd: Path) -> Path:
    """The directory fingerprint and baseline paths are relative to: the baseline's (written or
    read), else the configuration file's, else the current one. So the same baseline works
    from any directory and for any subset of files."""
    target = cwd / args.write_baseline if args.write_baseline else settings.baseline
    if target is not None:
        return target.parent
    return settings.source.parent if settings.source is not None else cwd


def _write_baseline(args: argparse.Namespace, report, relative) -> int:
    """``--write-baseline``: the file, one summary line, and the files that could not be checked."""
    from .audit import baseline as baseline_file
    from .audit.formats import render
    from .audit.formats.common import exclude_hint, plural

    target = Path.cwd() / args.write_baseline
    try:
        count = baseline_file.write(target, ((item.finding, item.fingerprint) for item in report.findings),
                                    lambda finding: relative(finding.path),
                                    [(relative(error.path), error.message) for error in report.errors])
        if args.output:
            with open(Path.cwd() / args.output, "w", encoding="utf-8", newline="\n") as stream:
                render(args.format, report, stream)
    except OSError as error:
        return _usage_error(f"cannot write {error.filename or args.write_baseline}: {error.strerror or error}")
    for error in report.errors:
        print(f"{error.path}: error (recorded in the baseline): {error.message}{exclude_hint(error.path)}",
              file=sys.stderr)
    errors = f" and {plural(len(report.errors), 'file error')}" if report.errors else ""
    if not args.quiet:
        print(f"wrote {plural(count, 'finding')}{errors} to baseline {args.write_baseline} "
              f"({plural(report.files_checked, 'file')} checked)")
    return EXIT_CLEAN


def _silence_stdout() -> None:
    """The reader went away (``| head``): drop the rest of the output quietly, as Unix tools do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


class _Parser(argparse.ArgumentParser):
    """argparse with "did you mean" for mistyped options and subcommands (Python 3.14's
    ``suggest_on_error`` covers only choices, and older Pythons have nothing)."""

    def error(self, message: str):  # type: ignore[override]
        super().error(message + _suggestion(self, message))


def _suggestion(parser: argparse.ArgumentParser, message: str) -> str:
    if "did you mean" in message:
        return ""
    unknown: List[str] = []
    candidates: List[str] = []
    if message.startswith("unrecognized arguments: "):
        unknown = [word.split("=", 1)[0] for word in message[len("unrecognized arguments: "):].split()
                   if word.startswith("-")]
        candidates = [option for option in parser._option_string_actions if option.startswith("--")]
    choice = re.search(r"invalid choice: '?([^' ]*)'? \(choose from (.*)\)", message)
    if choice:
        unknown = [choice.group(1)]
        candidates = [item.strip(" '") for item in choice.group(2).split(",")]
    if not unknown:
        return ""
    import difflib  # only a mistyped command line needs it

    hints = []
    for word in unknown:
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
        if close:
            hints.append(f"did you mean {close[0]!r} for {word!r}?")
    return ("; " + "; ".join(hints)) if hints else ""


def _subcommand_parser(parser: argparse.ArgumentParser, name: Optional[str]) -> argparse.ArgumentParser:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and name in action.choices:
            return action.choices[name]
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="azureml-migrate",
        description="Find deprecated Azure ML SDK v1 training code and what to write instead.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="{rules,explain,audit,fix,server}")
    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("table", "json"), default="table")
    rules.set_defaults(handler=_rules)
    explain = commands.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule", help="a rule code, pylint msgid or symbol")
    explain.set_defaults(handler=_explain)
    _add_audit_parser(commands)
    fix_arguments.add_parser(commands)
    server = commands.add_parser(
        "server", help="run the language server for editors (LSP over stdio; needs the [server] extra)",
        description="Run the Language Server Protocol server on stdin/stdout: diagnostics, quick fixes, "
                    "fix-all and hover for Python files, notebooks, Markdown and dependency files. Editors "
                    "start it; see docs/editors.md.")
    server.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default and only way)")
    server.set_defaults(handler=_server)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:
        _subcommand_parser(parser, args.command).error(f"unrecognized arguments: {' '.join(extras)}")
    try:
        if args.command is None:
            parser.print_help()
            status = EXIT_CLEAN
        else:
            status = args.handler(args)
        sys.stdout.flush()
        return status
    except BrokenPipeError:  # ``| head``: the reader has what it wanted
        _silence_stdout()
        return EXIT_CLEAN
    except KeyboardInterrupt:
        print("azureml-migrate: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
