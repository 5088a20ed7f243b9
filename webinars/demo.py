"""The demo webinars: a calendar under the "Webinars" section with sixty-four subjects in
eight categories and fourteen sessions in several languages, one live at load time, some
coming up, and past ones with a recording and their archived questions and answers.

The calendar, the subjects it offers and most sessions are translated through
wagtail-localize from the catalogues in `demo_translations/`, as the rest of the demo is
(`content/demo/loader.py`). Like the rest of the demo, it looks before it creates, so a
second run changes nothing.
"""

import datetime
from pathlib import Path

from django.utils import timezone
from wagtail.models import Locale

from content.models import Audience, GuidancePage, Occupation, Topic
from webinars.demo_chat import ensure_chat_demo
from webinars.models import ModerationMode, Subject, SubjectCategory, WebinarIndexPage, WebinarPage

CATALOGUES = Path(__file__).parent / "demo_translations"

CALENDAR_SLUG = "calendar"
CALENDAR = {
    "title": "Webinar calendar",
    "intro": "Live sessions with our specialists: register with just a display name.",
    "listing_summary": "All coming webinars, and replays of past ones with captions.",
}

# (category slug, category name, [(subject slug, subject name), …])
SUBJECTS = [
    (
        "finding-work",
        "Finding work",
        [
            ("registering-as-a-jobseeker", "Registering as a jobseeker"),
            ("writing-a-cv", "Writing a CV"),
            ("cover-letters", "Cover letters"),
            ("job-interviews", "Job interviews"),
            ("video-interviews", "Video interviews"),
            ("hidden-job-market", "The hidden job market"),
            ("professional-networks", "Professional networks"),
            ("job-search-plan", "A job search plan"),
        ],
    ),
    (
        "benefits-and-rights",
        "Benefits and rights",
        [
            ("unemployment-benefits", "Unemployment benefits"),
            ("part-time-work-and-benefits", "Part-time work and benefits"),
            ("housing-support", "Housing support"),
            ("childcare-support", "Childcare support"),
            ("rights-at-work", "Your rights at work"),
            ("employment-contracts", "Employment contracts"),
            ("redundancy", "Redundancy"),
            ("sick-leave", "Sick leave"),
        ],
    ),
    (
        "training-and-skills",
        "Training and skills",
        [
            ("choosing-a-training", "Choosing a training course"),
            ("funded-training", "Funded training"),
            ("apprenticeships", "Apprenticeships"),
            ("digital-skills", "Digital skills"),
            ("language-courses", "Language courses"),
            ("recognition-of-qualifications", "Recognition of qualifications"),
            ("adult-education", "Adult education"),
            ("short-certificates", "Short certificates"),
        ],
    ),
    (
        "changing-career",
        "Changing career",
        [
            ("career-change", "Changing career"),
            ("transferable-skills", "Transferable skills"),
            ("green-jobs", "Green jobs"),
            ("jobs-in-care", "Jobs in care"),
            ("jobs-in-logistics", "Jobs in logistics"),
            ("jobs-in-construction", "Jobs in construction"),
            ("jobs-in-it", "Jobs in IT"),
            ("seasonal-work", "Seasonal work"),
        ],
    ),
    (
        "starting-a-business",
        "Starting a business",
        [
            ("testing-a-business-idea", "Testing a business idea"),
            ("business-plans", "Business plans"),
            ("benefits-while-starting", "Benefits while you start"),
            ("funding-a-business", "Funding a business"),
            ("freelancing", "Freelancing"),
            ("social-enterprises", "Social enterprises"),
            ("taxes-for-the-self-employed", "Taxes for the self-employed"),
            ("cooperatives", "Cooperatives"),
        ],
    ),
    (
        "for-employers",
        "For employers",
        [
            ("recruiting", "Recruiting with us"),
            ("inclusive-hiring", "Inclusive hiring"),
            ("hiring-subsidies", "Hiring subsidies"),
            ("apprenticeship-contracts", "Apprenticeship contracts"),
            ("job-descriptions", "Writing job descriptions"),
            ("onboarding", "Welcoming new staff"),
            ("labour-market-trends", "Labour market trends"),
            ("employer-obligations", "Employer obligations"),
        ],
    ),
    (
        "new-in-the-country",
        "New in the country",
        [
            ("work-permits", "Work permits"),
            ("diploma-recognition", "Having your diploma recognised"),
            ("learning-the-language-at-work", "Learning the language at work"),
            ("first-job-in-a-new-country", "A first job in a new country"),
            ("refugees-at-work", "Refugees at work"),
            ("intercultural-workplaces", "Intercultural workplaces"),
            ("interpreting-services", "Interpreting services"),
            ("mentoring-for-newcomers", "Mentoring for newcomers"),
        ],
    ),
    (
        "wellbeing-and-support",
        "Wellbeing and support",
        [
            ("staying-motivated", "Staying motivated"),
            ("managing-stress", "Managing stress"),
            ("disability-and-work", "Disability and work"),
            ("returning-after-illness", "Returning after an illness"),
            ("budgeting", "Budgeting on a low income"),
            ("digital-inclusion", "Getting online"),
            ("young-people", "Support for young people"),
            ("working-after-50", "Working after 50"),
        ],
    ),
]

RECORDING = "https://video.employment.example/w/{}"

# (slug, title, subject, language, days from now (hour of the day), minutes, capacity,
#  audiences, topics, summary, extra)
WEBINARS = [
    (
        "ask-us-anything-live",
        "Ask us anything: your questions on registering",
        "registering-as-a-jobseeker",
        "en",
        "live",
        60,
        None,
        ["jobseekers"],
        ["registering"],
        "A live question time with two counsellors: registering, your first appointment, "
        "and what happens next.",
        {
            "stream_url": "https://video.employment.example/w/kR3pL9xQ2mT7vZ1aB4cD6e",
            "moderation_mode": ModerationMode.PRE,
        },
    ),
    (
        "writing-a-cv-that-gets-read",
        "Writing a CV that gets read",
        "writing-a-cv",
        "en",
        (1, 10),
        60,
        100,
        ["jobseekers"],
        ["cv"],
        "What recruiters look at first, and how to fit your experience on one page.",
        {"stream_url": "https://www.youtube.com/watch?v=aBcDeFgHiJk"},
    ),
    (
        "reussir-son-entretien-video",
        "Video interviews, in French",
        "video-interviews",
        "fr",
        (2, 14),
        45,
        30,
        ["jobseekers", "young-people"],
        ["interviews"],
        "A session in French: preparing your phone or computer, and what to say first.",
        {"stream_url": "https://visio.employment.example/rooms/abc-def-ghi/join"},
    ),
    (
        "unemployment-benefits-in-arabic",
        "Unemployment benefits explained, in Arabic",
        "unemployment-benefits",
        "ar",
        (3, 11),
        60,
        50,
        ["jobseekers", "refugees-and-migrants"],
        ["benefits"],
        "Who can get benefits, how to apply, and what to do each month. In Arabic.",
        {"stream_url": "https://meet.jit.si/pes-benefits-arabic"},
    ),
    (
        "recognising-your-diploma-in-ukrainian",
        "Having your diploma recognised, in Ukrainian",
        "diploma-recognition",
        "uk",
        (4, 16),
        60,
        None,
        ["refugees-and-migrants"],
        ["training"],
        "How to have a foreign diploma evaluated, and which jobs need it. In Ukrainian.",
        {"stream_url": "https://video.employment.example/w/uA8sK2nV5bX9cQ3wE7rT1y"},
    ),
    (
        "starting-a-business-in-swedish",
        "Starting a business, in Swedish",
        "testing-a-business-idea",
        "sv",
        (6, 10),
        90,
        40,
        ["jobseekers"],
        ["starting-a-business"],
        "Test your idea with real customers before you invest. In Swedish.",
        {"stream_url": "https://www.youtube.com/live/QwErTyUiOpA"},
    ),
    (
        "digital-skills-in-estonian",
        "Basic digital skills, in Estonian",
        "digital-skills",
        "et",
        (8, 13),
        60,
        25,
        ["over-50s", "jobseekers"],
        ["digital-skills"],
        "E-mail, online forms and video calls, step by step. In Estonian.",
        {"stream_url": "https://meet.jit.si/pes-digital-skills-et"},
    ),
    (
        "inclusive-hiring-for-employers",
        "Inclusive hiring for small employers",
        "inclusive-hiring",
        "en",
        (10, 9),
        60,
        80,
        ["employers", "people-with-disabilities"],
        [],
        "Reasonable adjustments, support for employers, and where to find candidates.",
        {"stream_url": "https://www.youtube.com/watch?v=ZxCvBnMaSdF"},
    ),
    (
        "counsellor-briefing-new-benefit-rules",
        "Staff briefing: the new benefit rules",
        "unemployment-benefits",
        "en",
        (12, 15),
        45,
        None,
        [],
        ["benefits"],
        "For counsellors: what changes next month and how to explain it to jobseekers.",
        {"stream_url": "https://meet.jit.si/pes-staff-briefing-benefits", "staff_only": True},
    ),
    (
        "the-hidden-job-market-replay",
        "The hidden job market",
        "hidden-job-market",
        "en",
        (-3, 10),
        60,
        100,
        ["jobseekers"],
        ["job-search"],
        "Seven in ten vacancies are never advertised: how to find them.",
        {"recording_url": RECORDING.format("hJ4kL7mN1pQ3rS6tU9vW2x")},
    ),
    (
        "financer-sa-formation",
        "Funding your training, in French",
        "funded-training",
        "fr",
        (-7, 14),
        60,
        60,
        ["jobseekers"],
        ["training"],
        "Which courses are free for jobseekers, and how to apply. In French.",
        {"recording_url": RECORDING.format("fR5gT8hY2jU4kI7lO1pA3s")},
    ),
    (
        "working-after-50-replay",
        "Back to work after 50",
        "working-after-50",
        "en",
        (-14, 11),
        60,
        100,
        ["over-50s"],
        ["job-search"],
        "What employers look for, and how to make your experience count.",
        {"recording_url": "https://www.youtube.com/watch?v=PoIuYtReWqA"},
    ),
    (
        "green-jobs-in-ukrainian",
        "Green jobs, in Ukrainian",
        "green-jobs",
        "uk",
        (-21, 15),
        60,
        None,
        ["jobseekers", "refugees-and-migrants"],
        ["training"],
        "Jobs in renewable energy and renovation, and the training that leads to them.",
        {"recording_url": RECORDING.format("gJ6bN9mK3lP5oI8uY2tR4e")},
    ),
    (
        "apprenticeships-for-employers",
        "Taking on an apprentice",
        "apprenticeship-contracts",
        "en",
        (-28, 10),
        60,
        60,
        ["employers", "young-people"],
        ["training"],
        "Contracts, funding and mentoring: what an employer needs to know.",
        {"recording_url": RECORDING.format("aP7rN2tK5sM8qW1eR4tY6u")},
    ),
]


# Sessions left in English in French and Arabic, to show how the calendar lists a session
# not yet described in the visitor's language. The staff briefing is for counsellors.
LEFT_IN_ENGLISH = {
    "starting-a-business-in-swedish",
    "digital-skills-in-estonian",
    "counsellor-briefing-new-benefit-rules",
}


def ensure_webinar_demo(section, created, now=None):
    """Create what is missing of the calendar under `section` (the "Webinars" page) and
    return its translation plan: [(object, language codes, or None for every language)],
    snippets before the pages that use them and the calendar before its webinars."""
    now = now or timezone.now()
    subjects = ensure_subjects(created)
    calendar = _ensure_calendar(section, created)
    webinars = [_ensure_webinar(calendar, subjects, data, now, created) for data in WEBINARS]
    ensure_chat_demo(webinars, created, now)
    return translation_plan(calendar, webinars)


def translation_plan(calendar, webinars):
    """The calendar and the subjects it offers, with their categories, in every language;
    each session in French and Arabic (but for `LEFT_IN_ENGLISH`) and in its own
    language."""
    used = {webinar.subject_id: webinar.subject for webinar in webinars}
    subjects = sorted(used.values(), key=lambda subject: subject.pk)
    categories = sorted({s.category for s in subjects}, key=lambda category: category.pk)
    return [
        *[(term, None) for term in [*categories, *subjects, calendar]],
        *[(webinar, webinar_languages(webinar)) for webinar in webinars],
    ]


def webinar_languages(webinar):
    languages = set() if webinar.slug in LEFT_IN_ENGLISH else {"fr", "ar"}
    if webinar.session_language != Locale.get_default().language_code:
        languages.add(webinar.session_language)
    return sorted(languages)


def ensure_subjects(created):
    """The subject categories and subjects in the default language, by slug."""
    default = Locale.get_default()
    subjects = {}
    for category_slug, category_name, items in SUBJECTS:
        category = SubjectCategory.objects.filter(slug=category_slug, locale=default).first()
        if category is None:
            category = SubjectCategory.objects.create(
                slug=category_slug, name=category_name, locale=default
            )
            created.append(category)
        for slug, name in items:
            subject = Subject.objects.filter(slug=slug, locale=default).first()
            if subject is None:
                subject = Subject.objects.create(
                    slug=slug, name=name, category=category, locale=default
                )
                created.append(subject)
            subjects[slug] = subject
    return subjects


def _ensure_calendar(section, created):
    existing = section.get_children().filter(slug=CALENDAR_SLUG).first()
    if existing is not None:
        return existing.specific
    calendar = WebinarIndexPage(slug=CALENDAR_SLUG, **CALENDAR)
    section.add_child(instance=calendar)
    calendar.save_revision().publish()
    created.append(calendar)
    return calendar


def _times(when, minutes, now):
    if when == "live":
        starts_at = now.replace(second=0, microsecond=0) - datetime.timedelta(minutes=20)
    else:
        days, hour = when
        day = timezone.localdate(now) + datetime.timedelta(days=days)
        naive = datetime.datetime.combine(day, datetime.time(hour))
        starts_at = timezone.make_aware(naive, timezone.get_current_timezone())
    return starts_at, starts_at + datetime.timedelta(minutes=minutes)


def _ensure_webinar(calendar, subjects, data, now, created):
    existing = WebinarPage.objects.child_of(calendar).filter(slug=data[0]).first()
    if existing is not None:
        return existing.specific
    page = _webinar(calendar, subjects, data, now)
    created.append(page)
    return page


def _webinar(calendar, subjects, data, now):
    slug, title, subject, language, when, minutes, capacity, audiences, topics, intro, extra = data
    starts_at, ends_at = _times(when, minutes, now)
    page = WebinarPage(
        slug=slug,
        title=title,
        subject=subjects[subject],
        intro=intro,
        session_language=language,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        **extra,
    )
    calendar.add_child(instance=page)
    default = Locale.get_default()
    page.audiences.set(Audience.objects.filter(slug__in=audiences, locale=default))
    page.topics.set(Topic.objects.filter(slug__in=topics, locale=default))
    page.occupations.set(Occupation.objects.filter(code__in=_occupations(subject)))
    guide = GuidancePage.objects.filter(locale=default, topics__slug__in=topics).first()
    if guide is not None:
        page.related_links = [("guidance", guide)]
    page.save_revision().publish()
    return page


def _occupations(subject):
    return {"jobs-in-care": ["5322"], "jobs-in-it": ["2512"], "green-jobs": ["7411"]}.get(
        subject, []
    )
