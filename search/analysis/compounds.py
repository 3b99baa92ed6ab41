"""Compound splitting, the same at index and at query time.

The dictionary (data/compound_parts.tsv, built from hunspell-sv and wordfreq by
build_dictionary.py) lists lemmas with their frequency, the forms in which each begins or
continues a compound, linking letters included (skola -> skol, ungdom -> ungdoms, förälder ->
föräldra, arbete -> arbets), and whether it may end one.

A word splits into head forms followed by one tail: every head must be one of those listed
forms exactly, the tail is recognised by its stem (so inflected tails count: frånvaron,
arbetslösheten). Of all decompositions the one with the fewest parts wins (longest parts:
ungdomsarbetslöshet -> ungdom + arbetslöshet, not ungdom + arbete + ...), then the one whose
rarest part is most frequent. Guards against splitting words that are not compounds:

* a word the dictionary knows as a whole (kommun, ungdom, brobyggare) splits only in two, with
  a first part of four letters or more (ung + dom, bro + byggare stay whole), and only into parts
  at most MAX_RARER Zipf steps rarer than itself (kombi + nation stays whole); an unknown word may
  have up to four parts of three letters or more;
* no part is a particle or preposition (under + visning, från + varo, för + skola: lexicalised);
* a three-letter last part must be a common word after a linking form or a longer head, and no
  part follows itself (kris + tia, bar + bar, dröm + men are no compounds);
* a last part never starts with a derivational ending (kontroll + era, värder + ingar) and a
  few short lemmas that are mostly endings are never last parts (NOT_TAILS);
* words longer than MAX_WORD letters are not split (no real compound is; it bounds the work);
* data/never_split.txt lists the few whole words the rules still split wrongly.

The parts are returned as lemmas; callers stem them, so "skolfrånvaro" and "frånvaro i skolan"
share the stems skol and frånvaro, and "föräldrastöd" and "föräldrar" share föräld.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from search.analysis.normalisation import words
from search.analysis.stemming import stem

DATA = Path(__file__).resolve().parent / "data"
PLACES = Path(__file__).resolve().parents[2] / "cases" / "data" / "kommuner.csv"
# A known whole word splits only if its rarest part is at most this much rarer (Zipf scale)
# than the word itself: kombination is no kombi + nation, arbetsmarknad is arbete + marknad.
MAX_RARER = 1.0
# A three-letter last part must be a common word (tid, råd, dag), not a rare one (tia).
SHORT_TAIL_ZIPF = 4.5
SHORT_TAIL_HEAD = 5
# Derivational endings: a split must not leave one of them as the start of the last part.
SUFFIXES = ("ing", "ist", "era", "het", "skap", "ande", "ende", "else")
MIN_WORD = 6
MAX_WORD = 60
MIN_PART = 3
MIN_PART_KNOWN = 4
MAX_PARTS = 4
PARTICLES = frozenset(
    {
        "av", "bort", "efter", "fram", "för", "före", "genom", "in", "inom", "kring", "med",
        "mellan", "mot", "ned", "ner", "om", "på", "samman", "till", "upp", "ut", "utom", "under",
        "åter", "över", "från", "hit", "dit", "bak", "fort",
    }
)  # fmt: skip

# Inflection endings a compound's last part may carry (noun, adjective and participle forms).
ENDINGS = frozenset(
    {
        "", "s", "n", "ns", "en", "ens", "et", "ets", "na", "nas", "ena", "enas", "ar", "er", "or",
        "r", "ars", "ers", "ors", "rs", "arna", "erna", "orna", "rna", "arnas", "ernas", "ornas",
        "rnas", "a", "as", "e", "es", "t", "ts", "d", "de", "te", "at", "ade", "ande", "ende",
    }
)  # fmt: skip

# Short lemmas that are mostly accidental substrings at the end of a word, never a last part:
# skriv-ande is no anda, jobbmatch-are no area, praktik-anter no anta, föräldra-skapet no
# skapa, and -het, -dom, -lek, -era, -ing end derived words (trygghet, visdom, storlek,
# kontrollera, flyktingar).
NOT_TAILS = frozenset(
    {
        "amma", "and", "anda", "ande", "anta", "area", "cent", "dera", "dom", "ena", "era",
        "het", "heta", "hår", "inge", "ister", "lek", "liga", "men", "meta", "mor", "nation",
        "rad", "rada", "rate", "reta", "ring", "ringa", "iste", "skapa", "skar", "tina", "ting",
        "vis",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Dictionary:
    heads: dict[str, tuple[str, float]]  # form at the start of a compound -> (lemma, zipf)
    tails: dict[str, list[tuple[str, float]]]  # stem -> lemmas that may end one, with zipf
    known: dict[str, float]  # stem of every lemma -> highest zipf, "the dictionary knows it"
    never: frozenset[str]  # stems of words never split


@cache
def dictionary() -> Dictionary:
    heads: dict[str, tuple[str, float]] = {}
    tails: dict[str, list[tuple[str, float]]] = {}
    known: dict[str, float] = {}
    for line in (DATA / "compound_parts.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        lemma, zipf, forms, tail = line.split("\t")
        frequency = float(zipf)
        if lemma in PARTICLES:
            continue
        lemma_stem = stem(lemma)
        known[lemma_stem] = max(frequency, known.get(lemma_stem, 0.0))
        for form in filter(None, forms.split(",")):
            if form in PARTICLES:  # mot- of mota begins motsats, motverka, mottagning
                continue
            if form not in heads or heads[form][1] < frequency:
                heads[form] = (lemma, frequency)
        # hunspell marks most possible compound ends (flag Y); a word that can begin a
        # compound can end one too (stads-del).
        if (tail == "1" or forms) and lemma not in NOT_TAILS:
            tails.setdefault(lemma_stem, []).append((lemma, frequency))
    never = {stem(word) for word in _never_split()}
    for lemmas in tails.values():
        lemmas.sort(key=lambda entry: (len(entry[0]), -entry[1]))
    return Dictionary(heads, tails, known, frozenset(never))


def _never_split() -> set[str]:
    """data/never_split.txt and the words of municipality and county names (Hällefors is no
    kind of fors)."""
    found = set()
    for line in (DATA / "never_split.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            found.add(line.strip())
    with PLACES.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found.update(words(f"{row['municipality_name']} {row['county_name']}"))
    return found


def _inflects(word: str, lemma: str) -> bool:
    """Whether the word is the lemma with an inflection ending (frånvaron, skolor): a shared
    Snowball stem alone is not enough (sittare is no form of sitt, arbetslöshet none of
    arbetslös)."""
    if word.startswith(lemma) and word[len(lemma) :] in ENDINGS:
        return True
    # A doubled last consonant: programmet, rummet.
    doubled = lemma + lemma[-1]
    if word.startswith(doubled) and word[len(doubled) :] in ENDINGS:
        return True
    # A final vowel dropped before an ending: skolor, pojkar (not before nothing: delar is no
    # form of delare).
    short = lemma[:-1]
    return (
        lemma[-1] in "aeiouyåäö"
        and word.startswith(short)
        and word[len(short) :] in ENDINGS
        and len(word) > len(short)
    )


def _tail(word: str, min_part: int) -> tuple[str, float] | None:
    lemmas = [
        entry for entry in dictionary().tails.get(stem(word), ()) if len(entry[0]) >= min_part
    ]
    # The word itself if it is a lemma (läger, not läge + r), else the shortest it inflects.
    for lemma, frequency in lemmas:
        if lemma == word:
            return lemma, frequency
    for lemma, frequency in lemmas:
        if _inflects(word, lemma):
            return lemma, frequency
    return None


@lru_cache(maxsize=50_000)
def _best(word: str, min_part: int, parts_left: int) -> tuple[tuple[str, ...], float] | None:
    """(lemmas, frequency of the rarest) of the best decomposition into at least two parts."""
    heads = dictionary().heads
    best: tuple[tuple[str, ...], float] | None = None
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head = heads.get(word[:cut])
        if head is None or len(head[0]) < min_part:
            continue
        rest = word[cut:]
        if rest.startswith(SUFFIXES):
            # What follows is a derivational ending, not a word: värder-ingar, terror-ister.
            continue
        candidates = []
        tail = _tail(rest, MIN_PART) if len(rest) >= MIN_PART else None
        if tail is not None and (
            tail[0] == head[0] or (len(tail[0]) < MIN_PART_KNOWN and tail[1] < SHORT_TAIL_ZIPF)
        ):
            # No doubled part (bar + bar) and no rare three-letter tail (kris + tia).
            tail = None
        if (
            tail is not None
            and len(tail[0]) < MIN_PART_KNOWN
            and word[:cut] == head[0]
            and cut < SHORT_TAIL_HEAD
        ):
            # A three-letter tail after a short bare head is most often an ending: dröm-men,
            # stor-men (a linking form or a longer head is a compound: skol-råd, sommar-tid).
            tail = None
        if tail is not None:
            candidates.append(((head[0], tail[0]), min(head[1], tail[1])))
        if parts_left > 2:
            deeper = _best(rest, min_part, parts_left - 1)
            if deeper is not None:
                candidates.append(((head[0], *deeper[0]), min(head[1], deeper[1])))
        for candidate in candidates:
            if best is None or (-len(candidate[0]), candidate[1]) > (-len(best[0]), best[1]):
                best = candidate
    return best


@lru_cache(maxsize=100_000)
def split(word: str) -> tuple[str, ...]:
    """The lemmas a compound is made of, or () for a word that is not one:
    "skolfrånvaron" -> ("skola", "frånvaro"), "kommun" -> ()."""
    if not MIN_WORD <= len(word) <= MAX_WORD or not word.isalpha():
        return ()
    word_stem = stem(word)
    if word_stem in dictionary().never:
        return ()
    frequency = dictionary().known.get(word_stem)
    if frequency is None:
        found = _best(word, MIN_PART, MAX_PARTS)
    else:
        # A known whole word splits in two at most (hemma + sitt + area is no hemmasittare),
        # into parts not much rarer than itself.
        found = _best(word, MIN_PART_KNOWN, 2)
        if found and found[1] < frequency - MAX_RARER:
            found = None
    return found[0] if found else ()
