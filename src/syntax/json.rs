//! A JSON reader that keeps a byte span on every value and key, for the JSON forms of
//! Terraform files (`.tfvars.json`, `.tf.json`): findings and labels point into them.
//!
//! It reads strict JSON (RFC 8259): no comments, no trailing commas, a single value with
//! only whitespace around it. Object members keep their order and duplicates; what a
//! duplicate key means is for the caller to decide. Errors carry the position where the
//! text stops being JSON and say what was expected there.
//!
//! ```
//! use lblint::syntax::json::{self, JsonKind};
//!
//! let text = r#"{ "ws_timeout": 10 }"#;
//! let doc = json::parse(text, 0).unwrap();
//! let member = &doc.members().unwrap()[0];
//! assert_eq!(member.key, "ws_timeout");
//! assert!(matches!(member.value.kind, JsonKind::Number(n) if n == 10.0));
//! assert_eq!((member.value.span.start, member.value.span.end), (16, 18));
//!
//! let err = json::parse("[1, 2,]", 0).unwrap_err();
//! assert_eq!(err.span.start, 6);
//! assert_eq!(err.message, "expected a value, found `]`");
//! ```

use super::{FileId, Span, SyntaxError};

/// How deeply arrays and objects may nest: deeper documents are an error rather than a risk
/// to the stack of whatever walks them.
pub const MAX_DEPTH: usize = 256;

/// A JSON value and the span of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Json {
    pub kind: JsonKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum JsonKind {
    Null,
    Bool(bool),
    /// The number as a binary float; its exact text is the span's.
    Number(f64),
    /// The string with its escapes decoded.
    String(String),
    Array(Vec<Json>),
    /// Members in source order, duplicates kept.
    Object(Vec<Member>),
}

/// One `"key": value` of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    /// The key with its quotes.
    pub key_span: Span,
    pub value: Json,
}

impl Json {
    /// The members of an object, `None` for any other value.
    pub fn members(&self) -> Option<&[Member]> {
        match &self.kind {
            JsonKind::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The value of the last member named `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.members()?
            .iter()
            .rev()
            .find(|m| m.key == key)
            .map(|m| &m.value)
    }

    /// `null`, `bool`, `number`, `string`, `array` or `object`.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            JsonKind::Null => "null",
            JsonKind::Bool(_) => "bool",
            JsonKind::Number(_) => "number",
            JsonKind::String(_) => "string",
            JsonKind::Array(_) => "array",
            JsonKind::Object(_) => "object",
        }
    }
}

/// Parses one JSON document; spans are byte offsets into `text` in file `file`.
pub fn parse(text: &str, file: FileId) -> Result<Json, SyntaxError> {
    let mut p = Parser {
        src: text.as_bytes(),
        text,
        pos: 0,
        file,
        depth: 0,
    };
    p.skip_ws();
    let value = p.value()?;
    p.skip_ws();
    if p.pos < p.src.len() {
        return Err(p.error_here("expected the end of the document"));
    }
    Ok(value)
}

struct Parser<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    file: FileId,
    depth: usize,
}

impl Parser<'_> {
    fn span(&self, start: usize) -> Span {
        Span::new(self.file, start, self.pos)
    }

    fn error_at(&self, at: usize, end: usize, message: String) -> SyntaxError {
        SyntaxError {
            span: Span::new(self.file, at, end),
            message,
        }
    }

    /// "`what`, found X" at the current position, X being the next character or the end.
    fn error_here(&self, what: &str) -> SyntaxError {
        match self.text[self.pos..].chars().next() {
            Some(c) => self.error_at(
                self.pos,
                self.pos + c.len_utf8(),
                if c.is_control() {
                    format!("{what}, found `{}`", c.escape_debug())
                } else {
                    format!("{what}, found `{c}`")
                },
            ),
            None => self.error_at(
                self.pos,
                self.pos,
                format!("{what}, found the end of the file"),
            ),
        }
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.src.get(self.pos) {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Json, SyntaxError> {
        let start = self.pos;
        let kind = match self.src.get(self.pos) {
            Some(b'{') => self.nested(Self::object)?,
            Some(b'[') => self.nested(Self::array)?,
            Some(b'"') => JsonKind::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => JsonKind::Number(self.number()?),
            Some(b't') => self.keyword("true", JsonKind::Bool(true))?,
            Some(b'f') => self.keyword("false", JsonKind::Bool(false))?,
            Some(b'n') => self.keyword("null", JsonKind::Null)?,
            _ => return Err(self.error_here("expected a value")),
        };
        Ok(Json {
            kind,
            span: self.span(start),
        })
    }

    fn nested(
        &mut self,
        f: fn(&mut Self) -> Result<JsonKind, SyntaxError>,
    ) -> Result<JsonKind, SyntaxError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error_at(
                self.pos,
                self.pos + 1,
                format!("arrays and objects nest more than {MAX_DEPTH} levels deep"),
            ));
        }
        self.depth += 1;
        let out = f(self);
        self.depth -= 1;
        out
    }

    fn keyword(&mut self, word: &str, kind: JsonKind) -> Result<JsonKind, SyntaxError> {
        if self.src[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            let more = self
                .src
                .get(self.pos)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
            if !more {
                return Ok(kind);
            }
        }
        let end = self.src[self.pos..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
            .map_or(self.src.len(), |n| self.pos + n);
        let start = self.text[..self.pos]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        Err(self.error_at(
            start,
            end,
            format!(
                "expected a value, found `{}` (JSON's literals are `true`, `false` and `null`)",
                &self.text[start..end]
            ),
        ))
    }

    fn object(&mut self) -> Result<JsonKind, SyntaxError> {
        self.pos += 1; // `{`
        let mut members = Vec::new();
        self.skip_ws();
        if self.src.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(JsonKind::Object(members));
        }
        loop {
            self.skip_ws();
            if self.src.get(self.pos) != Some(&b'"') {
                return Err(self.error_here("expected a string key"));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = self.span(key_start);
            self.skip_ws();
            if self.src.get(self.pos) != Some(&b':') {
                return Err(self.error_here("expected `:` after an object key"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value()?;
            members.push(Member {
                key,
                key_span,
                value,
            });
            self.skip_ws();
            match self.src.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(JsonKind::Object(members));
                }
                _ => return Err(self.error_here("expected `,` or `}` after an object member")),
            }
        }
    }

    fn array(&mut self) -> Result<JsonKind, SyntaxError> {
        self.pos += 1; // `[`
        let mut items = Vec::new();
        self.skip_ws();
        if self.src.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(JsonKind::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value()?);
            self.skip_ws();
            match self.src.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(JsonKind::Array(items));
                }
                _ => return Err(self.error_here("expected `,` or `]` after an array element")),
            }
        }
    }

    fn number(&mut self) -> Result<f64, SyntaxError> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let from = p.pos;
            while p.src.get(p.pos).is_some_and(u8::is_ascii_digit) {
                p.pos += 1;
            }
            p.pos - from
        };
        if self.src.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        match digits(self) {
            0 => return Err(self.error_here("expected a digit")),
            n if n > 1 && self.src[int_start] == b'0' => {
                return Err(self.error_at(
                    int_start,
                    int_start + 1,
                    "a JSON number does not start with `0` followed by digits".to_string(),
                ))
            }
            _ => {}
        }
        if self.src.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if digits(self) == 0 {
                return Err(self.error_here("expected a digit after `.`"));
            }
        }
        if let Some(b'e' | b'E') = self.src.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.src.get(self.pos) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.error_here("expected a digit in the exponent"));
            }
        }
        let text = &self.text[start..self.pos];
        match text.parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(n),
            _ => Err(self.error_at(start, self.pos, format!("the number `{text}` is too large"))),
        }
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        let open = self.pos;
        self.pos += 1; // `"`
        let mut out = String::new();
        loop {
            let run = self.pos;
            while let Some(&b) = self.src.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run..self.pos]);
            match self.src.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => out.push(self.escape()?),
                Some(_) => {
                    return Err(self.error_at(
                        self.pos,
                        self.pos + 1,
                        "a control character must be escaped in a JSON string".to_string(),
                    ))
                }
                None => {
                    return Err(self.error_at(
                        open,
                        self.pos,
                        "the string is not closed: expected `\"` before the end of the file"
                            .to_string(),
                    ))
                }
            }
        }
    }

    /// Decodes the escape at `\`, surrogate pairs included.
    fn escape(&mut self) -> Result<char, SyntaxError> {
        let start = self.pos;
        self.pos += 1; // `\`
        let c = match self.src.get(self.pos) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let high = self.hex4(start)?;
                if (0xD800..0xDC00).contains(&high) {
                    if !self.src[self.pos..].starts_with(b"\\u") {
                        return Err(self.error_at(
                            start,
                            self.pos,
                            "a high surrogate escape must be followed by a low surrogate `\\uDC00`-`\\uDFFF`"
                                .to_string(),
                        ));
                    }
                    self.pos += 2;
                    let low = self.hex4(start)?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(self.error_at(
                            start,
                            self.pos,
                            "a high surrogate escape must be followed by a low surrogate `\\uDC00`-`\\uDFFF`"
                                .to_string(),
                        ));
                    }
                    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    return char::from_u32(code).ok_or_else(|| {
                        self.error_at(start, self.pos, "an invalid escape".to_string())
                    });
                }
                return char::from_u32(high).ok_or_else(|| {
                    self.error_at(
                        start,
                        self.pos,
                        "a lone low surrogate escape is not a character".to_string(),
                    )
                });
            }
            _ => {
                let end = self.text[self.pos..]
                    .chars()
                    .next()
                    .map_or(self.pos, |c| self.pos + c.len_utf8());
                return Err(self.error_at(
                    start,
                    end,
                    format!(
                        "`{}` is not a JSON escape (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
                        &self.text[start..end]
                    ),
                ));
            }
        };
        self.pos += 1;
        Ok(c)
    }

    fn hex4(&mut self, escape_start: usize) -> Result<u32, SyntaxError> {
        let digits = self.src.get(self.pos..self.pos + 4);
        match digits.filter(|d| d.iter().all(u8::is_ascii_hexdigit)) {
            Some(d) => {
                self.pos += 4;
                let s = std::str::from_utf8(d).unwrap_or("0");
                Ok(u32::from_str_radix(s, 16).unwrap_or(0))
            }
            None => Err(self.error_at(
                escape_start,
                self.pos,
                "`\\u` must be followed by four hexadecimal digits".to_string(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (u32, u32, String) {
        let e = parse(text, 0).expect_err(text);
        (e.span.start, e.span.end, e.message)
    }

    #[test]
    fn values_and_spans() {
        let doc = parse(
            " {\"a\": [1, -2.5e1, true, null], \"b\\u00e9\": \"x\\n\\ud83d\\ude00\"} ",
            3,
        )
        .unwrap();
        assert_eq!((doc.span.file, doc.span.start, doc.span.end), (3, 1, 61));
        let m = doc.members().unwrap();
        assert_eq!(
            (m[0].key.as_str(), m[0].key_span.start, m[0].key_span.end),
            ("a", 2, 5)
        );
        let JsonKind::Array(items) = &m[0].value.kind else {
            panic!("array")
        };
        let kinds: Vec<(&JsonKind, u32, u32)> = items
            .iter()
            .map(|j| (&j.kind, j.span.start, j.span.end))
            .collect();
        assert_eq!(
            kinds,
            [
                (&JsonKind::Number(1.0), 8, 9),
                (&JsonKind::Number(-25.0), 11, 17),
                (&JsonKind::Bool(true), 19, 23),
                (&JsonKind::Null, 25, 29)
            ]
        );
        assert_eq!(m[1].key, "bé");
        assert_eq!(m[1].value.kind, JsonKind::String("x\n😀".into()));
        assert_eq!(doc.get("a").map(Json::type_name), Some("array"));
        assert!(doc.get("c").is_none());
    }

    #[test]
    fn duplicate_keys_are_kept_and_the_last_is_read() {
        let doc = parse(r#"{"a": 1, "a": 2}"#, 0).unwrap();
        assert_eq!(doc.members().unwrap().len(), 2);
        assert_eq!(doc.get("a").unwrap().kind, JsonKind::Number(2.0));
    }

    #[test]
    fn errors_say_where_and_what() {
        let rows: &[(&str, (u32, u32, &str))] = &[
            ("", (0, 0, "expected a value, found the end of the file")),
            ("{", (1, 1, "expected a string key, found the end of the file")),
            ("{\"a\" 1}", (5, 6, "expected `:` after an object key, found `1`")),
            ("{\"a\": 1,}", (8, 9, "expected a string key, found `}`")),
            ("[1 2]", (3, 4, "expected `,` or `]` after an array element, found `2`")),
            ("{\"a\": 1 \"b\": 2}", (8, 9, "expected `,` or `}` after an object member, found `\"`")),
            ("[1,]", (3, 4, "expected a value, found `]`")),
            ("1 2", (2, 3, "expected the end of the document, found `2`")),
            ("tru", (0, 3, "expected a value, found `tru` (JSON's literals are `true`, `false` and `null`)")),
            ("[True]", (1, 2, "expected a value, found `T`")),
            ("nullx", (0, 5, "expected a value, found `nullx` (JSON's literals are `true`, `false` and `null`)")),
            ("01", (0, 1, "a JSON number does not start with `0` followed by digits")),
            ("-", (1, 1, "expected a digit, found the end of the file")),
            ("1.", (2, 2, "expected a digit after `.`, found the end of the file")),
            ("1e+", (3, 3, "expected a digit in the exponent, found the end of the file")),
            ("1e999", (0, 5, "the number `1e999` is too large")),
            ("\"abc", (0, 4, "the string is not closed: expected `\"` before the end of the file")),
            ("\"a\tb\"", (2, 3, "a control character must be escaped in a JSON string")),
            ("\"\\x\"", (1, 3, "`\\x` is not a JSON escape (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")),
            ("\"\\u12\"", (1, 3, "`\\u` must be followed by four hexadecimal digits")),
            ("\"\\ud800\"", (1, 7, "a high surrogate escape must be followed by a low surrogate `\\uDC00`-`\\uDFFF`")),
            ("\"\\udc00\"", (1, 7, "a lone low surrogate escape is not a character")),
            ("// c\n{}", (0, 1, "expected a value, found `/`")),
        ];
        for (text, (start, end, message)) in rows {
            assert_eq!(err(text), (*start, *end, message.to_string()), "{text:?}");
        }
    }

    #[test]
    fn nesting_is_limited() {
        let deep = "[".repeat(MAX_DEPTH + 1);
        let (start, _, message) = err(&deep);
        assert_eq!(start as usize, MAX_DEPTH);
        assert_eq!(message, "arrays and objects nest more than 256 levels deep");
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok, 0).is_ok());
    }
}
