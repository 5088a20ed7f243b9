"""The demo chat: the archived questions and answers of the past sessions, and the room of
the session that is live at load time.

Everyone who writes or votes is a registrant, as the chat's rules require
(`webinars/chat/store.py`), with a display name such as people type (a first name or a
nickname); none is a real person. Each message is in the language of its session. Each
archive has one anonymous question and one comment a moderator hid, and the live room one
question waiting for approval, so every state the pages show is in the demo.
"""

import datetime
from typing import NamedTuple

from django.db import transaction

from webinars.models import (
    ChatMessage,
    ChatParticipant,
    ChatRoom,
    ChatVote,
    MessageKind,
    MessageState,
    Registration,
    RegistrationStatus,
    SessionRating,
)


class Question(NamedTuple):
    author: str
    text: str
    answer: str = ""
    votes: int = 0
    anonymous: bool = False
    pinned: bool = False
    state: str = MessageState.VISIBLE


class Comment(NamedTuple):
    author: str
    text: str
    state: str = MessageState.VISIBLE


class Room(NamedTuple):
    peak_viewers: int
    messages: tuple
    ratings: tuple = ()


# Registrants who only read and vote, in every room.
VOTERS = [
    "Lena",
    "Karim",
    "Paulo",
    "Maja",
    "Ines",
    "Tuan",
    "Olga",
    "Sami",
    "Hanna",
    "Diego",
    "Aino",
    "Nour",
    "Piotr",
    "Emma",
]

HIDDEN = MessageState.HIDDEN

ROOMS = {
    "ask-us-anything-live": Room(
        peak_viewers=54,
        messages=(
            Comment("Ilyas", "Hello from Marseille!"),
            Question(
                "Ilyas",
                "I registered online yesterday. When will I hear about my first appointment?",
                answer="Within a week, by e-mail or text message. If you have heard nothing "
                "after ten days, call us and we will book it with you.",
                votes=6,
            ),
            Comment("Beatriz", "The sound is clear, thank you."),
            Question(
                "Sara M.",
                "Do I need to bring my last payslips to the first appointment?",
                votes=9,
                pinned=True,
            ),
            Question(
                "Joanna",
                "Can I register while I am still working my notice period?",
                votes=4,
                anonymous=True,
            ),
            Comment("Joanna", "Thanks for doing this live, it is easier than the phone."),
            Question(
                "Beatriz",
                "What happens if I miss my first appointment because of a job interview?",
                state=MessageState.PENDING,
            ),
        ),
    ),
    "the-hidden-job-market-replay": Room(
        peak_viewers=86,
        ratings=(5, 4, 5, 4, 5, 3, 4, 5),
        messages=(
            Question(
                "Nadia",
                "How do I contact a company that has not advertised a job? Phone or e-mail?",
                answer="Both work. Send a short e-mail to a named person with your CV, then "
                "call a week later if you hear nothing. Our guide on applications has a "
                "model you can adapt.",
                votes=9,
            ),
            Question(
                "Tom B.",
                "Does contacting companies directly count as job search for my unemployment "
                "benefit?",
                answer="Yes. Note who you contacted and when, and show it to your counsellor "
                "at your next appointment: applications nobody asked for count like "
                "answers to job ads.",
                votes=7,
                anonymous=True,
            ),
            Comment("Julie", "Thank you, this is really useful!"),
            Question(
                "Kofi",
                "I have no network in this city. Where do I start?",
                answer="With people you already know: former colleagues, classmates, "
                "neighbours. Then come to our employer events and job fairs, which are in "
                "this calendar. Many professional networks have free local groups too.",
                votes=5,
            ),
            Comment(
                "Best Jobs 24",
                "Earn 500 euros a day from home! Message me on WhatsApp.",
                state=HIDDEN,
            ),
            Question(
                "Marta",
                "Should my CV be different when nobody asked for it?",
                answer="Keep it to one page and add three lines at the top on what you could "
                "do for that company. A recruiter who did not ask for a CV reads it even "
                "faster.",
                votes=3,
            ),
            Question(
                "Ahmed",
                "Can my counsellor introduce me to employers?",
                answer="Yes. Counsellors know employers who are hiring and can pass on your "
                "profile with your consent. Ask at your next appointment, or call us.",
                votes=2,
            ),
            Comment("Kofi", "Great slides, thanks."),
        ),
    ),
    "financer-sa-formation": Room(
        peak_viewers=41,
        ratings=(5, 5, 4, 4, 5, 3),
        messages=(
            Question(
                "Camille",
                "Est-ce que je garde mon allocation chômage pendant une formation ?",
                answer="Oui, si votre conseiller a validé la formation avant qu'elle "
                "commence. Votre allocation continue d'être versée, et elle peut être "
                "prolongée jusqu'à la fin de la formation.",
                votes=11,
            ),
            Question(
                "Yanis",
                "Je n'ai pas le bac : est-ce que j'ai droit à une formation financée ?",
                answer="Oui. Beaucoup de formations ne demandent aucun diplôme, et certaines "
                "préparent justement à un premier diplôme. Votre conseiller vous aide à "
                "choisir celle qui correspond à votre projet.",
                votes=6,
                anonymous=True,
            ),
            Comment(
                "Yanis",
                "Mon numéro est le 06 00 00 00 00, appelez-moi pour en parler.",
                state=HIDDEN,
            ),
            Question(
                "Sophie L.",
                "Combien de temps faut-il pour obtenir l'accord de financement ?",
                answer="Comptez deux à quatre semaines après l'envoi du devis de l'organisme "
                "de formation. Faites la demande au moins un mois avant le début.",
                votes=4,
            ),
            Question(
                "Mamadou",
                "Les frais de transport sont-ils remboursés ?",
                answer="Une aide aux déplacements existe si la formation est loin de chez "
                "vous. Demandez-la à votre conseiller avant le début : elle n'est pas "
                "versée après coup.",
                votes=2,
            ),
            Comment("Élodie", "Merci, c'est beaucoup plus clair maintenant !"),
        ),
    ),
    "working-after-50-replay": Room(
        peak_viewers=112,
        ratings=(4, 5, 5, 4, 3, 5, 4, 5, 5),
        messages=(
            Question(
                "Brigitte",
                "Should I leave my date of birth off my CV?",
                answer="Yes, you can: it is not needed on a CV. Describe the last 10 to 15 "
                "years of your experience in detail and sum up the rest in one line.",
                votes=12,
            ),
            Question(
                "Jan",
                "Is there any help for an employer who hires someone over 50?",
                answer="Yes. Employers can get a hiring aid when they take on a jobseeker "
                "aged 50 or over for six months or more. Mention it in your cover letter: "
                "our employer advisers explain the details to them.",
                votes=8,
            ),
            Comment("Rosa", "Very encouraging, thank you."),
            Question(
                "Patrick",
                "I was made redundant after 28 years. Do I lose my unemployment benefit if "
                "I take a part-time job?",
                answer="No. You can work part time and keep part of your benefit: declare "
                "your hours and pay each month, and the benefit is worked out on the rest. "
                "Your counsellor can give you an estimate.",
                votes=6,
                anonymous=True,
            ),
            Question(
                "Leena",
                "How do I answer “aren't you overqualified?” in a job interview?",
                answer="Say why this job interests you now, and show that you like to learn: "
                "mention a recent course or a new tool you use. Keep it short and positive.",
                votes=5,
            ),
            Comment(
                "Stefan",
                "Another useless session, the people who run this are idiots.",
                state=HIDDEN,
            ),
            Question(
                "Stefan",
                "Are computer courses free for jobseekers?",
                answer="Yes: basic digital skills courses are free for registered jobseekers, "
                "online or in our offices. See the digital skills sessions in this "
                "calendar, or ask your counsellor.",
                votes=3,
            ),
            Question(
                "Rosa",
                "Can I do a work placement at my age?",
                answer="Yes, there is no age limit. A placement of one to four weeks lets an "
                "employer see you at work, and you keep your benefit during it.",
                votes=1,
            ),
            Comment("Jan", "Will the slides be online?"),
        ),
    ),
    "green-jobs-in-ukrainian": Room(
        peak_viewers=38,
        ratings=(5, 5, 4, 5, 4),
        messages=(
            Question(
                "Оксана",
                "Чи можна навчитися на монтажника сонячних панелей, якщо я ще погано знаю мову?",
                answer="Так, деякі курси поєднують професійне навчання з мовними заняттями. "
                "Запишіться на консультацію: консультант підбере курс відповідно до вашого "
                "рівня мови.",
                votes=7,
            ),
            Question(
                "Андрій",
                "Чи зберігається допомога по безробіттю під час навчання?",
                answer="Так, якщо консультант погодив навчання до його початку. Допомогу "
                "виплачують протягом усього курсу.",
                votes=5,
                anonymous=True,
            ),
            Comment("Дмитро", "Продаю документи, пишіть в особисті.", state=HIDDEN),
            Question(
                "Ірина К.",
                "Чи визнають тут мій український диплом інженера?",
                answer="Зазвичай так. Подайте заяву на оцінювання диплома: це безкоштовно й "
                "триває кілька тижнів. Для деяких посад потрібне ще коротке додаткове "
                "навчання.",
                votes=4,
            ),
            Question(
                "Дмитро",
                "Які роботодавці зараз наймають на ремонт і утеплення будинків?",
                answer="Будівельні компанії, що роблять енергоефективний ремонт, шукають "
                "працівників цілий рік. Перегляньте вакансії в розділі «Будівництво» або "
                "запитайте свого консультанта.",
                votes=2,
            ),
            Comment("Ірина К.", "Дякую, дуже корисно!"),
        ),
    ),
    "apprenticeships-for-employers": Room(
        peak_viewers=57,
        ratings=(5, 4, 4, 5, 5, 4),
        messages=(
            Question(
                "Claire (bakery)",
                "Is there financial help for taking on an apprentice?",
                answer="Yes: a hiring aid is paid monthly during the first year of an "
                "apprenticeship contract, for employers with fewer than 250 staff. You "
                "apply online once the contract is registered; our employer advisers can "
                "check your case.",
                votes=10,
            ),
            Question(
                "Marco",
                "Who pays for the apprentice's training centre?",
                answer="The training costs are covered by the apprenticeship funding body, "
                "not by you. You pay the apprentice's wage, which depends on their age and "
                "year of training.",
                votes=6,
            ),
            Comment(
                "Marco",
                "Anyone selling a used van? Send me a message.",
                state=HIDDEN,
            ),
            Question(
                "Sven H.",
                "What if the apprenticeship does not work out?",
                answer="During the first weeks either side can end the contract freely. "
                "After that, talk to the training centre's mediator first: most "
                "difficulties are solved that way.",
                votes=4,
                anonymous=True,
            ),
            Question(
                "Aisha",
                "Can I take on an apprentice who is over 30?",
                answer="In some cases, yes: for example there is no upper age limit for "
                "people with a disability. Ask our employer advisers about a given "
                "candidate.",
                votes=3,
            ),
            Comment("Paul", "Great session. We will take on our first apprentice in September."),
        ),
    ),
}


def ensure_chat_demo(webinars, created, now):
    """Fill the chat of each demo session in `ROOMS` that has no chat room yet."""
    for page in webinars:
        room = ROOMS.get(page.slug)
        if room is None or ChatRoom.objects.filter(webinar=page).exists():
            continue
        with transaction.atomic():
            created.extend(_fill_room(page, room, now))


def _fill_room(page, room, now):
    chat = ChatRoom.objects.create(
        webinar=page,
        peak_viewers=room.peak_viewers,
        opened_at=page.starts_at - datetime.timedelta(minutes=15),
    )
    people = _participants(page, room)
    last = min(page.ends_at, now) - datetime.timedelta(minutes=1)
    moments = _moments(page.starts_at, last, len(room.messages))
    messages = [
        _message(page, people, item, when, last)
        for item, when in zip(room.messages, moments, strict=True)
    ]
    votes = _votes(people, messages)
    ratings = SessionRating.objects.bulk_create(
        SessionRating(
            webinar=page,
            rating=rating,
            created_at=page.ends_at + datetime.timedelta(minutes=1 + index),
        )
        for index, rating in enumerate(room.ratings)
    )
    return [chat, *people.values(), *messages, *votes, *ratings]


def _participants(page, room):
    """{display name: ChatParticipant}, each with a confirmed registration."""
    authors = dict.fromkeys(item.author for item in room.messages)
    people = {}
    for index, name in enumerate([*authors, *VOTERS]):
        registration = Registration.objects.create(
            webinar=page,
            display_name=name,
            language=page.session_language,
            status=RegistrationStatus.CONFIRMED,
            created_at=page.starts_at
            - datetime.timedelta(days=3)
            + datetime.timedelta(minutes=37 * index),
        )
        people[name] = ChatParticipant.objects.create(
            webinar=page,
            key=f"registration:{registration.key.hex}",
            registration=registration,
            display_name=name,
            joined_at=page.starts_at - datetime.timedelta(minutes=5),
        )
    return people


def _moments(start, last, count):
    """`count` times spread evenly from two minutes after `start` to `last`."""
    first = start + datetime.timedelta(minutes=2)
    step = (last - first) / max(count, 1)
    return [first + step * index for index in range(count)]


def _message(page, people, item, when, last):
    question = isinstance(item, Question)
    answered = question and bool(item.answer)
    return ChatMessage.objects.create(
        webinar=page,
        participant=people[item.author],
        kind=MessageKind.QUESTION if question else MessageKind.COMMENT,
        text=item.text,
        author_name=item.author,
        anonymous=question and item.anonymous,
        state=item.state,
        pinned=question and item.pinned,
        answered=answered,
        answer=item.answer if answered else "",
        answered_at=min(when + datetime.timedelta(minutes=3), last) if answered else None,
        votes=item.votes if question else 0,
        created_at=when,
    )


def _votes(people, messages):
    """One ChatVote per vote counted, from registrants other than the author."""
    votes = []
    for offset, message in enumerate(messages):
        voters = [person for person in people.values() if person.pk != message.participant_id]
        voters = voters[offset:] + voters[:offset]
        votes += [ChatVote(message=message, participant=p) for p in voters[: message.votes]]
    return ChatVote.objects.bulk_create(votes)
