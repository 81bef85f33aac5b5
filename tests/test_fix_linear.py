"""Fixing a module with N estimator calls costs time linear in N: ``fix`` finds the statement of
each call it rewrites (``builder.sites``) by a search per call, once a scan of the whole module
body per call (500 calls 4.3 s, 5,000 calls 156 s).

As in test_robust_audit_linear.py, only the ratio of two sizes is asserted, never an absolute
time: CPU time of this process, the best of a few runs, N and 10N in one test.
"""

from __future__ import annotations

import ast
import time

from azureml_migrate.builder import build_facts
from azureml_migrate.fixer import fix_text

#: 10 times the input may cost at most this many times the time (quadratic would be 100)
MAX_RATIO = 30
RUNS = 3
N = 300


def estimator_module(count: int) -> str:
    """The shape that was quadratic: ``count`` top-level estimator calls, one a statement."""
    calls = "".join(f"est{i} = Estimator(source_directory='src', entry_script='train.py', compute_target='cpu', "
                    f"pip_packages=['numpy'])\n" for i in range(count))
    return "from azureml.train.estimator import Estimator\n" + calls


def facts_seconds(source: str) -> float:
    tree = ast.parse(source)
    best = float("inf")
    for _ in range(RUNS):
        started = time.process_time()
        facts = build_facts(tree, source)
        best = min(best, time.process_time() - started)
    assert all(call.site is not None for call in facts.calls if call.canonical == "Estimator")
    return best


def test_placing_ten_times_the_calls_costs_about_ten_times_the_time():
    small, large = facts_seconds(estimator_module(N)), facts_seconds(estimator_module(10 * N))
    ratio = large / small
    assert ratio < MAX_RATIO, f"{small:.3f}s for {N} calls, {large:.3f}s for {10 * N} (x{ratio:.0f})"


def test_every_call_of_the_large_module_is_rewritten():
    """What is timed is the real work: each call gets its statement and its rewrite."""
    result = fix_text(estimator_module(N), "python")
    assert len([item for item in result.applied if item.code == "AML101"]) == N
    assert "Estimator(" not in result.text.split("\n", 1)[1]
