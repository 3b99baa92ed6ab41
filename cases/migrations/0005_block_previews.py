# The body's text and table blocks become cases.blocks.TextBlock and CaseTableBlock, which carry a
# description and preview for the block picker; the stored data is unchanged.

import wagtail.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_sections_optional"),
    ]

    operations = [
        migrations.AlterField(
            model_name="casestudypage",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("background", 12),
                    ("implementation", 13),
                    ("results", 14),
                    ("challenges", 15),
                    ("success_factors", 16),
                    ("lessons", 17),
                    ("continuation", 18),
                ],
                blank=True,
                block_lookup={
                    0: (
                        "cases.blocks.TextBlock",
                        (),
                        {
                            "features": [
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
                            "required": False,
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
                    11: ("cases.blocks.CaseTableBlock", (), {"label": "Table"}),
                    12: (
                        "wagtail.blocks.StreamBlock",
                        [
                            [
                                ("text", 0),
                                ("image", 4),
                                ("quote", 7),
                                ("document", 10),
                                ("table", 11),
                            ]
                        ],
                        {
                            "help_text": "Why the initiative was started: the need and the starting point.",
                            "label": "Background",
                            "required": False,
                        },
                    ),
                    13: (
                        "wagtail.blocks.StreamBlock",
                        [
                            [
                                ("text", 0),
                                ("image", 4),
                                ("quote", 7),
                                ("document", 10),
                                ("table", 11),
                            ]
                        ],
                        {
                            "help_text": "What was done, by whom, for whom and how.",
                            "label": "Implementation",
                            "required": False,
                        },
                    ),
                    14: (
                        "wagtail.blocks.StreamBlock",
                        [
                            [
                                ("text", 0),
                                ("image", 4),
                                ("quote", 7),
                                ("document", 10),
                                ("table", 11),
                            ]
                        ],
                        {
                            "help_text": "What changed, with numbers where you have them.",
                            "label": "Results",
                            "required": False,
                        },
                    ),
                    15: (
                        "wagtail.blocks.StreamBlock",
                        [
                            [
                                ("text", 0),
                                ("image", 4),
                                ("quote", 7),
                                ("document", 10),
                                ("table", 11),
                            ]
                        ],
                        {
                            "help_text": "Honest accounts of setbacks help others most.",
                            "label": "Challenges and what did not work",
                            "required": False,
                        },
                    ),
                    16: (
                        "wagtail.blocks.StreamBlock",
                        [
                            [
                                ("text", 0),
                                ("image", 4),
                                ("quote", 7),
                                ("document", 10),
                                ("table", 11),
                            ]
                        ],
                        {
                            "help_text": "What it took, and what another municipality needs to do the same.",
                            "label": "Conditions for success and transferability",
                            "required": False,
                        },
                    ),
                    17: (
                        "wagtail.blocks.StreamBlock",
                        [
                            [
                                ("text", 0),
                                ("image", 4),
                                ("quote", 7),
                                ("document", 10),
                                ("table", 11),
                            ]
                        ],
                        {
                            "help_text": "What you would do again, and what differently.",
                            "label": "Lessons learned",
                            "required": False,
                        },
                    ),
                    18: (
                        "wagtail.blocks.StreamBlock",
                        [
                            [
                                ("text", 0),
                                ("image", 4),
                                ("quote", 7),
                                ("document", 10),
                                ("table", 11),
                            ]
                        ],
                        {
                            "help_text": "How the work lives on after the grant: funding, organisation, ownership.",
                            "label": "How the work continues",
                            "required": False,
                        },
                    ),
                },
                verbose_name="description",
            ),
        ),
    ]
