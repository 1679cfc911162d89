//! Annotations kept as text (`from __future__ import annotations`, PEP 563): CPython stores
//! `ast.unparse` of each annotation, so `x: Dict[str,int]` is `'Dict[str, int]'`. The forms
//! annotations are made of (names, attributes, subscripts, `|`, lists, tuples, constants) are
//! written out as `ast.unparse` writes them; anything else keeps its source text.

use crate::ast::{BinOp, Constant, Expr, ExprKind};

/// The text CPython 3.11 keeps for the annotation `e` of `source`.
pub fn annotation_text(e: &Expr, source: &str) -> String {
    let mut out = String::new();
    write(e, source, &mut out);
    out
}

fn write(e: &Expr, source: &str, out: &mut String) {
    match &e.kind {
        ExprKind::Name(n) => out.push_str(n),
        ExprKind::Constant(c) => match c {
            Constant::None => out.push_str("None"),
            Constant::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
            Constant::Ellipsis => out.push_str("..."),
            Constant::Int(i) => out.push_str(&i.to_string()),
            Constant::Str(s) if s.chars().all(|c| c == ' ' || c.is_ascii_graphic()) => {
                // `repr(s)`: single quotes unless the text has one and no double quote.
                let q = if s.contains('\'') && !s.contains('"') {
                    '"'
                } else {
                    '\''
                };
                out.push(q);
                for c in s.chars() {
                    if c == q || c == '\\' {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out.push(q);
            }
            _ => source_text(e, source, out),
        },
        ExprKind::Attribute { value, attr } => {
            if matches!(value.kind, ExprKind::Name(_) | ExprKind::Attribute { .. }) {
                write(value, source, out);
                out.push('.');
                out.push_str(attr);
            } else {
                source_text(e, source, out);
            }
        }
        ExprKind::Subscript { value, index } => {
            write(value, source, out);
            out.push('[');
            match &index.kind {
                ExprKind::Tuple(items) if !items.is_empty() => write_items(items, source, out),
                _ => write(index, source, out),
            }
            out.push(']');
        }
        ExprKind::BinOp {
            left,
            op: BinOp::BitOr,
            right,
        } => {
            // `|` is left-associative: a `|` on the right keeps its parentheses.
            write(left, source, out);
            out.push_str(" | ");
            let paren = matches!(
                right.kind,
                ExprKind::BinOp {
                    op: BinOp::BitOr,
                    ..
                }
            );
            if paren {
                out.push('(');
            }
            write(right, source, out);
            if paren {
                out.push(')');
            }
        }
        ExprKind::List(items) => {
            out.push('[');
            write_items(items, source, out);
            out.push(']');
        }
        ExprKind::Tuple(items) => {
            out.push('(');
            write_items(items, source, out);
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        _ => source_text(e, source, out),
    }
}

fn write_items(items: &[Expr], source: &str, out: &mut String) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write(item, source, out);
    }
}

fn source_text(e: &Expr, source: &str, out: &mut String) {
    out.push_str(source.get(e.span.start..e.span.end).unwrap_or("").trim());
}
