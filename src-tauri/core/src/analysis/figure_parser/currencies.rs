//! Currencies as the press names them, mapped to ISO 4217 codes: symbols before or after the
//! amount ($, US$, €, £, ₽...), upper-case codes (USD, EUR...), and the words of English, French,
//! German, Spanish and Russian (dollars, "de dollars", Euro, dólares, рублей...).
//!
//! Invariant: a bare `$` is read as USD, the currency most often meant in the articles we handle;
//! the analyst edits the prefilled code when the story is about another dollar.

use crate::text::scan::Scan;

/// Symbols written before the amount ("$5m", "US$ 300", "€2bn").
const SYMBOLS_BEFORE: &[(&str, &str)] = &[
    ("$", "USD"),
    ("us$", "USD"),
    ("u.s.$", "USD"),
    ("c$", "CAD"),
    ("ca$", "CAD"),
    ("a$", "AUD"),
    ("au$", "AUD"),
    ("hk$", "HKD"),
    ("nz$", "NZD"),
    ("r$", "BRL"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("₽", "RUB"),
    ("¥", "JPY"),
    ("₴", "UAH"),
    ("₹", "INR"),
    ("₺", "TRY"),
    ("₩", "KRW"),
    ("₪", "ILS"),
    ("₸", "KZT"),
    ("₾", "GEL"),
];

/// Codes written in capitals, before or after the amount.
const CODES: &[(&str, &str)] = &[
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("RUB", "RUB"),
    ("JPY", "JPY"),
    ("CNY", "CNY"),
    ("CHF", "CHF"),
    ("CAD", "CAD"),
    ("AUD", "AUD"),
    ("UAH", "UAH"),
    ("INR", "INR"),
    ("TRY", "TRY"),
    ("PLN", "PLN"),
    ("SEK", "SEK"),
    ("NOK", "NOK"),
    ("DKK", "DKK"),
    ("BRL", "BRL"),
    ("MXN", "MXN"),
    ("KZT", "KZT"),
    ("BYN", "BYN"),
    ("HKD", "HKD"),
    ("NZD", "NZD"),
    ("ILS", "ILS"),
    ("AED", "AED"),
    ("SAR", "SAR"),
    ("QAR", "QAR"),
    ("CZK", "CZK"),
    ("HUF", "HUF"),
    ("RON", "RON"),
    ("GEL", "GEL"),
    ("RSD", "RSD"),
];

/// Symbols and words written after the amount.
const AFTER: &[(&str, &str)] = &[
    ("$", "USD"),
    ("$ us", "USD"),
    ("$us", "USD"),
    ("$ can", "CAD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("₽", "RUB"),
    ("¥", "JPY"),
    ("₴", "UAH"),
    ("zł", "PLN"),
    // English
    ("dollar", "USD"),
    ("dollars", "USD"),
    ("us dollars", "USD"),
    ("u.s. dollars", "USD"),
    ("american dollars", "USD"),
    ("canadian dollars", "CAD"),
    ("australian dollars", "AUD"),
    ("hong kong dollars", "HKD"),
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("pound", "GBP"),
    ("pounds", "GBP"),
    ("pounds sterling", "GBP"),
    ("sterling", "GBP"),
    ("rouble", "RUB"),
    ("roubles", "RUB"),
    ("ruble", "RUB"),
    ("rubles", "RUB"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("hryvnia", "UAH"),
    ("hryvnias", "UAH"),
    ("hryvnas", "UAH"),
    ("swiss francs", "CHF"),
    ("rupees", "INR"),
    ("zlotys", "PLN"),
    ("zloty", "PLN"),
    // French
    ("dollars américains", "USD"),
    ("dollars us", "USD"),
    ("dollars canadiens", "CAD"),
    ("livres sterling", "GBP"),
    ("livre sterling", "GBP"),
    ("yens", "JPY"),
    ("yuans", "CNY"),
    ("francs suisses", "CHF"),
    // German
    ("us-dollar", "USD"),
    ("us-dollars", "USD"),
    ("pfund", "GBP"),
    ("pfund sterling", "GBP"),
    ("rubel", "RUB"),
    ("franken", "CHF"),
    ("schweizer franken", "CHF"),
    ("hrywnja", "UAH"),
    ("griwna", "UAH"),
    // Spanish
    ("dólar", "USD"),
    ("dólares", "USD"),
    ("dolares", "USD"),
    ("dólares estadounidenses", "USD"),
    ("dólares americanos", "USD"),
    ("libras", "GBP"),
    ("libras esterlinas", "GBP"),
    ("rublo", "RUB"),
    ("rublos", "RUB"),
    ("yenes", "JPY"),
    ("yuanes", "CNY"),
    ("grivnas", "UAH"),
    ("francos suizos", "CHF"),
    // Russian
    ("доллар", "USD"),
    ("доллара", "USD"),
    ("долларов", "USD"),
    ("долларов сша", "USD"),
    ("долл.", "USD"),
    ("евро", "EUR"),
    ("фунт", "GBP"),
    ("фунта", "GBP"),
    ("фунтов", "GBP"),
    ("фунтов стерлингов", "GBP"),
    ("рубль", "RUB"),
    ("рубля", "RUB"),
    ("рублей", "RUB"),
    ("руб.", "RUB"),
    ("руб", "RUB"),
    ("гривна", "UAH"),
    ("гривны", "UAH"),
    ("гривен", "UAH"),
    ("юань", "CNY"),
    ("юаня", "CNY"),
    ("юаней", "CNY"),
    ("иен", "JPY"),
    ("иены", "JPY"),
];

/// A currency named next to an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CurrencyHit {
    /// First code point of the symbol or word.
    pub(crate) start: usize,
    /// One past its last code point.
    pub(crate) end: usize,
    /// ISO 4217 code.
    pub(crate) code: &'static str,
}

/// The currency written just before a number starting at `number_start` ("$", "US$ ", "EUR ").
pub(crate) fn currency_before(scan: &Scan, number_start: usize) -> Option<CurrencyHit> {
    [number_start, scan.skip_blanks_back(number_start)]
        .into_iter()
        .find_map(|end| {
            let symbol = scan.longest_before(end, SYMBOLS_BEFORE, false);
            let (start, code) = symbol.or_else(|| scan.longest_before(end, CODES, true))?;
            Some(CurrencyHit { start, end, code })
        })
}

/// The currency written at `i` before an amount ("$" in "between $2m and $3m").
pub(crate) fn currency_at_start(scan: &Scan, i: usize) -> Option<CurrencyHit> {
    let symbol = scan.longest_at(i, SYMBOLS_BEFORE, false);
    let (end, code) = symbol.or_else(|| scan.longest_at(i, CODES, true))?;
    Some(CurrencyHit {
        start: i,
        end,
        code,
    })
}

/// The currency written at `i` after an amount (glued symbol, code or word).
pub(crate) fn currency_after(scan: &Scan, i: usize) -> Option<CurrencyHit> {
    let word = scan.longest_at(i, AFTER, false);
    let (end, code) = word.or_else(|| scan.longest_at(i, CODES, true))?;
    Some(CurrencyHit {
        start: i,
        end,
        code,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before(text: &str) -> Option<&'static str> {
        let scan = Scan::new(text);
        let digit = text.chars().position(|c| c.is_ascii_digit())?;
        currency_before(&scan, digit).map(|h| h.code)
    }

    fn after(text: &str) -> Option<&'static str> {
        currency_after(&Scan::new(text), 0).map(|h| h.code)
    }

    #[test]
    fn symbols_and_codes_before_the_amount() {
        assert_eq!(before("spent $5m"), Some("USD"));
        assert_eq!(before("spent US$ 300"), Some("USD"));
        assert_eq!(before("€2bn"), Some("EUR"));
        assert_eq!(before("EUR 3,5 Mio."), Some("EUR"));
        assert_eq!(before("eur 3"), None);
        assert_eq!(before("page 3"), None);
    }

    #[test]
    fn words_in_five_languages_after_the_amount() {
        for (word, code) in [
            ("dollars", "USD"),
            ("dollars américains", "USD"),
            ("US-Dollar", "USD"),
            ("dólares", "USD"),
            ("долларов США", "USD"),
            ("Euro", "EUR"),
            ("евро", "EUR"),
            ("livres sterling", "GBP"),
            ("рублей", "RUB"),
            ("roubles", "RUB"),
            ("₽", "RUB"),
        ] {
            assert_eq!(after(word), Some(code), "{word}");
        }
        assert_eq!(after("dollarisation"), None);
    }
}
