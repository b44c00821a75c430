"""YAML from untrusted files (rule folders, article front matter) with bounded cost.

PyYAML's safe loader refuses Python tags but expands aliases without limit: a
few hundred bytes of nested ``&a [*b, *b, ...]`` describe billions of nodes (an
"alias bomb"), and deep nesting exhausts the recursion limit. ``load`` first walks
the event stream, which never expands an alias, and counts what the document would
become: the number of aliases, the nesting depth and the number of nodes once every
alias is expanded. Only a document within all three bounds is then constructed.
"""

from __future__ import annotations

import yaml

# libyaml's safe loader when PyYAML was built with it (several times faster on the big lexicons).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_ALIASES = 100
MAX_DEPTH = 64
MAX_NODES = 2_000_000


class YAMLLimitError(yaml.YAMLError):
    """A YAML document over one of the bounds; the message says which."""


class _PlainLoader(yaml.SafeLoader):
    """The safe loader without timestamps: a date such as ``2024-02-30`` stays a string, never an error."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def check(
    text: str, max_aliases: int = MAX_ALIASES, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES
) -> None:
    """Raise YAMLLimitError if ``text`` has too many aliases, nests too deep or expands to too many nodes."""
    aliases, depth = 0, 0
    anchors: dict[str, int] = {}  # anchor -> expanded node count of the node it names
    open_: list[list] = [[0, None]]  # per open collection: [nodes so far, anchor]
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > max_depth:
                raise YAMLLimitError(f"nesting deeper than {max_depth} levels")
            open_.append([1, event.anchor])
            continue
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
            size, anchor = open_.pop()
        elif isinstance(event, yaml.ScalarEvent):
            size, anchor = 1, event.anchor
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > max_aliases:
                raise YAMLLimitError(f"more than {max_aliases} aliases")
            size, anchor = anchors.get(event.anchor, 1), None
        else:
            continue
        if anchor is not None:
            anchors[anchor] = size
        open_[-1][0] += size
        if open_[-1][0] > max_nodes or open_[0][0] > max_nodes:
            raise YAMLLimitError(f"more than {max_nodes} nodes once aliases are expanded")


def load(
    text: str,
    max_aliases: int = MAX_ALIASES,
    max_depth: int = MAX_DEPTH,
    max_nodes: int = MAX_NODES,
    timestamps: bool = True,
):
    """The data of one YAML document, after ``check``; raises yaml.YAMLError (YAMLLimitError for the bounds).

    ``timestamps=False`` keeps dates as strings (front matter: a bad date must not fail the parse).
    """
    check(text, max_aliases, max_depth, max_nodes)
    return yaml.load(text, Loader=SAFE_LOADER if timestamps else _PlainLoader)
