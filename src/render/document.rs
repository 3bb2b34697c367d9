//! An official document (公文) as a list of blocks: what the prose renderer
//! builds and the text and .docx renderers lay out.

/// One paragraph of a document, by its part in the layout of GB/T 9704.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// 标题: centred.
    Title(String),
    /// 主送机关, ending in a full-width colon; not indented.
    Addressee(String),
    /// 正文: indented two characters.
    Body(String),
    /// 一级标题 (一、…).
    Heading1(String),
    /// 二级标题 ((一)…).
    Heading2(String),
    /// 发文机关署名: right-aligned.
    Sender(String),
    /// 成文日期: right-aligned, under the sender.
    Date(String),
    /// A line left to fill in by hand (签收), not indented.
    Line(String),
}

/// A document: blocks in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
}

/// Two full-width spaces: the indent of every body paragraph.
pub const INDENT: &str = "\u{3000}\u{3000}";

impl Document {
    pub fn push(&mut self, b: Block) {
        self.blocks.push(b);
    }

    /// Plain text ready to paste: paragraphs indented with two full-width
    /// spaces, a blank line around the title and before each level-one
    /// heading and the signature.
    pub fn text(&self) -> String {
        let mut s = String::new();
        let mut signed = false;
        for b in &self.blocks {
            match b {
                Block::Title(t) => {
                    s.push_str(t);
                    s.push_str("\n\n");
                }
                Block::Addressee(t) | Block::Line(t) => {
                    s.push_str(t);
                    s.push('\n');
                }
                Block::Heading1(t) => {
                    s.push('\n');
                    s.push_str(INDENT);
                    s.push_str(t);
                    s.push('\n');
                }
                Block::Body(t) | Block::Heading2(t) => {
                    s.push_str(INDENT);
                    s.push_str(t);
                    s.push('\n');
                }
                Block::Sender(t) | Block::Date(t) => {
                    if !signed {
                        s.push('\n');
                        signed = true;
                    }
                    s.push_str(t);
                    s.push('\n');
                }
            }
        }
        s
    }
}
