"""The audit's manifest readers: requirements, conda YAML, TOML, setup.cfg/setup.py, Dockerfiles."""

from __future__ import annotations

import pytest

from azureml_migrate.audit.manifests import (
    MAX_YAML_ALIASES,
    poetry_to_pep440,
    shell_words,
)
from tests.test_audit_kinds import ESTIMATOR_IMPORT, audit, positions


def sources(report):
    return [(f.line, f.column, f.code, f.source) for f in report.findings]


# -- requirements files ----------------------------------------------------------------------
def test_requirements_lines_comments_markers_extras_and_options(tmp_path):
    report = audit(tmp_path, "requirements.txt", "\n".join([
        "# azureml-core==1.0.85 in a comment",                        # 1
        "azureml-core==1.0.85  # old pin",                            # 2
        "azureml-sdk[notebooks,automl]<1.10 ; python_version < '3.9'",  # 3
        "-r other-requirements.txt",                                   # 4
        "--index-url https://example.invalid/simple",                  # 5
        "-e git+https://example.invalid/repo.git#egg=azureml-core",    # 6
        "azureml-defaults @ https://example.invalid/azureml_defaults-1.0.0.whl",  # 7
        "azureml-pipeline>=1.19.0",                                    # 8
        "numpy==1.0",                                                  # 9
        "AzureML_Train_Core==1.12.0",                                  # 10
        "",
    ]))
    assert report.kind == "requirements" and report.errors == []
    assert sources(report) == [
        (2, 1, "AML401", "azureml-core==1.0.85"),
        (3, 1, "AML401", "azureml-sdk[notebooks,automl]<1.10 ; python_version < '3.9'"),
        (10, 1, "AML401", "AzureML_Train_Core==1.12.0"),
    ]
    # the replacement keeps the file's own spelling: extras in order, the marker as written
    assert "require 'azureml-sdk[notebooks,automl]>=1.15.0 ; python_version < '3.9''" in report.findings[1].message


def test_requirements_continuations_report_the_first_line_and_hashes_are_ignored(tmp_path):
    report = audit(tmp_path, "requirements.txt",
                   "numpy==1.0 \\\n    --hash=sha256:0\nazureml-core==1.0.85 \\\n    --hash=sha256:1 \\\n"
                   "    --hash=sha256:2\nazureml-sdk \\\n  ==1.0.85\n")
    assert [(f.line, f.end_line, f.code) for f in report.findings] == [(3, 5, "AML401"), (6, 7, "AML401")]


def test_lower_bound_only_requirements_are_aml402(tmp_path):
    report = audit(tmp_path, "constraints.txt", "azureml-core>=1.0\n")
    assert positions(report) == [(1, 1, "AML402")]


def test_requirements_not_utf8_is_an_error(tmp_path):
    report = audit(tmp_path, "requirements.txt", b"azureml-core==1.0.85\n\xff\n")
    assert report.findings == [] and report.errors[0].message.startswith("cannot decode as UTF-8: byte 0xff at line 2")


def test_requirements_with_bom(tmp_path):
    report = audit(tmp_path, "requirements.in", b"\xef\xbb\xbfazureml-core==1.0.85\n")
    assert positions(report) == [(1, 1, "AML401")]


# -- conda environment YAML ------------------------------------------------------------------
CONDA = """\
name: legacy
channels:
  - conda-forge
dependencies:
  - python=3.8
  - azureml-core=1.0.85
  - conda-forge::azureml-defaults>=1.19
  - "azureml-sdk 1.12.*"
  - pip
  - pip:
    - azureml-train-core==1.12.0
    - 'azureml-pipeline<1.10'
    - pandas==0.25
"""


def test_conda_specs_and_pip_sublist_with_positions(tmp_path):
    report = audit(tmp_path, "environment.yml", CONDA)
    assert report.errors == []
    assert sources(report) == [
        (6, 5, "AML401", "azureml-core=1.0.85"),
        (8, 6, "AML401", "azureml-sdk 1.12.*"),
        (11, 7, "AML401", "azureml-train-core==1.12.0"),
        (12, 8, "AML401", "azureml-pipeline<1.10"),
    ]
    assert all(f.kind == "conda" for f in report.findings)


def test_malformed_yaml_is_an_error_naming_the_line(tmp_path):
    report = audit(tmp_path, "environment.yml", "name: x\ndependencies:\n  - azureml-core=1.0.85\n  - [unclosed\n")
    assert report.findings == []
    assert len(report.errors) == 1 and report.errors[0].message.startswith("malformed YAML at line ")
    assert report.errors[0].kind == "conda"


def test_yaml_control_characters_are_an_error_naming_the_line(tmp_path):
    report = audit(tmp_path, "environment.yml", "dependencies:\n  - azureml-core=1.0.85\n  - x\x00\n")
    assert [e.message for e in report.errors] == ["malformed YAML at line 3: character '\\x00' is not allowed in YAML"]


def test_yaml_python_tags_are_never_constructed(tmp_path):
    marker = tmp_path / "EXECUTED"
    report = audit(tmp_path, "environment.yml",
                   f"dependencies:\n  - !!python/object/apply:os.system ['touch {marker}']\n"
                   "  - !!python/name:azureml.core.Environment azureml-core=1.0\n  - azureml-core=1.0.85\n")
    assert not marker.exists()
    assert report.errors == [] and positions(report) == [(4, 5, "AML401")]


def test_yaml_alias_bomb_is_refused(tmp_path):
    levels = ["a0: &a0 [azureml-core=1.0.85, azureml-core=1.0.85]"]
    for level in range(1, 12):
        levels.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    bomb = "\n".join(levels) + "\ndependencies: *a11\n"
    assert bomb.count("*") > MAX_YAML_ALIASES
    report = audit(tmp_path, "environment.yml", bomb)
    assert report.findings == []
    assert len(report.errors) == 1 and "alias" in report.errors[0].message


def test_a_few_yaml_aliases_are_fine(tmp_path):
    report = audit(tmp_path, "environment.yml", "x: &pin azureml-core=1.0.85\ndependencies:\n  - *pin\n")
    assert report.errors == [] and [f.code for f in report.findings] == ["AML401"]


def test_yaml_that_is_not_an_environment_has_no_findings(tmp_path):
    report = audit(tmp_path, "environment.yml", "- azureml-core=1.0.85\n")
    assert report.findings == [] and report.errors == []


def test_multi_document_yaml_is_read_document_by_document(tmp_path):
    report = audit(tmp_path, "conda.yaml", "name: a\n---\ndependencies:\n  - azureml-core=1.0.85\n")
    assert positions(report) == [(4, 5, "AML401")]


# -- pyproject.toml --------------------------------------------------------------------------
def test_pyproject_pep621_dependencies_and_extras(tmp_path):
    report = audit(tmp_path, "pyproject.toml", "\n".join([
        "[project]",
        'name = "x"',
        "dependencies = [",
        '  "azureml-core==1.0.85",',
        '  "azureml-defaults>=1.19",',
        "]",
        "[project.optional-dependencies]",
        "train = ['azureml-train-core<1.10', 'numpy']",
        "[dependency-groups]",
        'dev = ["azureml-sdk==1.12.0", {include-group = "train"}]',
        "",
    ]))
    assert report.errors == []
    assert sources(report) == [
        (4, 4, "AML401", "azureml-core==1.0.85"),
        (8, 11, "AML401", "azureml-train-core<1.10"),
        (10, 9, "AML401", "azureml-sdk==1.12.0"),
    ]


def test_pyproject_poetry_constraints_are_converted_before_checking(tmp_path):
    report = audit(tmp_path, "pyproject.toml", "\n".join([
        "[tool.poetry.dependencies]",
        'python = "^3.8"',
        'azureml-core = "^1.0.85"',
        'azureml-sdk = "~1.12"',
        'azureml-defaults = {version = "1.0.*", optional = true}',
        'azureml-train = ">=1.0,<1.10"',
        'azureml-pipeline = "*"',
        'azureml-widgets = "1.19.0"',
        "[tool.poetry.group.dev.dependencies]",
        'azureml-train-core = "1.0.85"',
        "",
    ]))
    assert report.errors == []
    assert sources(report) == [
        (3, 1, "AML402", 'azureml-core = "^1.0.85"'),
        (4, 1, "AML401", 'azureml-sdk = "~1.12"'),
        (5, 1, "AML401", 'azureml-defaults = "1.0.*"'),
        (6, 1, "AML401", 'azureml-train = ">=1.0,<1.10"'),
        (10, 1, "AML401", 'azureml-train-core = "1.0.85"'),
    ]
    assert report.findings[1].message.startswith("'azureml-sdk = \"~1.12\"' keeps the azureml SDK below 1.15.0")


def test_poetry_multiple_constraints_share_their_line_and_groups_find_their_own(tmp_path):
    report = audit(tmp_path, "pyproject.toml", "\n".join([
        "[tool.poetry.dependencies]",
        'azureml-core = [{version = "1.0.85", python = "<3.8"}, {version = "<1.10", python = ">=3.8"}]',
        "[tool.poetry.group.test.dependencies]",
        'azureml-core = "1.12.0"',
        "",
    ]))
    assert [(f.line, f.code, f.source) for f in report.findings] == [
        (2, "AML401", 'azureml-core = "1.0.85"'),
        (2, "AML401", 'azureml-core = "<1.10"'),
        (4, "AML401", 'azureml-core = "1.12.0"'),
    ]


@pytest.mark.parametrize("constraint, pep440", [
    ("^1.2.3", ">=1.2.3,<2.0.0"), ("^0.2.3", ">=0.2.3,<0.3.0"), ("^0.0.3", ">=0.0.3,<0.0.4"),
    ("~1.2.3", ">=1.2.3,<1.3.0"), ("~1.2", ">=1.2,<1.3"), ("~1", ">=1,<2"), ("1.0.*", "==1.0.*"),
    ("*", ""), (">=1.0,<2", ">=1.0,<2"), (">= 1.0, < 2", ">=1.0,<2"), ("1.0.85", "==1.0.85"),
    ("~=1.12.0", "~=1.12.0"), ("1.0 || 1.2", None),
])
def test_poetry_constraints_as_pep440(constraint, pep440):
    assert poetry_to_pep440(constraint) == pep440


def test_malformed_toml_is_an_error(tmp_path):
    report = audit(tmp_path, "pyproject.toml", '[project]\ndependencies = ["azureml-core==1.0.85"]\nname = \n')
    assert report.findings == []
    assert len(report.errors) == 1 and report.errors[0].message.startswith("malformed TOML: ")
    assert "line 3" in report.errors[0].message


# -- setup.cfg -------------------------------------------------------------------------------
def test_setup_cfg_install_requires_and_extras(tmp_path):
    report = audit(tmp_path, "setup.cfg", "\n".join([
        "[metadata]",
        "name = azureml-thing",
        "[options]",
        "install_requires =",
        "    numpy",
        "    azureml-core==1.0.85  # pinned",
        "    azureml-defaults>=1.19",
        "[options.extras_require]",
        "gpu = azureml-train-core<1.10",
        "docs =",
        "    azureml-sdk==1.12.0",
        "",
    ]))
    assert report.errors == []
    assert sources(report) == [
        (6, 5, "AML401", "azureml-core==1.0.85"),
        (9, 7, "AML401", "azureml-train-core<1.10"),
        (11, 5, "AML401", "azureml-sdk==1.12.0"),
    ]


def test_malformed_setup_cfg_is_an_error(tmp_path):
    report = audit(tmp_path, "setup.cfg", "install_requires = azureml-core==1.0.85\n[options\n")
    assert report.findings == []
    assert len(report.errors) == 1 and report.errors[0].message.startswith("malformed setup.cfg")


# -- setup.py --------------------------------------------------------------------------------
def test_setup_py_is_python_and_a_manifest(tmp_path):
    report = audit(tmp_path, "setup.py", "\n".join([
        "import setuptools",
        ESTIMATOR_IMPORT.rstrip(),
        "BASE = ['azureml-core==1.0.85', 'numpy']",
        "setuptools.setup(",
        "    name='x',",
        "    install_requires=BASE,",
        "    extras_require={'gpu': ['azureml-train-core<1.10'], 'ok': ['azureml-sdk>=1.19']},",
        ")",
        "",
    ]))
    assert report.kind == "setup_py" and report.errors == []
    assert sources(report) == [
        (2, 1, "AML102", "from azureml.train.estimator import Estimator"),
        (3, 9, "AML401", "azureml-core==1.0.85"),
        (7, 29, "AML401", "azureml-train-core<1.10"),
    ]
    assert {f.kind for f in report.findings} == {"setup_py"}


def test_setup_py_install_requires_and_sdk_requirement_keywords_are_both_checked(tmp_path):
    report = audit(tmp_path, "setup.py", "from setuptools import setup\n"
                                         "setup(install_requires=['azureml-core==1.0.85'],\n"
                                         "      pip_packages=['azureml-sdk==1.0'])\n")
    assert [(f.line, f.source) for f in report.findings] == [(2, "azureml-core==1.0.85"), (3, "'azureml-sdk==1.0'")]


def test_setup_py_computed_requirements_are_not_evaluated(tmp_path):
    report = audit(tmp_path, "setup.py", "from setuptools import setup\n"
                                         "setup(install_requires=open('requirements.txt').read().split())  # azureml\n")
    assert report.findings == [] and report.errors == []


def test_setup_py_syntax_error(tmp_path):
    report = audit(tmp_path, "setup.py", "from setuptools import setup\nsetup(install_requires=['azureml-core==1.0'\n")
    assert report.findings == [] and report.errors[0].message.startswith("syntax error at line ")


# -- Pipfile ---------------------------------------------------------------------------------
def test_pipfile_packages_and_dev_packages(tmp_path):
    report = audit(tmp_path, "Pipfile", "\n".join([
        "[[source]]",
        'url = "https://pypi.org/simple"',
        "[packages]",
        'azureml-core = "==1.0.85"',
        'azureml-defaults = "*"',
        'azureml-sdk = {version = "<1.10", extras = ["notebooks"]}',
        "[dev-packages]",
        'azureml-train-core = ">=1.0"',
        'azureml-pipeline = {git = "https://example.invalid/x.git"}',
        "[requires]",
        'python_version = "3.8"',
        "",
    ]))
    assert report.errors == []
    assert sources(report) == [
        (4, 1, "AML401", 'azureml-core = "==1.0.85"'),
        (6, 1, "AML401", 'azureml-sdk = "<1.10"'),
        (8, 1, "AML402", 'azureml-train-core = ">=1.0"'),
    ]


def test_malformed_pipfile_is_an_error(tmp_path):
    report = audit(tmp_path, "Pipfile", "[packages\nazureml-core = '==1.0'\n")
    assert report.findings == [] and report.errors[0].message.startswith("malformed TOML: ")


# -- Dockerfile ------------------------------------------------------------------------------
def test_dockerfile_run_pip_install_in_chains_and_continuations(tmp_path):
    report = audit(tmp_path, "Dockerfile", "\n".join([
        "FROM mcr.microsoft.com/azureml/base:latest",                      # 1
        "COPY requirements.txt azureml-core==1.0.85 /tmp/",                # 2
        "RUN apt-get update && pip install azureml-core==1.0.85",          # 3
        "RUN pip3 install --no-cache-dir \\",                              # 4
        "    # a comment line inside the instruction",                    # 5
        "    numpy \\",                                                    # 6
        "    'azureml-sdk<1.10' && \\",                                    # 7
        "    python3 -m pip install -r requirements.txt azureml-defaults==1.0.85",  # 8
        'RUN ["pip", "install", "azureml-train==1.1.5"]',                  # 9
        "RUN conda install -y -c conda-forge azureml-pipeline=1.0.85",     # 10
        "RUN pip install azureml-widgets>=1.19",                           # 11
        "",
    ]))
    assert report.errors == []
    assert sources(report) == [
        (3, 35, "AML401", "azureml-core==1.0.85"),
        (7, 5, "AML401", "azureml-sdk<1.10"),
        (8, 48, "AML401", "azureml-defaults==1.0.85"),
        (9, 25, "AML401", "azureml-train==1.1.5"),
        (10, 37, "AML401", "azureml-pipeline=1.0.85"),
    ]


@pytest.mark.parametrize("name", ["Dockerfile.gpu", "train.dockerfile"])
def test_dockerfile_name_variants(tmp_path, name):
    assert positions(audit(tmp_path, name, "RUN pip install azureml-core==1.0.85\n")) == [(1, 17, "AML401")]


def test_dockerfile_escape_directive(tmp_path):
    report = audit(tmp_path, "Dockerfile", "# escape=`\nRUN pip install `\n    azureml-core==1.0.85\n")
    assert positions(report) == [(3, 5, "AML401")]


def test_shell_words_keep_offsets_and_split_operators():
    assert shell_words("pip install 'a b'&&x # c") == [
        ("pip", 0, 3), ("install", 4, 11), ("a b", 12, 17), ("&&", 17, 19), ("x", 19, 20)]
