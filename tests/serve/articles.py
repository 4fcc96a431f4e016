"""Articles written for the serve tests, in the style of news reports (invented events)."""

NORWAY_CHILE = (
    "OSLO, March 4 (Newsroom) - Norway and Chile signed an agreement on salmon farming research on Monday, "
    "officials in Oslo said. The Norwegian trade minister met her Chilean counterpart in Oslo to discuss "
    "fisheries and aquaculture. Chile accused Norway of dumping cheap fish feed on its market last year, "
    "but both governments said the new agreement would ease the dispute."
)

SCRIPTED = (
    "SANTIAGO, May 2 (Newsroom) - Chile and Peru held talks in Lima on Tuesday about the shared border. "
    "<script>document.title='pwned';window.__pwned=true;</script> "
    "The foreign ministers of Chile and Peru met for three hours, an official in Lima said, and both sides "
    "promised to reopen two border crossings before the harvest season <img src=x onerror=\"window.__pwned=true\">."
)

KENYA_UGANDA = (
    "NAIROBI, June 9 (Newsroom) - Kenya and Uganda agreed on Friday to build a new railway link between "
    "Nairobi and Kampala, the two governments said. Kenya's president visited Uganda to open the talks, "
    "which also covered oil exports through Kenyan ports."
)
