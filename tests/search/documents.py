"""Search documents (search/documents.py shape) written by hand, for engine tests that need
exact texts rather than pages."""


def search_document(page_id: int, title: str, summary: str = "", body: str = "", **fields) -> dict:
    """A published case in the municipality Testby; `fields` replace any default."""
    return {
        "id": page_id,
        "title": title,
        "summary": summary,
        "body": body,
        "lessons": "",
        "url": f"/kommuner/testby/fall-{page_id}/",
        "themes": [],
        "theme_slugs": [],
        "keywords": [],
        "keyword_slugs": [],
        "target_groups": [],
        "target_group_slugs": [],
        "municipality": "Testby",
        "municipality_code": "9999",
        "county": "Testlän",
        "county_code": "99",
        "status": "ongoing",
        "evidence_level": "promising",
        "start_date": "2020-01-01",
        "end_date": None,
        "start_year": 2020,
        "end_year": None,
        "has_indicators": False,
        "published_at": f"2024-01-{page_id:02d}T10:00:00+00:00",
        "version": f"v{page_id}",
        **fields,
    }
