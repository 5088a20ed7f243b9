"""Content models, one module per concept, re-exported here by name."""

from content.models.base import BasePage
from content.models.feedback import PageFeedback
from content.models.guidance import FAQSnippet, GuidanceIndexPage, GuidancePage
from content.models.home import HomeEntryPoint, HomePage, InformationPage
from content.models.taxonomy import Audience, Occupation, Topic

__all__ = [
    "Audience",
    "BasePage",
    "FAQSnippet",
    "GuidanceIndexPage",
    "GuidancePage",
    "HomeEntryPoint",
    "HomePage",
    "InformationPage",
    "Occupation",
    "PageFeedback",
    "Topic",
]
