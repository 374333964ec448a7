"""What the API and the page read from a store beyond one search: entities found by name and each one's page (roles,
mentions per day, quotes, who appears with it, its events), quotes and events across articles, the clusters of
copies, and the facets of a search. Plain SQL both engines read; each answer is bounded (a page at a time).

    find_entities(store, "بوتين")              # by a part of the Arabic or the English name
    entity_page(store, "Q7747")                 # or «name:PERSON:خالد الفيصل» for an entity no KB knows
    quotes(store, speaker="Q7747", words="السلام", limit=20)
    events(store, root="04", date_from="2015-07-01")
"""
from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from ..events.codebook import codebook
from .analyser import parse_query, terms
from .base import EntityHit, Store, day_range, key_filter

KEY = ("CASE WHEN {e}.kb_id IS NOT NULL THEN {e}.kb_id ELSE 'name:' || {e}.type || ':' || {e}.name END")
NETWORK = 24  # the entities drawn around one
NETWORK_LINKS = 40  # the strongest links drawn between them
NETWORK_ARTICLES = 500  # an entity's newest articles that its network is drawn from (a page stays under 100 ms)
LISTED = 20  # quotes and events listed on an entity's page
QUOTE_SCAN = 5_000  # quotes read to find those holding given words
FACET_HITS = 2_000  # the best matches of a search that its facets count
FACET_VALUES = 10
MEMO_SECONDS = 60  # how long the most mentioned entities of a store are remembered (a store being written changes)
MEMO_SIZE = 256

_MEMO: dict[tuple, tuple[float, list]] = {}


@dataclass(frozen=True, slots=True)
class Tally:
    value: str  # a role, a name, a day, an outlet
    count: int


@dataclass(frozen=True, slots=True)
class Link:
    source: str  # two entities' keys
    target: str
    articles: int  # the articles they share


@dataclass(frozen=True, slots=True)
class DayRoot:
    day: str
    root: str  # a CAMEO root
    events: int


@dataclass(frozen=True, slots=True)
class Place:
    key: str
    name: str
    lat: float
    lon: float
    events: int


@dataclass(frozen=True, slots=True)
class Copy:
    id: str
    title: str | None
    outlet: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class Neighbour:
    key: str
    type: str
    name: str
    name_en: str | None
    articles: int  # the articles the two share


@dataclass(frozen=True, slots=True)
class Quote:
    article: str
    title: str | None
    published: str | None
    k: int  # the quote's place in its record's quotes
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None  # the speaker's key, its name as the article gives it
    speaker_name: str | None
    speaker_text: str | None
    addressee: str | None
    addressee_name: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class Actor:
    key: str | None  # the entity's key, when the article names one
    name: str | None
    code: str | None  # its CAMEO actor code


@dataclass(frozen=True, slots=True)
class Event:
    article: str
    title: str | None
    published: str | None
    k: int
    cameo: str
    root: str
    label: str | None
    plover: str | None
    quad_class: int | None
    goldstein: float | None
    source: Actor
    target: Actor
    date: str | None
    place: str | None  # the place's name, and where it lies (when known)
    lat: float | None
    lon: float | None
    trigger_start: int
    trigger_end: int
    negated: bool
    reported: bool


@dataclass(frozen=True, slots=True)
class EntityPage:
    entity: EntityHit
    roles: tuple[Tally, ...]  # the roles it is given, with how many articles give each
    names: tuple[Tally, ...]  # the names it is stored under, with how many articles use each
    days: tuple[Tally, ...]  # mentions per publication day
    together: tuple[Neighbour, ...]  # the entities seen in most of its articles
    links: tuple[Link, ...]  # pairs of those seen in one article, with how many
    quotes: tuple[Quote, ...]  # what it said, the newest first
    events: tuple[Event, ...]  # as source or as target, the newest first


@dataclass(frozen=True, slots=True)
class Cluster:
    first: str  # the id of its first stored article
    title: str | None
    published: str | None
    size: int
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Facets:
    hits: int  # the matches counted (at most FACET_HITS, the best)
    outlets: tuple[Tally, ...]
    days: tuple[Tally, ...]
    entities: tuple[EntityHit, ...]


def _like(words: str) -> str:
    return "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def find_entities(store: Store, name: str | None = None, *, type: str | None = None, limit: int = 20,
                  offset: int = 0) -> list[EntityHit]:
    """Entities whose Arabic or English name holds `name` (all, without), the most mentioned first. Without a name
    (a count over every stored entity) the first page is remembered for MEMO_SECONDS."""
    if name or offset:
        return _find_entities(store, name, type, limit, offset)
    key = (store.where, type, limit, offset)
    held = _MEMO.get(key)
    if held is None or time.monotonic() - held[0] > MEMO_SECONDS:
        if len(_MEMO) >= MEMO_SIZE:
            _MEMO.clear()
        held = _MEMO[key] = (time.monotonic(), _find_entities(store, None, type, limit, offset))
    return list(held[1])


def _find_entities(store: Store, name: str | None, type: str | None, limit: int, offset: int) -> list[EntityHit]:
    where, params = ["1 = 1"], []
    if name:
        where.append("(e.name LIKE ? ESCAPE '\\' OR lower(e.name_en) LIKE lower(?) ESCAPE '\\')")
        params += [_like(name), _like(name)]
    if type:
        where.append("e.type = ?")
        params.append(type)
    rows = store.query(
        f"SELECT {KEY.format(e='e')} AS ekey, max(e.kb_id), max(e.type), max(e.name), max(e.name_en),"
        f" sum(e.mentions) AS m, count(DISTINCT e.article) FROM entities e WHERE {' AND '.join(where)}"
        " GROUP BY ekey ORDER BY m DESC, ekey LIMIT ? OFFSET ?", params + [limit, offset])
    return [EntityHit(*r) for r in rows]


def entity_page(store: Store, key: str) -> EntityPage | None:
    """All one entity's page shows, or None for a key no stored article holds."""
    match, params = key_filter(key)
    names = store.query(f"SELECT e.name, e.type, max(e.name_en), count(*), sum(e.mentions), max(e.kb_id)"
                        f" FROM entities e WHERE {match} GROUP BY e.name, e.type ORDER BY count(*) DESC, e.name",
                        params)
    if not names:
        return None
    articles = store.query(f"SELECT count(DISTINCT e.article) FROM entities e WHERE {match}", params)[0][0]
    name, kind, name_en = names[0][0], names[0][1], next((r[2] for r in names if r[2]), None)
    hit = EntityHit(key, names[0][5], kind, name, name_en, sum(r[4] for r in names), articles)
    roles: Counter = Counter()
    for (value,) in store.query(f"SELECT e.roles FROM entities e WHERE {match}", params):
        roles.update({r for r in json.loads(value) if isinstance(r, str)})  # (a stored record may say anything)
    days = store.query(f"SELECT substr(a.published, 1, 10) AS d, sum(e.mentions) FROM entities e"
                       f" JOIN articles a ON a.n = e.article WHERE {match} AND a.published IS NOT NULL"
                       " GROUP BY d ORDER BY d", params)
    together, links = _network(store, key, match, params)
    return EntityPage(hit, tuple(Tally(*kv) for kv in sorted(roles.items(), key=lambda kv: (-kv[1], kv[0]))[:10]),
                      tuple(Tally(r[0], r[3]) for r in names), tuple(Tally(d, int(m)) for d, m in days), together, links,
                      tuple(quotes(store, speaker=key, limit=LISTED)), tuple(events(store, entity=key, limit=LISTED)))


def _network(store: Store, key: str, match: str, params: list) -> tuple[tuple[Neighbour, ...], tuple[Link, ...]]:
    """The entities seen in most of an entity's newest articles, and how often each two of them meet there."""
    rows = store.query(
        f"SELECT o.article, {KEY.format(e='o')}, o.type, o.name, o.name_en FROM entities o WHERE o.article IN"
        f" (SELECT e.article FROM entities e WHERE {match} ORDER BY e.article DESC LIMIT ?)", params + [NETWORK_ARTICLES])
    seen: dict[str, tuple[str, str, str | None]] = {}
    by_article: dict[int, set[str]] = {}
    for article, k, kind, name, name_en in rows:
        seen.setdefault(k, (kind, name, name_en))
        by_article.setdefault(article, set()).add(k)
    shared = Counter(k for keys in by_article.values() for k in keys if k != key)
    top = [k for k, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:NETWORK]]
    chosen = set(top)
    pairs: Counter = Counter()
    for keys in by_article.values():
        pairs.update(combinations(sorted(keys & chosen), 2))
    return (tuple(Neighbour(k, *seen[k], shared[k]) for k in top),
            tuple(Link(a, b, n) for (a, b), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:NETWORK_LINKS]))


def _taking_part(where: list[str], params: list, key: str, table: str, alias: str, joined: str) -> None:
    """Keep the rows of `table` (quotes, events) that an entity takes part in as `joined` says: found from the
    entity's own rows first, by their index."""
    match, more = key_filter(key, "x")
    where.append(f"({alias}.article, {alias}.k) IN (SELECT y.article, y.k FROM entities x JOIN {table} y"
                 f" ON y.article = x.article AND {joined} WHERE {match})")
    params += more


def quotes(store: Store, *, speaker: str | None = None, words: str | None = None, date_from: str | None = None,
           date_to: str | None = None, article: str | None = None, limit: int = 20, offset: int = 0) -> list[Quote]:
    """Quotes across articles, the newest first: by a speaker's key, by words they hold (analysed as search is), in a
    range of publication days, or of one article."""
    where, params = ["1 = 1"], []
    if speaker:
        _taking_part(where, params, speaker, "quotes", "q", "y.speaker = x.eid")
    if article:
        where.append("a.id = ?")
        params.append(article)
    day_range(where, params, date_from, date_to)
    wanted = set(parse_query(words).all_terms()) if words else set()
    if words and not wanted:
        return []
    if wanted:  # (only the quotes of articles that hold the words are read)
        source, match, more, _ = store._match(parse_query(words))
        where.append(f"a.n IN (SELECT a.n FROM {source} WHERE {match})")
        params += more
    page = [limit, offset] if not wanted else [QUOTE_SCAN, 0]
    rows = store.query(
        f"SELECT a.id, a.title, a.published, q.k, q.start, q.\"end\","
        f" substr({store.text_of_record}, q.start + 1, q.\"end\" - q.start), q.kind,"
        f" {KEY.format(e='s')}, s.name, q.speaker_text, {KEY.format(e='d')}, d.name, q.source"
        " FROM quotes q JOIN articles a ON a.n = q.article"
        " LEFT JOIN entities s ON s.article = q.article AND s.eid = q.speaker"
        " LEFT JOIN entities d ON d.article = q.article AND d.eid = q.addressee"
        f" WHERE {' AND '.join(where)} ORDER BY a.published DESC, a.n DESC, q.k LIMIT ? OFFSET ?", params + page)
    found = [Quote(aid, title, day, k, s, e, text, kind, sk if sname else None, sname, stext, dk if dname else None,
                   dname, source) for aid, title, day, k, s, e, text, kind, sk, sname, stext, dk, dname, source in rows]
    if wanted:
        found = [q for q in found if wanted <= set(terms(q.text))][offset:offset + limit]
    return found


def events(store: Store, *, entity: str | None = None, actor: str | None = None, code: str | None = None,
           root: str | None = None, place: str | None = None, date_from: str | None = None,
           date_to: str | None = None, article: str | None = None, limit: int = 20, offset: int = 0) -> list[Event]:
    """Events across articles, the newest first: with an entity (by key) as source or target, an actor code (its
    prefix: «SAU» takes in SAUGOV) on either side, a CAMEO code or root, a place (by key), publication days."""
    where, params = ["1 = 1"], []
    if entity:
        _taking_part(where, params, entity, "events", "v", "x.eid IN (y.source_entity, y.target_entity)")
    if actor:
        where.append("(v.source_actor LIKE ? ESCAPE '\\' OR v.target_actor LIKE ? ESCAPE '\\')")
        params += [_like(actor)[1:]] * 2
    if code:
        where.append("v.cameo = ?")
        params.append(code)
    if root:
        where.append("v.root = ?")
        params.append(root)
    if place:
        match, more = key_filter(place, "p")
        where.append(f"{match}")
        params += more
    if article:
        where.append("a.id = ?")
        params.append(article)
    day_range(where, params, date_from, date_to)
    rows = store.query(
        "SELECT a.id, a.title, a.published, v.k, v.cameo, v.root, "
        f"{KEY.format(e='s')}, s.name, v.source_actor, {KEY.format(e='t')}, t.name, v.target_actor,"
        " v.date_value, p.name, p.lat, p.lon, v.trigger_start, v.trigger_end, v.negated, v.reported"
        " FROM events v JOIN articles a ON a.n = v.article"
        " LEFT JOIN entities s ON s.article = v.article AND s.eid = v.source_entity"
        " LEFT JOIN entities t ON t.article = v.article AND t.eid = v.target_entity"
        f" {'' if place else 'LEFT '}JOIN entities p ON p.article = v.article AND p.eid = v.place"
        f" WHERE {' AND '.join(where)} ORDER BY a.published DESC, a.n DESC, v.k LIMIT ? OFFSET ?",
        params + [limit, offset])
    book = codebook()
    out = []
    for (aid, title, day, k, cameo, root_, sk, sname, sact, tk, tname, tact, value, pname, lat, lon, ts, te, neg,
         rep) in rows:
        c = book.get(cameo)
        out.append(Event(aid, title, day, k, cameo, root_, c and c.name, c and c.plover, c and c.quad_class,
                         c and c.goldstein, Actor(sk if sname else None, sname, sact),
                         Actor(tk if tname else None, tname, tact), value, pname, lat, lon, ts, te, bool(neg),
                         bool(rep)))
    return out


def timeline(store: Store, *, date_from: str | None = None, date_to: str | None = None) -> list[DayRoot]:
    """Events per publication day and CAMEO root: (day, root, count)."""
    where, params = ["a.published IS NOT NULL"], []
    day_range(where, params, date_from, date_to)
    return [DayRoot(d, r, int(n)) for d, r, n in store.query(
        f"SELECT substr(a.published, 1, 10) AS d, v.root, count(*) FROM events v JOIN articles a ON a.n = v.article"
        f" WHERE {' AND '.join(where)} GROUP BY d, v.root ORDER BY d, v.root", params)]


def places(store: Store, *, root: str | None = None, date_from: str | None = None, date_to: str | None = None,
           limit: int = 500) -> list[Place]:
    """The places events happen, with where they lie: (key, name, lat, lon, events), the most eventful first."""
    where, params = ["p.lat IS NOT NULL"], []
    if root:
        where.append("v.root = ?")
        params.append(root)
    day_range(where, params, date_from, date_to)
    return [Place(k, n, float(lat), float(lon), int(c)) for k, n, lat, lon, c in store.query(
        f"SELECT {KEY.format(e='p')} AS ekey, max(p.name), avg(p.lat), avg(p.lon), count(*) AS c FROM events v"
        " JOIN articles a ON a.n = v.article JOIN entities p ON p.article = v.article AND p.eid = v.place"
        f" WHERE {' AND '.join(where)} GROUP BY ekey ORDER BY c DESC, ekey LIMIT ?", params + [limit])]


def clusters(store: Store, *, min_size: int = 2, limit: int = 20, offset: int = 0) -> list[Cluster]:
    """The stories told by several stored articles, the most copied first."""
    rows = store.query(
        "SELECT c.id, c.title, c.published, g.size, g.cluster FROM (SELECT cluster, count(*) AS size FROM articles"
        " GROUP BY cluster HAVING count(*) >= ?) g JOIN articles c ON c.n = g.cluster"
        " ORDER BY g.size DESC, g.cluster LIMIT ? OFFSET ?", [min_size, limit, offset])
    out = []
    for aid, title, day, size, n in rows:
        outlets = tuple(o for (o,) in store.query(
            "SELECT DISTINCT outlet FROM articles WHERE cluster = ? AND outlet IS NOT NULL ORDER BY outlet", [n]))
        out.append(Cluster(aid, title, day, size, outlets))
    return out


def cluster(store: Store, article: str) -> list[Copy]:
    """The articles of the story `article` belongs to, in storing order."""
    return [Copy(*r) for r in store.query("SELECT a.id, a.title, a.outlet, a.published FROM articles a WHERE a.cluster ="
                       " (SELECT cluster FROM articles WHERE id = ?) ORDER BY a.n", [article])]


def facets(store: Store, query: str, **filters) -> Facets:
    """What a search's best matches hold (with the search's filters: Store.matching): their outlets, their days and
    the entities most mentioned in them."""
    q = parse_query(query)
    if q.empty:
        return Facets(0, (), (), ())
    source, where, params, score = store.matching(q, **filters)
    best = [n for (n,) in store.query(f"SELECT a.n FROM {source} WHERE {' AND '.join(where)} ORDER BY {score}, a.n"
                                      " LIMIT ?", params + [FACET_HITS])]
    if not best:
        return Facets(0, (), (), ())
    marks = ",".join("?" * len(best))  # (the matches found once; each facet counts over their numbers)
    outlets: Counter = Counter()
    days: Counter = Counter()
    for outlet_, published in store.query(f"SELECT outlet, published FROM articles WHERE n IN ({marks})", best):
        outlets[outlet_] += outlet_ is not None
        if published:
            days[published[:10]] += 1
    entities = store.query(
        f"SELECT {KEY.format(e='e')} AS ekey, max(e.kb_id), max(e.type), max(e.name), max(e.name_en),"
        f" sum(e.mentions), count(*) AS c FROM entities e WHERE e.article IN ({marks})"
        " GROUP BY ekey ORDER BY c DESC, ekey LIMIT ?", best + [FACET_VALUES])
    top = sorted(((o, c) for o, c in outlets.items() if c), key=lambda kv: (-kv[1], kv[0]))[:FACET_VALUES]
    return Facets(len(best), tuple(Tally(o, c) for o, c in top), tuple(Tally(d, c) for d, c in sorted(days.items())),
                  tuple(EntityHit(*r) for r in entities))

