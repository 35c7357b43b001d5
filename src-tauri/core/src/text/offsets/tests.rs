use super::*;
use proptest::prelude::*;

/// Every code point offset of `text` with its grapheme-boundary status, by
/// full segmentation: the slow reference the map is checked against.
fn naive_boundaries(text: &str) -> Vec<bool> {
    let mut marks = vec![false; text.chars().count() + 1];
    let starts: Vec<usize> = text.grapheme_indices(true).map(|(b, _)| b).collect();
    for (cp, (b, _)) in text.char_indices().enumerate() {
        marks[cp] = starts.contains(&b);
    }
    if let Some(last) = marks.last_mut() {
        *last = true;
    }
    marks
}

fn naive_char_to_utf16(text: &str, cp: usize) -> usize {
    text.chars().take(cp).map(char::len_utf16).sum()
}

fn naive_char_to_byte(text: &str, cp: usize) -> usize {
    text.chars().take(cp).map(char::len_utf8).sum()
}

/// `Some(cp)` if `unit` starts a code point (or is the end), `None` if it
/// falls inside a surrogate pair.
fn naive_utf16_to_char(text: &str, unit: usize) -> Option<usize> {
    let mut at = 0;
    for (cp, c) in text.chars().enumerate() {
        if at >= unit {
            return (at == unit).then_some(cp);
        }
        at += c.len_utf16();
    }
    (at == unit).then(|| text.chars().count())
}

fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn ascii_offsets_are_the_same_in_every_unit() {
    let map = OffsetMap::new("Hello, world");
    assert_eq!((map.len_chars(), map.len_utf16()), (12, 12));
    for i in 0..=12 {
        assert_eq!(map.char_to_utf16(i), Ok(i));
        assert_eq!(map.char_to_byte(i), Ok(i));
        assert_eq!(map.utf16_to_char(i), Ok(i));
        assert_eq!(map.is_grapheme_boundary(i), Ok(true));
    }
    assert_eq!(map.slice(7, 12), Ok("world"));
}

#[test]
fn precomposed_accent_is_one_code_point_two_bytes_one_utf16_unit() {
    let map = OffsetMap::new("caf\u{e9}!");
    assert_eq!(map.len_chars(), 5);
    assert_eq!(map.char_to_byte(4), Ok(5));
    assert_eq!(map.char_to_utf16(4), Ok(4));
    assert_eq!(map.byte_to_char(5), Ok(4));
    assert_eq!(map.slice(3, 4), Ok("\u{e9}"));
}

#[test]
fn decomposed_accent_mark_is_not_a_grapheme_boundary() {
    let map = OffsetMap::new("cafe\u{301}!");
    assert_eq!(map.len_chars(), 6);
    assert_eq!(map.is_grapheme_boundary(4), Ok(false));
    assert_eq!(map.is_grapheme_boundary(5), Ok(true));
    assert_eq!(map.snap_to_graphemes(2, 4), Ok((2, 5)));
    assert_eq!(map.slice(3, 5), Ok("e\u{301}"));
}

#[test]
fn emoji_counts_as_one_code_point_and_two_utf16_units() {
    let map = OffsetMap::new("a\u{1F600}b");
    assert_eq!((map.len_chars(), map.len_utf16()), (3, 4));
    assert_eq!(map.char_to_utf16(2), Ok(3));
    assert_eq!(map.char_to_byte(2), Ok(5));
    assert_eq!(map.utf16_to_char(3), Ok(2));
    assert_eq!(map.slice(1, 2), Ok("\u{1F600}"));
}

#[test]
fn utf16_offset_inside_surrogate_pair_is_rejected() {
    let map = OffsetMap::new("a\u{1F600}b");
    assert_eq!(
        map.utf16_to_char(2),
        Err(OffsetError::InsideSurrogatePair { offset: 2 })
    );
}

#[test]
fn byte_offset_inside_utf8_sequence_is_rejected() {
    let map = OffsetMap::new("a\u{1F600}b");
    for byte in 2..5 {
        assert_eq!(
            map.byte_to_char(byte),
            Err(OffsetError::InsideUtf8Sequence { offset: byte })
        );
    }
}

#[test]
fn zwj_family_is_five_code_points_but_one_grapheme() {
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
    let text = format!("x{family}y");
    let map = OffsetMap::new(&text);
    assert_eq!((map.len_chars(), map.len_utf16()), (7, 10));
    for cp in 2..6 {
        assert_eq!(map.is_grapheme_boundary(cp), Ok(false));
    }
    assert_eq!(map.snap_to_graphemes(3, 4), Ok((1, 6)));
    assert_eq!(map.check_span(1, 6), Ok(()));
}

#[test]
fn flag_regional_indicators_pair_up_into_one_grapheme_each() {
    let map = OffsetMap::new("\u{1F1FA}\u{1F1E6}\u{1F1FA}\u{1F1E6}");
    let marks: Vec<bool> = (0..=4)
        .map(|cp| map.is_grapheme_boundary(cp) == Ok(true))
        .collect();
    assert_eq!(marks, [true, false, true, false, true]);
    assert_eq!(map.snap_to_graphemes(1, 3), Ok((0, 4)));
}

#[test]
fn math_bold_letters_are_astral_code_points() {
    let map = OffsetMap::new("\u{1D400}\u{1D401}");
    assert_eq!((map.len_chars(), map.len_utf16()), (2, 4));
    assert_eq!(map.char_to_byte(1), Ok(4));
    assert_eq!(map.is_grapheme_boundary(1), Ok(true));
}

#[test]
fn cyrillic_is_two_bytes_and_one_utf16_unit_per_letter() {
    let map = OffsetMap::new("Київ");
    assert_eq!((map.len_chars(), map.len_utf16()), (4, 4));
    assert_eq!(map.char_to_byte(3), Ok(6));
    assert_eq!(map.byte_to_char(6), Ok(3));
}

#[test]
fn hebrew_and_arabic_marks_stay_with_their_letters() {
    // Offsets are logical order; display direction plays no part.
    let hebrew = OffsetMap::new("\u{5E9}\u{5B8}\u{5C1}\u{5DC}");
    assert_eq!(hebrew.is_grapheme_boundary(1), Ok(false));
    assert_eq!(hebrew.is_grapheme_boundary(2), Ok(false));
    assert_eq!(hebrew.snap_to_graphemes(1, 1), Ok((0, 3)));
    let arabic = OffsetMap::new("\u{645}\u{64E}\u{631}\u{652}");
    assert_eq!(arabic.is_grapheme_boundary(1), Ok(false));
    assert_eq!(arabic.check_span(0, 2), Ok(()));
    assert!(matches!(
        arabic.check_span(0, 3),
        Err(OffsetError::SplitsGrapheme {
            side: Side::End,
            ..
        })
    ));
}

#[test]
fn crlf_and_lone_cr_become_lf_and_offsets_follow_normalised_text() {
    let text = normalize_newlines("one\r\ntwo\rthree\n\r\nfour");
    assert_eq!(text, "one\ntwo\nthree\n\nfour");
    let map = OffsetMap::new(&text);
    assert_eq!(map.slice(4, 7), Ok("two"));
    assert_eq!(map.quote(8, 13).map(|q| q.prefix), Ok("one\ntwo\n".into()));
}

#[test]
fn unnormalised_crlf_is_a_single_grapheme() {
    let map = OffsetMap::new("a\r\nb");
    assert_eq!(map.is_grapheme_boundary(2), Ok(false));
}

#[test]
fn bom_is_stripped_once_and_only_at_the_start() {
    assert_eq!(normalize_newlines("\u{FEFF}abc"), "abc");
    assert_eq!(normalize_newlines("\u{FEFF}\u{FEFF}abc"), "\u{FEFF}abc");
    assert_eq!(normalize_newlines("a\u{FEFF}bc"), "a\u{FEFF}bc");
    assert_eq!(normalize_newlines("e\u{301}"), "e\u{301}");
}

#[test]
fn devanagari_conjunct_is_one_grapheme() {
    let map = OffsetMap::new("\u{928}\u{92E}\u{938}\u{94D}\u{924}\u{947}");
    let marks: Vec<bool> = (0..=6)
        .map(|cp| map.is_grapheme_boundary(cp) == Ok(true))
        .collect();
    assert_eq!(marks, [true, true, true, false, false, false, true]);
}

#[test]
fn hangul_conjoining_jamo_form_one_grapheme() {
    let map = OffsetMap::new("\u{1112}\u{1161}\u{11AB}\u{D55C}");
    let marks: Vec<bool> = (0..=4)
        .map(|cp| map.is_grapheme_boundary(cp) == Ok(true))
        .collect();
    assert_eq!(marks, [true, false, false, true, true]);
}

#[test]
fn out_of_range_error_names_offset_length_and_unit() {
    let map = OffsetMap::new("a\u{1F600}");
    let err = map.char_to_byte(3);
    assert_eq!(
        err,
        Err(OffsetError::OutOfRange {
            offset: 3,
            len: 2,
            unit: Unit::CodePoint
        })
    );
    let msg = map.utf16_to_char(9).map_err(|e| e.to_string());
    assert_eq!(
        msg,
        Err("UTF-16 code unit offset 9 is beyond the text length of 3 UTF-16 code units".into())
    );
    assert!(map.byte_to_char(6).is_err());
    assert!(map.quote(0, 3).is_err());
}

#[test]
fn check_span_rejects_reversed_empty_and_split_spans() {
    let map = OffsetMap::new("ae\u{301}b");
    assert_eq!(map.check_span(1, 3), Ok(()));
    assert_eq!(
        map.check_span(3, 1),
        Err(OffsetError::Reversed { start: 3, end: 1 })
    );
    assert_eq!(map.check_span(1, 1), Err(OffsetError::Empty { at: 1 }));
    let split_start = OffsetError::SplitsGrapheme {
        start: 2,
        end: 4,
        side: Side::Start,
    };
    assert_eq!(map.check_span(2, 4), Err(split_start));
    let split_end = OffsetError::SplitsGrapheme {
        start: 0,
        end: 2,
        side: Side::End,
    };
    assert_eq!(map.check_span(0, 2), Err(split_end));
}

#[test]
fn slice_allows_empty_spans_and_rejects_reversed_ones() {
    let map = OffsetMap::new("abc");
    assert_eq!(map.slice(1, 1), Ok(""));
    assert_eq!(
        map.slice(2, 1),
        Err(OffsetError::Reversed { start: 2, end: 1 })
    );
    assert_eq!(
        map.snap_to_graphemes(2, 1),
        Err(OffsetError::Reversed { start: 2, end: 1 })
    );
}

#[test]
fn empty_text_has_only_offset_zero() {
    let map = OffsetMap::new("");
    assert_eq!((map.len_chars(), map.len_utf16()), (0, 0));
    assert_eq!(map.char_to_utf16(0), Ok(0));
    assert_eq!(map.byte_to_char(0), Ok(0));
    assert_eq!(map.is_grapheme_boundary(0), Ok(true));
    assert!(map.char_to_byte(1).is_err());
    assert_eq!(map.check_span(0, 0), Err(OffsetError::Empty { at: 0 }));
}

#[test]
fn quote_cuts_context_at_32_code_points_each_side() {
    let text = format!("{}[span]{}", "p".repeat(40), "s".repeat(40));
    let map = OffsetMap::new(&text);
    let quote = map.quote(40, 46);
    let expected = Quote {
        exact: "[span]".into(),
        prefix: "p".repeat(CONTEXT_CHARS),
        suffix: "s".repeat(CONTEXT_CHARS),
    };
    assert_eq!(quote, Ok(expected));
}

#[test]
fn quote_context_is_short_near_the_text_edges() {
    let map = OffsetMap::new("ab\u{1F600}cd");
    let quote = map.quote(2, 3);
    let expected = Quote {
        exact: "\u{1F600}".into(),
        prefix: "ab".into(),
        suffix: "cd".into(),
    };
    assert_eq!(quote, Ok(expected));
}

#[test]
fn quote_context_shrinks_instead_of_cutting_a_cluster_at_its_outer_edge() {
    // The 32nd code point on each side is the mark of an "e + U+0301" pair.
    let left = format!("xe\u{301}{}", "p".repeat(31));
    let right = format!("{}e\u{301}x", "s".repeat(31));
    let text = format!("{left}[span]{right}");
    let map = OffsetMap::new(&text);
    let start = left.chars().count();
    let quote = map.quote(start, start + 6);
    let expected = Quote {
        exact: "[span]".into(),
        prefix: "p".repeat(31),
        suffix: "s".repeat(31),
    };
    assert_eq!(quote, Ok(expected));
}

#[test]
fn conversions_across_many_checkpoint_blocks_match_the_naive_count() {
    let pieces = [
        "a",
        "\u{e9}",
        "\u{1F600}",
        "\u{5E9}\u{5B8}",
        "\u{1D400}",
        "\n",
    ];
    let text: String = (0..1000)
        .map(|i| pieces[(i * 7 + i / 3) % pieces.len()])
        .collect();
    let map = OffsetMap::new(&text);
    assert!(map.len_chars() > 10 * BLOCK);
    for cp in 0..=map.len_chars() {
        let unit = naive_char_to_utf16(&text, cp);
        let byte = naive_char_to_byte(&text, cp);
        assert_eq!(map.char_to_utf16(cp), Ok(unit));
        assert_eq!(map.utf16_to_char(unit), Ok(cp));
        assert_eq!(map.char_to_byte(cp), Ok(byte));
        assert_eq!(map.byte_to_char(byte), Ok(cp));
    }
}

#[test]
fn ten_thousand_spans_on_a_multi_megabyte_text_stay_local() {
    // If any call were O(n) this would take minutes rather than a moment.
    let unit = "Зеленський сказав: «\u{1F1FA}\u{1F1E6} e\u{301} \u{1F468}\u{200D}\u{1F469}».\n";
    let text = unit.repeat(80_000);
    assert!(text.len() > 4_000_000);
    let map = OffsetMap::new(&text);
    let step = map.len_chars() / 10_000;
    for i in 0..10_000 {
        let (start, end) = map.snap_to_graphemes(i * step, i * step + 5).unwrap();
        let quote = map.quote(start, end).unwrap();
        assert!(quote.prefix.chars().count() <= CONTEXT_CHARS);
        let unit = map.char_to_utf16(end).unwrap();
        assert_eq!(map.utf16_to_char(unit), Ok(end));
    }
}

/// Strings mixing the awkward pieces above with arbitrary printable text.
fn mixed_text(max_pieces: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("a".to_string()),
        Just("\u{e9}".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{301}".to_string()),
        Just("\u{1F600}".to_string()),
        Just("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}".to_string()),
        Just("\u{200D}".to_string()),
        Just("\u{1F1FA}".to_string()),
        Just("\u{1F1FA}\u{1F1E6}".to_string()),
        Just("\u{1D400}".to_string()),
        Just("Київ".to_string()),
        Just("\u{5E9}\u{5B8}\u{5C1}\u{5DC}".to_string()),
        Just("\u{645}\u{64E}\u{631}\u{652}".to_string()),
        Just("\u{915}\u{94D}\u{937}\u{93F}".to_string()),
        Just("\u{1112}\u{1161}\u{11AB}".to_string()),
        Just("\n".to_string()),
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..max_pieces).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn char_offsets_round_trip_through_utf16_and_bytes(text in mixed_text(40)) {
        let map = OffsetMap::new(&text);
        for cp in 0..=map.len_chars() {
            let unit = map.char_to_utf16(cp).unwrap();
            prop_assert_eq!(map.utf16_to_char(unit), Ok(cp));
            let byte = map.char_to_byte(cp).unwrap();
            prop_assert_eq!(map.byte_to_char(byte), Ok(cp));
        }
    }

    #[test]
    fn every_utf16_and_byte_offset_converts_or_is_rejected_like_the_reference(
        text in mixed_text(40),
    ) {
        let map = OffsetMap::new(&text);
        for unit in 0..=map.len_utf16() {
            let expected = naive_utf16_to_char(&text, unit)
                .ok_or(OffsetError::InsideSurrogatePair { offset: unit });
            prop_assert_eq!(map.utf16_to_char(unit), expected);
        }
        for byte in 0..=text.len() {
            let ok = text.is_char_boundary(byte);
            prop_assert_eq!(map.byte_to_char(byte).is_ok(), ok);
        }
    }

    #[test]
    fn grapheme_boundaries_match_full_segmentation(text in mixed_text(60)) {
        let map = OffsetMap::new(&text);
        for (cp, expected) in naive_boundaries(&text).into_iter().enumerate() {
            prop_assert_eq!(map.is_grapheme_boundary(cp), Ok(expected));
        }
    }

    #[test]
    fn snapping_lands_on_boundaries_contains_the_span_and_is_idempotent(
        text in mixed_text(40), a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>(),
    ) {
        let map = OffsetMap::new(&text);
        let (x, y) = (a.index(map.len_chars() + 1), b.index(map.len_chars() + 1));
        let (start, end) = (x.min(y), x.max(y));
        let (lo, hi) = map.snap_to_graphemes(start, end).unwrap();
        prop_assert!(lo <= start && end <= hi);
        prop_assert_eq!(map.is_grapheme_boundary(lo), Ok(true));
        prop_assert_eq!(map.is_grapheme_boundary(hi), Ok(true));
        prop_assert_eq!(map.snap_to_graphemes(lo, hi), Ok((lo, hi)));
        if lo < hi {
            prop_assert_eq!(map.check_span(lo, hi), Ok(()));
        }
    }

    #[test]
    fn quote_is_the_span_with_bounded_contiguous_context(
        text in mixed_text(80), a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>(),
    ) {
        let map = OffsetMap::new(&text);
        let (x, y) = (a.index(map.len_chars() + 1), b.index(map.len_chars() + 1));
        let (start, end) = map.snap_to_graphemes(x.min(y), x.max(y)).unwrap();
        prop_assume!(start < end);
        let quote = map.quote(start, end).unwrap();
        prop_assert_eq!(&quote.exact, &chars(&text, start, end));
        let before = quote.prefix.chars().count();
        let after = quote.suffix.chars().count();
        prop_assert!(before <= CONTEXT_CHARS && after <= CONTEXT_CHARS);
        let joined = format!("{}{}{}", quote.prefix, quote.exact, quote.suffix);
        prop_assert_eq!(joined, chars(&text, start - before, end + after));
        prop_assert_eq!(map.is_grapheme_boundary(start - before), Ok(true));
        prop_assert_eq!(map.is_grapheme_boundary(end + after), Ok(true));
    }

    #[test]
    fn conversions_match_naive_reference_at_random_offsets_on_long_text(
        text in mixed_text(600), picks in prop::collection::vec(any::<prop::sample::Index>(), 50),
    ) {
        let map = OffsetMap::new(&text);
        for pick in picks {
            let cp = pick.index(map.len_chars() + 1);
            prop_assert_eq!(map.char_to_utf16(cp), Ok(naive_char_to_utf16(&text, cp)));
            prop_assert_eq!(map.char_to_byte(cp), Ok(naive_char_to_byte(&text, cp)));
            prop_assert_eq!(map.slice(cp, map.len_chars()), Ok(&chars(&text, cp, usize::MAX)[..]));
            let unit = pick.index(map.len_utf16() + 1);
            let expected = naive_utf16_to_char(&text, unit)
                .ok_or(OffsetError::InsideSurrogatePair { offset: unit });
            prop_assert_eq!(map.utf16_to_char(unit), expected);
            let byte = pick.index(text.len() + 1);
            if text.is_char_boundary(byte) {
                prop_assert_eq!(map.byte_to_char(byte), Ok(text[..byte].chars().count()));
            }
        }
    }

    #[test]
    fn normalize_newlines_matches_replace_and_leaves_no_cr(
        raw in "\u{FEFF}?[a\r\n\u{FEFF}é]{0,30}",
    ) {
        let out = normalize_newlines(&raw);
        let body = raw.strip_prefix('\u{FEFF}').unwrap_or(&raw);
        prop_assert_eq!(&out, &body.replace("\r\n", "\n").replace('\r', "\n"));
        prop_assert!(!out.contains('\r'));
    }
}
