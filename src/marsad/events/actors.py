"""Who did it and to whom: an event's source and target, from the names of the entity layer or from the words for
an unnamed group (resources/events/actor-words.tsv: «المعارضة السورية» SYROPP, «المحتجين» CVL), in verb-first and
subject-first order, after a preposition, coordinated, or in the passive."""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..document import Entity, Token
from ..kb.knowledge_base import CLUB_ID, load_kb
from ..mentions import MentionIndex, Named
from ..resources import data_rows
from ..text.normalise import fold
from ..text.word_forms import folded_word_lists
from .triggers import CONJUNCTIONS, OBJECT, PAIR, Found, joined

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE"})
SUBJECT_WINDOW = 6  # tokens after a trigger in which its subject begins («التقى الرئيس الروسي فلاديمير بوتين»)
TARGET_WINDOW = 8  # tokens after the subject (or the trigger) in which the target begins
ACTOR_REACH = 12  # tokens before (or around) a trigger where its subject, its pair or its place may be
PAIR_REACH = 6  # tokens before a noun where its coordinated subjects may end («أجرت روسيا والصين مناورات»)
ROLE_REACH = 4  # tokens a title may take before the place it names («رئيس وزراء جمهورية …»)
ROLE_COMPLEMENT = 2  # words after a role's head before the name («وزير الإسكان», «أمير منطقة الرياض»)
PASSIVE_MARK = "\u064f"  # a damma on a verb's first letter: «قُتل» is the passive
PEOPLE_ENDINGS = ("يين", "يون")  # a plural nisba names a people («الفلسطينيين»); a singular one is an adjective
NISBA_REACH = 2  # tokens after a group's word where its country's adjective may be («الطائرات الحربية السعودية»)
PREPOSITION_PROCLITICS = ("ب", "ل")  # «بالجنرال», «لموسكو»
CLAUSE_BREAKS = frozenset("،,;؛:.!?؟")  # tokens a target is never looked for past

_WORDS = folded_word_lists("events/words.tsv")
NEGATION = _WORDS["negation"]
PREPOSITIONS = _WORDS["preposition"]
COUNTS = _WORDS["count"]  # «آلاف المحتجين»: words before a group that are not its name
CLAUSE_OPENERS = _WORDS["clause_opener"]
PUNCTUATION = "،,;؛:"  # between a trigger and the word before it: a clause opens («، رفضت …»)
CAUSES = _WORDS["cause"]
SITES = _WORDS["site"]
AGENT_MARKERS = _WORDS["agent_marker"]  # «على يد», «برصاص»: the agent of a passive follows  # «جراء قصف»: before a verb's form, words that make it a masdar


@dataclass(frozen=True, slots=True)
class Group:
    """An actor no entity holds: its CAMEO code, its first and last token, and its country when the text gives one."""
    code: str
    first: int
    last: int
    country: str | None = None


Side = Named | Group | None


@dataclass(frozen=True, slots=True)
class Shared:
    """The source of a sentence's last event and the gender of its verb, for a verb joined to it by و."""
    source: Named | Group
    feminine: bool


@lru_cache(maxsize=1)
def _actor_words() -> dict[str, tuple[str, str]]:
    return {fold(word): (code, kind) for word, code, kind in data_rows("events/actor-words.tsv")}


def group_at(tokens: Sequence[Token], index: MentionIndex, j: int, last: int, region: bool = False) -> Named | Group | None:
    """The unnamed group whose word is token `j` («الشرطة»), with the country of a nisba after it («الشرطة المصرية»
    EGYCOP), or the name it heads («قوات الجيش اليمني»); a role with its country and no name after it («الرئيس
    المصري» EGYGOV); a region's word («الغربية») only where `region` allows it."""
    tok = tokens[j]
    role = index.roles.get(j)
    if role is not None and role.agent and role.country and not role.former and role.last > j + 1 \
            and mention_at(index, role.last) is None:
        return Group(role.country + role.agent, j, role.last - 1, role.country)  # «للرئيس المصري»: EGYGOV
    word = tok.stem or tok.norm
    code, kind = _actor_words().get(word, (None, None))
    if code is None and word.endswith(PEOPLE_ENDINGS) and (people := load_kb().nisba(word)) is not None \
            and people.country:
        return Group(people.country, j, j, people.country)  # «مئات الفلسطينيين», «آلاف العراقيين»
    if code is None or kind == "region" and not region:
        return None
    if kind == "region":
        return Group(code, j, j)
    named = mention_at(index, j + 1) if j + 1 < last else None
    if named is not None and named.entity.type in ("ORG", "GPE") and not tokens[j + 1].prefix:
        return named  # «قوات التحالف», «عناصر حزب الله»
    kb = load_kb()
    for k in range(j + 1, min(last, j + 1 + NISBA_REACH)):
        country = kb.nisba(tokens[k].stem or tokens[k].norm)
        if country is not None and country.country:
            return Group(country.country + code, j, k, country.country)
    return Group(code, j, j) if kind == "agent" else None


def group_ending(tokens: Sequence[Token], index: MentionIndex, j: int, first: int, last: int) -> Named | Group | None:
    """A group whose last token is `j`, looking back from a trigger («والشرطة المصرية اعتقلت»)."""
    for k in range(j, max(first, j - NISBA_REACH) - 1, -1):
        found = group_at(tokens, index, k, last)
        if found is not None:
            return found if found.last == j else None
    return None


def is_country(entity: Entity) -> bool:
    return entity.kb_id is not None and entity.kb_id == f"m:gpe:{entity.country}"


def mention_at(index: MentionIndex, j: int) -> Named | None:
    found = index.beginning.get(j)
    return found if found is not None and is_actor(found.entity) else None


def is_actor(entity: Entity) -> bool:
    """A person, an organisation or a country that may act; not a football club («الاتفاق», «القادسية»)."""
    return entity.type in ACTOR_TYPES and not (entity.kb_id or "").startswith(CLUB_ID)


def actors(tokens: list[Token], index: MentionIndex, found: Found, i: int, first: int, last: int,
           dated: frozenset[int] = frozenset(), shared: Shared | None = None) -> tuple[Side, Side]:
    """(source, target) of the trigger at token `i`, within the sentence's tokens [first, last); `dated`: the tokens of
    date expressions; `shared`: the source of the sentence's last event, which a verb joined by و may share."""
    trigger, after = found.trigger, found.after
    if PAIR in trigger.targets:
        return pair(tokens, index, i, after, first, last)
    if trigger.kind in ("verb", "either") and PASSIVE_MARK in index.text[tokens[i].start:tokens[i].end][:3]:
        trigger = dataclasses.replace(trigger, kind="passive")  # «قُتل», «اُعتقل»: written with its damma
    masdar = trigger.kind != "noun" and (as_masdar(tokens, i, first) or not opens_clause(tokens, index, i, first, dated))
    if masdar and trigger.words and not found.taken:
        return None, None  # «معاودة فرض عقوبات الأمم المتحدة»: the name after the object is its owner, not who acts
    if trigger.kind == "noun" or masdar:  # «زيارة وزير الدفاع الأمريكي أشتون كارتر لإسرائيل», «أعربت روسيا عن دعمها لبكين»
        source = subject_after(tokens, index, after, last)
        if isinstance(source, Named) and source.entity.type == "GPE" and masdar and not found.taken:
            return None, None  # «قصف الزبداني», «تسيبراس ناشد روسيا»: the country after a masdar is what it is done to
        if isinstance(source, Named) and source.entity.type == "GPE" and OBJECT not in trigger.targets \
                and not found.taken:  # (in «فرض الولايات المتحدة عقوبات» the country is who imposes them)
            if trigger.guard == "genitive":
                return None, None  # «مظاهرات حلب»: where, not who
            return last_before(tokens, index, i, first, last), source  # «زيارة قطاع غزة»: the place visited
        if source is None and trigger.guard != "genitive" and not masdar:
            source = last_before(tokens, index, i, first, last)
        if source is None:
            return None, None  # «مشروع قانون لفرض عقوبات على إيران»: a deed no one is named doing
        start = source.last + 1 if source.first >= after else after
    elif trigger.kind == "object":  # «أطلقت السلطات سراح الصحفي», «السلطات أطلقت سراح الصحفي»
        source = last_before(tokens, index, i, first, last, right_before=True)
        if source is None and found.taken:
            source = subject_after(tokens, index, after, last)
        target = subject_after(tokens, index, found.taken.stop if found.taken else after, last)
        return source, target
    elif trigger.kind == "passive":  # «اغتيل السفير الروسي أندريه كارلوف»: the name after is the target
        target = subject_after(tokens, index, after, last) or last_before(tokens, index, i, first, last, right_before=True)
        return by_agent(tokens, index, after, last), target  # («السلطات أطلقت سراح …»: the subject before, the victim)
    else:  # «بوتين التقى», «وأوباما لم يزر كينيا» (subject first), else «التقى الرئيس الروسي فلاديمير بوتين …»
        source = last_before(tokens, index, i, first, last, right_before=True)
        if trigger.kind == "either" and source is not None and source.first > first and \
                (tokens[source.first - 1].norm in COUNTS or tokens[source.first - 1].norm.isdigit()):
            return None, source  # «إن 6 حوثيين قتلوا»: counted, they are the victims
        if source is None and shared is not None and (elided := shared_subject(tokens, index, found, i, last, shared)):
            return elided
        if source is None:
            source = subject_after(tokens, index, after, last)
            if trigger.kind == "either" and (agent := by_agent(tokens, index, after, last)) is not None:
                return agent, source  # «اعتقلوا على أيدي مقاتلي جبهة النصرة»: the passive, its agent named
            if trigger.kind == "either" and source is not None and after < last and \
                    (tokens[after].norm in COUNTS or tokens[after].norm.isdigit()):
                return None, source  # «قتل 3 مسلحين»: counted, they are the victims
            if trigger.kind == "either" and isinstance(source, Named):
                if source.entity.type == "PERSON":
                    return None, source  # «قتل الصحفي …», «اختطف المواطن …»: a person after it is the victim
                if source.first > after:
                    return None, None  # «قتل مدير منفذ مدينة بنغازي»: a place in the victim's description
        start = source.last + 1 if source is not None and source.first >= after else after
    while start < last and tokens[start].prefix.startswith("و") and (
            partner := mention_at(index, start) or group_at(tokens, index, start, last)) is not None:
        start = partner.last + 1  # «قصف الحوثيون وقوات صالح الأحياء»: a second subject, not the target
    if isinstance(source, Named) and start == source.last + 1 and start < last and not tokens[start].prefix:
        start = after_title(index, start, last)
    target = target_after(tokens, index, trigger.targets, start, last)
    if target is not None and source is not None and same(target, source):
        target = None
    return source, target


def shared_subject(tokens: list[Token], index: MentionIndex, found: Found, i: int, last: int, shared: Shared
                   ) -> tuple[Side, Side] | None:
    """A verb joined by و to the last event's verb, of the same gender, with one name after it and not two: the
    subject is the first verb's, the name its object («وأدانت الصين العقوبات، واتهمت حلف شمال الأطلسي …»)."""
    tok, trigger = tokens[i], found.trigger
    if not tok.prefix.startswith("و") or OBJECT not in trigger.targets or feminine(tok) != shared.feminine:
        return None
    named = subject_after(tokens, index, found.after, last)
    if named is None:
        return None
    start = named.last + 1
    while start < last and tokens[start].prefix.startswith("و") and (
            partner := mention_at(index, start) or group_at(tokens, index, start, last)) is not None:
        start = partner.last + 1  # «حلف شمال الأطلسي والولايات المتحدة»
    if target_after(tokens, index, (OBJECT,), start, last) is not None:
        return None  # «واتهمت روسيا الغرب»: a subject of its own, then its object
    return shared.source, named


def feminine(tok: Token) -> bool:
    """A verb of the feminine: «أدانت», «اتهمت» (the past), «تدين» (the present)."""
    word = tok.stem or tok.norm
    return word.endswith("ت") or word.startswith("ت")


def opens_clause(tokens: list[Token], index: MentionIndex, i: int, first: int, dated: frozenset[int] = frozenset()
                 ) -> bool:
    """Whether the trigger at `i` begins a clause: the sentence's first word, written with و or ف («وطالب»), after
    a clause word, a comma or a date («ويوم الثلاثاء 27 يناير، استقبل»), or right after its subject («الحكومة
    رفضت»); not «طالب جامعي», «بتهمة قتل», «تسيبراس ناشد روسيا»."""
    tok = tokens[i]
    if i == first or tok.prefix[:1] in CONJUNCTIONS or joined(tok):
        return True
    before = i - 1
    while before > first and tokens[before].norm in NEGATION:
        before -= 1
    prev = tokens[before]
    return (prev.stem or prev.norm) in CLAUSE_OPENERS or prev.norm in CLAUSE_OPENERS or prev.norm in PUNCTUATION or before in dated or prev.norm.isdigit() \
        or index.ending.get(before) is not None or any(c in PUNCTUATION for c in index.text[prev.end:tok.start]) \
        or group_ending(tokens, index, before, first, i) is not None


def by_agent(tokens: list[Token], index: MentionIndex, after: int, last: int) -> Named | Group | None:
    """The agent of a passive, named after «على يد», «على أيدي» or «برصاص» in the trigger's clause."""
    for j in range(after, min(last - 1, after + TARGET_WINDOW)):
        tok = tokens[j]
        if tok.norm in CLAUSE_BREAKS:
            return None
        if (tok.stem or tok.norm) in AGENT_MARKERS and (tok.prefix.endswith("ب") or tokens[j - 1].norm in PREPOSITIONS):
            k = j + 1
            while k < last and k - j <= SUBJECT_WINDOW and mention_at(index, k) is None and \
                    group_at(tokens, index, k, last) is None and tokens[k].is_word:
                k += 1  # «على أيدي مقاتلي جبهة النصرة»
            return mention_at(index, k) or group_at(tokens, index, k, last) if k < last else None
    return None


def as_masdar(tokens: list[Token], i: int, first: int) -> bool:
    """A verb's form read as its masdar: written with ب or ل («بقصف»), or after a preposition or a word of cause
    («في قصف», «جراء قصف قوات النظام»); so too where no clause opens («إعادة فرض عقوبات», «تسيبراس ناشد روسيا»):
    its source is the name after it, never one before, and without one there is no event."""
    tok = tokens[i]
    if tok.prefix[-1:] in PREPOSITION_PROCLITICS:
        return True
    return i > first and (tokens[i - 1].stem or tokens[i - 1].norm) in PREPOSITIONS | CAUSES


def same(a: Named | Group, b: Named | Group) -> bool:
    if isinstance(a, Named) and isinstance(b, Named):
        return a.entity is b.entity
    return isinstance(a, Group) and isinstance(b, Group) and a.code == b.code


def title_holder(tokens: list[Token], index: MentionIndex, j: int, found: Named) -> Named | Group | None | bool:
    """For a place or a body named in a title («أمير منطقة عسير», «ولي عهد أبوظبي», «مدير عام مطار أبها»), the
    title's holder as a group of its country and the title's agent (None when the name has no country); False when
    the name is no title's complement."""
    if found.entity.type not in ("GPE", "LOC", "ORG") or j - 1 not in index.in_roles:
        return False
    role = next((index.roles[k] for k in range(j - 1, max(-1, j - 1 - ROLE_REACH), -1)
                 if k in index.roles and index.roles[k].last >= j), None)
    end = found.last  # the title's last token, or its holder's uncoded name
    for k in range(found.last + 1, min(len(tokens), found.last + 2 + ROLE_COMPLEMENT)):
        if tokens[k].prefix[-1:] in PREPOSITION_PROCLITICS:
            break  # «أمير دولة الكويت بالأمير نواف»: the one he welcomes
        named = index.beginning.get(k)
        if named is not None and named.entity.type == "PERSON":
            if named.entity.actor or named.entity.country:
                return named  # «أمير دولة قطر الشيخ تميم بن حمد»: the holder named after his title
            end = named.last  # («وزير خارجية النمسا سباستيان كورتس», a name with no code: the title says who)
            break
        if k not in index.in_roles:
            break
    country = found.entity.country
    if role is None or not country:
        return None
    return Group(country + (role.agent or ""), role.first, end, country)  # («أمير دولة الكويت»: KWT)


def after_title(index: MentionIndex, start: int, last: int) -> int:
    """The token after a title that stands right after a name, with the place it names («محمد بن زايد ولي عهد
    أبوظبي»: the apposition says who he is, it is not the one he hosts)."""
    role = index.roles.get(start)
    if role is None or role.last >= last:
        return start
    place = index.beginning.get(role.last)
    return place.last + 1 if place is not None and place.entity.type in ("GPE", "LOC") else role.last


def subject_after(tokens: list[Token], index: MentionIndex, after: int, last: int) -> Named | Group | None:
    """The first name (or group) after a verb that no preposition governs (Arabic puts the verb first)."""
    complement = 0  # words after a role's head that complete it: «وزير الإسكان ماجد الحقيل»
    for j in range(after, min(last, after + SUBJECT_WINDOW + ROLE_COMPLEMENT)):
        governed = tokens[j].prefix[-1:] in PREPOSITION_PROCLITICS and tokens[j].prefix != ""
        found = mention_at(index, j) or group_at(tokens, index, j, last)
        if isinstance(found, Named) and (holder := title_holder(tokens, index, j, found)) is not False:
            found = holder  # «استقبل سمو أمير منطقة عسير …»: the emir, not the province
        if found is not None:
            return None if governed else found
        if tokens[j].norm in COUNTS or tokens[j].norm.isdigit():
            continue  # «آلاف المحتجين»
        if j in index.in_roles:
            complement = ROLE_COMPLEMENT
        elif governed or complement == 0 or not tokens[j].is_word or tokens[j].norm in PREPOSITIONS:
            return None  # «تتبادل مع الصين», «التقى بالرئيس الروسي …», «وزار خلال جولته مركز …»: no subject here
        else:
            complement -= 1
    return None


def last_before(tokens: list[Token], index: MentionIndex, i: int, first: int, last: int, right_before: bool = False
                ) -> Named | Group | None:
    """The name just before the trigger («بوتين التقى»), or the last one before it in the sentence (the subject of
    «أعربت روسيا عن دعمها»)."""
    end = i - 1
    while end > first and tokens[end].norm in NEGATION:
        end -= 1  # «وأوباما لم يزر كينيا»
    if right_before and end >= first and tokens[end].norm in CLAUSE_BREAKS:
        return None  # «بسوريا والعراق، ورفض سيلفستر»: a comma ends the clause before
    for j in range(end, max(first, i - ACTOR_REACH) - 1, -1):
        if tokens[j].norm in CLAUSE_BREAKS:
            return None  # «تلقى اتصالا من ملك البحرين، وبعث برقية عزاء»: not across a clause
        found = index.ending.get(j)
        if found is not None and found.entity.type == "GPE" and not is_country(found.entity):
            found = None  # «وفي عدن، قصف الحوثيون»: a city or a province before the verb is where, not who
        if found is None or not is_actor(found.entity):
            found = group_ending(tokens, index, j, first, last)
        if found is not None and right_before and found.last == i - 1 and tokens[i].prefix[:1] in CONJUNCTIONS:
            found = None  # «… سكانه الأكراد وقتل حزب العمال»: a و opens a clause of its own
        if found is not None and tokens[found.first].prefix not in PREPOSITION_PROCLITICS \
                and not (found.first > first and (tokens[found.first - 1].stem or tokens[found.first - 1].norm) in PREPOSITIONS):
            return found  # (not «في موسكو التقى»)
        if right_before and j < end:
            return None
    return None


def target_after(tokens: list[Token], index: MentionIndex, targets: tuple[str, ...], start: int, last: int
                 ) -> Named | Group | None:
    """The target: a name after one of the trigger's prepositions («بالجنرال», «مع الصين», «إلى بكين»), or the next
    name with none («زار شي موسكو»)."""
    via = ""  # the preposition that governs the words since: «بالرئيس الروسي فلاديمير بوتين», «مع الصين»
    for j in range(start, min(last, start + TARGET_WINDOW)):
        tok = tokens[j]
        if tok.norm in CLAUSE_BREAKS:
            if j == start:
                continue  # «كما التقى الشيخ تميم، سيرغي لافروف»
            return None  # «يهدد سلامة الملاحة، كما ذكرت السلطات»: the target is in the trigger's clause
        if tok.norm in PREPOSITIONS:
            via = tok.norm
            continue
        if tok.prefix[-1:] in PREPOSITION_PROCLITICS and tok.prefix:
            via = tok.prefix[-1:]
        if (via in targets or OBJECT in targets and not via) and (tok.stem or tok.norm) in SITES and j + 1 < last:
            owner = next((k for k in (j + 1, j + 2) if k < last and mention_at(index, k) is not None), None)
            if owner is not None and (owner == j + 1 or tokens[j + 1].is_word and not tokens[j + 1].prefix) \
                    and tokens[owner].prefix in ("", "ل"):
                return mention_at(index, owner)  # «قصفت مواقع داعش», «7 أهداف لحزب العمال الكردستاني»
        found = mention_at(index, j) or group_at(tokens, index, j, last, region=OBJECT in targets and not via)
        if isinstance(found, Named) and (holder := title_holder(tokens, index, j, found)) is not False:
            found = holder  # «استقبل … رئيس وزراء جمهورية باكستان»: the prime minister, not the country
        if found is None:
            continue
        if via in targets or OBJECT in targets and not via:
            return found
    return None


def pair(tokens: list[Token], index: MentionIndex, i: int, after: int, first: int, last: int) -> tuple[Side, Side]:
    """Two coordinated names, after the trigger («التقيا …») or before it («أجرت روسيا والصين … المناورات»)."""
    for j in [*range(after, min(last, after + SUBJECT_WINDOW)), *range(i - 1, max(first, i - PAIR_REACH) - 1, -1)]:
        one = mention_at(index, j)
        if one is None:
            continue
        other = mention_at(index, one.last + 1)
        if other is not None and tokens[one.last + 1].prefix.startswith("و") and other.entity is not one.entity:
            return one, other
    return None, None
