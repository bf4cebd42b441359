"""Peer for `bench train`: a llama2.c-style (model.py / train.py) training loop in PyTorch on random tokens.

Run with Debian's python3-torch (1.13, libopenblas0-pthread), not a pyenv python:
    /usr/bin/python3 bench/peers/train_llama2c.py --preset stories260k --steps 5 --batch 32 --threads 2
Prints per-step times and, last, `tokens_per_second: X`. Same architecture as Prebias.Core.Modeling.Transformer
(RMSNorm, rotary embeddings, GQA, SwiGLU, tied embeddings), AdamW with decay on >=2-D params, grad clip 1.0.
torch 1.13 has no scaled_dot_product_attention, so attention takes llama2.c's explicit (non-flash) path.

With --eval-interval N (the `bench experiment` peer) the loop is train.py's whole one: the learning rate of
get_lr (linear warm-up, cosine decay to --min-lr), estimate_loss over --eval-iters batches of a train and a val
split every N iterations and at the last one, and a torch.save of model + optimizer when the val loss improves
(train.py's default always_save_checkpoint=False), into --out-dir.
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

PRESETS = {
    "stories260k": dict(dim=64, n_layers=5, n_heads=8, n_kv_heads=4, vocab_size=512, max_seq_len=512, multiple_of=4),
    "tiny1m": dict(dim=128, n_layers=4, n_heads=4, n_kv_heads=4, vocab_size=4096, max_seq_len=256, multiple_of=32),
    "stories15m": dict(dim=288, n_layers=6, n_heads=6, n_kv_heads=6, vocab_size=32000, max_seq_len=256, multiple_of=32),
}


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-5):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        xf = x.float()
        return (xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.eps)).type_as(x) * self.weight


def rotary_tables(head_dim, length, theta=10000.0):
    inverse = 1.0 / theta ** (torch.arange(0, head_dim, 2).float() / head_dim)
    angles = torch.outer(torch.arange(length).float(), inverse)
    return angles.cos(), angles.sin()


def rotate(x, cos, sin):
    b, t, h, d = x.shape
    pairs = x.float().reshape(b, t, h, d // 2, 2)
    real, imag = pairs[..., 0], pairs[..., 1]
    c, s = cos.view(1, t, 1, d // 2), sin.view(1, t, 1, d // 2)
    return torch.stack([real * c - imag * s, real * s + imag * c], dim=-1).flatten(3).type_as(x)


class Attention(nn.Module):
    def __init__(self, a):
        super().__init__()
        self.h, self.kv, self.hd = a["n_heads"], a["n_kv_heads"], a["dim"] // a["n_heads"]
        self.wq = nn.Linear(a["dim"], self.h * self.hd, bias=False)
        self.wk = nn.Linear(a["dim"], self.kv * self.hd, bias=False)
        self.wv = nn.Linear(a["dim"], self.kv * self.hd, bias=False)
        self.wo = nn.Linear(self.h * self.hd, a["dim"], bias=False)
        n = a["max_seq_len"]
        self.register_buffer("mask", torch.full((1, 1, n, n), float("-inf")).triu(1), persistent=False)

    def forward(self, x, cos, sin):
        b, t, _ = x.shape
        q = rotate(self.wq(x).view(b, t, self.h, self.hd), cos, sin)
        k = rotate(self.wk(x).view(b, t, self.kv, self.hd), cos, sin)
        v = self.wv(x).view(b, t, self.kv, self.hd)
        rep = self.h // self.kv
        if rep > 1:
            k = k[:, :, :, None, :].expand(b, t, self.kv, rep, self.hd).reshape(b, t, self.h, self.hd)
            v = v[:, :, :, None, :].expand(b, t, self.kv, rep, self.hd).reshape(b, t, self.h, self.hd)
        q, k, v = q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2)
        scores = q @ k.transpose(2, 3) / math.sqrt(self.hd) + self.mask[:, :, :t, :t]
        out = F.softmax(scores.float(), dim=-1).type_as(q) @ v
        return self.wo(out.transpose(1, 2).contiguous().view(b, t, -1))


class Block(nn.Module):
    def __init__(self, a):
        super().__init__()
        hidden = int(2 * 4 * a["dim"] / 3)
        hidden = a["multiple_of"] * ((hidden + a["multiple_of"] - 1) // a["multiple_of"])
        self.attention = Attention(a)
        self.w1 = nn.Linear(a["dim"], hidden, bias=False)
        self.w2 = nn.Linear(hidden, a["dim"], bias=False)
        self.w3 = nn.Linear(a["dim"], hidden, bias=False)
        self.attention_norm, self.ffn_norm = RMSNorm(a["dim"]), RMSNorm(a["dim"])

    def forward(self, x, cos, sin):
        h = x + self.attention(self.attention_norm(x), cos, sin)
        z = self.ffn_norm(h)
        return h + self.w2(F.silu(self.w1(z)) * self.w3(z))


class Transformer(nn.Module):
    def __init__(self, a):
        super().__init__()
        self.tok_embeddings = nn.Embedding(a["vocab_size"], a["dim"])
        self.layers = nn.ModuleList(Block(a) for _ in range(a["n_layers"]))
        self.norm = RMSNorm(a["dim"])
        self.output = nn.Linear(a["dim"], a["vocab_size"], bias=False)
        self.tok_embeddings.weight = self.output.weight
        cos, sin = rotary_tables(a["dim"] // a["n_heads"], a["max_seq_len"])
        self.register_buffer("cos", cos, persistent=False)
        self.register_buffer("sin", sin, persistent=False)
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, 0.0, 0.02)

    def forward(self, tokens, targets):
        t = tokens.shape[1]
        h = self.tok_embeddings(tokens)
        for layer in self.layers:
            h = layer(h, self.cos[:t], self.sin[:t])
        logits = self.output(self.norm(h))
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.reshape(-1), ignore_index=-1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--preset", default="stories260k")
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--seq", type=int, default=0, help="tokens per row; 0 = the preset's max_seq_len")
    p.add_argument("--eval-interval", type=int, default=0, help="0 = no evaluation, no checkpoints")
    p.add_argument("--eval-iters", type=int, default=8)
    p.add_argument("--learning-rate", type=float, default=5e-4)
    p.add_argument("--min-lr", type=float, default=0.0, help="0 = a constant learning rate")
    p.add_argument("--warmup-iters", type=int, default=0)
    p.add_argument("--out-dir", default="")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1337)
    a = PRESETS[args.preset]
    model = Transformer(a)
    params = {n: q for n, q in model.named_parameters()}
    groups = [
        {"params": [q for q in params.values() if q.dim() >= 2], "weight_decay": 0.1},
        {"params": [q for q in params.values() if q.dim() < 2], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=args.learning_rate, betas=(0.9, 0.95))
    seq = args.seq if args.seq > 0 else a["max_seq_len"]
    print(f"torch {torch.__version__}, preset {args.preset}, batch {args.batch}x{seq}, {torch.get_num_threads()} threads")
    total = args.steps + args.warmup
    best_val = float("inf")
    times = []
    for step in range(total):
        if args.min_lr > 0:
            for group in optimizer.param_groups:
                group["lr"] = get_lr(step, args, total)
        if args.eval_interval > 0 and (step % args.eval_interval == 0 or step == total - 1):
            best_val = evaluate_and_save(model, optimizer, args, a, seq, step, best_val)
        g = torch.Generator().manual_seed(1000 + step)
        data = torch.randint(a["vocab_size"], (args.batch, seq + 1), generator=g)
        start = time.perf_counter()
        loss = model(data[:, :-1], data[:, 1:])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        elapsed = time.perf_counter() - start
        print(f"step {step}{' (warm-up)' if step < args.warmup else ''}: {elapsed * 1000:.0f} ms, loss {loss.item():.4f}")
        if step >= args.warmup:
            times.append(elapsed)
    ordered = sorted(times)
    per_step = ordered[len(ordered) // 2]  # median, as the C# bench: robust to a busy machine
    print(f"params: {sum(q.numel() for q in params.values())}")
    print(f"step ms: median {per_step * 1000:.1f}, mean {sum(times) / len(times) * 1000:.1f}, best {ordered[0] * 1000:.1f}")
    print(f"tokens_per_second: {args.batch * seq / per_step:.1f}")


def get_lr(it, args, total):
    """train.py's schedule: linear warm-up, then cosine decay from --learning-rate to --min-lr."""
    if it < args.warmup_iters:
        return args.learning_rate * it / args.warmup_iters
    ratio = (it - args.warmup_iters) / max(1, total - args.warmup_iters)
    return args.min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (args.learning_rate - args.min_lr)


@torch.no_grad()
def evaluate_and_save(model, optimizer, args, a, seq, step, best_val):
    """train.py's estimate_loss on both splits, then its checkpoint when the val loss improved."""
    model.eval()
    losses = {}
    for split, offset in (("train", 10_000_000), ("val", 20_000_000)):
        total = 0.0
        for k in range(args.eval_iters):
            g = torch.Generator().manual_seed(offset + k)
            data = torch.randint(a["vocab_size"], (args.batch, seq + 1), generator=g)
            total += model(data[:, :-1], data[:, 1:]).item()
        losses[split] = total / args.eval_iters
    model.train()
    print(f"step {step}: train loss {losses['train']:.4f}, val loss {losses['val']:.4f}")
    if losses["val"] < best_val and step > 0 and args.out_dir:
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "iter_num": step,
                    "best_val_loss": losses["val"]}, f"{args.out_dir}/ckpt.pt")
    return min(best_val, losses["val"])


if __name__ == "__main__":
    main()
