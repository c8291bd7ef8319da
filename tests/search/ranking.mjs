// Queries readers typed that the search once answered badly, each with the
// ranking it must give now. `top` results are checked by `check(result)`.
export const ISSUE_QUERIES = [
  // The everyday word finds the pages that use the word of the rules.
  { q: "ショートステイ", same: "短期入所", atLeast: 8 },
  { q: "グループホーム", same: "共同生活援助", atLeast: 3 },
  { q: "ケアマネジャー", same: "介護支援専門員", atLeast: 1 },
  // A city named in the query: its pages first, even from another city's box.
  { q: "逗子 様式 ダウンロード", top: 1, city: "zushi", page: "zushi/forms.html" },
  { q: "逗子 様式 ダウンロード", from: "kushiro", top: 1, city: "zushi", page: "zushi/forms.html" },
  { q: "釧路 Q&A 登録期間", top: 3, city: "kushiro" },
  { q: "四日市 モニタリング", from: "ise", top: 3, city: "yokkaichi" },
  // A form's name ranks the forms first.
  { q: "事前登録シート", top: 4, form: true, title: "事前登録シート" },
  { q: "利用登録届", top: 1, form: true, title: "利用登録届" },
  // Katakana written against kanji is two words.
  { q: "モニタリング期間", within: 2, page: "national/monitoring.html" },
];
