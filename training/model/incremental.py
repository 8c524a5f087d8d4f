"""Stage 4b: rewrite an exported model folder's graphs for incremental decoding.

`export.py` writes a full-recompute decoder: every pass takes the whole prefix, re-projects
the encoder output into cross-attention keys and values, and pays the 8,000 x 256 output
projection at every position it re-reads (127 positions for a 25-token sentence, measured in
session 20's bench). This rewrites the two graphs, reusing every weight tensor byte for byte
(the int8 initializers and their scales are moved, never recomputed):

  encoder.onnx  input_ids, attention_mask -> cross_key [B,H,dh,S], cross_value [B,H,S,dh]:
                the decoder's cross-attention keys and values, once per sentence.
  decoder.onnx  one step over T new tokens, given the self-attention keys and values of the
                P tokens before them:
                  decoder_input_ids [B,T], decoder_positions [B,T],
                  self_attention_bias [B,1,T,P+T] (0 or -1e9: which of the P+T keys each new
                  token sees; rows of one batch may have different prefixes),
                  past_key, past_value [B,H,P,dh], cross_key, cross_value,
                  encoder_attention_mask [B,S]
                -> logits [B,T,V], present_key, present_value [B,H,P+T,dh].

Each op is the one the TorchScript export wrote (same order of additions, same constants),
so a position's logits are computed from the same numbers as before (embedding rows are
looked up in the int8 tables and then scaled: the same floats, see `gather_int8`); the test is that
`emend correct` gives the same line on every W&I and JFLEG dev sentence (RUNS.md).
`config.json` says `"decoder_kind": "incremental"`.

    python -m training.model.incremental model            # in place
    python -m training.model.incremental SRC_DIR --out DIR   # a converted copy (tokenizer and config copied)
"""
import argparse
import json
import re
import shutil
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

NEG = -1e9


def _roles(dec: onnx.GraphProto) -> dict:
    """The weight, bias and layer-norm inputs of the full decoder, by role ('self_att.q', 'ff.up', ...)."""
    roles = {}
    for n in dec.node:
        m = re.match(r"/decoder\.0/(\w+)/(\w+)/MatMul_output_0$", n.output[0])
        if n.op_type == "MatMul" and m:
            roles[f"{m[1]}.{m[2]}.w"] = n.input[1]
        elif n.op_type == "MatMul" and n.output[0] == "logits":
            roles["proj.w"] = n.input[1]
        elif n.op_type == "LayerNormalization":
            key = "dec_ln" if n.input[1].startswith("m.dec_ln") else n.input[1].split(".")[-2]
            roles[f"{key}.ln"] = (n.input[1], n.input[2], [a for a in n.attribute if a.name == "epsilon"][0].f)
        elif n.op_type == "Add" and n.input[0].endswith(".bias"):
            roles[n.input[0].removeprefix("m.decoder.0.").removesuffix(".bias") + ".b"] = n.input[0]
    for needed in ["self_att.q.w", "self_att.k.w", "self_att.v.w", "self_att.o.w", "cross_att.q.w", "cross_att.k.w",
                   "cross_att.v.w", "cross_att.o.w", "ff.up.w", "ff.down.w", "proj.w", "ln1.ln", "ln2.ln", "ln3.ln", "dec_ln.ln"]:
        if needed not in roles:
            raise SystemExit(f"decoder.onnx is not the full-recompute graph export.py writes: no {needed}")
    return roles


def _constant(dec: onnx.GraphProto, output: str) -> float:
    node = next(n for n in dec.node if n.op_type == "Constant" and n.output[0] == output)
    return float(numpy_helper.to_array(node.attribute[0].t))


class Builder:
    """Nodes and constants of a graph under construction, named uniquely."""

    def __init__(self, prefix: str):
        self.nodes, self.inits, self.prefix, self.count = [], [], prefix, 0

    def op(self, op_type: str, inputs: list, **attrs) -> str:
        self.count += 1
        out = f"{self.prefix}/{op_type}_{self.count}"
        self.nodes.append(helper.make_node(op_type, inputs, [out], **attrs))
        return out

    def const(self, value, dtype) -> str:
        self.count += 1
        name = f"{self.prefix}/const_{self.count}"
        self.inits.append(numpy_helper.from_array(np.array(value, dtype=dtype), name))
        return name

    def linear(self, x: str, w: str, b: str) -> str:
        return self.op("Add", [b, self.op("MatMul", [x, w])])  # bias first, as the export wrote it

    def heads(self, x: str, h: int, dh: int, perm: list) -> str:
        return self.op("Transpose", [self.op("Reshape", [x, self.const([0, -1, h, dh], np.int64)])], perm=perm)

    def merge_heads(self, x: str, d: int) -> str:
        return self.op("Reshape", [self.op("Transpose", [x], perm=[0, 2, 1, 3]), self.const([0, -1, d], np.int64)])

    def layer_norm(self, x: str, ln) -> str:
        return self.op("LayerNormalization", [x, ln[0], ln[1]], axis=-1, epsilon=ln[2])

    def splice_in(self, graph: onnx.GraphProto, node: onnx.NodeProto) -> None:
        """Put the nodes built so far (and their constants) where `node` was, in its place."""
        at = list(graph.node).index(node)
        graph.node.remove(node)
        for k, new in enumerate(self.nodes):
            graph.node.insert(at + k, new)
        graph.initializer.extend(self.inits)
        self.nodes, self.inits = [], []


def _dequant_nodes(graph: onnx.GraphProto) -> dict:
    """DequantizeLinear nodes by the weight name they produce."""
    return {n.output[0]: n for n in graph.node if n.op_type == "DequantizeLinear"}


def _inits_for(graph: onnx.GraphProto, names: set) -> list:
    return [i for i in graph.initializer if i.name in names]


def _weight_sources(weight: str, deq: dict) -> set:
    """The initializers a weight is made from (itself, or its int8 tensor, scale and zero point)."""
    return set(deq[weight].input) if weight in deq else {weight}


def gather_int8(graph: onnx.GraphProto) -> None:
    """Look up embedding rows in the int8 tables: Gather the int8 rows and their scales, then
    scale, instead of dequantising the whole table. The rows are the same floats ((q - 0) *
    scale either way), but the runtime keeps 8,000 x 256 bytes instead of 8,000 x 256 floats
    (8.2 MB less per table in tract, which folds a dequantised table into f32 constants)."""
    users = {}
    for n in graph.node:
        for k, name in enumerate(n.input):
            users.setdefault(name, []).append((n, k))
    for deq in [n for n in graph.node if n.op_type == "DequantizeLinear"]:
        uses = users.get(deq.output[0], [])
        if not uses or any(n.op_type != "Gather" or k != 0 for n, k in uses):
            continue
        if any(a.name == "axis" and a.i != 0 for a in deq.attribute):
            continue
        q, scale, zp = deq.input
        zero = next(i for i in graph.initializer if i.name == zp)
        if numpy_helper.to_array(zero).any():
            continue
        graph.node.remove(deq)
        for gather, _ in uses:
            b = Builder(gather.output[0] + "/int8")
            rows = b.op("Cast", [b.op("Gather", [q, gather.input[1]])], to=TensorProto.FLOAT)
            scales = b.op("Unsqueeze", [b.op("Gather", [scale, gather.input[1]]), b.const([-1], np.int64)])
            b.nodes.append(helper.make_node("Mul", [rows, scales], [gather.output[0]]))
            b.splice_in(graph, gather)
        graph.initializer.remove(zero)


# tract folds a constant subgraph only while its output stays within 4 MiB (or its inputs'
# size): tract-core's CONST_FOLD_MEM_BUDGET. A larger DequantizeLinear is run at every call.
TRACT_FOLD_BUDGET = 4 << 20


def split_wide_matmuls(graph: onnx.GraphProto, budget: int = TRACT_FOLD_BUDGET) -> None:
    """Split a MatMul whose dequantised weight is over tract's folding budget (the 256 x 8,000
    output projection: 8.2 MB of f32) into column blocks under it, concatenated. tract then
    folds each block into f32 once at load, instead of dequantising 2 M weights at every
    decoder pass (measured: 325 -> 161 us per decoder position natively, `emend profile`).
    Each logit is the same dot product over the same 256 inputs."""
    inits = {i.name: i for i in graph.initializer}
    for deq in [n for n in graph.node if n.op_type == "DequantizeLinear"]:
        q, scale, zp = (numpy_helper.to_array(inits[x]) for x in deq.input)
        users = [n for n in graph.node if deq.output[0] in n.input]
        axis = next((a.i for a in deq.attribute if a.name == "axis"), 1)
        if q.size * 4 <= budget or axis != 1 or q.ndim != 2 or any(n.op_type != "MatMul" or n.input[1] != deq.output[0] for n in users):
            continue
        blocks = -(-q.size * 4 // budget)
        cols = np.array_split(np.arange(q.shape[1]), blocks)
        b = Builder(deq.output[0] + "/block")
        parts = []
        for k, c in enumerate(cols):
            names = [f"{x}_block{k}" for x in deq.input]
            for name, a in zip(names, (q[:, c], scale[c], zp[c])):
                graph.initializer.append(numpy_helper.from_array(np.ascontiguousarray(a), name))
            parts.append(b.op("DequantizeLinear", names, axis=1))
        for user in users:
            outs = [b.op("MatMul", [user.input[0], w]) for w in parts]
            b.nodes.append(helper.make_node("Concat", outs, list(user.output), axis=-1))
            b.splice_in(graph, user)
        graph.node.remove(deq)
        for x in deq.input:
            graph.initializer.remove(inits[x])


def rewrite(src: Path, out: Path) -> None:
    enc_m, dec_m = onnx.load(str(src / "encoder.onnx")), onnx.load(str(src / "decoder.onnx"))
    enc, dec = enc_m.graph, dec_m.graph
    if [i.name for i in dec.input] != ["decoder_input_ids", "encoder_hidden", "encoder_attention_mask"]:
        raise SystemExit(f"{src / 'decoder.onnx'} is not a full-recompute decoder (already incremental?)")
    cfg = json.loads((src / "config.json").read_text())
    arch = cfg["architecture"]
    d, h = arch["d_model"], arch["heads"]
    dh = d // h
    r = _roles(dec)
    deq = _dequant_nodes(dec)
    scale_q = _constant(dec, "/decoder.0/self_att/Constant_4_output_0")
    emb_scale = _constant(dec, "/Constant_3_output_0")
    sqrt2 = _constant(dec, "/decoder.0/ff/Constant_output_0")

    # Encoder: the cross-attention keys and values, from the decoder's own weights.
    e = Builder("/cross")
    hidden = enc.output[0].name
    k = e.heads(e.linear(hidden, r["cross_att.k.w"], r["cross_att.k.b"]), h, dh, [0, 2, 3, 1])
    v = e.heads(e.linear(hidden, r["cross_att.v.w"], r["cross_att.v.b"]), h, dh, [0, 2, 1, 3])
    e.nodes += [helper.make_node("Identity", [k], ["cross_key"]), helper.make_node("Identity", [v], ["cross_value"])]
    moved = set()
    for w in (r["cross_att.k.w"], r["cross_att.v.w"]):
        moved |= _weight_sources(w, deq)
        if w in deq:
            e.nodes.insert(0, deq[w])
    moved |= {r["cross_att.k.b"], r["cross_att.v.b"]}
    enc.initializer.extend(_inits_for(dec, moved) + e.inits)
    enc.node.extend(e.nodes)
    del enc.output[:]
    enc.output.extend([
        helper.make_tensor_value_info("cross_key", TensorProto.FLOAT, ["B", h, dh, "S"]),
        helper.make_tensor_value_info("cross_value", TensorProto.FLOAT, ["B", h, "S", dh]),
    ])

    # Decoder: one step over the new tokens, with the past keys and values.
    b = Builder("/step")
    emb_w = next(n.input[0] for n in dec.node if n.op_type == "Gather" and n.output[0] == "/emb/Gather_output_0")
    pos_w = next(n.input[0] for n in dec.node if n.op_type == "Gather" and n.output[0] == "/dec_pos/Gather_output_0")
    x = b.op("Add", [b.op("Mul", [b.op("Gather", [emb_w, "decoder_input_ids"]), b.const(emb_scale, np.float32)]),
                     b.op("Gather", [pos_w, "decoder_positions"])])
    h1 = b.layer_norm(x, r["ln1.ln"])
    q = b.op("Mul", [b.heads(b.linear(h1, r["self_att.q.w"], r["self_att.q.b"]), h, dh, [0, 2, 1, 3]), b.const(scale_q, np.float32)])
    k_new = b.heads(b.linear(h1, r["self_att.k.w"], r["self_att.k.b"]), h, dh, [0, 2, 1, 3])
    v_new = b.heads(b.linear(h1, r["self_att.v.w"], r["self_att.v.b"]), h, dh, [0, 2, 1, 3])
    b.nodes += [helper.make_node("Concat", ["past_key", k_new], ["present_key"], axis=2),
                helper.make_node("Concat", ["past_value", v_new], ["present_value"], axis=2)]
    scores = b.op("Add", [b.op("MatMul", [q, b.op("Transpose", ["present_key"], perm=[0, 1, 3, 2])]), "self_attention_bias"])
    att = b.op("MatMul", [b.op("Softmax", [scores], axis=-1), "present_value"])
    y1 = b.op("Add", [x, b.linear(b.merge_heads(att, d), r["self_att.o.w"], r["self_att.o.b"])])
    h2 = b.layer_norm(y1, r["ln2.ln"])
    q2 = b.op("Mul", [b.heads(b.linear(h2, r["cross_att.q.w"], r["cross_att.q.b"]), h, dh, [0, 2, 1, 3]), b.const(scale_q, np.float32)])
    mask = b.op("Sub", [b.const(1.0, np.float32), b.op("Cast", ["encoder_attention_mask"], to=TensorProto.FLOAT)])
    cross_bias = b.op("Mul", [b.op("Unsqueeze", [b.op("Unsqueeze", [mask, b.const([1], np.int64)]), b.const([2], np.int64)]),
                              b.const(NEG, np.float32)])
    cross = b.op("Add", [b.op("MatMul", [q2, "cross_key"]), cross_bias])
    catt = b.op("MatMul", [b.op("Softmax", [cross], axis=-1), "cross_value"])
    y2 = b.op("Add", [y1, b.linear(b.merge_heads(catt, d), r["cross_att.o.w"], r["cross_att.o.b"])])
    up = b.linear(b.layer_norm(y2, r["ln3.ln"]), r["ff.up.w"], r["ff.up.b"])
    erf = b.op("Add", [b.op("Erf", [b.op("Div", [up, b.const(sqrt2, np.float32)])]), b.const(1.0, np.float32)])
    gelu = b.op("Mul", [b.op("Mul", [up, erf]), b.const(0.5, np.float32)])
    y3 = b.op("Add", [y2, b.linear(gelu, r["ff.down.w"], r["ff.down.b"])])
    b.nodes.append(helper.make_node("MatMul", [b.layer_norm(y3, r["dec_ln.ln"]), r["proj.w"]], ["logits"]))

    used = {i for n in b.nodes for i in n.input}
    weights = [deq[w] for w in deq if w in used]
    kept = set().union(*(set(n.input) for n in weights)) | used
    f32 = TensorProto.FLOAT
    graph = helper.make_graph(
        weights + b.nodes, "emend_decoder_step",
        [helper.make_tensor_value_info("decoder_input_ids", TensorProto.INT64, ["B", "T"]),
         helper.make_tensor_value_info("decoder_positions", TensorProto.INT64, ["B", "T"]),
         helper.make_tensor_value_info("self_attention_bias", f32, ["B", 1, "T", "P+T"]),
         helper.make_tensor_value_info("past_key", f32, ["B", h, "P", dh]),
         helper.make_tensor_value_info("past_value", f32, ["B", h, "P", dh]),
         helper.make_tensor_value_info("cross_key", f32, ["B", h, dh, "S"]),
         helper.make_tensor_value_info("cross_value", f32, ["B", h, "S", dh]),
         helper.make_tensor_value_info("encoder_attention_mask", TensorProto.INT64, ["B", "S"])],
        [helper.make_tensor_value_info("logits", f32, ["B", "T", arch["vocab"]]),
         helper.make_tensor_value_info("present_key", f32, ["B", h, "P+T", dh]),
         helper.make_tensor_value_info("present_value", f32, ["B", h, "P+T", dh])],
        initializer=[i for i in dec.initializer if i.name in kept] + b.inits,
    )
    # The producer keeps this file's old path (training/incremental.py): the shipped graphs carry
    # it, and a re-export stays byte-identical to them.
    step = helper.make_model(graph, opset_imports=list(dec_m.opset_import), ir_version=dec_m.ir_version,
                             producer_name="emend training/incremental.py")
    for m in (enc_m, step):
        gather_int8(m.graph)
        split_wide_matmuls(m.graph)
        onnx.checker.check_model(m)
    out.mkdir(parents=True, exist_ok=True)
    onnx.save(enc_m, str(out / "encoder.onnx"))
    onnx.save(step, str(out / "decoder.onnx"))
    cfg["decoder_kind"] = "incremental"
    cfg["format"] = "emend-seq2seq-v2"
    (out / "config.json").write_text(json.dumps(cfg, indent=2) + "\n")
    if out != src:
        shutil.copy(src / "tokenizer.json", out / "tokenizer.json")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("src", help="a model folder export.py wrote (full-recompute decoder)")
    ap.add_argument("--out", help="where to write (default: in place)")
    args = ap.parse_args()
    src = Path(args.src)
    rewrite(src, Path(args.out) if args.out else src)
    print(f"incremental graphs written to {args.out or src}")


if __name__ == "__main__":
    main()
