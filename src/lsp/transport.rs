//! JSON-RPC over a byte stream with LSP's `Content-Length` framing. Unlike
//! `lsp_server`'s own stdio transport, a message that is not JSON or not JSON-RPC is
//! returned as [`Incoming::Malformed`], so that the server answers it with an error and
//! goes on reading, instead of closing the connection.

use lsp_server::{ErrorCode, Message};
use serde_json::Value;
use std::io::{self, BufRead, Write};

/// A body larger than this is refused and ends the connection (nothing an editor sends
/// comes near it).
const MAX_BODY: usize = 1 << 30;

/// What came in.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// Not a message: answer with this error, for the request `id` when one could be read.
    Malformed {
        id: Value,
        code: ErrorCode,
        message: String,
    },
}

/// Reads the next message; `Ok(None)` at the end of the stream.
pub fn read(r: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let mut length: Option<usize> = None;
    let mut bad_header = None;
    let mut line = String::new();
    let mut any = false;
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 {
            // The end of the stream, possibly inside a header.
            return Ok(None);
        }
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if trimmed.is_empty() {
            if any {
                break;
            }
            // Blank lines between messages are skipped.
            continue;
        }
        any = true;
        match trimmed.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad_header = Some(format!("bad Content-Length header: {trimmed:?}")),
                }
            }
            Some(_) => {}
            None => bad_header = Some(format!("malformed header line: {trimmed:?}")),
        }
    }
    let Some(length) = length else {
        return Ok(Some(Incoming::Malformed {
            id: Value::Null,
            code: ErrorCode::ParseError,
            message: bad_header.unwrap_or_else(|| "no Content-Length header".to_string()),
        }));
    };
    if length > MAX_BODY {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a message of {length} bytes is too large"),
        ));
    }
    let mut body = vec![0; length];
    if let Err(e) = r.read_exact(&mut body) {
        return match e.kind() {
            io::ErrorKind::UnexpectedEof => Ok(None),
            _ => Err(e),
        };
    }
    Ok(Some(parse(&body)))
}

/// Reads one message body.
pub fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Malformed {
                id: Value::Null,
                code: ErrorCode::ParseError,
                message: format!("the message is not JSON: {e}"),
            }
        }
    };
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    let is_object = value.is_object();
    let has_method = value.get("method").is_some_and(Value::is_string);
    let is_response = value.get("result").is_some() || value.get("error").is_some();
    let shaped = is_object && value.get("jsonrpc") == Some(&Value::from("2.0"));
    match serde_json::from_value::<Message>(value) {
        Ok(m) if shaped && (has_method || is_response) => Incoming::Message(m),
        Ok(_) | Err(_) => Incoming::Malformed {
            id,
            code: ErrorCode::InvalidRequest,
            message: "not a JSON-RPC 2.0 request, response or notification".to_string(),
        },
    }
}

/// Writes a message with its header.
pub fn write(w: &mut impl Write, message: &Message) -> io::Result<()> {
    message.write(w)
}

/// Writes an error response for a request whose id may be unknown (`null`), which
/// `lsp_server::Response` cannot carry.
pub fn write_error(
    w: &mut impl Write,
    id: Value,
    code: ErrorCode,
    message: &str,
) -> io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": message },
    })
    .to_string();
    write!(w, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &str) -> Vec<Incoming> {
        let mut r = io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        while let Some(m) = read(&mut r).unwrap() {
            out.push(m);
        }
        out
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn malformed_messages_are_answered_and_reading_goes_on() {
        let ok = r#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#;
        let input = [
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":7,"params":{}}"#),
            frame(r#"[1,2]"#),
            "Content-Type: x\r\n\r\n".to_string(),
            frame(ok),
        ]
        .concat();
        let got = read_all(&input);
        let summary: Vec<String> = got
            .iter()
            .map(|m| match m {
                Incoming::Message(Message::Request(r)) => format!("request {}", r.method),
                Incoming::Message(other) => format!("{other:?}"),
                Incoming::Malformed { id, code, .. } => format!("{} {id}", *code as i32),
            })
            .collect();
        assert_eq!(
            summary,
            [
                "-32700 null",
                "-32600 7",
                "-32600 null",
                "-32700 null",
                "request shutdown"
            ]
        );
    }

    #[test]
    fn a_truncated_message_is_the_end() {
        assert!(read_all("Content-Length: 50\r\n\r\n{\"jsonrpc\"").is_empty());
        assert!(read_all("Content-Len").is_empty());
    }
}
