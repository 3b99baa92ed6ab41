# The search engines of tests/search (the database engine, and the OpenSearch node of
# OPENSEARCH_URL or one the harness starts), for the "kommuner som liknar" filter.
from tests.search.conftest import (  # noqa: F401
    TEST_ENGINES,
    cluster_three_nodes,
    cluster_url,
    engine_url,
    opensearch_url,
    search_backend,
)
