"""Regions: countries, macro-regions, cloud regions and US states, in German and English.

Values follow the contract: ISO 3166-1 alpha-2 for a country (``GB``), a macro-region code
(``DACH``, ``GLOBAL``), ``azure:<slug>`` / ``aws:<code>`` / ``gcp:<region>`` for a cloud region and
ISO 3166-2 (``US-VA``) for a state. Country names and their German translations come from
pycountry; short names, adjectives, demonyms, macro-regions and cloud regions are curated in
``data/gazetteers/regions_*.csv``; context words per language in ``data/lang/<lang>/regions.yaml``.

Every name is looked up in one trie-shaped regex over the raw text; a policy per name then
decides, from the words around it, whether the hit is a place ("Mali" after "in", "German"
before "users", "global" before "outage") or something else ("Global Admin", "deutscher Zeit",
"contact US", "Cloudflare Global Network", "Microsoft Deutschland GmbH", "die Deutsche
Glasfaser"). German Azure display names ("Westeuropa") need a region word next to them; the
German city-states (Hamburg, Berlin, Bremen) are states, other cities no region; an acronym with
its expansion in parentheses ("Europe, Middle East and Africa (EMEA)") is one region. The
policies are documented in ``data/gazetteers/SOURCES_regions_services.md``.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import cache

import pycountry

from extract.model import Document, Mention
from extract.recognizers._gazetteer import SpanSet, WordStartPattern, finditer_not_after, trie_pattern
from extract.resources import load_csv, load_yaml

TYPE = "region"

_WORD = re.compile(r"[^\W\d_][\w'’.&/-]*|\d[\w.-]*|[,;:()]")
_GERMAN_ENDINGS = ("e", "en", "er", "es", "em")
# Codes that stand in lists such as "DE/AT/CH" or "DE, AT und CH"; a two-letter word elsewhere
# ("IT", "AM", "MS", "IM") is far more often something else.
_LIST_CODES = frozenset("DE AT CH UK GB US FR NL BE LU IT ES PT PL DK SE NO FI IE CZ".split())
# Searched by ``finditer_not_after`` (not after a letter, digit or "/.@-"), which is fast.
_CODE_LIST = re.compile(
    r"[A-Z]{2}(?:[ \t]*(?:/|,|&|\+)[ \t]*[A-Z]{2}|[ \t]+(?:und|and|oder|or)[ \t]+[A-Z]{2})+(?![\w/@-])"
)
_CODE_LIST_NOT_AFTER = re.compile(r"[\w/.@-]")
_TWO_LETTERS = re.compile(r"[A-Z]{2}")
_AWS = re.compile(
    r"(?<![\w-])(?:us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:gov-)?"
    r"(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\d(?:[a-f])?(?![\w-])"
    r"(?:[ \t]*\([A-Z][^()\n]{1,39}\))?",
    re.IGNORECASE,
)
_GCP = re.compile(
    r"(?<![\w-])(?:us|europe|asia|australia|northamerica|southamerica|me|africa)-"
    r"(?:north|south|east|west|central|northeast|southeast|northwest|southwest)\d{1,2}(?:-[a-f])?(?![\w-])"
)
_GCP_ZONE = re.compile(r"-[a-f]$")
_AZURE_CONTEXT = re.compile(r"\bAzure\b|\bazure:")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


@dataclass(frozen=True, slots=True)
class Entry:
    """One surface form of a region."""

    value: str
    lang: str  # "de", "en" or "*"
    kind: str  # name, adj, adj_de, adj_en, adverb, phrase, demonym, code, state, azure, aws
    policy: str = ""  # "", prep, global, us, code_context, state, state_strict, azure


@dataclass(frozen=True, slots=True)
class _Context:
    affected: re.Pattern[str]
    not_affected: re.Pattern[str]
    prepositions: frozenset[str]
    adjective_blocklist: frozenset[str]
    adjective_nouns: frozenset[str]
    global_nouns: frozenset[str]
    global_blocklist: frozenset[str]
    state_prepositions: frozenset[str]
    state_nouns: tuple[str, ...]
    company_suffixes: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Tables:
    entries: dict[str, tuple[Entry, ...]]
    pattern: WordStartPattern  # every name, not after a letter, digit or "@/.-"
    azure_slugs: re.Pattern[str]
    countries: dict[str, tuple[str, ...] | None]
    country_codes: frozenset[str]
    context: _Context
    parts: dict[str, frozenset[str]]  # a macro-region's parts: "EMEA" -> EUROPE, MIDDLE_EAST, ...
    companies: frozenset[str]  # vendor names of the service catalog ("Microsoft", "Vodafone")
    azure_cue: _SlugCue  # a prefilter for ``_cloud_hits``


def _lower_first(alias: str) -> bool:
    return alias[:1].islower()


def _pycountry_aliases() -> list[tuple[str, Entry]]:
    """Country names from pycountry in English and (via its gettext catalog) German."""
    german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"], fallback=True)
    found: list[tuple[str, Entry]] = []
    for country in pycountry.countries:
        code = country.alpha_2
        names = [country.name, getattr(country, "common_name", None)]
        for name in filter(None, names):
            translated = german.gettext(name)
            for alias, lang in ((name, "en"), (translated, "de")):
                if "," in alias or "(" in alias:
                    continue
                found.append((alias, Entry(code, lang, "name")))
                if lang == "de" and alias[-1] not in "sxzß":
                    found.append((alias + "s", Entry(code, lang, "name")))  # genitive: "Frankreichs"
    return found


def _state_aliases() -> list[tuple[str, Entry]]:
    found = []
    for state in pycountry.subdivisions.get(country_code="US"):
        if state.type in ("State", "District"):
            found.append((state.name, Entry(state.code, "*", "state", "state")))
    return found


def _curated_aliases() -> list[tuple[str, Entry]]:
    found: list[tuple[str, Entry]] = []
    for row in load_csv("gazetteers", "regions_aliases.csv"):
        alias, kind, lang = row["alias"], row["kind"], row["lang"]
        entry = Entry(row["value"], lang, kind, row["policy"] or "")
        if kind == "adj_de":
            for ending in _GERMAN_ENDINGS:
                found.append((alias + ending, entry))
        else:
            found.append((alias, entry))
    return found


def _cloud_aliases() -> list[tuple[str, Entry]]:
    found = []
    for row in load_csv("gazetteers", "regions_cloud.csv"):
        policy = "azure" if row["provider"] == "azure" else ""
        for name in filter(None, row["names"].split("|")):
            # "East US 2", "West US 3": a numbered name is an Azure region in any text
            numbered = policy == "azure" and name[-1].isdigit()
            found.append((name, Entry(row["value"], "*", row["provider"], "" if numbered else policy)))
        for name in filter(None, (row.get("names_de") or "").split("|")):
            found.append((name, Entry(row["value"], "*", row["provider"], _german_azure_policy(name))))
    return found


def _german_azure_policy(name: str) -> str:
    """German display names ("Westeuropa", "Schweiz, Norden") are also plain German words.

    They count only next to a region word ("Azure-Region Westeuropa", "Region Westeuropa
    (Azure)"); a hyphenated or numbered name ("Deutschland Westen-Mitte", "USA Osten 2") is
    unmistakable, so the document naming Azure is enough, as for the English names.
    """
    if "," not in name and re.search(r"-|\d", name):
        return "azure"
    return "azure_region"


def _word_set(values: list[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


def _load_context() -> _Context:
    langs = [load_yaml("lang", lang, "regions.yaml") for lang in ("de", "en")]

    def merged(key: str) -> list[str]:
        return [word for data in langs for word in data.get(key, [])]

    cues = sorted(set(merged("affected")), key=len, reverse=True)
    return _Context(
        affected=re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, cues)) + ")", re.IGNORECASE),
        not_affected=re.compile(r"(?<!\w)(?:" + "|".join(merged("not_affected")) + r")(?!\w)", re.IGNORECASE),
        prepositions=_word_set(merged("prepositions")),
        adjective_blocklist=_word_set(merged("adjective_blocklist")),
        adjective_nouns=_word_set(merged("adjective_nouns")),
        global_nouns=_word_set(merged("global_nouns")),
        global_blocklist=_word_set(merged("global_blocklist")),
        state_prepositions=_word_set(merged("state_prepositions")),
        state_nouns=tuple(sorted({w.lower() for w in merged("state_nouns")}, key=len, reverse=True)),
        company_suffixes=frozenset(w.rstrip(".") for w in merged("company_suffixes")),
    )


@cache
def _tables() -> _Tables:
    entries: dict[str, dict[str, Entry]] = {}
    excluded: set[tuple[str, str]] = set()
    # Later sources override earlier ones for the same surface form and value.
    for alias, entry in [*_pycountry_aliases(), *_state_aliases(), *_curated_aliases(), *_cloud_aliases()]:
        variants = [alias, alias[0].upper() + alias[1:]] if _lower_first(alias) else [alias]
        for variant in variants:
            if entry.policy == "exclude":
                excluded.add((variant, entry.value))
                continue
            by_value = entries.setdefault(variant, {})
            known = by_value.get(entry.value)
            if (
                known
                and known.lang != entry.lang
                and (known.kind, known.policy) == (entry.kind, entry.policy)
            ):
                entry = Entry(entry.value, "*", entry.kind, entry.policy)  # "Japan" in both languages
            by_value[entry.value] = entry
    final: dict[str, tuple[Entry, ...]] = {}
    for alias, by_value in entries.items():
        # A cloud region's name ("Southeast Asia", "West Europe") is tried before the continent.
        kept = tuple(
            e
            for value, e in sorted(
                by_value.items(), key=lambda item: (item[1].kind not in ("azure", "aws"), item[0])
            )
            if (alias, value) not in excluded
        )
        if kept:
            final[alias] = kept
    pattern = WordStartPattern(
        r"(?:" + trie_pattern(final, {" ": r"[ \t\u00a0]"}) + r")(?![\w@]|/\w)", r"\w@/.-"
    )
    cloud = load_csv("gazetteers", "regions_cloud.csv")
    slugs = [row["value"].split(":", 1)[1] for row in cloud if row["provider"] == "azure"]
    azure_slugs = re.compile(r"(?<![\w/.@-])(?:" + trie_pattern(slugs) + r")(?![\w@-])", re.IGNORECASE)
    countries: dict[str, tuple[str, ...] | None] = {}
    parts: dict[str, frozenset[str]] = {}
    for row in load_csv("gazetteers", "regions_macro.csv"):
        countries[row["code"]] = tuple(row["countries"].split()) or None
        # Only broad parts: "Germany, Austria and Switzerland (DACH)" keeps its countries.
        parts[row["code"]] = frozenset(row["parts"].split())
    for row in cloud:
        countries[row["value"]] = (row["country"],) if row["country"] else None
    codes = frozenset(c.alpha_2 for c in pycountry.countries)
    return _Tables(
        final,
        pattern,
        azure_slugs,
        countries,
        codes,
        _load_context(),
        parts,
        _companies(),
        _azure_cue(slugs),
    )


def _companies() -> frozenset[str]:
    """One-word vendor names from the service catalog: its providers ("Microsoft", "Vodafone")
    and catalog names that are part of their provider's name ("Telekom" of Deutsche Telekom)."""
    names: set[str] = set()
    for row in load_csv("gazetteers", "services.csv"):
        provider, name = row["provider"], row["name"]
        if " " not in provider:
            names.add(provider)
        if " " not in name and name in provider.split():
            names.add(name)
    return frozenset(n for n in names if len(n) > 2)  # not "X": "X UK" is rarer than "auf X"


# --- context helpers -------------------------------------------------------------------------


def _words_after(text: str, end: int, limit: int = 6) -> list[str]:
    words = []
    for match in _WORD.finditer(text, end, min(len(text), end + 120)):
        if text.count("\n", end, match.start()):
            break
        words.append(match.group().rstrip(".:"))
        if len(words) >= limit:
            break
    return words


def _word_before(text: str, start: int, count: int = 1) -> list[str]:
    line_start = text.rfind("\n", 0, start) + 1
    window = text[max(line_start, start - 80) : start]
    return [w.rstrip(".") for w in _WORD.findall(window)][-count:]


def _noun_after(words: list[str]) -> str | None:
    """Skip coordinated adjectives ("deutsche und österreichische Kunden") to the noun."""
    index = 0
    while index < len(words):
        word = words[index]
        if word.lower() in {",", "und", "oder", "and", "or", "sowie"} and index + 1 < len(words):
            index += 2
            continue
        if word[:1].islower() and word.lower().endswith(("e", "en", "er", "es", "em")) and index < 3:
            index += 1  # an inflected German adjective before the noun
            continue
        return word
    return None


def _adjective_ok(words: list[str], ctx: _Context, german: bool) -> bool:
    noun = _noun_after(words) if german else _english_noun(words)
    if noun is None:
        return False
    if german:
        if not noun[:1].isupper():
            return False
        return not {noun.lower(), noun.rsplit("-", 1)[-1].lower()} & ctx.adjective_blocklist
    # "German users", not "American Airlines": a generic noun is lower-case in English.
    return noun.lower() in ctx.adjective_nouns and (noun[:1].islower() or noun.isupper())


def _english_noun(words: list[str]) -> str | None:
    index = 0
    while index + 1 < len(words) and words[index].lower() in {",", "and", "or"}:
        index += 2  # "British and Irish users": skip the coordinated adjective
    if index < len(words) and words[index].lower() == "-":
        index += 1
    return words[index] if index < len(words) else None


# "the impact is global.", "die Störung war global."
_PREDICATE_VERBS = frozenset("is was are were be seems appears ist war sind waren sei scheint".split())


_LOCATION_LABELS = frozenset("location locations region regions standort standorte".split())


def _sentence_initial(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \t\u00a0\"'„“”‘’(«»*-–•":
        index -= 1
    return index < 0 or text[index] in ".!?:\n"


def _global_ok(text: str, start: int, end: int, ctx: _Context) -> bool:
    words = _words_after(text, end, 4)
    # "Cloudflare Global Network", "Microsoft Global Services": a capitalized "Global" inside a
    # run of capitalized words is part of a name, unless the next word is the outage noun of a
    # title-case headline ("Microsoft Global Outage").
    if (
        text[start].isupper()
        and not _sentence_initial(text, start)
        and words
        and words[0][:1].isupper()
        and words[0].lower() not in ctx.global_nouns
    ):
        return False
    label = [w.lower() for w in _word_before(text, start, 2)]
    if len(label) == 2 and label[1] == ":" and label[0] in _LOCATION_LABELS:
        return True  # a status page's "Affected locations: Global"
    for word in words[:3]:  # "global outage", "global IT outage", "global Microsoft 365 outage"
        lower = word.lower()
        if lower in ctx.global_blocklist or not word[:1].isalnum():
            break  # "Global Admin", "Global Secure Access outage", "global address list"
        if lower in ctx.global_nouns or lower.rsplit("-", 1)[-1] in ctx.global_nouns:
            return True
    before = [w.lower() for w in _word_before(text, start, 1)]
    # "the impact is global." / "war global."
    return (
        bool(before)
        and before[0] in _PREDICATE_VERBS
        and (not words or words[0] in {",", ";", ":"} or text[end : end + 1] in {".", "!", "?", ")"})
    )


# "US East Coast", "US West", "US government": words after a bare "US" that make it the country.
_US_NEXT = frozenset("east west coast government federal based only".split())


def _us_ok(text: str, start: int, end: int, ctx: _Context) -> bool:
    after = text[end : end + 12]
    if after.startswith(("-Dollar", "$", "-$", "D ")):
        return False
    neighbours = _word_before(text, start, 1) + _words_after(text, end, 1)
    if any(len(w) > 1 and w.isupper() and w.isalpha() for w in neighbours):
        return False  # an all-caps line: "CONTACT US", "FOLLOW US"
    if after[:1] == "-" and after[1:2].isalpha():
        return True  # "US-Kunden", "US-amerikanische"
    before = [w.lower() for w in _word_before(text, start, 2)]
    if before and (before[-1] in ctx.prepositions or before[-1] in {"the", "der", "den", "die"}):
        return True
    nxt = _words_after(text, end, 1)
    return bool(nxt) and (nxt[0].lower() in ctx.adjective_nouns or nxt[0].lower() in _US_NEXT)


_CONNECTORS = frozenset({",", "and", "und", "or", "oder", "sowie", "&", "the", "der", "den", "dem"})


def _governed(before: list[str], prepositions: frozenset[str]) -> bool:
    """Whether a preposition governs the name, also across a list ("in Turkey and Jordan")."""
    for word in reversed(before):
        lower = word.lower()
        if lower in prepositions:
            return True
        if lower in _CONNECTORS or word[:1].isupper():
            continue
        return False
    return False


def _listed(text: str, start: int, end: int, tables: _Tables) -> bool:
    """Whether the name stands in a list of other region names ("the UK, US, Germany")."""
    before = _word_before(text, start, 2)
    after = _words_after(text, end, 2)
    for pair in (before, after[::-1]):
        if len(pair) == 2 and pair[1].lower() in _LIST_JOINERS and _is_region_word(pair[0], tables):
            return True
    return False


_LIST_JOINERS = frozenset({",", "/", "and", "und", "or", "oder", "&", "sowie"})


def _is_region_word(word: str, tables: _Tables) -> bool:
    return any(e.policy == "" and e.kind in ("name", "code") for e in tables.entries.get(word, ()))


def _state_ok(text: str, start: int, end: int, ctx: _Context, strict: bool) -> bool:
    before = _word_before(text, start, 6)
    if len(before) >= 2 and before[-1] == "," and before[-2][:1].isupper():
        return True  # "Ashburn, Virginia", "Atlanta, Georgia"
    joined = " ".join(w.lower() for w in before)
    if joined.endswith(("state of", "u.s. state", "us-bundesstaat", "bundesstaat")):
        return True
    if strict:
        return False
    if _governed(before, ctx.state_prepositions):
        return True
    following = text[end : end + 30].lower().lstrip()
    return following.startswith(ctx.state_nouns)


def _lang_ok(entry: Entry, document: Document, start: int) -> bool:
    if entry.lang != "de":
        return True
    return document.lang_at(start) == "de" or document.lang == "de"


def _accept(entry: Entry, document: Document, start: int, end: int, tables: _Tables, azure: bool) -> bool:
    text, ctx = document.text, tables.context
    if not _lang_ok(entry, document, start):
        return False
    policy = entry.policy
    if entry.kind in ("adj", "adj_de", "adj_en") and policy != "global":
        if entry.kind == "adj":
            return True
        if entry.kind == "adj_de" and text[start].isupper() and not _sentence_initial(text, start):
            return False  # German adjectives are lower-case: "die Deutsche Glasfaser" is a name
        return _adjective_ok(_words_after(text, end), ctx, german=entry.kind == "adj_de")
    if policy == "":
        return True
    if policy == "prep":
        return _governed(_word_before(text, start, 6), ctx.prepositions) or _listed(text, start, end, tables)
    if policy == "global":
        return _global_ok(text, start, end, ctx)
    if policy == "us":
        return _us_ok(text, start, end, ctx) or _listed(text, start, end, tables)
    if policy in ("state", "state_strict"):
        return _state_ok(text, start, end, ctx, strict=policy == "state_strict")
    if policy == "azure":
        return azure
    if policy == "azure_region":
        return azure and _azure_region_cue(text, start, end)
    return False  # code_context: only inside a list of codes


_REGION_AFTER = re.compile(r"[ \t\u00a0]*(?:-?[Rr]egion|\((?:Azure|Microsoft Azure)\b)")


def _azure_region_cue(text: str, start: int, end: int) -> bool:
    """Whether a region word governs the name ("Azure-Region Westeuropa", "Westeuropa (Azure)").

    Walks back over a list of names ("in den Azure-Regionen Westeuropa und Nordeuropa").
    """
    if _REGION_AFTER.match(text, end):
        return True
    for word in reversed(_word_before(text, start, 8)):
        lower = word.lower()
        if lower.endswith(("region", "regionen", "regions")) or lower in ("azure", "azure-rechenzentren"):
            return True
        if lower in _CONNECTORS or word[:1].isupper():
            continue
        return False
    return False


def _in_url(text: str, start: int, end: int) -> bool:
    left = start
    while left > 0 and not text[left - 1].isspace() and start - left < 200:
        left -= 1
    token = text[left:end]
    return "://" in token or token.lower().startswith("www.") or "@" in token


# Where a sentence turns ("..., while users in Austria are not affected"): a negation after one
# of these does not reach a region before it.
_CLAUSE_BREAK = re.compile(
    r";|,?\s+(?:but|while|whereas|although|though|aber|jedoch|während|sondern|doch|wohingegen)\b"
    r"|,(?=\s+(?:nicht|not)\b)"
    r"|(?=\b(?:except|excluding|außer|ausgenommen|but\s+not|nicht\s+aber|nicht\s+jedoch)\b)",
    re.IGNORECASE,
)


def _last_sentence_end(text: str, lo: int, hi: int) -> int:
    """Return where the last ``_SENTENCE_END`` in text[lo:hi] ends (0 when none), looking
    backwards from ``hi`` instead of visiting every sentence end of the window."""
    last = text.rfind("\n", lo, hi)
    for mark in ".!?":
        index = text.rfind(mark, lo, max(lo, hi - 1))  # a mark needs a blank after it, in the window
        while index > last and not text[index + 1].isspace():
            index = text.rfind(mark, lo, index)
        last = max(last, index)
    return last + 1 if last >= 0 else 0


def _role(
    text: str, start: int, end: int, ctx: _Context, roles: dict[str, str | None] | None = None
) -> str | None:
    """Return "affected" when the sentence (or, with a negation in it, the clause) of the name
    says so. ``roles`` remembers the role of each sentence without a negation: names in one
    sentence share it (and quoted status updates repeat their sentences)."""
    sentence_start = _last_sentence_end(text, max(0, start - 300), start)
    stop = _SENTENCE_END.search(text, end, min(len(text), end + 300))
    sentence_start = max(sentence_start, start - 300)
    sentence = text[sentence_start : stop.end() if stop else min(len(text), end + 300)]
    if roles is not None and sentence in roles:
        return roles[sentence]
    if not ctx.not_affected.search(sentence):
        role = "affected" if ctx.affected.search(sentence) else None
        if roles is not None:
            roles[sentence] = role
        return role
    # "nicht betroffen", "not affected", "unaffected": only the clause of the name counts, and a
    # negation there wins over the cue words ("Users in the UK were unaffected").
    offset = start - sentence_start
    clause_start, clause_end = 0, len(sentence)
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.end() <= offset:
            clause_start = match.end()
        elif match.start() >= offset + (end - start):
            clause_end = match.start()
            break
    clause = sentence[clause_start:clause_end]
    if ctx.not_affected.search(clause):
        return None
    return "affected" if ctx.affected.search(clause) else None


# --- candidates ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    value: str
    kind: str
    score: float


def _gazetteer_hits(document: Document, tables: _Tables) -> list[_Hit]:
    text = document.text
    azure = "zure" in text and bool(_AZURE_CONTEXT.search(text))  # a substring test first: fast
    hits: list[_Hit] = []
    for start, end in tables.pattern.spans(text):
        hit = _entry_hit(document, tables, start, end, azure)
        if hit is not None:
            hits.append(hit)
        elif " " in text[start:end]:
            # "UK South" without Azure, "West Europe" in prose: a shorter name inside may hold.
            hits.extend(_inner_hits(document, tables, start, end, azure))
    return hits


def _in_company_name(text: str, end: int, ctx: _Context) -> bool:
    """Whether the name is part of a company's name ("Microsoft Deutschland GmbH", "Amazon Web
    Services EMEA SARL", "Microsoft Ireland Operations Ltd"): a legal form follows closely."""
    for word in _words_after(text, end, 2):
        if not word[:1].isalpha():
            return False  # "South Africa (SA)": a bracket or comma ends the name
        if word in ctx.company_suffixes:
            return True
    return False


_CITY_AFTER = re.compile(r"[ \t\u00a0]+City\b")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w&.'’-]*)[ \t\u00a0]+$")


def _another_name(text: str, start: int, end: int, tables: _Tables) -> bool:
    """Whether a place name is part of another name: a city ("Jersey City", "Mexico City"), a
    "New" place ("New England", "New Guinea"), or a vendor's national company ("Microsoft
    Schweiz", "Vodafone Deutschland", "Google Germany")."""
    if _CITY_AFTER.match(text, end):
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return bool(before) and (before.group(1) == "New" or before.group(1) in tables.companies)


def _entry_hit(document: Document, tables: _Tables, start: int, end: int, azure: bool) -> _Hit | None:
    text = document.text
    if _in_company_name(text, end, tables.context):
        return None
    for entry in tables.entries.get(text[start:end], ()):
        if entry.kind in ("name", "code", "state") and _another_name(text, start, end, tables):
            continue
        if _accept(entry, document, start, end, tables, azure) and not _in_url(text, start, end):
            score = 0.95 if entry.kind in ("azure", "aws") else 0.8 if entry.kind.startswith("adj") else 0.9
            return _Hit(start, end, entry.value, entry.kind, score)
    return None


_SPACE_RUN = re.compile(r"[ \t\u00a0]+")


def _inner_hits(document: Document, tables: _Tables, start: int, end: int, azure: bool) -> list[_Hit]:
    """Return accepted names on word boundaries strictly inside a rejected multi-word name."""
    text = document.text
    gaps = [(m.start(), m.end()) for m in _SPACE_RUN.finditer(text, start, end)]
    word_starts = [start] + [gap_end for _, gap_end in gaps]
    word_ends = [gap_start for gap_start, _ in gaps] + [end]
    found: list[_Hit] = []
    index = 0
    while index < len(word_starts):
        word_start = word_starts[index]
        for last in range(len(word_ends) - 1, index - 1, -1):
            word_end = word_ends[last]
            if (word_start, word_end) == (start, end) or text[word_start:word_end] not in tables.entries:
                continue
            hit = _entry_hit(document, tables, word_start, word_end, azure)
            if hit is not None:
                found.append(hit)
                index = last
                break
        index += 1
    return found


# "Hier in AT ebenfalls", "Tenant in DE läuft": German forum shorthand for a country code right
# after a preposition, also as a compound ("in DE-Rechenzentren"); only codes that are not also
# common abbreviations ("in IT", "in ES"), and not in a locale ("de-DE") or a file name.
# Searched by ``finditer_not_after`` (not after a letter, digit or "/.-"), which is fast.
_CODE_AFTER_PREPOSITION = re.compile(
    r"(?:in|In|aus|Aus|für)[ \t]+(DE|AT|CH|NL|BE|FR|PL|DK|CZ|LU)(?![\w&/@.]|-(?![A-ZÄÖÜ][a-zäöüß])|\.\w)"
)
_PREPOSITION_NOT_AFTER = re.compile(r"[\w/.-]")


def _code_after_preposition_hits(document: Document) -> list[_Hit]:
    text = document.text
    hits = []
    for match in finditer_not_after(_CODE_AFTER_PREPOSITION, _PREPOSITION_NOT_AFTER, text):
        start = match.start(1)
        if document.lang_at(start) == "de":
            hits.append(_Hit(start, start + 2, match.group(1), "code", 0.8))
    return hits


def _code_list_hits(text: str, tables: _Tables) -> list[_Hit]:
    hits = []
    for match in finditer_not_after(_CODE_LIST, _CODE_LIST_NOT_AFTER, text):
        codes = list(_TWO_LETTERS.finditer(match.group()))
        if not all(c.group() in _LIST_CODES for c in codes) or _in_url(text, match.start(), match.end()):
            continue
        for code in codes:
            value = "GB" if code.group() == "UK" else code.group()
            if value in tables.country_codes:
                start = match.start() + code.start()
                hits.append(_Hit(start, start + 2, value, "code_list", 0.85))
    return hits


# Every AWS region code holds "-<direction>-<digit>" ("us-east-1", "ap-northeast-2") and every
# Google Cloud one "-<direction><digit>" ("europe-west3"): one search each (in the case-folded
# text for the case-insensitive AWS pattern) tells whether the pattern's scan can find anything.
# Starting with "-", they are searched for as fast as a plain string.
_DIRECTIONS = r"(?:north|south|east|west|central|northeast|southeast|northwest|southwest)"
_AWS_CUE = re.compile(rf"-(?:gov-)?{_DIRECTIONS}-\d")
_GCP_CUE = re.compile(rf"-{_DIRECTIONS}\d")


@dataclass(frozen=True, slots=True)
class _SlugCue:
    """Tells whether a text holds an Azure slug, by the few words that every slug holds.

    Every text that the case-insensitive slug pattern matches folds to the slug: IGNORECASE
    takes "K" (Kelvin), "ſ", "İ" and "ı" for k, s and i; case folding turns the first two
    into k and s, and ``_undotted`` the last two into i. A slug is looked for only where its
    direction word stands: a few plain string searches instead of a regex scan.
    """

    words: tuple[str, ...]  # each slug holds one of these
    slugs: dict[str, tuple[tuple[str, int], ...]]  # word -> (slug, the word's offset in it)

    def found_in(self, undotted: str) -> bool:
        for word in self.words:
            at = undotted.find(word)
            while at >= 0:
                for slug, offset in self.slugs[word]:
                    if at >= offset and undotted.startswith(slug, at - offset):
                        return True
                at = undotted.find(word, at + 1)
        return False


def _azure_cue(slugs: list[str]) -> _SlugCue:
    by_word: dict[str, list[tuple[str, int]]] = {}
    for slug in slugs:
        slug = slug.casefold()
        word = next((w for w in _SLUG_WORDS if w in slug), slug)  # the whole slug when no word
        by_word.setdefault(word, []).append((slug, slug.index(word)))
    return _SlugCue(tuple(by_word), {word: tuple(items) for word, items in by_word.items()})


_SLUG_WORDS = ("north", "south", "east", "west", "central", "usgov")


def _undotted(folded: str) -> str:
    """Write the dotless i and the folded dotted capital I ("i" + U+0307) as "i"."""
    return folded.replace("\u0131", "i").replace("i\u0307", "i")


def _cloud_hits(text: str, tables: _Tables) -> list[_Hit]:
    hits: list[_Hit] = []
    # A few searches for cues instead of three look-behind scans of every text.
    folded = text.casefold()  # folds as IGNORECASE does ("ſ" -> "s")
    if _AWS_CUE.search(folded):
        for match in _AWS.finditer(text):
            code = re.match(r"[\w-]+", match.group()).group().lower()
            if code[-1].isalpha():
                code = code[:-1]  # an availability zone ("us-east-1a") gives its region
            hits.append(_Hit(match.start(), match.end(), f"aws:{code}", "aws", 0.95))
    if _GCP_CUE.search(text):
        for match in _GCP.finditer(text):
            region = _GCP_ZONE.sub("", match.group())
            hits.append(_Hit(match.start(), match.end(), f"gcp:{region}", "gcp", 0.95))
    if tables.azure_cue.found_in(_undotted(folded)):
        for match in tables.azure_slugs.finditer(text):
            hits.append(_Hit(match.start(), match.end(), f"azure:{match.group().lower()}", "azure", 0.9))
    return hits


def _resolve(hits: list[_Hit]) -> list[_Hit]:
    """Keep the longest of overlapping hits (then the earlier, then the higher score)."""
    kept: list[_Hit] = []
    taken = SpanSet()
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start, -h.score, h.value)):
        if not taken.overlaps(hit.start, hit.end):
            kept.append(hit)
            taken.add(hit.start, hit.end)
    return sorted(kept, key=lambda h: (h.start, h.end, h.value))


_LIST_GAP = re.compile(
    r"[ \t\u00a0]*(?:,[ \t\u00a0]*)?(?:(?:and|und|&|/|sowie)[ \t\u00a0]+)?"
    r"(?:(?:in|im|in der|in den|the|der|den|dem|die)[ \t\u00a0]+)?"  # "Europa, im Nahen Osten und in Afrika"
)
_OPEN = re.compile(r"[ \t\u00a0]*\([ \t\u00a0]*")
_CLOSE = re.compile(r"[ \t\u00a0]*\)")


def _drop_expansions(text: str, hits: list[_Hit], tables: _Tables) -> list[_Hit]:
    """Keep one region for an acronym and its spelled-out parts in parentheses.

    "Europe, Middle East and Africa (EMEA)" and "EMEA (Europe, Middle East and Africa)" name
    one region, EMEA, not also EUROPE, MIDDLE_EAST and AFRICA. Countries stay: "Germany,
    Austria and Switzerland (DACH)" names the three countries as well as DACH.
    """
    dropped: set[int] = set()
    for index, hit in enumerate(hits):
        parts = tables.parts.get(hit.value)
        if not parts or not text[hit.start : hit.end].isupper():
            continue  # the acronym ("EMEA", "APAC", "DACH") anchors the rule
        # the expansion before: "<A>, <B> and <C> (CODE)"
        if index and _OPEN.fullmatch(text, hits[index - 1].end, hit.start) and _CLOSE.match(text, hit.end):
            dropped.update(_list_run(text, hits, index - 1, -1, parts))
        # the expansion after: "CODE (<A>, <B> and <C>)"
        if index + 1 < len(hits) and _OPEN.fullmatch(text, hit.end, hits[index + 1].start):
            run = _list_run(text, hits, index + 1, 1, parts)
            if run and _CLOSE.match(text, hits[max(run)].end):
                dropped.update(run)
    return [hit for index, hit in enumerate(hits) if index not in dropped]


def _list_run(text: str, hits: list[_Hit], index: int, step: int, parts: frozenset[str]) -> list[int]:
    """Indexes of consecutive hits from ``index`` (walking by ``step``) that are all ``parts``."""
    run: list[int] = []
    while 0 <= index < len(hits) and hits[index].value in parts:
        run.append(index)
        nxt = index + step
        if not 0 <= nxt < len(hits):
            break
        left, right = (hits[nxt], hits[index]) if step < 0 else (hits[index], hits[nxt])
        gap = text[left.end : right.start]
        if not gap or _LIST_GAP.fullmatch(gap) is None:
            break
        index = nxt
    return run


def _countries(value: str, tables: _Tables) -> list[str] | None:
    if value in tables.countries:
        listed = tables.countries[value]
        return list(listed) if listed else None
    if ":" in value:
        return None  # a cloud region outside the table (a new AWS code, a Google Cloud region)
    return [value.split("-", 1)[0]]


def find_regions(document: Document) -> list[Mention]:
    """Return the region mentions of a document, one per span, in text order."""
    tables = _tables()
    text = document.text
    hits = [
        *_gazetteer_hits(document, tables),
        *_code_list_hits(text, tables),
        *_code_after_preposition_hits(document),
        *_cloud_hits(text, tables),
    ]
    roles: dict[str, str | None] = {}
    return [
        Mention(
            doc=document.id,
            type=TYPE,
            text=text[hit.start : hit.end],
            start=hit.start,
            end=hit.end,
            value=hit.value,
            role=_role(text, hit.start, hit.end, tables.context, roles),
            score=hit.score,
            source=f"region/{hit.kind}",
            extra={"countries": _countries(hit.value, tables)},
        )
        for hit in _drop_expansions(text, _resolve(hits), tables)
    ]
