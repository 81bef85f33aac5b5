"""The audit's file readers: Python modules, notebooks and Markdown, good and broken.

Every test writes a real file under tmp_path and runs ``check_file`` on it.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from packaging.version import Version

from azureml_migrate.audit.checkers import check_file
from azureml_migrate.audit.discovery import discover
from azureml_migrate.audit.kinds import kind_of
from azureml_migrate.audit.model import FileReport
from azureml_migrate.rules import Options

ESTIMATOR_IMPORT = "from azureml.train.estimator import Estimator\n"


def audit(tmp_path: Path, name: str, content, options: Options = Options()) -> FileReport:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return check_file(path, name, options)


def positions(report: FileReport):
    return [(f.line, f.column, f.code) for f in report.findings]


def cell_positions(report: FileReport):
    return [(f.cell, f.line, f.column, f.code) for f in report.findings]


def notebook(*cells, metadata=None) -> str:
    built = []
    for cell in cells:
        cell_type, source = cell if isinstance(cell, tuple) else ("code", cell)
        built.append({"cell_type": cell_type, "metadata": {}, "source": source,
                      **({"outputs": [], "execution_count": None} if cell_type == "code" else {})})
    return json.dumps({"cells": built, "metadata": metadata or {}, "nbformat": 4, "nbformat_minor": 5})


# -- kinds -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name, kind", [
    ("a.py", "python"), ("stubs/a.pyi", "python"), ("n.ipynb", "notebook"), ("README.md", "markdown"),
    ("docs/x.markdown", "markdown"), ("requirements.txt", "requirements"),
    ("requirements-dev.txt", "requirements"), ("constraints.txt", "requirements"),
    ("requirements/base.txt", "requirements"), ("dev.in", "requirements"), ("MANIFEST.in", None),
    ("notes.txt", None), ("environment.yml", "conda"), ("conda-gpu.yaml", "conda"), ("env.yml", "conda"),
    ("pyproject.toml", "pyproject"), ("setup.cfg", "setup_cfg"), ("setup.py", "setup_py"),
    ("Pipfile", "pipfile"), ("Pipfile.lock", None), ("Dockerfile", "dockerfile"),
    ("Dockerfile.gpu", "dockerfile"), ("train.dockerfile", "dockerfile"), ("tox.ini", None),
])
def test_kind_of_by_name(tmp_path, name, kind):
    assert kind_of(tmp_path / name) == kind


def test_other_yaml_is_conda_only_with_a_top_level_dependencies_list(tmp_path):
    conda = tmp_path / "job.yml"
    conda.write_text("name: x\ndependencies:\n  - azureml-core=1.0.85\n", encoding="utf-8")
    workflow = tmp_path / "ci.yml"
    workflow.write_text("jobs:\n  test:\n    dependencies:\n      - a\n", encoding="utf-8")
    flow = tmp_path / "flow.yaml"
    flow.write_bytes(b"name: x\r\ndependencies: [azureml-core=1.0.85]\r\n")
    scalar = tmp_path / "other.yaml"
    scalar.write_text("dependencies: none\n", encoding="utf-8")
    assert kind_of(conda) == "conda" and kind_of(flow) == "conda"
    assert kind_of(workflow) is None and kind_of(scalar) is None
    assert positions(check_file(flow, "flow.yaml", Options())) == [(2, 16, "AML401")]


# -- Python ----------------------------------------------------------------------------------
def test_python_findings_are_one_based_with_hint_source_and_end(tmp_path):
    report = audit(tmp_path, "job.py", ESTIMATOR_IMPORT
                   + "est = Estimator(source_directory='src', entry_script='train.py', compute_target='local')\n")
    assert report.kind == "python" and report.errors == []
    assert positions(report) == [(1, 1, "AML102"), (2, 7, "AML101")]
    call = report.findings[1]
    assert (call.end_line, call.end_column) == (2, 89)
    assert call.source == "Estimator(source_directory='src', entry_script='train.py', compute_target='local')"
    assert "script='train.py'" in call.hint
    assert call.kind == "python" and call.cell is None and call.path == "job.py"


def test_python_without_deprecated_code_has_no_findings(tmp_path):
    report = audit(tmp_path, "ok.py", "from azureml.core import ScriptRunConfig\n"
                                      "src = ScriptRunConfig(source_directory='.', script='t.py')\n")
    assert report.findings == [] and report.errors == []


def test_python_columns_count_characters_not_utf8_bytes(tmp_path):
    report = audit(tmp_path, "u.py", ESTIMATOR_IMPORT + "x = 'ééé'; est = Estimator(source_directory='s')\n")
    assert positions(report)[1] == (2, 18, "AML101")


def test_python_lines_are_counted_as_python_counts_them(tmp_path):
    report = audit(tmp_path, "seps.py", "x = 'a\u2028b\x0cc\x1cd'\n\x0c\n" + ESTIMATOR_IMPORT
                   + "est = Estimator(source_directory='s')  # noqa: AML301\n")
    assert positions(report) == [(3, 1, "AML102"), (4, 7, "AML101")]
    assert report.findings[1].source == "Estimator(source_directory='s')"


def test_python_coding_cookie_is_honoured(tmp_path):
    source = "# -*- coding: latin-1 -*-\nname = 'café'\n" + ESTIMATOR_IMPORT
    report = audit(tmp_path, "latin.py", source.encode("latin-1"))
    assert report.errors == []
    assert positions(report) == [(3, 1, "AML102")]


def test_python_utf8_bom_is_accepted(tmp_path):
    report = audit(tmp_path, "bom.py", b"\xef\xbb\xbf" + ESTIMATOR_IMPORT.encode())
    assert report.errors == [] and positions(report) == [(1, 1, "AML102")]


def test_python_that_is_not_utf8_is_an_error_naming_the_line(tmp_path):
    report = audit(tmp_path, "bad.py", ESTIMATOR_IMPORT.encode() + b"x = '\xff'\n")
    assert report.findings == []
    assert [e.message for e in report.errors] == ["cannot decode as UTF-8: byte 0xff at line 2 is not valid UTF-8"]
    assert report.errors[0].path == "bad.py" and report.errors[0].kind == "python"


def test_python_with_unknown_coding_cookie_is_an_error(tmp_path):
    report = audit(tmp_path, "cookie.py", b"# coding: no-such-codec\n" + ESTIMATOR_IMPORT.encode())
    assert len(report.errors) == 1 and "no-such-codec" in report.errors[0].message


def test_python_syntax_error_is_reported_with_its_line(tmp_path):
    report = audit(tmp_path, "broken.py", ESTIMATOR_IMPORT + "\ndef f(:\n    pass\n")
    assert report.findings == []
    assert len(report.errors) == 1
    assert report.errors[0].message.startswith("syntax error at line 3: ")


def test_python_null_bytes_are_an_error_not_a_crash(tmp_path):
    report = audit(tmp_path, "nul.py", ESTIMATOR_IMPORT.encode() + b"x = 1\x00\n")
    assert len(report.errors) == 1 and report.findings == []


def test_python_that_cannot_have_findings_is_not_parsed(tmp_path):
    report = audit(tmp_path, "other.py", "def f(:\n")
    assert report.errors == [] and report.findings == []


def test_unreadable_file_is_an_error(tmp_path):
    dangling = tmp_path / "gone.py"
    dangling.symlink_to(tmp_path / "missing.py")
    report = check_file(dangling, "gone.py", Options())
    assert report.findings == []
    assert [e.message.split(":")[0] for e in report.errors] == ["cannot read file"]


def test_stub_files_are_python(tmp_path):
    report = audit(tmp_path, "legacy.pyi", ESTIMATOR_IMPORT)
    assert positions(report) == [(1, 1, "AML102")] and report.kind == "python"


# -- notebooks -------------------------------------------------------------------------------
def test_notebook_cells_are_numbered_among_all_cells(tmp_path):
    report = audit(tmp_path, "n.ipynb", notebook(
        ("markdown", ["# Title\n"]),
        ["import os\n", ESTIMATOR_IMPORT],
        ("raw", ESTIMATOR_IMPORT),
        ("markdown", ESTIMATOR_IMPORT),
        ["\n", "\n", "est = Estimator(source_directory='.')\n"],
    ))
    assert report.errors == []
    assert cell_positions(report) == [(2, 2, 1, "AML102"), (5, 3, 7, "AML101")]


# -- a notebook is one program ---------------------------------------------------------------
PYTORCH_IMPORT = "from azureml.train.dnn import PyTorch\n"


def test_a_name_imported_in_an_early_cell_is_known_in_later_cells(tmp_path):
    """Cell 5 alone mentions no azureml: the prefilter and the names span the whole notebook."""
    report = audit(tmp_path, "n.ipynb", notebook(
        ("markdown", ["# Train\n"]),
        ["%pip install azureml-sdk==1.0.85\n"],
        [PYTORCH_IMPORT, "ws = Workspace.from_config()\n"],
        ("markdown", ["Now the estimator:\n"]),
        ["est = PyTorch(source_directory='.',\n", "              pip_packages=['pandas'])\n"],
    ))
    assert report.errors == []
    assert cell_positions(report) == [(2, 1, 14, "AML401"), (3, 1, 1, "AML102"), (5, 1, 7, "AML101"),
                                      (5, 2, 15, "AML301")]
    same_cell = audit(tmp_path, "one.ipynb", notebook(
        [PYTORCH_IMPORT, "est = PyTorch(source_directory='.',\n", "              pip_packages=['pandas'])\n"]))
    assert [f.message for f in report.findings][2:] == [f.message for f in same_cell.findings][1:]
    assert [f.hint for f in report.findings][2:] == [f.hint for f in same_cell.findings][1:]


def test_a_broken_cell_is_reported_and_left_out_the_others_stay_one_program(tmp_path):
    report = audit(tmp_path, "n.ipynb", notebook(
        [PYTORCH_IMPORT],
        ["def broken(:\n", "    pass\n"],
        ["ds = ws.get_default_datastore()\n"],
        ["est = PyTorch('.', script_params={'--data': ds.path('mnist').as_mount()})\n"],
    ))
    assert [error.message for error in report.errors] == ["cell 2: syntax error at line 1: invalid syntax"]
    assert cell_positions(report) == [(1, 1, 1, "AML102"), (4, 1, 7, "AML101"), (4, 1, 20, "AML302"),
                                      (4, 1, 45, "AML203")]


def test_a_name_rebound_in_a_later_cell_is_no_longer_the_sdk_class(tmp_path):
    report = audit(tmp_path, "n.ipynb", notebook(
        [PYTORCH_IMPORT],
        ["est = PyTorch('.')\n"],
        ["PyTorch = MyWrapper\n"],
        ["again = PyTorch('.')\n"],
    ))
    assert cell_positions(report) == [(1, 1, 1, "AML102"), (2, 1, 7, "AML101")]


def test_a_pipeline_step_imported_in_an_earlier_cell_makes_the_runconfig_a_pipeline_one(tmp_path):
    report = audit(tmp_path, "n.ipynb", notebook(
        ["from azureml.core import RunConfiguration\n", "from azureml.pipeline.steps import PythonScriptStep\n"],
        ["rc = RunConfiguration()\n"],
        ["step = PythonScriptStep(script_name='prep.py', runconfig=rc)\n"],
    ))
    assert [(f.cell, f.code) for f in report.findings] == [(2, "AML202")]


def test_markdown_python_blocks_are_one_program_and_a_broken_block_is_left_out(tmp_path):
    report = audit(tmp_path, "tutorial.md", (
        "# Tutorial\n\n```python\n" + PYTORCH_IMPORT + "```\n\nBroken:\n\n```python\ndef (:\n```\n\n"
        "Then:\n\n```python\nest = PyTorch('.')\n```\n"))
    assert report.errors == []
    assert positions(report) == [(4, 1, "AML102"), (16, 7, "AML101")]


def test_a_markdown_fence_closed_with_trailing_text_does_not_swallow_the_rest(tmp_path):
    report = audit(tmp_path, "README.md", (
        "<!--\n```python\nx = 1\n``` -->\n\n"
        "```python\n" + PYTORCH_IMPORT + "est = PyTorch('.')\n```\n"))
    assert positions(report) == [(7, 1, "AML102"), (8, 7, "AML101")]


def test_notebook_resolves_names_per_cell_and_reports_cell_lines(tmp_path):
    report = audit(tmp_path, "n.ipynb", notebook(
        ("markdown", "text"),
        "from azureml.train.dnn import PyTorch\nest = PyTorch(source_directory='.', use_gpu=True)\n",
    ))
    assert cell_positions(report) == [(2, 1, 1, "AML102"), (2, 2, 7, "AML101"), (2, 2, 37, "AML301")]
    assert all(f.kind == "notebook" for f in report.findings)


def test_notebook_magics_and_shell_lines_do_not_break_parsing(tmp_path):
    report = audit(tmp_path, "n.ipynb", notebook([
        "%matplotlib inline\n",
        "!ls -la\n",
        "files = !ls\n",
        "Estimator?\n",
        "??Estimator\n",
        "%time x = 1\n",
        "if True:\n",
        "    !echo inside a block\n",
        ESTIMATOR_IMPORT,
    ], ["%%time\n", ESTIMATOR_IMPORT]))
    assert report.errors == []
    assert cell_positions(report) == [(1, 9, 1, "AML102"), (2, 2, 1, "AML102")]


def test_notebook_python_lines_that_look_like_magics_still_parse(tmp_path):
    report = audit(tmp_path, "n.ipynb", notebook([
        ESTIMATOR_IMPORT,
        "x = (10\n",
        "     % 3)\n",
    ]))
    assert report.errors == [] and cell_positions(report) == [(1, 1, 1, "AML102")]


def test_notebook_install_commands_are_checked(tmp_path):
    report = audit(tmp_path, "n.ipynb", notebook([
        "%pip install -U azureml-core==1.0.85 pandas==0.25\n",
        "!pip install --upgrade -r requirements.txt 'azureml-sdk<1.10'\n",
        "%conda install -c conda-forge azureml-defaults=1.0.85\n",
        "!python -m pip install azureml-core>=1.19\n",
        "pip install azureml-train==1.1.5\n",
        "!pip install azureml-pipeline==1.0 \\\n",
        "    azureml-widgets==1.0\n",
    ]))
    assert report.errors == []
    assert [(f.line, f.column, f.code, f.source) for f in report.findings] == [
        (1, 17, "AML401", "azureml-core==1.0.85"),
        (2, 44, "AML401", "azureml-sdk<1.10"),
        (3, 31, "AML401", "azureml-defaults=1.0.85"),
        (5, 13, "AML401", "azureml-train==1.1.5"),
        (6, 14, "AML401", "azureml-pipeline==1.0"),
        (7, 5, "AML401", "azureml-widgets==1.0"),
    ]


def test_notebook_shell_cell_magics_are_checked_for_installs_only(tmp_path):
    report = audit(tmp_path, "n.ipynb", notebook(
        ["%%bash\n", "set -e\n", "pip install azureml-core==1.0.85\n"],
        ["%%html\n", "<b>from azureml.train.estimator import Estimator</b>\n"],
    ))
    assert report.errors == []
    assert cell_positions(report) == [(1, 3, 13, "AML401")]


def test_notebook_writefile_python_cells_are_checked(tmp_path):
    report = audit(tmp_path, "n.ipynb", notebook(["%%writefile submit.py\n", ESTIMATOR_IMPORT]))
    assert cell_positions(report) == [(1, 2, 1, "AML102")]


def test_notebook_broken_cell_is_an_error_for_that_cell_only(tmp_path):
    report = audit(tmp_path, "n.ipynb", notebook(
        ("markdown", "intro"),
        "def broken(:\n",
        ESTIMATOR_IMPORT,
    ))
    assert cell_positions(report) == [(3, 1, 1, "AML102")]
    assert [e.message.split(":")[0] for e in report.errors] == ["cell 2"]
    assert "syntax error at line 1" in report.errors[0].message


# -- a cell IPython accepts is a cell the audit reads ------------------------------------------
INDENTED_CELLS = [
    ["    " + PYTORCH_IMPORT, "    ws = Workspace.from_config()\n"],
    ["\n", "  \n", "\test = PyTorch(source_directory='.', compute_target='cpu', entry_script='t.py',\n",
     "\t              pip_packages=['azureml-core==1.0.85'])\n", "\tif est:\n",
     "\t    !pip install azureml-defaults==1.0.85\n"],
    ["  # a comment first\n", "  est.run_config.target = 'cpu'\n", "x = 1  # not indented: IPython keeps it\n"],
]


def _at(report, cells):
    """(cell, line, the cell text the finding's columns cover, code) of each finding."""
    out = []
    for finding in report.findings:
        lines = "".join(cells[finding.cell - 1]).splitlines()
        end = finding.end_column - 1 if finding.end_line == finding.line else None
        out.append((finding.cell, finding.line, lines[finding.line - 1][finding.column - 1:end], finding.code))
    return out


def test_a_cell_indented_as_a_whole_is_dedented_as_ipython_does(tmp_path):
    report = audit(tmp_path, "n.ipynb", notebook(*INDENTED_CELLS))
    assert report.errors == []
    assert _at(report, INDENTED_CELLS) == [
        (1, 1, "from azureml.train.dnn import PyTorch", "AML102"),
        (2, 3, "PyTorch(source_directory='.', compute_target='cpu', entry_script='t.py',", "AML101"),
        (2, 4, "pip_packages=['azureml-core==1.0.85']", "AML301"),
        (2, 4, "'azureml-core==1.0.85'", "AML401"),
        (2, 6, "azureml-defaults==1.0.85", "AML401"),
    ]
    flat = [[PYTORCH_IMPORT, "ws = Workspace.from_config()\n"],
            ["\n", "  \n", "est = PyTorch(source_directory='.', compute_target='cpu', entry_script='t.py',\n",
             "              pip_packages=['azureml-core==1.0.85'])\n", "if est:\n",
             "    !pip install azureml-defaults==1.0.85\n"],
            ["# a comment first\n", "est.run_config.target = 'cpu'\n", "x = 1  # not indented: IPython keeps it\n"]]
    dedented = audit(tmp_path, "flat.ipynb", notebook(*flat))
    assert [(f.code, f.message) for f in dedented.findings] == [(f.code, f.message) for f in report.findings]


@pytest.mark.parametrize("cell, message", [
    # IPython removes the first line's indentation only from lines that start with it
    (["    x = 1\n", "  y = 2\n"], "cell 2: syntax error at line 2: unexpected indent"),
    (["\tx = 1\n", "    y = 2\n"], "cell 2: syntax error at line 2: unexpected indent"),
    (["  if x:\n", "      y = 1\n", "   z = 2\n"],
     "cell 2: syntax error at line 3: unindent does not match any outer indentation level"),
    (["  def f(:\n", "      pass\n"], "cell 2: syntax error at line 1: invalid syntax"),
])
def test_a_cell_still_broken_after_the_dedent_is_an_error_for_that_cell_only(tmp_path, cell, message):
    report = audit(tmp_path, "n.ipynb", notebook(ESTIMATOR_IMPORT, cell, "est = Estimator(source_directory='.')\n"))
    assert [error.message for error in report.errors] == [message]
    assert cell_positions(report) == [(1, 1, 1, "AML102"), (3, 1, 7, "AML101")]


def test_the_fixer_reads_an_indented_cell_and_leaves_its_python_to_the_user():
    from azureml_migrate.fixer import fix_text

    result = fix_text(notebook(*INDENTED_CELLS), "notebook", unsafe=True)
    cells = ["".join(cell["source"]) for cell in json.loads(result.text)["cells"]]
    assert cells[1].endswith("\t    !pip install azureml-defaults==1.15.0\n")  # a shell line: rewritten in place
    assert cells[1].startswith("\n  \n\test = PyTorch(") and cells[0] == "".join(INDENTED_CELLS[0])
    assert {(item.cell, item.line, item.column) for item in result.dropped} == {(2, 3, 8), (2, 4, 16), (2, 4, 30)}
    assert all("indented as a whole" in item.text for item in result.dropped)


@pytest.mark.parametrize("source", [ESTIMATOR_IMPORT, [ESTIMATOR_IMPORT], None, []])
def test_notebook_cell_source_as_string_list_or_null(tmp_path, source):
    report = audit(tmp_path, "n.ipynb", notebook(source, ESTIMATOR_IMPORT))
    expected = [(1, 1, 1, "AML102")] if source and source != [] else []
    assert cell_positions(report) == expected + [(2, 1, 1, "AML102")]
    assert report.errors == []


def test_notebook_cell_with_non_text_source_is_an_error_for_that_cell(tmp_path):
    report = audit(tmp_path, "n.ipynb", notebook({"oops": 1}, ESTIMATOR_IMPORT))
    assert cell_positions(report) == [(2, 1, 1, "AML102")]
    assert [e.message for e in report.errors] == ["cell 1: cell source is dict, not text"]


@pytest.mark.parametrize("content, message", [
    ('{"cells": [ {"cell_type": "code", "source": "import azureml"', "not valid notebook JSON: "),
    ('["azureml"]', "not a Jupyter notebook: the JSON is not an object"),
    ('{"azureml": 1}', "not a Jupyter notebook: no 'cells' list"),
])
def test_broken_notebook_json_is_an_error(tmp_path, content, message):
    report = audit(tmp_path, "n.ipynb", content)
    assert report.findings == []
    assert len(report.errors) == 1 and report.errors[0].message.startswith(message)
    assert report.errors[0].kind == "notebook"


def test_notebook_json_error_names_line_and_column(tmp_path):
    report = audit(tmp_path, "n.ipynb", '{"azureml": \n  [1,,]}')
    assert report.errors[0].message == "not valid notebook JSON: Expecting value at line 2 column 6"


def test_nbformat_3_worksheets_are_read(tmp_path):
    document = {"nbformat": 3, "metadata": {}, "worksheets": [{"cells": [
        {"cell_type": "heading", "level": 1, "source": ["Old"]},
        {"cell_type": "code", "language": "python", "input": ["!pip install azureml-sdk==1.0.85\n", ESTIMATOR_IMPORT]},
    ]}]}
    report = audit(tmp_path, "old.ipynb", json.dumps(document))
    assert report.errors == []
    assert cell_positions(report) == [(2, 1, 14, "AML401"), (2, 2, 1, "AML102")]


def test_notebooks_of_other_languages_are_not_parsed_as_python(tmp_path):
    report = audit(tmp_path, "r.ipynb", notebook("library(azureml)\nx <- 1\n",
                                                 metadata={"kernelspec": {"language": "R"}}))
    assert report.findings == [] and report.errors == []


# -- Markdown --------------------------------------------------------------------------------
def test_markdown_python_blocks_report_file_positions(tmp_path):
    report = audit(tmp_path, "README.md", "\n".join([
        "# Title",                                        # 1
        "```python",                                      # 2
        "from azureml.core import ScriptRunConfig",       # 3
        ESTIMATOR_IMPORT.rstrip(),                        # 4
        "```",                                            # 5
        "~~~py",                                          # 6
        "from azureml.train.dnn import PyTorch",          # 7
        "~~~",                                            # 8
        "1. a list item:",                                # 9
        "   ```python3",                                  # 10
        "   from azureml.train.dnn import TensorFlow",    # 11
        "   ```",                                         # 12
        "```text",                                        # 13
        ESTIMATOR_IMPORT.rstrip(),                        # 14
        "```",                                            # 15
        "",
    ]))
    assert report.errors == []
    assert positions(report) == [(4, 1, "AML102"), (7, 1, "AML102"), (11, 4, "AML102")]
    assert report.findings[2].source == "from azureml.train.dnn import TensorFlow"
    assert all(f.kind == "markdown" and f.cell is None for f in report.findings)


def test_markdown_interactive_sessions_are_read_without_prompts_and_output(tmp_path):
    report = audit(tmp_path, "doc.md", "```python\n>>> from azureml.train.dnn import (\n...     PyTorch)\n"
                                       ">>> PyTorch\n<class 'PyTorch'>\n```\n")
    assert [(f.line, f.column, f.code, f.source) for f in report.findings] == [
        (2, 5, "AML102", "from azureml.train.dnn import ( PyTorch)")]


def test_markdown_broken_block_is_skipped_without_error(tmp_path):
    report = audit(tmp_path, "doc.md", "```python\nfrom azureml.train.dnn import (\n```\n\n"
                                       "```python\n" + ESTIMATOR_IMPORT + "```\n")
    assert report.errors == []
    assert positions(report) == [(6, 1, "AML102")]


def test_markdown_shell_blocks_are_checked_for_installs(tmp_path):
    report = audit(tmp_path, "doc.md", "```console\n$ pip install azureml-sdk==1.0.85\n```\n"
                                       "```bash\npip install azureml-core>=1.19\n```\n")
    assert [(f.line, f.column, f.code, f.kind) for f in report.findings] == [(2, 15, "AML401", "markdown")]


def test_markdown_ipython_block_with_magics(tmp_path):
    report = audit(tmp_path, "doc.md", "```ipython\n%pip install azureml-core==1.0.85\n" + ESTIMATOR_IMPORT + "```\n")
    assert positions(report) == [(2, 14, "AML401"), (3, 1, "AML102")]


def test_markdown_unclosed_fence_runs_to_the_end(tmp_path):
    report = audit(tmp_path, "doc.md", "text\n```python\n" + ESTIMATOR_IMPORT)
    assert positions(report) == [(3, 1, "AML102")]


def test_markdown_not_utf8_is_an_error(tmp_path):
    report = audit(tmp_path, "doc.md", b"```python\n" + ESTIMATOR_IMPORT.encode() + b"\xfe```\n")
    assert report.findings == [] and report.errors[0].message.startswith("cannot decode as UTF-8")


# -- options and safety ----------------------------------------------------------------------
def test_minimum_sdk_version_option_reaches_every_kind(tmp_path):
    strict = Options(min_sdk_version=Version("1.30.0"))
    assert positions(audit(tmp_path, "requirements.txt", "azureml-core==1.20.0\n", strict)) == [(1, 1, "AML401")]
    assert positions(audit(tmp_path, "r2/requirements.txt", "azureml-core==1.20.0\n")) == []


def tree_snapshot(root: Path):
    snapshot = {}
    for directory, names, files in os.walk(root):
        for name in names + files:
            path = Path(directory) / name
            stat = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
            snapshot[path.relative_to(root).as_posix()] = (stat.st_mode, stat.st_size, stat.st_mtime_ns, digest)
    return snapshot


def write_booby_trapped_tree(root: Path) -> Path:
    """Files that would create ``root/EXECUTED`` if anything in them were imported or run."""
    marker = root / "EXECUTED"
    trap = f"open({str(marker)!r}, 'w').write('ran')\n"
    (root / "job.py").write_text(ESTIMATOR_IMPORT + trap, encoding="utf-8")
    (root / "setup.py").write_text(trap + "from setuptools import setup\n"
                                   "setup(install_requires=['azureml-core==1.0.85'])\n", encoding="utf-8")
    (root / "n.ipynb").write_text(notebook(trap + ESTIMATOR_IMPORT, "!touch " + str(marker) + "\n"), encoding="utf-8")
    (root / "environment.yml").write_text(
        "dependencies:\n  - !!python/object/apply:os.system ['touch " + str(marker) + "']\n"
        "  - azureml-core=1.0.85\n", encoding="utf-8")
    (root / "Dockerfile").write_text(f"RUN touch {marker} && pip install azureml-core==1.0.85\n", encoding="utf-8")
    (root / "README.md").write_text("```python\n" + trap + ESTIMATOR_IMPORT + "```\n", encoding="utf-8")
    return marker


def test_auditing_never_executes_code_nor_writes_to_the_tree(tmp_path):
    marker = write_booby_trapped_tree(tmp_path)
    before = tree_snapshot(tmp_path)
    reports = [check_file(path, path.name, Options()) for path in discover([tmp_path], root=tmp_path)]
    assert not marker.exists()
    assert tree_snapshot(tmp_path) == before
    assert {r.path for r in reports} == {"job.py", "setup.py", "n.ipynb", "environment.yml", "Dockerfile", "README.md"}
    assert all(r.findings for r in reports)
    assert all(r.errors == [] for r in reports)


def test_a_markdown_fence_without_a_language_is_read_as_python_when_it_parses(tmp_path):
    report = audit(tmp_path, "README.md", (
        "Run:\n\n```\n" + PYTORCH_IMPORT + "est = PyTorch('.')\n```\n\n"
        "Output:\n\n```\nTraceback (most recent call last):\n  PyTorch(\n```\n\n"
        "```yaml\nest: PyTorch('.')\n```\n"))
    assert report.errors == []
    assert positions(report) == [(4, 1, "AML102"), (5, 7, "AML101")]
