"""Posting the real Wagtail admin page forms from tests."""

from http import HTTPStatus

from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from themes.models import Theme

BODY = streamfield(
    [("background", streamfield([("text", rich_text("<p>Många barn saknade svenska.</p>"))]))]
)


def postable(querydict) -> dict:
    """The test client posts only the last value of a QueryDict key; keep every value."""
    return {key: querydict.getlist(key) for key in querydict}


def _form_data(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    if "body-count" not in data and "summary" in data:
        data.update(nested_form_data({"body": BODY}))  # the body editor is drawn by JavaScript
    return data


def add_case_form(client, parent, *, title="Språkombud i förskolan", **fields):
    url = reverse("wagtailadmin_pages:add", args=["cases", "casestudypage", parent.pk])
    data = _form_data(client, url)
    data["title"] = title
    data["slug"] = fields.get("slug", slugify(title))
    data["summary"] = fields.get("summary", "Språkombud stärker språkutvecklingen i förskolan.")
    data["status"] = fields.get("status", "ongoing")
    data["start_date"] = fields.get("start_date", "2023-01-09")
    data["end_date"] = fields.get("end_date", "")
    data["grant_amount"] = fields.get("grant_amount", "400000")
    data["total_budget"] = fields.get("total_budget", "600000")
    themes = fields.get("themes", list(Theme.objects.values_list("pk", flat=True)[:1]))
    data.setlist("themes", [str(pk) for pk in themes])
    data["keywords"] = fields.get("keywords", "språkombud, förskola")
    if "body" in fields:
        for key in [key for key in data if key.startswith("body-")]:
            del data[key]
        data.update(nested_form_data({"body": fields["body"]}))
    return url, data


def edit_form(client, page):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return url, _form_data(client, url)
