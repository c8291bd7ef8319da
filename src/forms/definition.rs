//! The form definition format (`forms/*.toml`), as serde types that reject
//! unknown keys. A file either defines a whole form or, with `extends`, only
//! what a city's variant changes in another form.

use serde::Deserialize;

use crate::model::Spanned;

/// One `forms/*.toml` file as written.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "様式の定義（forms/*.toml）")]
pub(crate) struct FormFile {
    #[schemars(description = "様式の見出し（[form]）")]
    pub form: Header,
    /// Sections of a whole form; in a variant, sections added (or replaced by id).
    #[serde(default, rename = "section")]
    #[schemars(
        description = "欄のまとまり（[[section]]）。city の様式では、追加・差し替えるまとまり"
    )]
    pub sections: Vec<Section>,
    /// Sections or fields a variant drops from its base.
    #[serde(default)]
    #[schemars(description = "もとの様式から除く欄（[[remove]]）")]
    pub remove: Vec<Remove>,
    /// Labels a variant changes in its base.
    #[serde(default)]
    #[schemars(description = "もとの様式で名前を変える欄（[[relabel]]）")]
    pub relabel: Vec<Relabel>,
    /// Fields a variant inserts into a section of its base.
    #[serde(default)]
    #[schemars(description = "もとの様式に加える欄（[[add]]）")]
    pub add: Vec<AddField>,
}

/// The `[form]` header: what the form is, whom it goes to, how it is signed.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "様式の見出し: 何の様式か、誰に出すか、どう署名するか")]
pub(crate) struct Header {
    #[schemars(description = "様式のID（半角英小文字・数字・-）")]
    pub id: Spanned<String>,
    #[schemars(description = "様式の題名")]
    pub title: String,
    /// The municipality that issues it; absent for a base form shared by variants.
    #[serde(default)]
    #[schemars(description = "様式を出す市町村のID（共通のもとの様式なら書かない）")]
    pub city: Option<String>,
    /// The form this one varies; everything not stated here is taken from it.
    #[serde(default)]
    #[schemars(description = "もとにする様式のID。書かなかったことはもとの様式のまま")]
    pub extends: Option<Spanned<String>>,
    /// The 様式 number printed top left (第1号様式, 別紙3).
    #[serde(default)]
    #[schemars(description = "左上に印刷する様式番号。例: 第1号様式")]
    pub number: Option<String>,
    /// Paper size; only A4 portrait is laid out today.
    #[serde(default)]
    #[schemars(description = "用紙の大きさ")]
    pub page: Option<Spanned<String>>,
    /// Tighter rows for a city sheet that is one dense page: less padding
    /// around the boxes, a one-line title, label columns only as wide as
    /// their labels. The boxes keep their paper sizes.
    #[serde(default)]
    #[schemars(
        description = "1枚に詰まった市の様式に合わせて、行の余白を詰めるなら true（欄の大きさは変わりません）"
    )]
    pub compact: Option<bool>,
    /// Whom the form is addressed to (松江市長 様).
    #[serde(default)]
    #[schemars(description = "宛先。例: 松江市長 様")]
    pub addressee: Option<String>,
    /// The date line's caption (届出日, 申請日, 作成日); none prints no date line.
    #[serde(default)]
    #[schemars(description = "日付欄の見出し。例: 届出日。書かなければ日付欄なし")]
    pub date_label: Option<String>,
    /// Paragraphs printed above the fields: the request itself, consent.
    /// `{article}` is replaced by `article`, so a variant can change only that.
    #[serde(default)]
    #[schemars(
        description = "欄の上に印刷する文章（申請文・同意文）。{article} は article に置き換わります"
    )]
    pub preamble: Option<Vec<String>>,
    /// The 要綱 article the form is filed under (第5条).
    #[serde(default)]
    #[schemars(description = "根拠の要綱の条。例: 第5条")]
    pub article: Option<String>,
    /// Notes printed below the fields (※…).
    #[serde(default)]
    #[schemars(description = "欄の下に印刷する注記（※…）")]
    pub notes: Option<Vec<String>>,
    /// How the signer's name is signed; a variant may change it.
    #[serde(default)]
    #[schemars(
        description = "署名のしかた: none（名前欄のみ）・jisho（自署）・kimei-ouin（記名押印）"
    )]
    pub signature: Option<Spanned<SignatureStyle>>,
    /// Where the fields came from: transcribed from a seed or designed from its text.
    #[serde(default)]
    #[schemars(
        description = "欄の出どころ: 手引きから写した（Transcribed …）か、手引きの文から作った（Designed …）か"
    )]
    pub source: Option<String>,
}

/// How a signer's name line is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(description = "署名のしかた")]
pub enum SignatureStyle {
    /// A plain name field.
    #[default]
    #[schemars(description = "名前の欄だけ")]
    None,
    /// 自署: the person writes the name by hand.
    #[schemars(description = "自署: 本人が手で名前を書く")]
    Jisho,
    /// 記名押印: the name is printed and sealed; prints 印.
    #[schemars(description = "記名押印: 名前を書き、印を押す（印の欄を印刷）")]
    KimeiOuin,
}

/// A titled group of fields, printed as one ruled table.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "欄のまとまり（1つの罫線表）（[[section]]）")]
pub(crate) struct Section {
    #[schemars(description = "まとまりのID（半角英小文字・数字・_）")]
    pub id: Spanned<String>,
    /// Printed down the left of the table (登録者の状況); none for no side title.
    #[serde(default)]
    #[schemars(description = "表の左に印刷する題。例: 登録者の状況")]
    pub title: Option<String>,
    /// In a variant: put this new section after that one (default: at the end).
    #[serde(default)]
    #[schemars(description = "city の様式で、このまとまりを入れる位置（このIDのまとまりの後）")]
    pub after: Option<Spanned<String>>,
    #[serde(default, rename = "field")]
    #[schemars(description = "欄（[[section.field]]）")]
    pub fields: Vec<Field>,
}

/// One labelled row of a section.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "1つの欄（[[section.field]]）")]
pub(crate) struct Field {
    /// ASCII name, unique in its section; with the section id it names the PDF field.
    #[schemars(
        description = "欄の名前（半角英数字、まとまりの中で重ならない）。PDFの欄の名前になります"
    )]
    pub name: Spanned<String>,
    /// The Japanese label printed in the left column and read by screen readers.
    #[schemars(description = "左の列に印刷し、読み上げにも使う欄の名前")]
    pub label: String,
    #[schemars(description = "欄の種類: text・date・choice・checks・rows・fixed・confirm")]
    pub kind: Spanned<FieldKind>,
    /// Text: number of lines (1 = one line).
    #[serde(default)]
    #[schemars(description = "text: 行数（1 なら1行）")]
    pub lines: Option<Spanned<u32>>,
    /// Text: the most characters a field accepts.
    #[serde(default)]
    #[schemars(description = "text: 入力できる最大の文字数")]
    pub max_length: Option<Spanned<u32>>,
    /// Text: how many full-width characters it is expected to hold;
    /// `check` warns when the box cannot hold them at a readable size.
    #[serde(default)]
    #[schemars(
        description = "text: 入る見込みの文字数（全角）。欄が狭くて入らないと check が警告します"
    )]
    pub expected_length: Option<Spanned<u32>>,
    /// Text: print a ふりがな row above, bound to this name as `<name>_kana`.
    #[serde(default)]
    #[schemars(description = "text: 上にふりがなの行を印刷するなら true")]
    pub furigana: bool,
    /// Text: this is the signer's name; printed in the form's signature style.
    #[serde(default)]
    #[schemars(description = "text: 署名する人の名前の欄なら true")]
    pub signer: bool,
    /// Text: printed before the field (〒).
    #[serde(default)]
    #[schemars(description = "text: 欄の前に印刷する文字。例: 〒")]
    pub prefix: Option<String>,
    /// Choice and checks: the options, in printed order.
    #[serde(default)]
    #[schemars(description = "choice・checks: 選択肢（印刷の順）")]
    pub options: Vec<Choice>,
    /// Choice: print options as boxes (□なし □あり) instead of circles (男・女).
    #[serde(default)]
    #[schemars(description = "choice: 選択肢を□で印刷するなら true（○で囲む形でなく）")]
    pub boxes: bool,
    /// Rows: how many entries (緊急連絡先 ×2, 同居家族 ×7).
    #[serde(default)]
    #[schemars(description = "rows: 行の数。例: 緊急連絡先なら 2")]
    pub count: Option<Spanned<u32>>,
    /// Rows: the columns of each entry.
    #[serde(default)]
    #[schemars(description = "rows: 各行の列")]
    pub columns: Vec<Column>,
    /// Rows: how many columns share one printed line of an entry.
    #[serde(default)]
    #[schemars(description = "rows: 1行に印刷する列の数")]
    pub per_line: Option<Spanned<u32>>,
    /// Fixed text and confirm: the statement printed.
    #[serde(default)]
    #[schemars(description = "fixed・confirm: 印刷する文")]
    pub text: Option<String>,
    /// Confirm: the parties who check and date (登録者, 受け入れ先1 …).
    #[serde(default)]
    #[schemars(description = "confirm: 確認する人（登録者、受け入れ先1 など）")]
    pub parties: Vec<Party>,
    /// Date: era names offered; default 令和 only.
    #[serde(default)]
    #[schemars(description = "date: 選べる元号。書かなければ令和のみ")]
    pub eras: Vec<String>,
    /// Printed after the field, small (※ explanations).
    #[serde(default)]
    #[schemars(description = "欄の後に小さく印刷する注記（※…）")]
    pub note: Option<String>,
    /// Printed on the row of the field before it, after that field, with its
    /// own label between (生年月日 … 性別 …); text, date, choice or checks.
    #[serde(default)]
    #[schemars(
        description = "前の欄と同じ行に、その後ろに並べて印刷するなら true（text・date・choice・checks）"
    )]
    pub beside: bool,
    /// Confirm: the parties side by side, a column each, instead of a line each.
    #[serde(default)]
    #[schemars(description = "confirm: 確認する人を1人1列で横に並べるなら true")]
    pub across: bool,
    /// Must be filled in: the web form says so and checks it before printing.
    #[serde(default)]
    #[schemars(description = "必ず書く欄なら true（ウェブの様式が印刷・保存の前に確かめます）")]
    pub required: bool,
    /// Where the field is written: its file and the line of its `kind`, for
    /// faults found after its form is resolved.
    #[serde(skip)]
    pub defined_at: Option<(std::path::PathBuf, crate::diag::LineCol)>,
}

/// What a field is and how it is filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(description = "欄の種類")]
pub(crate) enum FieldKind {
    /// Typed text, one or more lines.
    #[schemars(description = "文字を書く欄（1行または複数行）")]
    Text,
    /// An era date: 元号, 年, 月 and 日 as separate fields.
    #[schemars(description = "日付（元号・年・月・日）")]
    Date,
    /// One of several options (a radio group).
    #[schemars(description = "選択肢から1つ選ぶ")]
    Choice,
    /// Any of several options (check boxes), each with optional inline details.
    #[schemars(description = "当てはまるものすべてに印（チェック）")]
    Checks,
    /// A repeated group of columns (緊急連絡先 1–2).
    #[schemars(description = "同じ列の行をくり返す（緊急連絡先1・2など）")]
    Rows,
    /// Printed text only (consent statements).
    #[schemars(description = "印刷する文だけ（同意文など）")]
    Fixed,
    /// 確認欄: each party ticks, dates and names a statement.
    #[schemars(description = "確認欄: 確認する人ごとに印・日付・名前")]
    Confirm,
}

/// One option of a choice or checks field.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "選択肢1つ")]
pub(crate) struct Choice {
    /// ASCII export value (`male`), also the check box's sub-name.
    #[schemars(description = "書き出すときの値（半角英数字）。例: male")]
    pub value: Spanned<String>,
    /// Printed text (男).
    #[schemars(description = "印刷する文字。例: 男")]
    pub label: String,
    /// Checks: an inline text field in （ ）, with this text printed after it (級).
    #[serde(default)]
    #[schemars(description = "checks: （ ）の中に書く欄を置き、その後にこの文字を印刷。例: 級")]
    pub detail: Option<String>,
    /// Checks: an inline choice among these in （ ） instead of text (A・B).
    #[serde(default)]
    #[schemars(description = "checks: （ ）の中で選ぶ選択肢。例: [\"A\", \"B\"]")]
    pub detail_options: Vec<String>,
}

/// One column of a rows field.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "rows の列1つ")]
pub(crate) struct Column {
    #[schemars(description = "列の名前（半角英数字）")]
    pub name: Spanned<String>,
    #[schemars(description = "列の見出し")]
    pub label: String,
    /// Relative width on its line (default 1).
    #[serde(default)]
    #[schemars(description = "行の中での幅の割合（書かなければ 1）")]
    pub width: Option<u32>,
    /// A choice column (同居・別居); empty for text.
    #[serde(default)]
    #[schemars(description = "選ぶ列なら選択肢（同居・別居 など）。文字の列なら書かない")]
    pub options: Vec<Choice>,
    /// A text column: how many full-width characters it is expected to hold.
    #[serde(default)]
    #[schemars(description = "文字の列に入る見込みの文字数（全角）")]
    pub expected_length: Option<Spanned<u32>>,
}

/// A party of a 確認欄.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "確認欄の1人")]
pub(crate) struct Party {
    #[schemars(description = "名前（半角英数字）")]
    pub name: Spanned<String>,
    #[schemars(description = "印刷する見出し")]
    pub label: String,
    /// Prints a seal circle after the 担当者 name, where the city's sheet has 担当者印.
    #[serde(default)]
    #[schemars(description = "担当者名の後に印の丸を印刷するなら true")]
    pub seal: bool,
}

/// A variant's removal of a section or field of its base.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "もとの様式から除く欄")]
pub(crate) struct Remove {
    /// `section` or `section.field`.
    #[schemars(description = "まとまりのID、または まとまりのID.欄の名前")]
    pub path: Spanned<String>,
}

/// A variant's change of one printed label.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "名前を変える欄")]
pub(crate) struct Relabel {
    /// `section` or `section.field`.
    #[schemars(description = "まとまりのID、または まとまりのID.欄の名前")]
    pub path: Spanned<String>,
    #[schemars(description = "新しい名前")]
    pub label: String,
}

/// A variant's new field in a base section.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "もとの様式に加える欄")]
pub(crate) struct AddField {
    #[schemars(description = "加えるまとまりのID")]
    pub section: Spanned<String>,
    /// Insert after this field (default: at the end of the section).
    #[serde(default)]
    #[schemars(description = "この欄の後に入れる（書かなければまとまりの最後）")]
    pub after: Option<Spanned<String>>,
    #[schemars(description = "加える欄")]
    pub field: Field,
}
