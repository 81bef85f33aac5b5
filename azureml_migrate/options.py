"""What a host configures for the rules, importable without the rules: a flake8 run builds it
for every file that passes the text prefilter, and most of those never need a rule."""

from __future__ import annotations

from typing import TYPE_CHECKING, Tuple

from .records import field, record

if TYPE_CHECKING:
    from packaging.version import Version


@record
class Options:
    """What the host configures for the rules."""

    min_sdk_version: "Version" = field(default_factory=lambda: _default_min_sdk_version())
    #: what fixes and hints migrate to (``settings.TARGETS``)
    target: str = "scriptrunconfig"
    #: the targets whose rule families report (``CodeSelection.target_families``): a family's
    #: checks run only when the host's selection turns it on
    target_rules: Tuple[str, ...] = ()
    #: the project's line length (``settings.find_line_length``), which rewrites are wrapped to
    line_length: int = 88


def _default_min_sdk_version() -> "Version":
    from packaging.version import Version

    from .sdk import DEFAULT_MIN_SDK_VERSION

    return Version(DEFAULT_MIN_SDK_VERSION)
