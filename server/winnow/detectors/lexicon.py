"""Closed word lists the splice evidence reads: the vocabulary of spam keywords, the words that
make a name take part in a sentence, and the words of an attribution frame.

These are kinds of words, not brands: spam keywords sell money, crypto, loans, gambling and
pills whatever the farm; "the", "at" and "said" govern a name in any English article.
"""

from __future__ import annotations

# Nouns that spam keyword phrases are about, by topic. A story about one of them uses its
# words in its own sentences.
SPAM_TOPICS = {
    topic: frozenset(words.split())
    for topic, words in {
        "loans": """loan loans payday lender lenders mortgage mortgages refinance credit debt cash
        advance installment title pawn insurance quote quotes""",
        "gambling": """casino casinos slot slots poker betting bet bets sportsbook gambling
        jackpot jackpots roulette blackjack baccarat bingo lottery spins bonus bonuses wager
        wagering odds pokies bookmaker bookmakers sportsbooks parlay parlays sweepstakes""",
        "crypto": """crypto cryptocurrency bitcoin btc ethereum eth altcoin altcoins token tokens
        nft nfts airdrop airdrops blockchain defi wallet wallets exchange exchanges coin coins
        mining staking memecoin memecoins presale presales dogecoin stablecoin stablecoins ico
        icos""",
        "trading and wealth": """forex fx trading trader traders trade signals binary options
        stocks stock shares penny investment investments invest investing profit profits
        income earn earnings yield passive wealth money rich millionaire fund funds portfolio
        dividend dividends broker brokers brokerage course courses plan plans strategy
        strategies robot bot bots""",
        "pills": """pills pill supplement supplements gummies keto diet weight loss fat burner cbd
        hemp viagra cialis pharmacy meds testosterone detox capsules capsule tramadol modafinil
        armodafinil adderall xanax valium phentermine oxycodone hydrocodone sildenafil tadalafil
        vardenafil levitra kamagra nootropic nootropics kratom garcinia collagen probiotic
        probiotics ashwagandha booster boosters enhancement erectile slimming steroids sarms
        suppressant""",
    }.items()
}
# Topics whose words every business story uses ("stocks", "money", "plan"): a story that uses
# them says nothing about whether an investment scheme's keyword is its own.
EVERYDAY_TOPICS = frozenset({"trading and wealth"})
SPAM_TOPIC_WORDS = frozenset().union(*SPAM_TOPICS.values())
# Words that dress a spam keyword up ("cheap", "best ... online", "... near me").
SPAM_MODIFIERS = frozenset(
    """
    cheap cheapest best top free fast instant quick easy guaranteed legit trusted discount
    online buy order review reviews today now uk usa near me beginners high low no check
    approval same day bad new official codes code app apps 2023 2024 2025 2026 real generic
    prescription shipping delivery overnight discreet deposit organic natural personal instantly
    affordable lowest
    """.split()
)
# Small words a keyword phrase strings its words together with.
SPAM_JOINERS = frozenset({"for", "with", "without", "in", "of", "and", "to", "no"})
# A word before a name that makes it a part of the sentence: determiners, prepositions and
# verbs that take it as their object. A spliced phrase follows whatever word was there.
PREPOSITIONS = frozenset(
    "of at by for with from to in on into onto about against between among under over".split()
)
GOVERNING_WORDS = PREPOSITIONS | frozenset(
    """
    the a an this that these those its their his her our your
    every each some any both another several many most such whose
    told asked called named joined visited praised criticized sued hired led left met
    said says say
    """.split()
)
# Titles a person's name follows ("Chief Minister Arvind Kejriwal"): the name after one is a
# person the sentence writes about, not a longer name a brand was spliced into...
ROLE_TITLES = frozenset(
    """
    sir dame lord lady president vice prime minister secretary chancellor premier governor
    mayor senator representative congressman congresswoman councillor councilman
    councilwoman judge justice attorney colonel captain lieutenant sergeant admiral detective
    commissioner sheriff ambassador king queen prince princess pope bishop archbishop cardinal
    rabbi imam coach chairman chairwoman ceo spokesman spokeswoman spokesperson professor
    """.split()
)
# ...and their short forms, which a full stop may end ("Dr. Patel", "Sen. Warren"); a full
# word before a full stop ends a sentence ("met the president. X said").
ROLE_ABBREVIATIONS = frozenset("mr mrs ms dr prof gov sen rep col capt lt sgt gen".split())
# The small words inside a person's name, before its next capitalised part ("Mohammed bin
# Salman", "Lula da Silva"): a phrase before one is a name's first part. An article may follow
# one ("Ursula von der Leyen"), but never starts a name's tail: "der", "le" or "la" before a
# capitalised word is a German noun or a French name, not a particle.
NAME_PARTICLES = frozenset("bin binti bint ibn van von de da di del della dos das du".split())
NAME_PARTICLE_ARTICLES = frozenset("der den la le".split())
# A noun that names the word after it as a code or a handle ("promo code X", "ticker X"; not
# "handle", also a verb a spliced brand may follow: "how to handle X"), or a stock exchange
# that names it as a listed company's ticker ("(NASDAQ: X)", "NYSE: X"); and the marks that make
# a word a handle or a hashtag ("@X", "#X").
NAMING_WORDS = frozenset(
    """
    code hashtag ticker username
    nyse nasdaq amex lse tsx tsxv asx hkex sgx otc otcqx otcqb euronext xetra tse jse krx twse
    """.split()
)
NAMING_MARKS = ("@", "#")
# A verb after a name makes it the subject of its clause.
FOLLOWING_VERBS = frozenset(
    """
    said says say has have had is was were are will would could should can may might
    announced reported added told plans planned wants wanted declined agreed argued
    denied confirmed expects expected warned noted wrote did does made makes became
    """.split()
)
# FOLLOWING_VERBS and more verbs that a name acts with in a story's sentences ("Balmond Studio
# creates an optical illusion"), read only to tell a kicker the article writes about: a spliced
# brand is put beside a sentence's words, never made their subject.
ACTING_VERBS = FOLLOWING_VERBS | frozenset(
    """
    creates created launches launched opens opened offers offered uses used shows showed
    provides provided leads led runs ran builds built sells sold hosts hosted produces produced
    develops developed designs designed releases released introduces introduced unveils
    unveiled won wins lost loses began begins started starts ended ends raised raises received
    receives hired hires joined joins left leaves bought buys acquired acquires owns owned
    operates operated employs employed makes works worked helps helped brings brought gives
    gave takes took tells needs needed believes believed described describes called calls
    filed files issued issues posted posts shared shares became becomes remains remained
    continues continued returned returns presented presents performed performs played plays
    features featured focuses focused explores explored aims aimed seeks sought
    """.split()
)
# The words of an aside that cites a source, on either side of its name: ", according to X,",
# ", per X,", ", says X,", ", X said,", ", as X noted,".
CITING_WORDS = frozenset(
    """
    according to per via as said says say reported reports noted notes wrote writes told tells
    claimed claims stated states added adds explained explains
    """.split()
)
# Words that attribute a sentence to a source: the citing words, and those around a source's
# name ("by the analysts at X", "sources from X").
ATTRIBUTION_WORDS = CITING_WORDS | frozenset("by from sources source analysts at of the".split())
# News agencies in a dateline: "(AP)", "(Reuters)".
AGENCIES = frozenset({"ap", "reuters", "afp", "dpa", "upi", "cnn", "bbc", "efe", "ians", "pti"})
# Words that end the name of a firm or of a newsletter ("... Capital", "... Markets View",
# "... Daily Brief"): a line under the headline that holds one names an organisation, where a
# real line names a person, a section or a date. Kinds of names, not brands; the words of the
# big newspapers' own names ("News", "Times", "Post", "Press") are left out, since a real line
# credits them ("Associated Press", "Bloomberg News").
ORGANISATION_WORDS = frozenset(
    """
    capital markets market holdings group partners associates ventures finance financial fund
    funds investments investing advisors advisers advisory securities management asset assets
    wealth trust bank banking equity equities trading traders exchange coin crypto fintech
    payments pay lending loans insurance research insights analytics intelligence labs lab
    institute academy solutions systems technologies tech digital media network networks hub
    global international industries enterprises consulting consultants agency studio company
    corp corporation inc llc ltd plc gmbh club bet casino pharma health wellness direct
    daily weekly brief briefing digest desk wire newswire insider watch view views report
    bulletin signals alerts official site online
    """.split()
)
# How a sponsor discloses itself under a headline: a real line, not a spliced brand.
SPONSOR_PREFIXES = (
    "sponsored by",
    "sponsored content",
    "presented by",
    "paid content",
    "paid for by",
    "paid post",
    "in partnership with",
    "in association with",
    "brought to you by",
    "supported by",
    "partner content",
    "advertisement",
    "promoted by",
)
