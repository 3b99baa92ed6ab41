"""Review e-mails in the recipient's language (#15 item 8): a moderator who chose English in the
admin gets the review e-mail in English, through a real SMTP server."""

from __future__ import annotations

import pytest
from wagtail.users.models import UserProfile

from tests.smtp import serve_smtp
from tests.workflow import submit_new_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_inbox(settings):
    yield from serve_smtp(settings)


def test_a_moderator_who_chose_english_gets_the_review_mail_in_english(
    client, filipstad, filipstad_editor, moderator, smtp_inbox
):
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "en"
    profile.save()
    submit_new_case(client, filipstad, filipstad_editor, "Simskola för nyanlända")
    [message] = smtp_inbox.to(moderator.email)
    assert str(message["Subject"]).strip() == "Waiting for review: “Simskola för nyanlända”"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "granskning" not in text.lower()
