# The body's text block becomes cases.blocks.TextBlock, which carries a
# description and preview for the block picker; the stored data is unchanged.

import wagtail.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_content_version_moves_to_core"),
    ]

    operations = [
        migrations.AlterField(
            model_name="standardpage",
            name="body",
            field=wagtail.fields.StreamField(
                [("text", 0), ("image", 4), ("quote", 7), ("document", 10)],
                blank=True,
                block_lookup={
                    0: (
                        "cases.blocks.TextBlock",
                        (),
                        {
                            "features": [
                                "h2",
                                "h3",
                                "h4",
                                "bold",
                                "italic",
                                "ol",
                                "ul",
                                "link",
                                "document-link",
                            ],
                            "label": "Text",
                        },
                    ),
                    1: ("wagtail.images.blocks.ImageChooserBlock", (), {"label": "image"}),
                    2: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"label": "caption", "max_length": 250, "required": False},
                    ),
                    3: (
                        "wagtail.blocks.BooleanBlock",
                        (),
                        {
                            "help_text": "Tick if the image adds nothing a reader would miss; it then gets empty alt text.",
                            "label": "decorative",
                            "required": False,
                        },
                    ),
                    4: (
                        "wagtail.blocks.StructBlock",
                        [[("image", 1), ("caption", 2), ("decorative", 3)]],
                        {},
                    ),
                    5: ("wagtail.blocks.TextBlock", (), {"label": "quote"}),
                    6: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "A role rather than a name, e.g. 'Principal at one of the schools'.",
                            "label": "attribution",
                            "max_length": 200,
                            "required": False,
                        },
                    ),
                    7: ("wagtail.blocks.StructBlock", [[("text", 5), ("attribution", 6)]], {}),
                    8: ("wagtail.documents.blocks.DocumentChooserBlock", (), {"label": "document"}),
                    9: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Defaults to the document's title.",
                            "label": "link text",
                            "required": False,
                        },
                    ),
                    10: ("wagtail.blocks.StructBlock", [[("document", 8), ("title", 9)]], {}),
                },
                verbose_name="body",
            ),
        ),
    ]
