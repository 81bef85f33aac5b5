"""The requirement rules' fix, per input kind: the edit is applied to the file text, the file
still parses as its kind, and checking it again finds nothing.

Edits are applied by the small helpers below (the real applier lives elsewhere): core edits in
``ast`` positions (columns in UTF-8 bytes), audit edits in report positions (1-based
characters, a notebook edit in its cell's lines).
"""

from __future__ import annotations

import ast
import configparser
import json
import re
import shlex
import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from packaging.requirements import Requirement
from packaging.version import Version

from azureml_migrate.audit.manifests import shell_words
from azureml_migrate.engine import check_source
from azureml_migrate.fixer import fix_text
from azureml_migrate.facts import RequirementString, Span
from azureml_migrate.requirement_fixes import _Manual, raise_fix, raised_text
from azureml_migrate.requirements import admits, check_requirement, parse_conda, parse_pip
from azureml_migrate.rules import Options
from azureml_migrate.sdk import SDK_TRAIN_RELEASES
from tests.test_audit_kinds import audit, notebook

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

IMPORT = "from azureml.core.conda_dependencies import CondaDependencies\n"
REQUIREMENT_CODES = ("AML401", "AML402")


def _line_starts(text: str):
    """Character offset of each line start; lines end at \\r\\n, \\r or \\n (as ``ast`` counts)."""
    starts = [0]
    for match in re.finditer(r"\r\n|\r|\n", text):
        starts.append(match.end())
    return starts


def apply_byte_edits(text: str, edits) -> str:
    """Core edits: 1-based lines, 0-based columns in UTF-8 bytes of the line."""
    starts = _line_starts(text)

    def offset(line: int, byte_col: int) -> int:
        start = starts[line - 1]
        line_text = text[start:starts[line] if line < len(starts) else len(text)]
        encoded = line_text.encode("utf-8")
        assert byte_col <= len(encoded)
        return start + len(encoded[:byte_col].decode("utf-8"))  # raises if it cuts a character

    placed = sorted(((offset(e.span.line, e.span.col), offset(e.span.end_line, e.span.end_col), e.text)
                     for e in edits), reverse=True)
    for start, end, new in placed:
        text = text[:start] + new + text[end:]
    return text


def apply_report_edits(text: str, edits) -> str:
    """Audit edits: 1-based lines and character columns, ``end_column`` just after the text."""
    starts = _line_starts(text)
    placed = sorted(((starts[e.line - 1] + e.column - 1, starts[e.end_line - 1] + e.end_column - 1, e.text)
                     for e in edits), reverse=True)
    for start, end, new in placed:
        text = text[:start] + new + text[end:]
    return text


def requirement_findings(findings):
    return [f for f in findings if f.code in REQUIREMENT_CODES]


# -- the version policy ----------------------------------------------------------------------
@pytest.mark.parametrize("kind, before, after", [
    ("pip", "azureml-core==1.0.85", "azureml-core==1.15.0"),
    ("pip", "azureml-core===1.0.85", "azureml-core===1.15.0"),
    ("pip", "azureml-core<1.15", "azureml-core>=1.15.0"),
    ("pip", "azureml-core<=1.14.0", "azureml-core>=1.15.0"),
    ("pip", "azureml-core~=1.12.0", "azureml-core>=1.15.0"),
    ("pip", "azureml-core==1.0.*", "azureml-core>=1.15.0"),
    ("pip", "azureml-core>=1.0,<1.15", "azureml-core>=1.15.0"),
    ("pip", "azureml-core==1.0.85,<2", "azureml-core==1.15.0,<2"),
    ("pip", "azureml-core>=1.0", "azureml-core>=1.15.0"),
    ("pip", "azureml-core>1.0", "azureml-core>=1.15.0"),
    ("pip", "azureml-core>=1.0,<2", "azureml-core>=1.15.0,<2"),
    ("pip", "azureml-core~=1.1", "azureml-core~=1.15"),
    ("pip", "azureml-core==1.*", "azureml-core>=1.15.0,==1.*"),
    ("pip", "azureml-core>1.0,!=1.2,!=1.16.0", "azureml-core>=1.15.0,!=1.16.0"),
    ("pip", "azureml-core<2", "azureml-core>=1.15.0,<2"),
    ("pip", "azureml-core (==1.0.85)", "azureml-core (==1.15.0)"),
    ("pip", "AzureML_Core[notebooks, automl] == 1.0.85 ; python_version < '3.9'",
     "AzureML_Core[notebooks, automl] == 1.15.0 ; python_version < '3.9'"),
    ("conda", "azureml-core=1.0.85", "azureml-core=1.15.0"),
    ("conda", "azureml-core==1.0.85", "azureml-core==1.15.0"),
    ("conda", "azureml-core 1.0.85", "azureml-core 1.15.0"),
    ("conda", "azureml-core 1.0.*", "azureml-core >=1.15.0"),
    ("conda", "conda-forge::azureml-core>=1.0,<1.15", "conda-forge::azureml-core>=1.15.0"),
    ("conda", "azureml-core>=1.0", "azureml-core>=1.15.0"),
])
def test_the_version_policy(kind, before, after):
    assert raised_text(before, kind, Version("1.15.0")) == after


def test_an_exact_pin_is_raised_to_a_train_release_at_or_above_the_minimum():
    assert raised_text("azureml-core==1.0.85", "pip", Version("1.15.1")) == "azureml-core==1.16.0"
    assert raised_text("azureml-core=1.0.85", "conda", Version("1.20")) == "azureml-core=1.20.0"
    assert "1.16.0" in SDK_TRAIN_RELEASES and "1.15.1" not in SDK_TRAIN_RELEASES
    # no release of the train is known at or above it: a lower bound, as for any other clause
    assert raised_text("azureml-core==1.0.85", "pip", Version("9.0")) == "azureml-core>=9.0"


def test_pins_beside_it_in_the_same_list_move_together():
    source = (IMPORT + "cd = CondaDependencies.create(pip_packages=['azureml-core==1.0.76', "
              "'azureml-defaults==1.0.76', 'azureml-train-core==1.20.0', 'numpy==1.0'])\n")
    fixed = fixed_python(source)
    assert fixed.endswith("pip_packages=['azureml-core==1.20.0', 'azureml-defaults==1.20.0', "
                          "'azureml-train-core==1.20.0', 'numpy==1.0'])\n")
    # another list in the same file is its own list
    source = (IMPORT + "a = CondaDependencies.create(pip_packages=['azureml-core==1.0.76'])\n"
              "b = CondaDependencies.create(pip_packages=['azureml-defaults==1.20.0'])\n")
    assert "pip_packages=['azureml-core==1.15.0']" in fixed_python(source)


def test_azureml_pins_the_raise_cannot_move_are_named_in_the_reason(tmp_path):
    content = ("azureml-core==1.0.76\nazureml-defaults==1.0.76\nazureml-dataprep[fuse]==1.1.20\n"
               "azureml-pipeline<1.10\nazureml-dataprep-native>=13.0\nnumpy==1.0\n")
    fixed, fixes = fixed_file(tmp_path, "requirements.txt", content)
    assert fixed == ("azureml-core==1.15.0\nazureml-defaults==1.15.0\nazureml-dataprep[fuse]==1.1.20\n"
                     "azureml-pipeline>=1.15.0\nazureml-dataprep-native>=13.0\nnumpy==1.0\n")
    assert len(fixes) == 3 and all(fix.applicability == "unsafe" for fix in fixes)
    for fix in fixes:
        assert fix.reason.endswith("it leaves the azureml pins beside it as they are: azureml-dataprep[fuse]==1.1.20")
    assert "test the job with azureml-core==1.15.0" in fixes[0].reason


def test_a_train_pin_that_excludes_the_pin_release_is_left_and_named(tmp_path):
    _, fixes = fixed_file(tmp_path, "requirements.txt", "azureml-core==1.0.76\nazureml-defaults>=1.15.0,<1.17\n"
                          "azureml-train-core==1.20.0\n")
    [fix] = fixes
    assert fix.title == "raise 'azureml-core==1.0.76' to 'azureml-core==1.20.0'"
    assert fix.reason.endswith("beside it as they are: azureml-defaults>=1.15.0,<1.17")


_TRAIN_PINS = st.lists(st.tuples(
    st.sampled_from(["azureml-core", "azureml-defaults", "azureml-train-core", "azureml-pipeline-steps"]),
    st.sampled_from(["==1.0.76", "==1.0.85", "===1.0.85", "==1.15.0", "==1.20.0", "==1.22.0.post1", ">=1.0", "<1.15"])),
    min_size=1, max_size=5)


@settings(max_examples=150, deadline=None)
@given(pins=_TRAIN_PINS, minimum=st.sampled_from(["1.15.0", "1.15.1", "1.21"]))
def test_every_exact_pin_of_a_list_lands_on_one_train_release(pins, minimum):
    minimum = Version(minimum)
    elements = ", ".join(repr(name + spec) for name, spec in pins)
    source = IMPORT + f"cd = CondaDependencies.create(pip_packages=[{elements}])\n"
    findings = requirement_findings(check_source(source, Options(minimum)))
    if not findings:
        return
    fixed = fixed_python(source, Options(minimum))
    written = ast.literal_eval(fixed.split("pip_packages=")[1].rstrip(")\n"))
    train = [Version(release) for release in SDK_TRAIN_RELEASES]
    pinned = [Version(spec.lstrip("=")).release[:3] for _, spec in pins if spec.startswith("=")]
    expected = max([next(r for r in train if r >= minimum)]
                   + [Version(".".join(map(str, p))) for p in pinned if Version(".".join(map(str, p))) in train])
    raised = [Requirement(new) for new, (name, spec) in zip(written, pins)
              if spec.startswith("=") and new != name + spec]
    for requirement in raised:
        [clause] = requirement.specifier
        assert (clause.operator in ("==", "===") and Version(clause.version) == expected), (pins, written)


def test_a_compatible_release_keeps_its_form_only_when_it_is_exactly_the_minimum():
    assert raised_text("azureml-core~=1.1", "pip", Version("1.15.1")) == "azureml-core>=1.15.1,<2"
    assert raised_text("azureml-core~=1.1", "pip", Version("1.20")) == "azureml-core~=1.20"


@pytest.mark.parametrize("kind, text, why", [
    ("conda", "azureml-core=1.0.85=py_0", "build string"),
    ("conda", "azureml-core 1.0.85 py_0", "build string"),
    ("conda", "azureml-core[version='<1.15']", "bracket spec"),
    ("conda", "azureml-core 1.0.85|1.0.86", "alternatives"),
    ("pip", "azureml-core @ https://example.invalid/a.whl", "URL"),
])
def test_what_cannot_be_raised_faithfully_says_why(kind, text, why):
    with pytest.raises(_Manual, match=why):
        raised_text(text, kind, Version("1.15.0"))


# -- Python string literals (core findings, byte columns) ------------------------------------
def fixed_python(source: str, options: Options = Options()):
    findings = requirement_findings(check_source(source, options))
    assert findings, source
    for finding in findings:
        assert finding.fix is not None and finding.fix.applicability.value == "unsafe", finding.fix
        assert len(finding.fix.edits) == 1 and finding.fix.edits[0].span == finding.span
        assert finding.hint == finding.fix.hint()
    fixed = apply_byte_edits(source, [edit for f in findings for edit in f.fix.edits])
    ast.parse(fixed)
    assert requirement_findings(check_source(fixed, options)) == []
    return fixed


@pytest.mark.parametrize("literal, written", [
    ("'azureml-core==1.0.85'", "'azureml-core==1.15.0'"),
    ('"azureml-core==1.0.85"', '"azureml-core==1.15.0"'),
    ("u'azureml-core==1.0.85'", "u'azureml-core==1.15.0'"),
    ("r'azureml-core==1.0.85'", "r'azureml-core==1.15.0'"),
    ("'''azureml-core==1.0.85'''", "'''azureml-core==1.15.0'''"),
    ('"azureml-core[notebooks]==1.0.85; python_version<\'3.9\'"',
     '"azureml-core[notebooks]==1.15.0; python_version<\'3.9\'"'),
    ("'azureml' '-core==1.0.85'", "'azureml-core==1.15.0'"),
    ("'azureml\\x2dcore==1.0.85'", "'azureml-core==1.15.0'"),
])
def test_python_literals_keep_their_quotes(literal, written):
    source = IMPORT + f"cd = CondaDependencies.create(pip_packages=[{literal}])\n"
    assert fixed_python(source) == IMPORT + f"cd = CondaDependencies.create(pip_packages=[{written}])\n"


def test_python_byte_columns_after_non_ascii_text_and_crlf():
    source = (IMPORT + "note = 'Übung — 日本'; cd = CondaDependencies.create(pip_packages=['azureml-core==1.0.85', "
              "'azureml-defaults<1.15'])  # é\n").replace("\n", "\r\n")
    fixed = fixed_python(source)
    assert fixed.endswith("note = 'Übung — 日本'; cd = CondaDependencies.create(pip_packages=['azureml-core==1.15.0', "
                          "'azureml-defaults>=1.15.0'])  # é\r\n")


def test_python_method_arguments_and_names_bound_to_lists():
    source = (IMPORT + "packages = ['azureml-core>=1.0']\n"
              "cd = CondaDependencies.create(pip_packages=packages)\n"
              "cd.add_conda_package('azureml-defaults=1.0.85')\n")
    fixed = fixed_python(source, Options())
    assert "['azureml-core>=1.15.0']" in fixed and "add_conda_package('azureml-defaults=1.15.0')" in fixed


def test_a_literal_split_over_lines_is_manual():
    source = IMPORT + "cd = CondaDependencies.create(pip_packages=['azureml-core'\n    '==1.0.85'])\n"
    [finding] = requirement_findings(check_source(source))
    assert finding.fix.applicability.value == "manual" and finding.fix.edits == ()
    assert "one line" in finding.fix.reason and ">=1.15.0" in finding.fix.reason
    assert finding.hint.endswith(f"# manual: {finding.fix.reason}")


# -- manifests (audit findings, report positions) --------------------------------------------
def fixed_file(tmp_path, name, content: str, options: Options = Options(), newline: str = "\n"):
    """Audit, apply every requirement fix, audit again; returns (fixed text, fixes)."""
    data = content.replace("\n", newline)
    report = audit(tmp_path, name, data.encode("utf-8"), options)
    findings = requirement_findings(report.findings)
    assert findings and report.errors == [], (report.findings, report.errors)
    fixes = [f.fix for f in findings]
    assert all(fix is not None for fix in fixes)
    edits = [edit for fix in fixes if fix.applicability == "unsafe" for edit in fix.edits]
    fixed = apply_report_edits(data, edits)
    again = audit(tmp_path, name, fixed.encode("utf-8"), options)
    assert again.errors == []
    left = [f for f in requirement_findings(again.findings) if f.fix.applicability != "manual"]
    assert left == []
    return fixed, fixes


def test_requirements_file_with_comments_crlf_extras_and_markers(tmp_path):
    content = ("azureml-core==1.0.85  # pinned for the old cluster\n"
               "Azureml_Defaults[notebooks] ==1.0.85 ; python_version < \"3.9\"\n"
               "  azureml-train-core<1.15 --no-binary :all:\n"
               "numpy==1.0\n")
    fixed, fixes = fixed_file(tmp_path, "requirements.txt", content, newline="\r\n")
    assert fixed == ("azureml-core==1.15.0  # pinned for the old cluster\r\n"
                     "Azureml_Defaults[notebooks] ==1.15.0 ; python_version < \"3.9\"\r\n"
                     "  azureml-train-core>=1.15.0 --no-binary :all:\r\n"
                     "numpy==1.0\r\n")
    for line in fixed.splitlines():
        Requirement(line.split("#")[0].split(" --")[0].strip())
    assert all("test the job with" in fix.reason for fix in fixes)


def test_requirements_in_hash_checking_mode_and_continued_lines_are_manual(tmp_path):
    report = audit(tmp_path, "requirements.txt", "azureml-core==1.0.85 --hash=sha256:00\n")
    [finding] = report.findings
    assert finding.fix.applicability == "manual" and "hash-checking" in finding.fix.reason
    report = audit(tmp_path, "requirements.txt", "azureml-core \\\n    ==1.0.85\n")
    [finding] = report.findings
    assert finding.fix.applicability == "manual" and "one line" in finding.fix.reason


def test_conda_environment_plain_quoted_commented_and_pip_entries(tmp_path):
    content = ("name: job\n"
               "dependencies:\n"
               "  - python=3.8\n"
               "  - azureml-core=1.0.85  # old\n"
               "  - 'conda-forge::azureml-defaults==1.0.85'\n"
               "  - pip:\n"
               "    - \"azureml-train-core[x]<1.15; python_version>'3'\"\n"
               "    - azureml-pipeline==1.0.85\n")
    fixed, _ = fixed_file(tmp_path, "environment.yml", content, newline="\r\n")
    document = yaml.safe_load(fixed)
    assert document["dependencies"][1:3] == ["azureml-core=1.15.0", "conda-forge::azureml-defaults==1.15.0"]
    assert document["dependencies"][3]["pip"] == ["azureml-train-core[x]>=1.15.0; python_version>'3'",
                                                  "azureml-pipeline==1.15.0"]
    assert "azureml-core=1.15.0  # old\r\n" in fixed


def test_conda_build_strings_and_escaped_scalars_are_manual(tmp_path):
    report = audit(tmp_path, "environment.yml",
                   "dependencies:\n  - azureml-core=1.0.85=py_0\n  - \"azureml-defaults\\x3d=1.0.85\"\n")
    assert [f.fix.applicability for f in report.findings] == ["manual", "manual"]
    assert "build string" in report.findings[0].fix.reason
    assert "writes the requirement as" in report.findings[1].fix.reason


def test_pyproject_pep621_and_poetry(tmp_path):
    content = ("[project]\nname = 'x'\n"
               "dependencies = [\"azureml-core==1.0.85\", 'azureml-defaults<1.15 ; python_version<\"3.9\"']\n"
               "[tool.poetry.dependencies]\n"
               "python = \"^3.8\"\n"
               "azureml-train-core = \"1.0.85\"  # old\n"
               "azureml-pipeline = { version = \"1.0.85\", optional = true }\n")
    fixed, fixes = fixed_file(tmp_path, "pyproject.toml", content)
    document = tomllib.loads(fixed)
    assert document["project"]["dependencies"] == ["azureml-core==1.15.0",
                                                   'azureml-defaults>=1.15.0 ; python_version<"3.9"']
    assert document["tool"]["poetry"]["dependencies"]["azureml-train-core"] == "==1.15.0"
    assert document["tool"]["poetry"]["dependencies"]["azureml-pipeline"]["version"] == "1.0.85"
    assert [fix.applicability for fix in fixes].count("manual") == 1
    assert "table" in next(fix.reason for fix in fixes if fix.applicability == "manual")


def test_pipfile(tmp_path):
    fixed, _ = fixed_file(tmp_path, "Pipfile", "[packages]\nazureml-core = \"==1.0.85\"\nnumpy = \"*\"\n")
    assert tomllib.loads(fixed)["packages"] == {"azureml-core": "==1.15.0", "numpy": "*"}


def test_setup_cfg_and_setup_py(tmp_path):
    content = ("[options]\ninstall_requires =\n    azureml-core==1.0.85  # old\n    numpy\n"
               "[options.extras_require]\ntrain = azureml-train-core<1.15\n")
    fixed, _ = fixed_file(tmp_path, "setup.cfg", content)
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(fixed)
    assert "azureml-core==1.15.0  # old" in parser.get("options", "install_requires")
    assert parser.get("options.extras_require", "train") == "azureml-train-core>=1.15.0"
    content = ("from setuptools import setup\nDEPS = ['azureml-core==1.0.85']\n"
               "setup(name='é', install_requires=DEPS, extras_require={'x': [\"azureml-defaults<1.15\"]})\n")
    fixed, _ = fixed_file(tmp_path, "setup.py", content)
    ast.parse(fixed)
    assert "DEPS = ['azureml-core==1.15.0']" in fixed and '"azureml-defaults>=1.15.0"' in fixed


def test_notebook_install_lines_several_packages_and_quoting(tmp_path):
    cells = ["import os\n%pip install -q \"azureml-core<1.15\" 'azureml-defaults<1.15' numpy  # é\n",
             "!pip install \"azureml-train-core[x]==1.0.85; python_version>'3'\" 'azureml-pipeline<1.15'\n",
             "%conda install -y azureml-sdk=1.0.85\n"]
    report = audit(tmp_path, "job.ipynb", notebook(*cells))
    findings = requirement_findings(report.findings)
    assert [(f.cell, f.line) for f in findings] == [(1, 2), (1, 2), (2, 1), (2, 1), (3, 1)]
    fixed_cells = []
    for number, source in enumerate(cells, start=1):
        edits = [e for f in findings for e in f.fix.edits if e.cell == number]
        assert edits and all(f.fix.applicability == "unsafe" for f in findings if f.cell == number)
        fixed_cells.append(apply_report_edits(source, edits))
    assert fixed_cells == [
        "import os\n%pip install -q \"azureml-core>=1.15.0\" 'azureml-defaults>=1.15.0' numpy  # é\n",
        "!pip install \"azureml-train-core[x]==1.15.0; python_version>'3'\" 'azureml-pipeline>=1.15.0'\n",
        "%conda install -y azureml-sdk=1.15.0\n"]
    # the shell reads each raised requirement as one word: no ``>`` redirection
    assert [w for w, _, _ in shell_words(fixed_cells[0].splitlines()[1])][3:5] == [
        "azureml-core>=1.15.0", "azureml-defaults>=1.15.0"]
    again = audit(tmp_path, "job.ipynb", notebook(*fixed_cells))
    assert requirement_findings(again.findings) == [] and again.errors == []


def test_notebook_python_fix_edits_are_placed_in_their_cell(tmp_path):
    cells = ["x = 1\n", IMPORT + "cd = CondaDependencies.create(pip_packages=['azureml-core<1.15'])\n"]
    report = audit(tmp_path, "job.ipynb", notebook(*cells))
    [finding] = requirement_findings(report.findings)
    [edit] = finding.fix.edits
    assert (finding.cell, edit.cell, edit.line) == (2, 2, 2)
    fixed = apply_report_edits(cells[1], [edit])
    assert fixed.endswith("pip_packages=['azureml-core>=1.15.0'])\n")


def test_markdown_python_and_shell_blocks(tmp_path):
    content = ("# Setup\n\n  ```bash\n  pip install azureml-core~=1.12.0\n  ```\n\n"
               "```python\n" + IMPORT + "cd = CondaDependencies.create(pip_packages=['azureml-defaults<1.15'])\n```\n")
    fixed, _ = fixed_file(tmp_path, "README.md", content)
    assert "  pip install \"azureml-core>=1.15.0\"\n" in fixed
    assert "pip_packages=['azureml-defaults>=1.15.0']" in fixed


def test_dockerfile_shell_and_exec_forms(tmp_path):
    content = ("FROM python:3.8\n"
               "RUN pip install azureml-core~=1.12.0 && \\\n    pip install 'azureml-defaults<1.15'\n"
               "RUN [\"pip\", \"install\", \"azureml-train-core==1.0.85\"]\n")
    fixed, _ = fixed_file(tmp_path, "Dockerfile", content)
    assert fixed == ("FROM python:3.8\n"
                     "RUN pip install \"azureml-core>=1.15.0\" && \\\n    pip install 'azureml-defaults>=1.15.0'\n"
                     "RUN [\"pip\", \"install\", \"azureml-train-core==1.15.0\"]\n")
    json.loads(fixed.splitlines()[-1][len("RUN "):])


def test_dockerfile_exec_form_with_a_shell_quotes_for_that_shell_inside_the_json(tmp_path):
    content = ("FROM python:3.8\n"
               "RUN [\"/bin/bash\",\"-c\",\"source activate env && "
               "pip install azureml-sdk[notebooks]<1.15 numpy\"]\n"
               "RUN [\"/bin/sh\", \"-ec\", \"pip install \\\"azureml-core<1.15\\\" && echo é\"]\n")
    fixed, _ = fixed_file(tmp_path, "Dockerfile", content)
    first, second = fixed.splitlines()[1:]
    assert first == ("RUN [\"/bin/bash\",\"-c\",\"source activate env && pip install "
                     "'azureml-sdk[notebooks]>=1.15.0' numpy\"]")
    assert second == "RUN [\"/bin/sh\", \"-ec\", \"pip install \\\"azureml-core>=1.15.0\\\" && echo é\"]"
    assert "azureml-sdk[notebooks]>=1.15.0" in shlex.split(json.loads(first[len("RUN "):])[2])
    assert "azureml-core>=1.15.0" in shlex.split(json.loads(second[len("RUN "):])[2])


def test_dockerfile_exec_form_requirement_spans_cover_the_json_escapes(tmp_path):
    content = "RUN [\"bash\", \"-c\", \"pip install \\\"azureml-core==1.0.85\\\"\"]\n"
    report = audit(tmp_path, "Dockerfile", content)
    [finding] = requirement_findings(report.findings)
    line = content.splitlines()[0]
    assert line[finding.column - 1:finding.end_column - 1] == "\\\"azureml-core==1.0.85\\\""


def test_a_configured_minimum_is_the_one_written(tmp_path):
    options = Options(Version("1.20.0"))
    fixed, fixes = fixed_file(tmp_path, "requirements.txt", "azureml-core>=1.15.0,<2\n", options)
    assert fixed == "azureml-core>=1.20.0,<2\n"
    assert "azureml-core>=1.20.0" in fixes[0].reason


# -- the same fixes through ``azureml-migrate fix``'s own loop ----------------------------------
@pytest.mark.parametrize("kind, text, fixed", [
    ("requirements", "azureml-core==1.0.85  # é\r\nnumpy\r\n", "azureml-core==1.15.0  # é\r\nnumpy\r\n"),
    ("conda", "name: é\ndependencies:\n  - azureml-core=1.0.85\n  - pip:\n    - 'azureml-defaults<1.15'\n",
     "name: é\ndependencies:\n  - azureml-core=1.15.0\n  - pip:\n    - 'azureml-defaults>=1.15.0'\n"),
    ("pyproject", "[project]\nname = 'é'\ndependencies = ['é-pkg', \"azureml-core==1.0.85\"]\n",
     "[project]\nname = 'é'\ndependencies = ['é-pkg', \"azureml-core==1.15.0\"]\n"),
    ("pipfile", "[packages]\nazureml-core = \"==1.0.85\"  # old\n", "[packages]\nazureml-core = \"==1.15.0\"  # old\n"),
    ("dockerfile", "RUN pip install azureml-core<1.15\n", "RUN pip install \"azureml-core>=1.15.0\"\n"),
    ("setup_py", "from setuptools import setup\nsetup(install_requires=['é', 'azureml-core<1.15'])\n",
     "from setuptools import setup\nsetup(install_requires=['é', 'azureml-core>=1.15.0'])\n"),
    ("python", IMPORT + "x = 'é'; cd = CondaDependencies.create(pip_packages=[\"azureml-core==1.0.85\"])\n",
     IMPORT + "x = 'é'; cd = CondaDependencies.create(pip_packages=[\"azureml-core==1.15.0\"])\n"),
])
def test_the_fixer_applies_them_with_unsafe_fixes_only(kind, text, fixed):
    assert fix_text(text, kind).text == text
    result = fix_text(text, kind, unsafe=True)
    assert result.text == fixed and result.applied and not result.dropped and not result.manual
    assert fix_text(fixed, kind, unsafe=True).text == fixed


def test_the_fixer_raises_every_install_of_a_notebook_line():
    text = notebook("%pip install azureml-core~=1.12.0 'azureml-defaults<1.15' numpy\n")
    result = fix_text(text, "notebook", unsafe=True)
    assert json.loads(result.text)["cells"][0]["source"] in (
        "%pip install \"azureml-core>=1.15.0\" 'azureml-defaults>=1.15.0' numpy\n",
        ["%pip install \"azureml-core>=1.15.0\" 'azureml-defaults>=1.15.0' numpy\n"])
    assert len(result.applied) == 2 and not result.dropped


# -- any flagged requirement: a faithful raise, or a manual fix that says why -----------------
_CLAUSE = st.tuples(st.sampled_from(["==", "=", ">=", "<", "<=", "~=", ">", "!=", "===", " ", ""]),
                    st.sampled_from(["1.0.85", "1.15", "1", "1.*", "1.0.*", "1.14.0", "1.16", "2", "1.15.0",
                                     "1.2.3.4", "1.15.0rc1", "1.0.85=py_0", "1.0 py_0"]))


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(["azureml-core", "conda-forge::azureml-core", "AzureML_Core"]),
       extras=st.sampled_from(["", "[x]", " [a, b] "]), clauses=st.lists(_CLAUSE, min_size=1, max_size=3),
       tail=st.sampled_from(["", " ; python_version<'3'", ";sys_platform=='linux'", " ", "|1.2"]),
       kind=st.sampled_from(["pip", "conda"]), minimum=st.sampled_from(["1.15.0", "1.15.1", "1.20", "2.0.0rc1"]))
def test_any_flagged_requirement_is_raised_faithfully_or_manual(name, extras, clauses, tail, kind, minimum):
    text = name + extras + ",".join(op + version for op, version in clauses) + tail
    minimum = Version(minimum)
    if check_requirement(text, kind, minimum) is None:
        return
    fact = RequirementString(Span(1, 0, 1, len(text.encode())), text, kind, raw=text)
    fix, raised = raise_fix(fact, minimum)
    if raised is None:
        assert fix.applicability.value == "manual" and fix.reason and not fix.edits
        return
    assert check_requirement(raised, kind, minimum) is None
    before, after = [parse_conda(t) if kind == "conda" else parse_pip(t) for t in (text, raised)]
    assert (before.name, before.extras, before.marker) == (after.name, after.extras, after.marker)
    assert admits(after.specifier, minimum) == (True, False)


# -- any raised requirement is one word for the shell that runs it ---------------------------
_SHELL_REQUIREMENTS = st.builds(
    lambda name, extras, spec, marker: name + extras + spec + marker,
    st.sampled_from(["azureml-core", "azureml-sdk", "AzureML_Defaults"]),
    st.sampled_from(["", "[notebooks]", "[notebooks,automl]"]),
    st.sampled_from(["==1.0.10", "<1.15", ">=1.0", "~=1.12.0", ">=1.0,<2", "==1.0.*", "<=1.14.0", " == 1.0.85"]),
    st.sampled_from(["", ";python_version<'3.9'", "; sys_platform == \"linux\"", " ; python_version>'3'"]))


def _as_shell_word(requirement: str, quoting: str) -> str:
    if quoting == "double" and not set('"$`\\!').intersection(requirement):
        return f'"{requirement}"'
    if quoting == "none" and shlex.quote(requirement) == requirement:
        return requirement
    return shlex.quote(requirement)


def _fixed_command(form: str, command: str) -> str:
    """The command as written in ``form``, fixed (unsafe), and read back as the shell gets it."""
    if form in ("shell", "exec"):
        run = f"RUN {command}" if form == "shell" else "RUN " + json.dumps(["/bin/bash", "-c", command])
        fixed = fix_text(f"FROM python:3.8\n{run}\n", "dockerfile", unsafe=True).text
        line = fixed.splitlines()[1][len("RUN "):]
        return line if form == "shell" else json.loads(line)[2]
    fixed = fix_text(notebook(form + command + "\n"), "notebook", unsafe=True).text
    source = json.loads(fixed)["cells"][0]["source"]
    return "".join(source)[len(form):].rstrip("\n")


@settings(max_examples=150, deadline=None)
@given(requirement=_SHELL_REQUIREMENTS, quoting=st.sampled_from(["none", "single", "double"]),
       form=st.sampled_from(["shell", "exec", "%", "!"]),
       before=st.sampled_from(["", "source activate env && ", "python -m "]),
       after=st.sampled_from(["", " numpy", " && echo done", " -q"]))
def test_a_raised_requirement_is_one_shell_word_in_every_form(requirement, quoting, form, before, after):
    if form == "%" or (form == "!" and before == "python -m "):
        before = ""  # ``%pip`` is a magic of its own, not a shell line
    if form == "%" and "&&" in after:
        after = ""
    command = f"{before}pip install {_as_shell_word(requirement, quoting)}{after}"
    assert requirement in shlex.split(command)
    minimum = Options().minimum_sdk_version()
    try:
        raised = raised_text(requirement, "pip", minimum)
    except _Manual:
        assert _fixed_command(form, command) == command
        return
    fixed = _fixed_command(form, command)
    assert raised in shlex.split(fixed) and requirement not in shlex.split(fixed), (command, fixed)
    assert fixed.split("pip install ")[0] == command.split("pip install ")[0]
