from search.reconcile import compare


def test_compare_finds_missing_stale_and_orphaned():
    drift = compare({1: "a", 2: "b", 3: "c"}, {2: "b", 3: "old", 4: "x"})
    assert drift.missing == [1]
    assert drift.stale == [3]
    assert drift.orphaned == [4]
    assert drift.to_update == [1, 3, 4]
    assert compare({1: "a"}, {1: "a"}).total == 0
