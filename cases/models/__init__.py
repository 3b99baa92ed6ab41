from .case_page import CaseStudyPage, CaseStudyPageForm, public_cases
from .case_parts import (
    CaseAttachment,
    CaseInspiration,
    CaseKeyword,
    CasePartner,
    FollowUpUpdate,
    ResultIndicator,
)
from .contact_message import ContactMessage
from .evidence_criteria import EvidenceLevelCriterion
from .follow_up_reminder_settings import FollowUpReminderSettings
from .grants import GrantAllocation
from .imports import ImportBatch
from .municipality import Municipality
from .municipality_pages import MunicipalityIndexPage, MunicipalityPage
from .review import CaseReview

__all__ = [
    "CaseAttachment",
    "CaseInspiration",
    "CaseKeyword",
    "CasePartner",
    "CaseReview",
    "CaseStudyPage",
    "CaseStudyPageForm",
    "ContactMessage",
    "EvidenceLevelCriterion",
    "FollowUpReminderSettings",
    "FollowUpUpdate",
    "GrantAllocation",
    "ImportBatch",
    "Municipality",
    "MunicipalityIndexPage",
    "MunicipalityPage",
    "ResultIndicator",
    "public_cases",
]
