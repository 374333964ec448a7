"""The word lists and the reaches the events stage's parts share (resources/events/words.tsv)."""
from __future__ import annotations

from ..text.word_forms import folded_word_lists

SUBJECT_WINDOW = 6  # tokens after a trigger in which its subject begins («التقى الرئيس الروسي فلاديمير بوتين»)
TARGET_WINDOW = 8  # tokens after the subject (or the trigger) in which the target begins
ACTOR_REACH = 12  # tokens before (or around) a trigger where its subject, its pair or its place may be
ROLE_COMPLEMENT = 2  # words after a role's head before the name («وزير الإسكان», «أمير منطقة الرياض»)
PREPOSITION_PROCLITICS = ("ب", "ل")  # «بالجنرال», «لموسكو»
CLAUSE_BREAKS = frozenset("،,;؛:.!?؟")  # tokens a target is never looked for past
PUNCTUATION = "،,;؛:"  # between a trigger and the word before it: a clause opens («، رفضت …»)

_WORDS = folded_word_lists("events/words.tsv")
NEGATION = _WORDS["negation"]
FUTURE = _WORDS["future"]
RIGHT_BEFORE = _WORDS["right_before"]
PLACE_BEFORE = _WORDS["place_before"]
PREPOSITIONS = _WORDS["preposition"]
COUNTS = _WORDS["count"]  # «آلاف المحتجين»: words before a group that are not its name
CLAUSE_OPENERS = _WORDS["clause_opener"]
CAUSES = _WORDS["cause"]  # «جراء قصف»: before a verb's form, words that make it a masdar
OWNED = _WORDS["owned"]  # «مواقع داعش», «تصريحات المالكي»: what of an actor an event is done to
AGENT_MARKERS = _WORDS["agent_marker"]  # «على يد», «برصاص»: the agent of a passive follows
LIGHT_VERBS = _WORDS["light_verb"]  # «قام … بزيارة»: the subject of the verb does the masdar
MANNER = _WORDS["manner"]  # «وبشدة», «بشكل عنيف»: written with ب, they say how
MAY = _WORDS["may"]  # «قد تفرض»: before the present, a possibility
SPORT = _WORDS["sport"]  # «المباراة», «اللاعب»: a sentence of sport holds no political event
