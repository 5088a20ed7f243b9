"""The demo podcast: "Work Matters" for jobseekers, eight weekly episodes already out and
one scheduled for next Monday. The audio (short chimes), artwork and transcripts are
generated here, so the demo needs no media files and no network."""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image

from podcasts.demo_audio import generate_demo_mp3
from podcasts.models import EpisodePerson, PodcastEpisodePage, PodcastShowPage

SHOW_SLUG = "work-matters"
AUDIO_SECONDS = 30
HOSTS = [("Amina Diallo", "host", "Jobseeker services"), ("Tomas Berg", "co-host", "")]

SHOW = {
    "title": "Work Matters",
    "description": (
        "<p>Work Matters is the weekly podcast of your employment service for people looking "
        "for work. Every Monday: one hour of practical advice, real stories and answers to "
        "your questions. Every episode has a full transcript.</p>"
    ),
    "author": "Public Employment Service",
    "owner_name": "Podcast team, Public Employment Service",
    "owner_email": "podcast@example.org",
    "copyright": "CC BY 4.0, Public Employment Service",
    "listing_summary": "Our weekly podcast for jobseekers: a new episode every Monday.",
}

# (title, guest, role of the guest, chapters, transcript lines: (speaker, text))
EPISODES = [
    (
        "Registering as a jobseeker: your first week",
        "Leila Haddad",
        "Counsellor, Lyon office",
        ["Welcome", "What to bring", "Your first appointment"],
        [
            ("Amina Diallo", "Welcome to Work Matters. Today: your first week as a jobseeker."),
            ("Leila Haddad", "Register online or at any office. Bring an ID and your contract."),
            ("Leila Haddad", "Your first appointment is about you: your skills and your plans."),
            ("Tomas Berg", "And if anything is unclear, you can always call a counsellor."),
        ],
    ),
    (
        "Writing a CV that gets read",
        "Jonas Lindqvist",
        "Recruiter",
        ["Welcome", "One page is enough", "Your questions"],
        [
            ("Amina Diallo", "Welcome back. This week: a CV that recruiters actually read."),
            ("Jonas Lindqvist", "I read a CV for thirty seconds. Put your latest job first."),
            ("Jonas Lindqvist", "One page is enough for most jobs. Use plain words."),
            ("Tomas Berg", "Our guide on writing a CV has a checklist you can print."),
        ],
    ),
    (
        "The hidden job market: seven in ten jobs are never advertised",
        "Sofia Rossi",
        "Labour market analyst",
        ["Welcome", "Where the jobs are", "Speculative applications"],
        [
            ("Amina Diallo", "Seven in ten vacancies are never advertised. Where are they?"),
            ("Sofia Rossi", "Companies that are growing hire before they post anything."),
            ("Sofia Rossi", "A short, friendly speculative application often works."),
            ("Tomas Berg", "Our hidden-vacancy finder shows companies likely to hire."),
        ],
    ),
    (
        "Video interviews from your phone",
        "Daniel Okafor",
        "Careers coach",
        ["Welcome", "Before the call", "During the call"],
        [
            ("Amina Diallo", "More and more first interviews happen on video."),
            ("Daniel Okafor", "Test the link the day before, and charge your phone."),
            ("Daniel Okafor", "Look at the camera, not at the screen, when you speak."),
            ("Tomas Berg", "You can borrow a quiet room at most of our offices."),
        ],
    ),
    (
        "Training that leads to work",
        "Maria Kask",
        "Training adviser",
        ["Welcome", "Choosing a course", "Funding"],
        [
            ("Amina Diallo", "Which training courses actually lead to a job?"),
            ("Maria Kask", "Look at how many people found work after the course."),
            ("Maria Kask", "Many courses are free for registered jobseekers."),
            ("Tomas Berg", "Our training finder ranks courses by return-to-work rate."),
        ],
    ),
    (
        "Starting your own business",
        "Oleksandr Kovalenko",
        "Business adviser",
        ["Welcome", "Is it for you?", "Support while you start"],
        [
            ("Amina Diallo", "Thinking of working for yourself? This one is for you."),
            ("Oleksandr Kovalenko", "Start small, test your idea with real customers."),
            ("Oleksandr Kovalenko", "You may keep some benefits while your business starts."),
            ("Tomas Berg", "Ask your counsellor about the business creation programme."),
        ],
    ),
    (
        "Working in a new country",
        "Yusuf Rahimi",
        "Refugee employment mentor",
        ["Welcome", "Your qualifications", "Language courses"],
        [
            ("Amina Diallo", "Today we talk about finding work after moving to a new country."),
            ("Yusuf Rahimi", "Your diplomas can be recognised. Ask for an evaluation."),
            ("Yusuf Rahimi", "Language courses with work placements help a lot."),
            ("Tomas Berg", "Interpreters are available at our offices, free of charge."),
        ],
    ),
    (
        "Back to work after fifty",
        "Helen Murphy",
        "Employer, logistics company",
        ["Welcome", "What employers look for", "Your experience counts"],
        [
            ("Amina Diallo", "Is it harder to find work after fifty? Let's ask an employer."),
            ("Helen Murphy", "We look for reliability and experience. That is you."),
            ("Helen Murphy", "Show what you did recently, and what you learned."),
            ("Tomas Berg", "Our over-50s programme has workshops every month."),
        ],
    ),
]

SCHEDULED = (
    "Unemployment benefits explained",
    "Claire Martin",
    "Benefits adviser",
    ["Welcome", "Who can get benefits", "How to apply"],
    [
        ("Amina Diallo", "This week: unemployment benefits, step by step."),
        ("Claire Martin", "Apply as soon as your contract ends. Do not wait."),
        ("Claire Martin", "You need your last payslips and your bank details."),
        ("Tomas Berg", "Our guide on unemployment benefits has the full list."),
    ],
)


def ensure_podcast_demo(section, created, now=None):
    """Create the show under `section` (the "Podcast" page), unless it is there."""
    if section.get_children().filter(slug=SHOW_SLUG).exists():
        return None
    now = now or timezone.now()
    show = PodcastShowPage(slug=SHOW_SLUG, artwork=_artwork(created), **SHOW)
    section.add_child(instance=show)
    show.save_revision().publish()
    created.append(show)
    past_slots = _past_slots(show, now, len(EPISODES))
    for number, (episode, slot) in enumerate(zip(EPISODES, past_slots, strict=True), start=1):
        created.append(_published_episode(show, number, episode, slot))
    created.append(_scheduled_episode(show, len(EPISODES) + 1, SCHEDULED, now))
    return show


def _past_slots(show, now, count):
    """The `count` slots before now, oldest first."""
    first = show.slots_after(now - datetime.timedelta(weeks=count), count)
    return [slot for slot in first if slot <= now] or first


def _episode(show, number, data, **extra):
    title, guest, guest_role, chapters, lines = data
    episode = PodcastEpisodePage(
        title=title,
        episode_number=number,
        season_number=1,
        show_notes=f"<p>{lines[0][1]}</p><p>With {guest}, {guest_role.lower()}.</p>",
        chapters=_chapter_lines(chapters),
        listing_summary=lines[0][1],
        **extra,
    )
    audio = ContentFile(
        generate_demo_mp3(AUDIO_SECONDS, seed=number, title=title), name=f"episode-{number}.mp3"
    )
    episode.set_audio(audio)
    episode.transcript_file.save(
        f"episode-{number}.vtt", ContentFile(_webvtt(lines).encode()), save=False
    )
    show.add_child(instance=episode)
    for order, (name, role, organisation) in enumerate([*HOSTS, (guest, "guest", guest_role)]):
        EpisodePerson.objects.create(
            page=episode,
            sort_order=order,
            name=name,
            role=role,
            organisation=organisation,
            locale=episode.locale,
        )
    return episode


def _published_episode(show, number, data, slot):
    episode = _episode(show, number, data)
    episode.save_revision().publish()
    # The demo pretends each came out on its Monday.
    PodcastEpisodePage.objects.filter(pk=episode.pk).update(
        first_published_at=slot, last_published_at=slot
    )
    return episode


def _scheduled_episode(show, number, data, now):
    go_live_at = show.slots_after(now, 1)[0]
    episode = _episode(show, number, data, live=False)
    episode.go_live_at = go_live_at
    episode.save_revision().publish()  # a future go-live date schedules it
    return episode


def _chapter_lines(titles):
    step = AUDIO_SECONDS // len(titles)
    return "\n".join(f"0:{index * step:02d} {title}" for index, title in enumerate(titles))


def _webvtt(lines):
    step = AUDIO_SECONDS / len(lines)
    cues = ["WEBVTT", ""]
    for index, (speaker, text) in enumerate(lines):
        start, end = index * step, (index + 1) * step - 0.5
        cues += [f"{_vtt_time(start)} --> {_vtt_time(end)}", f"<v {speaker}>{text}", ""]
    return "\n".join(cues)


def _vtt_time(seconds):
    minutes, rest = divmod(seconds, 60)
    return f"00:{int(minutes):02d}:{rest:06.3f}"


def _artwork(created):
    existing = Image.objects.filter(title="Work Matters artwork").first()
    if existing:
        return existing
    picture = PillowImage.new("RGB", (1400, 1400), (0, 84, 147))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((700, -300, 1700, 700), fill=(0, 122, 204))
    draw.ellipse((-400, 900, 600, 1900), fill=(255, 196, 0))
    font = ImageFont.load_default(size=190)
    draw.text((110, 470), "Work", font=font, fill="white")
    draw.text((110, 680), "Matters", font=font, fill="white")
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    image = Image(title="Work Matters artwork")
    image.file = ImageFile(buffer, name="work-matters.jpg")
    image.save()
    created.append(image)
    return image
