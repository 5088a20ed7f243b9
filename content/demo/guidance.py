"""Demo guidance: topic areas, guidance pages and FAQ snippets, in English.

Data only, no Django imports: the demo loader turns these dictionaries into Wagtail pages and
snippets. Every string is kept short because it is translated into French and Arabic through
PO catalogues. Pages list the languages the demo translates them into in `translate_to`; pages
with fewer languages show the "not yet translated" notice. Pages with `easy_read` set get a
separate, simplified page built from `easy_read_body`.

Body blocks are `(block_type, value)` tuples: paragraph, heading, steps, checklist, callout,
faq, faq_snippet (the key of an entry in FAQS) and contact_counsellor."""

TOPICS = [
    ("registering", "Registering"),
    ("cv", "Writing a CV"),
    ("job-search", "Job search"),
    ("benefits", "Benefits"),
    ("training", "Training"),
    ("starting-a-business", "Starting a business"),
    ("digital-skills", "Digital skills"),
    ("interviews", "Job interviews"),
]

AUDIENCES = [
    ("jobseekers", "Jobseekers"),
    ("employers", "Employers"),
    ("young-people", "Young people"),
    ("over-50s", "Over-50s"),
    ("refugees-and-migrants", "Refugees and migrants"),
    ("people-with-disabilities", "People with disabilities"),
]

# Reusable FAQ snippets, placed on pages with ("faq_snippet", key).
FAQS = [
    {
        "key": "register-online-or-office",
        "question": "Can I register online, or do I have to come to an office?",
        "answer": (
            "<p>You can do both. Registering online takes about 20 minutes. If you prefer, "
            "a counsellor can register you at your local office.</p>"
        ),
        "topics": ["registering"],
    },
    {
        "key": "services-are-free",
        "question": "Do your services cost anything?",
        "answer": (
            "<p>No. Advice, workshops, webinars and the portal are free for jobseekers "
            "and employers.</p>"
        ),
        "topics": ["registering", "job-search"],
    },
    {
        "key": "free-interpreter",
        "question": "Can I have an interpreter?",
        "answer": (
            "<p>Yes. Ask for an interpreter when you book an appointment. It is free of charge.</p>"
        ),
        "topics": ["registering"],
    },
    {
        "key": "how-often-meet-counsellor",
        "question": "How often will I meet my counsellor?",
        "answer": (
            "<p>In most cases, once a month at first. You can agree on more meetings if you "
            "need them, in person, by phone or by video.</p>"
        ),
        "topics": ["registering", "job-search"],
    },
    {
        "key": "cv-length",
        "question": "How long should my CV be?",
        "answer": (
            "<p>One page is enough for most people. Use two pages only if you have long "
            "and relevant experience.</p>"
        ),
        "topics": ["cv"],
    },
    {
        "key": "cv-photo-and-age",
        "question": "Do I need a photo or my date of birth on my CV?",
        "answer": (
            "<p>No. Most employers do not need them. Leave them out unless the job advert "
            "asks for them.</p>"
        ),
        "topics": ["cv"],
    },
    {
        "key": "benefits-during-training",
        "question": "Can I keep my benefits while I am on a training course?",
        "answer": (
            "<p>In most cases, yes, if your counsellor agrees to the course before it starts. "
            "Always talk to your counsellor first.</p>"
        ),
        "topics": ["benefits", "training"],
    },
    {
        "key": "report-changes",
        "question": "What should I do if my situation changes?",
        "answer": (
            "<p>Tell us within a few days. For example, if you start work, move house or "
            "fall ill. This avoids paying money back later.</p>"
        ),
        "topics": ["benefits"],
    },
    {
        "key": "no-computer",
        "question": "I do not have a computer. Can I still use the portal?",
        "answer": (
            "<p>Yes. The portal works on a phone. Every office also has computers you can "
            "use for free, with staff to help you.</p>"
        ),
        "topics": ["digital-skills"],
    },
]


TOPIC_AREAS = [
    {
        "slug": "finding-work",
        "title": "Finding work",
        "intro": "Register, write your CV, prepare for interviews and find the jobs that suit you.",
        "pages": [
            {
                "slug": "registering-as-a-jobseeker",
                "title": "Registering as a jobseeker",
                "summary": "How to register with us, what you need, and what happens next.",
                "intro": (
                    "Registering is the first step to get advice, training and, in most cases, "
                    "benefits. It is free."
                ),
                "topics": ["registering"],
                "audiences": ["jobseekers"],
                "occupations": [],
                "owner": "Jobseeker services team",
                "review_months": 6,
                "easy_read": True,
                "translate_to": ["fr", "ar"],
                "body": [
                    (
                        "paragraph",
                        "<p>Register as soon as you know you will lose your job, or on your "
                        "first day without work. Registering late can delay your benefits.</p>",
                    ),
                    (
                        "checklist",
                        {
                            "title": "What you need",
                            "items": [
                                "An identity document or residence permit",
                                "Your bank details",
                                "Your last employment contract, if you have one",
                                "An e-mail address or a phone number",
                            ],
                        },
                    ),
                    (
                        "steps",
                        {
                            "title": "How to register",
                            "steps": [
                                {
                                    "title": "Fill in the online form",
                                    "text": "<p>Give your contact details, your training "
                                    "and the jobs you are looking for.</p>",
                                },
                                {
                                    "title": "Upload your documents",
                                    "text": "<p>A clear photo taken with your phone is enough.</p>",
                                },
                                {
                                    "title": "Book your first meeting",
                                    "text": "<p>Choose a date with a counsellor, at the office "
                                    "or by video.</p>",
                                },
                                {
                                    "title": "Meet your counsellor",
                                    "text": "<p>Together, you agree on a personal plan to "
                                    "find work.</p>",
                                },
                            ],
                        },
                    ),
                    ("faq_snippet", "register-online-or-office"),
                    ("faq_snippet", "free-interpreter"),
                    (
                        "contact_counsellor",
                        {
                            "text": "Stuck on the form? Call a counsellor and we will register "
                            "you by phone."
                        },
                    ),
                ],
                "easy_read_body": [
                    (
                        "paragraph",
                        "<p>You have no job. You want help. Sign up with us. It is free.</p>",
                    ),
                    (
                        "checklist",
                        {
                            "title": "Bring these things",
                            "items": [
                                "Your ID card or passport",
                                "Your bank card",
                                "Your phone",
                            ],
                        },
                    ),
                    (
                        "steps",
                        {
                            "title": "What to do",
                            "steps": [
                                {
                                    "title": "Sign up",
                                    "text": "<p>Sign up on this website. Or come to our "
                                    "office.</p>",
                                },
                                {
                                    "title": "Meet a helper",
                                    "text": "<p>A helper talks with you. The helper is called "
                                    "a counsellor.</p>",
                                },
                                {
                                    "title": "Make a plan",
                                    "text": "<p>You make a plan together. The plan helps you "
                                    "find a job.</p>",
                                },
                            ],
                        },
                    ),
                    ("contact_counsellor", {"text": "Need help? Call us."}),
                ],
            },
            {
                "slug": "writing-a-cv",
                "title": "Writing a CV",
                "summary": "Write a short, clear CV that shows employers what you can do.",
                "intro": (
                    "Your CV is often the first thing an employer sees. "
                    "Most employers read it in less than a minute."
                ),
                "topics": ["cv"],
                "audiences": ["jobseekers"],
                "occupations": [],
                "owner": "Jobseeker services team",
                "review_months": 12,
                "easy_read": False,
                "translate_to": ["fr", "ar"],
                "body": [
                    (
                        "checklist",
                        {
                            "title": "What to put on your CV",
                            "items": [
                                "Your name, phone number and e-mail address",
                                "Two or three lines about you and the job you want",
                                "Your work experience, most recent first",
                                "Your education and training",
                                "Your skills and languages",
                            ],
                        },
                    ),
                    ("heading", {"text": "Make it easy to read", "level": "h2"}),
                    (
                        "paragraph",
                        "<p>Use short lines and a simple layout. For each job, say what you "
                        "did and what you achieved. Numbers help: <i>served 80 customers a "
                        "day</i>.</p>",
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "title": "Gaps in your CV",
                            "text": "<p>Time spent caring for family, volunteering or "
                            "learning also counts. Say what you did.</p>",
                        },
                    ),
                    ("faq_snippet", "cv-length"),
                    ("faq_snippet", "cv-photo-and-age"),
                    (
                        "contact_counsellor",
                        {"text": "Want a second opinion? Call a counsellor to check your CV."},
                    ),
                ],
            },
            {
                "slug": "attaching-a-cv-to-an-email",
                "title": "Attaching a CV to an e-mail",
                "summary": "Send your CV by e-mail so that the employer can open and read it.",
                "intro": "Many employers ask you to apply by e-mail. Here is how to send your CV.",
                "topics": ["cv", "digital-skills"],
                "audiences": ["jobseekers"],
                "occupations": [],
                "owner": "Digital inclusion team",
                "review_months": 12,
                "easy_read": False,
                "translate_to": ["fr"],
                "body": [
                    (
                        "steps",
                        {
                            "title": "Send your CV step by step",
                            "steps": [
                                {
                                    "title": "Save your CV as a PDF",
                                    "text": "<p>A PDF looks the same on every device. Name it "
                                    "clearly, for example <i>CV-first-name-last-name.pdf</i>.</p>",
                                },
                                {
                                    "title": "Write a new e-mail",
                                    "text": "<p>Put the job title in the subject line.</p>",
                                },
                                {
                                    "title": "Add a short message",
                                    "text": "<p>Say which job you want and why, in three or "
                                    "four lines.</p>",
                                },
                                {
                                    "title": "Attach the file",
                                    "text": "<p>Tap or click the paperclip icon and choose "
                                    "your CV.</p>",
                                },
                                {
                                    "title": "Check, then send",
                                    "text": "<p>Check the address and the attachment before "
                                    "you press Send.</p>",
                                },
                            ],
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Use a serious e-mail address",
                            "text": "<p>An address with your first and last name looks "
                            "more professional than a nickname.</p>",
                        },
                    ),
                    (
                        "faq",
                        {
                            "title": "Questions about e-mail applications",
                            "items": [
                                {
                                    "question": "Can I send my CV from my phone?",
                                    "answer": "<p>Yes. Save your CV in your phone's files, "
                                    "then attach it like a photo.</p>",
                                },
                                {
                                    "question": "What if I get no reply?",
                                    "answer": "<p>Wait about a week, then send a short, "
                                    "polite reminder.</p>",
                                },
                            ],
                        },
                    ),
                    ("faq_snippet", "no-computer"),
                    (
                        "contact_counsellor",
                        {
                            "text": "Not sure how to attach a file? Call a counsellor and we "
                            "will guide you."
                        },
                    ),
                ],
            },
            {
                "slug": "preparing-for-a-video-interview",
                "title": "Preparing for a video interview",
                "summary": "Get your phone or computer, your room and your answers ready for "
                "an interview by video.",
                "intro": (
                    "More and more first interviews take place by video. "
                    "Good preparation helps you feel calm."
                ),
                "topics": ["interviews", "digital-skills"],
                "audiences": ["jobseekers"],
                "occupations": [],
                "owner": "Jobseeker services team",
                "review_months": 12,
                "easy_read": False,
                "translate_to": ["fr", "ar"],
                "body": [
                    (
                        "checklist",
                        {
                            "title": "The day before",
                            "items": [
                                "Test the video link on the device you will use",
                                "Charge your phone or laptop",
                                "Find a quiet room with light in front of you",
                                "Read the job advert again and prepare two questions",
                            ],
                        },
                    ),
                    (
                        "steps",
                        {
                            "title": "On the day",
                            "steps": [
                                {
                                    "title": "Connect ten minutes early",
                                    "text": "<p>This leaves time to fix sound or camera "
                                    "problems.</p>",
                                },
                                {
                                    "title": "Look at the camera",
                                    "text": "<p>It feels like eye contact for the person "
                                    "you are talking to.</p>",
                                },
                                {
                                    "title": "Take your time",
                                    "text": "<p>Video can have a small delay. Wait a moment "
                                    "before you answer.</p>",
                                },
                            ],
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "title": "If the connection breaks",
                            "text": "<p>Stay calm and reconnect. Keep the recruiter's phone "
                            "number close, so you can call them.</p>",
                        },
                    ),
                    (
                        "faq",
                        {
                            "title": "Questions about video interviews",
                            "items": [
                                {
                                    "question": "Can I practise before the real interview?",
                                    "answer": "<p>Yes. Your counsellor can run a practice "
                                    "interview by video with you.</p>",
                                },
                            ],
                        },
                    ),
                    (
                        "contact_counsellor",
                        {"text": "Call a counsellor to book a practice interview."},
                    ),
                ],
            },
            {
                "slug": "the-hidden-job-market",
                "title": "The hidden job market",
                "summary": "Seven in ten vacancies are never advertised. Learn how to reach "
                "them with spontaneous applications.",
                "intro": (
                    "Most jobs are filled without an advert, through contacts or spontaneous "
                    "applications. You can reach these jobs too."
                ),
                "topics": ["job-search"],
                "audiences": ["jobseekers"],
                "occupations": [],
                "owner": "Jobseeker services team",
                "review_months": 12,
                "easy_read": False,
                "translate_to": ["fr", "ar"],
                "body": [
                    (
                        "paragraph",
                        "<p>Seven in ten vacancies are never advertised. Employers often hire "
                        "people they know, or people who contacted them first.</p>",
                    ),
                    (
                        "steps",
                        {
                            "title": "How to send a spontaneous application",
                            "steps": [
                                {
                                    "title": "Make a list of companies",
                                    "text": "<p>Choose ten companies near you that employ "
                                    "people with your skills.</p>",
                                },
                                {
                                    "title": "Find the right person",
                                    "text": "<p>Ask for the name of the manager or the person "
                                    "in charge of hiring.</p>",
                                },
                                {
                                    "title": "Write a short message",
                                    "text": "<p>Say what you can do for them, not only what "
                                    "you are looking for.</p>",
                                },
                                {
                                    "title": "Follow up",
                                    "text": "<p>Call or visit one week later. Keep a note of "
                                    "every contact.</p>",
                                },
                            ],
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "title": "Tell people you are looking",
                            "text": "<p>Friends, former colleagues and neighbours may hear "
                            "about a job before it is advertised.</p>",
                        },
                    ),
                    ("faq_snippet", "how-often-meet-counsellor"),
                    (
                        "contact_counsellor",
                        {
                            "text": "Call a counsellor to find companies near you that are "
                            "likely to hire."
                        },
                    ),
                ],
            },
            {
                "slug": "a-first-job-for-young-people",
                "title": "A first job for young people",
                "summary": "No experience yet? Here is how to find your first job and what "
                "support you can get.",
                "intro": (
                    "Everyone starts without experience. Employers in many sectors are happy "
                    "to train young people who are motivated."
                ),
                "topics": ["job-search", "cv"],
                "audiences": ["young-people", "jobseekers"],
                "occupations": ["5223", "9412", "5120"],
                "owner": "Youth employment team",
                "review_months": 6,
                "easy_read": False,
                "translate_to": ["fr", "ar"],
                "body": [
                    (
                        "paragraph",
                        "<p>Shops, restaurants and kitchens often hire young people with no "
                        "experience. Jobs as a sales assistant, kitchen helper or trainee cook "
                        "are a good start.</p>",
                    ),
                    (
                        "checklist",
                        {
                            "title": "Things that count as experience",
                            "items": [
                                "Work placements and school projects",
                                "Summer or weekend jobs",
                                "Volunteering and sports clubs",
                                "Helping in a family business",
                            ],
                        },
                    ),
                    (
                        "faq",
                        {
                            "title": "Questions from young people",
                            "items": [
                                {
                                    "question": "Can I register if I have just left school?",
                                    "answer": "<p>Yes. You can register from the age of 16. "
                                    "You do not need to have worked before.</p>",
                                },
                                {
                                    "question": "What is an apprenticeship?",
                                    "answer": "<p>A job where you learn a trade at work and "
                                    "in a school, and get paid.</p>",
                                },
                            ],
                        },
                    ),
                    ("faq_snippet", "services-are-free"),
                    (
                        "contact_counsellor",
                        {"text": "Call a youth counsellor to talk about your first job."},
                    ),
                ],
            },
            {
                "slug": "finding-work-after-50",
                "title": "Finding work after 50",
                "summary": "Use your experience as a strength and get support to return to "
                "work after 50.",
                "intro": (
                    "Your experience is valuable. Many employers look for reliable people who "
                    "can train others."
                ),
                "topics": ["job-search", "training"],
                "audiences": ["over-50s", "jobseekers"],
                "occupations": [],
                "owner": "Jobseeker services team",
                "review_months": 12,
                "easy_read": False,
                "translate_to": ["fr"],
                "body": [
                    (
                        "paragraph",
                        "<p>Focus your CV on the last 10 to 15 years. Show what you achieved "
                        "and the skills you use today.</p>",
                    ),
                    (
                        "checklist",
                        {
                            "title": "Ways to get back to work",
                            "items": [
                                "Update your digital skills with a short course",
                                "Contact former colleagues and employers",
                                "Consider part-time work or a new sector",
                                "Offer to mentor younger staff",
                            ],
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "title": "Support for employers",
                            "text": "<p>In some cases, employers who hire people over 50 can "
                            "get financial support. Your counsellor can tell you more.</p>",
                        },
                    ),
                    ("faq_snippet", "how-often-meet-counsellor"),
                    (
                        "contact_counsellor",
                        {"text": "Call a counsellor to plan your return to work."},
                    ),
                ],
            },
            {
                "slug": "reasonable-adjustments-at-work",
                "title": "Reasonable adjustments at work",
                "summary": "Changes at work that help people with a disability or health "
                "condition do their job.",
                "intro": (
                    "A reasonable adjustment is a change to your job or workplace. "
                    "It helps you work on equal terms with others."
                ),
                "topics": ["job-search", "interviews"],
                "audiences": ["people-with-disabilities", "jobseekers", "employers"],
                "occupations": [],
                "owner": "Disability and inclusion team",
                "review_months": 6,
                "easy_read": False,
                "translate_to": ["fr", "ar"],
                "body": [
                    (
                        "checklist",
                        {
                            "title": "Examples of adjustments",
                            "items": [
                                "Flexible working hours",
                                "A screen reader or a larger screen",
                                "An adapted desk or chair",
                                "Extra time or a quiet room at an interview",
                                "Working from home on some days",
                            ],
                        },
                    ),
                    (
                        "paragraph",
                        "<p>Many adjustments cost little or nothing. In most cases, employers "
                        "must consider your request.</p>",
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "title": "You decide what to share",
                            "text": "<p>You do not have to tell an employer about a "
                            "disability. But you need to ask if you want an adjustment.</p>",
                        },
                    ),
                    (
                        "faq",
                        {
                            "title": "Questions about adjustments",
                            "items": [
                                {
                                    "question": "Who pays for an adjustment?",
                                    "answer": "<p>Often the employer. In some cases, we can "
                                    "help pay for equipment.</p>",
                                },
                                {
                                    "question": "When should I ask?",
                                    "answer": "<p>At any time: before an interview, when you "
                                    "start a job, or later.</p>",
                                },
                            ],
                        },
                    ),
                    (
                        "contact_counsellor",
                        {"text": "Call a counsellor to talk about the adjustments you need."},
                    ),
                ],
            },
            {
                "slug": "recruiting-through-the-public-employment-service",
                "title": "Recruiting through the public employment service",
                "summary": "Post a vacancy for free and get help to find the right candidates.",
                "intro": (
                    "We help employers of every size to find staff. "
                    "All our recruitment services are free."
                ),
                "topics": ["job-search"],
                "audiences": ["employers"],
                "occupations": [],
                "owner": "Employer services team",
                "review_months": 6,
                "easy_read": False,
                "translate_to": [],
                "body": [
                    (
                        "steps",
                        {
                            "title": "How to recruit with us",
                            "steps": [
                                {
                                    "title": "Describe the job",
                                    "text": "<p>Give the tasks, hours, place of work and pay.</p>",
                                },
                                {
                                    "title": "Choose your level of support",
                                    "text": "<p>Publish the vacancy yourself, or let an "
                                    "adviser select candidates for you.</p>",
                                },
                                {
                                    "title": "Receive applications",
                                    "text": "<p>We send you candidates who match your needs.</p>",
                                },
                                {
                                    "title": "Tell us who you hired",
                                    "text": "<p>This helps us close the vacancy and improve "
                                    "our service.</p>",
                                },
                            ],
                        },
                    ),
                    (
                        "checklist",
                        {
                            "title": "Other ways we can help",
                            "items": [
                                "Recruitment days at our offices",
                                "Work trials before you hire",
                                "Training for new staff",
                                "Advice on hiring people with disabilities",
                            ],
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Fair job adverts",
                            "text": "<p>Job adverts must not exclude people because of their "
                            "age, sex, origin or disability.</p>",
                        },
                    ),
                    ("faq_snippet", "services-are-free"),
                    (
                        "contact_counsellor",
                        {"text": "Call our employer advisers to discuss your recruitment."},
                    ),
                ],
            },
        ],
    },
    {
        "slug": "money-and-benefits",
        "title": "Money and benefits",
        "intro": "Find out what financial support you can get and how to apply.",
        "pages": [
            {
                "slug": "unemployment-benefits",
                "title": "Unemployment benefits",
                "summary": "Who can get unemployment benefits, what you need and how to apply.",
                "intro": (
                    "Unemployment benefits replace part of your income while you look for "
                    "work. In most cases, you need to have worked for some time before."
                ),
                "topics": ["benefits", "registering"],
                "audiences": ["jobseekers"],
                "occupations": [],
                "owner": "Benefits team",
                "review_months": 3,
                "easy_read": True,
                "translate_to": ["fr", "ar"],
                "body": [
                    (
                        "paragraph",
                        "<p>The amount depends on your past earnings and how long you worked. "
                        "Your counsellor can tell you what you are entitled to.</p>",
                    ),
                    (
                        "checklist",
                        {
                            "title": "What you need to apply",
                            "items": [
                                "Your registration as a jobseeker",
                                "Your identity document",
                                "Your bank details",
                                "The certificate your last employer gave you",
                                "Your payslips from the last 12 months",
                            ],
                        },
                    ),
                    (
                        "steps",
                        {
                            "title": "How to apply",
                            "steps": [
                                {
                                    "title": "Register as a jobseeker",
                                    "text": "<p>Do this on your first day without work.</p>",
                                },
                                {
                                    "title": "Fill in the benefit claim",
                                    "text": "<p>Answer the questions and upload your "
                                    "documents.</p>",
                                },
                                {
                                    "title": "Wait for our decision",
                                    "text": "<p>We send you a letter, in most cases within "
                                    "a few weeks.</p>",
                                },
                                {
                                    "title": "Confirm your situation every month",
                                    "text": "<p>Tell us if you worked or had any income.</p>",
                                },
                            ],
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Keep looking for work",
                            "text": "<p>To keep your benefits, you must look for work and "
                            "come to your appointments.</p>",
                        },
                    ),
                    ("faq_snippet", "report-changes"),
                    (
                        "contact_counsellor",
                        {"text": "Questions about your claim? Call a counsellor."},
                    ),
                ],
                "easy_read_body": [
                    (
                        "paragraph",
                        "<p>You lost your job. You can get money from us. "
                        "This money helps you live. You get it while you look for a job.</p>",
                    ),
                    (
                        "checklist",
                        {
                            "title": "You need",
                            "items": [
                                "Your ID card or passport",
                                "Your bank card",
                                "Your pay slips",
                            ],
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Important",
                            "text": "<p>Look for a job. Come to your meetings. "
                            "Then you keep the money.</p>",
                        },
                    ),
                    ("contact_counsellor", {"text": "Need help? Call us."}),
                ],
            },
            {
                "slug": "starting-a-business",
                "title": "Starting a business while unemployed",
                "summary": "Turn your idea into a business and find out what support you can keep.",
                "intro": (
                    "Starting your own business can be a way back to work. "
                    "We can help you test your idea."
                ),
                "topics": ["starting-a-business", "benefits"],
                "audiences": ["jobseekers"],
                "occupations": [],
                "owner": "Business creation team",
                "review_months": 12,
                "easy_read": False,
                "translate_to": [],
                "body": [
                    (
                        "steps",
                        {
                            "title": "From idea to business",
                            "steps": [
                                {
                                    "title": "Describe your idea",
                                    "text": "<p>What will you sell, and to whom?</p>",
                                },
                                {
                                    "title": "Check the market",
                                    "text": "<p>Talk to possible customers and look at your "
                                    "competitors.</p>",
                                },
                                {
                                    "title": "Calculate your costs",
                                    "text": "<p>Work out how much you need to start, and how "
                                    "much you must earn each month.</p>",
                                },
                                {
                                    "title": "Join a business workshop",
                                    "text": "<p>Our free workshops help you write a simple "
                                    "business plan.</p>",
                                },
                            ],
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "title": "Your benefits",
                            "text": "<p>In many cases, you can keep part of your benefits "
                            "while your business starts. Ask your counsellor before you "
                            "begin.</p>",
                        },
                    ),
                    ("faq_snippet", "report-changes"),
                    (
                        "contact_counsellor",
                        {"text": "Call a counsellor to book a business workshop."},
                    ),
                ],
            },
        ],
    },
    {
        "slug": "skills-and-training",
        "title": "Skills and training",
        "intro": "Learn new skills, get your qualifications recognised and find a course.",
        "pages": [
            {
                "slug": "choosing-a-training-course",
                "title": "Choosing a training course",
                "summary": "Find a course that matches your goals and leads to jobs that "
                "employers need.",
                "intro": (
                    "A good course leads to a job. Check what employers near you are looking "
                    "for before you choose."
                ),
                "topics": ["training"],
                "audiences": ["jobseekers"],
                "occupations": ["5322", "7126", "8332"],
                "owner": "Training and skills team",
                "review_months": 6,
                "easy_read": False,
                "translate_to": ["fr", "ar"],
                "body": [
                    (
                        "checklist",
                        {
                            "title": "Questions to ask before you sign up",
                            "items": [
                                "Which jobs does this course lead to?",
                                "How many former trainees found work?",
                                "Does it include a work placement?",
                                "Will I get a recognised certificate?",
                                "Can I follow it online or part-time?",
                            ],
                        },
                    ),
                    (
                        "paragraph",
                        "<p>Care work, plumbing and truck driving are examples of jobs where "
                        "employers often lack staff.</p>",
                    ),
                    (
                        "steps",
                        {
                            "title": "How to get started",
                            "steps": [
                                {
                                    "title": "Talk to your counsellor",
                                    "text": "<p>Discuss the job you want and the skills you "
                                    "already have.</p>",
                                },
                                {
                                    "title": "Compare courses",
                                    "text": "<p>Look at content, length, place and results.</p>",
                                },
                                {
                                    "title": "Get approval",
                                    "text": "<p>Your counsellor approves the course before "
                                    "you start.</p>",
                                },
                            ],
                        },
                    ),
                    ("faq_snippet", "benefits-during-training"),
                    (
                        "contact_counsellor",
                        {"text": "Call a counsellor to find the right course for you."},
                    ),
                ],
            },
            {
                "slug": "funding-for-training",
                "title": "Funding for training",
                "summary": "Find out who can pay for your training and how to ask for funding.",
                "intro": (
                    "Many courses are free for jobseekers. For others, you can often get "
                    "help with the cost."
                ),
                "topics": ["training", "benefits"],
                "audiences": ["jobseekers"],
                "occupations": [],
                "owner": "Training and skills team",
                "review_months": 6,
                "easy_read": False,
                "translate_to": ["fr"],
                "body": [
                    (
                        "checklist",
                        {
                            "title": "Possible sources of funding",
                            "items": [
                                "The public employment service",
                                "Your region or local authority",
                                "A future employer who will hire you after the course",
                                "Your own training account, if you have one",
                            ],
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Ask before you pay",
                            "text": "<p>Ask for funding before the course starts. We cannot "
                            "pay back a course you have already paid for.</p>",
                        },
                    ),
                    (
                        "faq",
                        {
                            "title": "Questions about funding",
                            "items": [
                                {
                                    "question": "Can you pay for travel to the course?",
                                    "answer": "<p>In some cases, yes. Ask your counsellor "
                                    "about help with travel and childcare.</p>",
                                },
                            ],
                        },
                    ),
                    ("faq_snippet", "benefits-during-training"),
                    (
                        "contact_counsellor",
                        {"text": "Call a counsellor to check what funding you can get."},
                    ),
                ],
            },
            {
                "slug": "recognising-foreign-qualifications",
                "title": "Recognising foreign qualifications",
                "summary": "Get your diplomas and work experience from another country "
                "recognised here.",
                "intro": (
                    "Qualifications from another country can help you find work at your "
                    "level. For some jobs, recognition is required."
                ),
                "topics": ["training", "registering"],
                "audiences": ["refugees-and-migrants", "jobseekers"],
                "occupations": ["2221", "2211", "7411"],
                "owner": "Migrant support team",
                "review_months": 6,
                "easy_read": False,
                "translate_to": ["fr", "ar"],
                "body": [
                    (
                        "paragraph",
                        "<p>Some jobs, like nurse, doctor or electrician, need official "
                        "recognition before you can work. For most other jobs, it helps "
                        "employers understand your level.</p>",
                    ),
                    (
                        "steps",
                        {
                            "title": "How to get recognition",
                            "steps": [
                                {
                                    "title": "Gather your documents",
                                    "text": "<p>Diplomas, transcripts and work certificates.</p>",
                                },
                                {
                                    "title": "Get them translated",
                                    "text": "<p>Your counsellor can tell you if you need a "
                                    "certified translation.</p>",
                                },
                                {
                                    "title": "Send your request",
                                    "text": "<p>We help you find the right office and fill "
                                    "in the form.</p>",
                                },
                            ],
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "title": "Lost your documents?",
                            "text": "<p>If you had to flee, you may have no papers. There "
                            "are other ways to show your skills. Talk to us.</p>",
                        },
                    ),
                    ("faq_snippet", "free-interpreter"),
                    (
                        "contact_counsellor",
                        {"text": "Call a counsellor to start your recognition request."},
                    ),
                ],
            },
            {
                "slug": "basic-digital-skills",
                "title": "Basic digital skills",
                "summary": "Create an e-mail address and use the portal on your phone.",
                "intro": (
                    "Most job searches now happen online. A few basic skills make it much easier."
                ),
                "topics": ["digital-skills"],
                "audiences": ["jobseekers", "over-50s", "refugees-and-migrants"],
                "occupations": [],
                "owner": "Digital inclusion team",
                "review_months": 12,
                "easy_read": False,
                "translate_to": ["fr", "ar"],
                "body": [
                    (
                        "steps",
                        {
                            "title": "Create an e-mail address",
                            "steps": [
                                {
                                    "title": "Choose a free e-mail service",
                                    "text": "<p>Your phone may already have one.</p>",
                                },
                                {
                                    "title": "Pick your address",
                                    "text": "<p>Use your first and last name if you can.</p>",
                                },
                                {
                                    "title": "Choose a strong password",
                                    "text": "<p>Use at least three random words. Do not share "
                                    "it with anyone.</p>",
                                },
                                {
                                    "title": "Write it down safely",
                                    "text": "<p>Keep your address and password somewhere safe.</p>",
                                },
                            ],
                        },
                    ),
                    ("heading", {"text": "Using the portal on your phone", "level": "h2"}),
                    (
                        "checklist",
                        {
                            "title": "Tips",
                            "items": [
                                "Add the portal to your home screen",
                                "Turn your phone sideways to read tables",
                                "Use Wi-Fi to listen to the podcast",
                            ],
                        },
                    ),
                    ("faq_snippet", "no-computer"),
                    (
                        "contact_counsellor",
                        {"text": "Call a counsellor to join a free digital skills workshop."},
                    ),
                ],
            },
        ],
    },
]
