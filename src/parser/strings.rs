//! String literals: decoding escapes, splitting f-strings into literal parts and fields,
//! and CPython 3.11's errors for both, placed where CPython places them.

use super::*;

/// Adjacent string literals (`"a" f"{b}" 'c'`) become one constant or one f-string.
pub fn strings(
    file: &str,
    toks: Vec<(usize, &str)>,
    l: usize,
    r: usize,
) -> Result<Expr, LexicalError> {
    // CPython 3.11 decodes a run of strings in the action that reads it, and raises what it
    // finds there at the last token its parser read: the one after the strings. (Bytes are
    // refused by gilvm at the literal itself; errors inside a field's expression carry
    // their own place.)
    strings_at(file, toks, l, r).map_err(|mut e| {
        if !e.msg.starts_with("bytes") && e.text.is_none() {
            e.span = token_after(file, r);
        }
        e
    })
}

fn strings_at(
    file: &str,
    toks: Vec<(usize, &str)>,
    l: usize,
    r: usize,
) -> Result<Expr, LexicalError> {
    let mut parts: Vec<FStringPart> = Vec::new();
    let mut any_f = false;
    let mut bytes: Option<Vec<u8>> = None;
    let mut any_str = false;
    for (off, raw) in toks {
        let q = raw.find(['\'', '"']).unwrap_or(0);
        let prefix = raw[..q].to_ascii_lowercase();
        let is_bytes = prefix.contains('b');
        if is_bytes && !raw.is_ascii() {
            return Err(error(
                "bytes can only contain ASCII literal characters",
                off,
                off + raw.len(),
            ));
        }
        if (is_bytes && any_str) || (!is_bytes && bytes.is_some()) {
            return Err(error("cannot mix bytes and nonbytes literals", off, off));
        }
        let quote_len = if raw[q..].starts_with("'''") || raw[q..].starts_with("\"\"\"") {
            3
        } else {
            1
        };
        let body_start = q + quote_len;
        let body_end = raw.len().saturating_sub(quote_len).max(body_start);
        let body = &raw[body_start..body_end];
        let is_raw = prefix.contains('r');
        if is_bytes {
            let data = bytes.get_or_insert_with(Vec::new);
            if is_raw {
                data.extend_from_slice(body.as_bytes());
            } else {
                decode_byte_escapes(body, data)?;
            }
            continue;
        }
        any_str = true;
        if prefix.contains('f') {
            any_f = true;
            let fparts = parse_fstring(file, body, off + body_start, is_raw)?;
            for p in fparts {
                push_part(&mut parts, p);
            }
        } else {
            let s = if is_raw {
                body.to_string()
            } else {
                decode_escapes(body, off + body_start)?
            };
            push_part(&mut parts, FStringPart::Literal(s));
        }
    }
    if let Some(data) = bytes {
        return Ok(constant(Constant::Bytes(data), l, r));
    }
    if !any_f {
        let s = match parts.pop() {
            Some(FStringPart::Literal(s)) => s,
            _ => String::new(),
        };
        return Ok(constant(Constant::Str(s), l, r));
    }
    Ok(Expr {
        kind: ExprKind::JoinedStr(parts),
        span: Span::new(l, r),
    })
}

fn push_part(parts: &mut Vec<FStringPart>, p: FStringPart) {
    if let FStringPart::Literal(s) = &p {
        if let Some(FStringPart::Literal(prev)) = parts.last_mut() {
            prev.push_str(s);
            return;
        }
        if parts.is_empty() && s.is_empty() {
            parts.push(p);
            return;
        }
        if s.is_empty() {
            return;
        }
    }
    parts.push(p);
}

/// Decodes the backslash escapes of a non-raw bytes literal (all ASCII) into `out`: those of
/// a str literal but `\u`, `\U` and `\N`, which stay as they are, and octal escapes taken
/// modulo 256, as CPython 3.11's `_PyBytes_DecodeEscape`.
fn decode_byte_escapes(body: &str, out: &mut Vec<u8>) -> Result<(), LexicalError> {
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let Some(&e) = b.get(i + 1) else {
            out.push(b'\\');
            break;
        };
        i += 2;
        match e {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' | b'\'' | b'"' => out.push(e),
            b'a' => out.push(0x07),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(0x0b),
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                for _ in 0..2 {
                    match b.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push((v & 0xff) as u8);
            }
            b'x' => {
                let hex = |k: usize| b.get(k).and_then(|&d| (d as char).to_digit(16));
                match (hex(i), hex(i + 1)) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => {
                        return Err(error(
                            format!("(value error) invalid \\x escape at position {}", i - 2),
                            0,
                            0,
                        ));
                    }
                }
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(())
}

/// Decodes backslash escapes of a non-raw literal.
fn decode_escapes(body: &str, off: usize) -> Result<String, LexicalError> {
    if !body.contains('\\') {
        return Ok(body.to_string());
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            '\n' => {}
            '\r' => {
                if chars.peek().is_some_and(|&(_, c)| c == '\n') {
                    chars.next();
                }
            }
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek() {
                        Some(&(_, d)) if d.is_digit(8) => {
                            v = v * 8 + d.to_digit(8).unwrap_or(0);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v = 0u32;
                for k in 0..n {
                    match chars.peek() {
                        Some(&(_, d)) if d.is_ascii_hexdigit() => {
                            v = v * 16 + d.to_digit(16).unwrap_or(0);
                            chars.next();
                        }
                        _ => {
                            let kind = match e {
                                'x' => "truncated \\xXX escape",
                                'u' => "truncated \\uXXXX escape",
                                _ => "truncated \\UXXXXXXXX escape",
                            };
                            // CPython's range ends at the last hex digit read.
                            return Err(error(
                                format!(
                                    "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: {kind}",
                                    i,
                                    i + 1 + k
                                ),
                                off,
                                off + body.len(),
                            ));
                        }
                    }
                }
                match char::from_u32(v) {
                    Some(c) => out.push(c),
                    None => {
                        return Err(error(
                            format!(
                                "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: illegal Unicode character",
                                i,
                                i + n + 1
                            ),
                            off,
                            off + body.len(),
                        ));
                    }
                }
            }
            'N' => {
                // \N{NAME}: only a few common names are known.
                let rest = &body[i + 2..];
                let close = rest.find('}');
                let name = close.and_then(|c| rest.get(1..c)).unwrap_or("");
                let ch = match name.to_ascii_uppercase().as_str() {
                    "BULLET" => Some('\u{2022}'),
                    "EM DASH" => Some('\u{2014}'),
                    "GREEK SMALL LETTER ALPHA" => Some('\u{3b1}'),
                    "SNOWMAN" => Some('\u{2603}'),
                    "DEGREE SIGN" => Some('\u{b0}'),
                    _ => None,
                };
                match (ch, close) {
                    (Some(c), Some(cl)) => {
                        out.push(c);
                        for _ in 0..=cl {
                            chars.next();
                        }
                    }
                    _ => {
                        // The range covers `\N{...}` up to its `}`.
                        let last = close.map_or(i + 1, |c| i + 2 + c);
                        return Err(error(
                            format!(
                                "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: unknown Unicode character name",
                                i, last
                            ),
                            off,
                            off + body.len(),
                        ));
                    }
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Splits an f-string body into literal parts and `{expression!conv:spec}` fields.
fn parse_fstring(
    file: &str,
    body: &str,
    off: usize,
    is_raw: bool,
) -> Result<Vec<FStringPart>, LexicalError> {
    let bytes = body.as_bytes();
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut lit_start = 0;
    let mut i = 0;
    let flush = |lit: &mut String, start: usize, parts: &mut Vec<FStringPart>| {
        if !lit.is_empty() {
            let s = if is_raw {
                std::mem::take(lit)
            } else {
                let d = decode_escapes(lit, off + start);
                lit.clear();
                d?
            };
            parts.push(FStringPart::Literal(s));
        }
        Ok::<(), LexicalError>(())
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'{' && bytes.get(i + 1) == Some(&b'{') {
            lit.push('{');
            i += 2;
            continue;
        }
        if b == b'}' {
            if bytes.get(i + 1) == Some(&b'}') {
                lit.push('}');
                i += 2;
                continue;
            }
            return Err(error(
                "f-string: single '}' is not allowed",
                off + i,
                off + i + 1,
            ));
        }
        if b == b'{' {
            flush(&mut lit, lit_start, &mut parts)?;
            let (field, next) = parse_field(file, body, off, i)?;
            parts.extend(field);
            i = next;
            lit_start = i;
            continue;
        }
        if b == b'\\' && !is_raw && i + 1 < bytes.len() {
            // Keep the escape intact for decode_escapes (so `\{` is not a field).
            let c = body[i + 1..].chars().next().map_or(1, char::len_utf8);
            lit.push_str(&body[i..i + 1 + c]);
            i += 1 + c;
            continue;
        }
        let c = body[i..].chars().next().unwrap_or(' ');
        lit.push(c);
        i += c.len_utf8();
    }
    flush(&mut lit, lit_start, &mut parts)?;
    Ok(parts)
}

/// The span of the token that starts at or after `at` (a newline or the end of the text
/// count as one-character tokens), skipping blanks, comments and line continuations.
fn token_after(file: &str, at: usize) -> Span {
    let mut i = at.min(file.len());
    let bytes = file.as_bytes();
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\x0c' => i += 1,
            b'\\' if bytes.get(i + 1) == Some(&b'\n') => i += 2,
            b'#' => i += file[i..].find('\n').unwrap_or(file.len() - i),
            _ => break,
        }
    }
    let len = file
        .get(i..)
        .and_then(|rest| Token::lexer(rest).spanned().next())
        .filter(|(t, _)| t.is_ok())
        .map_or(1, |(_, span)| span.len().max(1));
    Span::new(i, i + len)
}

/// CPython 3.11's f-string fields cannot hold a backslash or a comment.
fn field_char_error(expr: &str) -> Option<&'static str> {
    let mut quote = None;
    for c in expr.chars() {
        match (quote, c) {
            (_, '\\') => return Some("f-string expression part cannot include a backslash"),
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '#') => return Some("f-string expression part cannot include '#'"),
            _ => {}
        }
    }
    None
}

/// An error in a field's expression, as CPython 3.11 reports it: it parses the expression
/// again on its own, as `(expr)`, with the whole error machinery, and shows that text with
/// `f-string: ` before the message.
fn field_error(file: &str, expr: &str, at: usize) -> LexicalError {
    let wrapped = format!("({expr})");
    let parser = grammar::TopParser::new();
    let se = match parser.parse(&wrapped, Lexer::expression(&wrapped, 0)) {
        Err(e) => syntax_error(e, &wrapped),
        Ok(_) => SyntaxError::new("invalid syntax", Span::new(0, 1)),
    };
    let first_line = file[..at.min(file.len())].matches('\n').count() as u32 + 1;
    LexicalError {
        msg: format!("f-string: {}", se.msg),
        span: se.span,
        kind: Some(se.kind),
        text: Some(Box::new(Shown {
            text: wrapped,
            first_line,
        })),
    }
}

/// Parses the field starting at `body[open] == '{'`; returns its parts (a `x=` field adds a
/// literal) and the index after the closing `}`.
fn parse_field(
    file: &str,
    body: &str,
    off: usize,
    open: usize,
) -> Result<(Vec<FStringPart>, usize), LexicalError> {
    let bytes = body.as_bytes();
    let mut depth = 0i32;
    let mut stack: Vec<u8> = Vec::new();
    let mut i = open + 1;
    let mut quote: Option<u8> = None;
    let mut expr_end = None;
    let mut debug = false;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        match b {
            b'\'' | b'"' => quote = Some(b),
            b'(' | b'[' | b'{' => {
                stack.push(b);
                depth += 1;
            }
            b'}' if depth == 0 => {
                expr_end = Some(i);
                break;
            }
            // CPython's `fstring_find_expr`: brackets must pair up inside a field.
            b')' | b']' | b'}' => {
                let Some(open) = stack.pop() else {
                    return Err(error(
                        format!("f-string: unmatched '{}'", b as char),
                        off + i,
                        off + i + 1,
                    ));
                };
                if !matches!((open, b), (b'(', b')') | (b'[', b']') | (b'{', b'}')) {
                    return Err(error(
                        format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            b as char, open as char
                        ),
                        off + i,
                        off + i + 1,
                    ));
                }
                depth -= 1;
            }
            b'!' if depth == 0 && bytes.get(i + 1) != Some(&b'=') => {
                expr_end = Some(i);
                break;
            }
            b':' if depth == 0 => {
                expr_end = Some(i);
                break;
            }
            b'=' if depth == 0
                && bytes.get(i + 1) != Some(&b'=')
                && !matches!(
                    bytes.get(i.wrapping_sub(1)),
                    Some(b'=' | b'!' | b'<' | b'>')
                ) =>
            {
                debug = true;
                expr_end = Some(i);
                break;
            }
            _ => {}
        }
        i += 1;
    }
    let Some(end) = expr_end else {
        // CPython's `fstring_find_expr` at the end of the string: an open quote, then an
        // open bracket, then the missing `}`.
        let msg = match (quote, stack.last()) {
            (Some(_), _) => "f-string: unterminated string".to_string(),
            (None, Some(&open)) => format!("f-string: unmatched '{}'", open as char),
            (None, None) => "f-string: expecting '}'".to_string(),
        };
        return Err(error(msg, off + body.len(), off + body.len() + 1));
    };
    let expr_text = &body[open + 1..end];
    if expr_text.trim().is_empty() {
        return Err(error(
            "f-string: empty expression not allowed",
            off + end,
            off + end + 1,
        ));
    }
    if let Some(bad) = field_char_error(expr_text) {
        return Err(error(bad, off + open, off + open + 1));
    }
    let value = parse_expression_at(file, expr_text, off + open + 1)
        .map_err(|_| field_error(file, expr_text, off + open + 1))?;
    let mut out = Vec::new();
    let mut i = end;
    let mut conversion = None;
    if debug {
        out.push(FStringPart::Literal(body[open + 1..=end].to_string()));
        i += 1;
        // whitespace after '=' is part of the text
        while i < bytes.len() && bytes[i] == b' ' {
            if let Some(FStringPart::Literal(s)) = out.last_mut() {
                s.push(' ');
            }
            i += 1;
        }
    }
    if bytes.get(i) == Some(&b'!') {
        match bytes.get(i + 1) {
            Some(&c @ (b's' | b'r' | b'a')) => conversion = Some(c as char),
            _ => {
                return Err(error(
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                    off + i + 1,
                    off + i + 2,
                ));
            }
        }
        i += 2;
    }
    let mut format_spec = None;
    if bytes.get(i) == Some(&b':') {
        // The spec runs to the matching '}' and may hold nested fields.
        let spec_start = i + 1;
        let mut j = spec_start;
        let mut nest = 0;
        while j < bytes.len() {
            match bytes[j] {
                b'{' => nest += 1,
                b'}' if nest > 0 => nest -= 1,
                b'}' => break,
                _ => {}
            }
            j += 1;
        }
        if j >= bytes.len() {
            return Err(error(
                "f-string: expecting '}'",
                off + body.len(),
                off + body.len() + 1,
            ));
        }
        let spec_body = &body[spec_start..j];
        let spec_parts = parse_fstring(file, spec_body, off + spec_start, true)?;
        format_spec = Some(spec_parts);
        i = j;
    }
    if bytes.get(i) != Some(&b'}') {
        return Err(error(
            "f-string: expecting '}'",
            off + i.min(body.len()),
            off + i.min(body.len()) + 1,
        ));
    }
    if debug && conversion.is_none() && format_spec.is_none() {
        conversion = Some('r');
    }
    out.push(FStringPart::Expr {
        value: Box::new(value),
        conversion,
        format_spec,
    });
    Ok((out, i + 1))
}
