//! Editor Markdown to the guide's document tree: paragraphs, lists, tables,
//! strong text and links. Raw HTML is dropped, as on the website; a
//! cross-reference (`qa:q3`) becomes a link inside the PDF when the guide
//! holds its target, else a link to the website, else plain text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::doc::{Block, Inline, Table};

/// Where a link of the Markdown goes in the guide.
pub(crate) enum Target {
    /// A place of the guide, by label.
    Label(String),
    Url(String),
    /// Nowhere: the text stays, the link goes.
    None,
}

/// Turns a Markdown link destination into a target of the guide.
pub(crate) type Resolve<'a> = dyn Fn(&str) -> Target + 'a;

/// Inline runs of one short text (a list item, a cell): paragraphs are joined.
pub(crate) fn inline(text: &str, resolve: &Resolve) -> Vec<Inline> {
    let mut out = Vec::new();
    for block in blocks(text, resolve) {
        flatten(block, &mut out);
    }
    out
}

fn flatten(block: Block, out: &mut Vec<Inline>) {
    match block {
        Block::Para { c } | Block::Note { c } => {
            if !out.is_empty() {
                out.push(Inline::text(" "));
            }
            out.extend(c);
        }
        Block::Heading { text, .. } => out.push(Inline::Strong { s: text }),
        Block::List { items, .. } => {
            for item in items {
                out.push(Inline::text(" ・"));
                for b in item {
                    flatten(b, out);
                }
            }
        }
        Block::Term { term, body, .. } => {
            out.extend(term);
            for b in body {
                flatten(b, out);
            }
        }
        Block::Table(t) => {
            for row in t.rows {
                for cell in row {
                    out.push(Inline::text(" "));
                    out.extend(cell);
                }
            }
        }
        Block::Matrix(_) | Block::Diagram { .. } => {}
    }
}

/// What is being collected while the events of one text are read.
enum Open {
    Para(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    List(bool, Vec<Vec<Block>>),
    Item(Vec<Block>, Vec<Inline>),
    Table(Table, Vec<Vec<Inline>>, Vec<Inline>),
    Quote(Vec<Block>),
}

/// How deep lists and quotes nest in the guide's tree.
const MAX_NESTING: usize = 24;

/// The blocks of a Markdown text.
pub(crate) fn blocks(text: &str, resolve: &Resolve) -> Vec<Block> {
    let options = crate::model::link::MARKDOWN;
    let mut done: Vec<Block> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut strong = 0usize;
    let mut link: Option<Target> = None;
    // Lists and quotes nested deeper than MAX_NESTING go on in the deepest
    // one: the tree reaches typst as JSON, whose reader stops at depth 128.
    let mut flattened = 0usize;
    let nesting = |stack: &[Open]| {
        stack
            .iter()
            .filter(|o| matches!(o, Open::List(..) | Open::Item(..) | Open::Quote(..)))
            .count()
    };

    fn push_block(stack: &mut [Open], done: &mut Vec<Block>, block: Block) {
        match stack.last_mut() {
            Some(Open::Item(blocks, runs)) => {
                if !runs.is_empty() {
                    blocks.push(Block::Para {
                        c: std::mem::take(runs),
                    });
                }
                blocks.push(block);
            }
            Some(Open::Quote(blocks)) => blocks.push(block),
            _ => done.push(block),
        }
    }

    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => stack.push(Open::Para(Vec::new())),
                Tag::Heading { level, .. } => {
                    let level = if (level as u8) <= 2 { 2 } else { 3 };
                    stack.push(Open::Heading(level, Vec::new()))
                }
                Tag::List(_) | Tag::Item | Tag::BlockQuote(_)
                    if flattened > 0 || nesting(&stack) >= MAX_NESTING =>
                {
                    flattened += 1;
                }
                Tag::List(start) => stack.push(Open::List(start.is_some(), Vec::new())),
                Tag::Item => stack.push(Open::Item(Vec::new(), Vec::new())),
                Tag::Table(_) => stack.push(Open::Table(
                    Table {
                        header: Vec::new(),
                        rows: Vec::new(),
                        widths: Vec::new(),
                        landscape: false,
                    },
                    Vec::new(),
                    Vec::new(),
                )),
                Tag::BlockQuote(_) => stack.push(Open::Quote(Vec::new())),
                Tag::Strong | Tag::Emphasis => strong += 1,
                Tag::Link { dest_url, .. } => {
                    link = Some(resolve(&dest_url));
                }
                _ => {}
            },
            Event::End(TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_)) if flattened > 0 => {
                flattened -= 1;
            }
            Event::End(end) => match end {
                TagEnd::Paragraph => {
                    if let Some(Open::Para(c)) = stack.pop() {
                        if let Some(Open::Item(_, r)) = stack.last_mut() {
                            // A tight item's text and a loose item's paragraph read the same.
                            if !r.is_empty() {
                                r.push(Inline::text(" "));
                            }
                            r.extend(c);
                        } else {
                            push_block(&mut stack, &mut done, Block::Para { c });
                        }
                    }
                }
                TagEnd::Heading(_) => {
                    if let Some(Open::Heading(level, c)) = stack.pop() {
                        let text = c.iter().map(inline_text).collect::<String>();
                        push_block(
                            &mut stack,
                            &mut done,
                            Block::Heading {
                                level,
                                text,
                                label: None,
                            },
                        );
                    }
                }
                TagEnd::Item => {
                    if let Some(Open::Item(mut blocks, runs)) = stack.pop() {
                        if !runs.is_empty() {
                            blocks.insert(0, Block::Para { c: runs });
                        }
                        if let Some(Open::List(_, items)) = stack.last_mut() {
                            items.push(blocks);
                        }
                    }
                }
                TagEnd::List(_) => {
                    if let Some(Open::List(ordered, items)) = stack.pop() {
                        push_block(&mut stack, &mut done, Block::List { ordered, items });
                    }
                }
                TagEnd::TableCell => {
                    if let Some(Open::Table(_, row, cell)) = stack.last_mut() {
                        row.push(std::mem::take(cell));
                    }
                }
                TagEnd::TableHead => {
                    if let Some(Open::Table(t, row, _)) = stack.last_mut() {
                        t.header = row
                            .drain(..)
                            .map(|c| c.iter().map(inline_text).collect())
                            .collect();
                    }
                }
                TagEnd::TableRow => {
                    if let Some(Open::Table(t, row, _)) = stack.last_mut() {
                        t.rows.push(std::mem::take(row));
                    }
                }
                TagEnd::Table => {
                    if let Some(Open::Table(t, ..)) = stack.pop() {
                        push_block(&mut stack, &mut done, Block::Table(t));
                    }
                }
                TagEnd::BlockQuote(_) => {
                    if let Some(Open::Quote(blocks)) = stack.pop() {
                        for b in blocks {
                            push_block(&mut stack, &mut done, b);
                        }
                    }
                }
                TagEnd::Strong | TagEnd::Emphasis => strong = strong.saturating_sub(1),
                TagEnd::Link => link = None,
                _ => {}
            },
            Event::Text(t) | Event::Code(t) => {
                let run = match &link {
                    Some(Target::Label(label)) => Inline::Ref {
                        s: t.to_string(),
                        label: label.clone(),
                    },
                    Some(Target::Url(url)) => Inline::Link {
                        s: t.to_string(),
                        url: url.clone(),
                    },
                    _ if strong > 0 => Inline::Strong { s: t.to_string() },
                    _ => Inline::text(t.to_string()),
                };
                runs(&mut stack).push(run);
            }
            // Japanese text has no spaces between lines; a soft break joins them.
            Event::SoftBreak => {}
            Event::HardBreak => {
                runs(&mut stack).push(Inline::text("\n"));
            }
            // Raw HTML is not part of the content format and is dropped.
            _ => {}
        }
    }
    while let Some(open) = stack.pop() {
        if let Open::Para(c) = open {
            push_block(&mut stack, &mut done, Block::Para { c });
        }
    }
    done
}

/// The runs text goes into now; text outside any paragraph opens one.
fn runs(stack: &mut Vec<Open>) -> &mut Vec<Inline> {
    let has_runs = matches!(
        stack.last(),
        Some(Open::Para(_) | Open::Heading(..) | Open::Item(..) | Open::Table(..))
    );
    if !has_runs {
        stack.push(Open::Para(Vec::new()));
    }
    match stack.last_mut() {
        Some(Open::Para(r) | Open::Heading(_, r) | Open::Item(_, r) | Open::Table(_, _, r)) => r,
        _ => unreachable!("a run container was just pushed"),
    }
}

/// The text of a run, whatever its style.
pub(crate) fn inline_text(i: &Inline) -> &str {
    match i {
        Inline::Text { s }
        | Inline::Strong { s }
        | Inline::Link { s, .. }
        | Inline::Ref { s, .. } => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Block> {
        blocks(text, &|url| {
            if let Some(id) = url.strip_prefix("qa:") {
                Target::Label(format!("mini/qa.html#{id}"))
            } else if url.starts_with("https:") {
                Target::Url(url.into())
            } else {
                Target::None
            }
        })
    }

    #[test]
    fn paragraphs_lists_tables_and_links_become_blocks() {
        let got = serde_json::to_value(read(
            "前文の\n続き。\n\n- 一つ目は[Q1](qa:q1)\n- 二つ目は**強調**\n\n| 列A | 列B |\n|---|---|\n| あ | [外](https://example.jp) |\n\n<script>x</script>",
        ))
        .unwrap();
        assert_eq!(got[0]["c"][0]["s"], "前文の");
        assert_eq!(
            got[0]["c"][1]["s"], "続き。",
            "a soft break joins Japanese lines"
        );
        assert_eq!(got[1]["t"], "list");
        assert_eq!(got[1]["items"][0][0]["c"][1]["label"], "mini/qa.html#q1");
        assert_eq!(got[1]["items"][1][0]["c"][1]["t"], "strong");
        assert_eq!(got[2]["t"], "table");
        assert_eq!(got[2]["header"], serde_json::json!(["列A", "列B"]));
        assert_eq!(got[2]["rows"][0][1][0]["url"], "https://example.jp");
        assert_eq!(
            got.as_array().unwrap().len(),
            3,
            "raw HTML is dropped: {got}"
        );
    }

    #[test]
    fn a_link_to_nowhere_keeps_its_text() {
        let got = inline("[見本](nowhere:x)です", &|_| Target::None);
        let text: String = got.iter().map(inline_text).collect();
        assert_eq!(text, "見本です");
        assert!(got.iter().all(|i| matches!(i, Inline::Text { .. })));
    }
}
