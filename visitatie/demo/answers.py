"""Plausible answers for the demo round, written from the magazine's material.

Two or three variants per open question; the demo picks one per municipality with a fixed seed,
so the demo is the same on every machine. Fictional: they describe no real municipality.
"""

OPEN_ANSWERS: dict[str, tuple[str, ...]] = {
    "leiderschap.eigenaarschap": (
        "De burgemeester is eigenaar van de veiligheid van de gemeenschap; de digitale veiligheid van de eigen "
        "organisatie ligt bij de portefeuillehouder bedrijfsvoering.",
        "Sinds vorig jaar ligt digitale veiligheid in de veiligheidsportefeuille van de burgemeester. Daarvoor zat het "
        "alleen bij bedrijfsvoering.",
        "Het eigenaarschap is gedeeld tussen burgemeester en de wethouder digitalisering; in de praktijk is dat nog "
        "zoeken.",
    ),
    "leiderschap.ivp_waarom_niet": (
        "Het huidige IVP loopt nog tot volgend jaar; bij het nieuwe plan nemen we digitale veiligheid op.",
        "Er is nog onvoldoende zicht op wat lokaal kan; we wachten op de regionale analyse.",
    ),
    "leiderschap.publieke_waarden": (
        "Betrouwbare dienstverlening en bescherming van kwetsbare inwoners. De raad vroeg vooral naar privacy.",
        "In een raadsinformatiesessie hebben we besproken wat een hack betekent voor inwoners die een nieuw paspoort "
        "nodig hebben.",
    ),
    "leiderschap.voorbeeldgedrag": (
        "Het college volgt zelf de phishingtraining en bespreekt de uitkomsten in het college.",
        "De burgemeester opent de jaarlijkse cyberoefening en doet zelf mee.",
    ),
    "europa.impact_nodig": (
        "Een quick scan van de impact van NIS2 staat gepland; we missen nog capaciteit om die uit te voeren.",
        "We willen eerst weten wat de Cyberbeveiligingswet precies vraagt van gemeenschappelijke regelingen.",
    ),
    "europa.budget_nodig": (
        "Structurele financiering vanuit het Rijk; incidentele middelen zijn niet genoeg voor extra formatie.",
        "Een claim bij de kadernota voor twee extra fte informatiebeveiliging.",
    ),
    "europa.gemeenschappelijke_regelingen": (
        "Onze ICT zit in een gemeenschappelijke regeling; we vragen het bestuur om een jaarlijkse rapportage over "
        "digitale veiligheid.",
        "Nog niet goed geregeld: de raad heeft weinig zicht op de regeling op afstand.",
    ),
    "europa.verkramping": (
        "Niet alles tegelijk willen; eerst de basis op orde volgens BIO 2.0 en daarna verder bouwen.",
        "We leren van de AVG: niet in de kramp schieten, maar per risico afwegen wat nodig is.",
    ),
    "europa.vragen_organisatie": (
        "Welke ondersteuning de afdelingen krijgen om de Cyberbeveiligingswet te implementeren en wat de grootste "
        "risico's zijn voor de continuïteit.",
        "Hoe toegankelijk en betrouwbaar onze dienstverlening is als een leverancier uitvalt.",
    ),
    "eigen-huis.bcp_nodig": (
        "Het BCP beschrijft nu vooral fysieke uitval; de digitale component werken we dit jaar uit.",
        "Er is een plan, maar het is nooit geoefend met de leveranciers erbij.",
    ),
    "eigen-huis.losgeld": (
        "Het college heeft vooraf besproken dat we niet betalen. Het dilemma tussen snel herstel en het "
        "strafrechtelijk onderzoek blijft lastig.",
        "Daar is nog geen standpunt over ingenomen; we willen het dilemma eerst oefenen.",
    ),
    "eigen-huis.dataminimalisatie": (
        "Wat je niet opslaat, kan ook niet lekken: we ruimen oude gegevens actief op volgens de archiefregels.",
        "We hebben een begin gemaakt met het opschonen van oude schijven, maar het is nog geen vaste werkwijze.",
    ),
    "eigen-huis.gr_raad": (
        "De raad krijgt jaarlijks een rapportage van de regeling en kan vragen stellen in een gezamenlijke raadsavond.",
        "Raadsleden ervaren een grote afstand tot de regeling; we zoeken naar een betere vorm.",
    ),
    "eigen-huis.afhankelijkheid": (
        "We zijn sterk afhankelijk van enkele grote leveranciers; voor kwaliteitstoezicht missen we slagkracht.",
        "We maken afspraken via inkoopcontracten en vragen om verklaringen, maar kunnen weinig controleren.",
    ),
    "weerbaarheid.rol_waarom_niet": (
        "Wij zien dit vooral als taak van politie en Rijk; de gemeente kan wel doorverwijzen.",
    ),
    "weerbaarheid.kwetsbare_inwoners": (
        "Via voorlichtingsavonden met politie en een bank voor oudere inwoners, en lessen op basisscholen.",
        "Samen met welzijnsorganisaties bereiken we ouderen; jongeren bereiken we nog slecht.",
    ),
    "weerbaarheid.ondernemers": (
        "Met het ondernemersloket organiseren we bijeenkomsten over phishing en ransomware.",
        "Nog weinig; ondernemers vinden hun weg vooral zelf via de brancheorganisaties.",
    ),
    "weerbaarheid.handelingsperspectief": (
        "Ervaringsverhalen van slachtoffers werken beter dan algemene campagnes.",
        "Een landelijke campagne met lokale ambassadeurs zou helpen.",
    ),
    "crises.trainen_nodig": (
        "Tijd en capaciteit: de crisisorganisatie oefent nu vooral fysieke scenario's.",
        "Een regionaal oefenprogramma waarin een cyberscenario vast onderdeel is.",
    ),
    "crises.regie": (
        "De burgemeester neemt de regie in de veiligheidsregio en agendeert digitale ontwrichting in het algemeen "
        "bestuur.",
        "De regie ligt nog niet duidelijk; de opschalingsstructuur bij een cybercrisis moet verhelderd worden.",
    ),
    "crises.informatiepositie": (
        "De informatie komt vooral van de politie; we hebben zelf nauwelijks bevoegdheden voor online monitoring.",
        "In de driehoek zijn afspraken gemaakt om signalen over online oproepen snel te delen.",
    ),
    "crises.verwachtingen_inwoners": (
        "Inwoners verwachten dat de gemeente ook hun digitale veiligheid garandeert; dat kunnen we niet alleen.",
        "We communiceren eerlijk wat de gemeente wel en niet kan doen bij een digitale crisis.",
    ),
}

# Lessons and quotes the demo marks, keyed by question id: (kind, speaker role, consent).
DEMO_MARKS = (
    ("leiderschap.eigenaarschap", "les", None, "niet_publiceren"),
    ("eigen-huis.losgeld", "citaat", "burgemeester", "anoniem"),
    ("eigen-huis.dataminimalisatie", "les", None, "niet_publiceren"),
    ("crises.informatiepositie", "citaat", "adviseur_oov", "anoniem"),
    ("weerbaarheid.kwetsbare_inwoners", "les", None, "niet_publiceren"),
    ("europa.gemeenschappelijke_regelingen", "citaat", "burgemeester", "niet_publiceren"),
)
