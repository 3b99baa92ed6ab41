"""search/presentation.py: the options of the "municipalities like" select."""

from search.presentation import municipality_options

CHOICES = (("ale", "Ale"), ("malmo", "Malmö"), ("odd", "<b>& co</b>"))


def test_the_chosen_municipality_is_selected_and_no_other():
    html = municipality_options(CHOICES, "malmo")
    assert '<option value="malmo" selected>Malmö</option>' in html
    assert html.count("selected") == 1


def test_no_choice_selects_nothing_and_names_are_escaped():
    html = municipality_options(CHOICES, "")
    assert "selected" not in html
    assert "&lt;b&gt;&amp; co&lt;/b&gt;" in html
    assert html.count("<option") == len(CHOICES)
