//! The writer's dialect (`lexicon::dialect`): a word spelt as another dialect spells it gets
//! the writer's spelling ("colour" -> "color" for American English), and the fixes the
//! checker offers are respelt in it (the speller's and the model's words come from all four
//! dialects). A capitalised word inside a sentence is a name's and keeps its spelling ("Pearl
//! Harbor", "the Labor Party": on W&I dev the one such flag was a name). The model is never
//! asked to change a dialect's spelling: its swaps between national spellings are held back
//! (`policy::held_back`, "spelling variant").

use std::ops::Range;

use crate::lexicon::dialect::Dialect;
use crate::lexicon::Lexicon;
use crate::policy::category::Category;
use crate::policy::SentenceEdit;
use crate::rules::{Context, Rule, RuleEdit};
use crate::text::align::{apply, word_spans};

/// A word spelt as another dialect spells it.
pub struct DialectSpelling;

impl Rule for DialectSpelling {
    fn edits(&self, unit: &str, cx: &Context) -> Vec<RuleEdit> {
        if cx.dialect == Dialect::Any {
            return Vec::new();
        }
        word_spans(unit)
            .into_iter()
            .enumerate()
            .filter(|(i, r)| !named(*i, &unit[r.clone()]))
            .filter_map(|(_, range)| {
                let fix = cx.lexicon.dialect_spelling(&unit[range.clone()], cx.dialect)?;
                let message = format!("Spelling: {} English writes “{fix}”.", cx.dialect.adjective());
                Some(RuleEdit { range, replacement: fix, category: Category::Spelling, message })
            })
            .collect()
    }
}

/// Whether the `i`-th word of a sentence, `w`, is a name's: capitalised, not the first.
fn named(i: usize, w: &str) -> bool {
    i > 0 && w.starts_with(char::is_uppercase)
}

/// `edits`' replacements written in `dialect`; an edit that then changes nothing is dropped.
pub(crate) fn respell(unit: &str, edits: &mut Vec<SentenceEdit>, lexicon: &dyn Lexicon, dialect: Dialect) {
    if dialect == Dialect::Any {
        return;
    }
    for e in edits.iter_mut() {
        // The replacement's first word is the sentence's first only where the edit starts it.
        let shift = usize::from(e.range.start != 0);
        let respelt: Vec<(Range<usize>, String)> = word_spans(&e.replacement)
            .into_iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let word = &e.replacement[r.clone()];
                lexicon.dialect_spelling(word, dialect).filter(|_| !named(i + shift, word)).map(|fix| (r, fix))
            })
            .collect();
        if !respelt.is_empty() {
            e.replacement = apply(&e.replacement, &respelt);
        }
    }
    edits.retain(|e| unit[e.range.clone()] != e.replacement);
}
