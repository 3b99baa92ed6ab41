"""Who may download a document: whoever may see a page that uses it.

Documents are served by Wagtail's view (/dokument/<id>/<name>); the `before_serve_document` hook
(cms/wagtail_hooks.py) asks `refusal` first. The rules, in order:

1. A document used by at least one published page that anyone may see (no view restriction on
   the page or above it) is public.
2. Otherwise a visitor who passes every view restriction of a published page that uses it (has
   entered its password, is logged in, is in its groups) may download it.
3. Otherwise – used only by drafts or private pages, or by no page at all – only staff who may
   edit a page that uses it, or who may change or choose the document itself (the editors of
   its collection, moderators, administrators), may download it.

Everyone else is sent to the login if anonymous, and refused (403) if logged in.

"Uses" means the page's published content refers to the document: an attachment, the
municipality's development plan, a document block or a document link in rich text. Wagtail's
reference index records all of these; it is kept current on every publish (cms/signal_handlers.py)
and the attachment and development-plan links are also read directly, so they never wait for it.
A document added only in an unpublished draft is not "used" until that draft is published.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from cases.models import CaseAttachment, MunicipalityPage


def pages_using(document):
    """Every page (any state) whose stored content refers to the document."""
    indexed = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    ids = {int(pk) for pk in indexed if pk.isdigit()}
    ids.update(CaseAttachment.objects.filter(document=document).values_list("page_id", flat=True))
    ids.update(
        MunicipalityPage.objects.filter(development_plan=document).values_list("pk", flat=True)
    )
    return Page.objects.filter(pk__in=ids)


def _passes_restrictions(page, request) -> bool:
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


def may_download(document, request) -> bool:
    pages = pages_using(document)
    live = pages.live()
    if live.public().exists():
        return True
    if any(_passes_restrictions(page, request) for page in live):
        return True
    user = request.user
    if not user.is_authenticated:
        return False
    policy = policy_registry.get_by_type(get_document_model())
    if policy.user_has_any_permission_for_instance(user, ["change", "choose"], document):
        return True
    return any(page.permissions_for_user(user).can_edit() for page in pages)


def refusal(document, request):
    """None when the request may download the document; else the answer to give instead."""
    if may_download(document, request):
        return None
    if not request.user.is_authenticated:
        # The login Wagtail sends visitors to for a login-restricted page.
        login_url = getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", reverse("wagtailcore_login"))
        response = redirect_to_login(request.get_full_path(), login_url)
        add_never_cache_headers(response)
        return response
    raise PermissionDenied
