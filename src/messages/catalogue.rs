//! The catalogue: every message tebiki prints, English and Japanese side by side.
//!
//! To add a message: add a variant to [`Msg`] with the arguments it shows,
//! then its arm in [`Msg::render`] with `say!(lang, en: …, hint; ja: …, hint)`.
//! The compiler insists on both languages and on arguments that exist.

use super::toml_faults::ValueKind;
use super::{Lang, Text, say};
use crate::model::DateFault;

/// A kind of thing with an id, for "unknown …", "duplicate …" and "did you mean".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IdKind {
    HubFunction,
    Role,
    Revision,
    RevisionOfAddOn,
    AddOn,
    MonitoringPeriod,
    Table,
    Page,
    MemberTown,
    Organisation,
    Subsidy,
    FunctionDescription,
    Flow,
    Step,
    FlowStep,
    Qa,
    GlossaryTerm,
    Directory,
    List,
    Form,
    City,
}

impl IdKind {
    /// The kind's name in running text.
    pub fn name(self, lang: Lang) -> &'static str {
        use IdKind::*;
        let (en, ja) = match self {
            HubFunction => ("hub function", "拠点の機能"),
            Role => ("role", "役割"),
            Revision => ("revision", "報酬改定"),
            RevisionOfAddOn => ("revision of this add-on", "この加算の報酬改定"),
            AddOn => ("add-on", "加算"),
            MonitoringPeriod => ("monitoring period", "モニタリング期間"),
            Table => ("table", "表"),
            Page => ("page", "ページ"),
            MemberTown => ("member town", "構成町村"),
            Organisation => ("organisation", "機関"),
            Subsidy => ("subsidy", "市独自の補助"),
            FunctionDescription => ("function description", "機能の説明"),
            Flow => ("flow", "流れ"),
            Step | FlowStep => ("step", "手順"),
            Qa => ("Q&A", "Q&A"),
            GlossaryTerm => ("glossary term", "用語"),
            Directory => ("directory", "連絡先一覧"),
            List => ("list", "一覧"),
            Form => ("form", "様式"),
            City => ("city", "市町村"),
        };
        lang.pick(en, ja)
    }

    /// Where ids of this kind are defined, to say where to look for the right one.
    fn defined_in(self, lang: Lang) -> String {
        use IdKind::*;
        let (en, ja) = match self {
            HubFunction => (
                "hub functions are defined in content/national/functions.toml",
                "拠点の機能は content/national/functions.toml に書かれたものから選びます",
            ),
            Role => (
                "role types are defined in content/national/roles.toml",
                "役割は content/national/roles.toml に書かれたものから選びます",
            ),
            Revision | RevisionOfAddOn => (
                "revisions are defined in content/national/revisions.toml",
                "報酬改定は content/national/revisions.toml に書かれたものから選びます",
            ),
            AddOn => (
                "add-ons are defined once, nationally, in content/national/addons/",
                "加算は国の内容として content/national/addons/ に一度だけ書かれています",
            ),
            Form => (
                "forms are defined in forms/; use the id in the form's [form] header",
                "様式は forms/ にあります。様式の [form] の下の id を書いてください",
            ),
            Organisation => (
                "organisations are defined as [[organisation]] in this city's organisations.toml",
                "機関はこの市の organisations.toml に [[organisation]] として書きます",
            ),
            Subsidy => (
                "local subsidies are defined as [[subsidy]] in this city's subsidies.toml",
                "市独自の補助はこの市の subsidies.toml に [[subsidy]] として書きます",
            ),
            MemberTown => (
                "member towns are listed as [[member]] in the city's city.toml",
                "構成町村は city.toml に [[member]] として書きます",
            ),
            Flow => (
                "a branch may lead to another flow of this city; write its id",
                "分かれ道の先には、この市の別の流れの id を書けます",
            ),
            Step | FlowStep => (
                "write the step as `flow-id/step-id`, both from this city's flows",
                "手順は `流れのid/手順のid` の形で、この市の流れから書いてください",
            ),
            City => (
                "`city` must be the id of a folder in content/cities/",
                "`city` には content/cities/ の中のフォルダ名（市町村の id）を書きます",
            ),
            _ => (
                "ids are defined by the `id` of each entry",
                "id はそれぞれの項目の `id = \"…\"` で決まります",
            ),
        };
        lang.pick(en, ja).to_string()
    }
}

/// What a file that could not be read was to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SourceKind {
    Content,
    Synonyms,
    Form,
}

/// How an output folder stands to a folder the build reads from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relation {
    Is,
    LiesInside,
    Holds,
}

/// A typographic quote typed where TOML needs a plain `"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quoted(pub char);

/// Every message, with the arguments it shows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Msg {
    // Reading files.
    ContentFolderMissing,
    NationalFolderMissing,
    CitiesFolderMissing,
    SymlinkNotFollowed,
    CannotRead {
        kind: SourceKind,
        error: String,
    },
    NotUtf8 {
        kind: SourceKind,
    },
    CityFolderReserved {
        name: String,
    },
    CityFolderNotAnId {
        name: String,
        suggestion: Option<String>,
    },
    NoCityToml,
    CityIdNotFolder {
        id: String,
        folder: String,
    },
    FormHeaderUnreadable,
    NoFrontMatter,
    FrontMatterNotClosed,
    NotAListOfTables {
        key: String,
        found: String,
    },
    UnknownSection {
        key: String,
        allowed: Vec<String>,
        suggestion: Option<String>,
    },

    // TOML and its keys, from the reader's own English.
    UnknownKey {
        key: String,
        allowed: Vec<String>,
        suggestion: Option<String>,
    },
    KeyUnderWrongHeader {
        key: String,
        under: String,
        belongs: String,
    },
    MissingKey {
        key: String,
    },
    WrongType {
        found: ValueKind,
        expected: ValueKind,
    },
    NegativeNumber {
        found: String,
    },
    UnknownValue {
        value: String,
        allowed: Vec<String>,
        suggestion: Option<String>,
    },
    DuplicateKey {
        key: String,
    },
    Syntax {
        problem: String,
        expected: Vec<String>,
    },
    BadDate(DateFault),
    Unreadable {
        text: String,
    },
    TypographicQuote(Quoted),
    FullWidthEquals,
    FullWidthBracket,
    FullWidthSpaceInKey,

    // Checks of content.
    Placeholder,
    DuplicateId {
        kind: IdKind,
        id: String,
        first: String,
    },
    InvalidId {
        kind: IdKind,
        id: String,
    },
    UnknownId {
        kind: IdKind,
        id: String,
        suggestion: Option<String>,
    },
    MonitoringMonths {
        months: u32,
    },
    AddOnHasNoValue {
        addon: String,
    },
    AddOnTwoValues {
        addon: String,
        revision: String,
    },
    ValueStatesNoUnits {
        addon: String,
        revision: String,
    },
    ZeroUnits,
    ZeroCap,
    ZeroYen,
    ZeroDays,
    RowCells {
        label: String,
        cells: usize,
        columns: usize,
    },
    TableMembers {
        table: String,
        members: usize,
        columns: usize,
    },
    Conformance {
        claim: String,
    },
    NotACriterion {
        id: String,
    },
    CriterionTwice {
        id: String,
    },
    TestResult {
        result: String,
    },
    LegendMark {
        mark: String,
    },
    MarkUnexplained {
        table: String,
        mark: char,
    },
    RegionFunction {
        name: String,
        id: String,
        region: String,
        city: String,
        prefecture: String,
    },
    FunctionNotDescribed {
        id: String,
        name: String,
    },
    ConditionOnUncitedAddOn {
        id: String,
        name: String,
    },
    StatedNoneButGiven {
        key: String,
        what: String,
    },
    CsvNotFound {
        file: String,
    },
    LinkNotShown {
        key: String,
        target: String,
    },
    UsageUnknownArgument {
        arg: String,
        suggestion: Option<String>,
    },
    UsageUnknownCommand {
        command: String,
        suggestion: Option<String>,
    },
    UsageMissingArgument {
        args: String,
    },
    UsageMissingCommand,
    UsageInvalidValue {
        arg: String,
        value: String,
        allowed: Option<String>,
        why: Option<String>,
    },
    UsageConflict {
        arg: String,
        other: String,
    },
    UsageUnexpected {
        value: String,
    },
    UsageOther {
        detail: String,
    },
    CsvNotText,
    CsvUnknownColumn {
        column: String,
        allowed: Vec<String>,
        suggestion: Option<String>,
    },
    CsvColumnTwice {
        column: String,
    },
    CsvColumnMissing {
        column: String,
    },
    CsvRowFields {
        fields: usize,
        columns: usize,
    },
    CsvValueMissing {
        column: String,
    },
    CsvAndEntries {
        entries: String,
    },
    NoEntries {
        entries: String,
    },
    FormUnknownCity {
        form: String,
        city: String,
        suggestion: Option<String>,
    },
    QaNumberTwice {
        number: u32,
    },
    NextLeadsNowhere {
        step: String,
    },
    NotAStepOfFlow {
        from: String,
        to: String,
        flow: String,
        suggestion: Option<String>,
    },
    HandedOnByUninvolved {
        what: String,
        id: String,
        flow: String,
    },
    UndeclaredLoop {
        from: String,
        to: String,
    },
    UnknownLinkKind {
        scheme: String,
        schemes: Vec<String>,
    },
    LinkToUnknown {
        scheme: String,
        id: String,
        national_page: bool,
        in_city: bool,
        suggestion: Option<String>,
    },
    ValueEndsBeforeRevision {
        addon: String,
        effective: String,
    },
    ValuesOverlap {
        addon: String,
        later: String,
        earlier: String,
    },
    AddOnEnded {
        addon: String,
        until: String,
    },
    AmountsEndBeforeStart {
        subsidy: String,
        until: String,
        from: String,
    },
    AmountsWithoutFrom {
        subsidy: String,
    },
    AmountsOverlap {
        subsidy: String,
    },
    SubsidyEnded {
        subsidy: String,
        until: String,
    },
    NotInForce {
        addon: String,
        as_of: String,
    },
    NationalFeeStated {
        text: String,
    },
    TableTooWide {
        table: Option<String>,
        columns: usize,
        max: usize,
    },
    UnbreakableRun {
        shown: String,
        chars: usize,
        limit: usize,
    },

    // Forms.
    FormExtendsItself {
        form: String,
    },
    ExtendsUnknownForm {
        base: String,
        known: Vec<String>,
        suggestion: Option<String>,
    },
    BaseFormHasNo {
        what: String,
        path: String,
    },
    PageSize {
        page: String,
    },
    SectionIdInvalid {
        id: String,
    },
    DuplicateSection {
        id: String,
    },
    FieldNameInvalid {
        name: String,
    },
    DuplicateField {
        name: String,
    },
    KanaTaken {
        name: String,
    },
    OptionValueInvalid {
        value: String,
    },
    TooManyOptions {
        name: String,
        count: usize,
        max: usize,
    },
    TooFewOptions {
        name: String,
    },
    RowsNeedCount {
        name: String,
    },
    TooManyRows {
        name: String,
        count: u32,
        max: u32,
    },
    TooManyColumns {
        name: String,
        count: usize,
        max: usize,
    },
    ColumnNameInvalid {
        name: String,
    },
    PerLineZero,
    FixedNoText {
        name: String,
    },
    ConfirmNoParties {
        name: String,
    },
    PartyNameInvalid {
        name: String,
    },
    UnknownEra {
        era: String,
    },
    LinesOutOfRange,
    BesideCannot {
        name: String,
    },
    AcrossOnlyConfirm {
        name: String,
    },
    KeyNotForKind {
        name: String,
        key: String,
        kind: String,
        allowed: String,
    },
    FormUnusable {
        form: String,
    },
    FormNotRendered {
        form: String,
        error: String,
    },
    FontsUnreadable {
        dir: String,
        error: String,
    },
    GuideNotSet {
        city: String,
        error: String,
    },

    // The synonym table.
    SynonymGroupTooSmall,
    SynonymEmptyWord,
    SynonymRepeated {
        word: String,
        line: usize,
    },
    SynonymSameWord {
        word: String,
        other: String,
        line: usize,
    },

    // The command line.
    Summary {
        errors: usize,
        warnings: usize,
    },
    /// `serve`: where the site is served and what is watched.
    ServeServing {
        out: String,
        url: String,
        roots: String,
    },
    ServeStopping,
    /// `serve`: a file the watcher saw change.
    ServeChanged {
        path: String,
    },
    /// `serve`: a rebuild that changed the served folder; `phases` already
    /// in the form `check 3 ms, …`.
    ServeRebuilt {
        pages: usize,
        ms: u64,
        rendered: usize,
        written: usize,
        removed: usize,
        phases: String,
        theme: bool,
    },
    ServeContentChanged {
        entities: String,
    },
    ServeUnchanged {
        ms: u64,
    },
    ServeRebuildStopped {
        ms: u64,
    },
    /// `serve`: the printable guides set after the pages.
    ServeGuides {
        ms: u64,
        guides: usize,
        others: usize,
    },
    CheckOk {
        cities: usize,
        addons: usize,
        forms: usize,
    },
    Built {
        pages: usize,
        forms: usize,
        guides: usize,
        out: String,
    },
    BuildStopped {
        out: String,
    },
    CannotWrite {
        out: String,
        error: String,
    },
    BadLang {
        code: String,
    },
    BadAsOf(DateFault),
    Wrote {
        path: String,
    },
    ScaffoldNext,
    ScaffoldNotAnId {
        id: String,
    },
    ScaffoldNotAPrefecture {
        prefecture: String,
    },
    ScaffoldNoCity {
        id: String,
    },
    ScaffoldExists {
        path: String,
    },
    ScaffoldCannotWrite {
        path: String,
        error: String,
    },
    DiffCannotOpen {
        error: String,
    },
    DiffStopped,
    DiffCannotBuild {
        error: String,
    },
    CannotWriteJson {
        error: String,
    },
    CannotReadPdf {
        pdf: String,
        error: String,
    },
    ExportFailed {
        pdf: String,
        error: String,
        unfilled: bool,
    },

    // The output folder.
    OutNotAFolder {
        out: String,
        kind: String,
    },
    OutIsLink {
        out: String,
        to: String,
    },
    /// A form's text box cannot hold its expected length at the smallest type size.
    FieldTooNarrow {
        name: String,
        label: String,
        mm: u32,
        holds: u32,
        size: u32,
        key: &'static str,
        value: u32,
        /// The length is counted in half-width characters (`max_length`).
        half: bool,
    },
    /// A form definition its web form cannot show as its PDF does.
    WebChoiceWithoutOptions {
        form: String,
        field: String,
    },
    WebRowsWithoutColumns {
        form: String,
        field: String,
    },
    WebRequiredOnPrinted {
        form: String,
        field: String,
    },
    WebFieldsDiffer {
        form: String,
        from: usize,
        web: String,
        pdf: String,
    },
    /// `tebiki schema` found a file it did not write where it would write one.
    SchemaNotOurs {
        path: String,
    },
    SchemaCannotWrite {
        path: String,
        error: String,
    },
    OutSources {
        out: String,
        source: String,
        relation: Relation,
    },
    OutNotOurs {
        out: String,
        entries: Vec<String>,
        kept: usize,
    },
    OutUnreadable {
        out: String,
        error: String,
    },
    ForceReplaces {
        out: String,
        entries: Vec<String>,
    },

    // `serve`.
    ServeCannotLook {
        out: String,
    },
    ServeCannotListen {
        port: u16,
        error: String,
    },
    ServeCtrlC {
        error: String,
    },
    ServeCannotWatch {
        error: String,
    },
    ServeCannotOpenBrowser {
        error: String,
        url: String,
    },
    ServeWatching {
        error: String,
    },
    ServePortInUse {
        port: u16,
        free: u16,
    },
    ServeWorkFolder {
        out: String,
        error: String,
    },
    ServeCannotWrite {
        out: String,
        error: String,
    },
}

/// `; did you mean `x`?` / `。もしかして `x` ですか？`, or nothing.
fn did_you_mean(lang: Lang, suggestion: &Option<String>) -> String {
    match (suggestion, lang) {
        (None, _) => String::new(),
        (Some(s), Lang::En) => format!("; did you mean `{s}`?"),
        (Some(s), Lang::Ja) => format!("。もしかして `{s}` ですか？"),
    }
}

/// Names in backquotes, as a list: `a`, `b`.
fn quoted(lang: Lang, items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    lang.list(&items)
}

/// A few names from a list, then how many more.
fn some_of(lang: Lang, entries: &[String]) -> String {
    const SHOWN: usize = 5;
    let shown: Vec<String> = entries.iter().take(SHOWN).cloned().collect();
    let mut text = lang.list(&shown);
    if entries.len() > SHOWN {
        let more = entries.len() - SHOWN;
        text.push_str(&match lang {
            Lang::En => format!(" and {more} more"),
            Lang::Ja => format!(" ほか {more} 件"),
        });
    }
    text
}

impl Msg {
    /// The message and its hint in `lang`.
    pub fn render(&self, lang: Lang) -> Text {
        use Msg::*;
        match self {
            ContentFolderMissing => say!(lang,
                en: "content folder not found",
                    "run tebiki in the folder that holds content/, or pass --content DIR";
                ja: "content フォルダが見つかりません",
                    "content/ のあるフォルダで tebiki を実行するか、--content でフォルダを指定してください"),
            NationalFolderMissing => say!(lang,
                en: "national content folder not found",
                    "national rules live in content/national/";
                ja: "国の内容のフォルダが見つかりません",
                    "国の制度の内容は content/national/ に置きます"),
            CitiesFolderMissing => say!(lang,
                en: "cities folder not found",
                    "each municipality lives in content/cities/<id>/";
                ja: "市町村のフォルダ content/cities/ が見つかりません",
                    "市町村ごとに content/cities/<id>/ のフォルダを作ります"),
            SymlinkNotFollowed => say!(lang,
                en: "symbolic link not followed",
                    "tebiki reads only files and folders that are really here: copy the file or folder in place of the link";
                ja: "シンボリックリンク（ショートカット）は読みません",
                    "リンクの代わりに、ファイルやフォルダそのものをここにコピーしてください"),
            CannotRead { kind, error } => {
                let (en, ja) = kind.must_be();
                say!(lang,
                    en: "cannot read file: {error}", "{en}";
                    ja: "ファイルを読めません: {error}", "{ja}")
            }
            NotUtf8 { kind } => {
                let (en, ja) = kind.must_be();
                say!(lang,
                    en: "this file is not UTF-8 text: the character here cannot be read",
                        "{en}; save the file again choosing the UTF-8 encoding (not Shift_JIS)";
                    ja: "このファイルは UTF-8 で保存されていないため、ここの文字を読めません",
                        "{ja}。エディタで文字コード「UTF-8」を選んで保存し直してください（Shift_JIS ではなく）")
            }
            CityFolderReserved { name } => say!(lang,
                en: "the city folder `{name}` has a name the site or Windows reserves",
                    "rename the folder to the city's romanised name, such as `zushi`, and set the same `id` in its city.toml; the Japanese name goes in `name`";
                ja: "市町村のフォルダ名 `{name}` は、サイトか Windows が使う名前なので使えません",
                    "フォルダ名を `zushi` のような市町村名のローマ字に変え、city.toml の `id` も同じにしてください。日本語の名前は `name` に書きます"),
            CityFolderNotAnId {
                name,
                suggestion: Some(s),
            } => say!(lang,
                en: "the city folder name `{name}` is not an id: ids are lower-case ASCII letters, digits and `-`",
                    "rename the folder to `{s}` and set `id = \"{s}\"` in its city.toml; the Japanese name goes in `name`";
                ja: "市町村のフォルダ名 `{name}` は id になりません。id に使えるのは半角の小文字英字・数字・`-` だけです",
                    "フォルダ名を `{s}` に変え、city.toml に `id = \"{s}\"` と書いてください。日本語の名前は `name` に書きます"),
            CityFolderNotAnId {
                name,
                suggestion: None,
            } => say!(lang,
                en: "the city folder name `{name}` is not an id: ids are lower-case ASCII letters, digits and `-`",
                    "rename the folder to the city's romanised name, such as `zushi`, and set the same `id` in its city.toml; the Japanese name goes in `name`";
                ja: "市町村のフォルダ名 `{name}` は id になりません。id に使えるのは半角の小文字英字・数字・`-` だけです",
                    "フォルダ名を `zushi` のような市町村名のローマ字に変え、city.toml の `id` も同じにしてください。日本語の名前は `name` に書きます"),
            NoCityToml => say!(lang,
                en: "municipality has no city.toml",
                    "every folder under content/cities/ needs a city.toml with its id, name and guide";
                ja: "この市町村のフォルダに city.toml がありません",
                    "content/cities/ の下のフォルダには、id・名前・手引きを書いた city.toml が必要です（`tebiki new city` で作れます）"),
            CityIdNotFolder { id, folder } => say!(lang,
                en: "city id `{id}` does not match its folder `{folder}`",
                    "rename the folder or set `id = \"{folder}\"`";
                ja: "市町村の id `{id}` がフォルダ名 `{folder}` と違います",
                    "フォルダ名を変えるか、`id = \"{folder}\"` と書いてください"),
            FormHeaderUnreadable => say!(lang,
                en: "form definition has no readable `[form]` header with `id` and `title`",
                    "start the file with [form], id = \"…\", title = \"…\"";
                ja: "様式のファイルに、`id` と `title` のある `[form]` の見出しが読み取れません",
                    "ファイルの初めに [form]、id = \"…\"、title = \"…\" を書いてください"),
            NoFrontMatter => say!(lang,
                en: "page has no front matter",
                    "start the page with +++, then id, title and order, then +++";
                ja: "ページの初めに設定の部分（+++ で囲んだ部分）がありません",
                    "ページの1行目を +++ にし、id・title・order を書いて、また +++ の行で閉じてください"),
            FrontMatterNotClosed => say!(lang,
                en: "front matter is not closed",
                    "end the front matter with a line holding only +++";
                ja: "ページの設定の部分が閉じられていません",
                    "設定の終わりに +++ だけの行を書いてください"),
            NotAListOfTables { key, found } => say!(lang,
                en: "`{key}` must be a list of tables, found a {found}",
                    "write each entry under its own `[[{key}]]` header";
                ja: "`{key}` は [[{key}]] の見出しで書く項目です",
                    "項目ごとに `[[{key}]]` の見出しを書き、その下に内容を書いてください"),
            UnknownSection {
                key,
                allowed,
                suggestion,
            } => {
                let list = lang.list(
                    &allowed
                        .iter()
                        .map(|k| format!("[[{k}]]"))
                        .collect::<Vec<_>>(),
                );
                let mean = did_you_mean(lang, suggestion);
                say!(lang,
                    en: "unknown section `{key}`", "this file may hold {list}; check the spelling{mean}";
                    ja: "見出し `{key}` はこのファイルでは使えません",
                        "このファイルに書ける見出しは {list} です。つづりを確かめてください{mean}")
            }

            UnknownKey {
                key,
                allowed,
                suggestion,
            } => {
                let list = quoted(lang, allowed);
                let mean = did_you_mean(lang, suggestion);
                if allowed.is_empty() {
                    say!(lang,
                        en: "unknown field `{key}`: this entry takes no keys",
                            "remove `{key}`";
                        ja: "キー `{key}` はここでは使えません。この項目にはキーを書けません",
                            "`{key}` の行を消してください")
                } else {
                    say!(lang,
                        en: "unknown field `{key}`, expected one of {list}",
                            "check the spelling of the key{mean}";
                        ja: "キー `{key}` はこの項目では使えません。{list} のどれかを書いてください",
                            "キーのつづりを確かめてください{mean}")
                }
            }
            KeyUnderWrongHeader {
                key,
                under,
                belongs,
            } => say!(lang,
                en: "`{key}` is written under `{under}`, where it is not a key; it is a key of `{belongs}`",
                    "move the line `{key} = …` up, above the first `{under}` of this entry, so that it is under `{belongs}`";
                ja: "`{key}` が見出し `{under}` の下に書かれていますが、これは `{belongs}` のキーです",
                    "`{key} = …` の行を、この項目の最初の `{under}` より上（`{belongs}` の下）に移してください"),
            MissingKey { key } => say!(lang,
                en: "missing field `{key}`", "add `{key} = …` to this entry";
                ja: "この項目に `{key}` がありません", "この項目に `{key} = …` を書き足してください"),
            WrongType { found, expected } => {
                let (found_en, found_ja) = (found.describe(Lang::En), found.describe(Lang::Ja));
                let (expected_en, expected_ja) =
                    (expected.describe(Lang::En), expected.describe(Lang::Ja));
                let (hint_en, hint_ja) = expected.how_to_write();
                say!(lang,
                    en: "this is {found_en}, but {expected_en} is needed here", "{hint_en}";
                    ja: "ここには{expected_ja}を書きますが、{found_ja}で書かれています", "{hint_ja}")
            }
            NegativeNumber { found } => say!(lang,
                en: "`{found}` is below zero; a count or amount here is 0 or more",
                    "write a whole number without a minus sign, e.g. `700`";
                ja: "`{found}` はマイナスの数です。ここには 0 以上の数を書きます",
                    "マイナス記号を付けずに、`700` のように半角数字で書いてください"),
            UnknownValue {
                value,
                allowed,
                suggestion,
            } => {
                let list = quoted(lang, allowed);
                let mean = did_you_mean(lang, suggestion);
                say!(lang,
                    en: "`{value}` is not one of the values allowed here: {list}",
                        "use one of the values listed, exactly as written{mean}";
                    ja: "`{value}` はここに書ける値ではありません。{list} のどれかを書いてください",
                        "一覧の値を、そのとおりに書いてください{mean}")
            }
            DuplicateKey { key } => say!(lang,
                en: "the key `{key}` is written twice",
                    "each key may appear once per entry; remove or merge the repeated one";
                ja: "キー `{key}` が二度書かれています",
                    "一つの項目に同じキーは一度だけ書けます。どちらかを消すか、一つにまとめてください"),
            Syntax { problem, expected } => {
                let (problem_ja, hint_ja) = super::toml_faults::syntax_ja(problem);
                let expected_en = if expected.is_empty() {
                    String::new()
                } else {
                    format!(", expected {}", expected.join(", "))
                };
                let expected_ja = if expected.is_empty() {
                    String::new()
                } else {
                    format!("（ここには {} が来るはずです）", lang.list(expected))
                };
                say!(lang,
                    en: "{problem}{expected_en}",
                        "fix the TOML syntax here: strings need quotes, tables need [headers]";
                    ja: "書き方の誤り: {problem_ja}{expected_ja}", "{hint_ja}")
            }
            BadDate(fault) => {
                let en = fault.to_string();
                let ja = fault.ja();
                say!(lang,
                    en: "{en}", "write dates as 2024-04-01 or \"令和6年4月1日\"";
                    ja: "{ja}", "日付は 2024-04-01 か \"令和6年4月1日\" のように書いてください")
            }
            Unreadable { text } => say!(lang,
                en: "{text}", "this part could not be read; see docs/content-format.md";
                ja: "この部分を読み取れません（{text}）",
                    "書き方は docs/content-format.md を見てください"),
            TypographicQuote(Quoted(quote)) => say!(lang,
                en: "`{quote}` is a typographic quote: TOML reads only the plain double quote `\"`",
                    "retype the quotes around the text as \" (the key beside Enter with Shift, in half-width mode), e.g. name = \"逗子市\"";
                ja: "`{quote}` は飾りの引用符（全角・カーブした引用符）です。TOML では半角の `\"` しか使えません",
                    "文字の前後の引用符を、半角入力で Shift+2 の \" に打ち直してください。例: name = \"逗子市\""),
            FullWidthEquals => say!(lang,
                en: "`＝` is a full-width equals sign: TOML needs the half-width `=`",
                    "retype it as = in half-width mode, e.g. id = \"soudan\"";
                ja: "`＝` は全角のイコールです。TOML では半角の `=` を使います",
                    "半角入力で = に打ち直してください。例: id = \"soudan\""),
            FullWidthBracket => say!(lang,
                en: "`［` is a full-width bracket: a header needs the half-width `[` and `]`",
                    "retype the header in half-width mode, e.g. [[qa]]";
                ja: "`［` は全角のかっこです。見出しには半角の `[` と `]` を使います",
                    "見出しを半角入力で打ち直してください。例: [[qa]]"),
            FullWidthSpaceInKey => say!(lang,
                en: "a full-width space (　) is in this line's key",
                    "delete it, or retype it as a half-width space; keys are half-width, e.g. title = \"…\"";
                ja: "この行のキーに全角の空白（　）があります",
                    "全角の空白を消すか、半角の空白に打ち直してください。キーは半角で書きます。例: title = \"…\""),

            Placeholder => say!(lang,
                en: "this text is still to be written (【記入】)",
                    "replace 【記入】 and the words after it with what the city's guide says";
                ja: "ここはまだ書かれていません（【記入】）",
                    "【記入】とその後の説明を、市の手引きに書かれている内容に書き換えてください"),
            DuplicateId { kind, id, first } => {
                let (en, ja) = (kind.name(Lang::En), kind.name(Lang::Ja));
                say!(lang,
                    en: "duplicate {en} id `{id}`",
                        "it is already defined at {first}; give one of them another id";
                    ja: "{ja}の id `{id}` が二つあります",
                        "{first} でもう使われています。どちらかを別の id にしてください")
            }
            InvalidId { kind, id } => {
                let (en, ja) = (kind.name(Lang::En), kind.name(Lang::Ja));
                say!(lang,
                    en: "{en} id `{id}` is not a valid id",
                        "ids use lower-case ASCII letters, digits and hyphens, e.g. `soudan-kyoka`";
                    ja: "{ja}の id `{id}` は id として使えません",
                        "id は半角の小文字英字・数字・`-` で書きます。例: `soudan-kyoka`")
            }
            UnknownId {
                kind,
                id,
                suggestion,
            } => {
                let (en, ja) = (kind.name(Lang::En), kind.name(Lang::Ja));
                let (where_en, where_ja) = (kind.defined_in(Lang::En), kind.defined_in(Lang::Ja));
                let mean = did_you_mean(lang, suggestion);
                say!(lang,
                    en: "unknown {en} `{id}`", "{where_en}{mean}";
                    ja: "{ja} `{id}` が見つかりません", "{where_ja}{mean}")
            }
            MonitoringMonths { months } => say!(lang,
                en: "monitoring period of {months} months is impossible",
                    "standard monitoring periods are between 1 and 12 months";
                ja: "モニタリング期間 {months} か月はありえません",
                    "モニタリング期間は 1〜12 か月で書きます"),
            AddOnHasNoValue { addon } => say!(lang,
                en: "add-on `{addon}` has no value",
                    "add a [[addon.value]] with the revision and its units";
                ja: "加算 `{addon}` に単位数が書かれていません",
                    "[[addon.value]] を書き、報酬改定と単位数を書いてください"),
            AddOnTwoValues { addon, revision } => say!(lang,
                en: "add-on `{addon}` has two values for revision `{revision}`",
                    "keep one [[addon.value]] per revision";
                ja: "加算 `{addon}` に、報酬改定 `{revision}` の値が二つあります",
                    "[[addon.value]] は報酬改定ごとに一つにしてください"),
            ValueStatesNoUnits { addon, revision } => say!(lang,
                en: "value of `{addon}` for `{revision}` states no units",
                    "give `units = …`, or [[addon.value.variant]] entries, or a `note` saying why there are none";
                ja: "`{addon}` の `{revision}` の値に単位数がありません",
                    "`units = …` か [[addon.value.variant]] を書くか、単位数がない理由を `note` に書いてください"),
            ZeroUnits => say!(lang,
                en: "0 units is not a fee",
                    "write the number of units from the fee schedule, e.g. `units = 700`";
                ja: "0 単位は報酬になりません",
                    "報酬の表にある単位数を書いてください。例: `units = 700`"),
            ZeroCap => say!(lang,
                en: "a cap of 0 forbids the fee altogether",
                    "write the limit as printed, e.g. `count = 4` for 月4回を限度";
                ja: "上限が 0 回では、この報酬は一度も取れません",
                    "書かれているとおりの上限を書いてください。例: 月4回を限度なら `count = 4`"),
            ZeroYen => say!(lang,
                en: "a subsidy of 0 yen pays nothing",
                    "write the amount in yen as printed, e.g. `yen = 7000`";
                ja: "0 円の補助では何も支払われません",
                    "書かれているとおりの金額を円で書いてください。例: `yen = 7000`"),
            ZeroDays => say!(lang,
                en: "a limit of 0 days allows nothing",
                    "write the day limit as printed, e.g. `days = 7`";
                ja: "0 日の上限では一日も使えません",
                    "書かれているとおりの日数の上限を書いてください。例: `days = 7`"),
            RowCells {
                label,
                cells,
                columns,
            } => say!(lang,
                en: "row `{label}` has {cells} cells but the table has {columns} columns",
                    "give one cell per column, in column order; use \"\" for an empty cell";
                ja: "行 `{label}` のますは {cells} 個ですが、表の列は {columns} 列です",
                    "列の順に、列ごとに一つずつ書いてください。空のますは \"\" と書きます"),
            TableMembers {
                table,
                members,
                columns,
            } => say!(lang,
                en: "table `{table}` names {members} member towns for {columns} columns",
                    "list one member town per column, in column order";
                ja: "表 `{table}` は {columns} 列ですが、構成町村は {members} 書かれています",
                    "列の順に、列ごとに構成町村を一つずつ書いてください"),
            Conformance { claim } => say!(lang,
                en: "conformance `{claim}` is not one of 準拠, 一部準拠, 配慮",
                    "write how far the site meets the standard: `conformance = \"準拠\"` (or 一部準拠, 配慮)";
                ja: "適合の度合い `{claim}` は 準拠・一部準拠・配慮 のどれでもありません",
                    "`conformance = \"準拠\"`（または 一部準拠、配慮）のように書いてください"),
            NotACriterion { id } => say!(lang,
                en: "`{id}` is not a success criterion of JIS X 8341-3:2016 (A, AA)",
                    "write the criterion's number as the standard does, e.g. `id = \"1.4.3\"`";
                ja: "`{id}` は JIS X 8341-3:2016（A・AA）の達成基準の番号ではありません",
                    "規格に書かれている番号で書いてください。例: `id = \"1.4.3\"`"),
            CriterionTwice { id } => say!(lang,
                en: "criterion `{id}` has two results", "give each criterion one [[criterion]] entry";
                ja: "達成基準 `{id}` の結果が二つあります", "[[criterion]] は達成基準ごとに一つにしてください"),
            TestResult { result } => say!(lang,
                en: "result `{result}` is not one of 適合, 不適合, 非適用, 未試験",
                    "write the result as a test report does: `result = \"適合\"`";
                ja: "結果 `{result}` は 適合・不適合・非適用・未試験 のどれでもありません",
                    "`result = \"適合\"` のように書いてください"),
            LegendMark { mark } => say!(lang,
                en: "legend mark `{mark}` is not one character",
                    "write one mark per [[table.legend]], e.g. `mark = \"○\"`";
                ja: "凡例の記号 `{mark}` が1文字ではありません",
                    "[[table.legend]] ごとに記号を1文字書いてください。例: `mark = \"○\"`"),
            MarkUnexplained { table, mark } => say!(lang,
                en: "table `{table}` uses the mark `{mark}` but does not say what it means",
                    "add to the table: [[table.legend]] mark = \"{mark}\" means = \"…\" (add inferred = true if the guide gives no legend and you read it from the table)";
                ja: "表 `{table}` に記号 `{mark}` がありますが、その意味が書かれていません",
                    "表に [[table.legend]] mark = \"{mark}\" means = \"…\" を書き足してください（手引きに凡例がなく、表から読み取った場合は inferred = true も書きます）"),
            RegionFunction {
                name,
                id,
                region,
                city,
                prefecture,
            } => say!(lang,
                en: "{name}（`{id}`）is a function of {region} only; {city} is in {prefecture}",
                    "remove `{id}` from `functions`, unless the guide itself lists it";
                ja: "{name}（`{id}`）は{region}だけの機能ですが、{city}は{prefecture}です",
                    "手引きに書かれていなければ、`functions` から `{id}` を消してください"),
            FunctionNotDescribed { id, name } => say!(lang,
                en: "{name}（`{id}`）is listed in `functions`, but no [[function]] describes it and no flow carries it out: the site shows it nowhere",
                    "add to functions.toml a [[function]] with function = \"{id}\" and the guide's words in `summary`, or give a flow `function = [\"{id}\"]`, or remove it from `functions` if the guide does not describe it";
                ja: "{name}（`{id}`）が `functions` に書かれていますが、[[function]] の説明も、この機能の流れもないため、サイトのどこにも出ません",
                    "functions.toml に function = \"{id}\" の [[function]] を書いて `summary` に手引きの言葉を書くか、流れに `function = [\"{id}\"]` を書いてください。手引きに説明がなければ `functions` から消してください"),
            ConditionOnUncitedAddOn { id, name } => say!(lang,
                en: "conditions are attached to {name}（`{id}`）, but no function or flow of this city cites it: the site shows them nowhere",
                    "add `{id}` to the `addons` of the [[function]] or flow step where the guide names the add-on, or remove it from this [[addon_condition]]";
                ja: "{name}（`{id}`）に条件が書かれていますが、この市町村の機能や流れのどこにもこの加算が挙がっていないため、サイトのどこにも出ません",
                    "手引きがこの加算を挙げている [[function]] や流れの手順の `addons` に `{id}` を書くか、この [[addon_condition]] から消してください"),
            StatedNoneButGiven { key, what } => say!(lang,
                en: "`states_none` says the guide has no {what} (`{key}`), but the content gives some",
                    "write `{key}` in `states_none` only where the guide says there is none; remove it, or remove the entries if the guide really has none";
                ja: "`states_none` に「{what}はない」（`{key}`）と書かれていますが、内容には{what}があります",
                    "`states_none` には手引きが「ない」と書いているものだけを書きます。`{key}` を消すか、手引きに本当にないなら内容の方を消してください"),
            UsageUnknownArgument { arg, suggestion } => {
                let mean = did_you_mean(lang, suggestion);
                say!(lang,
                    en: "unexpected argument `{arg}`",
                        "see `tebiki --help` for what the command takes{mean}";
                    ja: "`{arg}` はこのコマンドでは使えません",
                        "使えるものは `tebiki --help`（コマンドごとには `tebiki build --help` など）で確かめてください{mean}")
            }
            UsageUnknownCommand {
                command,
                suggestion,
            } => {
                let mean = did_you_mean(lang, suggestion);
                say!(lang,
                    en: "unknown command `{command}`",
                        "the commands are listed by `tebiki --help`{mean}";
                    ja: "コマンド `{command}` はありません",
                        "コマンドの一覧は `tebiki --help` で見られます{mean}")
            }
            UsageMissingArgument { args } => say!(lang,
                en: "missing: {args}",
                    "add them to the command line; `--help` after the command shows an example";
                ja: "{args} が書かれていません",
                    "コマンドに書き足してください。コマンドの後に `--help` と書くと書き方が分かります"),
            UsageMissingCommand => say!(lang,
                en: "no command given",
                    "write a command after tebiki, e.g. `tebiki check`; `tebiki --help` lists them";
                ja: "コマンドが書かれていません",
                    "tebiki の後に `tebiki check` のようにコマンドを書いてください。一覧は `tebiki --help` で見られます"),
            UsageInvalidValue {
                arg,
                value,
                allowed,
                why,
            } => {
                let (why_en, why_ja) = match (why, allowed) {
                    (Some(w), _) => (format!(": {w}"), format!("：{w}")),
                    (None, Some(a)) => {
                        (format!("; allowed: {a}"), format!("。書けるのは {a} です"))
                    }
                    (None, None) => (String::new(), String::new()),
                };
                say!(lang,
                    en: "`{value}` is not a value `{arg}` takes{why_en}",
                        "write the value as `--help` shows it";
                    ja: "`{arg}` に `{value}` は書けません{why_ja}",
                        "`--help` に示された書き方で値を書いてください")
            }
            UsageConflict { arg, other } => say!(lang,
                en: "`{arg}` cannot be used with `{other}`",
                    "keep one of them";
                ja: "`{arg}` と `{other}` は一緒に使えません",
                    "どちらか一方だけを書いてください"),
            UsageUnexpected { value } => say!(lang,
                en: "unexpected value `{value}`",
                    "remove it, or put it in quotes if it is one value with spaces";
                ja: "`{value}` は余分です",
                    "消すか、空白を含む一つの値なら \"…\" で囲んでください"),
            UsageOther { detail } => say!(lang,
                en: "the command line cannot be read ({detail})",
                    "`tebiki --help` shows how to write it";
                ja: "コマンドの書き方が読み取れません（{detail}）",
                    "書き方は `tebiki --help` で見られます"),
            LinkNotShown { key, target } => say!(lang,
                en: "a link to `{target}` in `{key}` would be shown as written: `{key}` is plain text",
                    "write the name without [ ](…) here, or put the link in a Markdown key of the entry (summary, notes)";
                ja: "`{key}` は文字だけの欄なので、`{target}` へのリンクが [ ](…) のまま表示されます",
                    "ここでは [ ](…) を外して名前だけを書くか、リンクはこの項目の Markdown の欄（summary や notes など）に書いてください"),
            CsvNotFound { file } => say!(lang,
                en: "the CSV file `{file}` named here does not exist",
                    "`csv` names a file beside this .toml file; check the file name, including `.csv`";
                ja: "ここに書かれた CSV ファイル `{file}` が見つかりません",
                    "`csv` にはこの .toml ファイルと同じフォルダにあるファイルの名前を書きます。`.csv` まで含めて名前を確かめてください"),
            CsvNotText => say!(lang,
                en: "this CSV file is neither UTF-8 nor Shift_JIS text",
                    "save it from Excel as 「CSV UTF-8（コンマ区切り）」 or 「CSV（コンマ区切り）」";
                ja: "この CSV ファイルは UTF-8 でも Shift_JIS でもないため読めません",
                    "Excel で「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」を選んで保存し直してください"),
            CsvUnknownColumn {
                column,
                allowed,
                suggestion,
            } => {
                let list = quoted(lang, allowed);
                let mean = did_you_mean(lang, suggestion);
                say!(lang,
                    en: "unknown column `{column}` in the first row",
                        "the first row names the columns: {list}{mean}";
                    ja: "1行目の列名 `{column}` はこの表では使えません",
                        "1行目には列名として {list} を書きます{mean}")
            }
            CsvColumnTwice { column } => say!(lang,
                en: "the column `{column}` is named twice in the first row",
                    "each column may appear once; remove or rename the repeated one";
                ja: "列名 `{column}` が1行目に二度書かれています",
                    "同じ列は一度だけ書けます。どちらかを消すか、名前を直してください"),
            CsvColumnMissing { column } => say!(lang,
                en: "the first row has no column `{column}`",
                    "add a column named `{column}`: every column of the table needs one in the CSV";
                ja: "1行目に列名 `{column}` がありません",
                    "列名 `{column}` の列を加えてください。表の列はどれも CSV に1列ずつ要ります"),
            CsvRowFields { fields, columns } => say!(lang,
                en: "this row has {fields} values, but the first row names {columns} columns",
                    "a value holding a comma must be in double quotes (\"…,…\"); add or remove commas so the row has {columns} values";
                ja: "この行には値が {fields} 個ありますが、1行目の列は {columns} 列です",
                    "値の中にコンマがあるときはその値を \"…,…\" のように二重引用符で囲みます。コンマを足すか消して、値を {columns} 個にしてください"),
            CsvValueMissing { column } => say!(lang,
                en: "this row has no value in the column `{column}`",
                    "every row needs `{column}`; fill it in or delete the row";
                ja: "この行の `{column}` の列が空です",
                    "`{column}` はどの行にも要ります。書き入れるか、行を消してください"),
            CsvAndEntries { entries } => say!(lang,
                en: "this entry has both `csv` and {entries} entries",
                    "keep the rows in one place: the CSV file or the {entries} entries, not both";
                ja: "この項目には `csv` と {entries} の両方が書かれています",
                    "行は CSV ファイルか {entries} のどちらか一方にまとめてください"),
            NoEntries { entries } => say!(lang,
                en: "this entry has no rows: neither {entries} entries nor `csv`",
                    "add {entries} entries, or `csv = \"file.csv\"` naming a CSV file beside this .toml file";
                ja: "この項目には行がありません（{entries} も `csv` もありません）",
                    "{entries} を書くか、同じフォルダの CSV ファイルを `csv = \"ファイル名.csv\"` と書いてください"),
            FormUnknownCity {
                form,
                city,
                suggestion,
            } => {
                let mean = did_you_mean(lang, suggestion);
                say!(lang,
                    en: "form `{form}` names unknown city `{city}`",
                        "`city` must be the id of a folder in content/cities/{mean}";
                    ja: "様式 `{form}` の市町村 `{city}` が見つかりません",
                        "`city` には content/cities/ の中のフォルダ名を書きます{mean}")
            }
            QaNumberTwice { number } => say!(lang,
                en: "two questions are numbered {number}", "each Q&A number appears once per city";
                ja: "番号 {number} の質問が二つあります", "Q&A の番号は市ごとに一度だけ使えます"),
            NextLeadsNowhere { step } => say!(lang,
                en: "a [[flow.step.next]] of step `{step}` leads nowhere",
                    "write `step = \"step-id\"` (a step of this flow), `flow = \"flow-id\"`, or `outcome = \"…\"` for a way out of the guide's flows";
                ja: "手順 `{step}` の [[flow.step.next]] に行き先がありません",
                    "`step = \"手順のid\"`（この流れの手順）、`flow = \"流れのid\"`、または流れの外に出る場合は `outcome = \"…\"` を書いてください"),
            NotAStepOfFlow {
                from,
                to,
                flow,
                suggestion,
            } => {
                let mean = did_you_mean(lang, suggestion);
                say!(lang,
                    en: "step `{from}` leads to `{to}`, which is not a step of flow `{flow}`",
                        "a branch leads to a step by its id{mean}";
                    ja: "手順 `{from}` の行き先 `{to}` は、流れ `{flow}` の手順にありません",
                        "行き先には手順の id を書きます{mean}")
            }
            HandedOnByUninvolved { what, id, flow } => say!(lang,
                en: "`{what}` is handed on by `{id}`, which flow `{flow}` does not involve",
                    "add `{id}` to the flow's `organisations = [...]`, or give it a [[flow.step.duty]] in this flow";
                ja: "`{what}` を `{id}` が渡すことになっていますが、`{id}` は流れ `{flow}` に出てきません",
                    "流れの `organisations = [...]` に `{id}` を加えるか、この流れに `{id}` の [[flow.step.duty]] を書いてください"),
            UndeclaredLoop { from, to } => say!(lang,
                en: "step `{from}` leads back to `{to}`: the flow goes round, but this way is not declared a loop",
                    "if the flow goes round on purpose (PDCA, annual review), add `loop = true` to this [[flow.step.next]]; otherwise lead it to a later step";
                ja: "手順 `{from}` から `{to}` に戻っています。流れが一回りしますが、繰り返しとは書かれていません",
                    "わざと繰り返す流れ（PDCA、毎年の見直しなど）なら、この [[flow.step.next]] に `loop = true` を書いてください。そうでなければ後の手順に進めてください"),
            UnknownLinkKind { scheme, schemes } => {
                let list = lang.list(schemes);
                say!(lang,
                    en: "unknown kind of link `{scheme}:`", "links inside the guide use one of: {list}";
                    ja: "`{scheme}:` という種類のリンクはありません",
                        "手引きの中のリンクには次のどれかを使います: {list}")
            }
            LinkToUnknown {
                scheme,
                id,
                national_page: true,
                ..
            } => say!(lang,
                en: "link to unknown {scheme} `{id}`",
                    "national pages may link only to add-ons, functions, forms, and national pages and tables";
                ja: "リンク先 `{scheme}:{id}` が見つかりません",
                    "国のページからリンクできるのは、加算・機能・様式と、国のページ・表だけです"),
            LinkToUnknown {
                scheme,
                id,
                in_city,
                suggestion,
                ..
            } => {
                let mean = did_you_mean(lang, suggestion);
                let (here_en, here_ja) = if *in_city {
                    (" in this city", "この市には ")
                } else {
                    ("", "")
                };
                say!(lang,
                    en: "link to unknown {scheme} `{id}`", "no {scheme} with id `{id}` exists{here_en}{mean}";
                    ja: "リンク先 `{scheme}:{id}` が見つかりません",
                        "{here_ja}id が `{id}` の `{scheme}:` のリンク先はありません{mean}")
            }
            ValueEndsBeforeRevision { addon, effective } => say!(lang,
                en: "value of `{addon}` ends before its revision takes effect ({effective})",
                    "`until` is the last day the value applies; it must not be before the revision's `effective` date";
                ja: "`{addon}` の値が、報酬改定の施行日（{effective}）より前に終わっています",
                    "`until` は値が使われる最後の日です。報酬改定の `effective` より前にはできません"),
            ValuesOverlap {
                addon,
                later,
                earlier,
            } => say!(lang,
                en: "values of `{addon}` overlap: revision `{later}` starts before `{earlier}` ends",
                    "remove `until` (the next revision ends the value) or set it to the day before the next revision";
                ja: "`{addon}` の値の期間が重なっています。報酬改定 `{later}` が `{earlier}` の終わる前に始まります",
                    "`until` を消す（次の改定で終わります）か、次の改定の前の日にしてください"),
            AddOnEnded { addon, until } => say!(lang,
                en: "`{addon}` ended on {until} and no later value is given",
                    "add the value of the revision that replaced it, or remove the add-on if it was abolished";
                ja: "`{addon}` は{until}に終わっていて、その後の値が書かれていません",
                    "後の報酬改定の値を書き足すか、廃止されたなら加算を消してください"),
            AmountsEndBeforeStart {
                subsidy,
                until,
                from,
            } => say!(lang,
                en: "amounts of `{subsidy}` end ({until}) before they start ({from})",
                    "`from` is the first day and `until` the last day the amounts apply";
                ja: "`{subsidy}` の金額の期間が、始まり（{from}）より前に終わって（{until}）います",
                    "`from` は金額が使われる最初の日、`until` は最後の日です"),
            AmountsWithoutFrom { subsidy } => say!(lang,
                en: "`{subsidy}` has several amounts but not all say from when they apply",
                    "give every [[subsidy.value]] a `from` date so tebiki knows which one is in force";
                ja: "`{subsidy}` に金額がいくつかありますが、いつからの金額かが書かれていないものがあります",
                    "どの金額が今のものか分かるように、すべての [[subsidy.value]] に `from` の日付を書いてください"),
            AmountsOverlap { subsidy } => say!(lang,
                en: "amounts of `{subsidy}` overlap in time",
                    "each [[subsidy.value]] must end before the next one starts";
                ja: "`{subsidy}` の金額の期間が重なっています",
                    "[[subsidy.value]] は、次のものが始まる前に終わるようにしてください"),
            SubsidyEnded { subsidy, until } => say!(lang,
                en: "`{subsidy}` ended on {until} and no later amount is given",
                    "add the amounts that replaced it, or remove the subsidy if it was abolished";
                ja: "`{subsidy}` は{until}に終わっていて、その後の金額が書かれていません",
                    "後の金額を書き足すか、廃止されたなら補助を消してください"),
            NotInForce { addon, as_of } => say!(lang,
                en: "`{addon}` is not in force on {as_of}",
                    "the add-on did not exist yet or had ended on that date; check the citation or the add-on's values";
                ja: "`{addon}` は{as_of}の時点で使われていません",
                    "その日にはまだなかったか、もう終わっていた加算です。書いた加算と、加算の値を確かめてください"),
            NationalFeeStated { text } => say!(lang,
                en: "city content states a national fee: `{text}`",
                    "fees in units are national; cite the add-on by id (`addons = [\"…\"]` or a link `addon:…`) instead of its number";
                ja: "市の内容に国の報酬の単位数 `{text}` が書かれています",
                    "単位数は国が決めるものです。数字の代わりに加算の id を書いてください（`addons = [\"…\"]` か、リンク `addon:…`）"),
            TableTooWide {
                table: Some(table),
                columns,
                max,
            } => say!(lang,
                en: "table `{table}` has {columns} columns: the printable guide fits at most {max} on a landscape page",
                    "split the table into two tables with fewer columns each";
                ja: "表 `{table}` は {columns} 列あります。印刷用の手引きには、横向きのページでも {max} 列までしか入りません",
                    "列の少ない二つの表に分けてください"),
            TableTooWide {
                table: None,
                columns,
                max,
            } => say!(lang,
                en: "this table has {columns} columns: the printable guide fits at most {max} on a landscape page",
                    "split the table into two tables with fewer columns each";
                ja: "この表は {columns} 列あります。印刷用の手引きには、横向きのページでも {max} 列までしか入りません",
                    "列の少ない二つの表に分けてください"),
            UnbreakableRun {
                shown,
                chars,
                limit,
            } => say!(lang,
                en: "`{shown}…` has {chars} characters and no place to break a line: it runs out of its column in the printable guide (at most {limit} fit)",
                    "put a space where the line may break, or write a link as [short text](address)";
                ja: "`{shown}…` は {chars} 文字続いていて改行できる所がなく、印刷用の手引きでは枠からはみ出します（{limit} 文字まで）",
                    "改行してよい所に空白を入れるか、リンクなら [短い文字](アドレス) の形で書いてください"),

            FormExtendsItself { form } => say!(lang,
                en: "form `{form}` extends itself through its bases",
                    "a chain of `extends` must end at a form without `extends`";
                ja: "様式 `{form}` の `extends` をたどると、自分自身に戻ってしまいます",
                    "`extends` をたどった先は、`extends` のない様式で終わるようにしてください"),
            ExtendsUnknownForm {
                base,
                known,
                suggestion,
            } => {
                let list = lang.list(known);
                let mean = did_you_mean(lang, suggestion);
                say!(lang,
                    en: "form extends unknown form `{base}`",
                        "`extends` names the `id` of another form: {list}{mean}";
                    ja: "`extends` の様式 `{base}` が見つかりません",
                        "`extends` には別の様式の `id` を書きます: {list}{mean}")
            }
            BaseFormHasNo { what, path } => say!(lang,
                en: "{what}: the base form has no `{path}`",
                    "name a section by its id, or a field as `section.field`, as in the base form";
                ja: "{what}: もとの様式に `{path}` がありません",
                    "もとの様式のとおりに、区分は id で、欄は `区分.欄` の形で書いてください"),
            PageSize { page } => say!(lang,
                en: "page size `{page}` is not supported",
                    "forms are laid out on A4 portrait; write `page = \"A4\"` or leave it out";
                ja: "用紙の大きさ `{page}` には対応していません",
                    "様式は A4 縦で作ります。`page = \"A4\"` と書くか、この行を消してください"),
            SectionIdInvalid { id } => say!(lang,
                en: "section id `{id}` cannot name PDF fields",
                    "use lower-case ASCII letters, digits and _ (e.g. `registrant`); `date` is taken by the date line";
                ja: "区分の id `{id}` は PDF の欄の名前に使えません",
                    "半角の小文字英字・数字・_ で書いてください（例: `registrant`）。`date` は日付の行に使われています"),
            DuplicateSection { id } => say!(lang,
                en: "duplicate section id `{id}`", "each section id appears once per form";
                ja: "区分の id `{id}` が二つあります", "区分の id は様式ごとに一度だけ使えます"),
            FieldNameInvalid { name } => say!(lang,
                en: "field name `{name}` cannot name a PDF field",
                    "use lower-case ASCII letters, digits and _ (e.g. `phone_home`); the Japanese goes in `label`";
                ja: "欄の名前 `{name}` は PDF の欄の名前に使えません",
                    "半角の小文字英字・数字・_ で書いてください（例: `phone_home`）。日本語の見出しは `label` に書きます"),
            DuplicateField { name } => say!(lang,
                en: "duplicate field name `{name}` in this section", "each field name appears once per section";
                ja: "この区分に欄の名前 `{name}` が二つあります", "欄の名前は区分ごとに一度だけ使えます"),
            KanaTaken { name } => say!(lang,
                en: "`{name}_kana` is taken, but the ふりがな row needs it", "rename the other field";
                ja: "ふりがなの行に使う名前 `{name}_kana` が、ほかの欄に使われています", "ほかの欄の名前を変えてください"),
            OptionValueInvalid { value } => say!(lang,
                en: "option value `{value}` is not a unique ASCII name",
                    "values are exported as data: lower-case ASCII, digits and _, once per field";
                ja: "選択肢の値 `{value}` が、重ならない半角の名前になっていません",
                    "値はデータとして書き出されます。半角の小文字英字・数字・_ で、欄ごとに一度だけ使えます"),
            TooManyOptions { name, count, max } => say!(lang,
                en: "`{name}` lists {count} options; at most {max} fit on a form",
                    "group the options, or make the field a text field";
                ja: "`{name}` の選択肢が {count} 個あります。様式に入るのは {max} 個までです",
                    "選択肢をまとめるか、文字を書く欄にしてください"),
            TooFewOptions { name } => say!(lang,
                en: "`{name}` lists too few `options`",
                    "a choice needs at least two options, checks at least one: options = [{{ value = \"male\", label = \"男\" }}, …]";
                ja: "`{name}` の `options`（選択肢）が足りません",
                    "一つ選ぶ欄には二つ以上、チェック欄には一つ以上の選択肢が要ります: options = [{{ value = \"male\", label = \"男\" }}, …]"),
            RowsNeedCount { name } => say!(lang,
                en: "rows field `{name}` needs `count` and `columns`",
                    "e.g. count = 2, columns = [{{ name = \"name\", label = \"氏名\" }}]";
                ja: "表の欄 `{name}` には `count`（行数）と `columns`（列）が要ります",
                    "例: count = 2, columns = [{{ name = \"name\", label = \"氏名\" }}]"),
            TooManyRows { name, count, max } => say!(lang,
                en: "rows field `{name}` asks for {count} rows; at most {max} fit on paper",
                    "a form prints every row: give the rows a person really fills in, e.g. count = 5";
                ja: "表の欄 `{name}` の行数が {count} 行です。用紙に入るのは {max} 行までです",
                    "様式にはすべての行が印刷されます。実際に書く行数にしてください。例: count = 5"),
            TooManyColumns { name, count, max } => say!(lang,
                en: "rows field `{name}` has {count} columns; at most {max} fit across A4",
                    "split the table into two rows fields, or leave out columns";
                ja: "表の欄 `{name}` は {count} 列あります。A4 の幅に入るのは {max} 列までです",
                    "二つの表の欄に分けるか、列を減らしてください"),
            ColumnNameInvalid { name } => say!(lang,
                en: "column name `{name}` is not a unique ASCII name",
                    "use lower-case ASCII letters, digits and _, once per field";
                ja: "列の名前 `{name}` が、重ならない半角の名前になっていません",
                    "半角の小文字英字・数字・_ で、欄ごとに一度だけ使ってください"),
            PerLineZero => say!(lang,
                en: "`per_line` must be at least 1",
                    "write how many columns share one printed line, e.g. per_line = 2";
                ja: "`per_line` は 1 以上にします",
                    "印刷の1行に並べる列の数を書いてください。例: per_line = 2"),
            FixedNoText { name } => say!(lang,
                en: "fixed field `{name}` has no `text`", "add text = \"…\" with the statement to print";
                ja: "決まった文の欄 `{name}` に `text` がありません", "印刷する文を text = \"…\" と書いてください"),
            ConfirmNoParties { name } => say!(lang,
                en: "confirm field `{name}` has no `parties`",
                    "add parties = [{{ name = \"registrant\", label = \"登録者\" }}, …]";
                ja: "確認の欄 `{name}` に `parties`（確認する人）がありません",
                    "parties = [{{ name = \"registrant\", label = \"登録者\" }}, …] のように書いてください"),
            PartyNameInvalid { name } => say!(lang,
                en: "party name `{name}` is not a unique ASCII name",
                    "use lower-case ASCII letters, digits and _, once per field";
                ja: "確認する人の名前 `{name}` が、重ならない半角の名前になっていません",
                    "半角の小文字英字・数字・_ で、欄ごとに一度だけ使ってください"),
            UnknownEra { era } => say!(lang,
                en: "unknown era `{era}`", "eras are 明治, 大正, 昭和, 平成, 令和";
                ja: "元号 `{era}` は使えません", "元号は 明治・大正・昭和・平成・令和 です"),
            LinesOutOfRange => say!(lang,
                en: "`lines` must be between 1 and 20", "write how many lines the box holds, e.g. lines = 3";
                ja: "`lines` は 1〜20 にします", "欄に書ける行数を書いてください。例: lines = 3"),
            BesideCannot { name } => say!(lang,
                en: "`{name}` cannot be printed `beside` the field before it",
                    "beside = true puts a text, date, choice or checks field on the row of the text, date, choice or checks field just before it in the same section; a field with furigana keeps its own row";
                ja: "`{name}` は前の欄と同じ行（beside）に印刷できません",
                    "beside = true で同じ行に並べられるのは、同じ区分で直前にある text・date・choice・checks の欄の後ろに置く text・date・choice・checks の欄です。ふりがな付きの欄は一行を使います"),
            AcrossOnlyConfirm { name } => say!(lang,
                en: "`across` only arranges the parties of a confirm field, and `{name}` is not one",
                    "remove across = true, or use it on a field of kind = \"confirm\"";
                ja: "`across` は確認の欄（confirm）の人を横に並べるものです。`{name}` は確認の欄ではありません",
                    "across = true を消すか、kind = \"confirm\" の欄に書いてください"),
            KeyNotForKind {
                name,
                key,
                kind,
                allowed,
            } => say!(lang,
                en: "`{key}` means nothing for field `{name}` of kind = \"{kind}\", and would be ignored",
                    "remove {key}, or change the kind; a {kind} field reads: {allowed}";
                ja: "`{key}` は種類が {kind} の欄 `{name}` には使えません（書いても無視されます）",
                    "{key} を消すか、種類（kind）を直してください。{kind} の欄で使えるのは {allowed} です"),
            FormUnusable { form } => say!(lang,
                en: "form `{form}` has no usable definition", "fix the errors reported for forms/ first";
                ja: "様式 `{form}` の定義が使えません", "先に forms/ のエラーを直してください"),
            FormNotRendered { form, error } => say!(lang,
                en: "form `{form}` could not be rendered: {error}",
                    "simplify the form or report this as a bug; the definition itself was read without errors";
                ja: "様式 `{form}` を PDF にできませんでした: {error}",
                    "様式を簡単にするか、不具合として知らせてください。定義そのものは正しく読めています"),
            FontsUnreadable { dir, error } => say!(lang,
                en: "fonts: cannot read {dir}: {error}",
                    "the forms and guides need the fonts shipped in themes/default/fonts/; pass --themes DIR";
                ja: "フォントを読めません: {dir}: {error}",
                    "様式と手引きには themes/default/fonts/ のフォントが要ります。--themes でフォルダを指定してください"),
            GuideNotSet { city, error } => say!(lang,
                en: "the printable guide of {city} could not be set: {error}",
                    "`tebiki check` names the text that cannot be set; shorten it or add breaks";
                ja: "{city}の印刷用の手引きを組めませんでした: {error}",
                    "`tebiki check` が組めない文を示します。短くするか、改行できる所を入れてください"),

            SynonymGroupTooSmall => say!(lang,
                en: "a synonym group needs at least two words",
                    "list every spelling of the word, e.g. words = [\"障害\", \"障がい\"]";
                ja: "同じ意味の言葉のまとまりには、言葉が二つ以上要ります",
                    "その言葉の書き方をすべて並べてください。例: words = [\"障害\", \"障がい\"]"),
            SynonymEmptyWord => say!(lang,
                en: "empty word in a synonym group", "remove the empty entry";
                ja: "同じ意味の言葉のまとまりに、空の言葉があります", "空の \"\" を消してください"),
            SynonymRepeated { word, line } => say!(lang,
                en: "`{word}` is already listed on line {line}",
                    "a word may belong to one group only; remove it here or merge the two groups";
                ja: "`{word}` は {line} 行目にもう書かれています",
                    "言葉は一つのまとまりにだけ入れられます。ここから消すか、二つのまとまりを一つにしてください"),
            SynonymSameWord { word, other, line } => say!(lang,
                en: "`{word}` is the same word as `{other}` (line {line}) once width, kana and case are folded",
                    "a word may belong to one group only; remove it here or merge the two groups";
                ja: "`{word}` は、全角・半角やひらがな・カタカナの違いを除くと `{other}`（{line} 行目）と同じ言葉です",
                    "言葉は一つのまとまりにだけ入れられます。ここから消すか、二つのまとまりを一つにしてください"),

            Summary { errors, warnings } => {
                let (e, w) = (plural(*errors), plural(*warnings));
                say!(lang,
                    en: "{errors} error{e}, {warnings} warning{w}";
                    ja: "エラー {errors} 件、警告 {warnings} 件")
            }
            ServeServing { out, url, roots } => say!(lang,
                en: "serving {out} at {url} — watching {roots} (Ctrl-C to stop)";
                ja: "{out} を {url} で表示しています。{roots} の変更を見ています（Ctrl-C で終了）"),
            ServeStopping => say!(lang,
                en: "stopping";
                ja: "終了します"),
            ServeChanged { path } => say!(lang,
                en: "changed: {path}";
                ja: "変更: {path}"),
            ServeRebuilt {
                pages,
                ms,
                rendered,
                written,
                removed,
                phases,
                theme,
            } => {
                let (theme_en, theme_ja) = if *theme {
                    ("; theme changed", "。テーマが変わりました")
                } else {
                    ("", "")
                };
                say!(lang,
                    en: "rebuilt {pages} pages in {ms} ms: {rendered} files rendered, {written} written, {removed} removed ({phases}){theme_en}";
                    ja: "作り直しました（{ms} ms、ページ {pages}）: {rendered} ファイルを作成、{written} 件を書き込み、{removed} 件を削除（{phases}）{theme_ja}")
            }
            ServeContentChanged { entities } => say!(lang,
                en: "  content changed: {entities}";
                ja: "  変わった内容: {entities}"),
            ServeUnchanged { ms } => say!(lang,
                en: "rebuilt in {ms} ms: no content changed, nothing rendered";
                ja: "確かめました（{ms} ms）: 内容に変わりはなく、何も作り直していません"),
            ServeRebuildStopped { ms } => say!(lang,
                en: "rebuild stopped after {ms} ms: fix the errors above; the last good site is still served";
                ja: "作り直しを止めました（{ms} ms）。上のエラーを直してください。表示中のサイトは前のままです"),
            ServeGuides { ms, guides, others } => say!(lang,
                en: "guides in {ms} ms: {guides} printable guides and {others} other files written";
                ja: "手引き（PDF）を作りました（{ms} ms）: 手引き {guides} 件とほかのファイル {others} 件を書き込み"),
            CheckOk {
                cities,
                addons,
                forms,
            } => say!(lang,
                en: "ok: {cities} cities, {addons} national add-ons, {forms} forms";
                ja: "問題はありません: 市町村 {cities}、国の加算 {addons}、様式 {forms}"),
            Built {
                pages,
                forms,
                guides,
                out,
            } => say!(lang,
                en: "built {pages} pages, {forms} forms and {guides} guides into {out}";
                ja: "{out} に ページ {pages}、様式 {forms}、手引き {guides} を作りました"),
            BuildStopped { out } => say!(lang,
                en: "build stopped: fix the errors above; {out} was not changed";
                ja: "作成を止めました。上のエラーを直してください。{out} は変えていません"),
            CannotWrite { out, error } => say!(lang,
                en: "cannot write {out}: {error}",
                    "check that the folder is writable; the previous output was kept";
                ja: "{out} に書き込めません: {error}",
                    "フォルダに書き込めるか確かめてください。前に作ったものはそのまま残っています"),
            BadLang { code } => say!(lang,
                en: "`{code}` is not a language tebiki speaks", "write --lang ja or --lang en";
                ja: "`{code}` という言語はありません", "--lang ja か --lang en と書いてください"),
            BadAsOf(fault) => {
                let (en, ja) = (fault.to_string(), fault.ja());
                say!(lang,
                    en: "--as-of: {en}", "write the day as 2024-04-01 or 令和6年4月1日";
                    ja: "--as-of: {ja}", "日付は 2024-04-01 か 令和6年4月1日 のように書いてください")
            }
            Wrote { path } => say!(lang, en: "wrote {path}"; ja: "{path} を作りました"),
            ScaffoldNext => say!(lang,
                en: "next: replace each 【記入】 with the guide's words, then run `tebiki check`";
                ja: "次に、【記入】を手引きの言葉に書き換えてから `tebiki check` を実行してください"),
            ScaffoldNotAnId { id } => say!(lang,
                en: "`{id}` is not an id",
                    "ids are lower-case ASCII letters, digits and `-`, such as `zushi`; the Japanese name goes in --name";
                ja: "`{id}` は id として使えません",
                    "id は `zushi` のように半角の小文字英字・数字・`-` で書きます。日本語の名前は --name に書きます"),
            ScaffoldNotAPrefecture { prefecture } => say!(lang,
                en: "`{prefecture}` is not a prefecture",
                    "write it as the prefecture names itself, such as 三重県, 東京都, 北海道";
                ja: "`{prefecture}` は都道府県の名前ではありません",
                    "三重県、東京都、北海道 のように、都道府県の正式な名前で書いてください"),
            ScaffoldNoCity { id } => say!(lang,
                en: "there is no city `{id}` in content/cities/",
                    "make it first with `tebiki new city {id} --name … --prefecture …`";
                ja: "content/cities/ に市町村 `{id}` がありません",
                    "先に `tebiki new city {id} --name … --prefecture …` で作ってください"),
            ScaffoldExists { path } => say!(lang,
                en: "{path} already exists; nothing was written",
                    "choose another id, or edit the files that are there";
                ja: "{path} はもうあります。何も書いていません",
                    "別の id にするか、そこにあるファイルを編集してください"),
            ScaffoldCannotWrite { path, error } => say!(lang,
                en: "cannot write {path}: {error}", "check that the folder is writable";
                ja: "{path} に書き込めません: {error}", "フォルダに書き込めるか確かめてください"),
            DiffCannotOpen { error } => say!(lang,
                en: "{error}",
                    "name a folder that holds content/ and forms/, or a git revision such as HEAD~1";
                ja: "比べるものを開けません: {error}",
                    "content/ と forms/ のあるフォルダか、HEAD~1 のような git の版を指定してください"),
            DiffStopped => say!(lang,
                en: "diff stopped: one of the versions has content errors";
                ja: "比較を止めました。どちらかの版の内容にエラーがあります"),
            DiffCannotBuild { error } => say!(lang,
                en: "cannot build the versions to compare: {error}";
                ja: "比べる版を作れません: {error}"),
            CannotWriteJson { error } => say!(lang,
                en: "cannot write the report as JSON: {error}";
                ja: "結果を JSON で書き出せません: {error}"),
            CannotReadPdf { pdf, error } => say!(lang,
                en: "cannot read {pdf}: {error}"; ja: "{pdf} を読めません: {error}"),
            ExportFailed {
                pdf,
                error,
                unfilled: true,
            } => say!(lang,
                en: "{pdf}: {error}",
                    "fill the form in a PDF reader and save it, then export the saved copy";
                ja: "{pdf}: {error}",
                    "PDF の閲覧ソフトで様式に記入して保存し、保存したものを書き出してください"),
            ExportFailed {
                pdf,
                error,
                unfilled: false,
            } => say!(lang,
                en: "{pdf}: {error}",
                    "pass a PDF form made by `tebiki build` (site/<city>/forms/<form>.pdf)";
                ja: "{pdf}: {error}",
                    "`tebiki build` で作った PDF の様式（site/<市町村>/forms/<様式>.pdf）を指定してください"),

            OutNotAFolder { out, kind } => say!(lang,
                en: "--out {out} is a {kind}, not a folder",
                    "the site is a folder of pages; name a new folder such as site/ (the {kind} was left as it is)";
                ja: "--out {out} はフォルダではありません（{kind}）",
                    "サイトはページの入ったフォルダです。site/ のような新しいフォルダを指定してください（{out} はそのままです）"),
            FieldTooNarrow {
                name,
                label,
                mm,
                holds,
                size,
                key,
                value,
                half,
            } => {
                let (unit_en, unit_ja) = if *half {
                    (" (half-width characters)", "（半角）")
                } else {
                    ("", "")
                };
                say!(lang,
                en: "field `{name}` ({label}) is about {mm} mm wide and holds {holds} full-width characters at {size} pt, fewer than its {key} = {value}{unit_en}",
                    "give it more room (a larger `width`, fewer columns on its line, more `lines`) or a shorter expected length; typed text would shrink below a readable size";
                ja: "欄 `{name}`（{label}）は幅が約{mm}mmで、{size}ポイントの文字で全角{holds}字しか入らず、{key} = {value}{unit_ja} に足りません",
                    "欄を広くする（`width` を大きくする、同じ行の列を減らす、`lines` を増やす）か、想定する文字数を減らしてください。このままでは入力した文字が読めないほど小さくなります")
            }
            WebChoiceWithoutOptions { form, field } => say!(lang,
                en: "form `{form}`: `{field}`: a choice without options cannot be chosen",
                    "add its options (`[[…options]]` with value and label); the web form and the PDF are made from one definition";
                ja: "様式 `{form}` の `{field}`: 選択肢のない choice は選べません",
                    "選択肢（value と label）を書いてください。ウェブの様式とPDFは同じ定義から作ります"),
            WebRowsWithoutColumns { form, field } => say!(lang,
                en: "form `{form}`: `{field}`: rows without columns have nothing to fill in",
                    "add its `columns`; the web form and the PDF are made from one definition";
                ja: "様式 `{form}` の `{field}`: 列のない rows には書く所がありません",
                    "`columns` を書いてください。ウェブの様式とPDFは同じ定義から作ります"),
            WebRequiredOnPrinted { form, field } => say!(lang,
                en: "form `{form}`: `{field}`: `required` applies to text, date, choice, checks and rows fields only",
                    "remove `required = true` from this field: printed text and a 確認欄 are not filled in on the web";
                ja: "様式 `{form}` の `{field}`: `required` は text・date・choice・checks・rows の欄にだけ使えます",
                    "この欄の `required = true` を消してください。印刷する文と確認欄はウェブでは書き込みません"),
            WebFieldsDiffer {
                form,
                from,
                web,
                pdf,
            } => say!(lang,
                en: "form `{form}`: the web form's fields differ from the PDF's from field {from}: `{web}` on the web, `{pdf}` in the PDF",
                    "the web form and the PDF are made from one definition; change it so that both can show it";
                ja: "様式 `{form}`: {from} 番目の欄から、ウェブの様式とPDFの欄が食い違います（ウェブ `{web}`、PDF `{pdf}`）",
                    "ウェブの様式とPDFは同じ定義から作ります。両方で表せるように定義を直してください"),
            SchemaNotOurs { path } => say!(lang,
                en: "{path} was not written by tebiki schema, so it is not overwritten",
                    "rename or move it, or give another folder with --out; nothing was written";
                ja: "{path} は tebiki schema が書いたファイルではないため、上書きしません",
                    "名前を変えるか別の場所に移すか、--out で別のフォルダを指定してください。何も書いていません"),
            SchemaCannotWrite { path, error } => say!(lang,
                en: "cannot write {path}: {error}",
                    "check that the folder is writable";
                ja: "{path} を書けません: {error}",
                    "フォルダに書き込めるか確かめてください"),
            OutIsLink { out, to } => say!(lang,
                en: "--out {out} is a symbolic link (to {to})",
                    "name the folder it points to, or a new folder; the link was left as it is";
                ja: "--out {out} はシンボリックリンク（{to} へのリンク）です",
                    "リンク先のフォルダか、新しいフォルダを指定してください。リンクはそのままです"),
            OutSources {
                out,
                source,
                relation,
            } => {
                let (en, ja) = match relation {
                    Relation::Is => ("is", "は次のフォルダそのものです:"),
                    Relation::LiesInside => ("lies inside", "は次のフォルダの中にあります:"),
                    Relation::Holds => ("holds", "は次のフォルダを含んでいます:"),
                };
                say!(lang,
                    en: "--out {out} {en} {source}, which the build reads from or runs in",
                        "a build replaces its output folder as a whole; name a folder of its own, outside content/, forms/ and themes/, such as site/";
                    ja: "--out {out} {ja} {source}（作成のときに読むフォルダか、実行しているフォルダ）",
                        "作成のたびに出力フォルダは丸ごと入れ替わります。content/・forms/・themes/ の外の、site/ のような専用のフォルダを指定してください")
            }
            OutNotOurs { out, entries, kept } => {
                let list = some_of(lang, entries);
                say!(lang,
                    en: "{out} is not a folder that tebiki made, and it is not empty: it holds {list}",
                        "name a new or empty folder for --out (the default is site/); to replace this folder and delete what it holds, run again with --force ({kept} files and folders such as .git and CNAME are kept)";
                    ja: "{out} は tebiki が作ったフォルダではなく、中に {list} があります",
                        "--out には新しいか空のフォルダを指定してください（指定しなければ site/ です）。このフォルダの中身を消して入れ替えるなら --force を付けて実行します（.git や CNAME など {kept} 種類のファイル・フォルダは残します）")
            }
            OutUnreadable { out, error } => say!(lang,
                en: "cannot look at --out {out}: {error}",
                    "check that the folder and the folders above it can be read";
                ja: "--out {out} を調べられません: {error}",
                    "そのフォルダと、その上のフォルダが読めるか確かめてください"),
            ForceReplaces { out, entries } => {
                let list = some_of(lang, entries);
                say!(lang,
                    en: "--force: replacing {out}, which tebiki did not make; deleting {list}";
                    ja: "--force: tebiki が作っていない {out} を入れ替えます。{list} を消します")
            }

            ServeCannotLook { out } => say!(lang,
                en: "cannot look at {out}"; ja: "{out} を調べられません"),
            ServeCannotListen { port, error } => say!(lang,
                en: "cannot listen on 127.0.0.1:{port}: {error}",
                    "another program may use the port; pass another with --port, or --port 0 for any free one";
                ja: "127.0.0.1:{port} で待ち受けられません: {error}",
                    "ほかのプログラムがこのポートを使っているかもしれません。--port で別の番号を指定するか、--port 0 で空いている番号を使ってください"),
            ServeCtrlC { error } => say!(lang,
                en: "cannot handle Ctrl-C: {error}"; ja: "Ctrl-C を受け取れません: {error}"),
            ServeCannotWatch { error } => say!(lang,
                en: "cannot watch the input folders: {error}";
                ja: "入力のフォルダの変更を見張れません: {error}"),
            ServeCannotOpenBrowser { error, url } => say!(lang,
                en: "cannot open a browser: {error}", "open {url} yourself";
                ja: "ブラウザを開けません: {error}", "ご自分で {url} を開いてください"),
            ServeWatching { error } => say!(lang,
                en: "watching files: {error}"; ja: "ファイルの見張り: {error}"),
            ServePortInUse { port, free } => say!(lang,
                en: "port {port} on 127.0.0.1 is already in use",
                    "stop the other server (perhaps another `tebiki serve`), or choose a free port with --port {free}";
                ja: "127.0.0.1 のポート {port} はもう使われています",
                    "ほかのサーバー（別の `tebiki serve` など）を止めるか、--port {free} のように空いているポートを指定してください"),
            ServeWorkFolder { out, error } => say!(lang,
                en: "cannot create a work folder beside {out}: {error}",
                    "check that the folder above it is writable";
                ja: "{out} の隣に作業用のフォルダを作れません: {error}",
                    "その上のフォルダに書き込めるか確かめてください"),
            ServeCannotWrite { out, error } => say!(lang,
                en: "cannot write {out}: {error}",
                    "check that the folder is writable; the last good site is still served";
                ja: "{out} に書き込めません: {error}",
                    "フォルダに書き込めるか確かめてください。最後に正しく作れたサイトを表示し続けています"),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

impl SourceKind {
    /// What the file must be, in both languages.
    fn must_be(self) -> (&'static str, &'static str) {
        match self {
            SourceKind::Content => (
                "content files must be UTF-8 text",
                "内容のファイルは UTF-8 の文字のファイルです",
            ),
            SourceKind::Synonyms => (
                "the synonym table must be UTF-8 text",
                "同じ意味の言葉の表は UTF-8 の文字のファイルです",
            ),
            SourceKind::Form => (
                "form definitions must be UTF-8 text",
                "様式の定義は UTF-8 の文字のファイルです",
            ),
        }
    }
}

impl std::fmt::Display for Msg {
    /// The message in English, as logs and tests read it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En).message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_name_the_same_arguments() {
        let msg = Msg::UnknownKey {
            key: "questoin".into(),
            allowed: vec!["question".into(), "answer".into()],
            suggestion: Some("question".into()),
        };
        let en = msg.render(Lang::En);
        let ja = msg.render(Lang::Ja);
        assert_eq!(
            en.message,
            "unknown field `questoin`, expected one of `question`, `answer`"
        );
        assert_eq!(
            ja.message,
            "キー `questoin` はこの項目では使えません。`question`、`answer` のどれかを書いてください"
        );
        assert!(ja.hint.unwrap().contains("もしかして `question` ですか"));
    }

    #[test]
    fn the_summary_counts_in_both_languages() {
        let one = Msg::Summary {
            errors: 1,
            warnings: 2,
        };
        assert_eq!(one.render(Lang::En).message, "1 error, 2 warnings");
        assert_eq!(one.render(Lang::Ja).message, "エラー 1 件、警告 2 件");
    }
}
