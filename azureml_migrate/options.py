"""What a host configures for the rules, importable without the rules: a flake8 run builds it
for every file that passes the text prefilter, and most of those never need a rule."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Optional, Tuple

from .records import record

if TYPE_CHECKING:
    from packaging.version import Version


@record
class Options:
    """What the host configures for the rules."""

    #: the oldest SDK version requirements must allow; None: ``sdk.DEFAULT_MIN_SDK_VERSION``, read
    #: by ``minimum_sdk_version`` when a requirement rule first needs it (``packaging.version``
    #: costs more to import than the rest of a flake8 run's settings, and most modules have no
    #: requirement)
    min_sdk_version: Optional["Version"] = None
    #: what fixes and hints migrate to (``settings.TARGETS``)
    target: str = "scriptrunconfig"
    #: the targets whose rule families report (``CodeSelection.target_families``): a family's
    #: checks run only when the host's selection turns it on
    target_rules: Tuple[str, ...] = ()
    #: the project's line length (``settings.find_line_length``), which rewrites are wrapped to
    line_length: int = 88

    def reads_v2(self) -> bool:
        """Whether a v2 rule or rewrite may read a module's facts: the v2 target, or a target
        family turned on by the selection (the fact builder records more for them)."""
        return self.target == "v2" or bool(self.target_rules)

    def minimum_sdk_version(self) -> "Version":
        return self.min_sdk_version if self.min_sdk_version is not None else _default_min_sdk_version()


@functools.lru_cache(maxsize=None)
def _default_min_sdk_version() -> "Version":
    from packaging.version import Version

    from .sdk import DEFAULT_MIN_SDK_VERSION

    return Version(DEFAULT_MIN_SDK_VERSION)
