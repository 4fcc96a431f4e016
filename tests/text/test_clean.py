"""text.clean: boilerplate lines dropped, real sentences kept, repeats once, hard wraps joined."""

from __future__ import annotations

import pytest

from bilateral.text.clean import boilerplate_patterns, clean_text, is_boilerplate

# One entry per pattern of data/boilerplate.txt, in file order: lines that pattern must drop.
NOISE_BY_PATTERN = [
    ("teaser with a separator", [
        "Read more: Karachi port expansion draws new investors",
        "ALSO READ | Delhi and Dhaka to reopen rail link",
        "Related » Moscow hosts regional security forum",
        "See also - Timeline of Pakistan-Russia relations",
        "Watch: Foreign ministers meet in Tashkent",
        "You may also like: Five things to know about the gas deal",
        "Read more:",
    ]),
    ("heading-only teaser", ["Related Stories", "you may also like", "Most Read", "Trending Now", "Latest News"]),
    ("source link", ["Source link", "Source link: https://wire.example/story/991", "Reference Link - Ministry of Foreign Affairs"]),
    ("bare URL", ["https://harbourpost.example/world/2024/03/talks", "http://example.org/a?b=c"]),
    ("leave a reply", ["Leave a Reply", "Leave a comment on this story"]),
    ("email not published", ["Your email address will not be published.", "Your email address will not be published. Required fields are marked *"]),
    ("required fields", ["Required fields are marked *"]),
    ("post comment", ["Post Comment", "Submit comment"]),
    ("form labels", ["Comment *", "Name *", "Email*", "Website"]),
    ("save my name", ["Save my name, email, and website in this browser for the next time I comment."]),
    ("comment count", ["14 Comments", "1 comment"]),
    ("cancel reply", ["Cancel reply"]),
    ("share widget", ["Share", "Share on Facebook | Twitter | WhatsApp", "Tweet • Email • Print", "Facebook, X, LinkedIn, Copy link"]),
    ("follow/subscribe", ["Follow us on Telegram for the latest updates", "Subscribe to our morning newsletter", "Sign up for alerts", "Click here to read the full statement", "Download our app"]),
    ("advertisement", ["Advertisement", "ADVERTISEMENT", "Sponsored", "Sponsored content", "Ad"]),
    ("copyright", ["© 2024 The Harbour Post. All rights reserved.", "(c) 2023 Wire Services", "Copyright 2022 Daily Ledger Ltd"]),
    ("all rights reserved", ["All rights reserved.", "All Rights Reserved by the publisher"]),
]

CASES = [(i, desc, line) for i, (desc, lines) in enumerate(NOISE_BY_PATTERN) for line in lines]


def test_every_pattern_has_a_case():
    assert len(boilerplate_patterns()) == len(NOISE_BY_PATTERN)


@pytest.mark.parametrize("index, desc, line", CASES, ids=[f"{i}-{d}-{n}" for n, (i, d, _) in enumerate(CASES)])
def test_pattern_drops_its_noise(index, desc, line):
    assert boilerplate_patterns()[index].fullmatch(line.strip()), f"pattern {index} ({desc}) misses {line!r}"
    assert is_boilerplate(line)
    assert is_boilerplate(f"   {line}  ")
    # And the whole line disappears from a document.
    text = f"Pakistan and Russia held talks in Moscow on Monday.\n{line}\nBoth sides agreed to meet again in June."
    assert clean_text(text) == "Pakistan and Russia held talks in Moscow on Monday.\nBoth sides agreed to meet again in June."


SURVIVORS = [
    "Share prices in Karachi rose after the talks.",
    "Shares of Russian gas firms fell on Tuesday.",
    "Related talks between the two navies are planned for the spring.",
    "Related-party deals between the state oil firms drew scrutiny in Islamabad.",
    "Sources in the foreign ministry said the visit was postponed.",
    "Source countries for the migrants include Afghanistan and Iran.",
    "Original linkages between the two economies date back to the 1950s.",
    "Watch towers along the border were rebuilt last year.",
    "Watchers of the region expect another round of talks.",
    "Advertisement spending by Russian firms in Pakistan doubled last year.",
    "Advertising on state television was suspended during the visit.",
    "Subscribers to Russian satellite television in Pakistan rose sharply.",
    "Sign-up numbers for the exchange programme exceeded expectations, the embassy said.",
    "Followers of the talks were surprised by the outcome.",
    "Email exchanges between the two ministries were leaked to the press.",
    "Print media in both countries gave the visit front-page coverage.",
    "Recommended steps include a joint commission on trade.",
    "Latest news from Moscow suggests the deal is close.",
    "Comment from the Russian embassy was not immediately available.",
    "Name changes for several border towns were agreed in 1962.",
    "Copyright disputes between Indian and Pakistani film studios continue.",
    "Sponsored by both governments, the festival opened in Lahore.",
    "Leaving a comment in the visitors' book, the minister praised his hosts.",
    "Read more than a hundred pages of the treaty before signing, he said.",
    "Twitter users in both countries welcomed the ceasefire.",
    "Cancel the visit, the opposition demanded.",
    "2 comments by the minister angered Moscow.",
]


@pytest.mark.parametrize("line", SURVIVORS)
def test_real_sentences_survive(line):
    assert not is_boilerplate(line)
    text = f"Pakistan and Russia held talks in Moscow on Monday.\n\n{line}"
    assert clean_text(text) == f"Pakistan and Russia held talks in Moscow on Monday.\n\n{line}"


def test_repeated_paragraph_is_kept_once():
    para = "The two countries signed a memorandum on energy cooperation in Moscow."
    text = f"{para}\n\nIslamabad welcomed the deal.\n\n{para.upper()}\n\n  {para.replace(' ', '  ')}  "
    out = clean_text(text)
    assert out == f"{para}\n\nIslamabad welcomed the deal."


def test_short_repeated_headings_are_kept():
    text = (
        "Analysis\n\nRussia and Pakistan agreed to expand trade on Monday.\n\n"
        "Analysis\n\nIndia and China held border talks in Beijing this week."
    )
    out = clean_text(text)
    assert out.split("\n\n") == [
        "Analysis",
        "Russia and Pakistan agreed to expand trade on Monday.",
        "Analysis",
        "India and China held border talks in Beijing this week.",
    ]


def test_hard_wrapped_lines_are_joined():
    text = (
        "Pakistan and Russia held a second round of talks in Moscow on\n"
        "Monday, officials from both foreign ministries said after the\n"
        "meeting ended late in the evening.\n"
        "\n"
        "The talks covered energy."
    )
    assert clean_text(text) == (
        "Pakistan and Russia held a second round of talks in Moscow on Monday, officials from both "
        "foreign ministries said after the meeting ended late in the evening.\n\nThe talks covered energy."
    )


def test_heading_does_not_run_into_its_paragraph():
    text = "Energy ties\nPakistan and Russia signed a gas deal on Monday after two days of talks in Moscow."
    assert clean_text(text) == text


def test_line_breaks_and_spaces_are_normalised():
    text = "Pakistan\u00a0and Russia   met.\r\n\r\n\r\nRussia   and Pakistan\tagreed.\r"
    assert clean_text(text) == "Pakistan and Russia met.\n\nRussia and Pakistan agreed."


COMMENT_FORM = """\
Leave a Reply
Cancel reply

Your email address will not be published. Required fields are marked *

Comment *

Name *

Email *

Website

Save my name, email, and website in this browser for the next time I comment.

Post Comment

3 Comments
"""


def test_comment_form_is_gone():
    article = (
        "Turkey and Greece agreed on Thursday to reopen talks on maritime borders.\n\n"
        "The foreign ministers will meet in Athens next month, officials said."
    )
    out = clean_text(article + "\n\n" + COMMENT_FORM + "\nShare on Facebook | Twitter\n© 2024 Aegean Wire. All rights reserved.")
    assert out == article
    for phrase in ("Leave a Reply", "Cancel reply", "email address", "Required fields", "Comment", "Name",
                   "Website", "Save my name", "Post Comment", "Share", "rights reserved"):
        assert phrase.lower() not in out.lower()


def test_only_noise_cleans_to_nothing():
    assert clean_text(COMMENT_FORM + "\nAdvertisement\nhttps://x.example/a\n") == ""
