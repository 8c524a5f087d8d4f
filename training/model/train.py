"""Stage 3: train (or resume) the model on a weighted mix of pair files, for a time budget.

Resumable: the full state (model, optimiser, step, data position) is saved to
$EMEND_WORK/ckpt/<run>.pt every few minutes; a new machine can start from the small
half-precision copy in training/model/checkpoint/last.pt.

    python -m training.model.train --run pretrain --data synthetic.tsv:1,learner.tsv:2 --minutes 60
    python -m training.model.train --run finetune --init pretrain --data learner.tsv:1 --lr 3e-4 --minutes 30
"""
import argparse
import difflib
import json
import math
import os
import random
import signal
import time
from pathlib import Path

import torch
from torch.nn import functional as F
from tokenizers import Tokenizer

from training.common.detok import detokenize
from training.common.paths import DATA, REPO_CHECKPOINT, work
from training.model.model import ModelConfig, Seq2Seq

PAD, BOS, EOS = 0, 1, 2


def load_pairs(spec: str, tok: Tokenizer, max_len: int, seed: int):
    """spec 'a.tsv:2,b.tsv:1' -> list of (src_ids, tgt_ids), b once and a twice."""
    pairs = []
    for part in spec.split(","):
        name, _, weight = part.partition(":")
        lines = [l.rstrip("\n").split("\t") for l in work(name).open()]
        lines = [l for l in lines if len(l) == 2]
        enc_s = tok.encode_batch([l[0] for l in lines])
        enc_t = tok.encode_batch([l[1] for l in lines])
        kept = [
            (s.ids + [EOS], t.ids)
            for s, t in zip(enc_s, enc_t)
            if len(s.ids) < max_len - 1 and len(t.ids) < max_len - 1
        ]
        w = float(weight or 1)
        reps = int(w) + (1 if random.Random(seed).random() < w - int(w) else 0)
        pairs += kept * max(reps, 1)
        print(f"{name}: {len(kept)} pairs x{w}", flush=True)
    return pairs


def batches(pairs, max_tokens: int, rng: random.Random):
    order = list(range(len(pairs)))
    rng.shuffle(order)
    out = []
    for i in range(0, len(order), 4096):  # sort within chunks: little padding, still random
        chunk = sorted(order[i : i + 4096], key=lambda j: len(pairs[j][0]))
        cur, longest = [], 0
        for j in chunk:
            longest_next = max(longest, len(pairs[j][0]), len(pairs[j][1]) + 1)
            if cur and longest_next * (len(cur) + 1) > max_tokens:
                out.append(cur)
                cur, longest_next = [], max(len(pairs[j][0]), len(pairs[j][1]) + 1)
            cur.append(j)
            longest = longest_next
        if cur:
            out.append(cur)
    rng.shuffle(out)
    return out


def edited_positions(src: list[int], tgt: list[int]) -> list[int]:
    """Label positions (target tokens, then </s>) where the target departs from the source:
    replaced or inserted tokens, and the token right after a deletion (where the model must
    skip source text)."""
    out = []
    for op, _, _, j1, j2 in difflib.SequenceMatcher(None, src, tgt, autojunk=False).get_opcodes():
        if op in ("replace", "insert"):
            out.extend(range(j1, j2))
        elif op == "delete":
            out.append(j1)
    return out


def collate(pairs, idx, edit_weight: float = 1.0):
    """Padded batch and a per-label loss weight: 0 on padding, 1 elsewhere, `edit_weight` on
    edits (edit-weighted MLE, Junczys-Dowmunt et al. 2018: a copy-happy model learns to correct)."""
    src = [pairs[i][0] for i in idx]
    tgt = [pairs[i][1] for i in idx]
    S, T = max(map(len, src)), max(map(len, tgt)) + 1
    x = torch.full((len(idx), S), PAD)
    dec_in = torch.full((len(idx), T), PAD)
    labels = torch.full((len(idx), T), -100)
    weights = torch.zeros((len(idx), T))
    for b, (s, t) in enumerate(zip(src, tgt)):
        x[b, : len(s)] = torch.tensor(s)
        dec_in[b, : len(t) + 1] = torch.tensor([BOS] + t)
        labels[b, : len(t) + 1] = torch.tensor(t + [EOS])
        weights[b, : len(t) + 1] = 1.0
        if edit_weight != 1.0:
            for j in edited_positions(s[:-1], t):
                weights[b, j] = edit_weight
    return x, (x != PAD).long(), dec_in, labels, weights


def dev_pairs(tok: Tokenizer, n: int = 400):
    src = (DATA / "parallel" / "wi_abcn_dev.src").read_text().splitlines()[:n]
    tgt = (DATA / "parallel" / "wi_abcn_dev.tgt").read_text().splitlines()[:n]
    es = tok.encode_batch([detokenize(s) for s in src])
    et = tok.encode_batch([detokenize(t) for t in tgt])
    return [(s.ids[:200] + [EOS], t.ids[:200]) for s, t in zip(es, et)]


@torch.no_grad()
def dev_loss(model, pairs, device: str = "cpu"):
    model.eval()
    total, count = 0.0, 0
    for i in range(0, len(pairs), 32):
        x, m, d, y, _ = (t.to(device) for t in collate(pairs, list(range(i, min(i + 32, len(pairs))))))
        logits = model(x, m, d).float()
        total += F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1), reduction="sum").item()
        count += (y != -100).sum().item()
    model.train()
    return total / count


def parse_shape(text: str) -> dict:
    """`--shape d_model=320,heads=5` as ModelConfig fields; a resumed or --init run takes its
    shape from its weights instead."""
    fields = {}
    for item in filter(None, text.split(",")):
        key, _, value = item.partition("=")
        if key not in ModelConfig.__dataclass_fields__ or key in ("vocab", "pad_id"):
            raise SystemExit(f"--shape: unknown field {key!r}")
        fields[key] = float(value) if key == "dropout" else int(value)
    return fields


def lr_at(step, peak, warmup):
    return peak * min((step + 1) / warmup, math.sqrt(warmup / (step + 1)))


def initial_state(run: str) -> dict:
    """The checkpoint `--init RUN` starts from: the run's in the work folder, else the repo's
    (the shipped run's, on a machine that has only the repo)."""
    path = work("ckpt", f"{run}.pt")
    return torch.load(path if path.exists() else REPO_CHECKPOINT, weights_only=False, map_location="cpu")


def save_atomically(obj: dict, path: Path) -> None:
    """Write next to `path`, then rename over it: a machine restart mid-write (they happen
    here) leaves the previous checkpoint whole instead of a truncated file."""
    tmp = path.with_name(path.name + ".tmp")
    torch.save(obj, tmp)
    os.replace(tmp, path)


def save_repo_checkpoint(cfg: dict, weights: dict, run: str, step: int, hours: float, log: list) -> None:
    """The small half-precision copy of the shipped weights that lives in the repo, so a new
    machine can export or resume from them."""
    REPO_CHECKPOINT.parent.mkdir(parents=True, exist_ok=True)
    save_atomically({"cfg": cfg, "model": {k: v.half().cpu() for k, v in weights.items()},
                     "run": run, "step": step, "hours": hours, "log": log}, REPO_CHECKPOINT)


def cooldown(hours_now: float, decay_from: float | None, decay_hours: float | None) -> float:
    """Factor on the learning rate: 1 until a cool-down starts, then linear to 0 over
    `decay_hours` of training (a short decay at the end buys a lower loss than the same
    time at the inverse-sqrt rate). Counted in training hours so a resumed run goes on
    from where its decay stood."""
    if decay_hours is None or decay_from is None:
        return 1.0
    return max(0.0, 1.0 - (hours_now - decay_from) / decay_hours)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", required=True)
    ap.add_argument("--init", help="start from another run's weights (fresh optimiser)")
    ap.add_argument("--data", required=True)
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--lr", type=float, default=7e-4)
    ap.add_argument("--warmup", type=int, default=800)
    ap.add_argument("--max-tokens", type=int, default=3000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", default="cpu", help="cpu, or cuda (then in bf16 autocast; see device_train.sh)")
    ap.add_argument("--save-every", type=float, default=10, help="minutes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dropout", type=float, help="override the model's dropout (e.g. 0 while under-trained)")
    ap.add_argument("--edit-weight", type=float, default=1.0, help="loss weight of target tokens that edit the source")
    ap.add_argument("--to-repo", action="store_true",
                    help="at the end, write the weights as training/model/checkpoint/last.pt (when they ship)")
    ap.add_argument("--keep-saves", action="store_true",
                    help="also keep each save's weights as ckpt/<run>-<step>.pt, to average the last few (average.py)")
    ap.add_argument("--shape", default="", metavar="KEY=N,...",
                    help="a fresh run's shape, e.g. d_model=320,heads=5,ffn=1280 (default: ModelConfig's)")
    ap.add_argument("--decay-hours", type=float,
                    help="cool down: scale the learning rate linearly to 0 over this many training hours")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    tok = Tokenizer.from_file(str(work("tokenizer.json")))
    ckpt_path = work("ckpt", f"{args.run}.pt")
    cfg = ModelConfig(vocab=tok.get_vocab_size(), **parse_shape(args.shape))
    state = None
    if ckpt_path.exists():
        state = torch.load(ckpt_path, weights_only=False, map_location="cpu")
        cfg = ModelConfig(**state["cfg"])
        print(f"resuming {args.run} at step {state['step']}", flush=True)
    elif args.init:
        init_state = initial_state(args.init)
        # The shape comes with the weights (grow_decoder.py makes deeper ones).
        cfg = ModelConfig(**init_state.get("cfg", cfg.to_dict()))
    if args.dropout is not None:
        cfg.dropout = args.dropout
    model = Seq2Seq(cfg).to(args.device)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.98), weight_decay=0.01)
    # On a GPU the matrix products run in bf16 (weights and optimiser stay fp32).
    autocast = torch.autocast("cuda", dtype=torch.bfloat16, enabled=args.device.startswith("cuda"))
    step, epoch, seen, hours, log = 0, 0, 0, 0.0, []
    decay_from = None
    if state:
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        step, epoch, seen, hours, log = state["step"], state["epoch"], state["seen"], state["hours"], state["log"]
        decay_from = state.get("decay_from")
    elif args.init:
        model.load_state_dict({k: v.float() for k, v in init_state["model"].items()})
        print(f"initialised from {args.init}", flush=True)
    if args.decay_hours is not None and decay_from is None:
        decay_from = hours

    pairs = load_pairs(args.data, tok, cfg.max_len, args.seed)
    dev = dev_pairs(tok)
    start = time.time()
    last_save = start
    rng = random.Random(args.seed + epoch)
    plan = batches(pairs, args.max_tokens, rng)
    tgt_tokens = 0

    def save(final=False):
        elapsed_h = hours + (time.time() - start) / 3600
        entry = {"step": step, "epoch": epoch, "hours": round(elapsed_h, 3), "dev_loss": round(dev_loss(model, dev, args.device), 4)}
        log.append(entry)
        print(json.dumps(entry), flush=True)
        save_atomically(
            {"cfg": cfg.to_dict(), "model": model.state_dict(), "opt": opt.state_dict(), "step": step,
             "epoch": epoch, "seen": seen, "hours": elapsed_h, "log": log, "data": args.data, "decay_from": decay_from},
            ckpt_path,
        )
        if args.keep_saves:
            save_atomically({"cfg": cfg.to_dict(), "model": model.state_dict(), "step": step, "hours": elapsed_h},
                            work("ckpt", f"{args.run}-{step}.pt"))
        if final and args.to_repo:
            save_repo_checkpoint(cfg.to_dict(), model.state_dict(), args.run, step, elapsed_h, log)

    # A kill (SIGTERM/SIGINT) ends the run cleanly with a checkpoint instead of losing work.
    stop = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.append(True))

    model.train()
    while time.time() - start < args.minutes * 60 and not stop:
        factor = cooldown(hours + (time.time() - start) / 3600, decay_from, args.decay_hours)
        if factor == 0.0:
            break
        if seen >= len(plan):
            epoch, seen = epoch + 1, 0
            plan = batches(pairs, args.max_tokens, random.Random(args.seed + epoch))
        x, m, d, y, w = (t.to(args.device, non_blocking=True) for t in collate(pairs, plan[seen], args.edit_weight))
        seen += 1
        for g in opt.param_groups:
            g["lr"] = lr_at(step, args.lr, args.warmup) * factor
        with autocast:
            logits = model(x, m, d)
        per_token = F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), y.reshape(-1), label_smoothing=0.1, reduction="none")
        loss = (per_token * w.reshape(-1)).sum() / w.sum()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        tgt_tokens += (y != -100).sum().item()
        if step % 50 == 0:
            rate = tgt_tokens / (time.time() - start)
            print(f"step {step} epoch {epoch} batch {seen}/{len(plan)} loss {loss.item():.3f} "
                  f"lr {opt.param_groups[0]['lr']:.2e} {rate:.0f} tgt tok/s", flush=True)
        if time.time() - last_save > args.save_every * 60:
            save()
            last_save = time.time()
    save(final=True)


if __name__ == "__main__":
    main()
