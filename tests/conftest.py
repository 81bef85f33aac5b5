"""Shared pytest set-up: markers and hypothesis profiles."""

from __future__ import annotations

import os


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: long fuzzing and real-world sweeps; left out of the default run, run by "
                   ".ci/run as a separate bounded step: pytest -m slow")


try:
    from hypothesis import HealthCheck, settings
except ImportError:  # the fuzz tests skip themselves without hypothesis
    pass
else:
    # no deadline: speed is measured by benchmarks/, never asserted by a test
    settings.register_profile("default", max_examples=200, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.register_profile("thorough", max_examples=5000, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
