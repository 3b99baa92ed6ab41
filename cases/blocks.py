"""The block library for case bodies: content blocks inside named sections.

A case body is a sequence of sections (background, implementation, results, ...), each holding
rich text, images, quotes, document links and tables. Fixed section types, rather than free
headings, let readers find "what did not work" in every case and let search weigh sections.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


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


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"), required=False, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        template = "cases/blocks/document_link_block.html"
        label = _("Document link")


class SectionContentBlock(blocks.StreamBlock):
    # Not required: a new case offers an empty text block in every section; empty ones are
    # dropped when the page is saved (cases/case_body.py).
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, required=False)
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    table = TableBlock(label=_("Table"))

    class Meta:
        icon = "doc-full-inverse"


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
