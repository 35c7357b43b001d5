use super::*;
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn parse(span: &str, language: &str) -> ParsedFigure {
    parse_figure(span, "", "", Some(language)).unwrap_or_else(|| panic!("no figure in {span}"))
}

#[test]
fn money_with_scale_and_qualifier() {
    let f = parse("more than $5.4bn", "en");
    assert_eq!(f.value, dec("5400000000"));
    assert_eq!(f.currency.as_deref(), Some("USD"));
    assert_eq!(f.qualifier, Some(Qualifier::MoreThan));
}

#[test]
fn french_words_around_the_number() {
    let f = parse("près de 1,9 million d’euros", "fr");
    assert_eq!(f.value, dec("1900000"));
    assert_eq!(f.currency.as_deref(), Some("EUR"));
    assert_eq!(f.qualifier, Some(Qualifier::Nearly));
}

#[test]
fn counted_units_carry_their_adjectives() {
    let f = parse("plus de 600 faux comptes", "fr");
    assert_eq!(f.value, dec("600"));
    assert_eq!(f.unit.as_deref(), Some("fake accounts"));
    assert_eq!(f.currency, None);
}

#[test]
fn ranges_share_the_scale_and_currency() {
    let f = parse("between 2 and 3 million dollars", "en");
    assert_eq!(f.value, dec("2000000"));
    assert_eq!(f.upper, Some(dec("3000000")));
    assert_eq!(f.currency.as_deref(), Some("USD"));
    let f = parse("от 2 до 3 млн рублей", "ru");
    assert_eq!((f.value, f.upper), (dec("2000000"), Some(dec("3000000"))));
    assert_eq!(f.currency.as_deref(), Some("RUB"));
}

#[test]
fn and_joins_a_range_only_after_between() {
    let found = find_figures("They bought 5 posts and 3 videos.", Some("en"));
    let units: Vec<_> = found.iter().map(|c| c.figure.unit.as_deref()).collect();
    assert_eq!(units, [Some("posts"), Some("videos")]);
}

#[test]
fn ambiguous_thousands_follow_the_language_and_offer_the_other_reading() {
    let de = parse("1.823 Konten", "de");
    assert_eq!(de.value, dec("1823"));
    assert_eq!(de.alternatives[0].value, dec("1.823"));
    assert_eq!(de.alternatives[0].reason, ReadingReason::DecimalMark);
    let en = parse("1.823 accounts", "en");
    assert_eq!(en.value, dec("1.823"));
    assert_eq!(en.alternatives[0].value, dec("1823"));
}

#[test]
fn without_a_language_a_point_before_a_large_scale_is_decimal() {
    let f = parse_figure("1.823 million dollars", "", "", None).unwrap();
    assert_eq!(f.value, dec("1823000"));
    let f = parse_figure("1.823 accounts", "", "", None).unwrap();
    assert_eq!(f.value, dec("1823"));
}

#[test]
fn billion_is_long_scale_in_german_with_the_english_reading_offered() {
    let f = parse("2 Billionen Euro", "de");
    assert_eq!(f.value, dec("2000000000000"));
    assert_eq!(f.alternatives[0].value, dec("2000000000"));
    assert_eq!(f.alternatives[0].reason, ReadingReason::ShortScale);
}

#[test]
fn context_supplies_qualifier_and_unit() {
    let f = parse_figure(
        "274 000",
        "La chaîne a dépensé plus de ",
        " dollars en",
        Some("fr"),
    );
    let f = f.unwrap();
    assert_eq!(f.value, dec("274000"));
    assert_eq!(f.currency.as_deref(), Some("USD"));
    assert_eq!(f.qualifier, Some(Qualifier::MoreThan));
}

#[test]
fn context_figures_do_not_leak_into_the_selection() {
    let f = parse_figure("300", "spent 5 dollars in 2019 on ", " posts", Some("en")).unwrap();
    assert_eq!(f.value, dec("300"));
    assert_eq!(f.unit.as_deref(), Some("posts"));
    assert_eq!(f.currency, None);
}

#[test]
fn a_selection_without_a_number_reads_nothing() {
    assert_eq!(parse_figure("dollars", "5 ", "", Some("en")), None);
    assert_eq!(parse_figure("", "", "", None), None);
}

#[test]
fn years_dates_percentages_and_codes_are_not_suggested() {
    let text = "In 2019, on 12.05.2021 at 10:30, 45% of G7 voters read page 12 of COVID-19 \
                report no. 3 in March 2020 accounts.";
    assert_eq!(find_figures(text, Some("en")), []);
}

#[test]
fn candidates_carry_code_point_offsets() {
    let text = "🇫🇷 Наш 💸 канал потратил более 274 000 долларов на рекламу.";
    let found = find_figures(text, Some("ru"));
    assert_eq!(found.len(), 1);
    let c = &found[0];
    let slice: String = text.chars().skip(c.start).take(c.end - c.start).collect();
    assert_eq!(slice, "более 274 000 долларов");
    assert_eq!(c.text, slice);
    assert_eq!(c.figure.qualifier, Some(Qualifier::MoreThan));
}

#[test]
fn parse_in_text_reads_a_span_by_offsets() {
    let text = "Le réseau comptait environ 1 200 faux comptes.";
    let start = text.chars().position(|c| c == '1').unwrap();
    let f = parse_figure_in_text(text, start, start + 5, Some("fr")).unwrap();
    assert_eq!(f.value, dec("1200"));
    assert_eq!(f.unit.as_deref(), Some("fake accounts"));
    assert_eq!(f.qualifier, Some(Qualifier::About));
}

#[test]
fn prefilled_attributes_spell_out_a_range() {
    let f = parse("entre 2 et 3 millions d'euros", "fr").to_figure();
    assert_eq!(f.value, dec("2000000"));
    assert_eq!(f.currency.as_deref(), Some("EUR"));
    assert_eq!(f.qualifier.as_deref(), Some("between 2000000 and 3000000"));
    let f = parse("über 500 Euro", "de").to_figure();
    assert_eq!(f.qualifier.as_deref(), Some("more than"));
}

#[test]
fn figures_serialise_values_as_strings() {
    let json = serde_json::to_value(parse("$1.5m", "en")).unwrap();
    assert_eq!(json["value"], "1500000");
    assert_eq!(json["upper"], serde_json::Value::Null);
    assert_eq!(json["alternatives"], serde_json::json!([]));
}
