import difflib
import unicodedata

from themes.models import Theme


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def closest_themes(text: str, limit: int = 3) -> list[Theme]:
    """Focus areas whose names resemble the words of a search that found nothing."""
    words = [fold(word) for word in text.split() if len(word) >= 3]
    if not words:
        return []
    scored = []
    for theme in Theme.objects.all():
        name_words = fold(theme.name).split()
        score = max(
            difflib.SequenceMatcher(None, word, name_word).ratio()
            for word in words
            for name_word in name_words
        )
        scored.append((score, theme.sort_order, theme))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [theme for score, _, theme in scored[:limit] if score >= 0.5]
