"""Load and compile recognizer specs from ``data/recognizers/<name>.yaml`` (once per process).

The format (see DEVELOPERS.md for the examples part; ``incident_id.yaml`` for a full spec)::

    type: error_code
    macros: {L: '(?<![\\w.])'}               # local fragments, spliced in as {{L}}
    context_words:                            # named word lists, per language
      mail: {de: [E-Mail*, Postfach], en: [mailbox, email*]}
    patterns:                                 # in priority order ("source order")
      - name: smtp-joined
        regex: '{{L}}(?P<basic>[245]\\d\\d) (?P<enh>...)'   # {{macro:<name>}}: a table fragment
        flags: [IGNORECASE]                   # optional
        group: span                           # the span's group; default "span" if present, else 0
        span_start: reason                    # optional: a group (in a look-behind) that starts the span
        score: 0.98
        context: {words: mail, before: 120, after: 80, required: true, score: 0.9}
        exclude_before: 'Version\\s*'         # must end where the span starts (case-insensitive)
        exclude_after: '\\s*Uhr'              # must start where the span ends (case-insensitive)
        validator: smtp_joined                # names from extract/recognizers/functions.py
        normalizer: smtp
        enricher: smtp
        extra: {scheme: smtp}
        requires: ['/incidents/']             # optional: literals (case-sensitive) of which every match
                                              # (with its look-behind) holds one; texts without one
                                              # are not scanned (a speed-up only)
        requires_any_case: [error, fehler]    # optional: the same, ignoring case (lower-case ASCII)
        anchor: '(?<!\\d)[1-5]\\d\\d(?!\\d)'   # optional: a regex (no flags) that matches wherever
                                              # a match starts; the pattern is tried only there (a
                                              # speed-up: one scan per text, shared by the patterns
                                              # with the same anchor, instead of a try at every offset)

Context words are listed per language for curation, but all languages are searched: German posts
quote English status updates and the other way round. A word ending in ``*`` matches as a prefix
("E-Mail*" finds "E-Mail-Server"); a word starting with ``re:`` is a regular expression.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

import regex

from extract.errors import ResourceError
from extract.recognizers.base import ContextSpec, PatternSpec, RecognizerSpec
from extract.recognizers.functions import (
    ENRICHERS,
    MACROS,
    NORMALIZERS,
    SPAN_KEEPING_ENRICHERS,
    VALIDATORS,
)
from extract.resources import load_yaml

_FLAGS = {"IGNORECASE": regex.IGNORECASE, "MULTILINE": regex.MULTILINE, "VERBOSE": regex.VERBOSE}
_PLACEHOLDER = re.compile(r"\{\{(macro:)?([A-Za-z_][A-Za-z0-9_]*)\}\}")


def _expand(template: str, local: Mapping[str, str], where: str) -> str:
    """Replace {{NAME}} by a local macro and {{macro:name}} by a table-derived fragment."""

    def replace(match: re.Match[str]) -> str:
        table, name = match.group(1), match.group(2)
        if table:
            if name not in MACROS:
                raise ResourceError(f"{where}: unknown macro {name!r}")
            return f"(?:{MACROS[name]()})"
        if name not in local:
            raise ResourceError(f"{where}: unknown fragment {name!r}")
        return local[name]

    # Local fragments may themselves use fragments defined before them.
    for _ in range(5):
        expanded = _PLACEHOLDER.sub(replace, template)
        if expanded == template:
            break
        template = expanded
    if "{{" in template:
        raise ResourceError(f"{where}: unexpanded placeholder near {template[template.index('{{') :][:30]!r}")
    return template


def compile_words(words: Mapping[str, list[str]] | list[str], where: str) -> regex.Pattern[str]:
    """Compile context words (per language, or a plain list) into one case-insensitive regex."""
    items = (
        [w for lang_words in words.values() for w in lang_words]
        if isinstance(words, Mapping)
        else list(words)
    )
    if not items:
        raise ResourceError(f"{where}: empty context word list")
    parts = []
    for word in sorted(set(map(str, items)), key=lambda w: (-len(w), w)):
        if word.startswith("re:"):
            parts.append(f"(?:{word[3:]})")
            continue
        prefix = word.endswith("*")
        body = r"[\s\-]+".join(regex.escape(w) for w in word.rstrip("*").split())
        parts.append(body if prefix else body + r"(?!\w)")
    return regex.compile(rf"(?<!\w)(?:{'|'.join(parts)})", regex.IGNORECASE)


def _lookup(table: Mapping[str, Any], name: str | None, kind: str, where: str) -> Any:
    if name is None:
        return None
    if name not in table:
        raise ResourceError(f"{where}: unknown {kind} {name!r} (known: {', '.join(sorted(table))})")
    return table[name]


def _context(raw: Any, named: Mapping[str, regex.Pattern[str]], where: str) -> ContextSpec | None:
    if raw is None:
        return None
    words = raw["words"]
    if isinstance(words, str):
        if words not in named:
            raise ResourceError(f"{where}: unknown context word list {words!r}")
        pattern = named[words]
    else:
        pattern = compile_words(words, where)
    return ContextSpec(
        words=pattern,
        before=int(raw.get("before", 80)),
        after=int(raw.get("after", 40)),
        required=bool(raw.get("required", True)),
        score=float(raw["score"]) if raw.get("score") is not None else None,
    )


def _requires(raw: Any, compiled: regex.Pattern[str], where: str) -> tuple[str, ...]:
    """Return the literal prefilter of a pattern: strings of which every match holds one."""
    if raw is None:
        return ()
    literals = (raw,) if isinstance(raw, str) else tuple(raw)
    if not literals or not all(isinstance(x, str) and x for x in literals):
        raise ResourceError(f"{where}: requires must be a non-empty string or list of strings")
    if compiled.flags & regex.IGNORECASE:
        raise ResourceError(f"{where}: requires is case-sensitive; the pattern ignores case")
    return literals


def _requires_any_case(raw: Any, where: str) -> tuple[str, ...]:
    """Return the case-insensitive prefilter: lower-case ASCII literals (so case folding is exact)."""
    if raw is None:
        return ()
    literals = (raw,) if isinstance(raw, str) else tuple(raw)
    if not literals or not all(isinstance(x, str) and x and x.isascii() and x == x.lower() for x in literals):
        raise ResourceError(f"{where}: requires_any_case must list non-empty lower-case ASCII strings")
    return literals


@cache
def _compile_anchor(source: str) -> regex.Pattern[str]:
    return regex.compile(source)


def _anchor(raw: Any, local: Mapping[str, str], where: str) -> regex.Pattern[str]:
    """Compile an anchor once per distinct text, so patterns sharing it share its scan."""
    try:
        return _compile_anchor(_expand(str(raw), local, where))
    except regex.error as err:
        raise ResourceError(f"{where}: bad anchor: {err}") from err


def compile_spec(data: Mapping[str, Any], name: str) -> RecognizerSpec:
    """Compile a parsed spec; raise ResourceError naming the pattern at fault."""
    mention_type = data["type"]
    recognizer = data.get("recognizer", name)
    local: dict[str, str] = {}
    for key, fragment in (data.get("macros") or {}).items():
        local[key] = _expand(str(fragment), local, f"{name}: macro {key}")
    named = {
        key: compile_words(words, f"{name}: context_words {key}")
        for key, words in (data.get("context_words") or {}).items()
    }
    patterns = []
    for raw in data.get("patterns") or []:
        where = f"{name}/{raw.get('name')}"
        flags = 0
        for flag in raw.get("flags") or []:
            flags |= _FLAGS[flag]
        try:
            compiled = regex.compile(_expand(raw["regex"], local, where), flags)
        except regex.error as err:
            raise ResourceError(f"{where}: bad regex: {err}") from err
        group = raw.get("group", "span" if "span" in compiled.groupindex else 0)
        exclude_before = raw.get("exclude_before")
        exclude_after = raw.get("exclude_after")
        anchor = raw.get("anchor")
        patterns.append(
            PatternSpec(
                recognizer=recognizer,
                name=str(raw["name"]),
                type=mention_type,
                regex=compiled,
                score=float(raw["score"]),
                group=group,
                span_start=raw.get("span_start"),
                context=_context(raw.get("context"), named, where),
                # Searched backwards (REVERSE) from the span: the match must end there, so the
                # first try decides, where a forward search would try every offset of the window.
                exclude_before=(
                    regex.compile(
                        f"(?:{_expand(exclude_before, local, where)})\\Z", regex.IGNORECASE | regex.REVERSE
                    )
                    if exclude_before
                    else None
                ),
                exclude_after=(
                    regex.compile(f"(?:{_expand(exclude_after, local, where)})", regex.IGNORECASE)
                    if exclude_after
                    else None
                ),
                validator=_lookup(VALIDATORS, raw.get("validator"), "validator", where),
                normalizer=_lookup(NORMALIZERS, raw.get("normalizer"), "normalizer", where),
                enricher=_lookup(ENRICHERS, raw.get("enricher"), "enricher", where),
                extra=dict(raw.get("extra") or {}),
                requires=_requires(raw.get("requires"), compiled, where),
                requires_any_case=_requires_any_case(raw.get("requires_any_case"), where),
                anchor=_anchor(anchor, local, where) if anchor else None,
                extends_span=raw.get("enricher") not in (None, *SPAN_KEEPING_ENRICHERS),
            )
        )
    if not patterns:
        raise ResourceError(f"{name}: no patterns")
    return RecognizerSpec(name=recognizer, type=mention_type, patterns=tuple(patterns))


@cache
def load_spec(name: str) -> RecognizerSpec:
    """Return the compiled spec of ``data/recognizers/<name>.yaml`` (compiled once, then cached)."""
    return compile_spec(load_yaml("recognizers", f"{name}.yaml"), name)
