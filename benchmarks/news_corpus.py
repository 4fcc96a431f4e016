"""A generated corpus of news-like HTML articles for the speed benchmark (not a test).

Every article is made here from our own templates and vocabulary with a seeded random
generator, so a corpus is the same on every machine: about 600 words of article body
(headline, dateline, a dozen paragraphs) inside the boilerplate of a news site (menu,
cookie notice, share buttons, related stories, newsletter box, footer).

The mix is that of a world-news feed: three articles in five are about two states (a
visit, talks, a dispute, aid, a deal) with background, quotes and a paragraph or two of
other matters; two in five are other news (markets, weather, sport, science, culture)
that may name a country in passing.

    python benchmarks/news_corpus.py OUT_DIR --docs 1000 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

# (name, demonym, capital, leader title) — our own short list
STATES = [
    ("Kenya", "Kenyan", "Nairobi"), ("Uganda", "Ugandan", "Kampala"), ("Ghana", "Ghanaian", "Accra"),
    ("Togo", "Togolese", "Lome"), ("Chile", "Chilean", "Santiago"), ("Peru", "Peruvian", "Lima"),
    ("Argentina", "Argentine", "Buenos Aires"), ("Brazil", "Brazilian", "Brasilia"), ("Japan", "Japanese", "Tokyo"),
    ("South Korea", "South Korean", "Seoul"), ("Vietnam", "Vietnamese", "Hanoi"), ("Philippines", "Philippine", "Manila"),
    ("India", "Indian", "New Delhi"), ("Sri Lanka", "Sri Lankan", "Colombo"), ("Pakistan", "Pakistani", "Islamabad"),
    ("Egypt", "Egyptian", "Cairo"), ("Sudan", "Sudanese", "Khartoum"), ("Poland", "Polish", "Warsaw"),
    ("Germany", "German", "Berlin"), ("France", "French", "Paris"), ("Morocco", "Moroccan", "Rabat"),
    ("Turkey", "Turkish", "Ankara"), ("Greece", "Greek", "Athens"), ("Indonesia", "Indonesian", "Jakarta"),
    ("Malaysia", "Malaysian", "Kuala Lumpur"), ("Norway", "Norwegian", "Oslo"), ("Canada", "Canadian", "Ottawa"),
    ("Mexico", "Mexican", "Mexico City"), ("Nigeria", "Nigerian", "Abuja"), ("Senegal", "Senegalese", "Dakar"),
]
OFFICES = ["foreign minister", "president", "prime minister", "defence minister", "trade minister"]
FIRST = ["Amara", "Tomas", "Leila", "Kenji", "Marta", "Sipho", "Elena", "Rafael", "Noor", "Jonas", "Ines", "Dae-ho", "Priya", "Omar"]
LAST = ["Okafor", "Lindqvist", "Haddad", "Moreno", "Tanaka", "Kowalczyk", "Mensah", "Duarte", "Rahman", "Varga", "Castillo", "Nakamura"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
TOPICS = ["trade", "energy", "fisheries", "water sharing", "border security", "railways", "migration", "grain exports", "tourism", "telecoms"]
GOODS = ["steel", "coffee", "rice", "solar panels", "cement", "fertiliser", "textiles", "timber"]

EVENT_LINES = [
    "{A}'s {office} {person} arrived in {capB} on {day} for two days of talks on {topic}, the ministry said.",
    "{A} and {B} signed an agreement on {topic} on {day}, pledging to double cross-border trade within five years.",
    "The {demA} government accused {B} of breaking the terms of the {topic} accord, a charge {capB} denied.",
    "{B} rejected the criticism on {day} and said its measures on {goods} imports were lawful.",
    "{A} announced a loan of {amount} million dollars to {B} to help rebuild ports damaged by storms.",
    "Officials in {capA} said they would impose tariffs on {demB} {goods} unless {capB} lifted its quotas.",
    "The two countries agreed to reopen the border crossing closed since {month} {year}.",
    "{B}'s {office} {person2} met {demA} officials in {capA} and praised what she called a constructive dialogue.",
    "{A} recalled its ambassador from {capB} in protest at the detention of two {demA} fishermen.",
    "Both sides promised to hold a further round of talks on {topic} before the end of the year.",
    "{A} sent two planes carrying medicine and tents to {B} after floods hit the south of the country.",
    "Police in {capB} dispersed protesters who had gathered outside the {demA} embassy on {day}.",
    "{A} offered to mediate between {B} and its neighbours over the {topic} dispute.",
    "In {month} {year}, {A} expelled three {demB} diplomats, and relations have been cool since then.",
    "That month, {B} suspended imports of {demA} {goods}, citing safety rules.",
    "{demA} and {demB} navy ships held joint exercises off the coast last week.",
]
BACKGROUND_LINES = [
    "Relations between the two countries have swung between warmth and suspicion for decades.",
    "Trade between them was worth about {amount} million dollars last year, according to official figures.",
    "Analysts say both governments face elections and want to show voters results on {topic}.",
    "The dispute dates back to a survey of the river basin carried out in the {decade}s.",
    "Diplomats describe the talks as the most serious attempt in years to settle the question of {topic}.",
    "The border region is home to farming towns whose markets depend on traders from both sides.",
]
QUOTE_LINES = [
    "\u201cWe want a relationship built on respect and on results,\u201d {person} told reporters.",
    "\u201cThis is a good day for our farmers and for our workers,\u201d {person} said after the ceremony.",
    "\u201cThere is still much work to do,\u201d a senior official said, speaking on condition of anonymity.",
    "\u201cWe will judge them by their actions, not their words,\u201d {person} said in a statement.",
]
OTHER_LINES = [
    "Share prices closed {pct} per cent higher on {day}, led by banks and mining companies.",
    "The central bank kept its main interest rate at {rate} per cent, in line with forecasts.",
    "Forecasters expect heavy rain in the coastal provinces over the weekend, with cooler nights inland.",
    "Ticket sales for the summer music festival opened on {day} and sold out within hours.",
    "The city council approved plans for a new tram line linking the airport with the old town.",
    "Scientists at the national university reported a new species of frog in the highland forests.",
    "The national football team won its qualifying match 2-1 after a late goal from the captain.",
    "Petrol prices rose for the third week in a row, adding to pressure on household budgets.",
    "A new museum of modern art will open next spring in a restored textile mill.",
    "Hospitals reported a fall in flu cases compared with the same week last year.",
    "Engineers finished repairs to the main bridge two weeks ahead of schedule.",
    "Farmers expect a good harvest of {goods} after a mild and wet spring.",
]
HEADLINES_REL = [
    "{A} and {B} agree to expand {topic} cooperation",
    "{A} accuses {B} over {topic} dispute",
    "{demA} minister visits {capB} as ties thaw",
    "{A} pledges aid to flood-hit {B}",
    "{B} hits back at {demA} tariffs on {goods}",
]
HEADLINES_OTHER = [
    "Markets edge higher as rate decision looms",
    "Heavy rain expected on the coast this weekend",
    "City approves airport tram line",
    "Festival tickets sell out in hours",
    "Researchers find new frog species in highland forest",
]
SECTIONS = ["World", "Africa", "Asia", "Europe", "Americas", "Business", "Science", "Sport", "Culture", "Opinion"]


def _fill(rng: random.Random, template: str, ctx: dict) -> str:
    ctx = dict(ctx)
    ctx.update(
        day=rng.choice(DAYS), month=rng.choice(MONTHS), year=rng.randint(2008, 2023), topic=rng.choice(TOPICS),
        goods=rng.choice(GOODS), amount=rng.randint(20, 900), pct=f"{rng.uniform(0.1, 2.5):.1f}",
        rate=f"{rng.uniform(1.5, 9.0):.2f}", decade=rng.choice([1960, 1970, 1980, 1990]),
        office=rng.choice(OFFICES),
    )
    return template.format(**ctx)


def _paragraph(rng: random.Random, pool: list[str], ctx: dict, n: int) -> str:
    return " ".join(_fill(rng, t, ctx) for t in rng.sample(pool, min(n, len(pool))))


def article(i: int, seed: int) -> tuple[str, str]:
    """(file name, HTML) of article i of the corpus made with `seed`."""
    rng = random.Random(f"{seed}-{i}")
    a, b = rng.sample(STATES, 2)
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    person2 = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    ctx = dict(A=a[0], demA=a[1], capA=a[2], B=b[0], demB=b[1], capB=b[2], person=person, person2=person2)
    published = date(2024, 1, 1) + timedelta(days=rng.randint(0, 700))
    relations = rng.random() < 0.6
    paras: list[str] = []
    if relations:
        title = _fill(rng, rng.choice(HEADLINES_REL), ctx)
        paras.append(f"{a[2].upper()}, {published.strftime('%B')} {published.day} - " + _paragraph(rng, EVENT_LINES, ctx, 2))
        plan = ["event", "background", "quote", "event", "other", "background", "event", "quote", "other", "event", "background", "event", "other", "quote", "event"]
    else:
        title = rng.choice(HEADLINES_OTHER)
        paras.append(_paragraph(rng, OTHER_LINES, ctx, 2))
        plan = ["other", "quote", "other", "other", "background", "other", "other", "quote", "other", "other", "event", "other", "other", "background", "other"]
    pools = {"event": EVENT_LINES, "background": BACKGROUND_LINES, "quote": QUOTE_LINES, "other": OTHER_LINES}
    words = len(paras[0].split())
    for kind in plan:
        if words >= 590:
            break
        p = _paragraph(rng, pools[kind], ctx, rng.randint(2, 3))
        paras.append(p)
        words += len(p.split())
    body = "\n".join(f"      <p>{p}</p>" for p in paras)
    section = rng.choice(SECTIONS)
    related = "\n".join(
        f'        <li><a href="/news/{rng.randint(10000, 99999)}">{_fill(rng, rng.choice(HEADLINES_REL + HEADLINES_OTHER), ctx)}</a></li>'
        for _ in range(5)
    )
    menu = "\n".join(f'      <li><a href="/{s.lower()}">{s}</a></li>' for s in SECTIONS)
    html = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} | The Daily Meridian</title>
  <meta property="og:title" content="{title}">
  <meta property="og:site_name" content="The Daily Meridian">
  <meta property="article:published_time" content="{published.isoformat()}T08:{rng.randint(10, 59)}:00Z">
  <meta name="description" content="{paras[0][:150]}">
  <link rel="canonical" href="https://meridian.example/news/{seed}-{i}">
</head>
<body>
  <div class="cookie-banner">We use cookies to improve your experience. <a href="/privacy">Learn more</a> <button>Accept all</button></div>
  <header class="site-header">
    <a class="logo" href="/">The Daily Meridian</a>
    <nav><ul>
{menu}
    </ul></nav>
    <form class="search"><input type="search" placeholder="Search the Meridian"><button>Search</button></form>
  </header>
  <main>
    <article>
      <div class="breadcrumb"><a href="/">Home</a> &rsaquo; <a href="/{section.lower()}">{section}</a></div>
      <h1>{title}</h1>
      <p class="byline">By {rng.choice(FIRST)} {rng.choice(LAST)}, staff correspondent &middot; <time datetime="{published.isoformat()}">{published.strftime('%d %B %Y')}</time></p>
      <div class="share"><a href="#">Share on social media</a> <a href="#">Email</a> <a href="#">Print</a></div>
{body}
      <p class="correction">This article was amended to correct a spelling.</p>
    </article>
    <aside class="related">
      <h2>Related stories</h2>
      <ul>
{related}
      </ul>
    </aside>
    <aside class="newsletter">
      <h2>Get the morning briefing</h2>
      <p>The day's top stories in your inbox, every weekday at 6am.</p>
      <form><input type="email" placeholder="Your email"><button>Sign up</button></form>
    </aside>
  </main>
  <footer>
    <ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/terms">Terms</a></li><li><a href="/privacy">Privacy</a></li></ul>
    <p>&copy; 2024 The Daily Meridian. All rights reserved.</p>
  </footer>
</body>
</html>
"""
    return f"article-{i:06d}.html", html


def write_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        name, html = article(i, seed)
        (folder / name).write_text(html, "utf-8")
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    write_corpus(args.out, args.docs, args.seed)
    print(f"{args.docs} articles in {args.out}")


if __name__ == "__main__":
    main()
