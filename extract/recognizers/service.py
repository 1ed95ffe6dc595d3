"""Services and features from the service catalog, in German and English.

The catalog (``data/gazetteers/services.csv``: name, provider, kind, parent, aliases_en,
aliases_de) gives every canonical name and its surface forms. A mention's value is the canonical
name; rows of kind ``feature`` ("Free/busy", "Mail flow") give mentions of type ``feature``. Extra
keys: ``provider``, ``kind``, ``parent``.

Surface forms that are common words, company names or acronyms ("Teams", "Outlook", "Exchange",
"X", "Signal", "Lambda") are listed with a policy in ``data/gazetteers/services_ambiguous.csv`` and
accepted only in context: provider words elsewhere in the document, a list of other services, a
product word after them. Context words per language live in ``data/lang/<lang>/services.yaml``.

Matching: space and hyphen are interchangeable inside a name ("Exchange-Online", "Microsoft
365-Konto"), and a name may start a German hyphen compound ("Teams-Ausfall",
"Exchange-Online-Störung", "Azure-Cloud-Dienste"); the longest name wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from extract.model import Document, Mention
from extract.recognizers._gazetteer import SpanSet, WordStartPattern, trie_pattern
from extract.resources import load_csv, load_yaml

_SEPARATORS = {" ": r"[ \t\u00a0\-‐‑]"}
_NORMALIZE = re.compile(r"[ \t\u00a0\-‐‑]")
# A name does not follow a letter, digit, "@", "/", "." or hyphen.
_NOT_AFTER = r"[\w@/.\-‐‑]"
_RIGHT = r"(?:s)?(?!\w|\.[^\W_]|@)"
_WORD = re.compile(r"[^\W_][\w'’.\-]*|[,/&+()]")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]+")
_PLAIN = re.compile(r"[A-Za-zÄÖÜäöüß]+")


@dataclass(frozen=True, slots=True)
class Service:
    """One row of the service catalog."""

    name: str
    provider: str
    kind: str  # suite, service or feature
    parent: str | None


@dataclass(frozen=True, slots=True)
class _Alias:
    service: Service
    policy: str  # "always" or a context policy from services_ambiguous.csv
    first_upper: bool = False  # a case-insensitive alias that must still start upper-case
    form: str = ""  # the alias as the catalog writes it (for case checks of folded matches)


@dataclass(frozen=True, slots=True)
class _Context:
    providers: dict[str, re.Pattern[str]]
    determiners: frozenset[str]
    product_words: frozenset[str]
    connector: re.Pattern[str]
    service_cues: frozenset[str]
    generic_words: frozenset[str]
    concept_words: frozenset[str]
    name_verbs: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Tables:
    sensitive: dict[str, tuple[_Alias, ...]]
    insensitive: dict[str, tuple[_Alias, ...]]
    sensitive_pattern: re.Pattern[str]
    insensitive_pattern: WordStartPattern  # case-insensitive, after ``_NOT_AFTER`` characters
    context: _Context
    catalog: dict[str, Service] = field(default_factory=dict)
    # single-word aliases by their lower-case form, to vouch for a lower-case name ("sharepoint
    # online" starts with the brand "SharePoint"; "cloud logging" starts with no brand)
    heads: dict[str, tuple[_Alias, ...]] = field(default_factory=dict)


def _key(surface: str) -> str:
    return _NORMALIZE.sub(" ", surface)


def _split(aliases: str) -> list[str]:
    return [a.strip() for a in aliases.split("|") if a.strip()]


def _case_mode(alias: str) -> str:
    """Return how an alias is matched: "exact", "plain" (exact or capitalized) or "fold"."""
    tokens = _key(alias).split()
    if len(tokens) == 1:
        if _ACRONYM.fullmatch(alias):
            return "exact"  # EXO, AWS, ZIA: lower-case forms are other words
        if _PLAIN.fullmatch(alias) and not any(c.isupper() for c in alias[1:]):
            return "plain"  # Intune, Gmail, Skype
        return "fold"  # OneDrive, Office365, outlook.com, free/busy
    return "fold"


@cache
def load_catalog() -> dict[str, Service]:
    """Return the service catalog by canonical name (cached; treat as read-only)."""
    return {
        row["name"]: Service(row["name"], row["provider"], row["kind"], row["parent"] or None)
        for row in load_csv("gazetteers", "services.csv")
    }


def _add(table: dict[str, list[_Alias]], key: str, alias: _Alias) -> None:
    entries = table.setdefault(key, [])
    if all(e.service.name != alias.service.name or e.policy != alias.policy for e in entries):
        entries.append(alias)


def _load_context() -> _Context:
    langs = [load_yaml("lang", lang, "services.yaml") for lang in ("de", "en")]
    providers: dict[str, list[str]] = {}
    for data in langs:
        for name, patterns in data.get("providers", {}).items():
            providers.setdefault(name, []).extend(patterns)
    connectors = sorted({c for data in langs for c in data.get("connectors", [])}, key=len, reverse=True)
    return _Context(
        providers={name: re.compile("|".join(patterns)) for name, patterns in providers.items()},
        determiners=frozenset(w.lower() for d in langs for w in d.get("determiners", [])),
        product_words=frozenset(w.lower() for d in langs for w in d.get("product_words", [])),
        connector=re.compile(
            r"\s*(?:" + "|".join(re.escape(c) for c in connectors) + r")?\s*", re.IGNORECASE
        ),
        service_cues=frozenset(w.lower() for d in langs for w in d.get("service_cues", [])),
        generic_words=frozenset(w for d in langs for w in d.get("generic_words", [])),
        concept_words=frozenset(w.lower() for d in langs for w in d.get("concept_words", [])),
        name_verbs=frozenset(w.lower() for d in langs for w in d.get("name_verbs", [])),
    )


@cache
def _tables() -> _Tables:
    catalog = load_catalog()
    ambiguous_rows = load_csv("gazetteers", "services_ambiguous.csv")
    ambiguous = {row["alias"] for row in ambiguous_rows}
    sensitive: dict[str, list[_Alias]] = {}
    insensitive: dict[str, list[_Alias]] = {}
    for row in load_csv("gazetteers", "services.csv"):
        service = catalog[row["name"]]
        for alias in [row["name"], *_split(row["aliases_en"]), *_split(row["aliases_de"])]:
            if alias in ambiguous:
                continue
            mode = _case_mode(alias)
            if mode == "fold":
                tokens = _key(alias).split()
                # "Global Switch" must stay capitalized; "Mail flow" may start lower-case.
                first_upper = len(tokens) > 1 and all(not t[:1].islower() for t in tokens)
                _add(insensitive, _key(alias).lower(), _Alias(service, "always", first_upper, alias))
                continue
            _add(sensitive, _key(alias), _Alias(service, "always"))
            if mode == "plain" and alias[:1].islower():
                _add(sensitive, _key(alias[:1].upper() + alias[1:]), _Alias(service, "always"))
    for row in ambiguous_rows:
        service = catalog.get(row["name"])
        if service is None:
            continue
        _add(sensitive, _key(row["alias"]), _Alias(service, row["policy"]))
    frozen_s = {k: tuple(v) for k, v in sensitive.items()}
    frozen_i = {k: tuple(v) for k, v in insensitive.items()}
    heads: dict[str, list[_Alias]] = {}
    for table in (frozen_s, frozen_i):
        for key, aliases in table.items():
            if " " not in key:
                heads.setdefault(key.lower(), []).extend(aliases)
    return _Tables(
        sensitive=frozen_s,
        insensitive=frozen_i,
        # Both checked for ``_NOT_AFTER`` in ways that let the engine skip to where a name can
        # start, instead of trying a look-behind at every offset (see ``_gazetteer``).
        sensitive_pattern=re.compile(
            "(?:" + trie_pattern(frozen_s, _SEPARATORS, not_after=_NOT_AFTER) + ")" + _RIGHT
        ),
        insensitive_pattern=WordStartPattern(
            "(?:" + trie_pattern(frozen_i, _SEPARATORS, ignore_case=True) + f")(?i:{_RIGHT})",
            _NOT_AFTER[1:-1],
        ),
        context=_load_context(),
        catalog=catalog,
        heads={k: tuple(v) for k, v in heads.items()},
    )


# --- candidates ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    aliases: tuple[_Alias, ...]
    chosen: _Alias | None = None


def _lookup(table: dict[str, tuple[_Alias, ...]], surface: str, fold: bool) -> tuple[str, tuple[_Alias, ...]]:
    """Return the matched surface (maybe without a German genitive "s") and its aliases."""
    key = _key(surface).lower() if fold else _key(surface)
    if key in table:
        return surface, table[key]
    if surface.endswith("s") and len(surface) > 4 and key[:-1] in table:
        return surface[:-1], table[key[:-1]]
    return surface, ()


def _candidates(text: str, tables: _Tables) -> list[_Candidate]:
    found: list[_Candidate] = []
    for match in tables.sensitive_pattern.finditer(text):
        length, aliases = _exact_name(match.group())
        if aliases:
            found.append(_Candidate(match.start(), match.start() + length, aliases))
    for start, end in tables.insensitive_pattern.spans(text):
        length, aliases = _folded_name(text[start:end])
        if aliases:
            found.append(_Candidate(start, start + length, aliases))
    return found


@lru_cache(maxsize=8192)
def _exact_name(surface: str) -> tuple[int, tuple[_Alias, ...]]:
    """Return the length and aliases of the case-sensitive name ``surface`` (a match of the
    pattern); looked up once per distinct surface, as names repeat."""
    name, aliases = _lookup(_tables().sensitive, surface, fold=False)
    return len(name), aliases


@lru_cache(maxsize=8192)
def _folded_name(surface: str) -> tuple[int, tuple[_Alias, ...]]:
    """Return the length and aliases of the case-insensitive name that ``surface`` (a match of
    the pattern) starts with; no aliases when none fits. A function of the surface alone, so
    a name that a text repeats is looked up once."""
    tables = _tables()
    generic = tables.context.generic_words
    end = len(surface)
    while end > 0:
        name, aliases = _lookup(tables.insensitive, surface[:end], fold=True)
        aliases = tuple(_fitted(a, name, generic) for a in aliases if _fits_somehow(a, name, generic))
        if aliases:
            return len(name), aliases
        # "Microsoft 365 apps": the generic lower-case word is not part of the name; retry
        # without the last word ("Microsoft 365").
        cut = max(name.rfind(" "), name.rfind("-"))
        shorter = tables.insensitive_pattern.pattern.match(surface, 0, cut) if cut > 0 else None
        end = shorter.end() if shorter else 0
    return 0, ()


def _fits_somehow(alias: _Alias, surface: str, generic: frozenset[str]) -> bool:
    return _case_fits(alias, surface, generic) or _lower_name(alias, surface, generic)


def _fitted(alias: _Alias, surface: str, generic: frozenset[str]) -> _Alias:
    if _case_fits(alias, surface, generic):
        return alias
    return _Alias(alias.service, "lowercase", alias.first_upper, alias.form)


def _lower_name(alias: _Alias, surface: str, generic: frozenset[str]) -> bool:
    """A capitalized multi-word name written all lower-case ("exchange online"), decided later."""
    words = _key(surface).split()
    return (
        alias.first_upper
        and surface == surface.lower()
        and len(words) > 1
        and not any(w in generic for w in words[1:])  # "microsoft 365 apps": the name ends before
    )


def _case_fits(alias: _Alias, surface: str, generic: frozenset[str]) -> bool:
    """Whether a case-folded match keeps the capitals a name needs ("Global Switch")."""
    if not alias.first_upper:
        return True
    if not surface[:1].isupper():
        return False
    words = _key(surface).split()
    forms = _key(alias.form).split()
    return not any(
        w.islower() and f[:1].isupper() and w in generic for w, f in zip(words, forms, strict=False)
    )


# --- context policies ------------------------------------------------------------------------


class _Starts:
    """Where a pattern matches in a text, found only as far as the questions asked need."""

    __slots__ = ("_matches", "_starts")

    def __init__(self, pattern: re.Pattern[str] | None, text: str) -> None:
        self._matches = pattern.finditer(text) if pattern is not None else iter(())
        self._starts: list[int] = []

    def any_outside(self, start: int, end: int) -> bool:
        """Whether a match starts outside [start, end): mostly the first match tells."""
        if any(s < start or s >= end for s in self._starts):
            return True
        for match in self._matches:
            self._starts.append(match.start())
            if not start <= match.start() < end:
                return True
        return False


@dataclass(slots=True)
class _DocContext:
    document: Document
    context: _Context
    _provider_starts: dict[str, _Starts] = field(default_factory=dict)

    def provider(self, name: str, start: int, end: int) -> bool:
        """Whether the provider's words occur in the document outside [start, end)."""
        starts = self._provider_starts.get(name)
        if starts is None:
            starts = _Starts(self.context.providers.get(name), self.document.text)
            self._provider_starts[name] = starts
        return starts.any_outside(start, end)


def _word_before(text: str, start: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    words = _WORD.findall(text, max(line_start, start - 60), start)
    return words[-1] if words else ""


def _words_after(text: str, end: int, count: int = 2) -> list[str]:
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return _WORD.findall(text, end, min(line_end, end + 80))[:count]


def _sentence_initial(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \t\"'„“”‘’(«»":
        index -= 1
    return index < 0 or text[index] in ".!?:\n•*-–"


def _teams_ok(text: str, start: int, end: int, ctx: _Context) -> bool:
    if text[end : end + 1] in "-‐‑" and text[end + 1 : end + 2].isalpha():
        return True  # "Teams-Ausfall", "Teams-App"
    before = _word_before(text, start).lower()
    if before in ctx.determiners:
        after = _words_after(text, end, 1)
        return bool(after) and after[0].lower() in ctx.product_words
    return True


_X_BEFORE = frozenset({"auf", "on", "via", "bei", "über", "plattform", "platform", "network", "netzwerk"})


def _x_ok(text: str, start: int, end: int) -> bool:
    before = _word_before(text, start).lower()
    after = text[end : end + 24].lower()
    if re.match(r"\s*\((?:formerly|früher|ehemals|vormals)", after):
        return True
    if re.match(
        r"-?(?:account|konto|post|beitrag|profil|handle)|\s(?:account|handle|post|posts|profile|page)\b",
        after,
    ):
        return True
    if before not in _X_BEFORE:
        return False
    following = _words_after(text, end, 1)
    # "auf X 5 Punkte", "bei X Nutzern": a number or a noun after it makes X a variable.
    return not re.match(r"\s*[\d=+*/×]", after) and not (following and following[0][:1].isupper())


def _cue_ok(text: str, end: int, ctx: _Context) -> bool:
    after = text[end:]
    if after[:1] in "-‐‑":
        head = _WORD.match(after, 1)
        return bool(head) and head.group().lower() in ctx.service_cues
    words = _words_after(text, end, 2)
    return bool(words) and (
        words[0].lower() in ctx.service_cues or " ".join(words).lower() in ctx.service_cues
    )


def _lowercase_ok(cand: _Candidate, alias: _Alias, doc: _DocContext) -> bool:
    """Whether a lower-case multi-word name is the product ("exchange online", "microsoft teams").

    Its first word must be its vendor's name ("microsoft teams", "google drive") or a brand of
    the same vendor that would count here on its own ("sharepoint online", "exchange online"
    with Microsoft named in the text), or it carries a version ("office 365"); "cloud logging"
    or "access services" are plain words.
    """
    words = _key(doc.document.text[cand.start : cand.end]).lower().split()
    service = alias.service
    vendor = _key(service.provider).lower().split()
    if words[0] == vendor[0] and words != vendor:
        return True
    if any(char.isdigit() for char in "".join(words[1:])):
        return True  # "office 365", "exchange 2019": a version number makes it a product name
    for head in _tables().heads.get(words[0], ()):
        if head.service.provider != service.provider:
            continue
        if head.policy == "always" or (
            head.policy in doc.context.providers and doc.provider(head.policy, cand.start, cand.end)
        ):
            return True
    return False


def _component_ok(text: str, start: int, end: int) -> bool:
    """A status-page component name ("Workers", "Actions") written as a name, not a plain word."""
    after = [w.lower() for w in _words_after(text, end, 1)]
    return not _sentence_initial(text, start) or after[:1] in (["is"], ["are"], ["was"], ["and"], [","])


def _concept_after(text: str, end: int, ctx: _Context) -> bool:
    """Whether a concept word follows ("Zero-Trust-Ansatz", "Zero Trust architecture")."""
    after = text[end:]
    if after[:1] in "-‐‑":
        head = _WORD.match(after, 1)
        word = head.group() if head else ""
    else:
        words = _words_after(text, end, 1)
        word = words[0] if words else ""
    return word.split("-", 1)[0].lower() in ctx.concept_words


def _name_verb_after(text: str, end: int, ctx: _Context) -> bool:
    """Whether a verb or outage word after a sentence-initial name makes it the product."""
    words = [w.lower() for w in _words_after(text, end, 2)]
    return bool(words) and (words[0] in ctx.name_verbs or " ".join(words) in ctx.name_verbs)


def _decide(cand: _Candidate, alias: _Alias, doc: _DocContext) -> bool | None:
    """Return True/False, or None when the alias needs a list of services around it."""
    text, ctx = doc.document.text, doc.context
    start, end = cand.start, cand.end
    policy = alias.policy
    if policy == "always":
        return True
    if policy == "lowercase":
        return True if _lowercase_ok(cand, alias, doc) else None  # or in a list of services
    kind, _, provider = policy.partition(":")
    if provider:
        # "component:cloudflare" (a status-page component such as "Workers"), "list:cloudflare"
        # (a plain word such as "Access", only in a list), "product:cloudflare" (not before a
        # concept word: "Zero-Trust-Dienste", not "Zero-Trust-Ansatz"): all need the vendor named.
        if not doc.provider(provider, start, end):
            return False
        if kind == "component":
            # "AWS Dashboard", "Azure Workers": a capitalized word before makes it another name
            before = _word_before(text, start)
            return _component_ok(text, start, end) and not (before[:1].isupper() and before.isalpha())
        if kind == "product":
            return not _concept_after(text, end, ctx)
        return None
    if policy == "teams":
        return doc.provider("microsoft", start, end) and _teams_ok(text, start, end, ctx)
    if policy == "x":
        return True if _x_ok(text, start, end) else None  # or in a list: "X, ChatGPT und Spotify"
    if policy == "list":
        return None
    if policy == "midsentence":
        lang = doc.document.lang_at(start)
        if lang == "de":
            # "Slack", "Steam", "Zoom" are English words: in German text a name ("Slack ist
            # down"), unless an article makes it a noun ("der Zoom der Kamera").
            return True if _word_before(text, start).lower() not in ctx.determiners else None
        if lang != "en":
            return None
        return True if not _sentence_initial(text, start) or _name_verb_after(text, end, ctx) else None
    if policy == "service_cue":
        return True if _cue_ok(text, end, ctx) else None
    if policy == "google_list":
        return None if doc.provider("google", start, end) else False
    if policy == "github":
        return doc.provider("github", start, end) and _component_ok(text, start, end)
    return doc.provider(policy, start, end)


_MAX_GAP = 16  # characters between two services of a list: ", ", " und ", " as well as "


def _adjacent(text: str, left: _Candidate, right: _Candidate, ctx: _Context) -> bool:
    if left.end > right.start or right.start - left.end > _MAX_GAP:
        return False
    between = text[left.end : right.start]
    match = ctx.connector.fullmatch(between)
    return match is not None and between.strip() != ""


def _resolve_lists(
    text: str, kept: list[_Candidate], pending: list[tuple[_Candidate, _Alias]], ctx: _Context
) -> None:
    """Accept list-only aliases next to accepted services, repeating for chains ("A, B und C")."""
    by_end = {c.end: c for c in kept}
    by_start = {c.start: c for c in kept}
    changed = True
    while changed and pending:
        changed = False
        for item in list(pending):
            cand, alias = item
            if _has_neighbour(text, cand, by_end, by_start, ctx, _sibling_rule(alias)):
                cand.chosen = alias
                kept.append(cand)
                by_end[cand.end] = by_start[cand.start] = cand
                pending.remove(item)
                changed = True


def _sibling_rule(alias: _Alias) -> str | None:
    """For a vendor's plain-word component ("list:cloudflare"), the vendor its neighbours need."""
    return alias.service.provider if alias.policy.startswith("list:") else None


def _has_neighbour(
    text: str,
    cand: _Candidate,
    by_end: dict[int, _Candidate],
    by_start: dict[int, _Candidate],
    ctx: _Context,
    provider: str | None = None,
) -> bool:
    """Whether an accepted service stands next to the candidate in a list.

    With ``provider``, the neighbour must be another product of that vendor, not the vendor
    itself: "(Dashboard, Workers, Access, WARP)" but not "Cloudflare, Gateway-Server und DNS".
    """
    for gap in range(1, _MAX_GAP + 1):
        left = by_end.get(cand.start - gap)
        if left is not None and _adjacent(text, left, cand, ctx) and _sibling(left, provider):
            return True
        right = by_start.get(cand.end + gap)
        if right is not None and _adjacent(text, cand, right, ctx) and _sibling(right, provider):
            return True
    return False


def _sibling(neighbour: _Candidate, provider: str | None) -> bool:
    if provider is None:
        return True
    service = neighbour.chosen.service if neighbour.chosen else None
    return service is not None and service.provider == provider and service.kind != "suite"


def find_services(document: Document) -> list[Mention]:
    """Return service and feature mentions, one per span, in text order."""
    tables = _tables()
    text = document.text
    doc = _DocContext(document, tables.context)
    kept: list[_Candidate] = []
    pending: list[tuple[_Candidate, _Alias]] = []
    taken = SpanSet()
    for cand in sorted(_candidates(text, tables), key=lambda c: (-(c.end - c.start), c.start)):
        if taken.overlaps(cand.start, cand.end):
            continue
        for alias in cand.aliases:
            verdict = _decide(cand, alias, doc)
            if verdict is False:
                continue  # a rejected name leaves its span to shorter names inside it
            if verdict:
                cand.chosen = alias
                kept.append(cand)
            else:
                pending.append((cand, alias))
            taken.add(cand.start, cand.end)
            break
    _resolve_lists(text, kept, pending, tables.context)
    mentions = [_mention(document, cand) for cand in kept if cand.chosen is not None]
    return sorted(mentions, key=lambda m: (m.start, m.end, m.value or ""))


def _mention(document: Document, cand: _Candidate) -> Mention:
    alias = cand.chosen
    assert alias is not None
    service = alias.service
    return Mention(
        doc=document.id,
        type="feature" if service.kind == "feature" else "service",
        text=document.text[cand.start : cand.end],
        start=cand.start,
        end=cand.end,
        value=service.name,
        score=0.9 if alias.policy == "always" else 0.75,
        source=f"service/{'catalog' if alias.policy == 'always' else alias.policy}",
        extra={"provider": service.provider, "kind": service.kind, "parent": service.parent},
    )
