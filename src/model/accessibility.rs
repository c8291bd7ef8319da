//! The site's own statement about accessibility, as a published public site
//! must make it (総務省「みんなの公共サイト運用ガイドライン」): the policy with its
//! date, scope, target and exceptions, and the results of a test of the site
//! (試験結果). Both are content: editors write the policy, and the results
//! file comes from a test run (the project's axe test writes it for the
//! bundled site; editors may put their own test's results in its place).

use serde::{Deserialize, Serialize};

use super::{Date, FileId, Markdown, Spanned};

/// `content/accessibility/policy.toml`: the ウェブアクセシビリティ方針.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "ウェブアクセシビリティ方針（content/accessibility/policy.toml）")]
pub struct Policy {
    /// The day the policy was set or last revised (策定日).
    #[schemars(description = "方針を定めた日・最後に改めた日（策定日）。例: 令和6年4月1日")]
    pub date: Spanned<Date>,
    /// The standard aimed at: `JIS X 8341-3:2016`.
    #[schemars(description = "目標とする規格。例: JIS X 8341-3:2016")]
    pub standard: String,
    /// The conformance level aimed at: `AA`.
    #[schemars(description = "目標とする適合レベル。例: AA")]
    pub level: String,
    /// How far the site claims to meet it: 準拠, 一部準拠 or 配慮.
    #[schemars(description = "対応の度合い: 準拠・一部準拠・配慮 のどれか")]
    pub conformance: Spanned<String>,
    /// The pages the policy covers (対象範囲).
    #[schemars(description = "方針の対象範囲（どのページか）")]
    pub scope: Markdown,
    /// The goal and its deadline, if any (目標).
    #[serde(default)]
    #[schemars(description = "目標とその期限（あれば）")]
    pub goal: Option<Markdown>,
    /// Parts of the site the target does not cover, with why (例外事項).
    #[serde(default, rename = "exception")]
    #[schemars(description = "対象外とする部分と、その理由（例外事項）")]
    pub exceptions: Vec<Exception>,
    /// Where readers report a problem.
    #[serde(default)]
    #[schemars(description = "問題を見つけた人の連絡先")]
    pub contact: Option<Markdown>,
    #[serde(skip)]
    pub file: FileId,
}

/// One part of the site outside the target, and the reason.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "方針の対象外とする部分")]
pub struct Exception {
    #[schemars(description = "対象外とする部分")]
    pub what: String,
    #[schemars(description = "対象外とする理由")]
    pub reason: String,
}

/// `content/accessibility/results.toml`: the 試験結果 of one test of the site.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "試験結果（content/accessibility/results.toml）")]
pub struct TestResults {
    /// The day the test was run (試験日).
    #[schemars(description = "試験をした日")]
    pub date: Spanned<Date>,
    /// How the site was tested, in a sentence (試験の方法).
    #[schemars(description = "試験の方法（一文で）")]
    pub method: String,
    /// The pages tested, with what the test found on each.
    #[serde(default, rename = "page")]
    #[schemars(description = "試験したページと、各ページで見つかった問題の数")]
    pub pages: Vec<TestedPage>,
    /// The result for each success criterion (達成基準チェックリスト).
    #[serde(default, rename = "criterion")]
    #[schemars(description = "達成基準ごとの結果（達成基準チェックリスト）")]
    pub criteria: Vec<CriterionResult>,
    #[serde(skip)]
    pub file: FileId,
}

/// One tested page: its path in the site and the number of violations found.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "試験した1ページ")]
pub struct TestedPage {
    #[schemars(description = "サイト内のページの場所。例: ise/index.html")]
    pub path: String,
    #[serde(default)]
    #[schemars(description = "ページの題名")]
    pub title: Option<String>,
    #[schemars(description = "見つかった問題の数")]
    pub violations: u32,
}

/// The result for one success criterion (`1.4.3`).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "達成基準1つの結果")]
pub struct CriterionResult {
    #[schemars(description = "達成基準の番号。例: 1.4.3")]
    pub id: Spanned<String>,
    /// 適合, 不適合, 非適用 or 未試験.
    #[schemars(description = "結果: 適合・不適合・非適用・未試験 のどれか")]
    pub result: Spanned<String>,
    #[serde(default)]
    #[schemars(description = "注記")]
    pub note: Option<String>,
}

/// The words a criterion's result may be, as JIS X 8341-3 test reports write them.
pub const RESULTS: [&str; 4] = ["適合", "不適合", "非適用", "未試験"];

/// The words a policy's conformance claim may be (JIS X 8341-3 / WAIC wording).
pub(crate) const CONFORMANCE: [&str; 3] = ["準拠", "一部準拠", "配慮"];

/// The success criteria of JIS X 8341-3:2016 at levels A and AA (= WCAG 2.0),
/// with their Japanese names and level, in order.
pub const CRITERIA: [(&str, &str, &str); 38] = [
    ("1.1.1", "非テキストコンテンツ", "A"),
    ("1.2.1", "音声のみ及び映像のみ（収録済）", "A"),
    ("1.2.2", "キャプション（収録済）", "A"),
    ("1.2.3", "音声解説、又はメディアに対する代替（収録済）", "A"),
    ("1.2.4", "キャプション（ライブ）", "AA"),
    ("1.2.5", "音声解説（収録済）", "AA"),
    ("1.3.1", "情報及び関係性", "A"),
    ("1.3.2", "意味のある順序", "A"),
    ("1.3.3", "感覚的な特徴", "A"),
    ("1.4.1", "色の使用", "A"),
    ("1.4.2", "音声の制御", "A"),
    ("1.4.3", "コントラスト（最低限レベル）", "AA"),
    ("1.4.4", "テキストのサイズ変更", "AA"),
    ("1.4.5", "文字画像", "AA"),
    ("2.1.1", "キーボード", "A"),
    ("2.1.2", "キーボードトラップなし", "A"),
    ("2.2.1", "タイミング調整可能", "A"),
    ("2.2.2", "一時停止、停止及び非表示", "A"),
    ("2.3.1", "3回の閃光、又は閾値以下", "A"),
    ("2.4.1", "ブロックスキップ", "A"),
    ("2.4.2", "ページタイトル", "A"),
    ("2.4.3", "フォーカス順序", "A"),
    ("2.4.4", "リンクの目的（コンテキスト内）", "A"),
    ("2.4.5", "複数の手段", "AA"),
    ("2.4.6", "見出し及びラベル", "AA"),
    ("2.4.7", "フォーカスの可視化", "AA"),
    ("3.1.1", "ページの言語", "A"),
    ("3.1.2", "一部分の言語", "AA"),
    ("3.2.1", "フォーカス時", "A"),
    ("3.2.2", "入力時", "A"),
    ("3.2.3", "一貫したナビゲーション", "AA"),
    ("3.2.4", "一貫した識別性", "AA"),
    ("3.3.1", "エラーの特定", "A"),
    ("3.3.2", "ラベル又は説明", "A"),
    ("3.3.3", "エラー修正の提案", "AA"),
    ("3.3.4", "エラー回避（法的、金融及びデータ）", "AA"),
    ("4.1.1", "構文解析", "A"),
    ("4.1.2", "名前（name）、役割（role）及び値（value）", "A"),
];

/// What the site says about its accessibility; either part may be missing.
#[derive(Debug, Clone, Default)]
pub struct Accessibility {
    pub policy: Option<Policy>,
    pub results: Option<TestResults>,
}
