//! A streaming reader for RSS-shaped XML (WordPress exports and feeds):
//! hands each `<item>` to a callback as soon as it closes, keeps the other
//! children of `<channel>`, and never holds the whole file.
//!
//! XML from anywhere is hostile: a DOCTYPE declaring entities or naming an
//! external DTD is refused, references other than the five predefined
//! entities and character references are left as written (`&name;`), CDATA
//! sections are joined (so a `]]>` split across two sections survives), and
//! every error carries the file's line and column.

use crate::diag::Diagnostic;
use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};
use std::io::{BufRead, Read};
use std::path::Path;

/// One element inside an item or a channel child, flattened: its
/// qualified name (`wp:post_name`), attributes and text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) attrs: Vec<(String, String)>,
    pub(crate) text: String,
}

/// A child of `<channel>` (an `<item>`, a `<wp:author>`, a `<link>`) with
/// every element below it, in document order. `fields[0]` is itself.
#[derive(Debug, Clone, Default)]
pub(crate) struct Group {
    pub(crate) fields: Vec<Field>,
}

impl Group {
    /// The element's own name.
    pub(crate) fn name(&self) -> &str {
        self.fields.first().map_or("", |f| f.name.as_str())
    }

    /// The text of the first descendant named `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .skip(1)
            .find(|f| f.name == name)
            .map(|f| f.text.as_str())
    }

    /// The trimmed, non-empty text of the first descendant named `name`.
    pub(crate) fn value(&self, name: &str) -> Option<&str> {
        self.get(name).map(str::trim).filter(|s| !s.is_empty())
    }

    /// Every descendant named `name`.
    pub(crate) fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Field> + 'a {
        self.fields.iter().skip(1).filter(move |f| f.name == name)
    }
}

impl Field {
    /// The value of attribute `name`.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The root element and the channel's children other than items.
#[derive(Debug, Default)]
pub(crate) struct Channel {
    pub(crate) root: Field,
    pub(crate) groups: Vec<Group>,
}

impl Channel {
    /// The text of the channel's first child named `name`.
    pub(crate) fn value(&self, name: &str) -> Option<&str> {
        self.groups
            .iter()
            .find(|g| g.name() == name)
            .map(|g| g.fields[0].text.trim())
            .filter(|s| !s.is_empty())
    }
}

/// The file at `path`, buffered for streaming, and its name for messages.
pub(crate) fn open(path: &Path) -> Result<(std::io::BufReader<std::fs::File>, String), Diagnostic> {
    let file = std::fs::File::open(path)
        .map_err(|e| Diagnostic::error(path, format!("cannot read the file: {e}")))?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    Ok((std::io::BufReader::with_capacity(256 * 1024, file), name))
}

/// Reads `input` (the file at `path`, for messages), calling `on_item` for
/// each item; returns the channel.
pub(crate) fn read(
    path: &Path,
    input: impl BufRead,
    mut on_item: impl FnMut(Group),
) -> Result<Channel, Diagnostic> {
    let mut reader = Reader::from_reader(input);
    let config = reader.config_mut();
    config.expand_empty_elements = true;
    config.check_end_names = true;
    let mut state = State::default();
    let mut buf = Vec::new();
    loop {
        // Our own errors point at the start of the event they refuse.
        let at = reader.buffer_position();
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => {
                return Err(error(
                    path,
                    reader.error_position(),
                    format!("malformed XML: {e}"),
                ));
            }
        };
        let step = match event {
            Event::Eof => break,
            Event::Start(e) => state.open(&e),
            Event::End(_) => state.close(&mut on_item),
            Event::Text(t) => t
                .xml10_content()
                .map(|t| state.text(&t))
                .map_err(|e| e.to_string()),
            Event::CData(c) => c
                .decode()
                .map(|t| state.text(&t))
                .map_err(|e| e.to_string()),
            Event::GeneralRef(r) => state.reference(&r),
            Event::DocType(d) => doctype(&String::from_utf8_lossy(&d)),
            Event::Decl(d) => declaration(&d),
            _ => Ok(()),
        };
        step.map_err(|m| error(path, at, m))?;
        buf.clear();
    }
    if let Some(open) = state.stack.last() {
        let at = reader.buffer_position();
        return Err(error(
            path,
            at,
            format!("the file ends inside <{open}>: it is cut short"),
        ));
    }
    if state.channel.root.name.is_empty() {
        return Err(error(path, 0, "the file holds no XML element".into()));
    }
    Ok(state.channel)
}

/// Where the reader is: the open elements, the group being read and which
/// of its fields are open.
#[derive(Default)]
struct State {
    stack: Vec<String>,
    channel: Channel,
    group: Group,
    open_fields: Vec<usize>,
}

impl State {
    fn open(&mut self, e: &BytesStart) -> Result<(), String> {
        let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
        let attrs = attributes(e)?;
        let depth = self.stack.len();
        self.stack.push(name.clone());
        if depth == 0 {
            self.channel.root = Field {
                name,
                attrs,
                text: String::new(),
            };
        } else if depth >= 2 && self.stack[1] == "channel" {
            if depth == 2 {
                self.group = Group::default();
            }
            self.open_fields.push(self.group.fields.len());
            self.group.fields.push(Field {
                name,
                attrs,
                text: String::new(),
            });
        }
        Ok(())
    }

    fn close(&mut self, on_item: &mut impl FnMut(Group)) -> Result<(), String> {
        let depth = self.stack.len();
        self.stack.pop();
        if depth >= 3 && self.stack.get(1).is_some_and(|c| c == "channel") {
            self.open_fields.pop();
            if depth == 3 {
                let group = std::mem::take(&mut self.group);
                if group.name() == "item" {
                    on_item(group);
                } else {
                    self.channel.groups.push(group);
                }
            }
        }
        Ok(())
    }

    fn text(&mut self, t: &str) {
        if let Some(&i) = self.open_fields.last() {
            self.group.fields[i].text.push_str(t);
        }
    }

    /// `&lt;` and the other predefined entities, `&#233;` and `&#xE9;`
    /// become their characters; any other reference stays as written.
    fn reference(&mut self, r: &BytesRef) -> Result<(), String> {
        let name = r.decode().map_err(|e| e.to_string())?;
        let resolved = match r.resolve_char_ref() {
            Ok(Some(c)) => c.to_string(),
            Ok(None) => match quick_xml::escape::resolve_predefined_entity(&name) {
                Some(s) => s.to_string(),
                None => format!("&{name};"),
            },
            Err(e) => return Err(format!("bad character reference `&{name};`: {e}")),
        };
        self.text(&resolved);
        Ok(())
    }
}

fn attributes(e: &BytesStart) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|e| format!("bad attribute: {e}"))?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let value = a
            .decoded_and_normalized_value(quick_xml::XmlVersion::Implicit1_0, e.decoder())
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
        out.push((key, value));
    }
    Ok(out)
}

/// Refuses a DOCTYPE that declares entities or names an external DTD.
fn doctype(text: &str) -> Result<(), String> {
    if text.contains("ENTITY") {
        return Err("the DOCTYPE declares entities; they are refused (an export from WordPress declares none)".into());
    }
    if text.contains("SYSTEM") || text.contains("PUBLIC") {
        return Err("the DOCTYPE names an external DTD; it is refused (an export from WordPress names none)".into());
    }
    Ok(())
}

/// Refuses encodings other than UTF-8 (WordPress exports UTF-8).
fn declaration(d: &quick_xml::events::BytesDecl) -> Result<(), String> {
    match d.encoding() {
        Some(Ok(enc)) if !enc.eq_ignore_ascii_case(b"utf-8") => Err(format!(
            "the file is encoded as {}; only UTF-8 is read (WordPress exports UTF-8)",
            String::from_utf8_lossy(&enc)
        )),
        _ => Ok(()),
    }
}

fn error(path: &Path, offset: u64, message: String) -> Diagnostic {
    let (line, col) = line_col(path, offset);
    Diagnostic::error(path, message).at_line(line, col)
}

/// The 1-based line and column (in characters) of byte `offset` of the
/// file, read again from the start (only on an error).
fn line_col(path: &Path, offset: u64) -> (usize, usize) {
    let Ok(file) = std::fs::File::open(path) else {
        return (1, 1);
    };
    let mut bytes = std::io::BufReader::new(file).take(offset).bytes();
    let (mut line, mut col) = (1, 1);
    while let Some(Ok(b)) = bytes.next() {
        if b == b'\n' {
            line += 1;
            col = 1;
        } else if b & 0xC0 != 0x80 {
            col += 1;
        }
    }
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// An export made on the fly: a channel of `items` items, counting the
    /// bytes handed over.
    struct Endless<'a> {
        items: usize,
        made: usize,
        pending: Vec<u8>,
        served: &'a AtomicUsize,
    }

    impl Read for Endless<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            if self.pending.is_empty() {
                self.pending = match self.made {
                    0 => b"<rss><channel><title>T</title>".to_vec(),
                    n if n <= self.items => format!("<item><title>Post {n}</title><content:encoded><![CDATA[<p>{}</p>]]]]><![CDATA[>]]></content:encoded></item>\n", "x".repeat(1000)).into_bytes(),
                    n if n == self.items + 1 => b"</channel></rss>".to_vec(),
                    _ => return Ok(0),
                };
                self.made += 1;
            }
            let n = out.len().min(self.pending.len());
            out[..n].copy_from_slice(&self.pending[..n]);
            self.pending.drain(..n);
            self.served.fetch_add(n, Ordering::Relaxed);
            Ok(n)
        }
    }

    /// Items reach the caller while the file is read: the first after a
    /// few kilobytes of a 20 MB export, and every one with its CDATA
    /// joined across the `]]>` split.
    #[test]
    fn items_are_streamed() {
        let served = AtomicUsize::new(0);
        let input = std::io::BufReader::new(Endless {
            items: 20_000,
            made: 0,
            pending: Vec::new(),
            served: &served,
        });
        let (mut count, mut first_at) = (0, 0);
        let channel = read(Path::new("endless.xml"), input, |item| {
            if count == 0 {
                first_at = served.load(Ordering::Relaxed);
            }
            count += 1;
            assert!(
                item.get("content:encoded")
                    .is_some_and(|c| c.ends_with("</p>]]>"))
            );
        })
        .unwrap();
        assert_eq!(count, 20_000);
        assert!(served.load(Ordering::Relaxed) > 20_000_000);
        assert!(
            first_at < 64 * 1024,
            "the first item came after {first_at} bytes"
        );
        assert_eq!(channel.value("title"), Some("T"));
    }

    #[test]
    fn errors_have_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        for (text, want) in [
            ("<rss>\n<channel>\n  <item></itme>", (3, 9)),
            ("<rss><channel>\n<item><title>Cut", (2, 17)),
            ("<rss>&bad</rss>", (1, 6)),
            (
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss/>",
                (1, 1),
            ),
        ] {
            let path = dir.path().join("x.xml");
            std::fs::write(&path, text).unwrap();
            let e = read(
                &path,
                std::io::BufReader::new(std::fs::File::open(&path).unwrap()),
                |_| {},
            )
            .unwrap_err();
            assert_eq!(
                (e.line, e.col),
                (Some(want.0), Some(want.1)),
                "{text}: {}",
                e.message
            );
        }
    }
}
