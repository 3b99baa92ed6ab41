"""The block library for case bodies: content blocks inside named sections.

A case body is a sequence of sections (background, implementation, results, ...), each holding
rich text, images, quotes, document links and tables. Fixed section types, rather than free
headings, let readers find "what did not work" in every case and let search weigh sections.

Every block carries an icon, a description and a preview value, which Wagtail's block picker shows
to editors. Previews render in the site's stylesheet (cases/blocks/preview.html); blocks whose value
needs an image or document from the library preview a placeholder instead of a real file.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]

PREVIEW_TEMPLATE = "cases/blocks/preview.html"


def _sample_text():
    return "<p>{}</p><ul><li>{}</li><li>{}</li></ul>".format(
        _("Two schools started reading mentors for pupils in year 4 in the autumn of 2024."),
        _("A mentor meets each pupil twice a week."),
        _("The teachers plan the reading together."),
    )


def _sample_quote():
    return {
        "text": _("We saw the difference after only one term."),
        "attribution": _("Principal at one of the schools"),
    }


def _sample_table():
    return {
        "data": [
            [str(_("Year")), str(_("Pupils")), str(_("Reading at grade level"))],
            ["2023", "48", "61 %"],
            ["2024", "52", "74 %"],
        ],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
    }


def _sample_section():
    return [("text", _sample_text()), ("quote", _sample_quote())]


def _sample_body():
    return [("background", _sample_section()), ("results", [("table", _sample_table())])]


class TextBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        description = _("Paragraphs, headings, lists and links.")
        preview_value = staticmethod(_sample_text)
        preview_template = PREVIEW_TEMPLATE


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)
    decorative = blocks.BooleanBlock(
        label=_("decorative"),
        required=False,
        help_text=_(
            "Tick if the image adds nothing a reader would miss; it then gets empty alt text."
        ),
    )

    class Meta:
        icon = "image"
        template = "cases/blocks/image_block.html"
        label = _("Image")
        description = _("An image from the library, with a caption or marked as decorative.")
        preview_value = {"caption": _("The reading mentors' first meeting with the pupils.")}
        # The image itself comes from the library, so the preview shows a placeholder.
        preview_template = "cases/blocks/image_block_preview.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(
        label=_("attribution"),
        required=False,
        max_length=200,
        help_text=_("A role rather than a name, e.g. 'Principal at one of the schools'."),
    )

    class Meta:
        icon = "openquote"
        template = "cases/blocks/quote_block.html"
        label = _("Quote")
        description = _("Something a participant said, attributed to a role.")
        preview_value = staticmethod(_sample_quote)
        preview_template = PREVIEW_TEMPLATE


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"), required=False, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        template = "cases/blocks/document_link_block.html"
        label = _("Document link")
        description = _("A link to a report or another document in the library.")
        preview_value = {"title": _("Evaluation report 2024")}
        # The document comes from the library, so the preview shows the link without one.
        preview_template = "cases/blocks/document_link_block_preview.html"


class CaseTableBlock(TableBlock):
    class Meta:
        icon = "table"
        description = _("A small table of figures, with a header row.")
        preview_value = staticmethod(_sample_table)
        preview_template = PREVIEW_TEMPLATE


class SectionContentBlock(blocks.StreamBlock):
    # Not required: a new case offers an empty text block in every section; empty ones are
    # dropped when the page is saved (cases/case_body.py).
    text = TextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, required=False)
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    table = CaseTableBlock(label=_("Table"))

    class Meta:
        icon = "doc-full-inverse"
        description = _("One section of the case, in reading order.")
        preview_value = staticmethod(_sample_section)
        preview_template = "cases/blocks/section_preview.html"

    def get_description(self):
        # Each section's help text says what belongs in it; that is what the picker should show.
        return getattr(self.meta, "help_text", None) or super().get_description()


def _section(label, help_text):
    # Not required (no asterisk): a section left empty is simply not published.
    return SectionContentBlock(label=label, help_text=help_text, required=False)


class CaseBodyBlock(blocks.StreamBlock):
    """The sections readers look for, in reading order; each may appear once."""

    background = _section(
        _("Background"), _("Why the initiative was started: the need and the starting point.")
    )
    implementation = _section(_("Implementation"), _("What was done, by whom, for whom and how."))
    results = _section(_("Results"), _("What changed, with numbers where you have them."))
    challenges = _section(
        _("Challenges and what did not work"), _("Honest accounts of setbacks help others most.")
    )
    success_factors = _section(
        _("Conditions for success and transferability"),
        _("What it took, and what another municipality needs to do the same."),
    )
    lessons = _section(_("Lessons learned"), _("What you would do again, and what differently."))
    continuation = _section(
        _("How the work continues"),
        _("How the work lives on after the grant: funding, organisation, ownership."),
    )

    class Meta:
        icon = "doc-full"
        description = _("The case's description, in the sections readers look for.")
        preview_value = staticmethod(_sample_body)
        preview_template = "cases/blocks/body_preview.html"
        block_counts = {
            name: {"max_num": 1}
            for name in (
                "background",
                "implementation",
                "results",
                "challenges",
                "success_factors",
                "lessons",
                "continuation",
            )
        }
