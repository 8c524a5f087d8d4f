//! Offsets cross the JS boundary in UTF-16 code units, as JavaScript strings count them.

/// Map sorted byte offsets of `text` (each on a char boundary) to UTF-16 offsets, in one pass.
pub fn byte_to_utf16(text: &str, sorted_bytes: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sorted_bytes.len());
    let mut units = 0;
    let mut chars = text.char_indices().peekable();
    for &target in sorted_bytes {
        while let Some(&(i, c)) = chars.peek() {
            if i >= target {
                break;
            }
            units += c.len_utf16();
            chars.next();
        }
        out.push(units);
    }
    out
}

/// Byte offset of a UTF-16 offset, or None if it falls inside a surrogate pair or past the end.
pub fn utf16_to_byte(text: &str, utf16: usize) -> Option<usize> {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units == utf16 {
            return Some(i);
        }
        units += c.len_utf16();
        if units > utf16 {
            return None;
        }
    }
    (units == utf16).then_some(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn astral_and_cjk_count_as_js_does() {
        let text = "a😀b東c";
        // bytes: a=0, 😀=1..5, b=5, 東=6..9, c=9
        assert_eq!(byte_to_utf16(text, &[0, 1, 5, 6, 9, 10]), [0, 1, 3, 4, 5, 6]);
        assert_eq!(utf16_to_byte(text, 3), Some(5));
        assert_eq!(utf16_to_byte(text, 2), None); // inside the surrogate pair
        assert_eq!(utf16_to_byte(text, 6), Some(10));
        assert_eq!(utf16_to_byte(text, 7), None);
    }
}
