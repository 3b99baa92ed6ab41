"""The Atom and RSS feeds keep the rules of their formats (RFC 4287 for Atom), parsed by
feedparser as a feed reader would: stable IRIs as entry ids, when each case last changed, an author
on every entry, and a self link that is the feed's own address, query string included."""

import re
from http import HTTPStatus
from xml.etree import ElementTree

import feedparser
import pytest

from cases.models import CaseStudyPage
from search.feeds import case_tag_uri
from tests.factories import make_case

pytestmark = pytest.mark.django_db

IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
ATOM = "{http://www.w3.org/2005/Atom}"
FEED_PATH = "/sok/atom/?tema=grundskola&resultat=ja"


def _atom(client, path=FEED_PATH):
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    return response.content


def test_atom_feed_keeps_the_musts_of_rfc_4287(client):
    content = _atom(client)
    feed = feedparser.parse(content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert IRI.fullmatch(feed.feed.id)
    assert feed.feed.title
    assert feed.feed.updated_parsed
    assert feed.feed.author  # so no entry depends on having its own (it has one all the same)
    assert feed.entries
    for entry in feed.entries:
        assert IRI.fullmatch(entry.id), entry.id
        assert entry.id.startswith("tag:testserver,")
        assert entry.title
        assert entry.link.startswith("http://testserver/kommuner/")
        assert entry.author

    # feedparser fills `updated` from <published> when an entry lacks it: read the XML itself.
    root = ElementTree.fromstring(content)
    for element in (root, *root.findall(f"{ATOM}entry")):
        assert element.find(f"{ATOM}id") is not None
        assert element.find(f"{ATOM}updated") is not None
        assert element.find(f"{ATOM}title") is not None
    assert root.find(f"{ATOM}author/{ATOM}name").text


def test_entry_id_is_stable_and_updated_is_the_last_publication(client, filipstad):
    case = make_case(filipstad, title="Läxhjälp på biblioteket", themes=["grundskola"])
    first = feedparser.parse(_atom(client, "/sok/atom/?tema=grundskola"))
    entry = next(e for e in first.entries if e.title == "Läxhjälp på biblioteket")
    assert entry.id == case_tag_uri("testserver", case.pk)
    assert entry.author == "Filipstad"

    case.title = "Läxhjälp på stadsbiblioteket"
    case.slug = "laxhjalp-pa-stadsbiblioteket"
    case.save_revision().publish()
    case = CaseStudyPage.objects.get(pk=case.pk)

    second = feedparser.parse(_atom(client, "/sok/atom/?tema=grundskola"))
    entry = next(e for e in second.entries if e.title == "Läxhjälp på stadsbiblioteket")
    assert entry.id == case_tag_uri("testserver", case.pk)
    assert entry.link.endswith("/laxhjalp-pa-stadsbiblioteket/")
    updated = ElementTree.fromstring(_atom(client, "/sok/atom/?tema=grundskola"))
    times = {
        e.find(f"{ATOM}id").text: e.find(f"{ATOM}updated").text
        for e in updated.findall(f"{ATOM}entry")
    }
    assert times[entry.id].startswith(case.last_published_at.isoformat()[:19])
    assert case.last_published_at > case.first_published_at


def test_feed_self_link_keeps_its_query_string(client):
    feed = feedparser.parse(_atom(client))
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == ["http://testserver" + FEED_PATH]


def test_rss_feed_has_permanent_guids_authors_and_dates(client):
    response = client.get("/sok/rss/?tema=grundskola")
    assert response.status_code == HTTPStatus.OK
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert feed.entries
    for entry in feed.entries:
        assert entry.id.startswith("tag:testserver,")
        assert entry.guidislink is False
        assert entry.author
        assert entry.published_parsed
