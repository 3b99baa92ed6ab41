"""Chart geometry (cases/charts.py): pure functions of a Table, no database."""

from itertools import pairwise

from django.utils import translation

from cases import charts, county_tiles
from cases.figures import FigureColumn, Row, Table, Unit

LABEL = FigureColumn("namn", "Namn", Unit.TEXT, "")
CASES = FigureColumn("antal_insatser", "Insatser", Unit.COUNT, "")
AMOUNT = FigureColumn("bidrag_kr", "Bidrag", Unit.SEK, "")
SHARE = FigureColumn("andel_procent", "Andel", Unit.PERCENT, "")


def table(rows, *, columns=(CASES,), dimension="status", total=None, rows_add_up=True):
    rows = tuple(Row(code, label, values) for code, label, values in rows)
    total = total or tuple(sum(row.values[i] or 0 for row in rows) for i in range(len(columns)))
    return Table(
        key="test",
        dimension=dimension,
        title="Test",
        explanation="",
        code_column=None,
        label_column=LABEL,
        columns=columns,
        rows=rows,
        total=Row("", "Totalt", total),
        rows_add_up=rows_add_up,
    )


def test_the_largest_value_gets_the_longest_bar_and_the_rest_in_proportion():
    chart = charts.bar_chart(table([("a", "A", (10,)), ("b", "B", (5,)), ("c", "C", (0,))]))
    assert [bar.width for bar in chart.bars] == [charts.MAX_BAR, charts.MAX_BAR // 2, 0]
    assert all(bar.value_x == bar.width + 6 for bar in chart.bars)
    assert chart.width == charts.CHART_WIDTH == 320


def test_a_small_value_is_still_visible_and_zero_is_not():
    chart = charts.bar_chart(table([("a", "A", (100_000,)), ("b", "B", (1,)), ("c", "C", (0,))]))
    assert [bar.width for bar in chart.bars][1:] == [2, 0]


def test_rows_stack_downwards_without_overlap():
    chart = charts.bar_chart(table([(str(i), str(i), (i,)) for i in range(5)]))
    tops = [bar.bar_y for bar in chart.bars]
    assert tops == sorted(tops)
    assert all(later - earlier == charts.ROW_HEIGHT for earlier, later in pairwise(tops))
    assert chart.height == 5 * charts.ROW_HEIGHT - charts.ROW_GAP


def test_shares_are_drawn_against_100_per_cent():
    chart = charts.bar_chart(
        table([("a", "A", (25,)), ("b", "B", (50,))], columns=(SHARE,), total=(100,))
    )
    assert [bar.width for bar in chart.bars] == [charts.MAX_BAR // 4, charts.MAX_BAR // 2]


def test_focus_areas_are_drawn_largest_first_years_in_order():
    rows = [("a", "Alfa", (1,)), ("b", "Beta", (3,)), ("c", "Gamma", (2,))]
    by_value = charts.bar_chart(table(rows, dimension="focus_area"))
    assert [bar.label for bar in by_value.bars] == ["Beta", "Gamma", "Alfa"]
    in_order = charts.bar_chart(table(rows, dimension="year"))
    assert [bar.label for bar in in_order.bars] == ["Alfa", "Beta", "Gamma"]


def test_long_labels_are_shortened_in_the_chart_only():
    long = "Ett mycket långt namn på ett fokusområde som inte får plats"
    chart = charts.bar_chart(table([("a", long, (1,))]))
    assert chart.bars[0].label.endswith("…")
    assert len(chart.bars[0].label) <= charts.MAX_LABEL_CHARACTERS


def test_values_are_formatted_the_swedish_way():
    with translation.override("sv"):
        assert charts.format_value(1_200_000, Unit.SEK) == "1\xa0200\xa0000 kr"
        assert charts.format_value(12_345, Unit.COUNT) == "12\xa0345"
        assert charts.format_value(None, Unit.PERCENT) == "–"


def test_county_map_has_a_tile_per_county_shaded_by_value():
    rows = [(code, f"Län {code}", (0,)) for code in county_tiles.TILE_POSITIONS]
    rows[0] = (rows[0][0], "Norrbottens län", (40,))
    rows[1] = (rows[1][0], rows[1][1], (10,))
    county_table = table(rows, dimension="county")
    assert charts.shows_county_map(county_table)
    tiles = {tile.code: tile for tile in charts.county_map(county_table).tiles}
    assert len(tiles) == 21
    darkest, lighter, empty = tiles["25"], tiles["24"], tiles["01"]
    assert darkest.fill == county_tiles.SHADES[-1]
    assert darkest.text_colour == county_tiles.LIGHT_TEXT
    assert lighter.fill == county_tiles.SHADES[1]
    assert empty.fill == county_tiles.SHADES[0] and empty.value_text == "0"
    assert darkest.short_name == "Norrbotten"


def test_one_filtered_county_gets_bars_not_a_map():
    assert not charts.shows_county_map(table([("17", "Värmlands län", (3,))], dimension="county"))


def test_summary_names_the_largest_row_and_the_total():
    with translation.override("sv"):
        text = charts.summary(table([("a", "Alfa", (1,)), ("b", "Beta", (3,))]))
    assert "Beta" in text and "3" in text and "4" in text
    assert "Alfa" not in text


def test_summary_of_nothing_says_so():
    text = charts.summary(table([("a", "Alfa", (0,))]))
    assert "Alfa" not in text


def test_summary_warns_when_rows_overlap():
    overlapping = table([("a", "Alfa", (2,)), ("b", "Beta", (2,))], total=(3,), rows_add_up=False)
    plain = table([("a", "Alfa", (2,)), ("b", "Beta", (2,))])
    assert len(charts.summary(overlapping)) > len(charts.summary(plain))
    assert "Alfa, Beta" in charts.summary(plain)
