"""What a rule is: its catalog entry, its typed message, its checks and its cases.

Each rule module builds one ``Rule`` and registers its checks on the facts they read with the
rule's decorators (``@RULE.on_calls(...)``, ``@RULE.on_imports`` ...). The package gathers the
modules; the engine dispatches facts to the registered checks. Nothing else knows a rule's code.
"""

from __future__ import annotations

import string
import textwrap
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Tuple

from ..facts import Confidence, ModuleFacts, Span
from ..fixes import Fix
from ..ids import PYLINT_CHECKER_ID
from ..messages import MANUAL, Status, render
from ..options import Options
from ..records import as_dict, field, field_names, record


DOC_SECTIONS = ("## What it does", "## Why", "## Example", "## Use instead", "## Fix safety")


class FixAvailability:
    """Whether a rule's findings carry an applicable fix (ruff's "fix availability")."""

    #: every finding carries a safe or unsafe fix
    ALWAYS = "always"
    #: some findings carry a fix; the others are manual findings that say why
    SOMETIMES = "sometimes"
    #: no finding is rewritten: the message says what to decide
    NEVER = "never"


def dedented(text: str) -> str:
    """``textwrap.dedent(text).strip()``, a few times faster on text indented with spaces only
    (every rule's texts: a flake8 run pays this for each rule module it loads)."""
    if "\t" in text or "\r" in text:
        return textwrap.dedent(text).strip()
    lines = text.split("\n")
    margin = min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip(" ")), default=0)
    return "\n".join(line[margin:] if line.strip(" ") else "" for line in lines).strip()


@record
class Context:
    """What every check receives besides its own fact."""

    facts: "ModuleFacts"
    options: Options


@record
class Finding:
    rule: "Rule"
    span: Span
    #: the rule's message template filled in: what is deprecated, the replacement in a few words
    text: str
    #: a multi-line suggested rewrite, when there is more to say than the message
    hint: str = ""
    confidence: Confidence = Confidence.HIGH
    #: the structured rewrite the hint is rendered from, when the rule has one
    fix: Optional[Fix] = None
    #: what ``azureml-migrate fix`` can do about it (the fix's, or manual with what to do)
    status: Status = Status()

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def message(self) -> str:
        """The one line every front end shows (``messages.render``)."""
        return render(self.text, self.status)


@record
class Cases:
    """Snippets a rule's unit test runs: each ``invalid`` one gives at least one finding of
    the rule, each ``valid`` one none. Snippets import what they use."""

    invalid: Tuple[str, ...] = ()
    valid: Tuple[str, ...] = ()


Check = Callable[..., Iterator[Finding]]


@record(eq=False)
class Rule:
    code: str
    #: the last two digits of the pylint msgid
    number: str
    symbol: str
    name: str
    summary: str
    #: ``str.format`` template whose fields are exactly those of ``fields``
    message: str
    #: the rule's message record class (``Message`` in its module)
    fields: Any
    what: str
    why: str
    example: str
    #: the code to write instead; empty when ``instead_is_fix``: then "Use instead" is what
    #: ``azureml-migrate fix --unsafe-fixes`` writes for ``example`` (computed, so the docs and
    #: ``explain`` never drift from the tool)
    instead: str
    #: the "Fix safety" section: what the fix rewrites, when it is safe, unsafe or manual, and why
    fix_safety: str
    cases: Cases
    default_enabled: bool = True
    #: the SDK version the deprecation concerns
    concerns: str = ""
    fix: str = FixAvailability.NEVER
    pylint_category: str = "W"
    retired: bool = False
    #: the migration target (``settings.TARGETS``) whose choice turns this default-off rule on
    target: Optional[str] = None
    #: the same job written for SDK v2 (azure-ai-ml), where one exists: ``explain`` shows both
    instead_v2: str = ""
    instead_is_fix: bool = False
    #: checks by the fact they read: filled by the decorators below
    checks: Dict[str, List[Tuple[Tuple[str, ...], Check]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for key in ("what", "why", "example", "instead", "fix_safety", "instead_v2"):
            object.__setattr__(self, key, dedented(getattr(self, key)))
        template_fields = {name for _, name, _, _ in string.Formatter().parse(self.message) if name}
        if template_fields != set(field_names(self.fields)):
            raise TypeError(f"{self.code}: message fields {sorted(template_fields)} "
                            f"differ from {self.fields.__name__} {list(field_names(self.fields))}")

    @property
    def msgid(self) -> str:
        return f"{self.pylint_category}{PYLINT_CHECKER_ID}{self.number}"

    def finding(self, span: Span, fields: Any, *, hint: str = "",
                confidence: Confidence = Confidence.HIGH, fix: Optional[Fix] = None,
                manual: str = "") -> Finding:
        """A finding of this rule; with a fix, its hint is the fix's own rendering and its status
        the fix's, else its status is manual with ``manual`` (what to do by hand) as reason."""
        if not isinstance(fields, self.fields):
            raise TypeError(f"{self.code} takes {self.fields.__name__}, not {type(fields).__name__}")
        if fix is not None:
            if hint or manual:
                raise TypeError(f"{self.code}: a finding with a fix takes its hint and status from the fix")
            hint = fix.hint()
            status = Status.of(fix)
        else:
            status = Status(MANUAL, manual)
        return Finding(self, span, self.message.format(**as_dict(fields)), hint, confidence, fix, status)

    # -- registering checks ----------------------------------------------------------------
    def _register(self, fact: str, keys: Iterable[str] = ()) -> Callable[[Check], Check]:
        def decorate(check: Check) -> Check:
            self.checks.setdefault(fact, []).append((tuple(keys), check))
            return check
        return decorate

    def on_calls(self, *canonicals: str) -> Callable[[Check], Check]:
        """``check(call, context)`` for calls of these tracked classes."""
        return self._register("call", canonicals)

    def on_methods(self, *methods: str) -> Callable[[Check], Check]:
        """``check(call, context)`` for ``<expr>.method(...)`` calls the builder records."""
        return self._register("method", methods)

    def on_imports(self, check: Check) -> Check:
        """``check(import_fact, context)`` for every import from the SDK."""
        return self._register("import")(check)

    def on_attribute_assignments(self, check: Check) -> Check:
        """``check(assignment, context)`` for assignments to tracked attributes."""
        return self._register("assignment")(check)

    def on_requirements(self, check: Check) -> Check:
        """``check(requirement, context)`` for every requirement string."""
        return self._register("requirement")(check)

    def on_submissions(self, check: Check) -> Check:
        """``check(submission, context)`` for every ``Experiment(...).submit(job)`` a fix may rewrite."""
        return self._register("submission")(check)

    # -- documentation ---------------------------------------------------------------------
    def use_instead(self) -> str:
        """The "Use instead" code: ``instead``, or the example as ``fix --unsafe-fixes`` rewrites it
        with the rules on by default and this one (``fix --extend-select CODE --isolated``)."""
        if not self.instead_is_fix:
            return self.instead
        from ..fixer import fix_text
        from ..rules import RULES

        wanted = {rule.code for rule in RULES if rule.default_enabled and not rule.retired} | {self.code}
        return fix_text(self.example + "\n", "python", wanted=wanted.__contains__, unsafe=True).text.strip()

    def docs(self) -> str:
        """The rule's documentation page, Markdown, the same sections for every rule."""
        state = "On by default." if self.default_enabled else "Off by default: select it to use it."
        if self.target and not self.default_enabled:
            state = f'Off by default: on with `target = "{self.target}"` (`--target {self.target}`), or select it.'
        if self.retired:
            state = "Retired: it reports nothing, and its code is never reused."
        return "\n".join([
            f"# {self.code} `{self.symbol}` ({self.msgid})", "",
            f"{self.summary}. {state}", "",
            "## What it does", "", self.what, "",
            "## Why", "", self.why, "",
            "## Example", "", "```python", self.example, "```", "",
            "## Use instead", "", *(["What `azureml-migrate fix --unsafe-fixes` writes for the example:", ""]
                                    if self.instead_is_fix else []),
            "```python", self.use_instead(), "```", "",
            *(["## Use instead with target v2 (azure-ai-ml)", "", "```python", self.instead_v2, "```", ""]
              if self.instead_v2 else []),
            "## Fix safety", "", f"Fix availability: {_FIX_TEXT[self.fix]}", "", self.fix_safety, "",
        ])


_FIX_TEXT = {
    FixAvailability.ALWAYS: "always: every finding carries a safe or unsafe fix.",
    FixAvailability.SOMETIMES: "sometimes: some findings carry a safe or unsafe fix; the others say why not.",
    FixAvailability.NEVER: "never: no finding is rewritten; the message says what to decide.",
}
