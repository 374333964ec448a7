#!/usr/bin/env python3
"""Train marsad's neural Arabic NER tagger (BiLSTM-CRF + character CNN) on a GPU; numpy-only output.

    python3 scripts/train_neural_ner.py --data .devdata --out $OUT [--epochs 30] [--final]
        [--configs tuned,frozen,tuned+wojood] [--budget 300] [--limit N] [--serial]

Needs numpy and torch, and marsad's pure-Python/numpy modules from this
checkout's src/ (Viterbi decoding and the NER scorer; no installed package).
The data bundle comes from scripts/prepare_neural_ner_data.py (marsad's own
token encoding).

Every configuration in --configs trains on ANERcorp train minus dev (the last
10% of CAMeL train.txt) in its own process (they share the GPU), printing dev
micro F1 (entity-level exact match, IOB2, as seqeval) after each epoch. The
configuration and epoch with the best dev F1 are selected. With --final, one
more process per configuration trains on all of train.txt with the same
schedule, saving a snapshot per epoch, and the snapshot of the selected
configuration at the selected epoch is shipped ("retrained on all of train for
the best epoch count"). Without --final the best dev model is shipped.
Everything stops by --budget seconds after start (epochs are cut, not the run).
Writes $OUT/neural-ner.npz (weights; word vectors int8 per row) and
$OUT/neural-ner.json (vocabularies, hyper-parameters, dev scores, data, licences).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from marsad.evaluate.ner import score  # noqa: E402 - the checkout's own code, no installed package
from marsad.ner.neural import viterbi  # noqa: E402

T0 = time.time()
SEED = 13
HYPER = {
    "char_dim": 32, "char_filters": 50, "char_width": 3, "hidden": 96, "prefix_dim": 8, "shape_dim": 8,
    "band_dim": 8, "cluster_dims": [8, 16, 16], "gaz_dim": 16, "span_dim": 16, "dropout_in": 0.5,
    "dropout_out": 0.3, "lr": 2e-3, "final_lr_fraction": 0.1, "emb_lr_scale": 0.2, "batch": 32, "clip": 5.0,
}
# name -> extra corpora, whether the word vectors are fine-tuned
CONFIGS = {
    "tuned": {"extra": [], "tune_emb": True},
    "frozen": {"extra": [], "tune_emb": False},
    "tuned+wojood": {"extra": ["wojood"], "tune_emb": True},
    "frozen+wojood": {"extra": ["wojood"], "tune_emb": False},
    "tuned+newsfane": {"extra": ["newsfane"], "tune_emb": True},
}
CORPUS_DATA = {
    "anercorp": "ANERcorp CAMeL split train.txt",
    "wojood": "Wojood public sample (train, val, test), PERS/ORG/GPE/LOC mapped to PERS/ORG/LOC",
    "newsfane": "NewsFANE Gold minus ANERcorp-test overlap, fine types mapped to PERS/ORG/LOC/MISC",
}


def log(msg: str, who: str = "main") -> None:
    print(f"[{time.time() - T0:6.1f}s {who}] {msg}", flush=True)


# --- data ----------------------------------------------------------------------------
class Bundle:
    def __init__(self, path: Path):
        with np.load(path / "data.npz") as d:
            self.arrays = {k: d[k] for k in d.files}
        self.meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        a = self.arrays
        self.offsets = a["offsets"]
        self.corpus = a["corpus"]
        self.names = self.meta["corpora"]

    def sentences(self, mode: str, extra: list[str], limit: int = 0) -> tuple[list[int], list[int]]:
        """(training sentence ids, dev sentence ids) for mode 'dev' or 'final'."""
        cid = {n: i for i, n in enumerate(self.names)}
        train_c = {cid["anercorp-train"]} | ({cid["anercorp-dev"]} if mode == "final" else set())
        train_c |= {cid[e] for e in extra}
        overlap = self.arrays["news_dev_overlap"]
        train = [i for i, c in enumerate(self.corpus) if c in train_c and not (mode == "dev" and overlap[i])]
        dev = [i for i, c in enumerate(self.corpus) if c == cid["anercorp-dev"]]
        if limit:
            train, dev = train[:limit], dev[:max(limit // 4, 8)]
        return train, dev


class Batcher:
    """Padded tensors for lists of sentence ids."""

    def __init__(self, bundle: Bundle, device: torch.device, dev_mode: bool):
        a = bundle.arrays
        self.offsets = bundle.offsets
        feats = a["feats"].astype(np.int64)
        if dev_mode:  # words seen only in dev are unknown in a dev run (as test-only words are)
            ok = a["dev_ok"]
            for col in (0, 1):
                feats[~ok[feats[:, col]], col] = 1
        self.feats = feats
        self.types = a["tok_type"].astype(np.int64)
        self.tags = a["tags"].astype(np.int64)
        self.type_chars = torch.from_numpy(a["type_chars"].astype(np.int64)).to(device)
        self.device = device

    def batch(self, ids: list[int]):
        lengths = np.array([self.offsets[i + 1] - self.offsets[i] for i in ids])
        t_max = int(lengths.max())
        b = len(ids)
        feats = np.zeros((b, t_max, self.feats.shape[1]), dtype=np.int64)
        types = np.zeros((b, t_max), dtype=np.int64)
        tags = np.zeros((b, t_max), dtype=np.int64)
        for k, i in enumerate(ids):
            s, e = self.offsets[i], self.offsets[i + 1]
            feats[k, :e - s] = self.feats[s:e]
            types[k, :e - s] = self.types[s:e]
            tags[k, :e - s] = self.tags[s:e]
        dev = self.device
        mask = torch.arange(t_max)[None, :] < torch.from_numpy(lengths)[:, None]
        return (torch.from_numpy(feats).to(dev), torch.from_numpy(types).to(dev), torch.from_numpy(tags).to(dev),
                mask.to(dev), lengths)


def batches(ids: list[int], lengths: np.ndarray, size: int, rng: np.random.Generator) -> list[list[int]]:
    """Shuffled batches of similar lengths (sorted within pools of 50 batches)."""
    ids = list(rng.permutation(ids))
    out = []
    pool = size * 50
    for p in range(0, len(ids), pool):
        chunk = sorted(ids[p:p + pool], key=lambda i: lengths[i])
        out += [chunk[k:k + size] for k in range(0, len(chunk), size)]
    order = rng.permutation(len(out))
    return [out[k] for k in order]


# --- model ---------------------------------------------------------------------------
def bits(mask: torch.Tensor, n: int, shift: int = 0) -> torch.Tensor:
    return ((mask.unsqueeze(-1) >> (torch.arange(n, device=mask.device) + shift)) & 1).float()


class NeuralTagger(nn.Module):
    """Inputs as marsad.ner.neural.NeuralModel.inputs; BiLSTM; linear emissions; CRF parameters."""

    def __init__(self, meta: dict, hyper: dict, emb: torch.Tensor, tune_emb: bool):
        super().__init__()
        h = hyper
        self.hyper = h
        self.emb = nn.Embedding.from_pretrained(emb, freeze=not tune_emb, padding_idx=0)
        self.char_emb = nn.Embedding(len(meta["chars"]), h["char_dim"], padding_idx=0)
        self.conv = nn.Conv1d(h["char_dim"], h["char_filters"], h["char_width"], padding=h["char_width"] // 2)
        self.prefix_emb = nn.Embedding(len(meta["prefixes"]), h["prefix_dim"])
        self.shape_emb = nn.Embedding(meta["n_shapes"], h["shape_dim"])
        self.band_emb = nn.Embedding(meta["n_bands"], h["band_dim"])
        self.cluster_embs = nn.ModuleList(nn.Embedding(k + 1, d) for k, d in zip(meta["cluster_sizes"],
                                                                                  h["cluster_dims"]))
        self.n_gaz = len(meta["gaz_types"])
        self.gaz = nn.Linear(self.n_gaz, h["gaz_dim"], bias=False)
        self.span = nn.Linear(2 * self.n_gaz, h["span_dim"], bias=False)
        d_in = (2 * emb.shape[1] + h["char_filters"] + h["prefix_dim"] + h["shape_dim"] + h["band_dim"]
                + sum(h["cluster_dims"]) + h["gaz_dim"] + h["span_dim"])
        self.lstm = nn.LSTM(d_in, h["hidden"], batch_first=True, bidirectional=True)
        k = len(meta["tags"])
        self.out = nn.Linear(2 * h["hidden"], k)
        self.trans = nn.Parameter(torch.zeros(k, k))
        self.start = nn.Parameter(torch.zeros(k))
        self.end = nn.Parameter(torch.zeros(k))
        self.drop_in = nn.Dropout(h["dropout_in"])
        self.drop_out = nn.Dropout(h["dropout_out"])

    def char_features(self, chars: torch.Tensor) -> torch.Tensor:
        x = self.char_emb(chars).transpose(1, 2)
        y = self.conv(x).masked_fill((chars == 0).unsqueeze(1), float("-inf"))
        return F.relu(y.max(dim=2).values)

    def inputs(self, feats: torch.Tensor, char_feats: torch.Tensor) -> torch.Tensor:
        parts = [self.emb(feats[..., 0]), self.emb(feats[..., 1]), char_feats,
                 self.prefix_emb(feats[..., 2]), self.shape_emb(feats[..., 3]), self.band_emb(feats[..., 4])]
        parts += [e(feats[..., 5 + j]) for j, e in enumerate(self.cluster_embs)]
        parts.append(self.gaz(bits(feats[..., 8], self.n_gaz)))
        span = torch.cat([bits(feats[..., 9], self.n_gaz), bits(feats[..., 9], self.n_gaz, 16)], dim=-1)
        parts.append(self.span(span))
        return torch.cat(parts, dim=-1)

    def emissions(self, feats: torch.Tensor, chars: torch.Tensor, lengths: np.ndarray) -> torch.Tensor:
        """feats (B, T, C) long, chars (B, T, L) long (every real token has >= 1 char) -> (B, T, K)."""
        b, t = feats.shape[:2]
        flat = chars.reshape(b * t, -1).clone()
        flat[:, 0] = flat[:, 0].clamp(min=1)  # padding tokens: one unknown char, output ignored
        uniq, inv = torch.unique(flat, dim=0, return_inverse=True)
        char_feats = self.char_features(uniq)[inv].reshape(b, t, -1)
        x = self.drop_in(self.inputs(feats, char_feats))
        packed = nn.utils.rnn.pack_padded_sequence(x, torch.as_tensor(lengths), batch_first=True,
                                                   enforce_sorted=False)
        out, _ = self.lstm(packed)
        out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=t)
        return self.out(self.drop_out(out))

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Mean CRF negative log-likelihood per sentence."""
        b, t, k = em.shape
        m = mask.float()
        lengths = mask.sum(1)
        gold = self.start[tags[:, 0]] + (em.gather(2, tags.unsqueeze(2)).squeeze(2) * m).sum(1)
        gold = gold + (self.trans[tags[:, :-1], tags[:, 1:]] * m[:, 1:]).sum(1)
        gold = gold + self.end[tags.gather(1, (lengths - 1).unsqueeze(1)).squeeze(1)]
        alpha = self.start.unsqueeze(0) + em[:, 0]
        for i in range(1, t):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans.unsqueeze(0), dim=1) + em[:, i]
            alpha = torch.where(mask[:, i].unsqueeze(1), nxt, alpha)
        log_z = torch.logsumexp(alpha + self.end.unsqueeze(0), dim=1)
        return (log_z - gold).mean()


def chars_of(batcher: Batcher, types: torch.Tensor) -> torch.Tensor:
    return batcher.type_chars[types]


# --- decoding and scoring (as marsad.ner.neural.viterbi and marsad.evaluate.ner) ------------------------
def dev_score(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """Entity-level micro P/R/F1 and per-type F1, counted by marsad's scorer (as seqeval does)."""
    counts = score(gold, pred)
    p, r, f = counts.micro()
    per = {t: round(v[2], 4) for t, v in counts.per_type().items()}
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "per_type": per}


@torch.no_grad()
def predict(model: NeuralTagger, batcher: Batcher, ids: list[int], size: int = 128) -> list[list[int]]:
    model.eval()
    out: dict[int, list[int]] = {}
    order = sorted(ids, key=lambda i: batcher.offsets[i + 1] - batcher.offsets[i])
    crf = [p.detach().float().cpu().numpy() for p in (model.trans, model.start, model.end)]
    for k in range(0, len(order), size):
        chunk = order[k:k + size]
        feats, types, _, _, lengths = batcher.batch(chunk)
        em = model.emissions(feats, chars_of(batcher, types), lengths).float().cpu().numpy()
        for i, path in zip(chunk, viterbi(em, lengths, *crf)):
            out[i] = path
    model.train()
    return [out[i] for i in ids]


# --- export (read by marsad.ner.neural.NeuralModel) ----------------------------------------
def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = (np.abs(vectors).max(axis=1) / 127.0).astype(np.float16)
    safe = np.where(scale > 0, scale.astype(np.float32), 1.0)
    q = np.clip(np.rint(vectors / safe[:, None]), -127, 127).astype(np.int8)
    return q, scale


def export_weights(model: NeuralTagger, frozen_q: tuple[np.ndarray, np.ndarray] | None = None) -> dict:
    """numpy arrays for marsad.ner.neural; `frozen_q`: the bundle's int8 vectors when they were not tuned."""
    g = lambda t: t.detach().float().cpu().numpy()  # noqa: E731
    lstm = model.lstm
    emb_q, emb_scale = frozen_q if frozen_q is not None else quantise(g(model.emb.weight))
    return {
        "emb_q": emb_q, "emb_scale": emb_scale,
        "char_emb": g(model.char_emb.weight), "conv_w": g(model.conv.weight), "conv_b": g(model.conv.bias),
        "prefix_emb": g(model.prefix_emb.weight), "shape_emb": g(model.shape_emb.weight),
        "band_emb": g(model.band_emb.weight),
        **{f"c{j + 1}_emb": g(e.weight) for j, e in enumerate(model.cluster_embs)},
        "gaz_w": g(model.gaz.weight).T.copy(), "span_w": g(model.span.weight).T.copy(),
        "w_ih": np.concatenate([g(lstm.weight_ih_l0).T, g(lstm.weight_ih_l0_reverse).T], axis=1),
        "b_ih": np.concatenate([g(lstm.bias_ih_l0) + g(lstm.bias_hh_l0),
                                g(lstm.bias_ih_l0_reverse) + g(lstm.bias_hh_l0_reverse)]),
        "w_hh": np.stack([g(lstm.weight_hh_l0).T, g(lstm.weight_hh_l0_reverse).T]),
        "out_w": g(model.out.weight).T.copy(), "out_b": g(model.out.bias),
        "trans": g(model.trans), "start": g(model.start), "end": g(model.end),
    }


# --- one training run -------------------------------------------------------------------------
def train_run(args, name: str, mode: str, deadline: float) -> dict:
    """Train configuration `name` in mode 'dev' (score dev each epoch) or 'final' (snapshot each epoch)."""
    who = f"{name}/{mode}"
    cfg = CONFIGS[name]
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    device = torch.device(args.device if args.device != "auto" else ("cuda" if torch.cuda.is_available() else "cpu"))
    bundle = Bundle(args.data)
    a = bundle.arrays
    batcher = Batcher(bundle, device, dev_mode=(mode == "dev"))
    train_ids, dev_ids = bundle.sentences(mode, cfg["extra"], args.limit)
    lengths = np.diff(bundle.offsets)
    emb = torch.from_numpy(a["emb_q"].astype(np.float32) * a["emb_scale"].astype(np.float32)[:, None])
    model = NeuralTagger(bundle.meta, HYPER, emb, cfg["tune_emb"]).to(device)
    emb_params = [p for n, p in model.named_parameters() if n.startswith("emb.") and p.requires_grad]
    other = [p for n, p in model.named_parameters() if not n.startswith("emb.")]
    groups = [{"params": other, "lr": HYPER["lr"]}]
    if emb_params:
        groups.append({"params": emb_params, "lr": HYPER["lr"] * HYPER["emb_lr_scale"]})
    opt = torch.optim.Adam(groups)
    base_lrs = [gr["lr"] for gr in groups]
    tags = bundle.meta["tags"]
    dev_gold = [[tags[t] for t in a["tags"][bundle.offsets[i]:bundle.offsets[i + 1]]] for i in dev_ids]
    n_tokens = int(sum(lengths[i] for i in train_ids))
    log(f"{len(train_ids)} training sentences ({n_tokens} tokens), {len(dev_ids)} dev, device {device}", who)
    frozen_q = (a["emb_q"], a["emb_scale"]) if not cfg["tune_emb"] else None
    history, best, epoch_times = [], None, []
    for epoch in range(1, args.epochs + 1):
        mean_epoch = float(np.mean(epoch_times)) if epoch_times else 0.0
        if time.time() + mean_epoch * 1.1 > deadline:
            log(f"stopping before epoch {epoch}: budget", who)
            break
        t_ep = time.time()
        frac = (epoch - 1) / max(args.epochs - 1, 1)  # linear decay to final_lr_fraction, same in dev and final
        for gr, lr0 in zip(opt.param_groups, base_lrs):
            gr["lr"] = lr0 * (1 - frac * (1 - HYPER["final_lr_fraction"]))
        total, count = 0.0, 0
        for ids in batches(train_ids, lengths, HYPER["batch"], rng):
            feats, types, gold, mask, lens = batcher.batch(ids)
            em = model.emissions(feats, chars_of(batcher, types), lens)
            loss = model.nll(em, gold, mask)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), HYPER["clip"])
            opt.step()
            total += loss.item() * len(ids)
            count += len(ids)
        epoch_times.append(time.time() - t_ep)
        rec = {"epoch": epoch, "loss": round(total / max(count, 1), 4), "seconds": round(epoch_times[-1], 1)}
        if mode == "dev":
            pred = [[tags[t] for t in path] for path in predict(model, batcher, dev_ids)]
            rec.update(dev_score(dev_gold, pred))
            if best is None or rec["f1"] > best["f1"]:
                best = dict(rec)
                np.savez(args.tmp / f"{name}-dev-best.npz", **export_weights(model, frozen_q))
            log(f"epoch {epoch} loss {rec['loss']:.3f} dev P {rec['p']:.4f} R {rec['r']:.4f} F1 {rec['f1']:.4f} "
                f"({rec['seconds']}s)", who)
        else:
            np.savez(args.tmp / f"{name}-final-e{epoch}.npz", **export_weights(model, frozen_q))
            if epoch % 5 == 0 or epoch == 1:
                log(f"epoch {epoch} loss {rec['loss']:.3f} ({rec['seconds']}s)", who)
        history.append(rec)
    result = {"name": name, "mode": mode, "config": cfg, "history": history, "best": best,
              "train_sentences": len(train_ids), "train_tokens": n_tokens, "device": str(device),
              "gpu": torch.cuda.get_device_name(0) if device.type == "cuda" else None}
    (args.tmp / f"{name}-{mode}.json").write_text(json.dumps(result), encoding="utf-8")
    return result


# --- orchestration ------------------------------------------------------------------------
def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--final", action="store_true", help="also retrain on all of train; ship that model")
    p.add_argument("--configs", default="tuned,frozen,tuned+wojood")
    p.add_argument("--budget", type=float, default=300.0, help="seconds from start until training stops")
    p.add_argument("--limit", type=int, default=0, help="smoke test: this many training sentences")
    p.add_argument("--serial", action="store_true", help="run the trainings one after another in-process")
    p.add_argument("--device", default="auto")
    p.add_argument("--threads", type=int, default=1, help="torch CPU threads per training process")
    p.add_argument("--worker", default="", help=argparse.SUPPRESS)
    p.add_argument("--tmp", type=Path, default=None, help=argparse.SUPPRESS)
    p.add_argument("--deadline", type=float, default=0.0, help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv=None) -> None:
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    if args.worker:
        name, mode = args.worker.rsplit(":", 1)
        train_run(args, name, mode, args.deadline)
        return
    names = [n for n in args.configs.split(",") if n]
    for n in names:
        if n not in CONFIGS:
            sys.exit(f"unknown configuration {n!r}; known: {', '.join(CONFIGS)}")
    args.out.mkdir(parents=True, exist_ok=True)
    args.tmp = Path(tempfile.mkdtemp(prefix="neural-ner-"))
    deadline = T0 + args.budget
    jobs = [(n, "dev") for n in names] + ([(n, "final") for n in names] if args.final else [])
    log(f"torch {torch.__version__}, cuda {torch.cuda.is_available()}, jobs {jobs}, tmp {args.tmp}")
    if args.serial:
        for n, mode in jobs:
            train_run(args, n, mode, deadline)
    else:
        procs = []
        for n, mode in jobs:
            cmd = [sys.executable, os.path.abspath(__file__), "--data", str(args.data), "--out", str(args.out),
                   "--epochs", str(args.epochs), "--limit", str(args.limit), "--device", args.device,
                   "--threads", str(args.threads), "--worker", f"{n}:{mode}", "--tmp", str(args.tmp),
                   "--deadline", str(deadline)]
            procs.append(subprocess.Popen(cmd))
        codes = [p.wait() for p in procs]
        if any(codes):
            log(f"worker exit codes {codes}")
    results = {}
    for n, mode in jobs:
        path = args.tmp / f"{n}-{mode}.json"
        if path.exists():
            results[(n, mode)] = json.loads(path.read_text(encoding="utf-8"))
    dev = {n: results[(n, "dev")] for n in names if (n, "dev") in results and results[(n, "dev")]["best"]}
    if not dev:
        sys.exit("no dev run finished")
    chosen = max(dev, key=lambda n: dev[n]["best"]["f1"])
    best_epoch = dev[chosen]["best"]["epoch"]
    for n in names:
        if n in dev:
            b = dev[n]["best"]
            log(f"dev {n}: best epoch {b['epoch']} P {b['p']:.4f} R {b['r']:.4f} F1 {b['f1']:.4f} {b['per_type']}")
    weights_path, shipped = args.tmp / f"{chosen}-dev-best.npz", {"trained_on": "train minus dev", "epochs": best_epoch}
    if args.final:
        fin = results.get((chosen, "final"))
        done = len(fin["history"]) if fin else 0
        if done:
            epochs = min(best_epoch, done)
            weights_path = args.tmp / f"{chosen}-final-e{epochs}.npz"
            shipped = {"trained_on": "all of train.txt", "epochs": epochs}
            if epochs < best_epoch:
                log(f"WARNING: the final run reached only {done} epochs, shipping epoch {epochs} (best dev {best_epoch})")
        else:
            log("WARNING: no final run finished; shipping the dev model")
    log(f"chosen {chosen}, dev epoch {best_epoch}; shipping {shipped}")
    bundle_meta = json.loads((args.data / "meta.json").read_text(encoding="utf-8"))
    with np.load(weights_path) as w:
        weights = {k: w[k] for k in w.files}
    with np.load(args.data / "data.npz") as d:
        weights["vocab_words"] = d["vocab_words"]
    np.savez_compressed(args.out / "neural-ner.npz", **weights)
    cfg = CONFIGS[chosen]
    corpora = ["anercorp", *cfg["extra"]]
    lic = bundle_meta["licences"]
    meta = {
        "name": "marsad-ner-bilstm-crf",
        "architecture": "word2vec(word)+word2vec(stem)+charCNN+discrete features -> BiLSTM -> linear -> CRF",
        "tags": bundle_meta["tags"], "chars": bundle_meta["chars"], "prefixes": bundle_meta["prefixes"],
        "gaz_types": bundle_meta["gaz_types"], "columns": bundle_meta["columns"],
        "cluster_sizes": bundle_meta["cluster_sizes"], "max_chars": bundle_meta["max_chars"],
        "hyper": HYPER, "config": {"name": chosen, **cfg},
        "dev": {n: {"best": r["best"], "curve": [h["f1"] for h in r["history"]], "train_sentences":
                    r["train_sentences"]} for n, r in dev.items()},
        "shipped": {**shipped, "dev_f1_of_config": dev[chosen]["best"]["f1"]},
        "trained_on": [CORPUS_DATA[c] + (" (all of it: train + dev)" if c == "anercorp" and args.final
                                         else " minus dev (last 10%)" if c == "anercorp" else "")
                       for c in corpora],
        "licence": [lic["anercorp-train"]] + [lic[c] for c in cfg["extra"]] + [lic["word2vec"], lic["resources"]],
        "word_vectors": bundle_meta["word_vectors"],
        "resources_sha256": bundle_meta["resources_sha256"],
        "labels": "IOB2 PERSON ORG GPE LOC MISC at run time (trained on PERS ORG LOC MISC; LOC split as the CRF tagger)",
        "training": {"command": "scripts/train_neural_ner.py " + " ".join(sys.argv[1:] if argv is None else argv),
                     "torch": torch.__version__, "gpu": dev[chosen]["gpu"], "seconds": round(time.time() - T0),
                     "limit": args.limit, "final_epochs_done": {n: len(results[(n, "final")]["history"])
                                                                for n in names if (n, "final") in results}},
    }
    (args.out / "neural-ner.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    size = (args.out / "neural-ner.npz").stat().st_size / 1e6
    log(f"wrote {args.out}/neural-ner.npz ({size:.1f} MB) and neural-ner.json in {time.time() - T0:.0f}s")


if __name__ == "__main__":
    main()
