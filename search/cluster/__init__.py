"""OpenSearch/Elasticsearch support for the search service.

analysis.py and mapping.py define the index, query.py builds request bodies and parses answers
(pure functions, elasticsearch-dsl), transport.py sends bodies through opensearch-py or the
Elasticsearch client. The engine tying them together is search/engines/cluster.py.
"""
