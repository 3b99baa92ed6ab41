"""Kunskapsbanken's own short editor guide in the admin, in place of Wagtail's English one."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cms/admin/editor_guide.html"
    page_title = _("Editor guide")
    header_icon = "help"
