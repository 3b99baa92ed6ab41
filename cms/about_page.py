"""/om/: what Kunskapsbanken is for, who publishes it and how a case is reviewed.

setup_site writes the text once, as an ordinary StandardPage that editors keep in the admin; a body
an editor has written is never replaced.
"""

from __future__ import annotations

from wagtail.models import Page
from wagtail.rich_text import RichText

from .models import StandardPage

SLUG = "om"
TITLE = "Om Kunskapsbanken"
INTRO = (
    "Kunskapsbanken är en kunskapsbank för kommuner som får statsbidraget till kommuner med "
    "socioekonomiska utmaningar (2018–2027). Kommunerna beskriver sina insatser, och "
    "myndighetens moderatorer granskar och publicerar dem."
)
EVIDENCE_PATH = "/om/evidensnivaer/"

SECTIONS = [
    "<h2>Varför Kunskapsbanken finns</h2>"
    "<p>Kommuner som arbetar med samma utmaningar – skolresultat, språkutveckling, vägen till "
    "arbete, trygghet – gör ofta liknande insatser utan att veta om varandra. Kunskapsbanken "
    "samlar deras erfarenheter på ett ställe: vad som gjordes, för vem, vad det kostade, vad det "
    "gav och vad som inte fungerade. Målet är att fler kommuner ska kunna lära av varandra och "
    "välja insatser som har stöd i uppföljningar och utvärderingar.</p>",
    "<h2>Vem publicerar?</h2>"
    "<p>Varje insats beskrivs av den kommun som har genomfört den. Kommunens redaktörer skriver "
    "beskrivningen och står för uppgifterna, och varje insats har en kontaktperson i kommunen. "
    "Myndigheten som förvaltar statsbidraget driver webbplatsen, och dess moderatorer granskar "
    "varje insats innan den publiceras. Insatser som är markerade som exempel är påhittade och "
    "visar bara hur webbplatsen fungerar.</p>",
    "<h2>Hur en insats granskas</h2>"
    "<ol>"
    "<li>Kommunens redaktör skriver insatsen i ett formulär med fasta fält: mål, målgrupp, "
    "genomförande, kostnad, resultat och lärdomar.</li>"
    "<li>Redaktören skickar insatsen till granskning. En moderator läser den och kontrollerar "
    "att beskrivningen är begriplig, att den inte innehåller personuppgifter om enskilda och att "
    "den valda evidensnivån stöds av den uppföljning eller utvärdering som beskrivs.</li>"
    "<li>Moderatorn publicerar insatsen eller begär ändringar med en kommentar till "
    "redaktören.</li>"
    "<li>Efter publicering uppdaterar kommunen insatsen med årlig uppföljning, och "
    "evidensnivån kan höjas när en utvärdering blir klar.</li>"
    "</ol>",
    "<h2>Evidensnivåer</h2>"
    "<p>Varje insats anger hur väl vi vet att den fungerar – från erfarenheter som inte har "
    "följts upp till utvärderingar med beskriven metod. "
    f'<a href="{EVIDENCE_PATH}">Läs vad evidensnivåerna betyder och vad som krävs för '
    "varje nivå</a>.</p>",
    "<h2>Öppna data</h2>"
    "<p>Allt som publiceras här får laddas ned och återanvändas. "
    '<a href="/oppna-data/">Om öppna data och API</a>.</p>',
]


def ensure_about_page(home: Page) -> StandardPage:
    """/om/ under `home`, created if missing; an empty body gets the text above."""
    page = StandardPage.objects.child_of(home).filter(slug=SLUG).first()
    if page is None:
        page = home.add_child(instance=StandardPage(title=TITLE, slug=SLUG, intro=INTRO))
    elif len(page.body):
        return page
    page.body = [("text", RichText(html)) for html in SECTIONS]
    page.save_revision().publish()
    return page
