"""concise/full terminal output (colour, quiet), JUnit XML, GitLab Code Quality, raw notebook positions."""

from __future__ import annotations

import io
import json
import os
import subprocess
import time
import xml.etree.ElementTree as ElementTree

import pytest

from azureml_migrate.audit.formats import render
from azureml_migrate.audit.formats.notebook_positions import NotebookPositions
from azureml_migrate.audit.formats.text import TextStyle, wants_colour
from tests.test_audit_formats import SNIPPET, sample_report
from tests.test_audit_support import LEGACY_SCRIPT, audit_command, finding, report, write

ESC = "\033["


def rendered(name, the_report=None, style=None) -> str:
    stream = io.StringIO()
    render(name, the_report or sample_report(), stream, style)
    return stream.getvalue()


class TestConciseAndFull:
    def test_concise_lines_are_never_cut(self):
        message = "'PyTorch' is deprecated: use ScriptRunConfig(" + "x='y', " * 80 + ") (fixable)"
        (line, _) = rendered("concise", report([finding(message=message)])).splitlines()
        assert line == f"train/submit.py:5:7: AML101 {' '.join(message.split())}"

    def test_full_shows_a_calls_rewrite_once_under_its_first_finding(self, tmp_path, monkeypatch):
        write(tmp_path, "train/submit.py", LEGACY_SCRIPT)
        monkeypatch.chdir(tmp_path)
        call = finding(line=5, column=7, message="'Estimator' is deprecated", hint=SNIPPET)
        call = type(call)(**{**call.__dict__, "end_line": 6, "end_column": 10})
        parameter = type(call)(**{**call.__dict__, "code": "AML302", "line": 6, "column": 1})
        elsewhere = type(call)(**{**call.__dict__, "line": 9, "end_line": 9})
        text = rendered("full", report([call, parameter, elsewhere]))
        assert text.count("= rewrite:") == 2
        blocks = text.split("\n\n")
        assert "= rewrite:" in blocks[0] and "= rewrite:" not in blocks[1] and "= rewrite:" in blocks[2]

    def test_full_shows_the_line_a_caret_the_message_and_the_rewrite(self, tmp_path, monkeypatch):
        write(tmp_path, "train/submit.py", LEGACY_SCRIPT)
        monkeypatch.chdir(tmp_path)
        call = finding(line=5, column=7, message="'Estimator' is deprecated", hint=SNIPPET)
        call = type(call)(**{**call.__dict__, "end_line": 6, "end_column": 10})
        text = rendered("full", report([call]))
        assert text.splitlines()[:4] == [
            "train/submit.py:5:7: AML101 'Estimator' is deprecated",
            "   |",
            " 5 | est = Estimator(source_directory='src', entry_script='train.py',",
            "   |       " + "^" * len("Estimator(source_directory='src', entry_script='train.py',"),
        ]
        assert "  = rewrite:\n      from azureml.core import Environment, ScriptRunConfig\n" in text
        assert ESC not in text

    def test_full_without_the_file_still_reports(self):
        text = rendered("full", report([finding(path="gone/away.py")]))
        assert text.startswith("gone/away.py:5:7: AML101 ") and "|" not in text

    def test_full_in_a_notebook_shows_the_cell_line(self, tmp_path, monkeypatch):
        notebook = {"cells": [{"cell_type": "markdown", "source": ["# title"]},
                              {"cell_type": "code", "source": ["import os\n", "est = Estimator()\n"]}]}
        write(tmp_path, "nb.ipynb", json.dumps(notebook, indent=1))
        monkeypatch.chdir(tmp_path)
        text = rendered("full", report([finding(path="nb.ipynb", cell=2, line=2, column=7, kind="notebook")]))
        assert " 2 | est = Estimator()" in text

    def test_quiet_leaves_out_the_summary(self):
        assert "files checked" not in rendered("concise", style=TextStyle(quiet=True))
        assert "files checked" in rendered("concise")

    def test_colour_only_when_asked(self):
        assert ESC in rendered("concise", style=TextStyle(colour=True))
        assert ESC in rendered("full", style=TextStyle(colour=True))

    @pytest.mark.parametrize("environ, tty, expected", [
        ({}, True, True), ({}, False, False), ({"NO_COLOR": "1"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True), ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
        ({"NO_COLOR": ""}, True, True),
    ])
    def test_no_color_and_force_color(self, environ, tty, expected):
        class Stream(io.StringIO):
            def isatty(self):
                return tty
        assert wants_colour(Stream(), environ) is expected


def run(*args, cwd, env=None):
    environment = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(env or {})
    return subprocess.run([*audit_command(), "audit", *args], cwd=str(cwd), capture_output=True, text=True,
                          check=False, env=environment)


def test_cli_defaults_to_concise_off_a_terminal_and_honours_force_color(tmp_path):
    write(tmp_path, "submit.py", LEGACY_SCRIPT)
    plain = run(cwd=tmp_path)
    assert plain.returncode == 1 and ESC not in plain.stdout and "|" not in plain.stdout
    assert plain.stdout.splitlines()[0].startswith("submit.py:2:1: AML102 ")
    forced = run(cwd=tmp_path, env={"FORCE_COLOR": "1"})
    assert ESC in forced.stdout
    assert ESC not in run(cwd=tmp_path, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    quiet = run("--quiet", cwd=tmp_path)
    assert quiet.stdout.splitlines() == plain.stdout.splitlines()[:-1]
    full = run("--format", "full", cwd=tmp_path)
    assert " 5 | est = Estimator(" in full.stdout and "= rewrite:" in full.stdout


class TestJunit:
    def test_parses_with_one_failure_per_finding_and_an_error_per_bad_file(self):
        root = ElementTree.fromstring(rendered("junit"))
        assert root.tag == "testsuites" and root.get("failures") == "5" and root.get("errors") == "1"
        failures = list(root.iter("failure"))
        assert [f.get("type") for f in failures].count("AML101") == 1
        first = next(f for f in failures if f.get("type") == "AML101")
        assert SNIPPET in first.text and first.get("message").startswith("'Estimator' is deprecated")
        (error,) = root.iter("error")
        assert "not a notebook" in error.get("message")
        suites = {suite.get("name") for suite in root.iter("testsuite")}
        assert "odd dir/<script>&%;],:.py" in suites

    def test_a_clean_run_has_one_passing_case(self):
        root = ElementTree.fromstring(rendered("junit", report([])))
        assert root.get("tests") == "0" and len(list(root.iter("testcase"))) == 1

    def test_control_characters_do_not_break_the_xml(self):
        hostile = finding(message="bad \x00\x01\x0b\x1f\ud800 text", path="we\x07ird.py", hint="\x0c")
        root = ElementTree.fromstring(rendered("junit", report([hostile])))
        assert "bad \ufffd\ufffd\ufffd\ufffd\ufffd text" == next(root.iter("failure")).get("message")


class TestGitlab:
    def test_required_fields_and_errors(self):
        issues = json.loads(rendered("gitlab"))
        assert len(issues) == 6
        for issue in issues:
            assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
            assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
            assert isinstance(issue["location"]["path"], str) and issue["location"]["lines"]["begin"] >= 1
        assert len({issue["fingerprint"] for issue in issues}) == 6
        error = issues[-1]
        assert error["check_name"] == "azureml-migrate-file-error" and error["location"]["path"] == "broken.ipynb"
        notebook = next(issue for issue in issues if issue["location"]["path"].endswith(".ipynb")
                        and issue["check_name"] == "AML102")
        assert notebook["description"].startswith("cell 3, line 2: ")

    def test_end_to_end(self, tmp_path):
        write(tmp_path, "submit.py", LEGACY_SCRIPT)
        result = run("--format", "gitlab", cwd=tmp_path)
        issues = json.loads(result.stdout)
        assert result.returncode == 1 and [i["location"]["lines"]["begin"] for i in issues] == [2, 5, 6]


class TestNotebookPositions:
    NOTEBOOK = {"cells": [{"cell_type": "markdown", "source": "# t"},
                          {"cell_type": "code", "metadata": {"tags": [1, 2.5, None, True]},
                           "source": ["import os\n", "x = \"é\\\\\" ; est = Estimator()\n"]}],
                "metadata": {}, "nbformat": 4}

    @pytest.mark.parametrize("indent", [None, 1, 4])
    def test_maps_a_cell_position_to_the_raw_text(self, indent):
        raw = json.dumps(self.NOTEBOOK, indent=indent)
        positions = NotebookPositions(raw)
        line, column = positions.raw_position(2, 2, 14)   # the 's' of 'est'
        assert raw.split("\n")[line - 1][column - 1:].startswith("st = Estimator()")
        line, column = positions.raw_position(2, 1, 1)
        assert raw.split("\n")[line - 1][column - 1:].startswith("import os")

    @pytest.mark.parametrize("raw", ["", "{", '{"cells": [', '{"cells": [{"source": "a\\', "[1, 2]",
                                     '{"cells": [{"source": 3}]}', '{"worksheets": []}', "[" * 5000])
    def test_broken_notebooks_give_no_position(self, raw):
        assert NotebookPositions(raw).raw_position(1, 1, 1) is None

    def test_out_of_range_gives_none(self):
        positions = NotebookPositions(json.dumps(self.NOTEBOOK))
        assert positions.raw_position(2, 9, 1) is None and positions.raw_position(7, 1, 1) is None

    def test_linear_in_the_notebook_size(self):
        """Ten times the cells takes far less than a hundred times as long (generous ratio, one run)."""
        def seconds(cells):
            raw = json.dumps({"cells": [{"cell_type": "code", "source": ["a = 'é'\n"] * 20}] * cells}, indent=1)
            start = time.perf_counter()
            positions = NotebookPositions(raw)
            assert positions.raw_position(cells, 20, 1) is not None
            return time.perf_counter() - start
        seconds(50)  # warm up
        assert seconds(2000) < 40 * seconds(200)
