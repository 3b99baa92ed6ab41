"""Words that carry no subject: left out of the index and out of queries, on every engine."""

from __future__ import annotations

# Snowball's Swedish stop words (the list of PostgreSQL's 'swedish' configuration).
_SNOWBALL = """
    och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
    icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde
    något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under
    någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev
    oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom mellan
    sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era
    vilkas
"""
# Question words, modal and light verbs and filler of natural-language questions ("hur kan vi
# arbeta med hemmasittare?", "finns det några exempel på ..."): a case must not be ranked down
# for lacking them. Content words stay out of this list: "arbete" is a subject, "arbeta" in a
# question is not; "hjälp", "stöd", "unga" are subjects.
_QUESTIONS = """
    vilkens vilket vilkas varifrån varthän hurdan hurudan
    får få fick fått kunna kunnat ska skall bör borde måste vill ville går gå gick
    finns fanns funnits göra gör gjorde gjort görs arbeta jobba kommer
    någon något några många flera fler mer mest också även samt hos ifrån bland
    bra goda god gott exempel tips sätt t ex tex etc osv bl a bla
"""
STOP_WORDS: frozenset[str] = frozenset(_SNOWBALL.split()) | frozenset(_QUESTIONS.split())

# Words that say whose situation a question is about or that it wants a change, not what it is
# about: left out of a query that is a question ("hur kan vi minska ungdomsarbetslösheten i en
# liten kommun?" is about ungdomsarbetslöshet). Still indexed, and still searched in a query that
# is not a question ("liten kommun", "minska matsvinn").
_FILLER = """
    kommun kommuner kommunen kommunerna andra liten litet lilla små stor stort stora minska
    minskar öka ökar förbättra förbättrar använda använder nå når hjälpa hjälper lyckas lyckats
"""
QUESTION_FILLER: frozenset[str] = frozenset(_FILLER.split())
# Words that make a query a question.
_QUESTION = "hur vad varför vilka vilken vilket när vem vart finns kan går"
QUESTION_WORDS: frozenset[str] = frozenset(_QUESTION.split())
