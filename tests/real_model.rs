//! The shipped model through the public API: runs natively (`cargo test`) and in browsers
//! (`wasm-pack test --headless --chrome|--firefox crate`), from the same model bytes.

use emend::{Checker, Corrector, DecoderKind, EmendError, Model, ModelFiles, Speller, SpellerFiles};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const ENCODER: &[u8] = include_bytes!("../model/encoder.onnx");
const DECODER: &[u8] = include_bytes!("../model/decoder.onnx");
const TOKENIZER: &[u8] = include_bytes!("../model/tokenizer.json");
const CONFIG: &[u8] = include_bytes!("../model/config.json");
const AFF: &[u8] = include_bytes!("../model/en.aff");
const DIC: &[u8] = include_bytes!("../model/en.dic");
const NGRAMS: &[u8] = include_bytes!("../model/en.ngrams");
const IRREGULAR: &[u8] = include_bytes!("../model/en.irregular");
const COMPOUNDS: &[u8] = include_bytes!("../model/en.compounds");
const DIALECTS: &[u8] = include_bytes!("../model/en.dialects");

fn speller_files(dic: &'static [u8]) -> SpellerFiles<'static> {
    SpellerFiles { aff: AFF, dic, ngrams: NGRAMS, irregular: IRREGULAR, compounds: COMPOUNDS, dialects: DIALECTS }
}

fn files() -> ModelFiles<'static> {
    ModelFiles { encoder: ENCODER, decoder: DECODER, tokenizer: TOKENIZER, config: CONFIG }
}

fn checker() -> Checker {
    Checker::new(Model::from_bytes(files()).expect("shipped model loads"))
}

/// The checker as the product runs it: the shipped speller before the model.
fn spelling_checker() -> Checker {
    let mut c = checker();
    c.set_speller(Some(Speller::from_bytes(speller_files(DIC)).expect("shipped dictionary loads")));
    c
}

/// UTF-16 slice of a Rust string, as JavaScript's `text.slice(start, end)`.
fn js_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start..end]).expect("offsets fall on character boundaries")
}

/// Errors the shipped model is known to fix (see model/MODEL_CARD.md for what it misses).
const KNOWN: &str = "In addition to that, i like reading books.";
const KNOWN_FIXED: &str = "In addition to that, I like reading books.";

#[test]
fn corrects_a_known_error() {
    let mut c = checker();
    let result = c.check(KNOWN).unwrap();
    let fix = result.suggestions.iter().find(|s| s.original == "i" && s.replacement == "I");
    assert!(fix.is_some(), "expected `i` -> `I`, got {:?}", result.suggestions);
    assert_eq!(fix.unwrap().category, emend::Category::Capitalization);
    assert_eq!(c.correct_text(KNOWN).unwrap(), KNOWN_FIXED);
}

#[test]
fn correct_text_leaves_good_text_alone() {
    let mut c = checker();
    let text = "The weather is nice today.";
    assert_eq!(c.correct_text(text).unwrap(), text);
}

#[test]
fn other_languages_and_code_are_left_alone_and_the_english_around_them_is_not() {
    let mut c = spelling_checker();
    let text = "Je suis allé au marché hier et j'ai acheté des pommes pour ma grand-mère.\n\
                Gestern habe ich im Garten gearbeitet, weil das Wetter so schön war.\n\
                const total = items.map((i) => i.price);\n\
                She go to school yesterday and buyed a apple.";
    let result = c.check(text).unwrap();
    let english16 = text[..text.rfind("She").unwrap()].encode_utf16().count();
    assert!(!result.suggestions.is_empty(), "the English line is still checked");
    assert!(result.suggestions.iter().all(|s| s.start >= english16), "only the English line: {:?}", result.suggestions);
    assert!(result.suggestions.iter().any(|s| s.replacement.contains("bought")), "{:?}", result.suggestions);
}

#[test]
fn offsets_are_utf16_with_emoji_cjk_and_rtl() {
    let mut c = checker();
    let text = "😀👍🏽 東京 is big. 🍎 In addition to that, i like reading books. שלום. I think i like it.";
    let result = c.check(text).unwrap();
    assert!(!result.suggestions.is_empty(), "expected suggestions in {text:?}");
    for s in &result.suggestions {
        assert!(s.start <= s.end && s.end <= text.encode_utf16().count());
        assert_eq!(js_slice(text, s.start, s.end), s.original, "suggestion {s:?}");
    }
}

#[test]
fn aggressive_equals_greedy_on_real_sentences() {
    let c = checker();
    let units = [
        "She go to school yesterday and buyed a apple.",
        "My village is a small size town with two thousand people.",
        "It has a cold weather because its high mountains.",
        "I am agree with this opinion , because people needs to travel.",
        "This sentence is already correct.",
    ];
    let mut greedy = checker();
    greedy.decoder = DecoderKind::Greedy;
    let (a, astats) = c.model_units(&units).unwrap();
    let (g, gstats) = greedy.model_units(&units).unwrap();
    assert_eq!(a, g);
    assert!(astats.passes < gstats.passes, "aggressive {astats:?} greedy {gstats:?}");
}

#[test]
fn a_pass_over_the_cache_predicts_what_a_fresh_pass_over_the_whole_prefix_does() {
    use emend::model::decode::Request;
    let model = Model::from_bytes(files()).unwrap();
    let bos = model.codec.config.bos_id;
    let sources: Vec<Vec<u32>> = ["I has a apple .", "She go to school yesterday and buyed two book , and then she go home ."]
        .iter()
        .map(|s| model.codec.source_ids(s).unwrap())
        .collect();
    let enc = model.encode(&sources).unwrap();
    let inputs: Vec<Vec<u32>> = sources.iter().map(|s| [&[bos], &s[..s.len() - 1]].concat()).collect();
    // Both sentences in one batch, one token at a time, and then a draft of three that is
    // rejected after its first token: the two rows' prefixes differ in length (padded past).
    let mut cache = model.cache(&enc);
    let longest = inputs.iter().map(Vec::len).max().unwrap();
    let mut compared = 0;
    for len in 1..=longest {
        let draft: Vec<Vec<u32>> = inputs.iter().map(|i| i[..len.min(i.len())].iter().chain(&[7, 8, 9]).copied().collect()).collect();
        let rows: Vec<(usize, Vec<u32>)> = (0..2).filter(|&s| len <= inputs[s].len()).map(|s| (s, inputs[s][..len].to_vec())).collect();
        let requests: Vec<Request> = rows.iter().map(|(s, input)| Request { sentence: *s, input, from: len - 1, prefer: &[] }).collect();
        let cached = model.predict(&enc, &mut cache, &requests, 0.0).unwrap();
        for ((s, input), got) in rows.iter().zip(&cached) {
            let alone = Request { sentence: *s, input, from: len - 1, prefer: &[] };
            let fresh = model.predict(&enc, &mut model.cache(&enc), &[alone], 0.0).unwrap();
            assert_eq!(got[0].token, fresh[0][0].token, "sentence {s} after {len} tokens");
            assert!((got[0].margin - fresh[0][0].margin).abs() < 1e-4, "{:?} against {:?}", got[0], fresh[0][0]);
            compared += 1;
        }
        // A draft the cache reads and the next request rejects.
        let drafts: Vec<Request> = rows.iter().map(|(s, _)| Request { sentence: *s, input: &draft[*s], from: len - 1, prefer: &[] }).collect();
        assert_eq!(model.predict(&enc, &mut cache, &drafts, 0.0).unwrap()[0].len(), 4);
    }
    assert_eq!(compared, inputs.iter().map(Vec::len).sum::<usize>());
}

#[test]
fn each_edit_the_model_writes_carries_its_margin_over_the_copy() {
    let model = Model::from_bytes(files()).unwrap();
    let units = [KNOWN, "The weather is nice today.", "😀👍🏽 東京 is big. שלום, i think i like it."];
    let (fixed, _) = model.correct_units(&units, DecoderKind::Aggressive, 8).unwrap();
    let (greedy, _) = model.correct_units(&units, DecoderKind::Greedy, 8).unwrap();
    assert_eq!(fixed[0].text, KNOWN_FIXED);
    let capital = fixed[0].decisions.iter().find(|(r, _)| fixed[0].text[r.clone()].trim() == "I");
    assert!(capital.is_some_and(|(_, m)| *m > 0.0), "the model chose `I` over `i`: {:?}", fixed[0].decisions);
    assert!(fixed[1].decisions.is_empty(), "a copy decides nothing: {:?}", fixed[1]);
    for (a, g) in fixed.iter().zip(&greedy) {
        assert_eq!(a.text, g.text);
        assert_eq!(a.decisions.len(), g.decisions.len());
        for ((ra, ma), (rg, mg)) in a.decisions.iter().zip(&g.decisions) {
            assert_eq!(ra, rg);
            assert!((ma - mg).abs() < 1e-3, "margins {ma} and {mg}");
            assert!(a.text.get(ra.clone()).is_some(), "{ra:?} falls on character boundaries of {:?}", a.text);
        }
    }
}

#[test]
fn bad_model_bytes_give_clear_errors() {
    let truncated = &ENCODER[..ENCODER.len() / 3];
    let err = Model::from_bytes(ModelFiles { encoder: truncated, ..files() }).err().expect("truncated encoder fails");
    assert!(matches!(err, EmendError::BadModel { name: "encoder.onnx", .. }), "{err}");

    let err = Model::from_bytes(ModelFiles { tokenizer: b"{not json", ..files() }).err().expect("bad tokenizer fails");
    assert!(err.to_string().contains("tokenizer.json"), "{err}");

    let err = Model::from_bytes(ModelFiles { config: b"{}", ..files() }).err().expect("bad config fails");
    assert!(err.to_string().contains("config.json"), "{err}");

    // Encoder and decoder swapped: both parse, but they do not fit together.
    let err = Model::from_bytes(ModelFiles { encoder: DECODER, decoder: ENCODER, ..files() }).err().expect("swapped graphs fail");
    assert!(matches!(err, EmendError::Mismatch(_) | EmendError::BadModel { .. }), "{err}");
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn missing_model_folder_names_the_file() {
    let err = Model::from_dir("/nonexistent/emend-model").err().expect("missing folder fails");
    assert!(err.to_string().contains("encoder.onnx"), "{err}");
}

#[cfg(target_arch = "wasm32")]
mod js_api {
    use super::{js_slice, CONFIG, DECODER, ENCODER, TOKENIZER};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn js_check_returns_suggestions_with_utf16_offsets() {
        let mut e = emend::wasm::Emend::new(ENCODER.into(), DECODER.into(), TOKENIZER, CONFIG).ok().expect("model loads");
        let text = "🍎 In addition to that, i like reading books.";
        let result = e.check(text).ok().expect("check succeeds");
        let suggestions = js_sys::Reflect::get(&result, &JsValue::from_str("suggestions")).unwrap();
        let arr = js_sys::Array::from(&suggestions);
        assert!(arr.length() >= 1);
        let first = arr.get(0);
        let start = js_sys::Reflect::get(&first, &"start".into()).unwrap().as_f64().unwrap() as usize;
        let end = js_sys::Reflect::get(&first, &"end".into()).unwrap().as_f64().unwrap() as usize;
        let original = js_sys::Reflect::get(&first, &"original".into()).unwrap().as_string().unwrap();
        assert_eq!(js_slice(text, start, end), original);
    }

    #[test]
    fn js_constructor_throws_on_corrupt_model() {
        assert!(emend::wasm::Emend::new(js_sys::Uint8Array::from(&b"garbage"[..]), DECODER.into(), TOKENIZER, CONFIG).is_err());
    }
}

#[test]
fn codec_ids_end_in_eos_and_round_trip_any_text() {
    let codec = emend::model::codec::Codec::from_bytes(TOKENIZER, CONFIG).expect("codec loads");
    let eos = codec.config.eos_id;
    for text in ["She go to school.", "😀👍🏽 東京 שלום café", ""] {
        let ids = codec.source_ids(text).unwrap();
        assert_eq!(ids.last(), Some(&eos), "{text:?}");
        assert_eq!(codec.detokenize(&ids[..ids.len() - 1]).unwrap(), text);
    }
    // A unit longer than the encoder accepts is cut, still ending in `</s>`.
    let long = "word ".repeat(2_000);
    let ids = codec.source_ids(&long).unwrap();
    assert_eq!(ids.len(), codec.config.max_source_tokens);
    assert_eq!(ids.last(), Some(&eos));
}

#[test]
fn the_speller_fixes_typos_before_the_model_reads_them() {
    let speller = Speller::from_bytes(speller_files(DIC)).expect("shipped dictionary loads");
    // The commonest of the closest suggestions: "don't", not "dot"; "discussed", not "disused".
    assert_eq!(speller.fix("My freind dont like it."), "My friend don't like it.");
    assert_eq!(speller.fix("We discused it in teh evning."), "We discussed it in the evening.");
    assert_eq!(speller.fix("She buyed a apple."), "She bought a apple.", "irregular forms; a/an is a later rule");
    let mut c = checker();
    c.set_speller(Some(speller));
    let text = "🍎 My freind is here.";
    let result = c.check(text).unwrap();
    let fix = result.suggestions.iter().find(|s| s.replacement == "friend").expect("a spelling fix");
    assert_eq!(js_slice(text, fix.start, fix.end), "freind");
    assert_eq!(fix.category, emend::Category::Spelling);
}

#[test]
fn the_users_own_words_are_not_corrected() {
    let mut c = spelling_checker();
    let text = "We deploy it with postgres every day.";
    let touches = |c: &mut Checker| {
        let result = c.check(text).unwrap();
        result.suggestions.iter().any(|s| js_slice(text, s.start, s.end).contains("postgres"))
    };
    assert!(touches(&mut c), "an unknown word gets a fix");
    c.set_user_words(&["Postgres".to_string()]);
    assert!(!touches(&mut c), "the cached result was dropped and the word kept");
    c.set_user_words(&[]);
    assert!(touches(&mut c));
}

#[test]
fn a_corrupt_dictionary_is_a_clear_error() {
    let err = Speller::from_bytes(speller_files(&[0xff, 0xfe, 0x00])).err().expect("bad bytes are refused");
    assert!(err.to_string().contains("en.dic"), "{err}");
}

#[test]
fn a_sentence_glued_to_the_next_gets_its_space_whatever_the_units() {
    let mut c = spelling_checker();
    // "it?Well" ends one unit and starts the next; "young.but" is one unit; code stays as written.
    let text = "😀 Do you know it?Well, I was young.but not now. Call this.state in index.html.";
    let result = c.check(text).unwrap();
    let glued: Vec<(String, &str)> = result
        .suggestions
        .iter()
        .filter(|s| s.message.starts_with("Missing space"))
        .map(|s| (js_slice(text, s.start, s.end), s.replacement.as_str()))
        .collect();
    assert_eq!(glued, [("it?Well".to_string(), "it? Well"), ("young.but".to_string(), "young. But")]);
    let fixed = c.correct_text(text).unwrap();
    assert!(fixed.contains("it? Well, I") && fixed.contains("young. But not"), "{fixed}");
    assert!(fixed.contains("this.state") && fixed.contains("index.html"), "{fixed}");
}

#[test]
fn a_run_on_sentence_and_a_compound_written_apart_get_one_edit_each() {
    let mut c = spelling_checker();
    let text = "Thank you for your email, it was wonderful to hear from you. I think 😀 this is a so called hobby.";
    let result = c.check(text).unwrap();
    let got: Vec<(String, &str)> =
        result.suggestions.iter().map(|s| (js_slice(text, s.start, s.end), s.replacement.as_str())).collect();
    assert!(got.contains(&(", it".to_string(), ". It")), "{got:?}");
    assert!(got.contains(&("so called".to_string(), "so-called")), "{got:?}");
    let fixed = c.correct_text(text).unwrap();
    assert!(fixed.contains("email. It was") && fixed.contains("a so-called hobby"), "{fixed}");
}

#[test]
fn decomposed_accents_stay_with_their_word() {
    let mut c = spelling_checker();
    // "résumé" as letters and combining accents (NFD): read apart, "sume" became "some".
    let text = "Her re\u{301}sume\u{301} was long.";
    let word = 4..4 + "re\u{301}sume\u{301}".encode_utf16().count();
    let result = c.check(text).unwrap();
    assert!(result.suggestions.iter().all(|s| s.end <= word.start || s.start >= word.end), "{:?}", result.suggestions);
    // Elsewhere in decomposed text, fixes still slice the user's text exactly.
    let text = "😀 Her re\u{301}sume\u{301} was long, i like cafe\u{301}s. She go to scho\u{308}ol with freind.";
    let result = c.check(text).unwrap();
    assert!(result.suggestions.iter().any(|s| s.original == "freind"), "{:?}", result.suggestions);
    for s in &result.suggestions {
        assert_eq!(js_slice(text, s.start, s.end), s.original, "{s:?}");
    }
}
