"""EdgeFormer-style encoder-decoder: deep encoder, shallow decoder, tied embeddings, pre-LN.

Attention is written out with plain matmuls and additive masks so that the ONNX export
contains only ops tract implements (no fused attention, no Trilu).
"""
import math
from dataclasses import asdict, dataclass

import torch
from torch import nn
from torch.nn import functional as F

NEG = -1e9  # additive mask: exp() of it underflows to exactly 0


@dataclass
class ModelConfig:
    vocab: int = 8000
    d_model: int = 256
    heads: int = 4
    ffn: int = 1024
    enc_layers: int = 6
    dec_layers: int = 1
    max_len: int = 256
    dropout: float = 0.1
    pad_id: int = 0

    def to_dict(self):
        return asdict(self)


class Attention(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.h = cfg.heads
        self.dh = cfg.d_model // cfg.heads
        self.q = nn.Linear(cfg.d_model, cfg.d_model)
        self.k = nn.Linear(cfg.d_model, cfg.d_model)
        self.v = nn.Linear(cfg.d_model, cfg.d_model)
        self.o = nn.Linear(cfg.d_model, cfg.d_model)
        self.drop = nn.Dropout(cfg.dropout)

    def split(self, x):
        return x.reshape(x.shape[0], -1, self.h, self.dh).transpose(1, 2)

    def forward(self, x, mem, bias):
        q = self.split(self.q(x)) * (1.0 / math.sqrt(self.dh))
        k, v = self.split(self.k(mem)), self.split(self.v(mem))
        att = torch.softmax(q @ k.transpose(-1, -2) + bias, dim=-1)
        out = (self.drop(att) @ v).transpose(1, 2)
        return self.o(out.reshape(out.shape[0], -1, self.h * self.dh))


class FeedForward(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.up = nn.Linear(cfg.d_model, cfg.ffn)
        self.down = nn.Linear(cfg.ffn, cfg.d_model)
        self.drop = nn.Dropout(cfg.dropout)

    def forward(self, x):
        return self.down(self.drop(F.gelu(self.up(x))))


class EncoderLayer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(cfg.d_model), nn.LayerNorm(cfg.d_model)
        self.att, self.ff = Attention(cfg), FeedForward(cfg)
        self.drop = nn.Dropout(cfg.dropout)

    def forward(self, x, bias):
        h = self.ln1(x)
        x = x + self.drop(self.att(h, h, bias))
        return x + self.drop(self.ff(self.ln2(x)))


class DecoderLayer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.ln1, self.ln2, self.ln3 = (nn.LayerNorm(cfg.d_model) for _ in range(3))
        self.self_att, self.cross_att, self.ff = Attention(cfg), Attention(cfg), FeedForward(cfg)
        self.drop = nn.Dropout(cfg.dropout)

    def forward(self, y, mem, self_bias, cross_bias):
        h = self.ln1(y)
        y = y + self.drop(self.self_att(h, h, self_bias))
        y = y + self.drop(self.cross_att(self.ln2(y), mem, cross_bias))
        return y + self.drop(self.ff(self.ln3(y)))


class Seq2Seq(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        self.emb = nn.Embedding(cfg.vocab, cfg.d_model, padding_idx=cfg.pad_id)
        self.enc_pos = nn.Embedding(cfg.max_len, cfg.d_model)
        self.dec_pos = nn.Embedding(cfg.max_len, cfg.d_model)
        self.encoder = nn.ModuleList(EncoderLayer(cfg) for _ in range(cfg.enc_layers))
        self.decoder = nn.ModuleList(DecoderLayer(cfg) for _ in range(cfg.dec_layers))
        self.enc_ln, self.dec_ln = nn.LayerNorm(cfg.d_model), nn.LayerNorm(cfg.d_model)
        self.drop = nn.Dropout(cfg.dropout)
        self.scale = math.sqrt(cfg.d_model)
        nn.init.normal_(self.emb.weight, std=cfg.d_model**-0.5)
        with torch.no_grad():
            self.emb.weight[cfg.pad_id].zero_()

    @classmethod
    def from_state(cls, state: dict) -> "Seq2Seq":
        """A checkpoint's model (its shape and weights; fp16 saves come back as float32)."""
        model = cls(ModelConfig(**state["cfg"]))
        model.load_state_dict({k: v.float() for k, v in state["model"].items()})
        return model

    def embed(self, ids, pos_table):
        pos = torch.arange(ids.shape[1], device=ids.device)
        return self.drop(self.emb(ids) * self.scale + pos_table(pos)[None])

    @staticmethod
    def pad_bias(mask):
        # mask [B,S] of 1/0 -> additive bias [B,1,1,S]
        return (1.0 - mask.to(torch.float32))[:, None, None, :] * NEG

    def encode(self, input_ids, attention_mask):
        x = self.embed(input_ids, self.enc_pos)
        bias = self.pad_bias(attention_mask)
        for layer in self.encoder:
            x = layer(x, bias)
        return self.enc_ln(x)

    def decode_hidden(self, decoder_input_ids, memory, memory_mask):
        y = self.embed(decoder_input_ids, self.dec_pos)
        t = torch.arange(decoder_input_ids.shape[1], device=y.device)
        causal = (t[None, :] > t[:, None]).to(torch.float32)[None, None] * NEG
        cross = self.pad_bias(memory_mask)
        for layer in self.decoder:
            y = layer(y, memory, causal, cross)
        return self.dec_ln(y)

    def forward(self, input_ids, attention_mask, decoder_input_ids):
        mem = self.encode(input_ids, attention_mask)
        return self.decode_hidden(decoder_input_ids, mem, attention_mask) @ self.emb.weight.t()


class ExportEncoder(nn.Module):
    def __init__(self, m: Seq2Seq):
        super().__init__()
        self.m = m

    def forward(self, input_ids, attention_mask):
        return self.m.encode(input_ids, attention_mask)


class ExportDecoder(nn.Module):
    """Decoder graph with an explicit (untied) output projection, so quantisation sees it."""

    def __init__(self, m: Seq2Seq):
        super().__init__()
        self.m = m
        self.proj = nn.Linear(m.cfg.d_model, m.cfg.vocab, bias=False)
        self.proj.weight = nn.Parameter(m.emb.weight.detach().clone())

    def forward(self, decoder_input_ids, encoder_hidden, encoder_attention_mask):
        return self.proj(self.m.decode_hidden(decoder_input_ids, encoder_hidden, encoder_attention_mask))
