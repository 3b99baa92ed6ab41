"""Ranking metrics over graded judgments (TREC style: an unjudged case has grade 0).

nDCG uses the exponential gain 2^grade − 1 and the log2(rank + 1) discount; the ideal ranking is
the judged cases sorted by grade. A case counts as relevant for recall, MRR and the first
relevant rank when its grade is at least 1.
"""

from __future__ import annotations

import math


def dcg(grades: list[int]) -> float:
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg_at(ranked: list[str], judgments: dict[str, int], k: int = 10) -> float:
    ideal = dcg(sorted(judgments.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([judgments.get(key, 0) for key in ranked[:k]]) / ideal


def recall_at(ranked: list[str], judgments: dict[str, int], k: int = 20) -> float:
    relevant = {key for key, grade in judgments.items() if grade > 0}
    if not relevant:
        return 0.0
    return len(relevant & set(ranked[:k])) / len(relevant)


def first_relevant_rank(ranked: list[str], judgments: dict[str, int]) -> int | None:
    for rank, key in enumerate(ranked, start=1):
        if judgments.get(key, 0) > 0:
            return rank
    return None


def reciprocal_rank(ranked: list[str], judgments: dict[str, int]) -> float:
    rank = first_relevant_rank(ranked, judgments)
    return 1 / rank if rank else 0.0


def must_find_missing(ranked: list[str], judgments: dict[str, int], k: int = 10) -> list[str]:
    """The grade-3 cases that are not in the top k."""
    top = set(ranked[:k])
    return sorted(key for key, grade in judgments.items() if grade == 3 and key not in top)
