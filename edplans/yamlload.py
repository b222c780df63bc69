"""Load YAML keeping the source line of every mapping key and sequence item.

Values come back as plain dicts, lists and strings; line numbers are kept in a
side table keyed by the id() of the container, so validation can say
`document.yaml:14 corrections[2].find: ...`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .controls import HINT as CONTROL_HINT, describe, find_control, first_control
from .errors import ContentError


# libyaml's parser when present (several times faster); node marks carry lines either way.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BASE):
    """Safe loader whose nodes we construct ourselves, recording start lines.
    Dates stay strings (no implicit timestamps)."""


# Keep ISO dates as the strings the editor wrote: types are decided by the schema, not YAML.
_LineLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class LineMap:
    """Lines of keys and items: lines[id(container)][key or index] = 1-based line."""

    lines: dict[int, dict[Any, int]] = field(default_factory=dict)
    roots: list[Any] = field(default_factory=list)  # keep containers alive so ids stay unique

    def line(self, container: Any, key: Any = None, default: int | None = None) -> int | None:
        table = self.lines.get(id(container))
        if table is None:
            return default
        if key is None:
            return table.get("__self__", default)
        return table.get(key, table.get("__self__", default))


def _construct(loader: _LineLoader, node: yaml.Node, linemap: LineMap,
               memo: dict[int, Any] | None = None) -> Any:
    """Build values from nodes. An alias is built once (no exponential 'billion laughs'),
    a recursive one is refused, and mapping keys must be plain scalars."""
    memo = {} if memo is None else memo
    if id(node) in memo:
        if memo[id(node)] is _IN_PROGRESS:
            raise yaml.constructor.ConstructorError(None, None, "recursive alias", node.start_mark)
        return memo[id(node)]
    memo[id(node)] = _IN_PROGRESS
    value = _construct_new(loader, node, linemap, memo)
    memo[id(node)] = value
    return value


_IN_PROGRESS = object()
_STR = "tag:yaml.org,2002:str"


class _ControlCharacter(Exception):
    """A text value holds a character no page may show (written with a YAML escape)."""

    def __init__(self, line: int, char: str):
        super().__init__(char)
        self.line, self.char, self.field = line, char, ""

    def within(self, key: Any) -> "_ControlCharacter":
        step = f"[{key}]" if isinstance(key, int) else str(key)
        self.field = step + ("" if not self.field else self.field if self.field.startswith("[") else "." + self.field)
        return self


def _text(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    # A raw control character was refused before parsing; only an escape ("\e") can make one.
    match = loader.escapes and find_control(node.value)
    if match:
        raise _ControlCharacter(node.start_mark.line + 1, match.group(0))
    return node.value


def _construct_new(loader: _LineLoader, node: yaml.Node, linemap: LineMap, memo: dict[int, Any]) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        table = {"__self__": node.start_mark.line + 1}
        seen: dict[Any, int] = {}
        loader.flatten_mapping(node)  # resolve `<<:` merge keys
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be a plain word or number, not a list or mapping", key_node.start_mark)
            key = _text(loader, key_node) if key_node.tag == _STR else loader.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first on line {seen[key]})", key_node.start_mark)
            seen[key] = key_node.start_mark.line + 1
            try:
                result[key] = _construct(loader, value_node, linemap, memo)
            except _ControlCharacter as exc:
                raise exc.within(key)
            table[key] = key_node.start_mark.line + 1
        linemap.lines[id(result)] = table
        linemap.roots.append(result)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, child in enumerate(node.value):
            try:
                items.append(_construct(loader, child, linemap, memo))
            except _ControlCharacter as exc:
                raise exc.within(index)
        table = {"__self__": node.start_mark.line + 1}
        table.update({i: child.start_mark.line + 1 for i, child in enumerate(node.value)})
        linemap.lines[id(items)] = table
        linemap.roots.append(items)
        return items
    if node.tag == _STR:      # most values: the text as written, without the constructor's bookkeeping
        return _text(loader, node)
    return loader.construct_object(node, deep=True)


# libyaml recurses once per level of nesting and the interpreter's recursion guard does not
# cover it: 30,000 nested `[` ended the process with a segmentation fault (issue 16). The text
# is measured before the parser sees it; no annotation file comes near these bounds.
MAX_FLOW_DEPTH = 100          # [ and { open at once
MAX_INDENT = 400              # columns of indentation (about 200 levels of block nesting)
MAX_COMPACT = 50              # "- - - x": block entries opened on one line, each a level
_DEEP_INDENT = re.compile(r"^ {%d,}\S" % (MAX_INDENT + 1), re.M)
_COMPACT = re.compile(r"(?:[-?][ \t]+){%d,}" % (MAX_COMPACT + 1))
# Two entries opened on one line, which any match of _COMPACT starts with: found four times
# faster, since _COMPACT tries its repetition at every "- " of a list.
_TWO_ENTRIES = re.compile(r"[-?][ \t]+[-?][ \t]")
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _too_deep(text: str) -> tuple[int, str] | None:
    """(line, what) where the text nests deeper than the parser may be asked to go."""
    match = _DEEP_INDENT.search(text)
    if match:
        return text.count("\n", 0, match.start()) + 1, f"indented more than {MAX_INDENT} columns"
    pair = _TWO_ENTRIES.search(text)
    match = pair and _COMPACT.search(text, pair.start())
    if match:
        return text.count("\n", 0, match.start()) + 1, f"more than {MAX_COMPACT} entries opened on one line"
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return None
    depth = 0
    for bracket in _NOT_BRACKET.sub("", text):
        depth = depth + 1 if bracket in "[{" else max(0, depth - 1)
        if depth > MAX_FLOW_DEPTH:
            # found: now find its line (rare, so the slow walk is fine)
            depth, line = 0, 1
            for char in text:
                line += char == "\n"
                if char in "[{":
                    depth += 1
                    if depth > MAX_FLOW_DEPTH:
                        return line, f"more than {MAX_FLOW_DEPTH} brackets open at once"
                elif char in "]}":
                    depth = max(0, depth - 1)
    return None


def load_yaml(text: str, path: str) -> tuple[Any, LineMap, ContentError | None]:
    """Parse one YAML document; a syntax error becomes a ContentError with its line."""
    linemap = LineMap()
    control = first_control(text)
    if control:    # the YAML reader refuses most of these too, but without saying where
        return None, linemap, ContentError(path, f"contains the character {control[1]}", control[0], hint=CONTROL_HINT)
    deep = _too_deep(text)
    if deep:
        return None, linemap, ContentError(path, f"YAML nests too deeply: {deep[1]}", deep[0],
                                           hint="flatten the structure; annotation files need a few levels")
    loader = _LineLoader(text)
    loader.escapes = "\\" in text
    try:
        node = loader.get_single_node()
        data = None if node is None else _construct(loader, node, linemap)
    except RecursionError:
        return None, linemap, ContentError(path, "YAML nests too deeply", hint="flatten the structure")
    except _ControlCharacter as exc:
        return None, linemap, ContentError(path, f"contains the character {describe(exc.char)}", exc.line,
                                           field=exc.field, hint=CONTROL_HINT)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        return None, linemap, ContentError(path, f"YAML syntax error: {problem}", line,
                                           hint="check indentation, colons and quoting on this line")
    except yaml.YAMLError as exc:
        return None, linemap, ContentError(path, f"YAML error: {exc}")
    finally:
        loader.dispose()
    return data, linemap, None
