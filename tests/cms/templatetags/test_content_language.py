from django.template import Context, Template
from django.utils import translation

TEMPLATE = Template("{% load content_language %}<p{% content_lang %}>text</p>")


def test_content_is_marked_swedish_only_when_the_interface_is_not_swedish():
    with translation.override("sv"):
        assert TEMPLATE.render(Context()) == "<p>text</p>"
    with translation.override("en"):
        assert TEMPLATE.render(Context()) == '<p lang="sv">text</p>'
