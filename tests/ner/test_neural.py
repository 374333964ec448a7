"""The numpy neural NER tagger: equals the torch model it is exported from, decodes exactly, tags real text."""
from __future__ import annotations

import importlib.util
import itertools
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from marsad.ner import neural
from marsad.ner.neural import COLUMNS, MAX_CHARS, NeuralModel, NeuralTagger, viterbi

ROOT = Path(__file__).resolve().parents[2]
TYPES = {"PERSON", "ORG", "GPE", "LOC", "MISC"}
SENTENCE = "قال وزير الدفاع الأمريكي دونالد رامسفيلد في واشنطن إن الولايات المتحدة لن تنسحب من العراق .".split()
TAGS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]


def _train_module():
    torch = pytest.importorskip("torch")
    spec = importlib.util.spec_from_file_location("train_neural_ner", ROOT / "scripts" / "train_neural_ner.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return torch, module


def _tiny(torch, tnn, words: int = 30, gaz_types=("GPE_CITY", "PER_GIVEN", "ORG_KB"), clusters=(4, 8, 16)):
    meta = {"chars": ["<pad>", "<unk>", *"ابتثجحخدرزسشصضطظعغفقكلمنهوي"], "prefixes": ["<pad>", "<unk>", "و", "ب", "ال"],
            "gaz_types": list(gaz_types), "cluster_sizes": list(clusters), "n_shapes": 7, "n_bands": 5, "tags": TAGS}
    hyper = {**tnn.HYPER, "char_dim": 6, "char_filters": 5, "hidden": 7, "prefix_dim": 3, "shape_dim": 2,
             "band_dim": 2, "cluster_dims": [2, 3, 4], "gaz_dim": 3, "span_dim": 4}
    rng = np.random.default_rng(0)
    q, scale = tnn.quantise(rng.normal(size=(words, 8)).astype(np.float32))
    q[:2] = 0
    emb = torch.from_numpy(q.astype(np.float32) * scale.astype(np.float32)[:, None])
    torch.manual_seed(0)
    model = tnn.NeuralTagger(meta, hyper, emb, tune_emb=False)
    with torch.no_grad():
        for p in (model.trans, model.start, model.end):
            p.normal_()
    model.eval()
    return model, meta, hyper, (q, scale)


def _random_batch(rng, meta, words, lengths):
    g = len(meta["gaz_types"])
    t_max = max(lengths)
    feats = np.zeros((len(lengths), t_max, len(COLUMNS)), dtype=np.int64)
    chars = np.zeros((len(lengths), t_max, MAX_CHARS), dtype=np.int64)
    for b, n in enumerate(lengths):
        feats[b, :n, 0] = rng.integers(0, words, n)
        feats[b, :n, 1] = rng.integers(0, words, n)
        feats[b, :n, 2] = rng.integers(0, len(meta["prefixes"]), n)
        feats[b, :n, 3] = rng.integers(0, 7, n)
        feats[b, :n, 4] = rng.integers(0, 5, n)
        for j, k in enumerate(meta["cluster_sizes"]):
            feats[b, :n, 5 + j] = rng.integers(0, k + 1, n)
        feats[b, :n, 8] = rng.integers(0, 1 << g, n)
        feats[b, :n, 9] = rng.integers(0, 1 << g, n) | (rng.integers(0, 1 << g, n) << 16)
        for t in range(n):
            m = rng.integers(1, MAX_CHARS + 1)
            chars[b, t, :m] = rng.integers(1, len(meta["chars"]), m)
    return feats, chars


def test_numpy_forward_equals_torch():
    torch, tnn = _train_module()
    model, meta, hyper, frozen = _tiny(torch, tnn)
    rng = np.random.default_rng(1)
    lengths = np.array([5, 1, 9, 3])
    feats, chars = _random_batch(rng, meta, 30, lengths)
    with torch.no_grad():
        expected = model.emissions(torch.from_numpy(feats), torch.from_numpy(chars), lengths).numpy()
    npm = NeuralModel(tnn.export_weights(model, frozen), hyper["hidden"])
    valid = np.arange(lengths.max())[None, :] < lengths[:, None]
    x = npm.inputs(feats[valid], npm.char_features(chars[valid]))
    got = npm.emissions(x, lengths)
    np.testing.assert_allclose(got[valid], expected[valid], rtol=1e-4, atol=1e-5)
    crf = [p.detach().numpy() for p in (model.trans, model.start, model.end)]
    assert npm.decode(got, lengths) == tnn.viterbi(expected, lengths, *crf)
    # the exported int8 vectors are the bundle's own when the embedding was frozen
    assert np.array_equal(tnn.export_weights(model, None)["emb_q"], frozen[0])


def test_tagger_end_to_end_equals_torch_on_real_tokens():
    torch, tnn = _train_module()
    from marsad.ner.features import Lexicons

    lex = Lexicons.load()
    gaz_types = sorted({k for kinds in lex.gazetteer.values() for k in kinds})
    words = ["<pad>", "<unk>", "قال", "وزير", "في", "واشنطن", "العراق", "الدفاع", "ان", "من"]
    model, meta, hyper, frozen = _tiny(torch, tnn, words=len(words), gaz_types=gaz_types, clusters=neural.CLUSTER_SIZES)
    weights = {**tnn.export_weights(model, frozen),
               "vocab_words": np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8)}
    tagger = NeuralTagger(weights, {**meta, "hyper": hyper}, lex=lex, batch_tokens=40)
    sentences = [SENTENCE, SENTENCE[:3], [], SENTENCE * 3]
    got = tagger.raw_indices(sentences)
    for toks, path in zip(sentences, got):
        if not toks:
            assert path == []
            continue
        f, c = tagger.encoder.encode(toks)
        lengths = np.array([len(toks)])
        with torch.no_grad():
            em = model.emissions(torch.from_numpy(f)[None], torch.from_numpy(neural.pad_chars(c))[None],
                                 lengths).numpy()
        crf = [p.detach().numpy() for p in (model.trans, model.start, model.end)]
        assert path == tnn.viterbi(em, lengths, *crf)[0]
    labels = tagger.tag_sentences(sentences)
    assert [len(x) for x in labels] == [len(s) for s in sentences]
    assert all(lab == "O" or (lab[:2] in ("B-", "I-") and lab[2:] in TYPES) for x in labels for lab in x)


def test_long_sentences_are_tagged_in_windows(monkeypatch):
    torch, tnn = _train_module()
    from marsad.ner.features import Lexicons

    lex = Lexicons.load()
    gaz_types = sorted({k for kinds in lex.gazetteer.values() for k in kinds})
    model, meta, hyper, frozen = _tiny(torch, tnn, words=3, gaz_types=gaz_types, clusters=neural.CLUSTER_SIZES)
    weights = {**tnn.export_weights(model, frozen),
               "vocab_words": np.frombuffer("<pad>\n<unk>\nفي".encode(), dtype=np.uint8)}
    tagger = NeuralTagger(weights, {**meta, "hyper": hyper}, lex=lex)
    monkeypatch.setattr(neural, "MAX_WINDOW", 7)
    long = SENTENCE * 2  # 30 tokens: windows of 7, 7, 7, 7, 2
    whole = tagger.raw_indices([long])[0]
    pieces = [tagger.raw_indices([long[i:i + 7]])[0] for i in range(0, len(long), 7)]
    assert whole == [t for p in pieces for t in p]


def _brute_force(em, trans, start, end):
    t_len, k = em.shape
    best, best_path = -np.inf, None
    for path in itertools.product(range(k), repeat=t_len):
        s = start[path[0]] + end[path[-1]] + sum(em[t, path[t]] for t in range(t_len))
        s += sum(trans[path[t - 1], path[t]] for t in range(1, t_len))
        if s > best:
            best, best_path = s, list(path)
    return best_path


def test_viterbi_hand_case():
    # tags O, B-X, I-X; O -> I-X is forbidden. Greedy picks O, I-X; the best valid path is B-X, I-X.
    trans = np.array([[0, 0, -100], [0, 0, 0], [0, 0, 0]], dtype=np.float32)
    start = np.array([0, 0, -100], dtype=np.float32)
    end = np.zeros(3, dtype=np.float32)
    em = np.zeros((2, 3, 3), dtype=np.float32)
    em[0, 0] = [1.0, 0.9, 0.0]
    em[0, 1] = [0.0, 0.0, 1.5]
    em[0, 2] = [0.0, 0.0, 5.0]  # padding: must not count
    em[1, 0] = [0.2, 0.1, 9.0]  # a one-token sentence: I-X is forbidden at the start
    paths = viterbi(em, np.array([2, 1]), trans, start, end)
    assert paths == [[1, 2], [0]]


def test_viterbi_matches_brute_force():
    rng = np.random.default_rng(3)
    k = 3
    lengths = np.array([4, 1, 3, 2])
    em = rng.normal(size=(4, 4, k)).astype(np.float32)
    trans, start, end = (rng.normal(size=s).astype(np.float32) for s in ((k, k), k, k))
    paths = viterbi(em, lengths, trans, start, end)
    for b, n in enumerate(lengths):
        assert paths[b] == _brute_force(em[b, :n], trans, start, end)


def test_encoder_features_of_a_known_name():
    from marsad.ner.features import Lexicons

    lex = Lexicons.load()
    gaz_types = sorted({k for kinds in lex.gazetteer.values() for k in kinds})
    enc = neural.Encoder(lex, ["<pad>", "<unk>", "واشنطن"], ["<pad>", "<unk>"], ["<pad>", "<unk>", "و", "ف"], gaz_types)
    feats, chars = enc.encode(["وواشنطن", "قال"])
    assert feats.shape == (2, len(COLUMNS))
    assert feats[0, COLUMNS.index("stem")] == 2 and feats[0, COLUMNS.index("prefix")] == 2
    assert feats[0, COLUMNS.index("gaz")] & (1 << gaz_types.index("GPE_CITY"))
    assert feats[1, COLUMNS.index("word")] == neural.UNK
    assert len(chars[0]) == len("وواشنطن")


def _shipped() -> bool:
    base = resources.files("marsad.resources") / "ner"
    return base.joinpath(neural.MODEL_NPZ).is_file() and base.joinpath(neural.MODEL_JSON).is_file()


@pytest.mark.skipif(not _shipped(), reason="no neural-ner.npz shipped in resources/ner/")
def test_shipped_model_loads_offline_and_tags_real_sentence(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the neural NER model tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    neural.load_neural_tagger.cache_clear()
    tagger = neural.load_neural_tagger()
    labels = tagger.tag(SENTENCE)
    assert len(labels) == len(SENTENCE)
    assert all(lab == "O" or (lab[:2] in ("B-", "I-") and lab[2:] in TYPES) for lab in labels)
    spans = []
    i = 0
    while i < len(labels):
        if labels[i].startswith("B-"):
            j = i + 1
            while j < len(labels) and labels[j] == "I-" + labels[i][2:]:
                j += 1
            spans.append((labels[i][2:], " ".join(SENTENCE[i:j])))
            i = j
        else:
            i += 1
    assert ("GPE", "واشنطن") in spans
    assert ("GPE", "العراق") in spans
    assert [len(x) for x in tagger.tag_sentences([SENTENCE, [], ["في"] * 600])] == [len(SENTENCE), 0, 600]


@pytest.mark.skipif(not _shipped(), reason="no neural-ner.npz shipped in resources/ner/")
def test_shipped_model_runs_without_torch():
    import subprocess
    import sys

    code = ("import sys; from marsad.ner.neural import load_neural_tagger; "
            "load_neural_tagger().tag(['قال', 'بوتين']); assert 'torch' not in sys.modules, 'torch imported'")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=300)
