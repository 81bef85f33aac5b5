"""The shared configuration as the flake8 and pylint plugins apply it, file by file.

A plugin sees one file at a time and may be run over thousands; the configuration that applies
is found from the checked file's directory upwards (see ``settings``), and every directory
remembers the answer, so the cost per file is a dictionary lookup. The plugins ask only for
files that can have findings, after the cheap text prefilter.

Precedence, for that host only: the host's own option replaces the configured value where it
is given (``--azureml-min-sdk-version``, ``--azureml-target``; flake8 ``--select`` replaces ``select`` and
``--extend-select`` adds to ``extend-select``; for pylint, a default-off message pylint has
enabled counts as extend-selected). The configuration's ``ignore``, ``per-file-ignores`` and
``exclude`` still apply, and the host's own filtering (flake8 ``--ignore``, ``per-file-ignores``,
``# noqa``; pylint ``--disable``) applies after ours, as always.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple, Union


from .ids import FLAKE8_PREFIX
from .records import record
from .settings import (DEFAULT_TARGET, NO_FILE, CodeSelection, ConfigError, FileSettings, find_config_file,
                       ignored_for_file, is_excluded, read_config)

if TYPE_CHECKING:
    from packaging.version import Version

    from .rules import Rule


def host_codes(values: Optional[Sequence[str]]) -> Tuple[str, ...]:
    """The entries of a host's code list that can cover one of our codes (``AML3``, ``A``)."""
    return tuple(value.strip().upper() for value in values or ()
                 if value.strip() and (value.strip().upper().startswith(FLAKE8_PREFIX)
                                       or FLAKE8_PREFIX.startswith(value.strip().upper())))


@record
class FileView:
    """One configuration file merged with the host's options."""

    settings: FileSettings
    selection: CodeSelection
    #: None: the default (``Options.minimum_sdk_version``), not parsed until a rule needs it
    min_sdk_version: Optional[Version]
    target: str = DEFAULT_TARGET
    #: the targets whose rule families the selection turns on (``Options.target_rules``)
    target_rules: Tuple[str, ...] = ()

    def reports(self, code: str, filename: str, cwd: Path) -> bool:
        """Whether a finding of ``code`` in ``filename`` passes the configuration."""
        if not self.selection.enabled(code):
            return False
        if self.settings.per_file_ignores and any(
                code.startswith(prefix)
                for prefix in ignored_for_file(filename, self.settings.per_file_ignores, cwd)):
            return False
        return True

    def excludes(self, filename: str, cwd: Path) -> bool:
        patterns = self.settings.exclude + self.settings.extend_exclude
        return bool(patterns) and is_excluded(filename, patterns, cwd)


#: marks a directory not looked up yet (None means: looked up, no configuration file)
_UNSEEN: Any = object()


class LinterSettings:
    """Finds, reads and merges the configuration for each checked file, with caches."""

    def __init__(self, host_select: Optional[Sequence[str]] = None, host_extend_select: Sequence[str] = (),
                 host_min_sdk_version: Optional[Version] = None, cwd: Optional[Path] = None,
                 host_target: Optional[str] = None) -> None:
        chosen = host_codes(host_select)
        self.host_select: Optional[Tuple[str, ...]] = chosen if chosen else None
        self.host_extend_select = host_codes(host_extend_select)
        self.host_min_sdk_version = host_min_sdk_version
        self.host_target = host_target
        self.cwd = cwd or Path.cwd()
        self._directories: Dict[Path, Optional[Path]] = {}
        self._by_name: Dict[str, Optional[Path]] = {}
        self._views: Dict[Optional[Path], Union[FileView, ConfigError]] = {}

    def for_file(self, filename: str) -> FileView:
        """The view for the configuration that applies to ``filename`` (ConfigError if broken).

        ``filename`` may be ``stdin`` or ``-`` (editors): then the search starts at the cwd.
        Answers are kept per directory name, so the usual case is one string lookup.
        """
        if filename in ("", "-", "stdin"):
            directory = str(self.cwd)
        else:
            directory = os.path.dirname(os.path.abspath(os.path.join(self.cwd, filename)))
        config_file = self._by_name.get(directory, _UNSEEN)
        if config_file is _UNSEEN:
            config_file = self._by_name[directory] = self._find(Path(directory))
        return self.for_config(config_file)

    def for_directory(self, directory: Path) -> FileView:
        return self.for_config(self._find(Path(os.path.abspath(directory))))

    def _find(self, directory: Path) -> Optional[Path]:
        return find_config_file(directory, self._directories)

    def for_config(self, config_file: Optional[Path]) -> FileView:
        view = self._views.get(config_file)
        if view is None:
            try:
                view = self._view(read_config(config_file) if config_file is not None else NO_FILE)
            except ConfigError as error:
                view = error
            self._views[config_file] = view
        if isinstance(view, ConfigError):
            raise view
        return view

    def default_off_selected(self, directory: Path, host_disabled: Sequence[str] = ()) -> List["Rule"]:
        """Default-off rules the configuration for ``directory`` selects and the host's own
        options do not disable by name (pylint enables them; a broken file is reported later)."""
        try:
            view = self.for_directory(directory)
        except ConfigError:
            return []
        named = {name.strip().lower() for name in host_disabled}
        configured = CodeSelection(view.settings.select, view.selection.ignore, view.settings.extend_select,
                                   view.target)
        from .catalog import ACTIVE_RULES

        return [rule for rule in ACTIVE_RULES if not rule.default_enabled
                and configured.enabled(rule.code)
                and not named & {rule.code.lower(), rule.msgid.lower(), rule.symbol.lower()}]

    def _view(self, settings: FileSettings) -> FileView:
        target = self.host_target or settings.target or DEFAULT_TARGET
        selection = CodeSelection(
            select=self.host_select if self.host_select is not None else settings.select,
            ignore=settings.ignore + settings.extend_ignore,
            extend_select=settings.extend_select + self.host_extend_select,
            target=target,
        )
        version = self.host_min_sdk_version or settings.min_sdk_version
        return FileView(settings, selection, version, target, selection.target_families())
