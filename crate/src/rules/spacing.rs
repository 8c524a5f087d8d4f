//! Two sentences glued together at their stop ("it?Well", "when I was young.but now"): a
//! rule, not the model's job. The model reads text through sentence bounds and word pieces in
//! which the missing space is invisible, so it never fixed these (W&I dev: 0 of 19), and the
//! aligner compares words, not the spaces between them. The fix adds the space and, where
//! the next word is in lower case, its capital ("young. But").

use std::ops::Range;

use crate::text::capitals::capitalised;

/// What follows a dot in a file name or an address, not a new sentence ("index.html",
/// "yahoo.com"). Checked before the dictionary, which knows some of them as words; endings
/// that are common sentence openers ("it", "so", "us", "me", "go") are left out.
const NOT_A_SENTENCE: &[&str] = &[
    "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "io", "co", "uk", "de", "fr", "es", "nl", "ru",
    "jp", "cn", "br", "au", "ca", "eu", "tv", "app", "dev", "ai", "ly", "html", "htm", "php", "asp", "aspx", "js",
    "ts", "jsx", "tsx", "json", "xml", "yml", "yaml", "toml", "md", "txt", "csv", "tsv", "log", "ini", "cfg", "conf",
    "py", "rs", "rb", "java", "kt", "cpp", "cc", "hpp", "cs", "sh", "bat", "exe", "dll", "lock", "css", "scss", "svg",
    "png", "jpg", "jpeg", "gif", "webp", "bmp", "ico", "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt",
    "zip", "tar", "gz", "rar", "mp3", "mp4", "wav", "mov", "avi", "mkv", "sql", "db",
];

/// The two words of a glued pair and its stop, if `word` (one whitespace-free piece of text,
/// quotes and brackets around it allowed) is one: letters, one of ".!?", letters, each side at
/// least two letters, the second not a file extension or domain ("e.g.", "U.S.", "3.5",
/// "Ph.D" and "site.com" are not).
pub fn glued_pair(word: &str) -> Option<(&str, char, &str)> {
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    let stop_at = core.find(['.', '!', '?'])?;
    let (left, rest) = core.split_at(stop_at);
    let stop = rest.chars().next()?;
    let right = &rest[1..];
    let is_word = |w: &str| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic);
    let address = NOT_A_SENTENCE.contains(&right.to_lowercase().as_str());
    (is_word(left) && is_word(right) && !address).then_some((left, stop, right))
}

/// A glued pair found in a text and its fix.
pub struct Glued {
    /// Byte range of the pair ("young.but").
    pub range: Range<usize>,
    /// "young. But".
    pub fix: String,
    /// The stop between the two: '.', '!' or '?'.
    pub stop: char,
}

impl Glued {
    /// What the card says.
    pub fn message(&self) -> String {
        format!("Missing space after “{}”: a new sentence starts here.", self.stop)
    }
}

/// Each glued pair in `text`. `knows` says whether the
/// dictionary accepts a word: both halves must be words ("life.lf" is left alone). After a
/// full stop the second must also be a word that often `opens` a sentence ("young.but",
/// "etc.these"): a dot between two words is more often code ("this.state", "user.name").
pub fn unglue(text: &str, knows: &dyn Fn(&str) -> bool, opens: &dyn Fn(&str) -> bool) -> Vec<Glued> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let Some((left, stop, right)) = glued_pair(word) else { continue };
        if !knows(left) || !knows(right) || stop == '.' && !opens(right) {
            continue;
        }
        let start = left.as_ptr() as usize - text.as_ptr() as usize;
        let end = right.as_ptr() as usize - text.as_ptr() as usize + right.len();
        out.push(Glued { range: start..end, fix: format!("{left}{stop} {}", capitalised(right)), stop });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixes(text: &str) -> Vec<String> {
        let opens = |w: &str| ["but", "it", "we"].contains(&w.to_lowercase().as_str());
        unglue(text, &|_| true, &opens).into_iter().map(|g| format!("{}>{}", &text[g.range], g.fix)).collect()
    }

    #[test]
    fn a_sentence_glued_to_the_next_gets_its_space_and_capital() {
        assert_eq!(fixes("When I was young.but now I am old.It is late."), ["young.but>young. But", "old.It>old. It"]);
        assert_eq!(fixes("Do you know it?Well, I do!Really."), ["it?Well>it? Well", "do!Really>do! Really"]);
        assert_eq!(fixes("''Mum I love this doll!Could you buy it?''"), ["doll!Could>doll! Could"]);
    }

    #[test]
    fn abbreviations_numbers_files_and_addresses_are_not_sentences() {
        for text in ["e.g.the", "the U.S.A", "version 3.5", "a Ph.D student", "see index.html", "mail me at me.com",
            "write to john@mail.net", "open setup.py", "go to www.example.org now", "so...then", "what?!", "Hi!",
            "set this.state first", "Dear Mr.Smith"]
        {
            assert!(fixes(text).is_empty(), "{text}: {:?}", fixes(text));
        }
    }

    #[test]
    fn both_halves_must_be_words() {
        let knows = |w: &str| w != "lf";
        let opens = |w: &str| w == "if" || w == "lf";
        assert!(unglue("It changed my life.lf I could", &knows, &opens).is_empty());
        assert_eq!(unglue("my life.if I could", &knows, &opens).len(), 1);
    }
}
