from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .dashboard.panels import dashboard_panels, is_moderator
from .document_access import refusal
from .editor_guide import EditorGuideView
from .review_menu import arrange_for_editor
from .review_messages import describe_request, message_for, replace_last_success
from .review_state import changes_requested


@hooks.register("before_serve_document")
def documents_follow_their_pages(document, request):
    """Documents of drafts and private pages only for those who may see them (document_access)."""
    return refusal(document, request)


@hooks.register("construct_homepage_panels")
def panels_for_the_role(request, panels):
    panels[:] = dashboard_panels(request.user, panels)


# After Wagtail's own hooks have added their counts ("6 Sidor / 0 Bilder / 0 Dokument"), which
# say nothing to an editor about their work.
@hooks.register("construct_homepage_summary_items", order=100)
def no_site_counts_for_editors(request, summary_items):
    if not is_moderator(request.user):
        summary_items[:] = []


@hooks.register("register_admin_urls")
def register_editor_guide_url():
    return [path("guide/", EditorGuideView.as_view(), name="kunskapsbanken_editor_guide")]


# Wagtail's help menu links to its English editor guide and release notes on wagtail.org.
WAGTAIL_HELP_ITEMS = {"editor-guide"}


@hooks.register("construct_help_menu", order=100)
def our_editor_guide(request, menu_items):
    menu_items[:] = [
        item
        for item in menu_items
        if item.name not in WAGTAIL_HELP_ITEMS and not item.name.startswith("whats-new")
    ]
    menu_items.insert(
        0,
        MenuItem(
            _("Editor guide"),
            reverse("kunskapsbanken_editor_guide"),
            icon_name="help",
            name="kunskapsbanken-guide",
        ),
    )


@hooks.register("construct_page_action_menu")
def send_for_review_first(menu_items, request, context):
    if not is_moderator(request.user):
        arrange_for_editor(menu_items, context)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def say_what_happened(request, page):
    text = message_for(request.POST, page)
    if text:
        replace_last_success(request, text)


@hooks.register("before_edit_page")
def show_the_moderators_comment(request, page):
    """While changes are requested, the edit page opens with the moderator's comment."""
    if request.method != "GET":
        return
    note = changes_requested(page)
    if note is not None:
        messages.warning(request, describe_request(note))
