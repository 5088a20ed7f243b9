"""Podcast RSS feeds: Apple's iTunes tags and the Podcasting 2.0 namespace, built with feedgen.

This is the only module that touches feedgen. It works on plain frozen dataclasses, so
a feed can be built, and tested, without the database: the models turn a show and its
episodes into ShowFeedData and EpisodeFeedData and call build_feed().

Specifications:
- Apple: https://podcasters.apple.com/support/823-podcast-requirements
- Apple categories: https://podcasters.apple.com/support/1691-apple-podcasts-categories
- Podcasting 2.0: https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md

feedgen 1.0's iTunes extension (feedgen.ext.podcast) predates Apple's current rules
and loses some values without a word; AppleItunesExtension and AppleItunesEntryExtension
fix that (their docstrings list how). They are registered as "itunes", since the name
"podcast" is taken by the Podcasting 2.0 extension (PodcastExtension).
"""

import functools
import re
import uuid
from dataclasses import dataclass
from datetime import datetime

# feedgen.util reads lxml.etree without importing it, so importing feedgen's extensions
# before feedgen.feed fails unless lxml.etree is already loaded.
from lxml.etree import SubElement

# isort: split
from feedgen.ext import podcast as feedgen_itunes
from feedgen.ext import podcast_entry as feedgen_itunes_entry
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"

# Seed of every podcast:guid (a UUIDv5), fixed by the Podcasting 2.0 guid tag.
# https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/tags/guid.md
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")

SHOW_TYPES = ("episodic", "serial")
EPISODE_TYPES = ("full", "trailer", "bonus")
# audio/x-m4a is the name Apple's requirements give to .m4a files; audio/mp4 is IANA's.
ENCLOSURE_TYPES = ("audio/mpeg", "audio/mp4", "audio/x-m4a")
# The types the transcript tag lists, plus application/srt, which Apple and several
# hosts use for SubRip files.
# https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/tags/transcript.md
TRANSCRIPT_TYPES = (
    "text/vtt",
    "application/x-subrip",
    "application/srt",
    "text/plain",
    "text/html",
    "application/json",
)
CHAPTERS_TYPE = "application/json+chapters"

# Apple Podcasts categories and their subcategories, as Apple has listed them since 2019.
# Older lists (feedgen's own included) still carry "Games & Hobbies", "Health",
# "Science & Medicine"...: Apple no longer accepts those.
# https://podcasters.apple.com/support/1691-apple-podcasts-categories
APPLE_CATEGORIES = {
    "Arts": (
        "Books",
        "Design",
        "Fashion & Beauty",
        "Food",
        "Performing Arts",
        "Visual Arts",
    ),
    "Business": (
        "Careers",
        "Entrepreneurship",
        "Investing",
        "Management",
        "Marketing",
        "Non-Profit",
    ),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": (
        "Alternative Health",
        "Fitness",
        "Medicine",
        "Mental Health",
        "Nutrition",
        "Sexuality",
    ),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": (
        "Animation & Manga",
        "Automotive",
        "Aviation",
        "Crafts",
        "Games",
        "Hobbies",
        "Home & Garden",
        "Video Games",
    ),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": (
        "Business News",
        "Daily News",
        "Entertainment News",
        "News Commentary",
        "Politics",
        "Sports News",
        "Tech News",
    ),
    "Religion & Spirituality": (
        "Buddhism",
        "Christianity",
        "Hinduism",
        "Islam",
        "Judaism",
        "Religion",
        "Spirituality",
    ),
    "Science": (
        "Astronomy",
        "Chemistry",
        "Earth Sciences",
        "Life Sciences",
        "Mathematics",
        "Natural Sciences",
        "Nature",
        "Physics",
        "Social Sciences",
    ),
    "Society & Culture": (
        "Documentary",
        "Personal Journals",
        "Philosophy",
        "Places & Travel",
        "Relationships",
    ),
    "Sports": (
        "Baseball",
        "Basketball",
        "Cricket",
        "Fantasy Sports",
        "Football",
        "Golf",
        "Hockey",
        "Rugby",
        "Running",
        "Soccer",
        "Swimming",
        "Tennis",
        "Volleyball",
        "Wilderness",
        "Wrestling",
    ),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}
APPLE_CATEGORY_SEPARATOR = " › "

# Groups and roles of the Podcast Taxonomy Project, which podcast:person refers to;
# both are case-insensitive, so they are kept lower-case here.
# https://github.com/Podcastindex-org/podcast-namespace/blob/main/taxonomy.json
PERSON_ROLES = {
    "creative direction": (
        "director",
        "assistant director",
        "executive producer",
        "senior producer",
        "producer",
        "associate producer",
        "development producer",
        "creative director",
    ),
    "cast": (
        "host",
        "co-host",
        "guest host",
        "guest",
        "voice actor",
        "narrator",
        "announcer",
        "reporter",
    ),
    "writing": (
        "author",
        "editorial director",
        "co-writer",
        "writer",
        "songwriter",
        "guest writer",
        "story editor",
        "managing editor",
        "script editor",
        "script coordinator",
        "researcher",
        "editor",
        "fact checker",
        # taxonomy.json spells it "Translater"; both spellings are accepted.
        "translator",
        "translater",
        "transcriber",
        "logger",
    ),
    "audio production": (
        "studio coordinator",
        "technical director",
        "technical manager",
        "audio engineer",
        "remote recording engineer",
        "post production engineer",
    ),
    "audio post-production": (
        "audio editor",
        "sound designer",
        "foley artist",
        "composer",
        "theme music",
        "music production",
        "music contributor",
    ),
    "administration": (
        "production coordinator",
        "booking coordinator",
        "production assistant",
        "content manager",
        "marketing manager",
        "sales representative",
        "sales manager",
    ),
    "visuals": ("graphic designer", "cover art designer"),
    "community": ("social media manager",),
    "misc.": ("consultant", "intern"),
    "video production": ("camera operator", "lighting designer", "camera grip", "assistant camera"),
    "video post-production": ("editor", "assistant editor"),
}
# The person tag asks aggregators to keep names up to this length; longer ones get cut.
PERSON_NAME_MAX_LENGTH = 128

# "http(s)://host" and an optional path, query or fragment, with no blank anywhere. A
# regular expression rather than urlsplit(): feeds check thousands of URLs per build.
_ABSOLUTE_HTTP_URL = re.compile(r"https?://[^\s/?#]+(?:[/?#]\S*)?", re.IGNORECASE)
# An RSS <language> / BCP 47 tag such as "fr" or "nl-BE".
_LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


# Data handed over by the models --------------------------------------------------------


@dataclass(frozen=True)
class PersonData:
    """A podcast:person: someone heard on, or credited for, the show or an episode."""

    name: str
    role: str = "host"
    group: str = "cast"
    href: str | None = None
    img: str | None = None


@dataclass(frozen=True)
class TranscriptData:
    """A podcast:transcript; rel="captions" marks a timed captions file."""

    url: str
    type: str
    language: str | None = None
    rel: str | None = None


def _as_records(values, record_class):
    """Plain tuples such as ("Ann", "guest") are accepted for convenience; the dataclass
    keeps an immutable tuple of records, so a frozen object stays frozen all the way."""
    return tuple(_as_record(value, record_class) for value in values)


def _as_record(value, record_class):
    if isinstance(value, record_class):
        return value
    if isinstance(value, dict):
        return record_class(**value)
    return record_class(*value)


@dataclass(frozen=True)
class ShowFeedData:
    """Everything the channel of a show's feed says about the show."""

    title: str
    link: str  # the show page, absolute
    feed_url: str  # this feed, absolute: atom:link rel="self"
    description: str
    language: str  # e.g. "fr" or "nl-BE"
    artwork_url: str  # square JPEG or PNG, 1400 to 3000 px
    apple_category: str
    author: str
    owner_name: str
    owner_email: str
    guid: str  # podcast:guid, a UUIDv5: see podcast_guid_for()
    last_build_date: datetime  # timezone-aware
    apple_subcategory: str | None = None
    explicit: bool = False
    show_type: str = "episodic"
    copyright: str = ""
    locked: bool = True
    persons: tuple[PersonData, ...] = ()
    ttl: int | None = None  # minutes a reader may cache the feed

    def __post_init__(self):
        object.__setattr__(self, "persons", _as_records(self.persons, PersonData))


@dataclass(frozen=True)
class EpisodeFeedData:
    """Everything an item of the feed says about one episode."""

    guid: str  # permanent: apps use it to tell episodes apart, forever
    title: str
    link: str  # the episode page, absolute
    description_html: str  # show notes
    pub_date: datetime  # timezone-aware
    enclosure_url: str  # the audio file, absolute
    enclosure_length: int  # bytes
    enclosure_type: str  # one of ENCLOSURE_TYPES
    duration_seconds: int
    summary: str = ""  # plain text
    episode_number: int | None = None
    season_number: int | None = None
    episode_type: str = "full"
    explicit: bool = False
    artwork_url: str | None = None
    itunes_title: str | None = None  # the title without show name or numbers, for Apple
    transcripts: tuple[TranscriptData, ...] = ()
    chapters_url: str | None = None
    persons: tuple[PersonData, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "transcripts", _as_records(self.transcripts, TranscriptData))
        object.__setattr__(self, "persons", _as_records(self.persons, PersonData))


# Categories and identifiers ------------------------------------------------------------


def apple_category_choices():
    """Django-style choices for a show's Apple category: each category, then each of its
    subcategories as "Category › Subcategory". Split a stored value with
    split_apple_category(). Apple's names are identifiers, so they are not translated."""
    choices = []
    for category, subcategories in APPLE_CATEGORIES.items():
        choices.append((category, category))
        for subcategory in subcategories:
            value = f"{category}{APPLE_CATEGORY_SEPARATOR}{subcategory}"
            choices.append((value, value))
    return choices


def split_apple_category(value):
    """("Business", "Careers") for "Business › Careers", ("History", None) for "History"."""
    category, _, subcategory = value.partition(APPLE_CATEGORY_SEPARATOR)
    check_apple_category(category, subcategory or None)
    return category, subcategory or None


def check_apple_category(category, subcategory=None):
    """Apple files a show under an unknown category nowhere, so refuse it here."""
    if category not in APPLE_CATEGORIES:
        raise ValueError(f"{category!r} is not an Apple Podcasts category (see APPLE_CATEGORIES)")
    if subcategory is not None and subcategory not in APPLE_CATEGORIES[category]:
        raise ValueError(f"{subcategory!r} is not an Apple Podcasts subcategory of {category!r}")


def podcast_guid_for(feed_url):
    """The podcast:guid a show gets once, from its feed URL at the time: a UUIDv5 of the
    URL without scheme and trailing slashes. Store it: it must not follow later moves.
    https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/tags/guid.md"""
    seed = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", feed_url).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, seed))


# Checks shared by the extensions -------------------------------------------------------


def _checked_url(url, what):
    """Podcast apps fetch these URLs far from the site, so only absolute http(s) will do."""
    if not isinstance(url, str) or not _ABSOLUTE_HTTP_URL.fullmatch(url):
        raise ValueError(f"{what} must be an absolute http(s) URL, not {url!r}")
    return url


def _checked_language(code, what):
    if not isinstance(code, str) or not _LANGUAGE_CODE.fullmatch(code):
        raise ValueError(f'{what} must be a language code such as "fr" or "nl-BE", not {code!r}')
    return code


def _checked_choice(value, choices, what):
    if value not in choices:
        raise ValueError(f"{what} must be one of {', '.join(choices)}, not {value!r}")
    return value


def _checked_count(value, what, minimum):
    """A whole number: bools and floats are refused, where feedgen's int() would quietly
    turn True into 1 and 2.9 into 2."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{what} must be a whole number from {minimum} up, not {value!r}")
    return value


def _checked_text(value, what):
    if not isinstance(value, str) or not value or value.isspace():
        raise ValueError(f"{what} must not be blank")
    return value


def _checked_aware(moment, what):
    """A date without a timezone would be read in the reader's own, hours off."""
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        raise ValueError(f"{what} must be a timezone-aware datetime, not {moment!r}")
    return moment


def _checked_email(value, what):
    """Apple writes to this address to confirm who owns the show: it has to be one."""
    if not isinstance(value, str) or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise ValueError(f"{what} must be an email address, not {value!r}")
    return value


def _apple_explicit(value):
    """Apple reads "true" or "false" in itunes:explicit (it used to be "yes", "no" or
    "clean", the only values feedgen 1.0 accepts). A bool, or the two words, is taken."""
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise ValueError(f'itunes:explicit must be True, False, "true" or "false", not {value!r}')


def _true_or_false(flag):
    return "true" if flag else "false"


def _apple_image(url):
    """feedgen 1.0 keeps only image URLs ending in ".jpg" or ".png": the channel setter
    drops any other silently (its ValueError is built but never raised) and the item
    setter refuses it. Image renditions end in a query string or in no extension at all,
    yet are JPEG or PNG, which is what Apple checks when it fetches the artwork. So any
    absolute http(s) URL is emitted as given, and anything else is refused."""
    return _checked_url(url, "itunes:image")


def _checked_person(person):
    return _checked_person_record(_as_record(person, PersonData))


@functools.lru_cache(maxsize=512)
def _checked_person_record(person):
    """Cached: the same hosts come back in every episode of a show."""
    name = _checked_text(person.name, "podcast:person name")
    if len(name) > PERSON_NAME_MAX_LENGTH:
        raise ValueError(
            f"podcast:person name must be at most {PERSON_NAME_MAX_LENGTH} characters, "
            f"not {len(name)}"
        )
    # The tag assumes "cast" and "host" when group or role is left out.
    group = _checked_text(person.group or "cast", "podcast:person group").lower()
    roles = PERSON_ROLES.get(group)
    if roles is None:
        raise ValueError(
            f"podcast:person group {person.group!r} is not in the Podcast Taxonomy "
            "(see PERSON_ROLES)"
        )
    role = _checked_text(person.role or "host", "podcast:person role").lower()
    if role not in roles:
        raise ValueError(f"podcast:person role {person.role!r} is not a role of group {group!r}")
    href = _checked_url(person.href, "podcast:person href") if person.href else None
    img = _checked_url(person.img, "podcast:person img") if person.img else None
    return PersonData(name=name, role=role, group=group, href=href, img=img)


def _checked_transcript(transcript):
    transcript = _as_record(transcript, TranscriptData)
    _checked_url(transcript.url, "podcast:transcript url")
    _checked_choice(transcript.type, TRANSCRIPT_TYPES, "podcast:transcript type")
    if transcript.language is not None:
        _checked_language(transcript.language, "podcast:transcript language")
    if transcript.rel is not None:
        _checked_choice(transcript.rel, ("captions",), "podcast:transcript rel")
    return transcript


def _as_list(value):
    """feedgen's list setters take one item or a list of them."""
    return value if isinstance(value, list | tuple) and not _is_record(value) else (value,)


def _is_record(value):
    """A plain tuple standing for one PersonData or TranscriptData, such as ("Ann", "guest")."""
    return isinstance(value, tuple) and bool(value) and isinstance(value[0], str)


# Qualified names, worked out once: a feed writes thousands of these elements.
_PODCAST_NAMES = ("guid", "locked", "person", "transcript", "chapters")
_PODCAST = {name: f"{{{PODCAST_NS}}}{name}" for name in _PODCAST_NAMES}
_ITUNES_NAMES = ("image", "explicit", "duration", "episodeType", "season", "episode")
_ITUNES = {name: f"{{{ITUNES_NS}}}{name}" for name in _ITUNES_NAMES}


def _add_tag(parent, tag, text=None, attributes=None):
    element = SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _append_persons(parent, persons):
    for person in persons:
        _add_tag(parent, _PODCAST["person"], person.name, _person_attributes(person))


def _person_attributes(person):
    """Role "host" and group "cast" are what the tag assumes when they are left out, so
    they are: most people in a feed are its hosts, and each attribute costs bytes and time."""
    attributes = {}
    if person.role != "host":
        attributes["role"] = person.role
    if person.group != "cast":
        attributes["group"] = person.group
    if person.href:
        attributes["href"] = person.href
    if person.img:
        attributes["img"] = person.img
    return attributes


def _transcript_attributes(transcript):
    attributes = {"url": transcript.url, "type": transcript.type}
    if transcript.language:
        attributes["language"] = transcript.language
    if transcript.rel:
        attributes["rel"] = transcript.rel
    return attributes


# The Podcasting 2.0 namespace ----------------------------------------------------------


class PodcastExtension(BaseExtension):
    """Channel tags of the Podcasting 2.0 namespace: podcast:guid, podcast:locked and
    podcast:person. Register with
    fg.register_extension("podcast", PodcastExtension, PodcastEntryExtension).
    https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"""

    _guid = None
    _locked = None
    _locked_owner = None
    _persons = ()

    def extend_ns(self):
        return {"podcast": PODCAST_NS}

    def extend_rss(self, rss_feed):
        channel = rss_feed[0]
        if self._guid:
            _add_tag(channel, _PODCAST["guid"], self._guid)
        if self._locked is not None:
            locked = "yes" if self._locked else "no"
            owner = {"owner": self._locked_owner} if self._locked_owner else None
            _add_tag(channel, _PODCAST["locked"], locked, owner)
        _append_persons(channel, self._persons)
        return rss_feed

    def podcast_guid(self, podcast_guid=None):
        """Get or set the show's global identifier, a UUIDv5 (see podcast_guid_for()). It
        lets apps follow the show when its feed moves, so it must never change."""
        if podcast_guid is not None:
            try:
                parsed = uuid.UUID(podcast_guid)
            except (TypeError, ValueError, AttributeError):
                parsed = None
            if parsed is None or parsed.version != 5:
                raise ValueError(f"podcast:guid must be a UUIDv5 string, not {podcast_guid!r}")
            self._guid = str(parsed)
        return self._guid

    def podcast_locked(self, podcast_locked=None, owner=None):
        """Get or set whether other hosting platforms may import the feed. owner is an
        email address a platform can use to check who owns the show before a move."""
        if podcast_locked is not None:
            if not isinstance(podcast_locked, bool):
                raise ValueError(f"podcast:locked must be True or False, not {podcast_locked!r}")
            if owner is not None:
                _checked_email(owner, "podcast:locked owner")
            self._locked = podcast_locked
            self._locked_owner = owner
        return self._locked

    def podcast_person(self, podcast_person=None, replace=False):
        """Get or add the show's regular people (PersonData, a tuple or a dict, or a list
        of them). Roles and groups come from the Podcast Taxonomy (PERSON_ROLES)."""
        if podcast_person is not None:
            checked = tuple(_checked_person(person) for person in _as_list(podcast_person))
            self._persons = checked if replace else self._persons + checked
        return self._persons


class PodcastEntryExtension(BaseEntryExtension):
    """Item tags of the Podcasting 2.0 namespace: podcast:transcript, podcast:chapters and
    podcast:person. Season and episode numbers are left to itunes:season/itunes:episode."""

    # Class-level defaults rather than an __init__: feedgen makes one of these per item.
    _transcripts = ()
    _chapters_url = None
    _persons = ()

    def extend_rss(self, entry):
        for transcript in self._transcripts:
            _add_tag(entry, _PODCAST["transcript"], None, _transcript_attributes(transcript))
        if self._chapters_url:
            chapters = {"url": self._chapters_url, "type": CHAPTERS_TYPE}
            _add_tag(entry, _PODCAST["chapters"], None, chapters)
        _append_persons(entry, self._persons)
        return entry

    def podcast_transcript(self, podcast_transcript=None, replace=False):
        """Get or add transcripts (TranscriptData, a (url, type, language, rel) tuple or a
        dict, or a list of them): one tag per file, format and language."""
        if podcast_transcript is not None:
            checked = tuple(_checked_transcript(item) for item in _as_list(podcast_transcript))
            self._transcripts = checked if replace else self._transcripts + checked
        return self._transcripts

    def podcast_chapters(self, podcast_chapters=None):
        """Get or set the URL of the episode's JSON chapters file."""
        if podcast_chapters is not None:
            self._chapters_url = _checked_url(podcast_chapters, "podcast:chapters url")
        return self._chapters_url

    def podcast_person(self, podcast_person=None, replace=False):
        """Get or add the episode's people. They replace the show's people for this episode,
        so the regular host must be listed again next to a guest."""
        if podcast_person is not None:
            checked = tuple(_checked_person(person) for person in _as_list(podcast_person))
            self._persons = checked if replace else self._persons + checked
        return self._persons


# feedgen's iTunes extension, fixed -----------------------------------------------------


class _AppleExplicitAndImage:
    """itunes:explicit as True/False and itunes:image as any absolute URL, for the channel
    and for items alike (feedgen's setters refuse the first and drop the second)."""

    _explicit = None
    _image = None

    def itunes_explicit(self, itunes_explicit=None):
        """Get or set whether the show or episode has explicit content (Apple requires
        the tag on the show)."""
        if itunes_explicit is not None:
            self._explicit = _apple_explicit(itunes_explicit)
        return self._explicit

    def itunes_image(self, itunes_image=None):
        """Get or set the artwork's URL."""
        if itunes_image is not None:
            self._image = _apple_image(itunes_image)
        return self._image


class AppleItunesExtension(_AppleExplicitAndImage, feedgen_itunes.PodcastExtension):
    """feedgen's iTunes channel extension, brought up to Apple's current requirements:

    - itunes:explicit is written "true"/"false" (feedgen: only "yes", "no", "clean");
    - itunes:image keeps any absolute URL, where feedgen silently drops URLs that do not
      end in ".jpg" or ".png" (see _apple_image);
    - itunes:category only takes Apple's current categories (APPLE_CATEGORIES); feedgen
      takes anything and builds an XPath from the name.

    Register as "itunes": fg.register_extension("itunes", AppleItunesExtension,
    AppleItunesEntryExtension). https://podcasters.apple.com/support/823-podcast-requirements
    """

    def extend_rss(self, rss_feed):
        super().extend_rss(rss_feed)
        channel = rss_feed[0]
        if self._image:
            _add_tag(channel, _ITUNES["image"], None, {"href": self._image})
        if self._explicit is not None:
            _add_tag(channel, _ITUNES["explicit"], _true_or_false(self._explicit))
        return rss_feed

    def itunes_category(self, itunes_category=None, replace=False, **kwargs):
        """Get or set categories as {"cat": ..., "sub": ...} dicts (or keyword arguments),
        checked against Apple's list. feedgen's older call with a category name and a
        subcategory in `replace` is refused: it is deprecated and easy to misread."""
        categories = itunes_category if itunes_category is not None else kwargs or None
        if categories is not None:
            for category in categories if isinstance(categories, list) else [categories]:
                if not isinstance(category, dict):
                    raise ValueError(
                        'itunes:category takes {"cat": category, "sub": subcategory} '
                        f"dicts, not {category!r}"
                    )
                check_apple_category(category.get("cat"), category.get("sub"))
        return super().itunes_category(itunes_category, replace, **kwargs)


class AppleItunesEntryExtension(_AppleExplicitAndImage, feedgen_itunes_entry.PodcastEntryExtension):
    """feedgen's iTunes item extension, brought up to Apple's current requirements:

    - itunes:explicit is written "true"/"false";
    - itunes:image keeps any absolute URL (feedgen refuses all but ".jpg"/".png" ends);
    - itunes:duration is a whole number of seconds, as Apple asks; feedgen also passes
      "HH:MM:SS" strings and any digits through;
    - itunes:episode and itunes:season are whole numbers from 1: feedgen's int() turns
      2.9 into 2 and True into 1, and its extend_rss leaves out 0 without a word.

    These six tags, written in every item, are kept and written here; feedgen's own
    extend_rss still writes the others (author, block, subtitle...) when they are set.
    """

    # Class-level defaults rather than more work in __init__: feedgen makes one per item.
    _duration = None
    _season = None
    _episode = None
    _episode_type = None

    def extend_rss(self, entry):
        super().extend_rss(entry)
        if self._image:
            _add_tag(entry, _ITUNES["image"], None, {"href": self._image})
        if self._duration is not None:
            _add_tag(entry, _ITUNES["duration"], str(self._duration))
        if self._explicit is not None:
            _add_tag(entry, _ITUNES["explicit"], _true_or_false(self._explicit))
        if self._episode_type:
            _add_tag(entry, _ITUNES["episodeType"], self._episode_type)
        if self._season is not None:
            _add_tag(entry, _ITUNES["season"], str(self._season))
        if self._episode is not None:
            _add_tag(entry, _ITUNES["episode"], str(self._episode))
        return entry

    def itunes_duration(self, itunes_duration=None):
        """Get or set the episode's length in whole seconds."""
        if itunes_duration is not None:
            self._duration = _checked_count(itunes_duration, "itunes:duration (seconds)", 0)
        return self._duration

    def itunes_season(self, itunes_season=None):
        """Get or set the season number (Apple: a non-zero integer)."""
        if itunes_season is not None:
            self._season = _checked_count(itunes_season, "itunes:season", 1)
        return self._season

    def itunes_episode(self, itunes_episode=None):
        """Get or set the episode number (Apple: a non-zero integer)."""
        if itunes_episode is not None:
            self._episode = _checked_count(itunes_episode, "itunes:episode", 1)
        return self._episode

    def itunes_episode_type(self, itunes_episode_type=None):
        """Get or set whether the episode is a full one, a trailer or a bonus."""
        if itunes_episode_type is not None:
            self._episode_type = _checked_choice(
                itunes_episode_type, EPISODE_TYPES, "itunes:episodeType"
            )
        return self._episode_type


# Building the feed ---------------------------------------------------------------------


def build_feed(show, episodes):
    """The show's RSS 2.0 feed as UTF-8 bytes, with the episodes in the order given
    (newest first). A value Apple or the Podcasting 2.0 namespace would not accept
    raises ValueError, naming the episode it belongs to."""
    feed = FeedGenerator()
    feed.register_extension("itunes", AppleItunesExtension, AppleItunesEntryExtension)
    feed.register_extension("podcast", PodcastExtension, PodcastEntryExtension)
    _describe_show(feed, show)
    for episode in episodes:
        _add_episode(feed, show, episode)
    return feed.rss_str(pretty=False)


def bare_feedgen_build(show, episodes):
    """The same entries built with feedgen as it comes, with its own iTunes extension and
    none of this module's checks, fixes or Podcasting 2.0 tags: the baseline a full
    rebuild of a feed (build_feed() plus reading the pages) is measured against."""
    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.title(show.title)
    feed.link(href=show.link)
    feed.description(show.description)
    feed.language(show.language)
    feed.podcast.itunes_author(show.author)
    feed.podcast.itunes_owner(name=show.owner_name, email=show.owner_email)
    feed.podcast.itunes_explicit("yes" if show.explicit else "no")
    feed.podcast.itunes_type(show.show_type)
    for episode in episodes:
        entry = feed.add_entry(order="append")
        entry.title(episode.title)
        entry.link(href=episode.link)
        entry.description(episode.summary or episode.description_html)
        entry.content(episode.description_html, type="CDATA")
        entry.guid(episode.guid, permalink=False)
        entry.enclosure(
            episode.enclosure_url, str(episode.enclosure_length), episode.enclosure_type
        )
        entry.pubDate(episode.pub_date)
        entry.podcast.itunes_duration(episode.duration_seconds)
        entry.podcast.itunes_explicit("yes" if episode.explicit else "no")
        entry.podcast.itunes_episode_type(episode.episode_type)
        if episode.episode_number:
            entry.podcast.itunes_episode(episode.episode_number)
        if episode.season_number:
            entry.podcast.itunes_season(episode.season_number)
    return feed.rss_str(pretty=False)


def _describe_show(feed, show):
    feed.title(_checked_text(show.title, "show title"))
    # feedgen writes the channel <link> from the link added last, whatever its rel, so
    # the self link goes first and the show page last.
    feed.link(href=_checked_url(show.feed_url, "feed URL"), rel="self", type="application/rss+xml")
    feed.link(href=_checked_url(show.link, "show link"), rel="alternate")
    feed.description(_checked_text(show.description, "show description"))
    feed.language(_checked_language(show.language, "show language"))
    feed.lastBuildDate(_checked_aware(show.last_build_date, "lastBuildDate"))
    feed.image(url=_apple_image(show.artwork_url), title=show.title, link=show.link)
    if show.copyright:
        feed.copyright(show.copyright)
    if show.ttl is not None:
        feed.ttl(_checked_count(show.ttl, "ttl (minutes)", 1))
    _describe_show_for_apple(feed.itunes, show)
    podcast = feed.podcast
    podcast.podcast_guid(show.guid)
    podcast.podcast_locked(show.locked, owner=show.owner_email)
    podcast.podcast_person(show.persons)


def _describe_show_for_apple(itunes, show):
    """Apple's required channel tags (image, category, explicit) and the recommended ones
    (author, owner), with itunes:type, which serial shows must give."""
    itunes.itunes_image(show.artwork_url)
    category = {"cat": show.apple_category}
    if show.apple_subcategory:
        category["sub"] = show.apple_subcategory
    itunes.itunes_category(category)
    itunes.itunes_explicit(show.explicit)
    itunes.itunes_author(_checked_text(show.author, "itunes:author"))
    # feedgen drops the owner without a word when both are blank.
    itunes.itunes_owner(
        name=_checked_text(show.owner_name, "itunes:owner name"),
        email=_checked_email(show.owner_email, "itunes:owner email"),
    )
    itunes.itunes_type(_checked_choice(show.show_type, SHOW_TYPES, "itunes:type"))


def _add_episode(feed, show, episode):
    try:
        entry = feed.add_entry(order="append")  # feedgen prepends by default
        _describe_episode(entry, show, episode)
    except ValueError as error:
        raise ValueError(f"episode {episode.guid!r}: {error}") from error


def _describe_episode(entry, show, episode):
    # isPermaLink="false": the guid names the episode, it is not where to find it.
    entry.guid(_checked_text(episode.guid, "guid"), permalink=False)
    entry.title(_checked_text(episode.title, "episode title"))
    entry.link(href=_checked_url(episode.link, "episode link"))
    _add_show_notes(entry, episode)
    entry.pubDate(_checked_aware(episode.pub_date, "pubDate"))
    _add_enclosure(entry, episode)
    _describe_episode_for_apple(entry.itunes, show, episode)
    podcast = entry.podcast
    if episode.transcripts:
        podcast.podcast_transcript(episode.transcripts)
    if episode.chapters_url:
        podcast.podcast_chapters(episode.chapters_url)
    if episode.persons:
        podcast.podcast_person(episode.persons)


def _add_show_notes(entry, episode):
    """The show notes go in content:encoded, where apps look for rich text; <description>
    carries the plain summary, or the notes themselves when there is none. The HTML is
    kept readable in CDATA, as Apple asks (lxml splits the section if the notes hold
    "]]>")."""
    if episode.summary:
        entry.description(episode.summary)
    if episode.description_html:
        entry.content(episode.description_html, type="CDATA")
    elif not episode.summary:
        raise ValueError("an episode needs show notes or a summary")


def _add_enclosure(entry, episode):
    """The audio file: Apple reads its url, its length in bytes and its type."""
    url = _checked_url(episode.enclosure_url, "enclosure url")
    length = _checked_count(episode.enclosure_length, "enclosure length (bytes)", 0)
    media_type = _checked_choice(episode.enclosure_type, ENCLOSURE_TYPES, "enclosure type")
    entry.enclosure(url, str(length), media_type)


def _describe_episode_for_apple(itunes, show, episode):
    itunes.itunes_duration(episode.duration_seconds)
    itunes.itunes_explicit(episode.explicit)
    itunes.itunes_episode_type(episode.episode_type)
    if episode.episode_number is not None:
        itunes.itunes_episode(episode.episode_number)
    elif show.show_type == "serial" and episode.episode_type == "full":
        # Apple orders a serial show by these numbers.
        raise ValueError("itunes:episode is required for full episodes of a serial show")
    if episode.season_number is not None:
        itunes.itunes_season(episode.season_number)
    if episode.itunes_title:
        itunes.itunes_title(episode.itunes_title)
    if episode.artwork_url:
        itunes.itunes_image(episode.artwork_url)
