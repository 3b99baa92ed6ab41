"""Outgoing e-mail that operators can see: every message the site sends on its own (digests,
subscription confirmations, follow-up reminders, contact messages) is a `Mailing` row, delivered
by a background task and retried until it goes through or is given up.

Usage (from any app; build the subject and bodies yourself, in the recipient's language)::

    from mailings.sending import queue_mail
    from mailings.models import Mailing

    mailing = queue_mail(
        kind=Mailing.Kind.DIGEST,            # or .CONFIRMATION, .REMINDER, .CONTACT, .CONTACT_COPY
        to="anna@example.org",               # one address
        subject="Nytt i Kunskapsbanken",
        text=text_body,                      # required plain-text part
        html=html_body,                      # optional HTML alternative
        headers={"List-Unsubscribe": "<https://…>"},  # any extra headers
        reply_to="asker@example.org",        # optional
        dedupe_key="digest:42:2026-12-06",   # optional; the same key again returns None
    )

`queue_mail` stores the row and, when the surrounding transaction commits, enqueues the task
`mailings.sending.deliver`. A failed send records the error and is tried again after a growing
pause (MAILINGS_RETRY_MINUTES, doubling) by `manage.py send_pending_mail` (the 5-minute timer);
after MAILINGS_MAX_ATTEMPTS tries it is `given_up`. MAILINGS_KEEP_DAYS after sending (or giving
up) the recipient, bodies, headers and reply-to are blanked; the row stays for the admin's list
(Reports → Outgoing mail).

Add a kind by extending `Mailing.Kind` (and a migration: the choices are in the model state).
"""
