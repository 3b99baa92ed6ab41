"""Build the Swedish analysis data files from real word lists (run by hand; output committed).

    apt-get install -y hunspell-sv          # /usr/share/hunspell/sv_SE.dic + .aff (LGPL-3)
    python3 -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq PyStemmer
    /tmp/wf/bin/python search/analysis/build_dictionary.py

Writes, next to this file under data/:

* compound_parts.tsv – the compound dictionary: `lemma <TAB> zipf <TAB> heads <TAB> tail`.
  `heads` are the forms in which the lemma begins or continues a compound, with its linking
  letters, as hunspell-sv's compound flags (X begin, U middle) and combining-form suffixes say
  (skola -> skol, förälder -> föräldra, ungdom -> ungdoms, arbete -> arbets); `tail` is 1 when
  the lemma may end a compound (flag Y, or a noun: its forms include a definite singular);
  other lemmas are listed with neither, so the splitter knows them as whole words. Only lemmas
  of three letters or more whose frequency in wordfreq's Swedish list reaches MIN_ZIPF are
  kept, so the file stays small.
* stem_corrections.tsv – `form <TAB> stem` for the inflected forms that the Snowball Swedish
  stemmer separates from the rest of their hunspell inflection family (skolan/skola,
  föräldrar/förälder, insats/insatser, länder/land, programmet/program). Each family gets one
  stem: the longest common prefix of its Snowball stems when that keeps all but at most one
  letter of the lemma's stem, else the lemma's own stem (umlaut plurals: länder -> land). A
  form in two families takes the stem of its own entry, else of the more frequent lemma. All
  forms of lemmas with a Zipf frequency of COMMON_ZIPF or more are written, of rarer lemmas
  only the forms that occur in wordfreq's list.

The platform's own vocabulary (the demo cases' keywords, the focus areas' names and
data/extra_words.txt) joins the compound dictionary where hunspell lacks a word, so the terms
editors use are split out of longer words (integrationssamordnaren -> samordnare).

wordfreq's data is CC BY-SA 4.0 (code Apache-2.0); hunspell-sv is LGPL-3 (Göran Andersson). See
data/README.md.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
DEFAULT_DIC = Path("/usr/share/hunspell/sv_SE.dic")
ROOT = Path(__file__).resolve().parents[2]
DEMO_CASES = ROOT / "cases" / "demo_data" / "cases.json"
TAXONOMY = ROOT / "themes" / "data" / "taxonomy.json"
# Frequency given to platform words wordfreq does not know (or knows as rare).
PLATFORM_ZIPF = 3.0
MIN_ZIPF = 1.5
# Lemmas at least this frequent get a correction for every form, not only for forms that occur.
COMMON_ZIPF = 2.0
MIN_LENGTH = 3
WORD = re.compile(r"^[a-zåäöéü]+$")
BEGIN, MIDDLE, END, ONLY_IN_COMPOUND = "X", "U", "Y", "Z"


def parse_suffixes(aff: Path) -> dict[str, list[tuple[str, str, str, re.Pattern]]]:
    """flag -> [(strip, add, continuation flags, condition)] from hunspell SFX rules."""
    rules: dict[str, list] = defaultdict(list)
    for line in aff.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 5 or parts[0] != "SFX":
            continue
        flag, strip, add_flags, condition = parts[1], parts[2], parts[3], parts[4]
        add, _, flags = add_flags.partition("/")
        rules[flag].append(
            (
                "" if strip == "0" else strip,
                "" if add == "0" else add,
                flags,
                re.compile(condition + "$"),
            )
        )
    return rules


def expand(word: str, flags: str, rules) -> list[tuple[str, str]]:
    """(form, continuation flags) for every suffix rule of the entry, the entry first."""
    forms = [(word, flags)]
    for flag in flags:
        for strip, add, more, condition in rules.get(flag, ()):
            if condition.search(word) and word.endswith(strip):
                forms.append((word[: len(word) - len(strip)] + add, more))
    return forms


def read_entries(dic: Path) -> list[tuple[str, str]]:
    entries = []
    for line in dic.read_text(encoding="utf-8").splitlines()[1:]:
        word, _, flags = line.split("\t")[0].strip().partition("/")
        if WORD.match(word):
            entries.append((word, flags))
    return entries


def platform_vocabulary() -> set[str]:
    """Words of the demo cases' keywords, the focus areas' names and data/extra_words.txt."""
    texts = []
    for case in json.loads(DEMO_CASES.read_text(encoding="utf-8")):
        texts.extend(case.get("keywords", []))
    taxonomy = json.loads(TAXONOMY.read_text(encoding="utf-8"))
    texts.extend(area["name"] for area in taxonomy["focus_areas"])
    texts.extend(
        line
        for line in (DATA / "extra_words.txt").read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    )
    found = set()
    for text in texts:
        found.update(re.findall(r"[a-zåäöéü]+", text.lower()))
    return {word for word in found if len(word) >= 4}


def _is_noun(word: str, forms: set[str]) -> bool:
    """Whether the inflections include a definite singular (rådet, skolan, klubben): hunspell-sv
    leaves the compound-end flag off many nouns (råd), and any noun may end a compound."""
    definite = {word + "en", word + "et", word + "n"}
    if word.endswith(("a", "e", "o", "u", "i")):
        definite.add(word + "t")
    if word.endswith("er"):
        definite |= {word[:-2] + "ret", word[:-2] + "ren"}
    if word.endswith("el"):
        definite.add(word[:-2] + "ln")
    return bool(forms & definite)


def _lemma_of_combining(form: str, lemmas: set[str]) -> str:
    """The word a compound-only entry stands for: skol -> skola, kvinno -> kvinna."""
    candidates = [form + "a", form + "e", form[:-1] + "a", form[:-1] + "e", form[:-1]]
    if form.endswith("ra"):  # föräldra -> förälder
        candidates.append(form[:-2] + "er")
    if form.endswith("s"):  # arbets -> arbete
        candidates = [form[:-1], form[:-1] + "e", form[:-1] + "a", *candidates]
    for candidate in candidates:
        if candidate in lemmas:
            return candidate
    return form


def _common_prefix(strings) -> str:
    strings = list(strings)
    first, last = min(strings), max(strings)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


def build(dic: Path):
    import Stemmer
    from wordfreq import zipf_frequency

    snowball = Stemmer.Stemmer("swedish")
    rules = parse_suffixes(dic.with_suffix(".aff"))
    entries = read_entries(dic)
    lemmas = {word for word, flags in entries if ONLY_IN_COMPOUND not in flags}

    zipf_cache: dict[str, float] = {}

    def zipf(word: str) -> float:
        if word not in zipf_cache:
            zipf_cache[word] = zipf_frequency(word, "sv")
        return zipf_cache[word]

    heads: dict[str, set[str]] = defaultdict(set)
    tails: set[str] = set()
    families: list[tuple[str, list[str]]] = []
    for word, flags in entries:
        forms = expand(word, flags, rules)
        whole = ONLY_IN_COMPOUND not in flags
        lemma = word if whole else _lemma_of_combining(word, lemmas)
        for form, more in forms:
            if (BEGIN in more or MIDDLE in more) and len(form) >= MIN_LENGTH:
                heads[lemma].add(form)
        if whole and (END in flags or _is_noun(word, {form for form, _ in forms})):
            tails.add(word)
        if whole:
            inflected = [form for form, more in forms if ONLY_IN_COMPOUND not in more]
            families.append((word, [f for f in inflected if WORD.match(f)]))

    # The platform's own vocabulary: words editors use that hunspell lacks (samordnare) may
    # begin and end compounds too (integrations-samordnaren).
    for word in platform_vocabulary():
        if word not in lemmas and word not in heads:
            heads[word] = {word} | ({word + "s"} if not word.endswith("s") else set())
            tails.add(word)
            lemmas.add(word)
            zipf_cache[word] = max(zipf(word), PLATFORM_ZIPF)

    parts = []
    # Every other lemma is listed too (no heads, tail 0): the splitter must know that a word such
    # as "arbetslös" is a word of its own.
    for lemma in sorted(set(heads) | tails | lemmas):
        if len(lemma) < MIN_LENGTH:
            continue
        frequency = zipf(lemma)
        if frequency < MIN_ZIPF:
            continue
        forms = ",".join(sorted(heads.get(lemma, ())))
        parts.append(f"{lemma}\t{frequency:.1f}\t{forms}\t{int(lemma in tails)}")

    # One stem per inflection family; a form in several families follows the most frequent lemma.
    chosen: dict[str, tuple[tuple[float, bool], str]] = {}
    for lemma, forms in families:
        if len(lemma) < 2:
            continue
        stems = {form: snowball.stemWord(form) for form in forms}
        own = snowball.stemWord(lemma)
        prefix = _common_prefix(stems.values())
        canonical = prefix if len(prefix) >= max(3, len(own) - 1) else own
        if len(canonical) < 2:
            continue
        weight = zipf(lemma)
        # Every form of a common word (vägledarna as well as vägledare), else only forms
        # that occur.
        common = weight >= COMMON_ZIPF
        for form in stems:
            if not common and zipf(form) <= 0:
                continue
            # A word's own entry outranks the families it is merely a form of (the noun stöd,
            # not the imperative of stödja).
            # On a tie the family that keeps Snowball's stem wins (the noun grund, grunden
            # over the adjective grund, grunt).
            rank = (weight + (10 if form == lemma else 0), canonical == stems[form])
            if form not in chosen or chosen[form][0] < rank:
                chosen[form] = (rank, canonical)
    chosen = {form: entry for form, entry in chosen.items() if entry[1] != snowball.stemWord(form)}
    corrections = [f"{form}\t{stem}" for form, (_, stem) in sorted(chosen.items())]
    return parts, corrections


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dic", type=Path, default=DEFAULT_DIC, help="hunspell .dic (with .aff)")
    parser.add_argument("--output", type=Path, default=DATA)
    args = parser.parse_args()
    parts, corrections = build(args.dic)
    header = (
        "# Built by search/analysis/build_dictionary.py from hunspell-sv and wordfreq;"
        " see README.md\n"
    )
    (args.output / "compound_parts.tsv").write_text(
        header + "".join(line + "\n" for line in parts), encoding="utf-8"
    )
    (args.output / "stem_corrections.tsv").write_text(
        header + "".join(line + "\n" for line in corrections), encoding="utf-8"
    )
    print(f"{len(parts)} compound parts, {len(corrections)} stem corrections -> {args.output}")
    print(Counter(line.split("\t")[3] for line in parts))


if __name__ == "__main__":
    main()
