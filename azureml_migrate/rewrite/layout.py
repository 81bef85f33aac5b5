"""Generated code laid out to the project's line length, as black lays it out.

A statement is built from pieces (``Atom``: text written as it is; ``Keyword``: ``name=value``;
``Bracketed``: a call, list or subscript) and rendered flat when it fits. When it does not, the
outermost bracket is exploded, one item per line with a trailing comma (black's "magic trailing
comma", so black leaves it as it is), and each item is laid out the same way at the next
indentation; an assignment whose value is one long atom gets black's parentheses around it
when that makes it fit. Text the user wrote (an atom spanning lines) is kept as written.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Sequence, Tuple, Union

INDENT = 4


@dataclass(frozen=True)
class Atom:
    text: str

    def flat(self) -> str:
        return self.text


@dataclass(frozen=True)
class Keyword:
    name: str
    value: "Piece"

    def flat(self) -> str:
        return f"{self.name}={self.value.flat()}"


@dataclass(frozen=True)
class Bracketed:
    """``opening`` (``ScriptRunConfig(``, ``[``, ``refs[``) items ``closing``; an exploded
    subscript takes no trailing comma. ``comments`` (the user's, from the code it replaces)
    open the exploded form; its one-line form leaves them out."""

    opening: str
    items: Tuple["Piece", ...]
    closing: str
    trailing_comma: bool = True
    comments: Tuple[str, ...] = ()

    def flat(self) -> str:
        return f"{self.opening}{', '.join(item.flat() for item in self.items)}{self.closing}"


Piece = Union[Atom, Keyword, Bracketed]
Code = Union[str, "Piece"]


def piece(code: Code) -> "Piece":
    return Atom(code) if isinstance(code, str) else code


def call(callee: str, arguments: Sequence[Code], comments: Sequence[str] = ()) -> Bracketed:
    return Bracketed(f"{callee}(", tuple(piece(argument) for argument in arguments), ")", comments=tuple(comments))


def split_call(text: str) -> Code:
    """A call written as one string (``PyTorchConfiguration(process_count=4, node_count=2)``)
    as a layout call, so it wraps like the rest of the rewrite; other text stays one atom."""
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError:
        return text
    if (not isinstance(tree, ast.Call) or any(isinstance(item, ast.Starred) for item in tree.args)
            or any(item.arg is None for item in tree.keywords)):
        return text
    pieces = [ast.get_source_segment(text, item) for item in (*tree.args, *tree.keywords)]
    callee = ast.get_source_segment(text, tree.func)
    if callee is None or None in pieces:
        return text
    return call(callee, pieces)


def listing(items: Sequence[Code]) -> Bracketed:
    return Bracketed("[", tuple(piece(item) for item in items), "]")


def keyword(name: str, value: Code) -> Keyword:
    return Keyword(name, piece(value))


def substituted(body: "Piece", old: str, new: str) -> "Piece":
    """``body`` with ``old`` replaced by ``new`` in every text it holds."""
    if isinstance(body, Atom):
        return Atom(body.text.replace(old, new))
    if isinstance(body, Keyword):
        return Keyword(body.name, substituted(body.value, old, new))
    return Bracketed(body.opening.replace(old, new), tuple(substituted(item, old, new) for item in body.items),
                     body.closing, body.trailing_comma, body.comments)


@dataclass(frozen=True)
class Statement:
    """``head`` + a piece + ``tail`` (``x = `` ScriptRunConfig(...); ``for p in `` [...] ``:``);
    ``str()`` is its one-line form, ``render()`` its laid-out form."""

    head: str
    body: "Piece"
    tail: str = ""

    def __str__(self) -> str:
        return f"{self.head}{self.body.flat()}{self.tail}"

    def render(self, indent: int, line_length: int) -> str:
        """The statement laid out for a line starting at column ``indent``; lines after the first
        carry their indentation relative to the first."""
        return self.head + _layout(self.body, 0, indent + len(self.head), len(self.tail), indent, line_length,
                                   assigned=self.head.endswith("= ")) + self.tail


def render(line: Union[str, Statement], indent: int, line_length: int) -> str:
    return line.render(indent, line_length) if isinstance(line, Statement) else line


def expression(body: "Piece", indent: str, column: int, line_length: int) -> str:
    """``body`` written at ``column`` of a line indented ``indent``, whose text ends with it:
    lines after the first carry the whole indentation."""
    text = _layout(body, 0, column, 0, len(indent), line_length)
    return text.replace("\n", "\n" + indent)


def _layout(body: "Piece", depth: int, column: int, trailer: int, base: int, line_length: int,
            assigned: bool = False) -> str:
    """``body`` starting at ``column`` of a line indented ``depth`` past ``base``, followed on
    its last line by ``trailer`` characters."""
    flat = body.flat()
    commented = isinstance(body, Bracketed) and body.comments
    if "\n" not in flat and column + len(flat) + trailer <= line_length and not commented:
        return flat
    if isinstance(body, Keyword):
        name = f"{body.name}="
        return name + _layout(body.value, depth, column + len(name), trailer, base, line_length)
    if isinstance(body, Atom):
        inner = base + depth + INDENT
        if assigned and "\n" not in flat and inner + len(flat) <= line_length:
            return f"(\n{' ' * (depth + INDENT)}{flat}\n{' ' * depth})"
        return flat
    inner_depth = depth + INDENT
    comma = "," if body.trailing_comma or len(body.items) > 1 else ""
    lines = [body.opening] + [f"{' ' * inner_depth}{comment}" for comment in body.comments]
    for item in body.items:
        text = _layout(item, inner_depth, base + inner_depth, len(comma), base, line_length)
        lines.append(f"{' ' * inner_depth}{text}{comma}")
    lines.append(f"{' ' * depth}{body.closing}")
    return "\n".join(lines)
