"""The evidence criteria in the admin: moderators (and superusers) edit the text of each level;
nobody adds or deletes levels – the ladder is fixed in code (cases/evidence.py)."""

from django.db.models import Case, IntegerField, When
from django.utils.translation import gettext_lazy as _
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from cases.evidence import LADDER
from cases.models import EvidenceLevelCriterion
from core.admin_policies import LimitedModelPermissionPolicy

# The model permissions (given to moderators by cms/roles.py), without add or delete.
register_permission_policy(
    EvidenceLevelCriterion,
    LimitedModelPermissionPolicy(EvidenceLevelCriterion, refused={"add", "delete"}),
    exact_class=True,
)


class EvidenceLevelCriterionViewSet(SnippetViewSet):
    model = EvidenceLevelCriterion
    icon = "list-ol"
    menu_label = _("Evidence criteria")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["__str__", "updated_at"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_queryset(self, request):
        order = Case(
            *(When(level=level, then=index) for index, level in enumerate(LADDER)),
            output_field=IntegerField(),
        )
        return EvidenceLevelCriterion.objects.order_by(order)
