"""The demo portal's pages, in English. Their translations are PO catalogues in
`translations/`, applied through wagtail-localize exactly as a translator's would be."""

CONTACT = {
    "heading": "Talk to a counsellor",
    "phone": "+33 1 40 00 39 49",
    "opening_hours": "Monday to Friday, 8:30 to 17:00",
    "office_finder_url": "https://www.example.org/find-an-office",
    "office_finder_label": "Find your nearest office",
    "note": "Interpreters are available on request, free of charge.",
}

HOME = {
    "title": "Home",
    "heading": "Find work, get support, learn new skills",
    "intro": (
        "<p>Guidance in plain language, a weekly podcast, live webinars and small online "
        "tools from your public employment service. Free for everyone.</p>"
    ),
}


def _paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


# Sections linked from the home page, in order: (slug, entry-point title, summary, page)
SECTIONS = [
    (
        "guidance",
        "Guidance",
        "Step-by-step help: registering, writing a CV, interviews, benefits and training.",
        {
            "title": "Guidance",
            "intro": "Clear answers to the questions jobseekers and employers ask us most.",
            "body": [
                _paragraph(
                    "Each guide explains one task from start to finish, in short steps. "
                    "Many guides have an easy-read version."
                ),
                ("heading", {"text": "Popular topics", "level": "h2"}),
                _paragraph(
                    "Registering as a jobseeker, writing a CV, preparing for a video "
                    "interview, unemployment benefits, the hidden job market."
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "title": "Not sure where to start?",
                        "text": "<p>Call a counsellor. We will find the right guide with you.</p>",
                    },
                ),
            ],
        },
    ),
    (
        "podcast",
        "Podcast",
        "Work Matters: a new one-hour episode every Monday, with transcripts.",
        {
            "title": "Podcast",
            "intro": "Work Matters is our weekly podcast for jobseekers and employers.",
            "body": [
                _paragraph(
                    "A new episode comes out every Monday morning. Every episode has a full "
                    "transcript, so you can read it instead of listening."
                ),
                _paragraph(
                    "Listen here in your browser, or subscribe in the podcast app on your phone."
                ),
            ],
        },
    ),
    (
        "webinars",
        "Webinars",
        "Join a live session, ask your questions, or watch a replay.",
        {
            "title": "Webinars",
            "intro": "Live online sessions with our specialists, on more than 60 subjects.",
            "body": [
                _paragraph(
                    "Register with just a display name. You can ask questions in the chat, "
                    "anonymously if you prefer."
                ),
                _paragraph(
                    "Missed a session? Replays come with captions and the questions that "
                    "were answered live."
                ),
            ],
        },
    ),
    (
        "online-services",
        "Online services",
        "Small tools built by our staff: find companies that are hiring, choose a training.",
        {
            "title": "Online services",
            "intro": "Small online tools built by our own teams, tested with jobseekers.",
            "body": [
                _paragraph(
                    "Seven in ten vacancies are never advertised. Our tools help you find "
                    "companies likely to hire, and trainings that lead back to work."
                ),
                _paragraph("Every tool is reviewed regularly. Tell us which tool you are missing."),
            ],
        },
    ),
]

# Pages linked from the footer of every page: (slug, page)
FOOTER_PAGES = [
    (
        "about",
        {
            "title": "About the portal",
            "intro": "The portal is run by the public employment service.",
            "body": [
                _paragraph(
                    "We publish guidance, a podcast and webinars to help people find work, "
                    "and to help employers find staff."
                ),
                _paragraph("Our content is available in six languages."),
            ],
        },
    ),
    (
        "privacy",
        {
            "title": "Your privacy",
            "intro": "We collect as little personal data as possible.",
            "body": [
                _paragraph(
                    "You can read, listen and search without an account. We do not use "
                    "advertising or tracking cookies."
                ),
                _paragraph(
                    "Our statistics never store your IP address. Personal data that you give "
                    "us, for example to register for a webinar, is deleted on a fixed schedule."
                ),
                _paragraph(
                    "You can ask for a copy of the data we hold on you, or ask us to erase "
                    "it, at any time."
                ),
            ],
        },
    ),
    (
        "accessibility",
        {
            "title": "Accessibility statement",
            "intro": "We want everyone to be able to use this portal.",
            "body": [
                _paragraph(
                    "The portal aims to meet the Web Content Accessibility Guidelines (WCAG) "
                    "2.2 at level AA. It works on small screens and without JavaScript."
                ),
                _paragraph(
                    "If something does not work for you, call a counsellor and tell us. "
                    "We will help you and fix the problem."
                ),
            ],
        },
    ),
]
