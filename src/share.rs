//! Shared links: a widget's settings in the page URL's fragment, one entry per widget id, so that
//! several widgets on one page keep their own.
//!
//! The fragment is `id:name=value;name=value&other-id:…`. Ids, names and values are
//! percent-encoded but for letters, digits and `-_.+`, so that none can break the layout.
//! Parts of the fragment that are not such entries (a plain `#section` anchor) are kept as they
//! are.

/// Percent-encodes all but ASCII letters, digits and `-_.+`.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.+".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Undoes [`encode`]; `None` for a malformed escape or bytes that are not UTF-8.
fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// What a link says for widget `id`: `None` if the fragment has no entry for it; `Err` with the
/// entry's text if that is malformed.
pub fn entry(fragment: &str, id: &str) -> Option<Result<Vec<(String, String)>, String>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let key = encode(id);
    let body = fragment.split('&').find_map(|part| {
        let (k, body) = part.split_once(':')?;
        (k == key).then_some(body)
    })?;
    let pairs = body
        .split(';')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=')?;
            Some((decode(k)?, decode(v)?))
        })
        .collect::<Option<Vec<_>>>();
    Some(pairs.ok_or_else(|| decode(body).unwrap_or_else(|| body.to_string())))
}

/// The fragment with widget `id`'s entry set to `pairs` (replacing its old one, in its place),
/// every other part kept. Without the leading `#`.
pub fn with_entry(fragment: &str, id: &str, pairs: &[(&str, String)]) -> String {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let key = encode(id);
    let body: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    let ours = format!("{key}:{}", body.join(";"));
    let mut parts: Vec<String> = Vec::new();
    let mut placed = false;
    for part in fragment.split('&').filter(|p| !p.is_empty()) {
        if part.split_once(':').is_some_and(|(k, _)| k == key) {
            if !placed {
                parts.push(ours.clone());
                placed = true;
            }
        } else {
            parts.push(part.to_string());
        }
    }
    if !placed {
        parts.push(ours);
    }
    parts.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(&'static str, String)> {
        // Names in the tests are literals; leak-free enough for a test.
        p.iter()
            .map(|(k, v)| (&*Box::leak(k.to_string().into_boxed_str()), v.to_string()))
            .collect()
    }

    #[test]
    fn round_trips_and_keeps_other_widgets_entries() {
        let f = with_entry("", "ex-1", &pairs(&[("w", "2.5"), ("eta", "1e-3")]));
        assert_eq!(f, "ex-1:w=2.5;eta=1e-3");
        let f = with_entry(&format!("#{f}"), "ex 2", &pairs(&[("cost", "both")]));
        assert_eq!(f, "ex-1:w=2.5;eta=1e-3&ex%202:cost=both");
        let f = with_entry(&f, "ex-1", &pairs(&[("w", "-0.1")]));
        assert_eq!(f, "ex-1:w=-0.1&ex%202:cost=both");
        assert_eq!(
            entry(&f, "ex-1"),
            Some(Ok(vec![("w".into(), "-0.1".into())]))
        );
        assert_eq!(
            entry(&f, "ex 2"),
            Some(Ok(vec![("cost".into(), "both".into())]))
        );
        assert_eq!(entry(&f, "ex-3"), None);
    }

    #[test]
    fn odd_ids_and_values_stay_inside_their_entry() {
        let id = "a&b:c=d;é";
        let value = "x;y&z=1:#%";
        let f = with_entry("intro", id, &pairs(&[("k", value)]));
        assert!(f.starts_with("intro&"));
        assert_eq!(entry(&f, id), Some(Ok(vec![("k".into(), value.into())])));
        assert_eq!(entry(&f, "a"), None);
    }

    #[test]
    fn malformed_entries_are_errors_not_panics() {
        for f in ["ex:w", "ex:w=%G1", "ex:w=%", "ex:%FF=1", "ex:w=1;;b"] {
            assert!(matches!(entry(f, "ex"), Some(Err(_))), "{f}");
        }
    }
}
