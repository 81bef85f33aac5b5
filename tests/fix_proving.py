"""Proving fixes with the real SDK, shared by the proof tests: read ``# case:`` files, fix a
case with --unsafe-fixes and compare the whole jobs before and after (tests/sdk_jobs.py).

A rewrite that compares no job is never proven: :func:`prove` raises :class:`Unproven`, which
fails a test unless the test catches it and reports the case as unproven."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sdk_jobs import OfflineViolation, canonical, diff_jobs, jobs_of

from azureml_migrate.engine import check_source
from azureml_migrate.fixer import fix_text
from azureml_migrate.fixes import Applicability


class Unproven(AssertionError):
    """A rewrite whose jobs could not be compared (the original needs the network, or no job
    of the original is left to compare): it is not proven, and must not be counted as such."""


def read_cases(path: Path):
    """``# case: <name>`` blocks of a cases file, by name."""
    cases, name, lines = {}, None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# case: "):
            if name:
                cases[name] = "\n".join(lines) + "\n"
            name, lines = line[len("# case: "):], []
        elif name:
            lines.append(line)
    cases[name] = "\n".join(lines) + "\n"
    return cases


def estimator_findings(source):
    return [f for f in check_source(source) if f.code.startswith(("AML101", "AML103", "AML104", "AML3"))]


def prove(name, before, tmp_path):
    """Fix ``before`` with --unsafe-fixes; if anything estimator-related is left, return the
    manual findings. Otherwise prove the rewrite with the real SDK: the same whole jobs, no new
    finding, nothing left to fix. Returns the manual findings (empty when rewritten and proven);
    raises :class:`Unproven` when the rewrite is made but no job could be compared."""
    after = fix_text(before, "python", unsafe=True).text
    assert fix_text(after, "python", unsafe=True).text == after, f"{name}: a second run changed the file"
    codes_before = Counter(f.code for f in check_source(before))
    codes_after = Counter(f.code for f in check_source(after))
    assert not codes_after - codes_before, f"{name}: the rewrite introduced {codes_after - codes_before}"
    left = estimator_findings(after)
    if left:
        assert all(f.fix is not None and f.fix.reason for f in left), f"{name}: a finding left without a reason"
        return left
    applicabilities = {f.fix.applicability for f in check_source(before) if f.fix is not None and f.fix.applies}
    safe = applicabilities == {Applicability.SAFE}
    try:
        jobs_before = jobs_of(before, tmp_path / "before")
    except OfflineViolation as violation:
        raise Unproven(f"{name}: rewritten, but the original cannot be built offline, so nothing "
                       f"was compared ({str(violation)[:160]})") from violation
    jobs_after = jobs_of(after, tmp_path / "after")
    # a call that was not assigned gets a new variable: only the original's jobs are compared
    assert set(jobs_before) <= set(jobs_after), (sorted(jobs_before), sorted(jobs_after))
    # an estimator handed to EstimatorStep cannot be submitted any more (the step blanked its
    # target): it is no job, only the step that took it is
    compared = sorted(key for key, job in jobs_before.items() if "submit_error" not in job)
    # "# compare: hd" names the jobs a case is about (an estimator only HyperDrive reads is no
    # job of its own: HyperDrive submits it with its tuned arguments removed)
    chosen = [line[len("# compare:"):].split() for line in before.splitlines() if line.startswith("# compare:")]
    if chosen:
        compared = [key for key in compared if key in chosen[0]]
    if not compared:
        raise Unproven(f"{name}: rewritten, but no job of the original is left to compare "
                       f"(jobs: {sorted(jobs_before)})")
    differences = [line for key in compared for line in diff_jobs(
        canonical(jobs_before[key], assumptions=not safe), canonical(jobs_after[key], assumptions=not safe), key)]
    assert not differences, f"{name} ({'safe' if safe else 'unsafe'}):\n" + "\n".join(differences)
    return []
