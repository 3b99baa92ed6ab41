"""The accessibility statement ("Tillgänglighetsredogörelse") that Swedish law requires.

Its text follows the model statement of Myndigheten för digital förvaltning (Digg): who runs the
site, how accessible it is, what is known not to be, how to ask for content in another form and
report problems, the enforcement body, how the site was assessed and when. setup_site creates the
page once, as an ordinary StandardPage that editors keep up to date in the admin, and points
SiteSettings.accessibility_statement (the footer link) at it.
"""

from __future__ import annotations

from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text import RichText

from .models import SiteSettings, StandardPage

SLUG = "tillganglighetsredogorelse"
TITLE = "Tillgänglighetsredogörelse"
# When the assessment described in the text was made, and the text last revised. Editors change
# both in the admin after the next review.
ASSESSED_ON = "27 november 2026"
DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"

INTRO = (
    "Här beskriver vi hur Kunskapsbanken uppfyller lagen om tillgänglighet till digital offentlig "
    "service, vilka brister vi känner till och hur du kan rapportera problem till oss."
)


def statement_sections(organisation: str, contact_email: str) -> list[str]:
    """The statement as rich-text HTML, one string per section (one StreamField block each)."""
    organisation = escape(organisation.strip())
    if organisation and organisation != "Kunskapsbanken":
        who = f"{organisation} står bakom webbplatsen Kunskapsbanken."
    else:
        who = "Kunskapsbanken står bakom den här webbplatsen."
    if contact_email:
        email = escape(contact_email)
        contact = f'<p>E-post: <a href="mailto:{email}">{email}</a></p>'
    else:
        contact = (
            "<p>Skicka e-post till den adress som står under Kontakt längst ned på varje sida.</p>"
        )
    return [
        f"<p>{who} Vi vill att så många som möjligt ska kunna använda webbplatsen. Den här "
        "redogörelsen beskriver hur "
        "Kunskapsbanken uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig "
        "service, vilka kända tillgänglighetsproblem som finns och hur du kan rapportera brister "
        "till oss så att vi kan åtgärda dem.</p>",
        "<h2>Hur tillgänglig är webbplatsen?</h2>"
        "<p>Vi vet att delar av webbplatsen inte är helt tillgängliga. Vad som brister står under "
        "rubriken Innehåll som inte är tillgängligt längre ned på sidan.</p>"
        "<p>Det här fungerar på alla sidor:</p>"
        "<ul>"
        "<li>Du kan använda webbplatsen med enbart tangentbord, och det syns tydligt var du "
        "befinner dig.</li>"
        "<li>Sidorna har rubriker och landmärken, och en länk längst upp tar dig direkt till "
        "innehållet, så att du kan hitta med skärmläsare.</li>"
        "<li>Sökningen med förslag och filter fungerar med tangentbord och skärmläsare, och den "
        "fungerar även utan JavaScript.</li>"
        "<li>Bilder har textalternativ, och språket är angivet så att talsyntes läser rätt.</li>"
        "</ul>",
        "<h2>Vad kan du göra om du inte kan använda delar av webbplatsen?</h2>"
        "<p>Om du behöver innehåll från Kunskapsbanken som inte är tillgängligt för dig, till "
        "exempel ett dokument som en kommun har laddat upp, kan du kontakta oss. Berätta vilken "
        "sida eller vilket dokument det gäller, så hjälper vi dig att få innehållet i en form du "
        "kan använda.</p>" + contact,
        "<h2>Rapportera brister i webbplatsens tillgänglighet</h2>"
        "<p>Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du "
        "upptäcker problem som inte beskrivs på den här sidan, eller om du anser att vi inte "
        "uppfyller lagens krav, meddela oss så att vi får veta att problemet finns. Skriv gärna "
        "vilken sida det gäller, vad som hände och vilken webbläsare och vilka hjälpmedel du "
        "använder.</p>" + contact,
        "<h2>Tillsyn</h2>"
        "<p>Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn enligt lagen om "
        "tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar "
        "dina synpunkter kan du kontakta Digg och påtala det. Det gör du i Diggs webbformulär för "
        "anmälan om bristande tillgänglighet: "
        f'<a href="{DIGG_REPORT_URL}">www.digg.se/tdosanmalan</a>.</p>',
        "<h2>Teknisk information om webbplatsens tillgänglighet</h2>"
        "<p>Kunskapsbanken är delvis förenlig med lagen om tillgänglighet till digital offentlig "
        "service, på grund av de brister som beskrivs nedan.</p>",
        "<h2>Innehåll som inte är tillgängligt</h2>"
        "<h3>Bristande förenlighet med lagkraven</h3>"
        "<ul>"
        "<li><b>Dokument som kommunerna laddar upp.</b> Insatser och kommunsidor kan ha bilagor, "
        "till exempel utvärderingar och utvecklingsplaner som PDF- eller Word-filer. Kommunerna "
        "gör dokumenten, och de kan sakna rubrikstruktur, textalternativ till bilder eller rätt "
        "läsordning (WCAG 1.1.1, 1.3.1 och 1.3.2). Vi granskar dokumentens innehåll innan en "
        "insats publiceras, men inte alltid deras tillgänglighet. Det viktigaste om en insats "
        "står alltid som text på sidan. Behöver du innehållet i ett dokument i en annan form kan "
        "du kontakta oss.</li>"
        "<li><b>Kartan över länen på söksidan är schematisk.</b> Varje län visas som en ruta i "
        "ungefär sitt geografiska läge, och läget går inte att uppfatta utan synförmåga. Kartan "
        "visar inget som inte också står i listan över län bland sökfiltren, med samma antal "
        "insatser. Listan är kartans textalternativ, och varje ruta i kartan är en länk med "
        "länets namn och antalet insatser.</li>"
        "<li><b>Bildbeskrivningar skrivs av kommunernas redaktörer.</b> Det kan finnas bilder "
        "vars textalternativ inte beskriver bilden tillräckligt (WCAG 1.1.1).</li>"
        "</ul>"
        "<h3>Oskäligt betungande anpassning</h3>"
        "<p>Vi har inte undantagit något innehåll med hänvisning till oskäligt betungande "
        "anpassning (12 § lagen om tillgänglighet till digital offentlig service).</p>",
        "<h2>Hur vi testat webbplatsen</h2>"
        "<p>Vi har gjort en självskattning (intern testning) av Kunskapsbanken mot kraven i WCAG "
        "2.1 på nivå AA, som lagen hänvisar till genom standarden EN 301 549.</p>"
        "<ul>"
        "<li>Varje sidtyp – startsidan, kommun- och insatssidor, fokusområden, sökningen och "
        "informationssidorna som den här – testas automatiskt med verktyget axe-core i "
        "webbläsaren Chromium varje gång webbplatsens kod ändras.</li>"
        "<li>Vi har kontrollerat för hand att sidorna och sökningen, med förslag och filter, går "
        "att använda med enbart tangentbord.</li>"
        "</ul>"
        "<p>Automatiska tester hittar inte alla brister. Webbplatsen har ännu inte granskats av "
        "någon extern part eller testats tillsammans med användare med funktionsnedsättning.</p>"
        f"<p>Senaste bedömningen gjordes den {ASSESSED_ON}.</p>"
        f"<p>Redogörelsen uppdaterades senast den {ASSESSED_ON}.</p>",
    ]


def ensure_accessibility_statement(home: Page) -> tuple[StandardPage, bool]:
    """The statement page under `home`, created and published if missing; the footer setting
    points at it unless an editor chose another page. Returns the page and whether it was new."""
    settings = SiteSettings.load()
    page = StandardPage.objects.child_of(home).filter(slug=SLUG).first()
    created = page is None
    if created:
        sections = statement_sections(settings.organisation_name, settings.contact_email)
        page = home.add_child(
            instance=StandardPage(
                title=TITLE,
                slug=SLUG,
                intro=INTRO,
                body=[("text", RichText(html)) for html in sections],
            )
        )
        page.save_revision().publish()
    if settings.accessibility_statement_id is None:
        settings.accessibility_statement = page
        settings.save(update_fields=["accessibility_statement"])
    return page, created
