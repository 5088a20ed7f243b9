"""Service store models, one module per concept, re-exported here by name."""

from services_store.models.approval import GoLiveRequest, ServiceApprovalTask
from services_store.models.pages import ServiceDetailPage, ServiceStorePage
from services_store.models.reviews import (
    Decision,
    Rating,
    ReviewNotice,
    ReviewNoticeKind,
    ServiceReview,
)
from services_store.models.services import LifecycleState, Service, ServiceQuerySet
from services_store.models.suggestions import ServiceSuggestion, SuggestionStatus
from services_store.models.usage import ServiceUsefulness, ServiceVisitDay, ServiceVisitHit

__all__ = [
    "Decision",
    "GoLiveRequest",
    "LifecycleState",
    "Rating",
    "ReviewNotice",
    "ReviewNoticeKind",
    "Service",
    "ServiceApprovalTask",
    "ServiceDetailPage",
    "ServiceQuerySet",
    "ServiceReview",
    "ServiceStorePage",
    "ServiceSuggestion",
    "ServiceUsefulness",
    "ServiceVisitDay",
    "ServiceVisitHit",
    "SuggestionStatus",
]
