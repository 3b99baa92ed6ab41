"""The relevance set of issue #12 and its loader (a package, so `bench.relevance.loader` is found
next to the bench/relevance.py script)."""
