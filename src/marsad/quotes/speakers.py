"""Who said it, to whom, and who passed it on.

The speaker is the named subject after the cue (Arabic puts the verb first: «وقال الرئيس الروسي»), just before
it («بوتين قال»), or after «عن» when the cue relays («ونقلت الوكالة عن مسؤول قوله»); a person named after a role of
an organisation wins over it («رئيس القسم … الأستاذ إبراهيم رديني»). With no subject («وأضاف:», «وأكد أنه …»), the
speaker of the last statement whose cue agrees in gender (أضاف / أضافت) carries over, named or not; a document
(«وأضاف البيان») speaks for the last speaker. The addressee is a name with ل right after («وقال بوتين لتشانج») or
after a noun of address and إلى/مع/ل («في رسالة إلى …», «خلال اتصال هاتفي مع …»)."""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from ..document import Document, Entity, Token
from ..text.normalise import fold
from .cues import (ADDRESS, FROM_PRONOUN, HONORIFIC_PRONOUN, KIN, NOT_SPEECH, NOT_SUBJECT, RELATIVE, SAYING, SOURCE_NOUN,
                   STATEMENT, TO, TOPIC, FROM, clause_only, cue_of, cue_start, is_complementizer, is_from, relays,
                   without_conjunction)
from ..mentions import MentionIndex, Named
from .spans import CLAUSE_COMMAS, QUOTE_MARKS, SENTENCE_FINAL

SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE"})
SUBJECT_WINDOW = 5  # tokens after a cue in which its subject begins («وقال وزير الخارجية السعودي عادل الجبير»)
SUBJECT_REACH = 16  # tokens after a cue in which a person named after an organisation's role may follow it
ADDRESSEE_PREFIX = "ل"  # «لتشانج»
ADDRESS_WINDOW = 8  # tokens after the speaker in which a noun of address and its addressee come
MAX_QUOTED_NAME = 6  # tokens of a name in quote marks after ل («لـ "الاقتصادية"»)
ROLE_BEFORE_NAME = 4  # tokens of a role before the addressee's name («للرئيس المصري عبد الفتاح السيسي»)
CARRY_TOKENS = 250  # a speaker carries over to a cue with no subject this many tokens on, not to a later story
ROLE_HOLDER_REACH = 5_000  # tokens back in which «الوزير» finds the minister named before (a long article; a text
# of many stories does not scan them all at every cue)
OWNER_REACH = 4  # tokens from a statement noun to the body it belongs to («التقرير الـ 50 لمؤسسة النقد»)
UNNAMED_BEFORE = 3  # words of an unnamed subject before its cue («مصادر موثوقة أكدت»)
SOUND_PLURAL = "ون"  # «مسؤولون»: a subject's plural ending, lost in a construct
ARTICLE = "ال"
BODIES = frozenset({"ORG", "GPE"})
WRITER = "i"  # the gender of «قلت»: the article's writer speaks
MASCULINE, FEMININE, PLURAL = "m", "f", "p"
BARE = ("", "و", "ف")  # the proclitics a subject may carry («فالوزير»), not a preposition  # who issues a statement («وأضاف البيان»)


@dataclass(slots=True)
class Said:
    speaker: Entity | None
    text: str | None  # the words that name the speaker here (or, carried over with no entity, where they did)
    addressee: Entity | None
    carried: bool = False
    source: Named | str | None = None  # who relayed it: the subject of «نقلت … عن»


@dataclass(slots=True)
class Last:
    entity: Entity | None
    words: str | None
    at: int  # the cue's token
    source: Named | str | None = None  # who relayed them («ونقل موقع النادي عنه قوله …»; «وأضاف:» goes on relayed)


def ends_subject(tok: Token) -> bool:
    return tok.norm in SENTENCE_FINAL or tok.norm in QUOTE_MARKS or tok.norm == ":" or is_complementizer(tok)


def subject(tokens: Sequence[Token], c: int, index: MentionIndex, stop: int, before: bool = True) -> Named | None:
    """The speaker named after the cue (before token `stop`, where the words said begin), else right before it."""
    reach = min(stop, len(tokens), c + 1 + SUBJECT_REACH)
    addressed_to = -1  # the last token of a name after ل («وقال المصدر لوكالة "فرانس برس"»): the addressee's
    for j in range(c + 1, min(reach, c + 1 + SUBJECT_WINDOW)):
        tok = tokens[j]
        if tok.norm in QUOTE_MARKS and stop < len(tokens):
            continue  # the words said begin at `stop`: marks before are a name's («وقال لـ "الاقتصادية" مازنونيتش "…"»)
        if ends_subject(tok):
            break
        if j > c + 1 and in_construct(tokens[j - 1], tok):
            return None  # «وأبلغ مسؤولون النادي»: someone unnamed speaks
        found = index.beginning.get(j)
        if ADDRESSEE_PREFIX in (tok.prefix, tok.norm):
            close = next((k for k in range(j + 2, min(reach, j + 2 + MAX_QUOTED_NAME)) if tokens[k].norm in QUOTE_MARKS), j) \
                if j + 1 < len(tokens) and tokens[j + 1].norm in QUOTE_MARKS else j  # «لوكالة "فرانس برس"»
            addressed_to = max(addressed_to, found.last if found is not None else j, close)
            continue
        if found is not None and found.entity.type in SPEAKER_TYPES and j > addressed_to:
            if found.entity.type == "PERSON" or j == c + 1:
                return found
            if described(tokens, c, j, index):
                return None  # «كشف عمر المهنا رئيس لجنة الحكام»: a person the entities missed, then their role
            return person_after(tokens, found, index, reach)
        if without_article(tok) in KIN:
            return None  # «وقالت والدة فانينج»: someone unnamed speaks
    if c + 1 < len(tokens) and tokens[c + 1].is_word and not is_subjectless(tokens[c + 1]):
        # a long title or description before the name: «وأكد معالي أمين العاصمة المقدسة الدكتور أسامه البار»,
        # «ويقول مشغل جهاز التحكم في الروبوت والمسؤول على برمجته توماس كراميرس، إنه»
        titled = c + 1 in index.role_starts
        for j in range(c + 1 + SUBJECT_WINDOW, reach):
            tok = tokens[j]
            if ends_subject(tok) or tok.norm in CLAUSE_COMMAS or titled and is_subjectless(tok):
                break
            found = index.beginning.get(j)
            if found is not None and found.entity.type == "PERSON" and (titled or said_next(tokens, found.last, stop)):
                return found
    if not before or cue_start(tokens[c]) != tokens[c].start:
        return None  # (a name before «وقال» ends the clause before it)
    back = c - 1
    if back > 0 and tokens[back].norm in RELATIVE:  # «النائب محمد ساندو، الذي قال»: the name before
        back -= 2 if back > 1 and tokens[back - 1].norm in CLAUSE_COMMAS else 1
    found = index.ending.get(back)
    if found is None or found.entity.type not in SPEAKER_TYPES or tokens[found.first].prefix not in BARE:
        return None
    if "\n" in index.text[tokens[back].end:tokens[c].start]:
        return None  # a dateline or the paragraph before («الرياضي ـ جدة\n\nأكد القائمون …»)
    if found.first > 0 and without_conjunction(tokens[found.first - 1].norm) in TOPIC:
        return None  # «وعن معسكر الفريق في النمسا قال:», «عبر وسائل الإعلام التي قالت»
    return found


def described(tokens: Sequence[Token], c: int, j: int, index: MentionIndex) -> bool:
    """An organisation's name at token `j` after a role («رئيس لجنة الحكام», «المحلل في بنك …») that words of no
    role precede («عمر المهنا», «جينز نارفيغ»): a name, and the organisation theirs."""
    role = next((k for k in (j - 1, j - 2) if k > c + 1 and k in index.role_starts), None)
    return role is not None and all(tokens[k].is_word and k not in index.in_roles for k in range(c + 1, role))


def said_next(tokens: Sequence[Token], last: int, stop: int) -> bool:
    """Nothing but punctuation between a name's last token and the words said."""
    return all(not tokens[k].is_word for k in range(last + 1, min(stop, len(tokens))))


def person_after(tokens: Sequence[Token], found: Named, index: MentionIndex, reach: int) -> Named:
    """«رئيس القسم والمشرف على البعثة الأستاذ إبراهيم رديني»: the person a role of the organisation leads to."""
    for j in range(found.last + 1, reach):
        if ends_subject(tokens[j]) or tokens[j].norm in CLAUSE_COMMAS:
            break
        person = index.beginning.get(j)
        if person is not None and person.entity.type == "PERSON":
            return person
    return found


def in_construct(before: Token, tok: Token) -> bool:
    """«مسؤولون النادي»: an indefinite plural that keeps its ن is in no construct, and no adjective after it is
    definite, so the definite word after it is its object (not «الشؤون التعليمية»)."""
    return (before.norm.endswith(SOUND_PLURAL) and before.prefix in BARE and not before.stem.startswith(ARTICLE)
            and tok.stem.startswith(ARTICLE))  # (not «لشؤون البيئة»)


def without_article(tok: Token) -> str:
    stem = tok.stem or tok.norm
    return stem[2:] if stem.startswith("ال") and len(stem) > 4 else stem


def addressee(tokens: Sequence[Token], after: int, index: MentionIndex, stop: int) -> Entity | None:
    """A name with ل right after the speaker (or the cue): «وقال بوتين لتشانج» (not «الشركة المملوكة لمجموعة …»);
    or after a noun of address and إلى/مع/ل before the words said («في رسالة إلى …», «في تصريحات لـ«عكاظ»»)."""
    j = after + 1
    if j + 1 < len(tokens) and tokens[j].norm == ADDRESSEE_PREFIX:  # «وقال لـ "الاقتصادية"», «أكدت لـ«الشرق الأوسط»»
        j += 1 + (tokens[j + 1].norm in QUOTE_MARKS)
    elif j >= len(tokens) or tokens[j].prefix != ADDRESSEE_PREFIX:
        j = -1
    if j >= 0 and (found := index.beginning.get(j)):
        return found.entity if found.entity.type in SPEAKER_TYPES else None
    for j in range(after + 1, min(stop, len(tokens), after + 1 + ADDRESS_WINDOW)):
        tok = tokens[j]
        if ends_subject(tok) or tok.norm not in ADDRESS or tokens[j - 1].norm in ADDRESS:
            continue
        if tokens[j - 1].norm in NOT_SPEECH:
            break  # «بعد اتصال هاتفي مع …»: after a call, not in it
        k = j + 1  # «تصريحات» «ل» «عكاظ» or «تصريح» «لعكاظ» or «اتصال» «هاتفي» «مع» «…»
        while k < min(stop, len(tokens)) and (tokens[k].norm in ADDRESS or tokens[k].norm in QUOTE_MARKS):
            k += 1
        if k < len(tokens) and (tokens[k].norm in TO or tokens[k].norm == ADDRESSEE_PREFIX):
            k += 1
            while k < len(tokens) and tokens[k].norm in QUOTE_MARKS:
                k += 1
        elif k >= len(tokens) or tokens[k].prefix != ADDRESSEE_PREFIX:
            continue
        found = index.beginning.get(k)
        if found is None and k in index.role_starts:  # «في برقية للرئيس المصري عبد الفتاح السيسي»
            named = [index.beginning[m] for m in range(k + 1, min(stop, k + 1 + ROLE_BEFORE_NAME)) if m in index.beginning]
            found = next((n for n in named if n.entity.type == "PERSON"), named[0] if named else None)
        if found is not None and found.entity.type in SPEAKER_TYPES:
            return found.entity
    return None


class Speakers:
    """Speakers in text order, remembering the last one named for each gender of cue."""

    def __init__(self, doc: Document, index: MentionIndex) -> None:
        self.tokens = doc.tokens
        self.text = doc.text
        self.index = index
        self.last: dict[str, Last] = {}  # gender of cue -> the last speaker named
        self.latest: Last | None = None  # of either gender
        self.body: Last | None = None  # the last organisation or country: whom «وأضاف البيان» speaks for
        self.persons = sorted(k for k, named in index.ending.items() if named.entity.type == "PERSON")

    def statement(self, c: int) -> None:
        """A cue that introduces no quote («أكد بوتين على …», «وأبدى رئيس هجر ليونة») still names who speaks next."""
        cue = cue_of(self.tokens[c])
        if cue is None or cue.participle or relays(cue) or clause_only(self.tokens[c]):
            return
        found = subject(self.tokens, c, self.index, len(self.tokens))
        if found is not None:
            self.remember(cue.gender, Last(found.entity, None, c))
        elif (unnamed := unnamed_subject(self.tokens, c, len(self.tokens))) is not None and self.names_someone(unnamed):
            self.remember(cue.gender, Last(None, self.words(unnamed), c))

    def names_someone(self, span: tuple[int, int]) -> bool:
        """«وأبدى رئيس هجر ليونة»: a role or a source noun begins the words after a statement's cue (not «نفى صحة ما
        تم تداوله», its object)."""
        return span[0] in self.index.role_starts or without_article(self.tokens[span[0]]) in SOURCE_NOUN

    def remember(self, gender: str, last: Last) -> None:
        self.last[gender] = last
        self.latest = last
        if last.entity is not None and last.entity.type in BODIES:
            self.body = last

    def words(self, span: tuple[int, int]) -> str:
        return self.text[self.tokens[span[0]].start:self.tokens[span[1]].end]

    def carried(self, gender: str, c: int) -> Last | None:
        """The last speaker of the cue's gender; a plural cue takes a masculine one too («ويرى المختصون أن …، وقالوا
        إن …»: a verb before its plural subject is singular)."""
        last = self.last.get(gender) or (self.last.get(MASCULINE) if gender == PLURAL else None)
        return last if last is not None and c - last.at <= CARRY_TOKENS else None

    def of(self, c: int, stop: int) -> Said:
        """Speaker and addressee of the quote the cue at token `c` introduces, its words beginning at token `stop`."""
        cue = cue_of(self.tokens[c])
        gender = cue.gender if cue is not None else MASCULINE
        if cue is not None and relays(cue):
            relayed = self.relayed(c, stop)
            if relayed is not None:
                return relayed
        return self.said(c, c, stop, gender)

    def said(self, c: int, at: int, stop: int, gender: str) -> Said:
        """The speaker named after token `at` (the cue, or the «عن» of a relay), else carried over."""
        if gender == WRITER:
            return Said(None, None, None)  # «فقلت: …»: the writer, no entity
        cue = cue_of(self.tokens[c])
        own = cue is None or not cue.participle or at != c  # «مؤكدا استعداد موسكو»: a participle's noun is its object
        found = subject(self.tokens, at, self.index, stop, before=at == c) if own else None
        if found is not None:
            self.remember(gender, Last(found.entity, None, c))
            right_after = self.tokens[at + 1]  # «وقال لـ"الاقتصادية" مازنونيتش»: the addressee before the speaker
            early = found.mention.start > right_after.end and ADDRESSEE_PREFIX in (right_after.norm, right_after.prefix)
            first = self.addressee(at, stop) if early else None
            if first is not None and first is not found.entity:
                return Said(found.entity, self.text[found.mention.start:found.mention.end], first)
            return Said(found.entity, self.speaker_text(at, found), self.addressee(max(found.last, at), stop))
        carried = self.carried(gender, c)
        unnamed = (unnamed_subject(self.tokens, at, stop, self.index.role_starts) or self.unnamed_before(c)) if own else None
        if unnamed is not None:
            words = self.words(unnamed)
            if carried is not None and carried.entity is not None and holds_role(carried.entity, words):
                # «وأضاف النائب:» after «النائب محمد ساندو»: a role of the last speaker names them again
                return Said(carried.entity, words, None)
            holder = self.role_holder(c, words) if unnamed[0] in self.index.role_starts else None
            if holder is not None:  # «وقال الوزير» after «وزير الصحة توفيق الربيعة»: the person named with the role
                self.remember(gender, Last(holder, None, c))
                return Said(holder, words, self.addressee(unnamed[1], stop))
            if fold(words) in HONORIFIC_PRONOUN:  # «وأكد سموه أن …»: the last speaker, or the last person named
                person = carried.entity if carried is not None and carried.entity is not None else (
                    (named := self.recent_person(c)) and named.entity)
                if person:
                    self.remember(gender, Last(person, None, c))
                    return Said(person, words, self.addressee(unnamed[1], stop), carried=True)
            if without_article(self.tokens[unnamed[0]]) in STATEMENT:
                owner = self.owner(unnamed[0], stop)  # «وأشار التقرير الـ 50 لمؤسسة النقد»
                definite = self.tokens[unnamed[0]].stem.startswith(ARTICLE)  # «وأضاف البيان»: the one just quoted
                issuer = Last(owner, None, c) if owner else (self.body or self.latest) if definite else None
                if issuer is not None and (issuer.entity is owner or issuer is self.body or c - issuer.at <= CARRY_TOKENS):
                    return Said(issuer.entity, words if issuer.entity is not None else issuer.words, None)
            self.remember(gender, Last(None, words, c))
            return Said(None, words, self.addressee(unnamed[1], stop))
        if carried is None:  # nobody spoke before: the last person named («ومثل ويب أمام المحكمة حيث أكد أنه …»)
            person = self.recent_person(c) if gender in (MASCULINE, FEMININE) else None
            if person is None:
                return Said(None, None, self.addressee(at, stop))
            self.remember(gender, Last(person.entity, None, c))
            return Said(person.entity, None, self.addressee(at, stop), carried=True)
        return Said(carried.entity, None if carried.entity is not None else carried.words,
                    self.addressee(at, stop), carried=True, source=carried.source)

    def relayed(self, c: int, stop: int) -> Said | None:
        """«ونقلت وكالة الأناضول عن مسؤول محلي قوله إن …»: the speaker after «عن», the subject its source;
        «ونقلت عنه صحيفة «الفجر» قوله»: the speaker carried over, the source after the pronoun."""
        tokens = self.tokens
        at = next((j for j in range(c + 1, min(stop, len(tokens))) if is_from(tokens[j])), None)
        if at is None:
            return None
        pronoun = FROM_PRONOUN.get(tokens[at].norm)
        if pronoun is not None:
            person = self.recent_person(c) if pronoun == MASCULINE else None  # «وشعر زانزي بإحباط … ونقل موقع النادي عنه»
            if person is not None:
                self.remember(pronoun, Last(person.entity, None, c))
            said = Said(person.entity, None, None, carried=True) if person else self.said(c, at, at, pronoun)
            if at > c + 1:  # «ونقل موقع النادي عنه», else «ونقلت عنه صحيفة الفجر»
                source = subject(tokens, c, self.index, at, before=False) or self.source_words(c, at)
            else:
                source = subject(tokens, at, self.index, stop, before=False) or self.source_words(at, stop)
        else:
            said = self.said(c, at, stop, MASCULINE)  # (the cue agrees with the relaying subject, not the speaker)
            source = subject(tokens, c, self.index, at, before=False) or self.source_words(c, at)
        said.source = source
        if self.latest is not None and self.latest.at == c:
            self.latest.source = source
        return said

    def owner(self, noun: int, stop: int) -> Entity | None:
        """The body a statement noun belongs to, named right after it with ل or عن («التقرير السنوي لمؤسسة النقد»,
        «بيان صادر عن وزارة الداخلية»)."""
        for j in range(noun + 1, min(stop, len(self.tokens), noun + 1 + OWNER_REACH)):
            found = self.index.beginning.get(j)
            if found is not None and found.entity.type in BODIES and (
                    self.tokens[j].prefix == ADDRESSEE_PREFIX or self.tokens[j - 1].norm in FROM):
                return found.entity
        return None

    def role_holder(self, c: int, words: str) -> Entity | None:
        """The person last named before token `c` who holds the role the words say."""
        persons = self.persons
        for k in reversed(persons[bisect.bisect_left(persons, c - ROLE_HOLDER_REACH):bisect.bisect_left(persons, c)]):
            entity = self.index.ending[k].entity
            if holds_role(entity, words):
                return entity
        return None

    def recent_person(self, c: int) -> Named | None:
        """The last person named before token `c`, not longer ago than a speaker carries over."""
        k = bisect.bisect_left(self.persons, c) - 1
        return self.index.ending[self.persons[k]] if k >= 0 and c - self.persons[k] <= CARRY_TOKENS else None

    def unnamed_before(self, c: int) -> tuple[int, int] | None:
        """«فإن مصادر موثوقة أكدت»: a source noun and its words just before the cue."""
        for k in range(c - 1, max(-1, c - 1 - UNNAMED_BEFORE), -1):
            tok = self.tokens[k]
            if not tok.is_word or tok.norm in RELATIVE:
                return None  # (not «عبر وسائل الإعلام التي قالت»)
            if without_article(tok) in SOURCE_NOUN:
                topic = k > 0 and without_conjunction(self.tokens[k - 1].norm) in TOPIC
                return None if topic or tok.prefix not in BARE else (k, c - 1)
        return None

    def source_words(self, after: int, stop: int) -> str | None:
        span = unnamed_subject(self.tokens, after, stop)
        return self.words(span) if span else None

    def speaker_text(self, at: int, found: Named) -> str:
        """The words from the cue (or «عن») to the name («المتحدث باسم الشرطة»), or the name before the cue."""
        if found.mention.start > self.tokens[at].end:
            tokens = self.tokens
            k = at + 1
            if tokens[k].norm == ADDRESSEE_PREFIX and tokens[k + 1].norm in QUOTE_MARKS:  # «لـ "الاقتصادية" مازنونيتش»
                close = next((m for m in range(k + 2, found.last) if tokens[m].norm in QUOTE_MARKS
                              and tokens[m].start < found.mention.start), None)
                k = close + 1 if close is not None else k
            return self.text[tokens[k].start:found.mention.end]
        return self.text[found.mention.start:found.mention.end]  # «بوتين قال»

    def addressee(self, after: int, stop: int) -> Entity | None:
        return addressee(self.tokens, after, self.index, stop)


def holds_role(entity: Entity, words: str) -> bool:
    """The words are one of the entity's roles, or the head of one («النائب» of «النائب عن ولاية يوبي», «الوزير» of
    «وزير الصحة»)."""
    keys = {fold(words)}
    keys |= {k[len(ARTICLE):] for k in keys if k.startswith(ARTICLE) and " " not in k}  # «الوزير» → «وزير …»
    return any(fold(r) == key or fold(r).startswith(key + " ") for r in (*entity.roles, *entity.former_roles) for key in keys)


def unnamed_subject(tokens: Sequence[Token], c: int, stop: int, roles: frozenset[int] | set[int] = frozenset()
                    ) -> tuple[int, int] | None:
    """The first and last token of a subject that names no entity («علماء», «المصادر», «دراسة طبية حديثة»): the
    words after the cue up to a comma, a preposition, a relative pronoun or the words said; None when nothing there
    names anyone («وأضاف:», «وأكد لاحقا أنه»)."""
    first = c + 1
    end = min(stop, len(tokens), c + 1 + SUBJECT_WINDOW)
    if first >= end or not tokens[first].is_word or is_subjectless(tokens[first]):
        return None
    last = first
    for j in range(first + 1, end):
        tok = tokens[j]
        if tok.norm in QUOTE_MARKS:  # «جريدة "جارديان"»
            continue
        title = tok.prefix == ADDRESSEE_PREFIX and tok.stem.startswith(ARTICLE)  # «المساعدة للشؤون التعليمية»
        if not tok.is_word or is_subjectless(tok) and not title or tok.norm in RELATIVE or in_construct(tokens[j - 1], tok) \
                or cue_of(tok) is not None or j in roles and first not in roles:
            break  # (not «وعلق فورد قائلا»; «عمر المهنا رئيس لجنة الحكام»: the name before the role)
        last = j
    if sum(t.norm in QUOTE_MARKS for t in tokens[first:last + 1]) % 2 and last + 1 < end:
        last += 1  # the closing mark of a quoted name
    return first, last


def is_subjectless(tok: Token) -> bool:
    """A word that names nobody: time, manner, place, a preposition, «قوله», or a name after ل (an addressee)."""
    return (tok.norm in NOT_SUBJECT or tok.stem in NOT_SUBJECT or tok.norm in SAYING or tok.prefix == ADDRESSEE_PREFIX
            or is_complementizer(tok))
