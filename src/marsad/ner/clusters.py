"""An entity being built within an article: its mentions, KB entry and roles, and the loose forms that join them."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..document import RolePhrase
from ..kb import KBEntry, KnowledgeBase
from ..kb.roles import HONORIFIC, is_role_word
from ..text.normalise import fold
from ..text.word_forms import FORMS_KEPT, ARTICLE, NAME_PARTICLES, PATRONYMIC, attestation, strip_article
from .mentions import HEAD_NOUNS, NameMatch

# Surname first: a person from these countries is shortened to the first word of the name (شي، تشانج).
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM"})
# A word this frequent in prose is a function word (على، إلى، عن), never a surname on its own.
SHORT_FORM_MAX_COUNT = 20_000


@dataclass(slots=True)
class Cluster:
    """One entity being built: its mentions, its KB entry when linked, and its roles."""

    type: str
    entry: KBEntry | None = None
    name_en: str | None = None
    mentions: list[NameMatch] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    former_roles: list[str] = field(default_factory=list)
    honorifics: list[str] = field(default_factory=list)
    role_keys: set[str] = field(default_factory=set)
    country: str | None = None
    agent: str | None = None
    _short: tuple = field(default=(), repr=False)  # (state, keys): short_keys for the mentions so far
    _firsts: tuple = field(default=(), repr=False)  # (mentions, names): first_names for them

    @property
    def start(self) -> int:
        return min(m.start for m in self.mentions)

    def add_role(self, text: str, match: RolePhrase | None = None) -> None:
        """A role as written; an honorific (الدكتور) and a former role (الرئيس السابق) each in their own list."""
        kept = (self.honorifics if match is not None and match.kind == HONORIFIC
                else self.former_roles if match is not None and match.former else self.roles)
        if fold(text) not in {fold(r) for r in kept}:
            kept.append(text)
        if match is not None:
            self.role_keys.update({match.key, match.head})
            self.country = self.country or match.country
            self.agent = self.agent or match.agent

    def first_names(self) -> set[str]:
        """Loose first words of the names this person was given in full (two words or more)."""
        if self._firsts and self._firsts[0] == len(self.mentions):
            return self._firsts[1]
        names = {loose(words[0]) for m in self.mentions if m.origin in ("kb", "tagger", "titled")
                 and len(words := m.key.split()) > 1 and words[0] not in PATRONYMIC}
        self._firsts = (len(self.mentions), names)
        return names

    def short_keys(self, kb: KnowledgeBase) -> set[str]:
        """Loose forms of the words that stand alone for this entity later in the article."""
        state = (len(self.mentions), self.country, self.entry)
        if self._short and self._short[0] == state:
            return self._short[1]
        keys: set[str] = set()
        if self.type == "PERSON":
            names = [m.key.split() for m in self.mentions if m.origin in ("kb", "tagger", "titled")]
            if self.entry is not None:
                names.append(fold(self.entry.name).split())
            country = self.entry.country if self.entry else self.country
            for words in names:
                if len(words) < 2:
                    continue
                chain = any(w in PATRONYMIC for w in words)
                # a surname, not a father's name: «الشهراني» of «عبدالله بن محمد الشهراني», not «عبدالعزيز»
                candidates = [words[-1]] if not chain or (words[-1].startswith(ARTICLE) and words[-2] not in PATRONYMIC) else []
                if country in FAMILY_NAME_FIRST:
                    candidates.append(words[0])
                keys.update(loose(w) for w in candidates if is_name_word(w) and kb.nisba(w) is None)
                if len(words) > 2 and is_name_word(words[-1]) and words[-1] not in PATRONYMIC:
                    # «بن معمر» of «فهد بن عبدالعزيز بن معمر», «محمد الفايز» of «محمد بن معيض الفايز»
                    keys.add(loose(" ".join(words[-2:] if words[-2] in PATRONYMIC else (words[0], words[-1]))))
        else:
            for m in self.mentions:
                head = strip_article(m.key.split()[0])
                if head in HEAD_NOUNS and len(m.key.split()) > 1:
                    keys.add(loose(ARTICLE + head))
        self._short = (state, keys)
        return keys


class ClusterIndex:
    """The clusters of an article by the loose forms that join mentions to them (short keys, first names,
    last names of people), kept up to date as mentions are added: a look-up costs what it finds, not the
    number of clusters (a 20 MB article holds tens of thousands)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        # short keys, the same without spaces («عبدالعاطي» for «عبد العاطي»), first names, last names
        self.tables: tuple[dict[str, dict[int, Cluster]], ...] = ({}, {}, {}, {})
        self._forms: dict[int, tuple[frozenset[str], ...]] = {}
        self._seen: dict[int, set[tuple]] = {}  # (key, origin) of the mentions indexed, and the country and entry

    def update(self, cluster: Cluster) -> None:
        """Index the cluster under the forms its mentions now give (its last mention added, say)."""
        # the forms depend on the mentions' keys and origins, the country and the entry only: a mention
        # like one seen before changes nothing (a country named 10,000 times is not re-read 10,000 times)
        seen = self._seen.setdefault(id(cluster), set())
        entry = cluster.entry.id if cluster.entry is not None else None
        state = {(m.key, m.origin) for m in cluster.mentions[-1:]} | {("country", cluster.country), ("entry", entry)}
        if state <= seen and id(cluster) in self._forms:
            return
        seen |= state
        person = cluster.type == "PERSON"
        short = frozenset(cluster.short_keys(self.kb))
        now = (short, frozenset(k.replace(" ", "") for k in short),
               frozenset(cluster.first_names()) if person else frozenset(),
               frozenset(loose(words[-1]) for m in cluster.mentions if len(words := m.key.split()) > 1) if person
               else frozenset())
        before = self._forms.get(id(cluster), (frozenset(),) * len(now))
        for table, old, new in zip(self.tables, before, now):
            for key in old - new:
                del table[key][id(cluster)]
            for key in new - old:
                table.setdefault(key, {})[id(cluster)] = cluster
        self._forms[id(cluster)] = now

    def by_short_key(self, key: str) -> list[Cluster]:
        return list(self.tables[0].get(key, {}).values())

    def by_short_key_unspaced(self, key: str) -> list[Cluster]:
        return list(self.tables[1].get(key, {}).values())

    def by_first_name(self, key: str) -> list[Cluster]:
        return list(self.tables[2].get(key, {}).values())

    def by_last_name(self, key: str) -> list[Cluster]:
        return list(self.tables[3].get(key, {}).values())


@lru_cache(maxsize=FORMS_KEPT)
def loose(form: str) -> str:
    """A matching form that also folds transliteration variants (بينغ/بينج) and hamza seats."""
    return form.replace("غ", "ج").replace("ؤ", "و").replace("ئ", "ي").replace("ء", "")


def is_name_word(word: str) -> bool:
    return (len(word) >= 2 and word not in NAME_PARTICLES and not is_role_word(word)
            and attestation(word) <= SHORT_FORM_MAX_COUNT)
