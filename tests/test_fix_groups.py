"""Fix groups (``azureml_migrate.rewrite.groups``): an estimator's rewrite and every call that
reads it as an estimator are trusted, labelled and applied together.

Three layers: the grouping read from a module's facts; the fixing loop applying a group whole
or not at all; and whole programs (tests/fix_proof/groups.py and notebooks) fixed in safe and in
unsafe mode and run offline through the real SDK before and after, with the whole jobs compared
(tests/sdk_jobs.py). Without groups, five of those programs no longer construct after ``fix``
(``Expected type ScriptRunConfig for run_config``, ``Estimator parameter is not of valid type``,
``'ScriptRunConfig' object has no attribute '_get_script_run_config'``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from azureml_migrate.builder import build_facts
from azureml_migrate.engine import check_source, parse_source
from azureml_migrate.facts import Span
from azureml_migrate.fixer import fix_text
from azureml_migrate.fixer.loop import fix_document
from azureml_migrate.fixes import Applicability, Edit, Fix, Import, weakest
from azureml_migrate.messages import Status
from azureml_migrate.rewrite.estimator import estimator_fix
from azureml_migrate.rewrite.groups import fix_for_consumer, fix_for_estimator, group_of
from tests.fix_documents import CallFixes
from tests.notebook_text import notebook, program

sys.path.insert(0, str(Path(__file__).parent))
from fix_proving import read_cases  # noqa: E402

SAFE, UNSAFE, MANUAL = Applicability.SAFE, Applicability.UNSAFE, Applicability.MANUAL

CASES = read_cases(Path(__file__).parent / "fix_proof" / "groups.py")


def _facts(source: str):
    return build_facts(parse_source(source), source)


def _call(facts, canonical: str):
    return next(call for call in facts.calls if call.canonical == canonical)


# -- the grouping, on facts ------------------------------------------------------------------
_HYPERDRIVE = """\
from azureml.train.dnn import PyTorch
from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, uniform
est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster, framework_version='1.6'{extra})
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=RandomParameterSampling({{'--lr': uniform(0.01, 0.1)}}),
                      primary_metric_name='acc', max_total_runs=4)
"""


def test_an_estimator_and_its_hyperdrive_form_one_group_at_the_estimators_trust():
    facts = _facts(_HYPERDRIVE.format(extra=", pip_packages=['tqdm']"))
    estimator, hyperdrive = _call(facts, "PyTorch"), _call(facts, "HyperDriveConfig")
    group = group_of(estimator, facts)
    assert group is group_of(hyperdrive, facts)
    assert [member.call.canonical for member in group.members] == ["PyTorch", "HyperDriveConfig"]
    assert group.key == f"PyTorch@{estimator.span.line}:{estimator.span.col}"
    assert group.applicability is SAFE
    assert {fix.group for fix in group.fixes} == {group.key}
    assert fix_for_estimator(estimator, facts).edits == estimator_fix(estimator, facts).edits


def test_an_unsafe_estimator_makes_its_hyperdrive_unsafe_and_says_so():
    facts = _facts(_HYPERDRIVE.format(extra=""))  # a cluster and no packages: the prebuilt image
    own = estimator_fix(_call(facts, "PyTorch"), facts)
    assert own.applicability is UNSAFE
    hyperdrive = fix_for_consumer(_call(facts, "HyperDriveConfig"), facts)
    assert hyperdrive.applicability is UNSAFE and hyperdrive.edits
    assert hyperdrive.reason == ("it goes together with the rewrite of est = PyTorch(...), which is unsafe: "
                                 + own.reason)
    assert fix_for_estimator(_call(facts, "PyTorch"), facts).reason == own.reason


def test_a_manual_hyperdrive_keeps_its_estimator_manual_and_names_it():
    """Two sweeps tune --lr of one estimator whose arguments hold --lr: HyperDrive removed it
    from each sweep's copy, and no one ScriptRunConfig both sweeps read leaves it out."""
    facts = _facts(
        "from azureml.train.estimator import Estimator\n"
        "from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, choice\n"
        "est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,\n"
        "                script_params={'--lr': 0.1})\n"
        "sampling = RandomParameterSampling({'--lr': choice(1, 2)})\n"
        "hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling)\n"
        "fine = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling)\n")
    estimator = _call(facts, "Estimator")
    assert estimator_fix(estimator, facts).applicability is SAFE
    fix = fix_for_estimator(estimator, facts)
    assert fix.applicability is MANUAL and not fix.edits
    assert fix.reason.startswith("it goes together with HyperDriveConfig(estimator=est) becoming run_config=est, "
                                 "which needs a manual rewrite "
                                 "first: lr is both a script argument and a tuned parameter")


def test_an_estimator_also_submitted_alone_gets_a_second_script_run_config_for_hyperdrive():
    """Azure/MachineLearningNotebooks train-hyperparameter-tune-deploy-with-chainer: the
    estimator is submitted, then tuned over two of its own arguments. The submission keeps
    them; HyperDrive reads a second ScriptRunConfig without them that shares the run
    configuration, as HyperDrive's copy of the estimator did."""
    facts = _facts(CASES["estimator_submitted_and_tuned"])
    estimator, hyperdrive = _call(facts, "Estimator"), _call(facts, "HyperDriveConfig")
    fix = fix_for_estimator(estimator, facts)
    assert fix.applicability is SAFE and fix.group
    assert "arguments=['--lr', 0.1, '--epochs', 10]," in fix.code
    assert ("est_hyperdrive = ScriptRunConfig(source_directory=est.source_directory, script=est.script, "
            "arguments=['--epochs', 10], run_config=est.run_config)") in " ".join(fix.code.split()).replace(
        "( ", "(").replace(", )", ")")
    consumer = fix_for_consumer(hyperdrive, facts)
    assert consumer.applicability is SAFE and consumer.group == fix.group
    assert [edit.text for edit in consumer.edits] == ["run_config=est_hyperdrive"]


def test_a_step_rewrite_makes_a_safe_estimator_unsafe():
    facts = _facts(CASES["estimator_step_with_a_safe_estimator"])
    estimator, step = _call(facts, "Estimator"), _call(facts, "EstimatorStep")
    assert estimator_fix(estimator, facts).applicability is SAFE
    fix = fix_for_estimator(estimator, facts)
    assert fix.applicability is UNSAFE
    assert fix.reason.startswith("it goes together with the rewrite of EstimatorStep(estimator=trainer, ...), "
                                 "which is unsafe: the service runs a PythonScriptStep node")
    assert fix.group == fix_for_consumer(step, facts).group != ""


def test_hyperdrive_run_config_becomes_hyperdrive_config_with_its_estimator():
    facts = _facts(CASES["hyperdrive_run_config_becomes_hyperdrive_config"])
    estimator, consumer = _call(facts, "Estimator"), _call(facts, "HyperDriveRunConfig")
    fix = fix_for_consumer(consumer, facts)
    assert fix.applicability is SAFE and fix.group == fix_for_estimator(estimator, facts).group != ""
    assert [item.statement() for item in fix.imports] == ["from azureml.train.hyperdrive import HyperDriveConfig"]
    assert fix.code == ("HyperDriveConfig(run_config=est, hyperparameter_sampling=RandomParameterSampling("
                        "{'--lr': choice(0.01, 0.1)}), primary_metric_name='acc', "
                        "primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=2)")


@pytest.mark.parametrize("call, reason", [
    ("HyperDriveRunConfig(est, *rest)", "the call passes *args or **kwargs"),
    ("HyperDriveRunConfig(est, sampling, 'acc', goal, max_total_runs=2, **more)", "the call passes *args or **kwargs"),
    ("HyperDriveRunConfig(est, sampling, 'acc', goal)", "the SDK rejects this call"),
    ("HyperDriveRunConfig(est, sampling, 'acc', goal, 2, primary_metric_name='x')", "the SDK rejects this call"),
    ("HyperDriveRunConfig(other, sampling, 'acc', goal, 2)", "other is not an estimator call of this module"),
])
def test_a_hyperdrive_run_config_the_fix_cannot_read_stays_manual_with_its_estimator(call, reason):
    facts = _facts("from azureml.train.estimator import Estimator\n"
                   "from azureml.train.hyperdrive import HyperDriveRunConfig\n"
                   "est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster)\n"
                   f"hd = {call}\n")
    fix = fix_for_consumer(_call(facts, "HyperDriveRunConfig"), facts)
    assert fix.applicability is MANUAL and fix.reason.startswith(reason), fix.reason


def test_a_positional_hyperdrive_run_config_passes_each_parameter_by_name():
    source = ("from azureml.train.estimator import Estimator\n"
              "from azureml.train.hyperdrive import HyperDriveRunConfig, PrimaryMetricGoal\n"
              "est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,\n"
              "                pip_packages=['tqdm'])\n"
              "hd = HyperDriveRunConfig(est, sampling, 'acc',\n"
              "                         PrimaryMetricGoal.MAXIMIZE, 4, policy=None)\n")
    fixed = fix_text(source, "python").text
    assert ("hd = HyperDriveConfig(run_config=est, hyperparameter_sampling=sampling, primary_metric_name='acc', "
            "primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=4, policy=None)\n") in fixed
    assert "HyperDriveRunConfig" not in fixed
    assert "from azureml.train.hyperdrive import PrimaryMetricGoal, HyperDriveConfig\n" in fixed


def test_three_members_take_the_weakest():
    facts = _facts(CASES["one_estimator_tuned_by_two_hyperdrive_runs"])
    group = group_of(_call(facts, "Estimator"), facts)
    assert [member.call.canonical for member in group.members] == ["Estimator", "HyperDriveConfig", "HyperDriveConfig"]
    assert group.applicability is SAFE and len({fix.group for fix in group.fixes}) == 1
    facts = _facts(CASES["one_estimator_read_by_hyperdrive_and_a_step"])
    group = group_of(_call(facts, "Estimator"), facts)
    assert [member.call.canonical for member in group.members] == ["Estimator", "EstimatorStep", "HyperDriveConfig"]
    assert [member.fix.applicability for member in group.members] == [SAFE, MANUAL, SAFE]
    assert group.members[1].fix.reason.startswith("EstimatorStep blanks the target, arguments and data references "
                                                  "of est.run_config in place, and est is read elsewhere too")
    assert group.applicability is MANUAL and {fix.applicability for fix in group.fixes} == {MANUAL}


def test_an_estimator_nothing_reads_as_an_estimator_stands_alone():
    source = ("from azureml.train.estimator import Estimator\n"
              "est = Estimator(source_directory='src', entry_script='train.py', compute_target='local')\n"
              "run = exp.submit(est)\n")
    facts = _facts(source)
    estimator = _call(facts, "Estimator")
    assert group_of(estimator, facts).key == ""
    assert fix_for_estimator(estimator, facts) == estimator_fix(estimator, facts)


def test_weakest():
    assert weakest([]) is SAFE
    assert weakest([SAFE, UNSAFE, SAFE]) is UNSAFE
    assert weakest([UNSAFE, MANUAL, SAFE]) is MANUAL


_CORPORA = {"fix_proof": "fix_proof/estimators.py", "realistic": "realistic/estimator_calls.py"}


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("corpus", sorted(_CORPORA))
def test_every_label_is_what_fix_does(corpus, unsafe):
    """Over the per-call proof corpus and the calls collected from public code: a finding whose
    fix is labelled safe is fixed in both modes, one labelled unsafe only with --unsafe-fixes,
    and a manual one never."""
    cases = read_cases(Path(__file__).parent / _CORPORA[corpus])
    mismatches = []
    for name, source in cases.items():
        applied = {(item.code, item.line, item.column) for item in fix_text(source, "python", unsafe=unsafe).applied}
        for finding in check_source(source):
            if finding.fix is None:
                continue
            applies = finding.fix.applicability is SAFE or (unsafe and finding.fix.applicability is UNSAFE)
            if applies != ((finding.code, finding.span.line, finding.span.col + 1) in applied):
                mismatches.append((name, finding.code, finding.span.line, finding.fix.applicability.value))
    assert not mismatches


@pytest.mark.parametrize("name", ["hyperdrive_over_an_unsafe_estimator", "estimator_step_with_a_safe_estimator",
                                  "safe_hyperdrive_group", "two_sweeps_over_a_tuned_argument_stay_manual"])
def test_every_message_of_a_group_shows_the_groups_label(name):
    findings = [f for f in check_source(CASES[name]) if f.fix is not None and f.fix.group]
    assert len({f.code for f in findings}) >= 2
    (applicability,) = {f.fix.applicability for f in findings}
    for finding in findings:
        assert finding.status == Status.of(finding.fix)
        assert finding.message.endswith(f" ({finding.status.ending()})"), finding.message
        if applicability is MANUAL:
            assert "(manual: " in finding.message and "fixable" not in finding.message
        else:
            label = "(fixable)" if applicability is SAFE else "(fixable with --unsafe-fixes)"
            assert finding.message.endswith(label), finding.message


# -- the loop applies a group whole or not at all ----------------------------------------------
class Paired(CallFixes):
    """Python text where ``LEAD(...)`` and ``TAIL(...)`` calls are one fix group: LEAD becomes
    NEW (imported from pkg.mod), TAIL becomes NEW too, or, for ``TAILBAD``, code that does not
    parse; ``ALONE(...)`` is a fix of its own."""

    def fixes(self, span: Span):
        new = Import("pkg.mod", "NEW")
        return {
            "LEAD": Fix(SAFE, "LEAD to NEW", (Edit(span, "NEW"),), (new,), group="g"),
            "TAIL": Fix(SAFE, "TAIL to NEW", (Edit(span, "NEW"),), group="g"),
            "TAILBAD": Fix(SAFE, "TAILBAD breaks", (Edit(span, "NEW("),), group="g"),
            "ALONE": Fix(SAFE, "ALONE to NEW", (Edit(span, "NEW"),), (new,)),
        }


def test_a_group_is_applied_in_one_round():
    result = fix_document(Paired("a = LEAD()\nb = TAIL()\n"))
    assert result.text == "from pkg.mod import NEW\na = NEW()\nb = NEW()\n"
    assert [item.line for item in result.applied] == [1, 2]


def test_a_member_that_breaks_the_code_drops_the_whole_group_and_the_others_say_why():
    result = fix_document(Paired("a = LEAD()\nb = TAILBAD()\nc = ALONE()\n"))
    assert result.text == "from pkg.mod import NEW\na = LEAD()\nb = TAILBAD()\nc = NEW()\n"
    texts = {item.line: item.text for item in result.dropped}  # lines of the fixed text
    assert texts[3].startswith("fix dropped: the fixed code would not read")
    assert texts[2].startswith("fix not applied: it goes together with 'TAILBAD breaks', which is not "
                               "applied: fix dropped: the fixed code would not read")


def test_a_member_whose_import_clashes_holds_back_the_whole_group():
    text = "NEW = 3\na = LEAD()\nb = TAIL()\n"
    result = fix_document(Paired(text))
    assert result.text == text and not result.applied
    assert [(item.line, item.text) for item in result.manual] == [
        (2, "name NEW is already bound to something else where the fix would use it"),
        (3, "fix not applied: it goes together with 'LEAD to NEW', which is not applied: "
            "name NEW is already bound to something else where the fix would use it")]


# -- whole programs, both modes, through the real SDK -------------------------------------------
sdk_jobs = pytest.importorskip("sdk_jobs")
pytest.importorskip("azureml.train.estimator")


def _compared(source: str, jobs_before: dict):
    chosen = [line[len("# compare:"):].split() for line in source.splitlines() if line.startswith("# compare:")]
    keys = sorted(key for key, job in jobs_before.items() if "submit_error" not in job)
    return [key for key in keys if key in chosen[0]] if chosen else keys


def _same_jobs(before: str, after: str, program_before: str, program_after: str, tmp_path, unsafe: bool):
    jobs_before = sdk_jobs.jobs_of(program_before, tmp_path / "before")
    # the defect groups remove: the fixed program raised in the SDK before the jobs were built
    jobs_after = sdk_jobs.jobs_of(program_after, tmp_path / "after")
    assert set(jobs_before) <= set(jobs_after)
    compared = _compared(before, jobs_before)
    assert compared, "the case compares no job"
    differences = [line for key in compared for line in sdk_jobs.diff_jobs(
        sdk_jobs.canonical(jobs_before[key], assumptions=unsafe),
        sdk_jobs.canonical(jobs_after[key], assumptions=unsafe), key)]
    assert not differences, "\n".join(differences)


def _check_groups_and_labels(source: str, result, unsafe: bool, name_clash: bool):
    """Each group is applied whole or not at all, and (unless the fixer refused a clashing name,
    which no label foresees) each finding's label is what the fix did."""
    applied = {(item.code, item.line, item.column) for item in result.applied}
    left = {(item.code, item.line, item.column): item.text for item in result.manual + result.dropped}
    groups = {}
    for finding in check_source(source):
        if finding.fix is None:
            continue
        key = (finding.code, finding.span.line, finding.span.col + 1)
        if finding.fix.group:
            groups.setdefault(finding.fix.group, []).append(key in applied)
        applies = finding.fix.applicability is SAFE or (unsafe and finding.fix.applicability is UNSAFE)
        if name_clash and applies and key not in applied:
            # refused in the loop: the member refused says why, the others which member held them
            assert left[key].startswith(("name ", "fix not applied: it goes together with")), left[key]
        else:
            assert (key in applied) == applies, (key, finding.fix.applicability, finding.message)
    assert groups and all(len(set(states)) == 1 for states in groups.values()), groups


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_a_fixed_program_constructs_and_submits_the_same_jobs(name, unsafe, tmp_path):
    before = CASES[name]
    result = fix_text(before, "python", unsafe=unsafe)
    _check_groups_and_labels(before, result, unsafe, name_clash="# name clash\n" in before)
    _same_jobs(before, result.text, before, result.text, tmp_path, unsafe)
    assert fix_text(result.text, "python", unsafe=unsafe).text == result.text


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("packages", ["", ", pip_packages=['tqdm']"], ids=["unsafe-group", "safe-group"])
def test_a_group_across_notebook_cells_moves_as_one(packages, unsafe, tmp_path):
    """Azure/MachineLearningNotebooks train-hyperparameter-tune-deploy-with-pytorch: the
    estimator in one cell, markdown, the HyperDriveConfig in a later cell."""
    cells = [("code", "from azureml.train.dnn import PyTorch\n"
                      "from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, uniform\n"
                      "from azureml.train.hyperdrive import PrimaryMetricGoal\n"),
             ("code", "est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster,\n"
                      f"              framework_version='1.6', script_params={{'--epochs': 5}}{packages})\n"),
             ("markdown", "## Tune the learning rate\n"),
             ("code", "sampling = RandomParameterSampling({'--lr': uniform(0.01, 0.1)})\n"
                      "hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling,\n"
                      "                      primary_metric_name='acc',\n"
                      "                      primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,\n"
                      "                      max_total_runs=4)\n")]
    before = notebook(cells)
    result = fix_text(before, "notebook", unsafe=unsafe)
    changed = [cell["source"] != old["source"] for cell, old in zip(json.loads(result.text)["cells"],
                                                                    json.loads(before)["cells"])]
    rewritten = unsafe or bool(packages)
    assert changed[1] is changed[3] is rewritten
    assert {item.code for item in result.applied} >= ({"AML101", "AML104"} if rewritten else set())
    _same_jobs("# compare: hd\n", result.text, program(before), program(result.text), tmp_path, unsafe)
    assert fix_text(result.text, "notebook", unsafe=unsafe).text == result.text


# -- the machine reports name the group, and SARIF offers no part of one -----------------------
def test_the_audit_reports_name_the_group_and_sarif_offers_none_of_its_fixes(tmp_path):
    from tests.test_audit_support import run_audit, write

    write(tmp_path, "tune.py", CASES["safe_hyperdrive_group"])
    reports = {}
    for fmt in ("json", "sarif"):
        result = run_audit("--isolated", "--format", fmt, ".", cwd=tmp_path)
        assert result.returncode == 1 and result.stderr == "", result.stderr
        reports[fmt] = json.loads(result.stdout)
    grouped = [item for item in reports["json"]["findings"] if item["fix"] and item["fix"]["group"]]
    assert {item["code"] for item in grouped} == {"AML101", "AML301", "AML302", "AML104"}
    assert len({item["fix"]["group"] for item in grouped}) == 1
    assert all(item["fix"]["applicability"] == "safe" for item in grouped)
    results = reports["sarif"]["runs"][0]["results"]
    hyperdrive = [item for item in results if item["ruleId"] == "AML104"]
    # the rename alone (no imports, so offered before groups) would hand HyperDrive an Estimator
    assert hyperdrive and all("fixes" not in item for item in hyperdrive)
    assert all(item["properties"]["fix"]["group"] for item in hyperdrive)
