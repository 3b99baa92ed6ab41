from django.core.management.base import CommandError

from search.service import cluster_engine, database_engine

ENGINE_CHOICES = ("database", "cluster", "all")


def selected_engines(choice: str):
    """(label, engine) pairs for --engine: the database engine, the configured cluster, or both."""
    engines = []
    if choice in ("database", "all"):
        engines.append(("database", database_engine()))
    if choice in ("cluster", "all"):
        cluster = cluster_engine()
        if cluster is None and choice == "cluster":
            raise CommandError("No search cluster is configured (SEARCH_ENGINE_URL is empty).")
        if cluster is not None:
            engines.append((cluster.name, cluster))
    return engines
