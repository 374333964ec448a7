"""The neural Arabic NER tagger (BiLSTM-CRF with a character CNN), run in pure numpy.

    from marsad.ner.neural import load_neural_tagger
    tagger = load_neural_tagger()
    tagger.tag(["قال", "الرئيس", "بوتين", "في", "موسكو"])
    # ['O', 'O', 'B-PERSON', 'O', 'B-GPE']
    tagger.tag_sentences(list_of_token_lists)

Same interface and label set as `marsad.ner.tagger` (IOB2 PERSON, ORG, GPE, LOC,
MISC; ANERcorp's LOC split into GPE/LOC by the CRF tagger's own rule). The
model is trained by scripts/train_neural_ner.py (torch, on a GPU machine) on
data that scripts/prepare_neural_ner_data.py builds with `Encoder` below, the
one place where a token becomes model inputs: training and run time share it.
No torch at run time. Model files: resources/ner/neural-ner.npz + .json.

Per token the model sees: the word2vec vector (public-domain books) of the
folded word and of its clitic stem, a character CNN over the folded word, the
proclitic, word shape, frequency band, three k-means cluster ids, the
single-token gazetteer types of the stem and the multi-token gazetteer span
labels (B-/I-type) of the CRF tagger's feature code. Everything but the span
labels depends on the word alone, so it is cached per word type.
"""
from __future__ import annotations

import functools
import hashlib
import json
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

import numpy as np

from ..text.word_forms import article_stem
from .features import ClusterInfo, FeatureExtractor, Lexicons, rank_band, shape

MODEL_NPZ = "neural-ner.npz"
MODEL_JSON = "neural-ner.json"
PAD, UNK = 0, 1  # reserved ids in every vocabulary
MAX_CHARS = 20  # longer words keep their first and last MAX_CHARS // 2 characters
MAX_WINDOW = 512  # longer sentences are tagged in windows of this many tokens
SHAPES = ("empty", "punct", "digit", "mixdigit", "latin", "arabic", "other")
BANDS = ("top1k", "top10k", "top50k", "top150k", "oov")
# Columns of the integer feature matrix `Encoder.encode` returns.
COLUMNS = ("word", "stem", "prefix", "shape", "band", "c1", "c2", "c3", "gaz", "span")
CLUSTER_SIZES = (64, 256, 1024)  # scripts/train_clusters.py K_LEVELS; id 0 = no cluster
CACHE_LIMIT = 300_000  # word types kept in the per-type caches


@dataclass(slots=True)
class WordAnalysis:
    """What the encoder reads off one word: strings only."""

    norm: str
    prefix: str
    stem: str
    shape: str
    cluster: ClusterInfo | None
    gaz: tuple[str, ...]  # single-token gazetteer types of the stem


class EncodedWord(NamedTuple):
    """A word type as model inputs: its integer features (all columns but the span), char ids, forms."""

    features: tuple[int, ...]
    chars: tuple[int, ...]
    norm: str
    stem: str


class EncodedColumns(NamedTuple):
    """The encoded words of a token sequence, field by field (each a tuple with one item per token)."""

    features: tuple[tuple[int, ...], ...]
    chars: tuple[tuple[int, ...], ...]
    norms: tuple[str, ...]
    stems: tuple[str, ...]


def sha256_of_resource(name: str) -> str:
    data = (resources.files("marsad.resources") / "ner" / name).read_bytes()
    return hashlib.sha256(data).hexdigest()


class Encoder:
    """Token -> integer features and character ids, shared by data preparation and run time.

    `words`, `chars` and `prefixes` are vocabularies whose first two entries are
    the padding and unknown symbols; `gaz_types` orders the gazetteer types
    (bit k of `gaz`, bit k of `span` for B-type, bit 16 + k for I-type).
    """

    def __init__(self, lex: Lexicons, words: Sequence[str], chars: Sequence[str], prefixes: Sequence[str],
                 gaz_types: Sequence[str]):
        self.lex = lex
        self.fx = FeatureExtractor(lex)
        self.words = list(words)
        self.word_index = {w: i for i, w in enumerate(self.words)}
        self.chars = list(chars)
        self.char_index = {c: i for i, c in enumerate(self.chars)}
        self.prefixes = list(prefixes)
        self.prefix_index = {p: i for i, p in enumerate(self.prefixes)}
        self.gaz_types = list(gaz_types)
        if len(self.gaz_types) > 16:
            raise ValueError("at most 16 gazetteer types fit the span bit mask")
        self.gaz_bit = {t: 1 << k for k, t in enumerate(self.gaz_types)}
        self._cache: dict[str, tuple] = {}  # the fields of EncodedWord: plain tuples, untracked by the GC

    # --- word level -------------------------------------------------------------
    def analyse(self, token: str) -> WordAnalysis:
        norm, prefix, stem = self.fx.analyse(token)
        return WordAnalysis(norm, prefix, stem, shape(norm), self.lex.cluster(norm, stem), self.fx.gaz_types(stem))

    def lookup(self, form: str) -> int:
        i = self.word_index.get(form)
        if i is None and (bare := article_stem(form)) is not None:
            i = self.word_index.get(bare)
        return UNK if i is None else i

    def char_ids(self, norm: str) -> tuple[int, ...]:
        if len(norm) > MAX_CHARS:
            norm = norm[:MAX_CHARS // 2] + norm[-(MAX_CHARS // 2):]
        ids = tuple(self.char_index.get(c, UNK) for c in norm)
        return ids or (UNK,)

    def word(self, token: str) -> EncodedWord:
        """A token's model inputs (all but the span column)."""
        return EncodedWord(*self._parts(token))

    def columns(self, tokens: Sequence[str]) -> EncodedColumns:
        """The model inputs of a token sequence, field by field."""
        if not tokens:
            return EncodedColumns((), (), (), ())
        return EncodedColumns(*zip(*(self._parts(t) for t in tokens)))

    def _parts(self, token: str) -> tuple:
        """The fields of `EncodedWord`, computed once per word type (kept as a plain tuple)."""
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        w = self.analyse(token)
        info = w.cluster
        band = rank_band(info.rank if info else None)
        mask = 0
        for g in w.gaz:
            mask |= self.gaz_bit.get(g, 0)
        feats = (
            self.lookup(w.norm), self.lookup(w.stem), self.prefix_index.get(w.prefix, UNK), SHAPES.index(w.shape),
            BANDS.index(band),
            int(info.c64) + 1 if info else 0, int(info.c256) + 1 if info else 0, int(info.c1024) + 1 if info else 0,
            mask,
        )
        result = (feats, self.char_ids(w.norm), w.norm, w.stem)
        if len(self._cache) < CACHE_LIMIT:
            self._cache[token] = result
        return result

    # --- sentence level -----------------------------------------------------------
    def span_masks(self, stems: Sequence[str], norms: Sequence[str]) -> list[int]:
        out = []
        for labels in self.fx.gazetteer_spans(stems, norms):
            mask = 0
            for lab in labels:
                bit = self.gaz_bit.get(lab[2:], 0)
                mask |= bit if lab[0] == "B" else bit << 16
            out.append(mask)
        return out

    def encode(self, tokens: Sequence[str]) -> tuple[np.ndarray, list[tuple[int, ...]]]:
        """Integer features (len(tokens) x len(COLUMNS), int64) and per-token char ids."""
        cols = self.columns(tokens)
        spans = self.span_masks(cols.stems, cols.norms)
        feats = np.array([(*f, m) for f, m in zip(cols.features, spans)], dtype=np.int64).reshape(len(spans), len(COLUMNS))
        return feats, list(cols.chars)


def pad_chars(char_lists: Sequence[Sequence[int]]) -> np.ndarray:
    out = np.zeros((len(char_lists), MAX_CHARS), dtype=np.int64)
    for i, ids in enumerate(char_lists):
        out[i, :len(ids)] = ids
    return out


def bits(mask: np.ndarray, n: int, shift: int = 0) -> np.ndarray:
    """(N,) int bit masks -> (N, n) float32 0/1 of bits shift..shift+n-1."""
    return ((mask[:, None] >> (np.arange(n) + shift)) & 1).astype(np.float32)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


def viterbi(emissions: np.ndarray, lengths: np.ndarray, trans: np.ndarray, start: np.ndarray,
            end: np.ndarray) -> list[list[int]]:
    """Best tag paths of a padded batch. emissions (B, T, K); trans[i, j] scores tag i -> tag j."""
    b, t_max, k = emissions.shape
    score = start[None, :] + emissions[:, 0]
    back = np.empty((b, t_max, k), dtype=np.int32)
    back[:, 0] = np.arange(k)
    keep = np.arange(k)
    for t in range(1, t_max):
        cand = score[:, :, None] + trans[None]
        best = cand.argmax(axis=1)
        new = cand.max(axis=1) + emissions[:, t]
        alive = (t < lengths)[:, None]
        score = np.where(alive, new, score)
        back[:, t] = np.where(alive, best, keep)
    score = score + end[None, :]
    last = score.argmax(axis=1)
    paths = np.empty((b, t_max), dtype=np.int64)
    paths[:, t_max - 1] = last
    for t in range(t_max - 1, 0, -1):
        last = back[np.arange(b), t, last]
        paths[:, t - 1] = last
    return [paths[i, :lengths[i]].tolist() for i in range(b)]


class NeuralModel:
    """The numpy forward pass: inputs -> emissions -> Viterbi tags (indices)."""

    def __init__(self, weights: dict[str, np.ndarray], hidden: int):
        w = {k: np.asarray(v) for k, v in weights.items()}
        f32 = lambda a: np.ascontiguousarray(a, dtype=np.float32)  # noqa: E731
        self.emb = f32(w["emb_q"].astype(np.float32) * w["emb_scale"].astype(np.float32)[:, None])
        self.char_emb = f32(w["char_emb"])
        conv = f32(w["conv_w"])  # (F, C, width) as torch Conv1d
        self.conv_width = conv.shape[2]
        self.conv_w = f32(conv.transpose(2, 1, 0).reshape(-1, conv.shape[0]))  # (width*C, F)
        self.conv_b = f32(w["conv_b"])
        self.tables = [f32(w[name]) for name in ("prefix_emb", "shape_emb", "band_emb", "c1_emb", "c2_emb", "c3_emb")]
        self.gaz_w = f32(w["gaz_w"])  # (G, Dg)
        self.span_w = f32(w["span_w"])  # (2G, Ds)
        self.n_gaz = self.gaz_w.shape[0]
        self.w_ih = f32(w["w_ih"])  # (D, 8H): forward gates then backward gates (i, f, g, o)
        self.b_ih = f32(w["b_ih"])
        self.w_hh = f32(w["w_hh"])  # (2, H, 4H)
        self.out_w = f32(w["out_w"])  # (2H, K)
        self.out_b = f32(w["out_b"])
        self.trans, self.start, self.end = f32(w["trans"]), f32(w["start"]), f32(w["end"])
        self.hidden = hidden
        n_span = self.span_w.shape[1]
        self.w_ih_static = np.ascontiguousarray(self.w_ih[:-n_span])
        self.span_proj = self.span_w @ self.w_ih[-n_span:]  # (2G, 8H): span bits straight to gates

    def char_features(self, chars: np.ndarray) -> np.ndarray:
        """(N, MAX_CHARS) char ids -> (N, F) max-pooled ReLU CNN features."""
        n, length = chars.shape
        x = self.char_emb[chars]  # (N, L, C)
        half = self.conv_width // 2
        xp = np.pad(x, ((0, 0), (half, half), (0, 0)))
        cols = np.concatenate([xp[:, j:j + length] for j in range(self.conv_width)], axis=2)  # (N, L, width*C)
        y = cols @ self.conv_w + self.conv_b
        y[chars == PAD] = -np.inf
        return np.maximum(y.max(axis=1), 0.0)

    def static_inputs(self, feats: np.ndarray, char_feats: np.ndarray) -> np.ndarray:
        """Word-type part of the LSTM inputs: (N, >= 9) features + (N, F) char features -> (N, D - span)."""
        parts = [self.emb[feats[:, 0]], self.emb[feats[:, 1]], char_feats]
        parts += [table[feats[:, col]] for table, col in zip(self.tables, range(2, 8))]
        parts.append(bits(feats[:, 8], self.n_gaz) @ self.gaz_w)
        return np.concatenate(parts, axis=1)

    def span_bits(self, span: np.ndarray) -> np.ndarray:
        return np.concatenate([bits(span, self.n_gaz), bits(span, self.n_gaz, 16)], axis=1)

    def inputs(self, feats: np.ndarray, char_feats: np.ndarray) -> np.ndarray:
        """(N, len(COLUMNS)) features + (N, F) char features -> (N, D) LSTM inputs."""
        span = self.span_bits(feats[:, 9]) @ self.span_w
        return np.concatenate([self.static_inputs(feats, char_feats), span], axis=1)

    def emissions(self, x: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Packed inputs x (sum(lengths), D) of sentences -> padded emissions (B, T, K)."""
        return self.emissions_from_gates(x @ self.w_ih + self.b_ih, lengths)

    def gates(self, static_proj: np.ndarray, span: np.ndarray) -> np.ndarray:
        """Input-to-gate pre-activations from projected word-type inputs and the span bit masks."""
        out = static_proj + self.b_ih
        rows = np.flatnonzero(span)
        if len(rows):
            out[rows] += self.span_bits(span[rows]) @ self.span_proj
        return out

    def emissions_from_gates(self, proj: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Packed input gates (sum(lengths), 8H) -> padded emissions (B, T, K)."""
        h = self.hidden
        b, t_max = len(lengths), int(lengths.max())
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        t_idx = np.arange(t_max)[None, :]
        valid = t_idx < lengths[:, None]
        fwd_src = np.where(valid, starts[:, None] + t_idx, 0)
        bwd_src = np.where(valid, starts[:, None] + lengths[:, None] - 1 - t_idx, 0)
        gates_in = np.empty((2, b, t_max, 4 * h), dtype=np.float32)
        gates_in[0] = proj[fwd_src, :4 * h]
        gates_in[1] = proj[bwd_src, 4 * h:]
        hs = np.empty((2, b, t_max, h), dtype=np.float32)
        state = np.zeros((2, b, h), dtype=np.float32)
        cell = np.zeros((2, b, h), dtype=np.float32)
        for t in range(t_max):
            g = gates_in[:, :, t] + np.matmul(state, self.w_hh)
            i_f = _sigmoid(g[..., :2 * h])
            o = _sigmoid(g[..., 3 * h:])
            cell = i_f[..., h:] * cell + i_f[..., :h] * np.tanh(g[..., 2 * h:3 * h])
            state = o * np.tanh(cell)
            hs[:, :, t] = state
        # back to token order: the backward pass ran over each sentence reversed
        fwd = hs[0][valid]
        rev_pos = np.where(valid, lengths[:, None] - 1 - t_idx, 0)
        bwd = hs[1][np.arange(b)[:, None], rev_pos][valid]
        scores = np.concatenate([fwd, bwd], axis=1) @ self.out_w + self.out_b  # (N, K)
        out = np.zeros((b, t_max, scores.shape[1]), dtype=np.float32)
        out[valid] = scores
        return out

    def decode(self, emissions: np.ndarray, lengths: np.ndarray) -> list[list[int]]:
        return viterbi(emissions, lengths, self.trans, self.start, self.end)


class _TypeMapper:
    """ANERcorp types -> marsad types, by the CRF tagger's own rule (LOC split into GPE/LOC)."""

    def __init__(self, fx: FeatureExtractor, lex: Lexicons):
        from .tagger import CRFTagger

        self.features, self.lex = fx, lex
        self._map = functools.partial(CRFTagger._marsad_types, self)
        self._is_natural_location = functools.partial(CRFTagger._is_natural_location, self)

    def __call__(self, tokens: list[str], labels: list[str]) -> list[str]:
        return self._map(tokens, labels)


class NeuralTagger:
    """Encoder + numpy model + label mapping; batches sentences by length."""

    def __init__(self, weights: dict[str, np.ndarray], meta: dict, lex: Lexicons | None = None,
                 batch_tokens: int = 4096):
        lex = lex or Lexicons.load()
        words = bytes(weights["vocab_words"]).decode("utf-8").split("\n")
        self.meta = meta
        self.encoder = Encoder(lex, words, meta["chars"], meta["prefixes"], meta["gaz_types"])
        self.model = NeuralModel(weights, meta["hyper"]["hidden"])
        self.labels = meta["tags"]
        self.batch_tokens = batch_tokens
        self._char_cache: dict[tuple[int, ...], np.ndarray] = {}
        self._types = _TypeMapper(self.encoder.fx, lex)

    def _char_rows(self, char_lists: list[tuple[int, ...]]) -> np.ndarray:
        cache = self._char_cache
        missing = list({c for c in char_lists if c not in cache})
        if missing:
            computed = self.model.char_features(pad_chars(missing))
            if len(cache) > CACHE_LIMIT:
                cache.clear()
            for key, row in zip(missing, computed):
                cache[key] = row
        return np.stack([cache[c] for c in char_lists])

    def raw_indices(self, sentences: Sequence[Sequence[str]]) -> list[list[int]]:
        """Tag indices (into meta['tags']) for each sentence; windows of MAX_WINDOW tokens."""
        pieces: list[tuple[int, int, list[str]]] = []  # (sentence, offset, tokens)
        for si, toks in enumerate(sentences):
            for off in range(0, len(toks), MAX_WINDOW):
                pieces.append((si, off, list(toks[off:off + MAX_WINDOW])))
        out: list[list[int]] = [[0] * len(s) for s in sentences]
        order = sorted(range(len(pieces)), key=lambda i: len(pieces[i][2]))
        batch: list[int] = []
        for k, idx in enumerate(order):
            batch.append(idx)
            nxt = order[k + 1] if k + 1 < len(order) else None
            if nxt is None or (len(batch) + 1) * len(pieces[nxt][2]) > self.batch_tokens:
                self._run_batch([pieces[i] for i in batch], out)
                batch = []
        return out

    def _run_batch(self, pieces: list[tuple[int, int, list[str]]], out: list[list[int]]) -> None:
        """Word-type inputs are projected once per distinct token of the batch."""
        if not pieces:
            return
        enc, model = self.encoder, self.model
        index: dict[str, int] = {}
        inverse, spans = [], []
        for _, _, toks in pieces:
            inverse += [index.setdefault(t, len(index)) for t in toks]
            cols = enc.columns(toks)
            spans += enc.span_masks(cols.stems, cols.norms)
        uniq = enc.columns(list(index))
        feats = np.array(uniq.features, dtype=np.int64)
        static = model.static_inputs(feats, self._char_rows(list(uniq.chars)))
        proj = (static @ model.w_ih_static)[np.array(inverse)]
        gates = model.gates(proj, np.array(spans, dtype=np.int64))
        lengths = np.array([len(p[2]) for p in pieces])
        paths = model.decode(model.emissions_from_gates(gates, lengths), lengths)
        for (si, off, toks), path in zip(pieces, paths):
            out[si][off:off + len(toks)] = path

    def raw_tags(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """ANERcorp labels (PERS, ORG, LOC, MISC), IOB2."""
        from .tagger import repair_iob

        return [repair_iob([self.labels[i] for i in path]) for path in self.raw_indices(sentences)]

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """IOB2 labels (PERSON, ORG, GPE, LOC, MISC) for one sentence."""
        return self.tag_sentences([tokens])[0]

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """IOB2 labels (PERSON, ORG, GPE, LOC, MISC) for each sentence."""
        sentences = [list(s) for s in sentences]
        return [self._types(toks, labs) for toks, labs in zip(sentences, self.raw_tags(sentences))]


def read_model(npz_bytes: bytes) -> dict[str, np.ndarray]:
    import io

    with np.load(io.BytesIO(npz_bytes)) as data:
        return {k: data[k] for k in data.files}


@functools.lru_cache(maxsize=1)
def load_neural_tagger() -> NeuralTagger:
    """The shipped neural tagger, loaded once from package resources (no torch, no network)."""
    base = resources.files("marsad.resources") / "ner"
    meta = json.loads(base.joinpath(MODEL_JSON).read_text(encoding="utf-8"))
    for name, digest in meta.get("resources_sha256", {}).items():
        if sha256_of_resource(name) != digest:
            warnings.warn(f"resources/ner/{name} changed since the neural NER model was trained; "
                          "retrain it (scripts/prepare_neural_ner_data.py, scripts/train_neural_ner.py)",
                          stacklevel=2)
    weights = read_model(base.joinpath(MODEL_NPZ).read_bytes())
    return NeuralTagger(weights, meta)
