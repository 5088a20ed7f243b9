"""The podcast feed, read back the way podcast apps read it.

Each feed is parsed by feedparser and by podcastparser (gPodder's parser), the two
podcast-client parsers the project tests against, and by lxml where neither exposes a
tag: feedparser 6 maps itunes:explicit "true"/"false" to None, and podcastparser 0.6
only knows the Podcasting 2.0 namespace under its old GitHub address.

Pure tests: no database.
"""

import io
import uuid
from dataclasses import FrozenInstanceError, replace
from datetime import UTC, datetime, timedelta, timezone

import feedparser
import podcastparser
import pytest
from feedgen.ext.podcast import PodcastExtension as FeedgenItunesExtension
from feedgen.ext.podcast_entry import PodcastEntryExtension as FeedgenItunesEntryExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from podcasts.feed import (
    APPLE_CATEGORIES,
    APPLE_CATEGORY_SEPARATOR,
    ITUNES_NS,
    PODCAST_NS,
    AppleItunesEntryExtension,
    AppleItunesExtension,
    EpisodeFeedData,
    PersonData,
    PodcastEntryExtension,
    PodcastExtension,
    ShowFeedData,
    TranscriptData,
    apple_category_choices,
    bare_feedgen_build,
    build_feed,
    podcast_guid_for,
    split_apple_category,
)

ITUNES = f"{{{ITUNES_NS}}}"
PODCAST = f"{{{PODCAST_NS}}}"
BRUSSELS = timezone(timedelta(hours=1))
SITE = "https://emploi.example"
FEED_URL = f"{SITE}/fr/podcast/feed.xml"
# A Wagtail rendition URL: feedgen's own iTunes extension drops it without a word.
SHOW_ARTWORK = f"{SITE}/media/images/art.2e16d0ba.fill-1400x1400.format-jpeg.jpg?x=1"
# No extension at all, as an image served by a view.
EPISODE_ARTWORK = f"{SITE}/images/Zm9vYmFy/42/fill-1400x1400/"


def make_show(**changes):
    show = ShowFeedData(
        title="Emploi & vous",
        link=f"{SITE}/fr/podcast/",
        feed_url=FEED_URL,
        description="Conseils pour trouver un emploi, chaque semaine.",
        language="fr",
        artwork_url=SHOW_ARTWORK,
        apple_category="Business",
        apple_subcategory="Careers",
        explicit=False,
        author="Service public de l'emploi",
        owner_name="Équipe podcast",
        owner_email="podcast@emploi.example",
        show_type="serial",
        copyright="© 2025 Service public de l'emploi",
        guid=podcast_guid_for(FEED_URL),
        locked=True,
        persons=[PersonData("Anne Martin", href=f"{SITE}/fr/equipe/anne/")],
        last_build_date=datetime(2025, 3, 14, 9, 30, tzinfo=BRUSSELS),
        ttl=60,
    )
    return replace(show, **changes)


def make_episode(number, **changes):
    episode = EpisodeFeedData(
        guid=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{SITE}/episode/{number}')}",
        title=f"Épisode {number} : préparer un entretien",
        link=f"{SITE}/fr/podcast/episode-{number}/",
        description_html=f'<p>Dans l’épisode {number}, <a href="{SITE}/fr/">nos conseils</a>.</p>',
        summary=f"Résumé de l'épisode {number}.",
        pub_date=datetime(2025, 1, 1, 8, 0, tzinfo=BRUSSELS) + timedelta(weeks=number),
        enclosure_url=f"{SITE}/media/podcasts/episode-{number}.mp3",
        enclosure_length=20_000_000 + number,
        enclosure_type="audio/mpeg",
        duration_seconds=1_500 + number,
        episode_number=number,
        season_number=1,
        episode_type="full",
        explicit=False,
    )
    return replace(episode, **changes)


@pytest.fixture
def show():
    return make_show()


@pytest.fixture
def episodes():
    """Newest first: a full episode with every Podcasting 2.0 extra, an explicit bonus
    episode with its own artwork, and the season's trailer, which has no number."""
    full = make_episode(
        3,
        itunes_title="Préparer un entretien",
        transcripts=[
            (f"{SITE}/media/podcasts/episode-3.vtt", "text/vtt", "fr", "captions"),
            TranscriptData(f"{SITE}/media/podcasts/episode-3.srt", "application/x-subrip", "nl"),
        ],
        chapters_url=f"{SITE}/fr/podcast/episode-3/chapters.json",
        persons=[
            PersonData("Anne Martin"),
            PersonData("Karim Benali", role="Guest", img=f"{SITE}/media/karim.jpg"),
        ],
    )
    bonus = make_episode(
        2,
        episode_type="bonus",
        explicit=True,
        artwork_url=EPISODE_ARTWORK,
        enclosure_type="audio/mp4",
        enclosure_url=f"{SITE}/media/podcasts/episode-2.m4a",
    )
    trailer = make_episode(1, episode_type="trailer", episode_number=None, duration_seconds=95)
    return [full, bonus, trailer]


@pytest.fixture
def feed(show, episodes):
    return build_feed(show, episodes)


@pytest.fixture
def gpodder(feed):
    """The feed as podcastparser (gPodder) reads it."""
    return podcastparser.parse(FEED_URL, io.BytesIO(feed))


@pytest.fixture
def reader(feed):
    """The feed as feedparser reads it."""
    parsed = feedparser.parse(feed)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.fixture
def channel(feed):
    return etree.fromstring(feed).find("channel")


def items_of(channel):
    return channel.findall("item")


def gpodder_episodes(gpodder, episodes):
    """podcastparser sorts episodes by date itself (oldest first for a serial show), so
    they are matched to the data by guid."""
    parsed = {episode["guid"]: episode for episode in gpodder["episodes"]}
    assert len(parsed) == len(episodes)
    return [parsed[episode.guid] for episode in episodes]


# The channel ---------------------------------------------------------------------------


def test_feed_is_utf8_rss_2_with_both_podcast_namespaces(feed):
    assert feed.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = etree.fromstring(feed)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    assert root.nsmap["itunes"] == "http://www.itunes.com/dtds/podcast-1.0.dtd"
    assert root.nsmap["podcast"] == "https://podcastindex.org/namespace/1.0"
    assert root.nsmap["content"] == "http://purl.org/rss/1.0/modules/content/"


def test_channel_as_gpodder_reads_it(gpodder, show):
    assert gpodder["title"] == show.title
    assert gpodder["link"] == show.link
    assert gpodder["description"] == show.description
    assert gpodder["language"] == "fr"
    assert gpodder["cover_url"] == SHOW_ARTWORK
    assert gpodder["itunes_categories"] == [["Business", "Careers"]]
    assert gpodder["itunes_author"] == show.author
    assert gpodder["itunes_owner"] == {"name": show.owner_name, "email": show.owner_email}
    assert gpodder["explicit"] is False
    assert gpodder["type"] == "serial"


def test_channel_as_feedparser_reads_it(reader, show):
    channel = reader.feed
    assert channel.title == show.title
    # feedgen writes <link> from the last link added, whatever its rel: it must be the
    # show page, not the feed.
    assert channel.link == show.link
    assert {"href": FEED_URL, "rel": "self", "type": "application/rss+xml"} in channel.links
    assert channel.language == "fr"
    assert channel.image.href == SHOW_ARTWORK
    assert channel.itunes_type == "serial"
    assert [tag.term for tag in channel.tags] == ["Business", "Careers"]
    assert channel.podcast_guid == show.guid
    assert channel.updated_parsed[:6] == (2025, 3, 14, 8, 30, 0)


def test_channel_carries_apples_required_tags(channel, show):
    assert channel.findtext(f"{ITUNES}explicit") == "false"
    assert channel.find(f"{ITUNES}image").get("href") == SHOW_ARTWORK
    [category] = channel.findall(f"{ITUNES}category")
    assert category.get("text") == "Business"
    assert [sub.get("text") for sub in category] == ["Careers"]
    owner = channel.find(f"{ITUNES}owner")
    assert owner.findtext(f"{ITUNES}name") == show.owner_name
    assert owner.findtext(f"{ITUNES}email") == show.owner_email
    assert channel.findtext(f"{ITUNES}author") == show.author
    assert channel.findtext(f"{ITUNES}type") == "serial"
    assert channel.findtext("copyright") == show.copyright
    assert channel.findtext("ttl") == "60"
    assert channel.findtext("lastBuildDate") == "Fri, 14 Mar 2025 09:30:00 +0100"


def test_channel_carries_podcasting_2_tags(channel, show):
    assert channel.findtext(f"{PODCAST}guid") == show.guid
    locked = channel.find(f"{PODCAST}locked")
    assert (locked.text, locked.get("owner")) == ("yes", show.owner_email)
    [person] = channel.findall(f"{PODCAST}person")
    assert person.text == "Anne Martin"
    # Role "host" and group "cast" are the tag's defaults, so they are left out.
    assert dict(person.attrib) == {"href": f"{SITE}/fr/equipe/anne/"}


def test_explicit_show_and_unlocked_feed():
    feed = build_feed(make_show(explicit=True, locked=False), [])
    channel = etree.fromstring(feed).find("channel")
    assert channel.findtext(f"{ITUNES}explicit") == "true"
    assert channel.findtext(f"{PODCAST}locked") == "no"


def test_category_without_subcategory():
    feed = build_feed(make_show(apple_category="History", apple_subcategory=None), [])
    assert podcastparser.parse(FEED_URL, io.BytesIO(feed))["itunes_categories"] == [["History"]]


# The episodes --------------------------------------------------------------------------


def test_episodes_keep_the_order_given(show):
    # Deliberately not by date: the feed must not reorder what it is given.
    given = [make_episode(number) for number in (5, 9, 2, 7)]
    feed = build_feed(show, given)
    guids = [episode.guid for episode in given]
    assert [item.findtext("guid") for item in items_of(etree.fromstring(feed)[0])] == guids
    assert [entry.id for entry in feedparser.parse(feed).entries] == guids
    # podcastparser reorders by date on its own, so it cannot see the feed's order.


def test_each_enclosure_as_apps_read_it(gpodder, reader, episodes):
    for parsed, episode in zip(gpodder_episodes(gpodder, episodes), episodes, strict=True):
        assert parsed["enclosures"] == [
            {
                "url": episode.enclosure_url,
                "file_size": episode.enclosure_length,
                "mime_type": episode.enclosure_type,
            }
        ]
    for entry, episode in zip(reader.entries, episodes, strict=True):
        [enclosure] = entry.enclosures
        assert enclosure.href == episode.enclosure_url
        assert enclosure.length == str(episode.enclosure_length)
        assert enclosure.type == episode.enclosure_type


def test_guids_are_permanent_and_not_links(gpodder, reader, channel, episodes):
    assert {e["guid"] for e in gpodder["episodes"]} == {e.guid for e in episodes}
    assert [entry.id for entry in reader.entries] == [e.guid for e in episodes]
    assert all(entry.guidislink is False for entry in reader.entries)
    assert {item.find("guid").get("isPermaLink") for item in items_of(channel)} == {"false"}


def test_durations_are_whole_seconds(gpodder, channel, episodes):
    parsed = gpodder_episodes(gpodder, episodes)
    assert [e["total_time"] for e in parsed] == [1503, 1502, 95]
    assert [item.findtext(f"{ITUNES}duration") for item in items_of(channel)] == [
        str(episode.duration_seconds) for episode in episodes
    ]


def test_explicit_is_true_or_false_per_episode(gpodder, channel, episodes):
    parsed = gpodder_episodes(gpodder, episodes)
    assert [e["explicit"] for e in parsed] == [False, True, False]
    assert [item.findtext(f"{ITUNES}explicit") for item in items_of(channel)] == [
        "false",
        "true",
        "false",
    ]


def test_episode_types_seasons_and_numbers(gpodder, reader, channel, episodes):
    parsed = gpodder_episodes(gpodder, episodes)
    assert [(e["type"], e["season"], e.get("number")) for e in parsed] == [
        ("full", 1, 3),
        ("bonus", 1, 2),
        ("trailer", 1, None),
    ]
    assert [entry.itunes_episodetype for entry in reader.entries] == ["full", "bonus", "trailer"]
    trailer = items_of(channel)[2]
    assert trailer.find(f"{ITUNES}episode") is None
    assert items_of(channel)[0].findtext(f"{ITUNES}title") == "Préparer un entretien"


def test_dates_titles_and_links(gpodder, reader, episodes):
    for parsed, episode in zip(gpodder_episodes(gpodder, episodes), episodes, strict=True):
        assert parsed["title"] == episode.title
        assert parsed["link"] == episode.link
        assert parsed["published"] == int(episode.pub_date.timestamp())
    assert reader.entries[0].published == "Wed, 22 Jan 2025 08:00:00 +0100"


def test_show_notes_and_summary(gpodder, reader, channel, episodes):
    first = gpodder_episodes(gpodder, episodes)[0]
    assert first["description"] == episodes[0].summary
    assert first["description_html"] == episodes[0].description_html
    assert reader.entries[0].summary == episodes[0].summary
    assert reader.entries[0].content[0].value == episodes[0].description_html
    assert items_of(channel)[0].findtext("description") == episodes[0].summary


def test_show_notes_are_cdata_even_when_they_contain_its_end(show):
    plain = make_episode(1, description_html="<p>Un <b>conseil</b></p>")
    awkward = make_episode(2, description_html="<p>a ]]> b</p>", summary="")
    feed = build_feed(show, [plain, awkward])
    assert b"<![CDATA[<p>Un <b>conseil</b></p>]]>" in feed
    parsed = gpodder_episodes(podcastparser.parse(FEED_URL, io.BytesIO(feed)), [plain, awkward])
    assert parsed[0]["description_html"] == "<p>Un <b>conseil</b></p>"
    assert parsed[1]["description_html"] == "<p>a ]]> b</p>"
    # Without a summary the notes are the description, and there is no content:encoded.
    item = items_of(etree.fromstring(feed)[0])[1]
    assert item.findtext("description") == "<p>a ]]> b</p>"
    assert item.find("{http://purl.org/rss/1.0/modules/content/}encoded") is None


def test_artwork_url_without_image_extension_is_kept(gpodder, channel, episodes):
    assert gpodder_episodes(gpodder, episodes)[1]["episode_art_url"] == EPISODE_ARTWORK
    assert items_of(channel)[1].find(f"{ITUNES}image").get("href") == EPISODE_ARTWORK
    assert items_of(channel)[0].find(f"{ITUNES}image") is None


def test_transcripts_chapters_and_people(channel, reader, episodes):
    item = items_of(channel)[0]
    assert [dict(t.attrib) for t in item.findall(f"{PODCAST}transcript")] == [
        {
            "url": f"{SITE}/media/podcasts/episode-3.vtt",
            "type": "text/vtt",
            "language": "fr",
            "rel": "captions",
        },
        {
            "url": f"{SITE}/media/podcasts/episode-3.srt",
            "type": "application/x-subrip",
            "language": "nl",
        },
    ]
    chapters = item.find(f"{PODCAST}chapters")
    assert dict(chapters.attrib) == {
        "url": episodes[0].chapters_url,
        "type": "application/json+chapters",
    }
    people = [(p.text, dict(p.attrib)) for p in item.findall(f"{PODCAST}person")]
    assert people == [
        ("Anne Martin", {}),
        ("Karim Benali", {"role": "guest", "img": f"{SITE}/media/karim.jpg"}),
    ]
    # feedparser keeps the attributes of the last tag of each name.
    assert reader.entries[0].podcast_chapters["url"] == episodes[0].chapters_url
    assert reader.entries[0].podcast_transcript["type"] == "application/x-subrip"
    for other in items_of(channel)[1:]:
        assert other.find(f"{PODCAST}transcript") is None
        assert other.find(f"{PODCAST}chapters") is None
        assert other.find(f"{PODCAST}person") is None


def test_bare_build_has_the_same_items_with_feedgens_own_tags_only(show, episodes):
    bare = etree.fromstring(bare_feedgen_build(show, episodes))
    assert set(bare.nsmap) == {"atom", "content", "itunes"}
    items = items_of(bare[0])
    assert [item.findtext("guid") for item in items] == [e.guid for e in episodes]
    assert [item.find("enclosure").get("url") for item in items] == [
        e.enclosure_url for e in episodes
    ]
    assert [item.findtext(f"{ITUNES}duration") for item in items] == [
        str(e.duration_seconds) for e in episodes
    ]
    assert not [el for el in bare.iter() if el.tag.startswith(PODCAST)]


# Refused values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"apple_category": "Careers", "apple_subcategory": None}, "not an Apple Podcasts cat"),
        ({"apple_category": "Games & Hobbies", "apple_subcategory": None}, "Games & Hobbies"),
        ({"apple_subcategory": "How To"}, "'How To' is not an Apple Podcasts subcategory"),
        ({"show_type": "daily"}, "itunes:type must be one of episodic, serial"),
        ({"explicit": "yes"}, "itunes:explicit must be True, False"),
        ({"last_build_date": datetime(2025, 3, 14, 9, 30)}, "lastBuildDate must be a timezone"),
        ({"language": "French"}, "show language must be a language code"),
        ({"link": "/fr/podcast/"}, "show link must be an absolute http"),
        ({"artwork_url": "art.jpg"}, "itunes:image must be an absolute http"),
        ({"owner_email": "podcast"}, "itunes:owner email must be an email address"),
        ({"author": " "}, "itunes:author must not be blank"),
        ({"guid": str(uuid.uuid4())}, "podcast:guid must be a UUIDv5"),
        ({"ttl": 0}, r"ttl \(minutes\) must be a whole number from 1"),
        ({"persons": [PersonData("Anne", role="star")]}, "role 'star' is not a role of group"),
        ({"persons": [PersonData("Anne", group="band")]}, "group 'band' is not in the Podcast"),
        ({"persons": [PersonData("A" * 129)]}, "at most 128 characters"),
    ],
)
def test_bad_show_values_are_refused(changes, message):
    with pytest.raises(ValueError, match=message):
        build_feed(make_show(**changes), [])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"episode_type": "x"}, "itunes:episodeType must be one of full, trailer, bonus"),
        ({"enclosure_length": -1}, r"enclosure length \(bytes\) must be a whole number from 0"),
        ({"enclosure_length": 12.5}, "enclosure length"),
        ({"enclosure_type": "audio/wav"}, "enclosure type must be one of"),
        ({"enclosure_url": "episode-4.mp3"}, "enclosure url must be an absolute http"),
        ({"pub_date": datetime(2025, 1, 1, 8, 0)}, "pubDate must be a timezone-aware datetime"),
        ({"duration_seconds": "0:25:03"}, "itunes:duration"),
        ({"duration_seconds": -5}, "itunes:duration"),
        ({"episode_number": 0}, "itunes:episode must be a whole number from 1"),
        ({"season_number": True}, "itunes:season must be a whole number from 1"),
        ({"season_number": 2.0}, "itunes:season"),
        ({"explicit": "clean"}, "itunes:explicit"),
        ({"title": ""}, "episode title must not be blank"),
        ({"guid": "   "}, "guid must not be blank"),
        ({"description_html": "", "summary": ""}, "show notes or a summary"),
        ({"artwork_url": "cover.png"}, "itunes:image must be an absolute http"),
        ({"chapters_url": "chapters.json"}, "podcast:chapters url"),
        ({"transcripts": [(f"{SITE}/t.txt", "text/rtf")]}, "podcast:transcript type"),
        ({"transcripts": [(f"{SITE}/t.vtt", "text/vtt", "fr", "subs")]}, "rel must be one of"),
        ({"transcripts": [(f"{SITE}/t.vtt", "text/vtt", "français")]}, "language must be a"),
        ({"persons": [PersonData("Karim", href="karim.example")]}, "podcast:person href"),
        ({"persons": [PersonData("")]}, "podcast:person name must not be blank"),
    ],
)
def test_bad_episode_values_are_refused_naming_the_episode(show, changes, message):
    episode = make_episode(4, **changes)
    with pytest.raises(ValueError, match=message) as raised:
        build_feed(show, [make_episode(5), episode])
    assert str(raised.value).startswith(f"episode {episode.guid!r}: ")


def test_full_episodes_of_a_serial_show_need_a_number(show):
    with pytest.raises(ValueError, match="itunes:episode is required for full episodes"):
        build_feed(show, [make_episode(1, episode_number=None)])
    episodic = build_feed(
        replace(show, show_type="episodic"), [make_episode(1, episode_number=None)]
    )
    assert podcastparser.parse(FEED_URL, io.BytesIO(episodic))["episodes"][0].get("number") is None


# The extensions on their own -----------------------------------------------------------


def test_podcast_extension_registers_on_a_plain_feedgen_feed():
    fg = FeedGenerator()
    fg.register_extension("podcast", PodcastExtension, PodcastEntryExtension)
    fg.title("Show")
    fg.link(href=f"{SITE}/")
    fg.description("About")
    fg.podcast.podcast_guid(podcast_guid_for(FEED_URL).upper())
    fg.podcast.podcast_locked(False)
    entry = fg.add_entry()
    entry.title("One")
    entry.podcast.podcast_transcript(TranscriptData(f"{SITE}/1.vtt", "text/vtt"))
    entry.podcast.podcast_person(("Lea", "Narrator"))
    entry.podcast.podcast_person([("Tom", "guest")], replace=True)
    channel = etree.fromstring(fg.rss_str()).find("channel")
    assert channel.findtext(f"{PODCAST}guid") == podcast_guid_for(FEED_URL)
    assert channel.find(f"{PODCAST}locked").attrib == {}
    item = channel.find("item")
    assert [(p.text, p.get("role")) for p in item.findall(f"{PODCAST}person")] == [("Tom", "guest")]
    assert item.find(f"{PODCAST}transcript").attrib == {"url": f"{SITE}/1.vtt", "type": "text/vtt"}


def test_feedgens_own_itunes_extension_still_needs_these_fixes():
    """When this fails, feedgen has fixed its iTunes extension: the overrides in
    AppleItunesExtension and AppleItunesEntryExtension can then be reconsidered."""
    channel, entry = FeedgenItunesExtension(), FeedgenItunesEntryExtension()
    with pytest.raises(ValueError):
        channel.itunes_explicit("true")
    channel.itunes_image(SHOW_ARTWORK)
    assert channel.itunes_image() is None  # dropped without a word
    entry.itunes_season(0)
    item = entry.extend_rss(etree.Element("item"))
    assert item.find(f"{ITUNES}season") is None  # a season 0 vanishes


def test_fixed_itunes_extensions_keep_what_feedgen_loses():
    channel = AppleItunesExtension()
    channel.itunes_image(SHOW_ARTWORK)
    channel.itunes_explicit("true")
    assert (channel.itunes_image(), channel.itunes_explicit()) == (SHOW_ARTWORK, True)
    entry = AppleItunesEntryExtension()
    entry.itunes_duration(0)
    entry.itunes_author("Anne Martin")  # still handled by feedgen's own extend_rss
    item = entry.extend_rss(etree.Element("item"))
    assert item.findtext(f"{ITUNES}duration") == "0"
    assert item.findtext(f"{ITUNES}author") == "Anne Martin"
    with pytest.raises(ValueError, match="itunes:category takes"):
        channel.itunes_category("Business", "Careers")
    with pytest.raises(ValueError, match="'Podcasting' is not an Apple Podcasts category"):
        channel.itunes_category(cat="Podcasting")
    with pytest.raises(ValueError, match="not an Apple Podcasts subcategory of 'Technology'"):
        channel.itunes_category([{"cat": "Technology", "sub": "Podcasting"}])
    assert channel.itunes_category() is None
    channel.itunes_category(cat="Technology")
    assert channel.itunes_category() == [{"cat": "Technology"}]


# Categories and identifiers ------------------------------------------------------------


def test_apple_categories_are_apples_current_list():
    assert len(APPLE_CATEGORIES) == 19
    assert sum(len(subcategories) for subcategories in APPLE_CATEGORIES.values()) == 91
    assert APPLE_CATEGORIES["Business"] == (
        "Careers",
        "Entrepreneurship",
        "Investing",
        "Management",
        "Marketing",
        "Non-Profit",
    )
    assert APPLE_CATEGORIES["Education"] == (
        "Courses",
        "How To",
        "Language Learning",
        "Self-Improvement",
    )
    assert APPLE_CATEGORIES["Government"] == ()
    assert "News" in APPLE_CATEGORIES
    for retired in ("Games & Hobbies", "Government & Organizations", "Science & Medicine"):
        assert retired not in APPLE_CATEGORIES


def test_category_choices_cover_every_category_and_round_trip():
    choices = apple_category_choices()
    values = [value for value, _label in choices]
    assert len(choices) == 19 + 91
    assert len(set(values)) == len(values)
    assert ("Business", "Business") in choices
    assert ("Business › Careers", "Business › Careers") in choices
    assert values.index("Business") < values.index("Business › Careers")
    for value in values:
        category, subcategory = split_apple_category(value)
        expected = category + (APPLE_CATEGORY_SEPARATOR + subcategory if subcategory else "")
        assert expected == value
    assert split_apple_category("Education › How To") == ("Education", "How To")
    assert split_apple_category("True Crime") == ("True Crime", None)
    with pytest.raises(ValueError, match="not an Apple Podcasts subcategory"):
        split_apple_category("Business › Podcasting")


def test_a_subcategory_choice_gives_the_nested_itunes_category():
    category, subcategory = split_apple_category("Society & Culture › Documentary")
    show = make_show(apple_category=category, apple_subcategory=subcategory)
    [top] = etree.fromstring(build_feed(show, [])).find("channel").findall(f"{ITUNES}category")
    assert (top.get("text"), [sub.get("text") for sub in top]) == (
        "Society & Culture",
        ["Documentary"],
    )


@pytest.mark.parametrize(
    ("feed_url", "guid"),
    [
        # The examples of the podcast:guid specification.
        ("mp3s.nashownotes.com/pc20rss.xml", "917393e3-1b1e-5cef-ace4-edaa54e1f810"),
        ("podnews.net/rss", "9b024349-ccf0-5f69-a609-6b82873eab3c"),
        ("https://podnews.net/rss/", "9b024349-ccf0-5f69-a609-6b82873eab3c"),
    ],
)
def test_podcast_guid_follows_the_specification(feed_url, guid):
    assert podcast_guid_for(feed_url) == guid


def test_feed_data_is_frozen_and_takes_plain_tuples():
    episode = make_episode(
        1,
        transcripts=[(f"{SITE}/1.vtt", "text/vtt")],
        persons=[("Karim Benali", "guest")],
    )
    assert episode.transcripts == (TranscriptData(f"{SITE}/1.vtt", "text/vtt"),)
    assert episode.persons == (PersonData("Karim Benali", "guest"),)
    with pytest.raises(FrozenInstanceError):
        episode.title = "Autre"
    assert hash(episode) == hash(
        make_episode(1, transcripts=episode.transcripts, persons=episode.persons)
    )


def test_dates_in_utc_are_written_as_given(show):
    episode = make_episode(1, pub_date=datetime(2025, 6, 1, 6, 0, tzinfo=UTC))
    item = etree.fromstring(build_feed(show, [episode])).find("channel/item")
    assert item.findtext("pubDate") == "Sun, 01 Jun 2025 06:00:00 +0000"
