//! The version stamp every record carries: taken off a stored record ([`unstamp`]), put on one to
//! store it ([`stamp`]), and, on loading's fast path, taken out of a contact while it is read in
//! one pass ([`Stamped`], a deserializer that hands every field but `"schema"` to the contact's
//! own).

use std::cell::Cell;
use std::fmt;

use serde::de::value::StrDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::{contact_id_from_key, DOC_PREFIX};
use crate::codec;
use crate::model::Contact;

/// The field holding a record's version stamp.
pub(super) const STAMP: &str = "schema";
/// The field of a document's envelope holding the document.
const DOC_FIELD: &str = "doc";

/// Reads a version stamp: absent is `None`, anything but a whole number fitting `u32` is an error.
pub(super) fn read_stamp(value: Option<&Value>) -> Result<Option<u32>, String> {
    match value {
        None => Ok(None),
        Some(v) => v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .map(Some)
            .ok_or_else(|| format!("its schema version {v} is not a whole number")),
    }
}

/// Splits a stored record into its version stamp and its body (stamp removed, envelope opened).
pub(super) fn unstamp(key: &str, raw: &str) -> Result<(u32, Value), String> {
    let json = codec::unpack(raw)?;
    let value: Value =
        serde_json::from_str(&json).map_err(|e| format!("it is not valid JSON ({e})"))?;
    let Value::Object(mut map) = value else {
        return Err("it is not a JSON object".into());
    };
    if key.starts_with(DOC_PREFIX) {
        let stamp =
            read_stamp(map.get(STAMP))?.ok_or_else(|| "it has no schema version".to_string())?;
        let body = map
            .remove(DOC_FIELD)
            .ok_or_else(|| "it has no \"doc\" field".to_string())?;
        Ok((stamp, body))
    } else {
        let stamp = read_stamp(map.remove(STAMP).as_ref())?.unwrap_or(1);
        Ok((stamp, Value::Object(map)))
    }
}

/// The stored text of a record body at `version`: a contact gets a `"schema"` field, a document an
/// envelope.
pub(super) fn stamp(key: &str, body: Value, version: u32) -> Result<String, String> {
    let stamped = if key.starts_with(DOC_PREFIX) {
        let mut envelope = Map::new();
        envelope.insert(STAMP.into(), Value::from(version));
        envelope.insert(DOC_FIELD.into(), body);
        Value::Object(envelope)
    } else {
        let Value::Object(mut map) = body else {
            return Err("a record must be a JSON object".into());
        };
        map.insert(STAMP.into(), Value::from(version));
        Value::Object(map)
    };
    serde_json::to_string(&stamped)
        .map(|json| codec::pack(&json))
        .map_err(|e| e.to_string())
}

/// A contact from its (current-version) body, checked against its key.
pub(super) fn contact_from_body(key: &str, body: Value) -> Result<Contact, String> {
    let contact: Contact = serde_json::from_value(body)
        .map_err(|e| format!("it does not have the shape of a contact ({e})"))?;
    if contact.id.trim().is_empty() {
        return Err("its id is blank".into());
    }
    if Some(contact.id.as_str()) != contact_id_from_key(key) {
        return Err(format!("its id \"{}\" does not match its key", contact.id));
    }
    Ok(contact)
}

/// A stored contact read in one pass: the contact, and its `"schema"` stamp taken out of the same
/// object on the way (`null` and absent alike are `None`), so that loading's fast path parses each
/// record once.
pub(super) struct Stamped {
    pub(super) contact: Contact,
    pub(super) stamp: Option<u32>,
}

impl<'de> Deserialize<'de> for Stamped {
    fn deserialize<D: Deserializer<'de>>(inner: D) -> Result<Self, D::Error> {
        let stamp = Cell::new(None);
        let contact = Contact::deserialize(TakeStamp {
            inner,
            stamp: &stamp,
        })?;
        Ok(Stamped {
            contact,
            stamp: stamp.get(),
        })
    }
}

/// A deserializer that reads an object as `inner` does, minus its `"schema"` field, whose value
/// goes to `stamp`.
struct TakeStamp<'s, D> {
    inner: D,
    stamp: &'s Cell<Option<u32>>,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for TakeStamp<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_map(TakeStamp {
            inner: visitor,
            stamp: self.stamp,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for TakeStamp<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(TakeStamp {
            inner: map,
            stamp: self.stamp,
        })
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for TakeStamp<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let mut seed = Some(seed);
        loop {
            match self.inner.next_key_seed(KeyOrStamp(&mut seed))? {
                None => return Ok(None),
                Some(Some(key)) => return Ok(Some(key)),
                Some(None) => self.stamp.set(self.inner.next_value()?),
            }
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.inner.next_value_seed(seed)
    }
}

/// Reads a field name: `None` for the stamp, else the name as the seed reads it (the seed is
/// used once, for the first name that is not the stamp).
struct KeyOrStamp<'s, K>(&'s mut Option<K>);

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeyOrStamp<'_, K> {
    type Value = Option<K::Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de, K: DeserializeSeed<'de>> Visitor<'de> for KeyOrStamp<'_, K> {
    type Value = Option<K::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        if name == STAMP {
            return Ok(None);
        }
        let seed = self
            .0
            .take()
            .ok_or_else(|| E::custom("a field name read twice"))?;
        let name: StrDeserializer<'_, E> = name.into_deserializer();
        seed.deserialize(name).map(Some)
    }
}
