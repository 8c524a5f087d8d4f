"""Stage 1a: learner pairs (W&I+LOCNESS train, FCE train), detokenised, as TSV."""
from training.common.detok import detokenize
from training.common.paths import DATA, work

SOURCES = ["wi_abc_train", "fce_train"]


def main() -> None:
    out_path = work("learner.tsv")
    changed_path = work("learner_changed.tsv")  # only pairs with a correction, to up-weight edits
    # W&I alone, the domain of the dev set: for a last in-domain fine-tune (GECToR's stage III).
    wi_path = work("wi_train.tsv")
    n = 0
    with out_path.open("w") as out, changed_path.open("w") as changed, wi_path.open("w") as wi:
        for name in SOURCES:
            src = (DATA / "parallel" / f"{name}.src").read_text().splitlines()
            tgt = (DATA / "parallel" / f"{name}.tgt").read_text().splitlines()
            assert len(src) == len(tgt), name
            for s, t in zip(src, tgt):
                s, t = detokenize(s.strip()), detokenize(t.strip())
                if s and t and "\t" not in s + t:
                    out.write(f"{s}\t{t}\n")
                    if s != t:
                        changed.write(f"{s}\t{t}\n")
                    if name.startswith("wi_"):
                        wi.write(f"{s}\t{t}\n")
                    n += 1
    print(f"learner pairs: {n} -> {out_path}")


if __name__ == "__main__":
    main()
