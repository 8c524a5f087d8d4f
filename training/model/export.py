"""Stage 4: export a checkpoint to the model folder the Rust core loads.

Writes encoder.onnx, decoder.onnx, tokenizer.json and config.json. Graphs come from
the TorchScript exporter (opset 17) and are never run through onnxruntime's optimiser:
its fused ops (FusedMatMul, MatMulIntegerToFloat) do not exist in tract. The exported
full-recompute decoder is then rewritten for incremental decoding (incremental.py: the
encoder emits the cross-attention keys and values, the decoder takes past keys and values).

Quantisation (--quant):
  weights  int8 weights, per output channel, dequantised at load; activations stay f32,
           so every decoder position is computed exactly as in an unbatched pass.
  dynamic  onnxruntime's dynamic int8 (MatMulInteger); activation scales are computed
           over the whole tensor, so a draft token can change earlier positions' results.
  none     float32.
"""
import argparse
import json
import shutil
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper

from training.common.paths import MODEL_DIR, REPO_CHECKPOINT, work
from training.model.incremental import rewrite as make_incremental
from training.model.model import ExportDecoder, ExportEncoder, Seq2Seq

OPSET = 17


def load(run: str | None) -> Seq2Seq:
    path = work("ckpt", f"{run}.pt") if run else REPO_CHECKPOINT
    return Seq2Seq.from_state(torch.load(path, weights_only=False, map_location="cpu")).eval()


def export_graphs(model: Seq2Seq, out: Path) -> None:
    ids = torch.tensor([[5, 6, 7, 2], [5, 6, 2, 0]])
    mask = (ids != 0).long()
    with torch.no_grad():
        hidden = model.encode(ids, mask)
    torch.onnx.export(
        ExportEncoder(model), (ids, mask), str(out / "encoder.onnx"), dynamo=False, opset_version=OPSET,
        input_names=["input_ids", "attention_mask"], output_names=["encoder_hidden"],
        dynamic_axes={"input_ids": {0: "B", 1: "S"}, "attention_mask": {0: "B", 1: "S"}, "encoder_hidden": {0: "B", 1: "S"}},
    )
    dec_ids = torch.tensor([[1, 5, 6], [1, 5, 0]])
    torch.onnx.export(
        ExportDecoder(model), (dec_ids, hidden, mask), str(out / "decoder.onnx"), dynamo=False, opset_version=OPSET,
        input_names=["decoder_input_ids", "encoder_hidden", "encoder_attention_mask"], output_names=["logits"],
        dynamic_axes={"decoder_input_ids": {0: "B", 1: "T"}, "encoder_hidden": {0: "B", 1: "S"},
                      "encoder_attention_mask": {0: "B", 1: "S"}, "logits": {0: "B", 1: "T"}},
    )


def quantize_weights(path: Path, min_size: int = 4096) -> None:
    """Store each large MatMul/Gather weight as int8 + per-channel scale, dequantised in-graph."""
    m = onnx.load(str(path))
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    users = {}
    for node in g.node:
        for k, name in enumerate(node.input):
            users.setdefault(name, []).append((node, k))
    new_nodes = []
    for name, init in list(inits.items()):
        w = numpy_helper.to_array(init)
        uses = users.get(name, [])
        if w.ndim != 2 or w.size < min_size or w.dtype != np.float32 or not uses:
            continue
        kinds = {(n.op_type, k) for n, k in uses}
        if kinds <= {("MatMul", 1)}:
            axis = 1  # [K, N]: one scale per output column
        elif kinds <= {("Gather", 0)}:
            axis = 0  # embedding table: one scale per row
        else:
            continue
        scale = np.abs(w).max(axis=1 - axis) / 127.0
        scale[scale == 0] = 1.0
        shape = (1, -1) if axis == 1 else (-1, 1)
        q = np.clip(np.round(w / scale.reshape(shape)), -127, 127).astype(np.int8)
        g.initializer.remove(init)
        g.initializer.extend([
            numpy_helper.from_array(q, f"{name}_q"),
            numpy_helper.from_array(scale.astype(np.float32), f"{name}_scale"),
            numpy_helper.from_array(np.zeros_like(scale, dtype=np.int8), f"{name}_zp"),
        ])
        new_nodes.append(helper.make_node("DequantizeLinear", [f"{name}_q", f"{name}_scale", f"{name}_zp"], [name], axis=axis))
    nodes = new_nodes + list(g.node)
    del g.node[:]
    g.node.extend(nodes)
    onnx.checker.check_model(m)
    onnx.save(m, str(path))


def quantize_dynamic(path: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic as ort_quantize

    tmp = path.with_suffix(".f32.onnx")
    shutil.move(path, tmp)
    ort_quantize(str(tmp), str(path), weight_type=QuantType.QInt8, per_channel=False, op_types_to_quantize=["MatMul"])
    tmp.unlink()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", help="checkpoint run name (default: the repo's training/model/checkpoint/last.pt)")
    ap.add_argument("--out", default=str(MODEL_DIR))
    ap.add_argument("--quant", choices=["weights", "dynamic", "none"], default="weights")
    ap.add_argument("--encoder-quant", choices=["weights", "dynamic", "none"], help="override for the encoder")
    ap.add_argument("--gates-from", metavar="CONFIG",
                    help="start copy_bias, min_margin and min_bigram_gain from this config.json (e.g. the shipped "
                         "model's, to score other weights through the same chain); the flags below add or override")
    ap.add_argument("--copy-bias", type=float,
                    help="decoding's logit bonus for keeping the source token, as tuned by score.py --copy-bias (default 0)")
    ap.add_argument("--min-margin", action="append", default=[], metavar="KIND=MARGIN",
                    help="hold back edits of KIND (e.g. punctuation/delete) below this decoder margin, "
                         "as measured by score_gates.py; repeatable")
    ap.add_argument("--min-bigram-gain", action="append", default=[], metavar="KIND=GAIN",
                    help="hold back edits of KIND (e.g. grammar/replace) whose words the speller's bigram model "
                         "finds less likely than the writer's by more than this (natural log; e.g. -1), "
                         "as measured by score_gates.py; repeatable")
    args = ap.parse_args()
    start = json.loads(Path(args.gates_from).read_text()) if args.gates_from else {}
    gate = lambda name, pairs: {**start.get(name, {}), **{k: float(v) for k, v in (m.split("=", 1) for m in pairs)}}
    min_margin, min_bigram_gain = gate("min_margin", args.min_margin), gate("min_bigram_gain", args.min_bigram_gain)
    copy_bias = args.copy_bias if args.copy_bias is not None else start.get("copy_bias", 0.0)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model = load(args.run)
    export_graphs(model, out)
    quant = {"encoder.onnx": args.encoder_quant or args.quant, "decoder.onnx": args.quant}
    for name, kind in quant.items():
        if kind == "weights":
            quantize_weights(out / name)
        elif kind == "dynamic":
            quantize_dynamic(out / name)
    shutil.copy(work("tokenizer.json"), out / "tokenizer.json")
    cfg = model.cfg
    config = {
        "format": "emend-seq2seq-v1",
        "pad_id": 0, "bos_id": 1, "eos_id": 2, "unk_id": 3,
        "max_source_tokens": cfg.max_len - 1,
        "max_target_tokens": cfg.max_len,
        "decoder_kind": "full-recompute",  # until make_incremental below rewrites the graphs
        "vocab_size": cfg.vocab,
        "hidden_size": cfg.d_model,
        "copy_bias": copy_bias,
        "min_margin": min_margin,
        "min_bigram_gain": min_bigram_gain,
        "architecture": {k: v for k, v in cfg.to_dict().items() if k != "dropout"},
        "quantization": quant,
    }
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    make_incremental(out, out)
    for f in sorted(out.iterdir()):
        print(f"{f.name}: {f.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
