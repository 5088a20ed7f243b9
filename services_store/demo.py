"""The store's demo: its catalogue page, a record for every installed micro-service in a
state that shows the lifecycle (live and overdue for review, in beta, being built), a
retired service, usage figures, a past review and suggestions waiting in the backlog.

Idempotent: each step looks before it creates (`load_initial_data` runs it)."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from services_store.models import (
    Decision,
    LifecycleState,
    Rating,
    Service,
    ServiceDetailPage,
    ServiceReview,
    ServiceStorePage,
    ServiceSuggestion,
    ServiceUsefulness,
    ServiceVisitDay,
)

STORE_SLUG = "online-services"
TEAM = {
    "amelie": ("Amélie", "Durand", "intrapreneur"),
    "jonas": ("Jonas", "Berg", "coach"),
    "mei": ("Mei", "Tamm", "it_lead"),
}
PILOT_GROUP = "Beta pilots"
# slug -> (state, days since the review date: positive = overdue, daily visits)
SERVICES = {
    "hidden-vacancies": (LifecycleState.LIVE, 12, 140),
    "training-finder": (LifecycleState.BETA, None, 25),
    "interview-practice": (LifecycleState.BUILDING, None, 0),
}
RETIRED_SLUG = "cv-templates"
# slug -> (title, what it does, who it is for, how to use it)
DETAIL_TEXTS = {
    "hidden-vacancies": (
        "Find companies likely to hire",
        "<p>Seven in ten vacancies are never advertised. This tool shows companies near "
        "you that are likely to hire for your occupation, from their hiring in recent "
        "years, so you can send a spontaneous application.</p>",
        "<p>Jobseekers who know the occupation they want, and counsellors preparing a "
        "workshop.</p>",
        "<ol><li>Type your occupation.</li><li>Choose your town and how far you can "
        "travel.</li><li>Print or save the list, and read our guide on spontaneous "
        "applications.</li></ol>",
    ),
    "training-finder": (
        "Find a training that leads to work",
        "<p>Trainings for your occupation, ranked by how many people were in work six "
        "months after. Trainings with few trainees are marked as uncertain.</p>",
        "<p>Jobseekers thinking about a training, with their counsellor.</p>",
        "<ol><li>Type the occupation you aim for.</li><li>Choose your town, or online "
        "trainings.</li><li>Talk to your counsellor about funding.</li></ol>",
    ),
    "interview-practice": (
        "Practise for a job interview",
        "<p>Questions employers ask, and how to answer them.</p>",
        "<p>Jobseekers with an interview coming up.</p>",
        "",
    ),
    RETIRED_SLUG: (
        "CV templates",
        "<p>Downloadable CV templates. This service closed: the guide on writing a CV and "
        "the counsellors' CV workshops replaced it.</p>",
        "<p>Jobseekers writing a CV.</p>",
        "",
    ),
}
SUGGESTIONS = [
    ("Reminder before my appointment", "I forget my appointments: an SMS the day before.", False),
    ("Childcare near training centres", "Courses start at 8:00, nurseries open later.", False),
    ("Translate my foreign diploma", "Which office recognises my diploma, and how long?", False),
    ("Spot jobs for career changers", "Frontline staff: which jobs accept retraining?", True),
]


def ensure_store_demo(home, created, today=None):
    """The catalogue page under `home` (a main-menu section, translated with the
    others) and the store's records."""
    today = today or timezone.localdate()
    team = _ensure_team(created)
    store = ensure_store_page(home, created)
    services = [
        _ensure_service(slug, spec, team, today, created) for slug, spec in SERVICES.items()
    ]
    services = [service for service in services if service is not None]
    retired = _ensure_retired(services, created)
    for service in [*services, retired]:
        _ensure_detail_page(store, service, created)
    _ensure_suggestions(created)


def _ensure_team(created):
    User = get_user_model()
    editors = Group.objects.get(name="Editors")
    team = {}
    for username, (first, last, role) in TEAM.items():
        user, was_created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if was_created:
            user.set_unusable_password()
            user.save()
            user.groups.add(editors)
            created.append(user)
        team[role] = user
    return team


def ensure_store_page(home, created):
    existing = ServiceStorePage.objects.child_of(home).filter(slug=STORE_SLUG).first()
    if existing:
        return existing
    store = ServiceStorePage(
        title="Online services",
        slug=STORE_SLUG,
        intro="Small online tools built by our own teams, tested with jobseekers.",
        show_in_menus=True,
    )
    home.add_child(instance=store)
    store.save_revision().publish()
    created.append(store)
    return store


def _ensure_service(slug, spec, team, today, created):
    from services_store import registry

    if registry.get(slug) is None:  # the app is not installed here
        return None
    state, overdue_days, daily_visits = spec
    service, _ = Service.objects.get_or_create(slug=slug)
    if service.intrapreneur_id:  # set up by an earlier run
        return service
    service.state = state
    service.intrapreneur, service.coach, service.it_lead = (
        team["intrapreneur"],
        team["coach"],
        team["it_lead"],
    )
    if state == LifecycleState.BETA:
        service.pilot_group, _ = Group.objects.get_or_create(name=PILOT_GROUP)
    if overdue_days is not None:
        service.next_review = today - datetime.timedelta(days=overdue_days)
    service.save()
    _ensure_usage(service, daily_visits, today)
    if state == LifecycleState.LIVE:
        _ensure_past_review(service, team, today)
    created.append(service)
    return service


def _ensure_usage(service, daily_visits, today):
    if not daily_visits or service.visit_days.exists():
        return
    rng = random.Random(service.slug)  # noqa: S311 - demo figures, not security
    days = [
        ServiceVisitDay(
            service=service,
            date=today - datetime.timedelta(days=back),
            visits=(visits := max(1, int(daily_visits * rng.uniform(0.6, 1.4)))),
            unique_visitors=max(1, int(visits * rng.uniform(0.55, 0.8))),
        )
        for back in range(1, 121)
    ]
    ServiceVisitDay.objects.bulk_create(days)
    answers = [ServiceUsefulness(service=service, useful=rng.random() < 0.78) for _ in range(60)]
    ServiceUsefulness.objects.bulk_create(answers)


def _ensure_past_review(service, team, today):
    reviewed_on = today - datetime.timedelta(days=200)
    ratings = dict.fromkeys(ServiceReview.RATED_POINTS, Rating.GREEN)
    ratings.update(translations=Rating.AMBER, bias=Rating.AMBER)
    ServiceReview.objects.create(
        service=service,
        reviewed_on=reviewed_on,
        reviewed_by=None,
        decision=Decision.KEEP,
        visits=21_400,
        unique_visitors=13_900,
        useful_share=76.5,
        actions="Add the Estonian summary; check the scores of small companies for bias.",
        lessons_learnt="Counsellors print the list for workshops: keep the print view.",
        **ratings,
    )


def _ensure_retired(services, created):
    service, was_created = Service.objects.get_or_create(
        slug=RETIRED_SLUG, defaults={"state": LifecycleState.RETIRED}
    )
    if was_created:
        live = [other for other in services if other.state == LifecycleState.LIVE]
        service.alternatives.add(*live)
        created.append(service)
    return service


def _ensure_detail_page(store, service, created):
    if ServiceDetailPage.objects.filter(service=service).exists():
        return
    title, what_it_does, for_whom, how_to_use = DETAIL_TEXTS[service.slug]
    page = ServiceDetailPage(
        title=title,
        slug=service.slug,
        service=service,
        what_it_does=what_it_does,
        for_whom=for_whom,
        how_to_use=how_to_use,
        contact_email="online-services@example.org",
    )
    store.add_child(instance=page)
    page.save_revision().publish()
    created.append(page)


def _ensure_suggestions(created):
    if ServiceSuggestion.objects.exists():
        return
    for title, need, from_staff in SUGGESTIONS:
        created.append(
            ServiceSuggestion.objects.create(title=title, need=need, from_staff=from_staff)
        )
