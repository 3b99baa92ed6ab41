"""Messages → the contact messages in the Wagtail admin, for the editors of the case's
municipality and for moderators (cases/contact_messages.py decides who sees which).

Not Django model permissions: who may read a message follows the page tree, as editing does, so
a municipality's editors see the messages about their own cases and nobody else's. Editors may
mark a message handled or delete it (on the sender's request); nobody adds one here.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import GroupPagePermission
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from .contact_messages import EDITOR_PERMISSIONS, may_see_every_message, messages_visible_to
from .models import ContactMessage

ALLOWED_ACTIONS = ("view", "change", "delete")


def _has_editor_pages(user) -> bool:
    return GroupPagePermission.objects.filter(
        group__user=user, permission__codename__in=EDITOR_PERMISSIONS
    ).exists()


class ContactMessagePermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        if action not in ALLOWED_ACTIONS or not user.is_authenticated or not user.is_active:
            return False
        return may_see_every_message(user) or _has_editor_pages(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and messages_visible_to(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if any(self.user_has_permission(user, action) for action in actions):
            return messages_visible_to(user)
        return ContactMessage.objects.none()

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not set(actions) & set(ALLOWED_ACTIONS):
            return users.none()
        editors = Q(groups__page_permissions__permission__codename__in=EDITOR_PERMISSIONS)
        return users.filter(Q(is_superuser=True) | editors).distinct()


class OnlyVisibleMessages:
    """A message outside the user's municipality is refused, whatever its id in the address."""

    def get_object(self, *args, **kwargs):
        message = super().get_object(*args, **kwargs)
        if not messages_visible_to(self.request.user).filter(pk=message.pk).exists():
            raise PermissionDenied
        return message


class IndexView(generic.IndexView):
    def get_base_queryset(self):
        return messages_visible_to(self.request.user)


class EditView(OnlyVisibleMessages, generic.EditView):
    pass


class InspectView(OnlyVisibleMessages, generic.InspectView):
    pass


class DeleteView(OnlyVisibleMessages, generic.DeleteView):
    pass


class HistoryView(OnlyVisibleMessages, history.HistoryView):
    pass


class UsageView(OnlyVisibleMessages, usage.UsageView):
    pass


def excerpt(message: ContactMessage) -> str:
    return Truncator(message.message).chars(80)


class ContactMessageViewSet(ModelViewSet):
    model = ContactMessage
    icon = "mail"
    menu_label = _("Messages")
    menu_order = 250
    add_to_admin_menu = True
    name = "meddelanden"
    index_view_class = IndexView
    edit_view_class = EditView
    inspect_view_class = InspectView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        Column("case", label=_("case")),
        Column("sender_name", label=_("name")),
        Column("organisation", label=_("organisation")),
        Column("excerpt", label=_("message"), accessor=excerpt),
        DateColumn("created", label=_("sent")),
        BooleanColumn("handled", label=_("handled")),
    ]
    list_filter = ["handled"]
    search_fields = ["sender_name", "sender_email", "organisation", "message"]
    inspect_view_fields = [
        "case",
        "sender_name",
        "sender_email",
        "organisation",
        "message",
        "created",
        "handled",
    ]
    panels = [FieldPanel("handled")]

    def get_permissions_to_register(self):
        # Access follows the page tree, not the group editor's model permissions.
        return Permission.objects.none()


register_permission_policy(ContactMessage, ContactMessagePermissionPolicy(ContactMessage))
contact_message_viewset = ContactMessageViewSet()
