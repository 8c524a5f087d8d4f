"""The speller's dictionary (model/en.aff, model/en.dic, model/en.LICENSE): SCOWL's en_US
and en_GB-ise Hunspell dictionaries (npm `dictionary-en` 4.0.0 and `dictionary-en-gb`
3.0.0, devDependencies of this repo) merged into one, so that British and American spellings
are both right ("favourite" and "favorite"). The two share one affix file, so the merged
word list keeps every entry of both.

    npm ci && python -m training.lexicon.make_dictionary
"""
import argparse
from pathlib import Path

from training.common.paths import MODEL_DIR, REPO


def entries(dic: Path) -> list[str]:
    lines = dic.read_text(encoding="utf-8").splitlines()
    return [l for l in lines[1:] if l.strip()]  # the first line is the entry count


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--us", default=str(REPO / "node_modules" / "dictionary-en"))
    ap.add_argument("--gb", default=str(REPO / "node_modules" / "dictionary-en-gb"))
    args = ap.parse_args()
    us, gb = Path(args.us), Path(args.gb)
    aff = (us / "index.aff").read_text(encoding="utf-8")
    if aff != (gb / "index.aff").read_text(encoding="utf-8"):
        raise SystemExit("the two dictionaries' affix files differ: merging their word lists would be wrong")
    merged = list(dict.fromkeys(entries(us / "index.dic") + entries(gb / "index.dic")))
    (MODEL_DIR / "en.aff").write_text(aff, encoding="utf-8")
    (MODEL_DIR / "en.dic").write_text(f"{len(merged)}\n" + "\n".join(merged) + "\n", encoding="utf-8")
    licences = [(d / "license").read_text(encoding="utf-8") for d in (us, gb)]
    (MODEL_DIR / "en.LICENSE").write_text("\n\n".join(licences), encoding="utf-8")
    print(f"{len(merged)} entries -> {MODEL_DIR / 'en.dic'} ({(MODEL_DIR / 'en.dic').stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
