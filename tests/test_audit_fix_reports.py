"""Fixes in the machine reports, through the real ``azureml-migrate audit``: the JSON report's
``fix`` and SARIF's ``fixes`` (section 3.55) applied to the files as stored give files that
parse and that the audit finds clean."""

from __future__ import annotations

import json
import re

import yaml

from azureml_migrate.audit.fix_positions import audit_fix, byte_span, in_lines
from azureml_migrate.facts import Span
from azureml_migrate.fixes import Applicability, Edit, Fix, Import
from tests.test_audit_kinds import notebook
from tests.test_audit_support import run_audit, write

IMPORT = "from azureml.core.conda_dependencies import CondaDependencies\n"
PYTHON = IMPORT + "note = 'Übung 日本'; cd = CondaDependencies.create(pip_packages=[\"azureml-core==1.0.85\"])\n"
NOTEBOOK_CELLS = ["%pip install azureml-defaults==1.0.85 numpy\n",
                  IMPORT + "cd = CondaDependencies.create(pip_packages=[\"azureml-core<1.15\"])"]
CONDA = "dependencies:\n  - azureml-core=1.0.85=py_0\n  - pip:\n    - azureml-train-core==1.0.85  # é\n"


def make_tree(root):
    write(root, "job.py", PYTHON)
    write(root, "env/environment.yml", CONDA)
    write(root, "explore.ipynb", notebook(*NOTEBOOK_CELLS))


def report(root, fmt):
    result = run_audit("--isolated", "--format", fmt, ".", cwd=root)
    assert result.returncode == 1 and result.stderr == "", result.stderr
    return json.loads(result.stdout)


def replace(text: str, regions) -> str:
    """Apply (line, column, end_line, end_column, text) regions: 1-based characters, end exclusive."""
    starts = [0] + [match.end() for match in re.finditer(r"\r\n|\r|\n", text)]
    placed = sorted(((starts[line - 1] + col - 1, starts[end_line - 1] + end_col - 1, new)
                     for line, col, end_line, end_col, new in regions), reverse=True)
    for start, end, new in placed:
        text = text[:start] + new + text[end:]
    return text


def test_json_fixes_apply_and_leave_a_clean_tree(tmp_path):
    make_tree(tmp_path)
    findings = report(tmp_path, "json")["findings"]
    by_path = {item["path"]: item for item in findings if item["path"] != "explore.ipynb"}
    python = by_path["job.py"]["fix"]
    assert python["applicability"] == "unsafe" and python["imports"] == []
    assert python["edits"] == [{"line": 2, "col": 64, "end_line": 2, "end_col": 86,
                                "text": "\"azureml-core==1.15.0\""}]
    assert python["edits"][0]["col"] == by_path["job.py"]["column"]  # characters, as the finding's
    assert "test the job with azureml-core==1.15.0" in python["reason"]
    conda = [item for item in findings if item["path"] == "env/environment.yml"]
    assert [item["fix"]["applicability"] for item in conda] == ["manual", "unsafe"]
    assert conda[0]["fix"]["edits"] == [] and "build string" in conda[0]["fix"]["reason"]
    notebook_findings = [item for item in findings if item["path"] == "explore.ipynb"]
    assert [(item["cell"], [edit["cell"] for edit in item["fix"]["edits"]]) for item in notebook_findings] == [
        (1, [1]), (2, [2])]
    assert all(item["fix"] is None for item in findings if item["code"] not in ("AML401", "AML402"))

    for path in ("job.py", "env/environment.yml"):
        edits = [edit for item in findings if item["path"] == path for edit in item["fix"]["edits"]]
        file = tmp_path / path
        file.write_text(replace(file.read_text(encoding="utf-8"),
                                [(e["line"], e["col"], e["end_line"], e["end_col"], e["text"]) for e in edits]),
                        encoding="utf-8")
    cells = [replace(source, [(e["line"], e["col"], e["end_line"], e["end_col"], e["text"])
                              for item in notebook_findings for e in item["fix"]["edits"] if e["cell"] == number])
             for number, source in enumerate(NOTEBOOK_CELLS, start=1)]
    write(tmp_path, "explore.ipynb", notebook(*cells))
    assert (tmp_path / "job.py").read_text(encoding="utf-8").endswith("[\"azureml-core==1.15.0\"])\n")
    assert yaml.safe_load((tmp_path / "env/environment.yml").read_text(encoding="utf-8"))["dependencies"][1] == {
        "pip": ["azureml-train-core==1.15.0"]}
    left = report(tmp_path, "json")["findings"]
    assert [(item["path"], item["fix"]["applicability"]) for item in left if item["code"].startswith("AML4")] == [
        ("env/environment.yml", "manual")]


def test_sarif_fixes_apply_to_the_files_as_stored(tmp_path):
    make_tree(tmp_path)
    (run,) = report(tmp_path, "sarif")["runs"]
    requirement_results = [r for r in run["results"] if r["ruleId"] in ("AML401", "AML402")]
    manual = [r for r in requirement_results if r["properties"]["fix"]["applicability"] == "manual"]
    assert len(manual) == 1 and "fixes" not in manual[0]
    assert "build string" in manual[0]["properties"]["fix"]["reason"]
    offered = [r for r in requirement_results if r not in manual]
    assert len(offered) == 4 and all(len(r["fixes"]) == 1 for r in offered)
    regions = {}
    for result in offered:
        (fix,) = result["fixes"]
        assert fix["description"]["text"].startswith("raise '") and "unsafe: " in fix["description"]["text"]
        (change,) = fix["artifactChanges"]
        assert change["artifactLocation"] == result["locations"][0]["physicalLocation"]["artifactLocation"]
        for replacement in change["replacements"]:
            region = replacement["deletedRegion"]
            assert all(isinstance(region[key], int) and region[key] >= 1 for key in region)
            regions.setdefault(change["artifactLocation"]["uri"], []).append(
                (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"],
                 replacement["insertedContent"]["text"]))
    assert set(regions) == {"job.py", "env/environment.yml", "explore.ipynb"}
    for uri, edits in regions.items():
        file = tmp_path / uri
        file.write_text(replace(file.read_text(encoding="utf-8"), edits), encoding="utf-8")
    cells = ["".join(cell["source"]) for cell in json.loads((tmp_path / "explore.ipynb").read_text())["cells"]]
    assert cells == ["%pip install azureml-defaults==1.15.0 numpy\n",
                     IMPORT + "cd = CondaDependencies.create(pip_packages=[\"azureml-core>=1.15.0\"])"]
    left = [r for r in report(tmp_path, "sarif")["runs"][0]["results"] if r["ruleId"].startswith("AML4")]
    assert [r["properties"]["fix"]["applicability"] for r in left] == ["manual"]


def test_fix_positions_convert_bytes_to_characters_and_keep_each_edit_in_its_cell():
    lines = ["x = 'é'; y = 'azureml-core==1.0.85'", "z = 1"]
    span, raw = byte_span(lines, 1, 13, 1, 35)
    assert raw == "'azureml-core==1.0.85'" and (span.col, span.end_col) == (14, 36)
    assert byte_span(lines, 3, 0, 3, 4) == (Span(3, 0, 3, 4), None)  # outside the text: no raw text
    fix = Fix(Applicability.SAFE, "t", (Edit(span, "'a'"), Edit.insert(3, 0, "import x\n")),
              imports=(Import("m", "n"),))
    converted = audit_fix(fix, in_lines(lines, first_line=10, col_offsets=[4, 4], cell=None))
    assert [(e.line, e.column, e.end_line, e.end_column) for e in converted.edits] == [(10, 18, 10, 40), (12, 1, 12, 1)]
    assert converted.imports == ("from m import n",)
    outside = audit_fix(Fix(Applicability.SAFE, "t", (Edit(Span(7, 0, 7, 1), ""),)), in_lines(lines))
    assert outside.applicability == "manual" and outside.edits == () and "by hand" in outside.reason
