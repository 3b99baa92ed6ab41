"""What the admin says after a review step, in the words of the review: "Ändringar begärda",
"Godkänd och publicerad", and that saving a draft of a published case leaves the public page as
it was until a moderator approves.

Wagtail's edit view queues "Sidan … har blivit uppdaterad" for a save and for every workflow
action; the after_edit_page hook (cms/wagtail_hooks.py) swaps that message for the one here.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.utils.translation import gettext as _


def message_for(post, page) -> str | None:
    """The confirmation for what this edit-page POST did, or None to keep Wagtail's own."""
    title = page.get_admin_display_title()
    if post.get("action-workflow-action"):
        action = post.get("workflow-action-name")
        if action == "approve":
            return _("Approved and published: “%(title)s”.") % {"title": title}
        if action == "reject":
            return _(
                "Changes requested: “%(title)s”. The editor has been e-mailed your comment."
            ) % {"title": title}
        return None
    if post.get("action-submit"):
        return _(
            "Sent for review: “%(title)s”. A moderator will review it; you will get an e-mail."
        ) % {"title": title}
    if post.get("action-publish") or post.get("action-cancel-workflow"):
        return None
    if page.live:
        return _(
            "Draft saved. The public page is unchanged until a moderator approves your changes."
        )
    return _("Draft saved: “%(title)s”. Send it for review when it is ready.") % {"title": title}


def replace_last_success(request, text: str) -> None:
    """Replace the success message queued in this request (Wagtail's), or add one."""
    storage = messages.get_messages(request)
    queued = getattr(storage, "_queued_messages", None)
    if queued:
        for index in range(len(queued) - 1, -1, -1):
            if queued[index].level == messages.SUCCESS:
                queued[index] = Message(messages.SUCCESS, text, queued[index].extra_tags)
                return
    messages.success(request, text)


def describe_request(note) -> str:
    """The moderator's request as the edit page shows it until the editor resubmits."""
    moderator = ""
    if note.moderator is not None:
        moderator = note.moderator.get_full_name() or note.moderator.get_username()
    if note.comment and moderator:
        text = _("Changes requested by %(moderator)s: “%(comment)s”")
    elif note.comment:
        text = _("Changes requested: “%(comment)s”")
    elif moderator:
        text = _("Changes requested by %(moderator)s.")
    else:
        text = _("Changes requested.")
    return (
        text % {"moderator": moderator, "comment": note.comment}
        + " "
        + _("Make the changes and choose “Send for review again”.")
    )
