"""Query understanding: words in the search box that name a filter value become that filter.

"avslutade insatser för nyanlända" searches "insatser för nyanlända" among completed cases,
"föräldrastöd Värmland" searches "föräldrastöd" in Värmland's county, "Filipstad" lists Filipstad's
cases, "2021" the cases active in 2021. `interpret` is a pure function of the text and a
`Vocabulary` (built from the database by search/understanding_data.py), so every rule is tested
without a database. The service (search/service.py) applies the result to the request, so /sok/,
the API, feeds and exports agree; each interpreted value is shown as a chip with a link that
searches the literal words instead (`tolka=nej`).

The rules, in order of precedence at each position of the query (longest phrase first):

- "<county> län" and "<municipality> kommun" (also the genitive, "Filipstads kommun");
- a focus area's full name, compared word by word on stems with stop words ignored
  ("grundskolan" -> Grundskola, "integration av nyanlända" -> Integration av nyanlända);
- a municipality's name ("Filipstad", "Upplands Väsby", "Upplands-Bro"), also in the genitive;
  names that are common Swedish words ("Mark", "Berg", "Kil", "Boden", "Lund", "Vara" …) only with
  "kommun" after them;
- a county's short name ("Värmland", "Värmlands", "Västra Götaland"); where a municipality has
  the same name (Stockholm, Uppsala, Jönköping, Kalmar, Örebro, Gotland) the municipality wins
  unless "län" follows;
- a status word in any of its forms (pågående, avslutad/avslutade/avslutat, planerade, nedlagda,
  avbrutna …); a generic noun right after it ("insatser", "projekt") goes with it, as
  "avslutade projekt" means the status and nothing else;
- a year 2000–2100 ("2021") or a range ("2019–2021"): cases active in those years, unless the
  request already has a year filter.

Never interpreted: words inside quotation marks (a quoted phrase is literal). When the interpreted
search finds nothing but the literal words do, the service shows the literal results instead – so
a case whose title contains the place or status word ("Värmland läser") is still found when it is
what the words describe. That is the whole rule for conflicts: no scoring of title phrases.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# Status value -> the forms that name it. Kept here (not in the analysis) because they map to the
# stored choice values of cases.choices.Status.
STATUS_WORDS = {
    "ongoing": ("pågående", "pågår"),
    "completed": (
        "avslutad",
        "avslutade",
        "avslutat",
        "avslutades",
        "slutförd",
        "slutförda",
        "slutfört",
    ),
    "planned": ("planerad", "planerade", "planerat"),
    "discontinued": ("nedlagd", "nedlagda", "nedlagt", "avbruten", "avbrutna", "avbrutet"),
}
# Nouns that after a status word only say "cases": "avslutade insatser" = status completed.
_GENERIC_NOUNS = """
    insats insatser insatsen insatserna projekt projektet projekten arbete arbeten satsning
    satsningar satsningen satsningarna initiativ initiativen verksamhet verksamheter
"""
GENERIC_NOUNS = frozenset(_GENERIC_NOUNS.split())
# Municipalities whose names are everyday words: only "<name> kommun" names them.
_COMMON_WORD_NAMES = "mark berg kil boden vara lund säter ale eda sala"
COMMON_WORD_NAMES = frozenset(_COMMON_WORD_NAMES.split())
MUNICIPALITY_WORD = "kommun"
COUNTY_WORD = "län"
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_PHRASE = 5

_TOKEN = re.compile(r"[^\W_]+")
_DASHES = "-‐‑‒–—"
_QUOTES = '"”“„«»'


@dataclass(frozen=True)
class Place:
    code: str
    label: str


@dataclass(frozen=True)
class Vocabulary:
    """What can be named in a query. Keys are tuples of lower-case words (themes: of stems)."""

    municipalities: dict[tuple[str, ...], Place] = field(default_factory=dict)
    counties: dict[tuple[str, ...], Place] = field(default_factory=dict)
    # tuple of content-word stems of the focus area's name -> (slug, name)
    themes: dict[tuple[str, ...], Place] = field(default_factory=dict)
    stop_words: frozenset[str] = frozenset()
    stem: Callable[[str], str] = str

    @classmethod
    def build(
        cls,
        *,
        municipalities: Iterable[tuple[str, str]] = (),
        counties: Iterable[tuple[str, str]] = (),
        themes: Iterable[tuple[str, str]] = (),
        stop_words: frozenset[str] = frozenset(),
        stem: Callable[[str], str] = str,
    ) -> Vocabulary:
        """From (code, name) of municipalities and counties ("Värmlands län") and (slug, name) of
        focus areas."""
        place_names: dict[tuple[str, ...], Place] = {}
        for code, name in municipalities:
            place = Place(code, name)
            words = tuple(_words(name))
            if not words:
                continue
            genitive = (*words[:-1], _genitive(words[-1]))
            place_names[(*words, MUNICIPALITY_WORD)] = place
            place_names.setdefault((*genitive, MUNICIPALITY_WORD), place)
            if len(words) == 1 and (words[0] in COMMON_WORD_NAMES or words[0] in stop_words):
                continue
            place_names[words] = place
            place_names.setdefault(genitive, place)
        county_names: dict[tuple[str, ...], Place] = {}
        for code, name in counties:
            words = tuple(_words(name))
            if not words:
                continue
            if words[-1] == COUNTY_WORD:
                words = words[:-1]
            short = (*words[:-1], _without_genitive(words[-1]))
            place = Place(code, " ".join(_title(word) for word in short))
            for form in {words, short}:
                county_names[(*form, COUNTY_WORD)] = place
                if form not in place_names:
                    county_names.setdefault(form, place)
        theme_names = {}
        for slug, name in themes:
            key = tuple(stem(word) for word in _words(name) if word not in stop_words)
            if key:
                theme_names[key] = Place(slug, name)
        return cls(place_names, county_names, theme_names, stop_words, stem)


@dataclass(frozen=True)
class InterpretedFilter:
    field: str  # a SearchRequest filter field, or "years"
    value: str  # slug, code, status value, or "2019" / "2019–2021"
    label: str  # what the chip shows after the facet name: "Värmland", "Avslutad", "2021"
    words: str  # the words of the query it came from, as typed


@dataclass(frozen=True)
class Interpretation:
    text: str  # what is left to search as text
    filters: tuple[InterpretedFilter, ...] = ()

    def values(self, field_name: str) -> tuple[str, ...]:
        return tuple(f.value for f in self.filters if f.field == field_name)

    @property
    def years(self) -> tuple[int, int] | None:
        for found in self.filters:
            if found.field == "years":
                first, _, last = found.value.partition("–")
                return int(first), int(last or first)
        return None


@dataclass(frozen=True)
class _Token:
    word: str  # lower-case
    start: int
    end: int
    quoted: bool
    gap: str  # the characters between the previous word and this one


def interpret(
    text: str, vocabulary: Vocabulary, *, status_labels: dict[str, str] | None = None
) -> Interpretation:
    """The remaining text and the filters named by the query's words (see the module doc)."""
    text = unicodedata.normalize("NFC", text or "")
    tokens = _tokens(text)
    labels = status_labels or {}
    found: list[InterpretedFilter] = []
    consumed: list[tuple[int, int]] = []  # token index ranges [a, b)
    statuses = {form: value for value, forms in STATUS_WORDS.items() for form in forms}
    has_year = False
    i = 0
    while i < len(tokens):
        match = None if tokens[i].quoted else _match_at(tokens, i, vocabulary, statuses)
        if match is None:
            i += 1
            continue
        length, kind, value, label = match
        if kind == "years":
            if has_year:
                i += length
                continue
            has_year = True
        elif kind == "statuses":
            label = labels.get(value, label)
            following = tokens[i + length] if i + length < len(tokens) else None
            if (
                following is not None
                and not following.quoted
                and _joined(following)
                and following.word in GENERIC_NOUNS
            ):
                length += 1
        words = text[tokens[i].start : tokens[i + length - 1].end]
        if not any(f.field == kind and f.value == value for f in found):
            found.append(InterpretedFilter(kind, value, label, words))
        consumed.append((i, i + length))
        i += length
    if not found:
        return Interpretation(_clean(text))
    remaining = _without_edge_stop_words(_remaining(text, tokens, consumed), vocabulary)
    return Interpretation(remaining, tuple(found))


def _match_at(tokens, i, vocabulary: Vocabulary, statuses: dict[str, str]):
    """(token count, field, value, label) of the longest interpretation starting at token i."""
    longest = 1
    while (
        longest < MAX_PHRASE
        and i + longest < len(tokens)
        and not tokens[i + longest].quoted
        and _joined(tokens[i + longest])
    ):
        longest += 1
    for length in range(longest, 0, -1):
        words = tuple(token.word for token in tokens[i : i + length])
        if words[-1] == COUNTY_WORD and words in vocabulary.counties:
            place = vocabulary.counties[words]
            return length, "counties", place.code, place.label
        if words[-1] == MUNICIPALITY_WORD and words in vocabulary.municipalities:
            place = vocabulary.municipalities[words]
            return length, "municipalities", place.code, place.label
        if words[0] not in vocabulary.stop_words and words[-1] not in vocabulary.stop_words:
            stems = tuple(vocabulary.stem(w) for w in words if w not in vocabulary.stop_words)
            if stems in vocabulary.themes:
                theme = vocabulary.themes[stems]
                return length, "themes", theme.code, theme.label
        if words in vocabulary.municipalities:
            place = vocabulary.municipalities[words]
            return length, "municipalities", place.code, place.label
        if words in vocabulary.counties:
            place = vocabulary.counties[words]
            return length, "counties", place.code, place.label
    word = tokens[i].word
    if word in statuses:
        return 1, "statuses", statuses[word], word
    year = _year(word)
    if year is not None:
        if (
            i + 1 < len(tokens)
            and _year(tokens[i + 1].word) is not None
            and tokens[i + 1].gap.strip()
            and tokens[i + 1].gap.strip() in _DASHES
        ):
            first, last = sorted((year, _year(tokens[i + 1].word)))
            return 2, "years", f"{first}–{last}", f"{first}–{last}"
        return 1, "years", str(year), str(year)
    return None


# Text helpers


def _words(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFC", text or "").lower())


def _genitive(word: str) -> str:
    return word if word.endswith(("s", "x", "z")) else word + "s"


def _without_genitive(word: str) -> str:
    # "värmlands" -> "värmland", "dalarnas" -> "dalarna"; "skåne", "kalmar", "uppsala" stay.
    return word[:-1] if word.endswith("s") and len(word) > 4 else word


def _title(word: str) -> str:
    return word[:1].upper() + word[1:]


def _tokens(text: str) -> list[_Token]:
    quoted_spans = []
    opening = None
    for position, char in enumerate(text):
        if char in _QUOTES:
            if opening is None:
                opening = position
            else:
                quoted_spans.append((opening, position))
                opening = None
    tokens, previous_end = [], 0
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        quoted = any(a < start < b for a, b in quoted_spans)
        gap = text[previous_end:start]
        tokens.append(_Token(match.group().lower(), start, end, quoted, gap))
        previous_end = end
    return tokens


def _joined(token: _Token) -> bool:
    """Whether a word continues the previous one's name: only spaces or one dash between."""
    between = token.gap.strip()
    return between == "" or between in _DASHES


def _year(word: str) -> int | None:
    if len(word) == 4 and word.isascii() and word.isdigit():
        year = int(word)
        if MIN_YEAR <= year <= MAX_YEAR:
            return year
    return None


def _remaining(text: str, tokens: list[_Token], consumed: list[tuple[int, int]]) -> str:
    """The text without the consumed words (and the separators between them)."""
    parts, position = [], 0
    for a, b in consumed:
        parts.append(text[position : tokens[a].start])
        position = tokens[b - 1].end
    parts.append(text[position:])
    return _clean(" ".join(parts))


def _without_edge_stop_words(text: str, vocabulary: Vocabulary) -> str:
    """ "föräldrastöd i" (from "föräldrastöd i Värmland") -> "föräldrastöd": a preposition left
    at an edge by a removed place or status says nothing."""
    parts = text.split()

    def is_stop(part: str) -> bool:
        words = _words(part)
        quoted = any(mark in part for mark in _QUOTES)
        return len(words) == 1 and words[0] in vocabulary.stop_words and not quoted

    while parts and is_stop(parts[-1]):
        parts.pop()
    while parts and is_stop(parts[0]):
        parts.pop(0)
    return _clean(" ".join(parts))


def _clean(text: str) -> str:
    # Commas or dashes left dangling by a removed word say nothing.
    cleaned = " ".join(text.split())
    cleaned = re.sub(r"\s+([,;:.!?])", r"\1", cleaned)
    return cleaned.strip(" ,;:-–—").strip()
