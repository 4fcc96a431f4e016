"""Pages, feeds and sitemaps the sources tests serve: written by the bilateral team in the
style of real news; the events are invented."""

from __future__ import annotations

KENYA = (
    "Kenya and Ethiopia opened a new one-stop border post at Moyale on 14 March 2025, officials said. "
    "The two governments signed a customs agreement at the crossing the same day. "
    "Traders said the post would cut waiting times for lorries carrying coffee and livestock."
)
# The same wire report as republished by a second outlet: a new intro line, a changed word.
KENYA_COPY = (
    "NAIROBI (Regional Wire) - Kenya and Ethiopia opened a new one-stop border post at Moyale on 14 March 2025, officials said. "
    "The two governments signed a customs agreement at the crossing the same day. "
    "Traders said the post would cut waiting times for trucks carrying coffee and livestock."
)
CHILE = (
    "The foreign ministers of Chile and Argentina met in Santiago on 3 February 2025 to discuss the shared glacier "
    "fields of Patagonia. Chile accused Argentina of delaying a joint survey of the border area, a charge Buenos Aires rejected. "
    "Both delegations said talks would continue."
)
VIETNAM = (
    "Vietnam and the Philippines agreed on 20 January 2025 to set up a hotline between their coast guards in the South China Sea. "
    "The deal was signed in Hanoi during a visit by the Philippine foreign secretary. "
    "Diplomats described the talks as frank and useful."
)
FRENCH = (
    "Le Maroc et la Mauritanie ont signé mardi à Rabat un accord de coopération sur la pêche et le commerce frontalier. "
    "Les deux gouvernements se sont engagés à rouvrir le poste de Guerguerat aux camions de marchandises avant la fin du mois. "
    "Les ministres ont salué une étape importante pour la région du Sahel et pour les échanges entre les deux pays."
)


def page(title: str, text: str, published: str | None = None) -> str:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    paras = "".join(f"<p>{s.strip()}.</p>" for s in text.split(". ") if s.strip())
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paras}</article><footer>The Daily Ledger</footer></body></html>"
    ).replace("..</p>", ".</p>")


def rss(title: str, items: list[dict]) -> str:
    body = ""
    for it in items:
        link = f"<link>{it['link']}</link>" if it.get("link") else ""
        guid = f"<guid>{it['guid']}</guid>" if it.get("guid") else ""
        date = f"<pubDate>{it['date']}</pubDate>" if it.get("date") else ""
        body += f"<item><title>{it['title']}</title>{link}{guid}{date}<description>{it.get('summary', '')}</description></item>"
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://news.example/</link><description>World news</description>{body}</channel></rss>"
    )


def atom(title: str, entries: list[dict]) -> str:
    body = "".join(
        f"<entry><title>{e['title']}</title><link href=\"{e['link']}\"/><id>{e['id']}</id>"
        f"<updated>{e['updated']}</updated></entry>"
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:feed:{title}</id><updated>2025-03-15T08:00:00Z</updated>{body}</feed>"
    )
