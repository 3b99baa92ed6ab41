"""Swedish stems: Snowball Swedish (PyStemmer) plus corrections for the forms it leaves apart.

Snowball strips a fixed list of endings. It does not strip "-an" (skolan stays "skolan"), keeps
many definite forms apart (barnet, programmet, projektet, resultatet), cuts "-er" off one form
and "-ar" off another (förälder -> föräld, föräldrar -> föräldr) and knows no umlaut plurals
(länder, städer). data/stem_corrections.tsv, built by build_dictionary.py from hunspell-sv's
inflection families, maps each such form to its family's one stem; data/stem_extra.tsv holds
the few joins a family cannot give (umlaut plurals hunspell lists as words of their own,
centrum/center). A compound that is not in the table takes the correction of its longest
corrected tail after a listed compound head: skolfrånvaron -> skol + (frånvaron -> frånvaro).
Place names that are no ordinary words stay whole (Dalarna, Skåne, Norrbotten).
"""

from __future__ import annotations

import csv
import threading
from functools import cache, lru_cache
from pathlib import Path

import Stemmer

from search.analysis.normalisation import words

DATA = Path(__file__).resolve().parent / "data"
PLACES = Path(__file__).resolve().parents[2] / "cases" / "data" / "kommuner.csv"
MIN_PLACE = 4
# A tail shorter than this is not trusted to be a word of its own inside a compound.
MIN_TAIL = 5
# Longest corrected tail looked for inside a longer word: it bounds the work on odd input.
MAX_TAIL = 30
MIN_HEAD = 3
# Shortest stem: a shorter one joins unrelated words.
MIN_STEM = 3
_local = threading.local()


def _snowball() -> Stemmer.Stemmer:
    # PyStemmer's stemmer objects are not thread-safe: one per thread.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("swedish")
    return stemmer


def _read_pairs(path: Path) -> dict[str, str]:
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            form, _, stem = line.partition("\t")
            pairs[form.strip()] = stem.strip()
    return pairs


@cache
def corrections() -> dict[str, str]:
    return _read_pairs(DATA / "stem_corrections.tsv") | _read_pairs(DATA / "stem_extra.tsv")


@cache
def head_forms() -> frozenset[str]:
    """Forms that begin a compound (skol, föräldra, arbets), from the compound dictionary."""
    forms = set()
    for line in (DATA / "compound_parts.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            forms.update(filter(None, line.split("\t")[2].split(",")))
    return frozenset(forms)


def snowball(word: str) -> str:
    return _snowball().stemWord(word)


@cache
def place_words() -> frozenset[str]:
    """Words of municipality and county names that are no ordinary Swedish words (dalarna,
    skåne, hällefors, norrbotten): they stay whole, so Dalarna is no kind of dal. County names
    are taken without "län" and genitive -s (Dalarnas län -> dalarna)."""
    lemmas = set()
    for line in (DATA / "compound_parts.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lemmas.add(line.split("\t", 1)[0])
    found = set()
    with PLACES.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found.update(words(row["municipality_name"]))
            county = words(row["county_name"])
            if county and county[-1] == "län":
                county = county[:-1]
                if county and county[-1].endswith("s"):
                    county[-1] = county[-1][:-1]
            found.update(county)
    return frozenset(word for word in found if len(word) >= MIN_PLACE and word not in lemmas)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one normalised word: the same for every inflected form of it."""
    places = place_words()
    if word in places:
        return word
    if word.endswith("s") and word[:-1] in places:  # Dalarnas, Skånes
        return word[:-1]
    table = corrections()
    corrected = table.get(word)
    if corrected is None and word.endswith("s"):
        # Genitive -s of a corrected form (yrkesutbildningars, skolans): the table keeps only
        # forms that occur in wordfreq's list.
        corrected = table.get(word[:-1])
    if corrected is not None:
        return corrected
    if len(word) <= MIN_STEM:
        # Acronyms and short words stay whole: "sas" is no inflection of "s".
        return word
    heads = head_forms()
    for cut in range(max(MIN_HEAD, len(word) - MAX_TAIL), len(word) - MIN_TAIL + 1):
        tail = table.get(word[cut:])
        if tail is not None and word[:cut] in heads:
            return word[:cut] + tail
    base = word[:-1]
    if word.endswith("s") and (
        base.endswith(("ar", "er", "or", "na", "en", "et", "an"))
        or (len(word) >= 7 and base.endswith(("e", "a")))
    ):
        # A genitive -s on a form that is stemmed further (personers, ensamkommandes, lärares):
        # the stem of the form without it.
        return stem(base)
    corrected = snowball(word)
    return corrected if len(corrected) >= MIN_STEM else word
