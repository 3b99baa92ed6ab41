"""Build search/data/compound_words.txt, the word list of the dictionary_decompounder filter.

Regenerate (Debian/Ubuntu; the output is committed, so the site never needs hunspell):

    apt-get install -y hunspell-sv
    .venv/bin/python search/data/build_compound_words.py

The list holds, lower-cased, sorted, one per line:

* simple (non-compound) Swedish nouns of at least four letters from hunspell-sv's sv_SE.dic. A
  word counts as a noun when its affix rules inflect it to a definite singular (klubb ->
  klubben, skola -> skolan); nouns the rules derive from other entries count too (samordna ->
  samordnare). Left out: compounds of a word and a noun (idrottsklubb: the decompounder finds
  its parts anyway, and the list stays small), except words after a particle, which are
  lexicalised (undervisning, utveckling); and nouns made from verbs (byggande);
* the platform's own vocabulary: the words of the demo cases' keywords and of the focus areas'
  names, plus FIELD_WORDS, so the terms editors actually use are always split out of longer words.

The decompounder emits every listed word found inside a token, so short or rare words add noise;
MIN_LENGTH matches the filter's min_subword_size (search/cluster/analysis.py).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIC = Path("/usr/share/hunspell/sv_SE.dic")
OUTPUT = Path(__file__).with_name("compound_words.txt")
DEMO_CASES = ROOT / "cases" / "demo_data" / "cases.json"
TAXONOMY = ROOT / "themes" / "data" / "taxonomy.json"
MIN_LENGTH = 4
# Linking letters between the parts of a Swedish compound (idrott-s-klubb, skol-a-gård, ...).
LINKS = ("", "s", "e", "a", "o", "u")
# Shortest head and (noun) tail of a compound the builder recognises: stadsdel = stad + s + del.
MIN_HEAD, MIN_TAIL = 3, 3
# Prefixes of lexicalised words rather than of compounds (undervisning, utveckling,
# uppföljning): words starting with them stay in the list as units.
PARTICLES = frozenset(
    {
        "av", "bort", "efter", "fram", "för", "före", "genom", "in", "med", "mellan", "mot",
        "ned", "ner", "om", "på", "samman", "till", "upp", "ut", "under", "åter", "över",
    }
)  # fmt: skip
# Words of the field that the compound rule would drop (sam-ordnare) but that people search for
# and that often end longer words (integrationssamordnaren).
FIELD_WORDS = ("samordnare", "samordning", "handledare", "handledning")
# Nouns made from verbs (byggande, lärande) would split every verb form out of other words.
VERBAL = ("ande", "ende")
WORD = re.compile(r"^[a-zåäöéü]+$")


def parse_suffixes(aff: Path) -> dict[str, list[tuple[str, str, re.Pattern]]]:
    """flag -> [(strip, add, condition)] from the SFX rules of a hunspell .aff file."""
    rules: dict[str, list[tuple[str, str, re.Pattern]]] = {}
    for line in aff.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 5 or parts[0] != "SFX":
            continue
        flag, strip, add, condition = parts[1], parts[2], parts[3].split("/")[0], parts[4]
        rules.setdefault(flag, []).append(
            ("" if strip == "0" else strip, "" if add == "0" else add, re.compile(condition + "$"))
        )
    return rules


def inflections(word: str, flags: str, rules) -> set[str]:
    forms = set()
    for flag in flags:
        for strip, add, condition in rules.get(flag, ()):
            if condition.search(word) and word.endswith(strip):
                forms.add(word[: len(word) - len(strip)] + add)
    return forms


def is_noun(word: str, forms: set[str]) -> bool:
    """Whether the forms include a definite singular of the word (klubben, skolan, området):
    verbs (arbeta -> arbetat) and adjectives (stor -> stort) have none, and plurals (klubbar)
    have only definite plurals."""
    definite = {word + "en", word + "et", word + "n"}
    if word.endswith("e"):  # område -> området
        definite.add(word + "t")
    if word.endswith("er"):  # fönster -> fönstret, socker -> sockret
        definite |= {word[:-2] + "ret", word[:-2] + "ren"}
    if word.endswith("el"):  # cykel -> cykeln
        definite.add(word[:-2] + "ln")
    return bool(forms & definite)


def read_dictionary(dic: Path) -> list[tuple[str, str]]:
    entries = []
    for line in dic.read_text(encoding="utf-8").splitlines()[1:]:
        word, _, flags = line.split("\t")[0].strip().partition("/")
        entries.append((word, flags))
    return entries


def is_compound(word: str, nouns: set[str], prefixes: set[str]) -> bool:
    """Whether the word is a head plus a noun: a head of four letters or more may be any word,
    a shorter one must be a noun (lök-paj, but not kul-tur or ung-dom)."""
    for cut in range(MIN_HEAD, len(word) - MIN_TAIL + 1):
        head, tail = word[:cut], word[cut:]
        if tail not in nouns:
            continue
        for link in LINKS:
            stem = head[: len(head) - len(link)]
            if not head.endswith(link) or len(stem) < MIN_HEAD or stem in PARTICLES:
                continue
            if stem in nouns or (len(stem) >= MIN_LENGTH and stem in prefixes):
                return True
    return False


def platform_vocabulary() -> set[str]:
    texts = []
    for case in json.loads(DEMO_CASES.read_text(encoding="utf-8")):
        texts.extend(case.get("keywords", []))
    texts.extend(
        area["name"] for area in json.loads(TAXONOMY.read_text(encoding="utf-8"))["focus_areas"]
    )
    words = set()
    for text in texts:
        words.update(re.findall(r"[a-zåäöéü]+", text.lower()))
    return {word for word in words if len(word) >= MIN_LENGTH}


def build(dic: Path) -> list[str]:
    rules = parse_suffixes(dic.with_suffix(".aff"))
    entries = read_dictionary(dic)
    # Any lower-case dictionary word (of any part of speech) may begin a compound.
    prefixes = {word for word, _ in entries if WORD.match(word)}
    nouns = set()
    for word, flags in entries:
        if not WORD.match(word) or "%" in flags:
            continue
        forms = inflections(word, flags, rules)
        # The entry itself, and nouns derived from it by suffixes (samordna -> samordnare).
        for base in (word, *forms):
            if WORD.match(base) and is_noun(base, forms) and not base.endswith(VERBAL):
                nouns.add(base)
    simple = {
        word for word in nouns if len(word) >= MIN_LENGTH and not is_compound(word, nouns, prefixes)
    }
    return sorted(simple | platform_vocabulary() | set(FIELD_WORDS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dic", type=Path, default=DEFAULT_DIC, help="hunspell .dic (with .aff)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    words = build(args.dic)
    args.output.write_text("".join(word + "\n" for word in words), encoding="utf-8")
    print(f"{len(words)} words -> {args.output}")


if __name__ == "__main__":
    main()
