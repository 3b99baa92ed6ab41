"""Typo correction: the pure part. Which words to correct, with what, and when a correction wins.

The service (search/service.py) corrects, engines only answer: when a query finds nothing or very
little (FEW_HITS), each word the index does not know is replaced by the closest indexed word –
the smallest edit distance (insertions, deletions, substitutions and swaps of neighbours), then the
most frequent, then alphabetical – and the corrected query is searched. Its results are shown
instead when it finds clearly more (`clearly_more`). The candidates come from the indexed
vocabulary (search/spelling_data.py), the same for every engine, so a typo is corrected alike
whichever engine answers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice, product

# A query with fewer hits than this may be a typo worth correcting.
FEW_HITS = 3
# Words shorter than this are left alone: too little to go on ("bo", "ai").
MIN_LENGTH = 4
# A query with more unknown words than this is not a typo but another vocabulary.
MAX_UNKNOWN_WORDS = 3
CANDIDATES_PER_WORD = 3
MAX_COMBINATIONS = 6
# A word found in this many cases or fewer may itself be a typo ("språkutvekling" in one text);
# it is corrected only to a word at least MORE_FREQUENT times as frequent.
RARE_CASES = 1
MORE_FREQUENT = 3

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Correction:
    text: str  # the corrected query
    replaced: tuple[tuple[str, str], ...]  # (word as typed, lower-case; correction)


def max_distance(word: str) -> int:
    """One edit in a short word, two from eight letters on ("språkutvekling" -> "…utveckling")."""
    return 1 if len(word) < 8 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (Levenshtein plus swapped neighbours), or limit + 1 when
    it exceeds the limit (computed only as far as needed)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1] if previous[-1] <= limit else limit + 1


def within_reach(word: str, candidates: Iterable[str]) -> dict[str, int]:
    """candidate -> edits, for the candidates within max_distance of the word."""
    limit = max_distance(word)
    letters = set(word)
    found = {}
    for candidate in candidates:
        # Each edit changes at most one letter on each side of the letter sets: a cheap test that
        # spares the full distance for almost every candidate.
        if candidate == word or len(letters.symmetric_difference(candidate)) > 2 * limit:
            continue
        edits = distance(word, candidate, limit)
        if edits <= limit:
            found[candidate] = edits
    return found


def closest(
    word: str,
    candidates: Iterable[str],
    frequencies: Callable[[list[str]], dict[str, int]],
    n: int = CANDIDATES_PER_WORD,
    own: int = 0,
) -> list[str]:
    """The n best candidates within max_distance, best first: fewest edits, then the most
    frequent (frequencies are asked for the close candidates only), then alphabetical. A word
    the index knows (`own` cases) is only corrected to one MORE_FREQUENT times as frequent."""
    reachable = within_reach(word, candidates)
    counts = frequencies(sorted(reachable)) if reachable else {}
    ranked = sorted(reachable, key=lambda c: (reachable[c], -counts.get(c, 0), c))
    return [c for c in ranked if not own or counts.get(c, 0) >= MORE_FREQUENT * own][:n]


def words_to_correct(
    text: str,
    frequencies: Callable[[list[str]], dict[str, int]],
    stop_words: frozenset[str],
) -> dict[str, int]:
    """The query's words worth correcting, with the number of cases each is found in: long
    enough, not numbers or stop words, and unknown to the index or rare in it (at most
    RARE_CASES cases – a typo in one case's text is still a typo)."""
    words = [w for w in _words(text) if len(w) >= MIN_LENGTH and not w.isdigit()]
    words = [w for w in dict.fromkeys(words) if w not in stop_words]
    if not words:
        return {}
    counts = frequencies(words)
    return {word: counts.get(word, 0) for word in words if counts.get(word, 0) <= RARE_CASES}


def corrections(
    text: str,
    unknown: dict[str, int],
    candidates_for: Callable[[str], Iterable[str]],
    frequencies: Callable[[list[str]], dict[str, int]] = lambda words: {},
) -> list[Correction]:
    """Corrected versions of the text, most likely first: every unknown or rare word (with its
    case count) replaced by one of its closest candidates (words without one stay as typed)."""
    if not unknown or len(unknown) > MAX_UNKNOWN_WORDS:
        return []
    options = []
    for word, own in unknown.items():
        found = closest(word, candidates_for(word), frequencies, own=own)
        options.append([(word, choice) for choice in found] or [(word, word)])
    results = []
    for combination in islice(product(*options), MAX_COMBINATIONS):
        replaced = tuple((typed, fixed) for typed, fixed in combination if typed != fixed)
        if replaced:
            results.append(Correction(apply(text, dict(replaced)), replaced))
    return results


def apply(text: str, replacements: dict[str, str]) -> str:
    """The text with whole words replaced (case-insensitively), everything else as typed."""
    text = unicodedata.normalize("NFC", text or "")

    def swap(match: re.Match) -> str:
        return replacements.get(match.group().lower(), match.group())

    return _WORD.sub(swap, text)


def clearly_more(corrected_total: int, literal_total: int) -> bool:
    """Whether the corrected query's results replace the literal ones: it finds something where
    the literal finds nothing, or at least FEW_HITS and twice as many where it finds a few."""
    if corrected_total <= 0:
        return False
    if literal_total == 0:
        return True
    return corrected_total >= max(FEW_HITS, 2 * literal_total)


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text or "").lower())
