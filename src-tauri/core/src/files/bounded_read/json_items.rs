//! A JSON array read item by item: serde_json parses from the reader and hands each item to the
//! caller as soon as it is complete, so neither the file nor more than one item's `Value` is ever
//! held. The reader is a [`BoundedReader`] whose record mark is set at each item's start, so an
//! item over the record limit is refused once the limit is passed. A top-level object is read as
//! an array of one item.
//!
//! JSON cannot be resumed after an item cut short, so an item over the limit ends the reading.

use std::fmt;
use std::io::{self, Read};
use std::rc::Rc;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::{exceeded, BoundedReader, Limit, ReadMeter};
use crate::error::Error;

/// serde_json looks one byte ahead of a value: an item's bytes may start just before its mark.
const PEEK_SLACK: u64 = 16;

/// Why the items could not all be read.
#[derive(Debug)]
pub(crate) enum JsonItemsError {
    /// The caller refused item `item` (1-based).
    Item(Error),
    /// A limit was passed while reading item `item` (1-based; 1 for the file's first bytes).
    Limit {
        /// Which limit.
        limit: Limit,
        /// The item being read.
        item: u64,
    },
    /// The file is not JSON, or not an array or object.
    Json(serde_json::Error),
    /// The file could not be read.
    Io(io::Error),
}

/// Parse the JSON array from `input`, item by item, turning each into a `T` with
/// `item(number, value)`. `meter` holds the file to its file limit and each item to its record
/// limit (plus a few bytes of look-ahead).
pub(crate) fn read_json_items<T>(
    input: impl Read,
    meter: Rc<ReadMeter>,
    item: impl FnMut(u64, Value) -> Result<T, Error>,
) -> Result<Vec<T>, JsonItemsError> {
    let mut state = State {
        meter: Rc::clone(&meter),
        read: 0,
        refused: None,
        item,
    };
    let mut json = serde_json::Deserializer::from_reader(BoundedReader::new(input, meter));
    let parsed = json
        .deserialize_any(Items(&mut state))
        .and_then(|items| json.end().map(|()| items));
    match (parsed, state.refused) {
        (_, Some(err)) => Err(JsonItemsError::Item(err)),
        (Ok(items), None) => Ok(items),
        (Err(err), None) if err.is_io() => {
            let io = io::Error::from(err);
            match exceeded(&io) {
                Some(limit) => Err(JsonItemsError::Limit {
                    limit,
                    item: state.read + 1,
                }),
                None => Err(JsonItemsError::Io(io)),
            }
        }
        (Err(err), None) => Err(JsonItemsError::Json(err)),
    }
}

/// Where the reading stands.
struct State<F> {
    meter: Rc<ReadMeter>,
    /// Items read whole so far.
    read: u64,
    /// The caller's error for an item, reported instead of the parser's.
    refused: Option<Error>,
    item: F,
}

/// The top-level value's visitor.
struct Items<'a, F>(&'a mut State<F>);

impl<T, F: FnMut(u64, Value) -> Result<T, Error>> Items<'_, F> {
    fn take<E: serde::de::Error>(&mut self, value: Value) -> Result<T, E> {
        let state = &mut *self.0;
        state.read += 1;
        (state.item)(state.read, value).map_err(|err| {
            let message = err.to_string();
            state.refused = Some(err);
            E::custom(message)
        })
    }
}

impl<'de, T, F: FnMut(u64, Value) -> Result<T, Error>> Visitor<'de> for Items<'_, F> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::new();
        loop {
            self.0.meter.start_record();
            match seq.next_element::<Value>()? {
                Some(value) => items.push(self.take(value)?),
                None => return Ok(items),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(mut self, map: A) -> Result<Vec<T>, A::Error> {
        let value = Value::deserialize(MapAccessDeserializer::new(map))?;
        Ok(vec![self.take(value)?])
    }
}

/// The record limit for items of at most `item_limit` bytes.
pub(crate) fn item_record_limit(item_limit: u64) -> u64 {
    item_limit.saturating_add(PEEK_SLACK)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(input: &str, file: u64, item: u64) -> Result<Vec<u64>, JsonItemsError> {
        let meter = ReadMeter::new(file, item_record_limit(item));
        read_json_items(input.as_bytes(), meter, |n, value| {
            value
                .get("n")
                .and_then(Value::as_u64)
                .ok_or_else(|| Error::invalid(format!("item {n} has no n")))
        })
    }

    #[test]
    fn items_of_an_array_or_one_object_are_read_in_order() {
        let items = numbers(r#"[{"n": 1}, {"n": 2}, {"n": 3}]"#, 1000, 100).unwrap();
        assert_eq!(items, [1, 2, 3]);
        assert_eq!(numbers(r#"{"n": 7}"#, 1000, 100).unwrap(), [7]);
    }

    #[test]
    fn an_item_over_its_limit_is_named_and_ends_the_reading() {
        let long = format!(r#"[{{"n": 1}}, {{"n": 2, "pad": "{}"}}]"#, "x".repeat(500));
        match numbers(&long, 10_000, 100) {
            Err(JsonItemsError::Limit { limit, item }) => {
                assert_eq!((limit, item), (Limit::Record, 2));
            }
            other => panic!("not refused for its size: {other:?}"),
        }
        match numbers(&long, 200, 10_000) {
            Err(JsonItemsError::Limit { limit, .. }) => assert_eq!(limit, Limit::File),
            other => panic!("not refused for its size: {other:?}"),
        }
    }

    #[test]
    fn the_callers_error_wins_over_the_parsers() {
        match numbers(r#"[{"n": 1}, {"m": 2}]"#, 1000, 100) {
            Err(JsonItemsError::Item(err)) => assert!(err.to_string().contains("item 2")),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            numbers("[1, ", 1000, 100),
            Err(JsonItemsError::Item(_) | JsonItemsError::Json(_))
        ));
        assert!(matches!(
            numbers("\"text\"", 1000, 100),
            Err(JsonItemsError::Json(_))
        ));
    }
}
