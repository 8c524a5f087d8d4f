"""Which of JFLEG dev's reference edits the chain makes, by ERRANT type: each reference and
the chain's output are aligned with the source (`errant_parallel`), and a reference edit
counts as made where the chain's output has the same span and correction. Per reference on
average (JFLEG has four). Where the GLEU points are that the chain does not reach.

    python -m training.eval.jfleg_types [--model DIR] [--top 20]
"""

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from training.common.paths import DATA, MODEL_DIR
from training.eval.retokenize import retokenize
from training.eval.score import correct


def edits(source: Path, corrected: list[str], tmp: Path) -> list[set[tuple[str, str, str]]]:
    """(span, type, correction) of each sentence's edits from `source` to `corrected`."""
    cor, m2 = tmp / "cor.txt", tmp / "out.m2"
    cor.write_text("\n".join(corrected) + "\n")
    errant = Path(sys.executable).parent / "errant_parallel"
    subprocess.run([str(errant), "-orig", str(source), "-cor", str(cor), "-out", str(m2)], check=True, capture_output=True)
    out = []
    for block in m2.read_text().strip().split("\n\n"):
        found = set()
        for line in block.split("\n")[1:]:
            span, kind, fix = line[2:].split("|||")[:3]
            if kind != "noop":
                found.add((span, kind, fix))
        out.append(found)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=str(MODEL_DIR))
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()
    jf = DATA / "jfleg" / "dev"
    src = (jf / "dev.src").read_text().splitlines()
    hyp, _ = correct(src, Path(args.model), "emend")
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        made = edits(jf / "dev.src", retokenize(src, hyp, whole_words=True), tmp)
        refs = [edits(jf / "dev.src", (jf / f"dev.ref{k}").read_text().splitlines(), tmp) for k in range(4)]
    wanted, hit = Counter(), Counter()
    for i, ours in enumerate(made):
        ours_at = {(span, fix) for span, _, fix in ours}
        for ref in refs:
            for span, kind, fix in ref[i]:
                wanted[kind] += 1
                hit[kind] += (span, fix) in ours_at
    print(f"{'type':14} {'per reference':>13} {'made':>6}")
    for kind, n in wanted.most_common(args.top):
        print(f"{kind:14} {n / 4:13.1f} {hit[kind] / 4:6.1f}")
    print(f"{'all':14} {sum(wanted.values()) / 4:13.1f} {sum(hit.values()) / 4:6.1f}")


if __name__ == "__main__":
    main()
