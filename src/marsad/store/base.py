"""What both stores do, in SQL both engines read: records stored a batch per transaction with every layer in its
table, near-duplicates grouped into clusters, search with filters and snippets, entities across articles. An engine
(store/sqlite.py, store/postgres.py) adds its connection, its full-text index and its errors.

Plain SQL with a schema-version row, not an ORM with migrations: the two engines differ where it matters (FTS5
against tsvector), the statements are few and read as what they do, and nothing is installed for SQLite. A store of
a newer schema is refused; an older one is upgraded by the steps of schema.MIGRATIONS, in one transaction.
"""
from __future__ import annotations

import json
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .analyser import Query, parse_query, term_spans, terms
from .duplicates import VERSION as SIGNATURES, DuplicateIndex, signature
from .rows import ARTICLE_COLUMNS, Rows, Stored, coordinates, prepare
from .schema import SCHEMA_VERSION, TABLES, migration, statements

SNIPPET_CHARS = 160  # around the first matching word
MAX_LIMIT = 1_000
CO_OCCURRING = 5  # entities listed as seen with another
ROLES_LISTED = 5  # an entity's roles listed across articles, the most seen first
LOOKUP = 500  # ids looked up at once


class StoreError(RuntimeError):
    """A store this marsad cannot use: not a database, a newer schema, a disk that refuses writes, a server gone."""


@dataclass(frozen=True, slots=True)
class EntityHit:
    """One entity across the collection."""
    key: str  # its knowledge-base id, or «name:TYPE:NAME» for an unlinked one
    kb_id: str | None
    type: str
    name: str
    name_en: str | None
    mentions: int
    articles: int


@dataclass(frozen=True, slots=True)
class EntitySummary(EntityHit):
    """One entity across the collection, with when it was seen, its roles and who was seen with it."""
    first_seen: str | None  # publication days
    last_seen: str | None
    roles: tuple[str, ...]  # the roles it is given, the most seen first
    together: tuple[tuple[str, int], ...]  # the names seen in most of its articles, with how many


@dataclass(frozen=True, slots=True)
class Hit:
    article: str  # the article's id
    title: str | None
    outlet: str | None
    published: str | None
    score: float  # lower is better (bm25 in SQLite, minus ts_rank_cd in PostgreSQL)
    snippet: str
    start: int  # the snippet's offsets into the article's text
    end: int
    highlights: tuple[tuple[int, int], ...]  # offsets of the matching words, into the article's text
    cluster: str  # the id of the first stored copy of the story
    copies: int  # the articles of its cluster that match (1 unless collapsed)


class Store:
    """A store: subclasses connect and say how their engine indexes and matches text."""
    dialect: str
    where: str  # the store's path or server, for messages
    read_only: bool = False  # opened to be read only: never made, upgraded or written

    _faults: tuple[type[Exception], ...]  # the engine's errors of the disk, the file or the server

    def execute(self, sql: str, params: Sequence = ()):
        """Run one statement (`?` marks its parameters) and return its cursor."""
        try:
            return self._run(sql, params)
        except self._faults as err:
            raise StoreError(self._explain(err)) from None

    def executemany(self, sql: str, rows: Sequence[Sequence]) -> None:
        if not rows:
            return
        try:
            self._run_many(sql, rows)
        except self._faults as err:
            raise StoreError(self._explain(err)) from None

    def stream(self, sql: str, params: Sequence = ()) -> Iterator[tuple]:
        """The rows of a statement, read as they are used."""
        cursor = self.execute(sql, params)
        try:
            yield from cursor
        except self._faults as err:
            raise StoreError(self._explain(err)) from None

    # --- what an engine provides -----------------------------------------------------------------------------
    def _run(self, sql: str, params: Sequence):
        raise NotImplementedError

    def _run_many(self, sql: str, rows: Iterable[Sequence]) -> None:
        raise NotImplementedError

    def _explain(self, err: Exception) -> str:
        """A fault as a message that says where and what."""
        raise NotImplementedError

    def transaction(self):
        """A context in which statements commit together or not at all, one writer at a time."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def _tables(self) -> set[str]:
        raise NotImplementedError

    full_text_insert: str  # the statement that adds an article to the full-text index (its row: _full_text_row)

    def _full_text_row(self, n: int, title: list[str], body: list[str]) -> tuple:
        raise NotImplementedError

    def _unindex(self, n: int) -> None:
        """Drop an article from the full-text index (where deleting the article does not)."""

    def _match(self, q: Query) -> tuple[str, str, list, str]:
        """FROM, WHERE, their parameters and the score (lower is better) of a full-text match."""
        raise NotImplementedError

    text_of_record: str  # the SQL that takes the text out of the stored record `a.record`

    # --- the schema ----------------------------------------------------------------------------------------
    def _prepare(self) -> None:
        if self.read_only:
            self._check_current()
            return
        if not self._tables():
            with self.transaction():
                if not self._tables():  # (another process may have made it while this one waited)
                    for statement in statements(self.dialect):
                        self.execute(statement)
                    self.execute("INSERT INTO meta VALUES ('schema_version', ?), ('signatures', ?)",
                                 (str(SCHEMA_VERSION), SIGNATURES))
        if "meta" not in self._tables():
            raise StoreError(f"{self.where}: a database that is no marsad store (no meta table)")
        version = self._version()
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.where}: made by a newer marsad (schema {version}; this one reads up to "
                             f"{SCHEMA_VERSION}): upgrade marsad")
        if version < SCHEMA_VERSION:
            with self.transaction():
                version = self._version()  # (another process may have upgraded it meanwhile)
                for step in range(version + 1, SCHEMA_VERSION + 1):
                    for statement in migration(self.dialect, step):
                        self.execute(statement)
                self.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
                if version < 3:
                    self._fill_entities()
        if self._meta("signatures") != SIGNATURES:
            with self.transaction():
                if self._meta("signatures") != SIGNATURES:
                    self._sign_again()

    def _check_current(self) -> None:
        """A store to read as it is: of this marsad's schema and signatures, else a clear error."""
        if "meta" not in self._tables():
            raise StoreError(f"{self.where}: no marsad store there (marsad ingest makes one)")
        version = self._version()
        if version != SCHEMA_VERSION or self._meta("signatures") != SIGNATURES:
            raise StoreError(f"{self.where}: a store of schema {version}, this marsad reads {SCHEMA_VERSION}: "
                             "run marsad ingest on it once to upgrade it" if version < SCHEMA_VERSION else
                             f"{self.where}: made by another marsad (schema {version}): upgrade marsad")

    def _meta(self, key: str) -> str | None:
        row = self.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _each(self, columns: str = "record") -> Iterator[tuple]:
        """(n, *columns) of every stored article in order, a few hundred in memory at a time, so that the store may be
        written between them."""
        last = 0
        while rows := self.execute(f"SELECT n, {columns} FROM articles WHERE n > ? ORDER BY n LIMIT ?",
                                   (last, LOOKUP)).fetchall():  # (columns are ours)
            yield from rows
            last = rows[-1][0]

    def _fill_entities(self) -> None:
        """Schemas 2 and 3: the roles and coordinates of stored entities, from their records."""
        for n, record in self._each():
            self.executemany("UPDATE entities SET roles = ?, lat = ?, lon = ? WHERE article = ? AND eid = ?",
                             [(json.dumps(e.get("roles") or [], ensure_ascii=False), *coordinates(e), n, e["id"])
                              for e in json.loads(record).get("entities") or []])

    def _sign_again(self) -> None:
        """The near-duplicate signatures and clusters of every stored article made anew: a store older than them, or
        signed under other parameters (duplicates.VERSION)."""
        self._index, self._indexed = DuplicateIndex(), 0
        self.execute("UPDATE articles SET cluster = n")
        for n, record in self._each():
            sig = signature(terms(json.loads(record).get("text") or ""))
            cluster = self._join(n, self._index.add(n, sig) if sig is not None else [], {})
            self.execute("UPDATE articles SET signature = ?, cluster = ? WHERE n = ?", (sig, cluster, n))
            self._indexed = n
        self.execute("DELETE FROM meta WHERE key = 'signatures'")
        self.execute("INSERT INTO meta VALUES ('signatures', ?)", (SIGNATURES,))

    def _version(self) -> int:
        return int(self.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])

    # --- writing -------------------------------------------------------------------------------------------
    def stored(self, ids: Iterable[str]) -> set[str]:
        """Which of `ids` the store holds."""
        ids = list(ids)
        found: set[str] = set()
        for k in range(0, len(ids), LOOKUP):
            chunk = ids[k:k + LOOKUP]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
        return found

    def put(self, records: Sequence[tuple[dict, Stored]], made_by: dict, replace: bool = False) -> int:
        """Store records with their input in one transaction; those already stored are left as they are (or
        replaced with `replace`). Returns how many were written."""
        made = json.dumps(made_by, sort_keys=True)
        return self.put_rows([prepare(record, given, made) for record, given in records], replace)

    def put_rows(self, prepared: Sequence[Rows], replace: bool = False) -> int:
        """Store prepared records (store/rows.py) in one transaction, as `put` does."""
        try:
            with self.transaction():
                return self._put_rows(prepared, replace)
        except BaseException:
            self._index = None  # (it may hold what was rolled back)
            raise

    def _put_rows(self, prepared: Sequence[Rows], replace: bool) -> int:
        """Within the writers' lock (so that what the store holds cannot change meanwhile): each new article given its
        number and cluster in order, then every table's rows stored a statement a table."""
        index = self._duplicates()
        last = self.execute("SELECT coalesce(max(n), 0) FROM articles").fetchone()[0]
        skip = set() if replace else self.stored(r.id for r in prepared)
        batch: dict[int, int] = {}  # number -> cluster of this batch's articles, not in the table yet
        new: list[tuple[int, Rows]] = []
        pending: dict[str, list[tuple]] = {}  # the rows of the other tables
        for rows in prepared:
            if rows.id in skip:
                continue
            skip.add(rows.id)
            kept = None
            if replace:
                kept = self.execute("SELECT n, cluster FROM articles WHERE id = ?", (rows.id,)).fetchone()
                if kept is not None:
                    self._unindex(kept[0])
                    self.execute("DELETE FROM articles WHERE n = ?", (kept[0],))
            if kept is not None:
                n, batch[n] = kept  # (an article analysed again keeps its number and its cluster)
            else:
                n = last = last + 1
                batch[n] = self._join(n, index.copies(rows.signature) if rows.signature is not None else [], batch)
                if rows.signature is not None:
                    index.insert(n, rows.signature)
                    self._indexed = n
            new.append((n, rows))
            for sql, values in rows.layers:
                pending.setdefault(sql, []).extend((n, *v) for v in values)
            pending.setdefault(self.full_text_insert, []).append(
                self._full_text_row(n, rows.title_terms, rows.body_terms))
        self.executemany(f"INSERT INTO articles (n, cluster, {', '.join(ARTICLE_COLUMNS)})"
                         f" VALUES (?, ?, {', '.join('?' * len(ARTICLE_COLUMNS))})",
                         [(n, batch[n], *rows.article) for n, rows in new])
        for sql, values in pending.items():
            self.executemany(sql, values)
        return len(new)

    # --- near-duplicates -----------------------------------------------------------------------------------
    def _duplicates(self) -> DuplicateIndex:
        """The signatures stored so far, indexed (within the writer's transaction: another ingest's are seen too);
        kept between batches, adding only what is new."""
        if getattr(self, "_index", None) is None:
            self._index, self._indexed = DuplicateIndex(), 0
        rows = self.execute("SELECT n, signature FROM articles WHERE n > ? AND signature IS NOT NULL ORDER BY n",
                            (self._indexed,)).fetchall()
        for n, sig in rows:
            self._index.add(n, bytes(sig))
        if rows:
            self._indexed = rows[-1][0]
        return self._index

    def _join(self, n: int, copies: Sequence[int], batch: dict[int, int]) -> int:
        """The cluster of a new article `n`: that of the articles it nearly copies (stored, or of this `batch`), their
        clusters merged when it joins several; a cluster is named by its first article."""
        clusters = {batch[c] for c in copies if c in batch}
        clusters |= {c for (c,) in self._in("SELECT DISTINCT cluster FROM articles WHERE n IN ({})",
                                             [c for c in copies if c not in batch])}
        cluster = min(clusters | {n})
        for other in clusters - {cluster}:
            self.execute("UPDATE articles SET cluster = ? WHERE cluster = ?", (cluster, other))
            for k, c in batch.items():
                if c == other:
                    batch[k] = cluster
        return cluster

    def _in(self, sql: str, values: Sequence) -> Iterator[tuple]:
        for k in range(0, len(values), LOOKUP):
            chunk = list(values[k:k + LOOKUP])
            yield from self.execute(sql.format(",".join("?" * len(chunk))), chunk)

    # --- reading -------------------------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence = ()) -> list[tuple]:
        """Rows of a read-only statement of the caller's (`?` marks its parameters)."""
        return [tuple(r) for r in self.execute(sql, params).fetchall()]

    def counts(self) -> dict[str, int]:
        """Rows per table, and `stories`: the articles with their near-copies counted once."""
        out = {t: self.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # (names are ours)
        out["stories"] = self.execute("SELECT count(DISTINCT cluster) FROM articles").fetchone()[0]
        return out

    def record(self, article_id: str) -> dict | None:
        """The stored record of one article, by its id."""
        row = self.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def records(self) -> Iterator[dict]:
        for (record,) in self.stream("SELECT record FROM articles ORDER BY n"):
            yield json.loads(record)

    def inputs(self) -> Iterator[tuple[dict, Stored]]:
        """(record, input) of every stored article, for analysing them again."""
        for _, record, raw, given in self._each("record, raw, given"):
            yield json.loads(record), Stored(zlib.decompress(raw).decode("utf-8", "surrogatepass"), json.loads(given))

    def clusters(self, min_size: int = 2) -> list[list[str]]:
        """The clusters of near-copies with at least `min_size` articles, their ids in storing order, the largest
        first."""
        groups: dict[int, list[str]] = {}
        for cluster, aid in self.stream("SELECT cluster, id FROM articles ORDER BY n"):
            groups.setdefault(cluster, []).append(aid)
        return sorted((g for g in groups.values() if len(g) >= min_size), key=lambda g: (-len(g), g[0]))

    def entities(self, *, limit: int = 50, type: str | None = None) -> list[EntitySummary]:
        """The collection's entities (of one `type`, if given), the most mentioned first: one per knowledge-base id;
        an unlinked name merged across articles by its type and name only where no two countries conflict (else one
        per country); with the roles seen and the entities of any type seen in most of the same articles."""
        rows = self.execute(
            "SELECT e.kb_id, e.type, e.name, e.name_en, e.country, e.article, e.mentions, e.roles, a.published"
            " FROM entities e JOIN articles a ON a.n = e.article ORDER BY e.article, e.eid").fetchall()
        countries: dict[tuple[str, str], set[str]] = {}
        for kb_id, kind, name, _, country, *_ in rows:
            if kb_id is None and country:
                countries.setdefault((kind, name), set()).add(country)
        groups: dict[str, dict] = {}
        for kb_id, kind, name, name_en, country, article, mentions, roles, published in rows:
            if kb_id is not None:
                key = kb_id
            elif len(countries.get((kind, name), ())) > 1:
                key = f"name:{kind}:{name}:{country or ''}"  # (two countries for one name: not one thing)
            else:
                key = f"name:{kind}:{name}"
            g = groups.setdefault(key, {"key": key, "kb_id": kb_id, "type": kind, "name": name, "name_en": name_en,
                                        "mentions": 0, "articles": set(), "days": [], "roles": Counter()})
            g["mentions"] += mentions
            g["articles"].add(article)
            g["roles"].update(r for r in json.loads(roles) if isinstance(r, str))  # (a stored record may say anything)
            if published:
                g["days"].append(published)
        ranked = sorted((g for g in groups.values() if type is None or g["type"] == type),
                        key=lambda g: (-g["mentions"], g["key"]))[:max(1, min(limit, MAX_LIMIT))]
        by_article: dict[int, set[str]] = {}
        for g in groups.values():
            for article in g["articles"]:
                by_article.setdefault(article, set()).add(g["key"])
        out = []
        for g in ranked:
            together: Counter = Counter()
            for article in g["articles"]:
                together.update(by_article[article] - {g["key"]})
            top = sorted(together.items(), key=lambda kv: (-kv[1], kv[0]))[:CO_OCCURRING]
            roles = sorted(g["roles"].items(), key=lambda kv: (-kv[1], kv[0]))[:ROLES_LISTED]
            out.append(EntitySummary(g["key"], g["kb_id"], g["type"], g["name"], g["name_en"], g["mentions"],
                                     len(g["articles"]), min(g["days"], default=None), max(g["days"], default=None),
                                     tuple(r for r, _ in roles), tuple((groups[k]["name"], n) for k, n in top)))
        return out

    def matching(self, q: Query, *, date_from: str | None = None, date_to: str | None = None,
                 outlet: str | None = None, entity: str | None = None, root: str | None = None,
                 quote_by: str | None = None) -> tuple[str, list[str], list, str]:
        """FROM, the WHERE conditions, their parameters and the score of the articles a search keeps."""
        source, match, params, score = self._match(q)
        where = [match]
        day_range(where, params, date_from, date_to)
        if outlet:
            where.append("a.outlet = ?")
            params.append(outlet)
        if entity:
            named, more = entity_match(entity, "e")
            where.append(f"EXISTS (SELECT 1 FROM entities e WHERE e.article = a.n AND {named})")
            params += more
        if root:
            where.append("EXISTS (SELECT 1 FROM events v WHERE v.article = a.n AND v.root = ?)")
            params.append(root)
        if quote_by:
            named, more = entity_match(quote_by, "e")
            where.append("EXISTS (SELECT 1 FROM quotes q JOIN entities e ON e.article = q.article AND e.eid = q.speaker"
                         f" WHERE q.article = a.n AND {named})")
            params += more
        return source, where, params, score

    def search(self, query: str | Query, *, date_from: str | None = None, date_to: str | None = None,
               outlet: str | None = None, entity: str | None = None, root: str | None = None,
               quote_by: str | None = None, collapse: bool = False, limit: int = 20, offset: int = 0) -> list[Hit]:
        """Articles matching the query (every word and phrase, analysed as the index is), best first, with the
        filters; `entity` and `quote_by` take a knowledge-base id, a name, or an entity's key (name:TYPE:NAME);
        `collapse` keeps the best copy of
        each story, with how many of its copies match."""
        q = query if isinstance(query, Query) else parse_query(query)
        if q.empty:
            return []
        source, where, params, score = self.matching(q, date_from=date_from, date_to=date_to, outlet=outlet,
                                                     entity=entity, root=root, quote_by=quote_by)
        page = [max(1, min(limit, MAX_LIMIT)), max(0, offset)]
        matched = f"SELECT a.n, a.cluster, {score} AS score FROM {source} WHERE {' AND '.join(where)}"
        if collapse:  # the best copy of each story, with how many match
            matched = (f"SELECT n, cluster, score, copies FROM (SELECT n, cluster, score, count(*) OVER w AS copies,"
                       f" row_number() OVER (w ORDER BY score, n) AS k FROM ({matched}) m"
                       " WINDOW w AS (PARTITION BY cluster)) r WHERE k = 1")
        else:
            matched = f"SELECT n, cluster, score, 1 AS copies FROM ({matched}) m"
        rows = self.execute(  # (the page first, then the texts of its articles alone)
            f"SELECT a.id, a.title, a.outlet, a.published, {self.text_of_record}, h.score, c.id, h.copies"
            f" FROM ({matched} ORDER BY score, n LIMIT ? OFFSET ?) h"
            " JOIN articles a ON a.n = h.n JOIN articles c ON c.n = h.cluster ORDER BY h.score, h.n",
            params + page).fetchall()
        wanted = q.all_terms()
        return [Hit(aid, title, outlet, published, float(score), *_snippet(text, wanted), cluster, copies)
                for aid, title, outlet, published, text, score, cluster, copies in rows]


def key_filter(key: str, alias: str = "e") -> tuple[str, list]:
    """SQL matching the entity rows of one key (a KB id, or «name:TYPE:NAME[:COUNTRY]» for an unlinked name)."""
    if key.startswith("name:"):
        kind, _, name = key[5:].partition(":")
        country = re.fullmatch(r"(.*):([A-Z]{3})?", name)
        sql = f"{alias}.kb_id IS NULL AND {alias}.type = ? AND {alias}.name = ?"
        if country:
            return sql + f" AND coalesce({alias}.country, '') = ?", [kind, country[1], country[2] or ""]
        return sql, [kind, name]
    return f"{alias}.kb_id = ?", [key]


def entity_match(given: str, alias: str) -> tuple[str, list]:
    """SQL matching the entity rows a filter names: an entity's key, else a KB id or a name."""
    if given.startswith("name:"):
        return key_filter(given, alias)
    return f"({alias}.kb_id = ? OR {alias}.name = ?)", [given, given]


def day_range(where: list[str], params: list, date_from: str | None, date_to: str | None) -> None:
    """Add the conditions (on `a.published`) and parameters of a range of publication days."""
    if date_from:
        where.append("a.published >= ?")
        params.append(date_from)
    if date_to:
        where.append("a.published <= ?")
        params.append(date_to + "\uffff")  # (a day's prefix takes in the whole day)


def _snippet(text: str, wanted: set[str]) -> tuple[str, int, int, tuple[tuple[int, int], ...]]:
    """The text around the first matching word, with the offsets of the snippet and of the words in it (the text read
    only as far as the snippet goes)."""
    spans = ((s, e) for term, s, e in term_spans(text) if term in wanted)
    first = next(spans, None)
    if first is None:
        return text[:SNIPPET_CHARS], 0, min(len(text), SNIPPET_CHARS), ()
    start = max(0, first[0] - SNIPPET_CHARS // 4)
    end = min(len(text), start + SNIPPET_CHARS)
    found = [first] if first[1] <= end else []
    for s, e in spans:
        if e > end:
            break
        found.append((s, e))
    return text[start:end], start, end, tuple(found)
