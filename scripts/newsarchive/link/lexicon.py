"""Word lists that entity discovery leans on. Small and general: no list names any entity of a corpus."""

from __future__ import annotations

from functools import cache
from importlib import resources

_WORDS = str.split

#: Capitalised words that are never names on their own.
STOP = frozenset(
    _WORDS(
        """
        monday tuesday wednesday thursday friday saturday sunday
        january february march april may june july august september october november december
        jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
        today tonight tomorrow yesterday now then soon later earlier recently currently finally
        i i'm i've i'd i'll me my mine we our us you your he him his she her it its they them their
        this that these those there here what which who whom whose when where why how whether
        the a an and or but nor so yet for of in on at by to from with without into onto over under
        after before during since until while as if though although because unless
        all any both each every either neither many much more most some such no not none only just
        also even still already again very really quite too ever never always often sometimes
        yes yeah ok okay oh ah hey hi hello thanks thank please wow lol haha hmm uh um
        mr mrs ms miss dr prof sir dame lord lady madam mx
        one two three four five six seven eight nine ten first second third last next new old
        however moreover meanwhile furthermore nevertheless therefore thus indeed instead otherwise
        update updated editor's note photo image video source sources via read more click comments comment
        reply replies share tweet like likes posted written published advertisement sponsored
        am pm et pt gmt utc bst cet est pst edt pdt
        """
    )
)

#: Words that often open a sentence just before a name ("Despite Nokia's…", "Unlike Apple…"): when a
#: corpus never writes them in lower case, these still say they are not part of the name.
OPENERS = frozenset(
    _WORDS(
        """
        about above according across after against ahead along alongside amid amidst among amongst around
        as aside asked back behind below beneath beside besides between beyond but by concerning considering
        despite down during except excluding following given including inside like minus near nearby
        notwithstanding off onto opposite outside past per plus regarding round save speaking than through
        throughout till toward towards underneath unlike up upon versus via within yet
        additionally again alas apparently arguably basically certainly clearly consequently conversely
        crucially especially essentially evidently fortunately hopefully ideally importantly initially
        interestingly ironically likewise luckily naturally notably obviously oddly overall perhaps
        personally presumably previously reportedly sadly similarly specifically strangely surely together
        traditionally ultimately unfortunately unsurprisingly whereas whilst
        asking citing calling noting saying adding describing explaining insisting pointing praising
        tell ask meet thank welcome congratulations dear
        """
    )
)

#: Acronyms that are common nouns, not names.
COMMON_ACRONYMS = frozenset(
    _WORDS(
        """
        ceo cfo cto coo cio cmo evp svp vp md
        oem os pc pcs tv ai api apis usb gps hd lte cdma gsm faq pdf html url urls rss ui ux
        ipo m&a r&d pr hr it ok fyi asap aka etc diy dna gdp ceo's lcd led ram cpu gpu ssd
        am pm gmt utc bst est pst edt pdt cet
        """
    )
)

#: Nouns of a role: "Nokia CEO, Stephen Elop", "Investment analyst, Adnaan Ahmad".
ROLES = frozenset(
    _WORDS(
        """
        ceo cfo cto coo cio cmo chairman chairwoman chair president vice-president founder co-founder cofounder
        analyst spokesman spokeswoman spokesperson director minister secretary editor editor-in-chief reporter
        correspondent columnist professor manager head chief executive officer engineer designer developer
        senator governor mayor king queen prince princess pope judge lawyer attorney economist researcher
        scientist author writer coach captain leader chancellor premier ambassador commissioner employee
        boss owner investor partner evangelist strategist consultant advisor adviser representative
        spokesperson principal dean chancellor treasurer vp svp evp md
        """
    )
)

#: Words that may stand before a role noun inside a role: "vice", "chief executive", "investment".
ROLE_MODIFIERS = frozenset(
    _WORDS(
        """
        vice deputy assistant associate senior junior chief executive general managing former ex acting
        interim lead principal global regional national international financial technology technical
        marketing sales product investment research industry equity security policy foreign prime
        """
    )
)

#: Honorifics before a person's name.
HONORIFICS = frozenset(_WORDS("mr mrs ms miss dr prof sir dame lord lady sen rep gov gen col capt rev"))
#: A company's legal form, which follows its name ("Quimbly Inc"): no name by itself.
LEGAL_FORMS = frozenset(_WORDS("inc corp ltd llc llp plc gmbh pty"))

EVENT_WORDS = frozenset(
    _WORDS(
        """
        congress conference summit briefing expo exhibition festival fair show olympics games cup
        championship championships awards forum convention keynote hackathon meeting assembly
        election elections war week day tour launch event symposium workshop battle siege massacre revolution
        uprising rebellion earthquake carnival jubilee parade marathon gala pageant fest fiesta regatta tournament
        playoffs month prize award medal trophy
        """
    )
)
#: A name's first word that makes it an event: a storm's, an operation's ("Hurricane Quimbly", "Operation Harbour").
EVENT_FIRST_WORDS = frozenset(_WORDS("hurricane cyclone typhoon operation"))
#: A ship's prefix before its name ("USS Quimbly", "HMS Velmora"): a vessel, as a product is a made thing.
SHIP_PREFIXES = frozenset(_WORDS("USS HMS RMS HMCS HMAS HMNZS"))

ORG_WORDS = frozenset(
    _WORDS(
        """
        bank inc inc. corp corp. corporation ltd ltd. llc plc gmbh ag sa group company co co. holdings
        university college school institute academy ministry department agency association foundation
        council party committee commission bureau authority board union society trust fund partners
        capital securities ventures media times post journal news press herald tribune telegraph guardian
        labs laboratories systems technologies technology software networks communications telecom
        airlines airways motors industries international club fc team police army navy court parliament
        government office productions studios entertainment records publishing publishers magazine
        gazette chronicle observer examiner inquirer courier bulletin transit
        """
    )
)

#: Nouns that follow a product's name: "Windows Phone 7 devices", "Bing search".
PRODUCT_NOUNS = frozenset(
    _WORDS(
        """
        device devices phone phones handset handsets smartphone smartphones tablet tablets software
        platform platforms app apps application applications service services search engine browser
        os console consoles store solutions solution system systems model models version versions
        update updates release edition brand chip chips processor laptop laptops camera cameras
        """
    )
)

#: A name's last word that makes it a place: a street or a road, a building, a venue (a "center", as a stadium or a
#: museum is), or a stretch of land or water.
PLACE_WORDS = frozenset(
    _WORDS(
        """
        street avenue road boulevard lane square plaza bridge tunnel tube park gardens cemetery cathedral abbey
        mosque temple palace castle tower hall museum river lake mountain mountains valley island islands bay beach
        coast county province district city town village airport station harbour harbor hill hills forest desert
        sea ocean peninsula canyon falls grounds quarter region empire kingdom republic
        expressway turnpike highway freeway motorway parkway terrace blvd ave hotel lodge inn resort stadium arena
        theater theatre building towers planetarium reserve archipelago plateau pier marina mall center centre
        st rd trail creek crescent quay wharf glacier strait gulf lagoon reef cove springs heights ridge gorge canal
        dam cave caves cliffs fjord marsh volcano junction base
        """
    )
)
#: A name's first word that makes it a place ("Mount Everest", "County Durham"), a road's or an airport's before its
#: number ("Route 66", "Terminal 2"): a number after another name tells a product's version ("Windows Phone 7").
PLACE_FIRST_WORDS = frozenset(_WORDS("mount lake county fort cape isle port route interstate highway terminal"))

#: Common place names: countries, continents and regions. A curated file adds the rest.
PLACES = frozenset(
    name.strip().lower()
    for name in """
    Afghanistan,Albania,Algeria,Argentina,Armenia,Australia,Austria,Azerbaijan,Bangladesh,Belarus,Belgium,
    Bolivia,Bosnia,Brazil,Bulgaria,Cambodia,Cameroon,Canada,Chile,China,Colombia,Croatia,Cuba,Cyprus,
    Czechia,Czech Republic,Denmark,Ecuador,Egypt,England,Estonia,Ethiopia,Finland,France,Georgia,Germany,
    Ghana,Greece,Hungary,Iceland,India,Indonesia,Iran,Iraq,Ireland,Israel,Italy,Japan,Jordan,Kazakhstan,
    Kenya,Korea,South Korea,North Korea,Kosovo,Kuwait,Latvia,Lebanon,Libya,Lithuania,Luxembourg,Malaysia,
    Mexico,Moldova,Mongolia,Morocco,Nepal,Netherlands,New Zealand,Nigeria,Norway,Pakistan,Palestine,Peru,
    Philippines,Poland,Portugal,Qatar,Romania,Russia,Saudi Arabia,Scotland,Serbia,Singapore,Slovakia,
    Slovenia,Somalia,South Africa,Spain,Sri Lanka,Sudan,Sweden,Switzerland,Syria,Taiwan,Tanzania,Thailand,
    Tunisia,Turkey,Uganda,Ukraine,United Arab Emirates,United Kingdom,Britain,Great Britain,United States,Uruguay,Uzbekistan,
    Venezuela,Vietnam,Wales,Yemen,Zambia,Zimbabwe,U.S.,U.K.,US,UK,USA,UAE,EU,Europe,Asia,Africa,
    America,North America,South America,Latin America,Antarctica,Oceania,Middle East,Scandinavia,
    Silicon Valley,London,Paris,Berlin,Madrid,Rome,Tokyo,Beijing,Shanghai,Hong Kong,Moscow,New York,
    Washington,San Francisco,Los Angeles,Chicago,Seattle,Boston,Toronto,Sydney,Mumbai,Delhi,Dubai,
    Barcelona,Amsterdam,Brussels,Helsinki,Stockholm,Oslo,Copenhagen,Vienna,Zurich,Geneva,Seoul,Taipei,
    Bangalore,Cupertino,Redmond,Espoo,Las Vegas,Austin,Dublin,Edinburgh,Manchester,Munich,Frankfurt
    """.split(",")
    if name.strip()
)

#: Connectors that may join two capitalised parts of one name.
PARTICLES = frozenset(_WORDS("de van von der den du la le del della da di bin al"))
JOINERS = frozenset(_WORDS("and & of for"))

#: Verbs that introduce or close a quotation: "said Ballmer", "Elop says".
SPEECH_VERBS = frozenset(
    _WORDS(
        """
        said says say added adds explained explains wrote writes told tells stated states noted notes
        continued continues claimed claims insisted insists argued argues admitted admits warned warns
        declared declares remarked remarks commented comments asked asks replied replies announced announces
        """
    )
)


@cache
def given_names() -> frozenset[str]:
    """Given names, in capitals: the first names of the 1990 United States census (5,494, public domain), as the
    ``names`` package ships them. A name that opens with one is most often a person's ("Jean Quimbly")."""
    found: set[str] = set()
    for part in ("dist.male.first", "dist.female.first"):
        text = resources.files("names").joinpath(part).read_text("ascii")
        found.update(line.split()[0] for line in text.splitlines() if line.strip())
    return frozenset(found)
